"""`flask content check|sync|stats`: validate, load and count the sector content."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from vaktaal.cli import echo_stats
from vaktaal.extensions import db
from vaktaal.sectors.service import content_stats, sync_content
from vaktaal.sectors.spelling import Hunspell
from vaktaal.sectors.validation import ContentReport, check_content


def _check() -> ContentReport:
    checker = Hunspell(current_app.config["HUNSPELL_DICTIONARY"])
    report = check_content(current_app.config["CONTENT_DIR"], checker=checker)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    return report


@click.group()
def content() -> None:
    """Validate, load and count the sector content (content/sectors/)."""


@content.command()
@with_appcontext
def check() -> None:
    """Validate all content; print each problem as path:line: message."""
    report = _check()
    if not report.ok:
        click.echo(f"{len(report.problems)} problem(s) found.", err=True)
        raise SystemExit(1)
    terms = sum(len(t.theme.terms) for s in report.sectors for t in s.themes)
    click.echo(f"Content OK: {len(report.sectors)} sector(s), {terms} term(s).")


@content.command()
@with_appcontext
def sync() -> None:
    """Load all content in one transaction; nothing is loaded when anything is wrong."""
    report = _check()
    if not report.ok:
        click.echo(f"{len(report.problems)} problem(s) found; nothing was loaded.", err=True)
        raise SystemExit(1)
    try:
        result = sync_content(db.session, report.sectors, now=datetime.now(UTC))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    detail = f" ({result.summary()})" if result.changes else ""
    click.echo(f"Content synced: {result.changes} change(s){detail}.")


@content.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@with_appcontext
def stats(as_json: bool) -> None:
    """Count the loaded content per sector."""
    echo_stats(content_stats(db.session), as_json=as_json, line=_stats_line)


def _stats_line(slug: str, n: dict[str, Any]) -> str:
    glosses = ", ".join(
        f"{lang} {g['reviewed']}/{g['total']} reviewed" for lang, g in n["glosses"].items()
    )
    return (
        f"{slug}: {n['themes']} themes, {n['terms']} terms "
        f"({n['nouns_with_picture']}/{n['nouns']} nouns with a picture), "
        f"{n['dialogues']} dialogues ({n['dialogue_lines']} lines); glosses: {glosses or '-'}"
    )

"""`flask audio build|stats`: generate the missing audio, and count what has audio."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from vaktaal.audio.engines import (
    ENGINE_CHOICES,
    accepted_engines,
    engine_order,
    make_engine,
)
from vaktaal.audio.processing import OutputSettings, missing_tools
from vaktaal.audio.service import (
    ERRORS_SHOWN,
    audio_stats,
    build_audio,
    delete_unused_files,
    spoken_items,
)
from vaktaal.audio.storage import storage_for
from vaktaal.audio.synthesis import Renderer
from vaktaal.cli import echo_stats
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector

ENGINE_TITLES = {"gtts": "gTTS", "espeak": "espeak-ng"}


@click.group()
def audio() -> None:
    """Generate and count the audio of every Dutch word, sentence and dialogue line."""


@audio.command()
@click.option(
    "--engine",
    type=click.Choice(ENGINE_CHOICES),
    default="auto",
    show_default=True,
    help="auto: gTTS, and espeak-ng for each item gTTS cannot speak.",
)
@click.option("--sector", help="Only this sector (its slug).")
@click.option("--force", is_flag=True, help="Generate everything again, even what is cached.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 2,
    show_default="number of cores",
)
@with_appcontext
def build(engine: str, sector: str | None, force: bool, workers: int) -> None:
    """Generate the audio that is missing or out of date, and store it."""
    if missing_tools():
        raise click.ClickException(
            f"{' and '.join(missing_tools())} not found: install the Debian package ffmpeg "
            "(`make run` and `make test` do)."
        )
    if (
        sector is not None
        and db.session.scalar(select(Sector).where(Sector.slug == sector)) is None
    ):
        raise click.ClickException(f"no sector {sector!r} is loaded")

    storage = storage_for(current_app.config)
    renderer = Renderer(
        [make_engine(name) for name in engine_order(engine)],
        storage,
        OutputSettings(format=current_app.config["AUDIO_FORMAT"]),
    )
    accepted = [make_engine(name) for name in accepted_engines(engine)]
    total = len(spoken_items(db.session, sector=sector))
    try:
        with click.progressbar(length=total, label="Audio", show_pos=True) as bar:
            result = build_audio(
                db.session,
                renderer=renderer,
                accepted=accepted,
                storage=storage,
                sector=sector,
                force=force,
                workers=workers,
                now=datetime.now(UTC),
                progress=bar.update,
            )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    removed = delete_unused_files(db.session, storage, result.replaced)

    for name, reason in result.unavailable.items():
        click.echo(f"{ENGINE_TITLES[name]} could not be used: {reason}", err=True)
    for change, count in sorted(result.fallbacks.items()):
        wanted, _, used = change.partition(" -> ")
        click.echo(
            f"Fell back from {ENGINE_TITLES[wanted]} to {ENGINE_TITLES[used]} "
            f"for {count} item(s).",
            err=True,
        )
    for error in result.errors[:ERRORS_SHOWN]:
        click.echo(f"failed: {error}", err=True)
    if len(result.errors) > ERRORS_SHOWN:
        click.echo(f"... and {len(result.errors) - ERRORS_SHOWN} more failures.", err=True)
    detail = f"; {removed} unused file(s) removed" if removed else ""
    click.echo(f"Audio: {result.summary()}{detail}.")
    if result.failed:
        raise SystemExit(1)


@audio.command()
@click.option("--json", "as_json", is_flag=True, help="Print the coverage as JSON.")
@with_appcontext
def stats(as_json: bool) -> None:
    """Show per sector how many items have audio."""
    echo_stats(audio_stats(db.session), as_json=as_json, line=_stats_line)


def _stats_line(slug: str, n: dict[str, Any]) -> str:
    share = 100 * n["with_audio"] / n["items"] if n["items"] else 100.0
    kinds = ", ".join(f"{kind} {k['with_audio']}/{k['items']}" for kind, k in n["kinds"].items())
    engines = ", ".join(f"{ENGINE_TITLES[e]} {c}" for e, c in n["engines"].items())
    return (
        f"{slug}: {n['with_audio']}/{n['items']} items with audio ({share:.0f} %): "
        f"{kinds}; engines: {engines or '-'}; {n['bytes'] / 1024:.0f} KB"
    )

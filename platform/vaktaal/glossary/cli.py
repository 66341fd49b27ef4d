"""`flask glossary pdf|tips`: print a glossary or the tips sheet without the web page."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from vaktaal.core.clock import utcnow
from vaktaal.extensions import db
from vaktaal.glossary import service
from vaktaal.glossary.schemas import Layout, Selection


def _codes(value: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in value.split(",") if code.strip())


@click.group()
def glossary() -> None:
    """Print picture glossaries (cards, labels, A3 poster) and the tips sheet as PDF."""


@glossary.command()
@click.option("--sector", required=True, help="sector slug, e.g. schoonmaak")
@click.option("--theme", "themes", multiple=True, help="theme slug (repeat for more)")
@click.option("--term", "terms", multiple=True, help="term key (repeat for more)")
@click.option("--langs", default="", help="up to three gloss languages, e.g. ar,ti")
@click.option(
    "--layout", type=click.Choice([layout.value for layout in Layout]), default=Layout.CARDS.value
)
@click.option("--no-plural", is_flag=True, help="leave out the plurals")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@with_appcontext
def pdf(
    sector: str,
    themes: tuple[str, ...],
    terms: tuple[str, ...],
    langs: str,
    layout: str,
    no_plural: bool,
    output: Path,
) -> None:
    """Write a glossary PDF, e.g. --sector schoonmaak --theme sanitair --langs ar,ti."""
    selection = Selection(
        sector=sector,
        themes=themes,
        terms=terms,
        languages=_codes(langs),
        layout=Layout(layout),
        plural=not no_plural,
    )
    # url_for needs a request; the QR codes take their address from BASE_URL.
    with current_app.test_request_context():
        try:
            built = service.build_glossary(
                db.session,
                selection,
                now=utcnow(),
                word_url=service.public_word_url,
                source=current_app.config["BASE_URL"],
            )
        except service.GlossaryError as problem:
            raise click.ClickException(str(problem)) from None
        data = service.build_glossary_pdf(built)
    output.write_bytes(data)
    click.echo(f"{output}: {len(built.entries)} words, {len(built.pages)} page(s)")


@glossary.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@with_appcontext
def tips(output: Path) -> None:
    """Write the one-page tips sheet for colleagues."""
    with current_app.test_request_context():
        output.write_bytes(service.build_tips_pdf())
    click.echo(str(output))

"""`flask text terms FILE --sector S`: the work words of a training text, best first."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from vaktaal.extensions import db
from vaktaal.texts.extract import MAX_UPLOAD_BYTES, UploadError, text_from_upload
from vaktaal.texts.service import UnknownSector, analyse_text


@click.group()
def text() -> None:
    """Analyse training texts (.txt, .docx, .pdf)."""


@text.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sector", required=True, help="Sector slug, e.g. schoonmaak.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of candidates.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@with_appcontext
def terms(file: Path, sector: str, as_json: bool, limit: int) -> None:
    """Print the candidate terms of FILE, best first; known ones are in the sector's lists."""
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_UPLOAD_BYTES + 1)
    except OSError as error:
        raise click.ClickException(f"Cannot read {file}: {error.strerror}") from error
    try:
        content = text_from_upload(file.name, data)
        candidates = analyse_text(db.session, content, sector_slug=sector, limit=limit)
    except UploadError as error:
        raise click.ClickException(f"Cannot use {file}: {error.code}") from error
    except UnknownSector as error:
        raise click.ClickException(f"No sector {error.args[0]!r}.") from error
    finally:
        db.session.rollback()  # read-only: nothing to commit
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False, indent=2))
        return
    if not candidates:
        click.echo("No candidate terms found.")
        return
    for rank, candidate in enumerate(candidates, start=1):
        where = (
            f"known: {candidate.known.sector}/{candidate.known.theme or '-'}/{candidate.known.key}"
            if candidate.known
            else "new"
        )
        click.echo(
            f"{rank:3}. {candidate.lemma}  ×{candidate.count}  score {candidate.score:.2f}"
            f"  ({where})"
        )
        click.echo(f"     {candidate.sentence}")

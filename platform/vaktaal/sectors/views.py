"""Public pages: the sectors and their themes, a theme's words, and the pictures."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, send_file
from flask.typing import ResponseReturnValue

from vaktaal.audio.service import line_audio_urls, term_audio_urls
from vaktaal.extensions import db
from vaktaal.sectors import service
from vaktaal.sectors.pictures import picture_file

bp = Blueprint("sectors", __name__, template_folder="templates")

PICTURE_MAX_AGE = 7 * 24 * 3600
# An SVG opened on its own must not run anything, whatever the file holds.
PICTURE_CSP = "default-src 'none'; style-src 'unsafe-inline'"


@bp.get("/")
def home() -> ResponseReturnValue:
    return render_template("sectors/home.html", sectors=service.list_sectors(db.session))


@bp.get("/sectors/<sector>/themes/<theme>")
def theme(sector: str, theme: str) -> ResponseReturnValue:
    found = service.get_theme(db.session, sector, theme)
    if found is None:
        abort(404)
    sources = {link.term.picture.source for link in found.theme_terms if link.term.picture}
    term_audio = term_audio_urls(db.session, [link.term_id for link in found.theme_terms])
    line_audio = line_audio_urls(
        db.session, [line.id for dialogue in found.dialogues for line in dialogue.lines]
    )
    return render_template(
        "sectors/theme.html",
        theme=found,
        picture_sources=sources,
        term_audio=term_audio,
        line_audio=line_audio,
    )


@bp.get("/pictures/<folder>/<name>.svg")
def picture(folder: str, name: str) -> ResponseReturnValue:
    found = service.get_picture(db.session, f"{folder}/{name}")
    if found is None:
        abort(404)
    path = _picture_path(found.source, folder, name)
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype="image/svg+xml", max_age=PICTURE_MAX_AGE, etag=found.sha256
    )
    response.headers["Content-Security-Policy"] = PICTURE_CSP
    return response


def _picture_path(kind: str, folder: str, name: str) -> Path:
    return picture_file(kind, folder, name, content_dir=Path(current_app.config["CONTENT_DIR"]))

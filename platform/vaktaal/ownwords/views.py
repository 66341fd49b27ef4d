"""Teachers' own words: create, edit, import; the inbox of words flagged at work."""

from __future__ import annotations

from flask import Blueprint

from vaktaal.ownwords import models  # noqa: F401  (registers the tables)

bp = Blueprint("ownwords", __name__, template_folder="templates")

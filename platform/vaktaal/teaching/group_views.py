"""A teacher's groups: create, join sheet, learners, login cards."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("groups", __name__, template_folder="templates")

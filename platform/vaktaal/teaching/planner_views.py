"""The trajectory planner: training sessions, suggested themes, assignments."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("planner", __name__, template_folder="templates")

from vaktaal.teaching import models  # noqa: E402,F401  (registers the tables)

"""The group's progress: activity, readiness for the next session, themes, CSV export."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("dashboard", __name__, template_folder="templates")

"""Teacher accounts: sign up a new organisation, log in, invite and deactivate teachers."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("team", __name__, template_folder="templates")

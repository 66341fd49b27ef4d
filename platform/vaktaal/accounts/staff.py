"""Who is logged in as staff (employer, later teacher): Flask-Login, not the device cookie."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from vaktaal.accounts import service
from vaktaal.accounts.models import User
from vaktaal.extensions import db, login_manager


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.user_login"
    login_manager.login_message = _l("Log eerst in.")
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def _load_user(user_id: str) -> User | None:
        return service.get_user(db.session, user_id)

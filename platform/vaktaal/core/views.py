"""Health check and the interface-language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, jsonify, redirect, request
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from vaktaal.core.i18n import LOCALE_COOKIE
from vaktaal.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unreachable")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.post("/taal/<code>")
def set_language(code: str) -> ResponseReturnValue:
    if code not in current_app.config["LOCALES"]:
        abort(404)
    # Only go back to a page of this site (no open redirect).
    target = request.form.get("next", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = redirect(target, code=303)
    response.set_cookie(
        LOCALE_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
    )
    return response

"""Which learner is using this phone: a long-lived cookie bound to a Device row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Response, current_app, g, jsonify, redirect, request, url_for

from vaktaal.accounts import service
from vaktaal.accounts.models import Device, Learner
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db

DEVICE_COOKIE = "vaktaal_device"
# Browsers cap cookie lifetimes at about 400 days; the device row can be revoked any time.
DEVICE_COOKIE_AGE = timedelta(days=400)
# Do not write to the database on every request just to say the phone was seen.
SEEN_RESOLUTION = timedelta(hours=1)

F = TypeVar("F", bound=Callable[..., Any])


def current_device() -> Device | None:
    if "device" not in g:
        token = request.cookies.get(DEVICE_COOKIE)
        device = service.device_for_token(db.session, token) if token else None
        if device is not None:
            now = utcnow()
            if now - device.last_seen_at > SEEN_RESOLUTION:
                device.last_seen_at = now
        g.device = device
    return cast(Device | None, g.device)


def current_learner() -> Learner | None:
    device = current_device()
    return device.learner if device else None


def remember_device(response: Response, token: str) -> Response:
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return response


def forget_device(response: Response) -> Response:
    response.delete_cookie(DEVICE_COOKIE, httponly=True, samesite="Lax")
    return response


def learner_required(view: F) -> F:
    """Pages send a stranger to the join page; the API answers 401."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_learner() is None:
            if request.path.startswith("/api/"):
                return jsonify(error="not-signed-in", message="No learner on this device."), 401
            return redirect(url_for("accounts.join", next=request.path))
        return view(*args, **kwargs)

    return cast(F, wrapper)


def init_app(app: Any) -> None:
    @app.context_processor
    def _learner_context() -> dict[str, Any]:
        return {"current_learner": current_learner}

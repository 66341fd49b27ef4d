"""Staff passwords: change your own, and links for a new one when you forgot it.

A reset link is stateless, so no table holds it: the token carries the user's id and a
fingerprint of their *current* password hash, signed with the app's secret key. Setting
a new password (with the link or any other way) changes the hash, so the link works
once; after `RESET_LIFETIME` it expires. Vaktaal sends no e-mail: the organisation's
admin (or the operator, `flask users reset-link`) passes the link on.

Functions flush, never commit.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from vaktaal.accounts.models import User, password_fingerprint
from vaktaal.accounts.service import AccountError, hash_password

RESET_SALT = "password-reset"
RESET_LIFETIME = timedelta(days=3)


class ResetLinkUnusable(AccountError):
    """The link is forged, expired, used, or its account is gone or deactivated."""

    def __init__(self) -> None:
        super().__init__("link-unusable")


def change_password(user: User, *, current: str, new: str) -> None:
    """Set a new password for a user who knows their current one."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError("wrong-password")
    user.password_hash = hash_password(new)


def _serializer(secret: str | bytes, now: datetime) -> URLSafeTimedSerializer:
    """A serializer whose clock is `now`, for signing and for checking the age."""

    class Signer(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(now.timestamp())

    return URLSafeTimedSerializer(secret, salt=RESET_SALT, signer=Signer)


def make_reset_token(user: User, secret: str | bytes, now: datetime | None = None) -> str:
    """A signed token for a new password, valid until the password changes or 3 days pass."""
    payload = [user.id, password_fingerprint(user.password_hash)]
    return _serializer(secret, now or datetime.now(UTC)).dumps(payload)


def user_for_reset_token(
    session: Session, token: str, secret: str | bytes, *, now: datetime | None = None
) -> User | None:
    """The active user the token was made for, if it is still valid; None otherwise."""
    serializer = _serializer(secret, now or datetime.now(UTC))
    try:
        payload = serializer.loads(token, max_age=int(RESET_LIFETIME.total_seconds()))
    except BadSignature:  # also an expired token: `SignatureExpired` is one
        return None
    match payload:
        case [int(user_id), str(fingerprint)]:
            pass
        case _:
            return None
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    if not hmac.compare_digest(password_fingerprint(user.password_hash), fingerprint):
        return None
    return user


def reset_password(
    session: Session, token: str, secret: str | bytes, *, password: str, now: datetime
) -> User:
    """Set the new password the link was made for; raises `ResetLinkUnusable`.

    The hash is replaced only while it is still the one the link was made for, in this
    transaction: of two requests racing with one link, the second waits for the first's
    row lock (PostgreSQL) or write lock (SQLite), then finds the hash changed.
    """
    user = user_for_reset_token(session, token, secret, now=now)
    if user is None:
        raise ResetLinkUnusable()
    new_hash = hash_password(password)
    claimed = session.execute(
        update(User)
        .where(User.id == user.id, User.password_hash == user.password_hash)
        .values(password_hash=new_hash, last_login_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise ResetLinkUnusable()
    session.refresh(user)
    return user

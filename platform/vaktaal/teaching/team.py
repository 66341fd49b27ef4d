"""An organisation's staff: invitations, accepting one, deactivating and reactivating,
and links for a new password.

Functions flush, never commit; they take `now`. Every admin action is limited to the
admin's own organisation: a user or invitation of another one is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vaktaal.accounts.models import Invitation, Role, User
from vaktaal.accounts.reset import make_reset_token
from vaktaal.accounts.service import AccountError, email_key, hash_password, register_user
from vaktaal.core.security import hash_token, new_token

INVITATION_LIFETIME = timedelta(days=14)
MAX_EMAIL_LENGTH = 254


class NotFound(AccountError):
    """The user or invitation is not in the admin's organisation (or does not exist)."""

    def __init__(self) -> None:
        super().__init__("not-found")


class InvitationUnusable(AccountError):
    """The invitation link cannot be used: "unknown", "used", "revoked" or "expired"."""


@dataclass(frozen=True)
class Staff:
    """The organisation's accounts and its open invitations, for the team page."""

    users: list[User]
    invitations: list[Invitation]


def _require_admin(admin: User) -> None:
    if not admin.is_admin or not admin.is_active:
        raise AccountError("not-admin")


def _clean_email(email: str) -> str:
    key = email_key(email)
    local, at, domain = key.partition("@")
    if not at or not local or "." not in domain or len(key) > MAX_EMAIL_LENGTH or " " in key:
        raise AccountError("bad-email")
    return key


def _email_taken(session: Session, key: str) -> bool:
    return session.scalar(select(User.id).where(User.email == key)) is not None


def register_school(
    session: Session, *, organisation_name: str, email: str, password: str, now: datetime
) -> User:
    """A new organisation and its first account, the admin, who is logged in at once."""
    admin = register_user(
        session, organisation_name=organisation_name, email=email, password=password,
        role=Role.ADMIN, now=now,
    )  # fmt: skip
    admin.last_login_at = now
    session.flush()
    return admin


def create_invitation(
    session: Session, admin: User, *, email: str, now: datetime
) -> tuple[Invitation, str]:
    """Invite a teacher into the admin's organisation; returns the invitation and its secret.

    Only the hash of the secret is stored, so the link can be shown once and never again.
    """
    _require_admin(admin)
    key = _clean_email(email)
    if _email_taken(session, key):
        raise AccountError("email-taken")
    token = new_token()
    invitation = Invitation(
        organisation_id=admin.organisation_id,
        token_hash=hash_token(token),
        email=key,
        created_by_id=admin.id,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    session.add(invitation)
    session.flush()
    return invitation, token


def invitation_state(invitation: Invitation, *, now: datetime) -> str:
    """ "open", "used", "revoked" or "expired"."""
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return "open"


def usable_invitation(session: Session, token: str, *, now: datetime) -> Invitation:
    """The open invitation behind a link; raises `InvitationUnusable` with the reason."""
    invitation = session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    state = invitation_state(invitation, now=now)
    if state != "open":
        raise InvitationUnusable(state)
    return invitation


def accept_invitation(
    session: Session, token: str, *, email: str, password: str, now: datetime
) -> User:
    """Make a teacher account in the inviting organisation and use up the invitation."""
    invitation = usable_invitation(session, token, now=now)
    key = _clean_email(email)
    password_hash = hash_password(password)
    if _email_taken(session, key):
        raise AccountError("email-taken")
    # Mark it used only if it is still open, in this transaction: of two requests racing
    # with one link, the second waits for the first's row lock (PostgreSQL) or its write
    # lock (SQLite), then finds the invitation used and changes nothing.
    claimed = session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise InvitationUnusable("used")
    session.refresh(invitation)
    user = User(
        organisation_id=invitation.organisation_id,
        email=key,
        password_hash=password_hash,
        role=Role.TEACHER.value,
        created_at=now,
        last_login_at=now,
    )
    session.add(user)
    session.flush()
    return user


def _own(admin: User, organisation_id: int | None) -> None:
    if organisation_id != admin.organisation_id:
        raise NotFound()


def staff_invitation(session: Session, admin: User, invitation_id: int) -> Invitation:
    """An invitation of the admin's organisation; `NotFound` for any other."""
    _require_admin(admin)
    invitation = session.get(Invitation, invitation_id)
    if invitation is None:
        raise NotFound()
    _own(admin, invitation.organisation_id)
    return invitation


def staff_member(session: Session, admin: User, user_id: int) -> User:
    """A user of the admin's organisation; `NotFound` for any other."""
    _require_admin(admin)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    _own(admin, user.organisation_id)
    return user


def revoke_invitation(
    session: Session, admin: User, invitation: Invitation, *, now: datetime
) -> None:
    """Withdraw an open invitation; its link stops working. A used one cannot be revoked."""
    _require_admin(admin)
    _own(admin, invitation.organisation_id)
    if invitation.used_at is not None:
        raise AccountError("invitation-used")
    if invitation.revoked_at is None:
        invitation.revoked_at = now
    session.flush()


def deactivate_user(session: Session, admin: User, user: User, *, now: datetime) -> None:
    """Stop a staff member from logging in; their groups stay with the organisation."""
    _require_admin(admin)
    _own(admin, user.organisation_id)
    if user.id == admin.id:
        raise AccountError("deactivate-self")
    if user.deactivated_at is None:
        user.deactivated_at = now
    session.flush()


def reactivate_user(session: Session, admin: User, user: User) -> None:
    """Let a deactivated staff member log in again (with their old password)."""
    _require_admin(admin)
    _own(admin, user.organisation_id)
    user.deactivated_at = None
    session.flush()


def password_reset_token(admin: User, user: User, *, secret: str | bytes, now: datetime) -> str:
    """A link token with which a staff member of the admin's organisation sets a new
    password; the admin passes it on. Not for the admin's own account (they change
    theirs knowing the current one) nor for a deactivated one (it would not work)."""
    _require_admin(admin)
    _own(admin, user.organisation_id)
    if user.id == admin.id:
        raise AccountError("reset-self")
    if not user.is_active:
        raise AccountError("reset-inactive")
    return make_reset_token(user, secret, now)


def organisation_staff(session: Session, organisation_id: int, *, now: datetime) -> Staff:
    """The organisation's accounts (admins first, then by address) and open invitations."""
    users = session.scalars(
        select(User).where(User.organisation_id == organisation_id).order_by(User.email)
    ).all()
    invitations = session.scalars(
        select(Invitation)
        .where(
            Invitation.organisation_id == organisation_id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()
    return Staff(
        users=sorted(users, key=lambda user: (not user.is_admin, user.email)),
        invitations=list(invitations),
    )

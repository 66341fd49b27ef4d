"""Rules for groups and learners. Functions flush, never commit; they take `now`."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from vaktaal.accounts.models import (
    Device,
    Group,
    Learner,
    LoginLink,
    Organisation,
    Role,
    User,
    password_fingerprint,
)
from vaktaal.core.security import hash_token, new_token
from vaktaal.sectors.models import Sector
from vaktaal.srs.exercises import Level

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V.
JOIN_CODE_ALPHABET = "ACDEFHJKMNPRTWXY3479"
JOIN_CODE_LENGTH = 6
LEVELS = tuple(level.value for level in Level)
PIN_PATTERN = re.compile(r"^[0-9]{4,6}$")
MAX_PIN_FAILURES = 5
PIN_LOCKOUT = timedelta(minutes=15)
MAX_NAME_LENGTH = 40


class AccountError(ValueError):
    """A request that cannot be carried out; the message is safe to show (in Dutch)."""


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise AccountError("empty-name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise AccountError("name-too-long")
    return cleaned


def new_join_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(select(Group.id).where(Group.join_code == code)) is None:
            return code


def cross_sector_packs(session: Session) -> list[Sector]:
    return list(
        session.scalars(
            select(Sector)
            .where(Sector.cross_sector.is_(True), Sector.retired_at.is_(None))
            .order_by(Sector.position)
        )
    )


def create_group(
    session: Session,
    *,
    name: str,
    sector: Sector,
    level: str = "A0",
    packs: list[Sector] | None = None,
    now: datetime,
) -> Group:
    """Make a group; it practises every cross-sector pack unless `packs` says otherwise."""
    if level not in LEVELS:
        raise AccountError("unknown-level")
    chosen = cross_sector_packs(session) if packs is None else packs
    group = Group(
        name=name.strip(),
        sector=sector,
        join_code=new_join_code(session),
        default_level=level,
        packs=[pack for pack in chosen if pack.id != sector.id],
        created_at=now,
    )
    session.add(group)
    session.flush()
    return group


def find_group(session: Session, code: str) -> Group | None:
    return session.scalar(select(Group).where(Group.join_code == normalise_code(code)))


def _new_learner(
    session: Session,
    *,
    name: str,
    sector: Sector,
    group: Group | None,
    level: str,
    pin: str | None,
    now: datetime,
) -> Learner:
    display_name = clean_name(name)
    if group is not None and _learner_by_name(session, group, display_name) is not None:
        raise AccountError("name-taken")
    learner = Learner(
        group=group,
        sector=sector,
        display_name=display_name,
        name_key=name_key(display_name),
        level=level,
        pin_failures=0,
        created_at=now,
    )
    if pin:
        set_pin(learner, pin)
    session.add(learner)
    session.flush()
    return learner


def join_group(
    session: Session, group: Group, *, name: str, pin: str | None, now: datetime
) -> Learner:
    """A learner joins a group with their display name (and optionally a PIN)."""
    return _new_learner(
        session, name=name, sector=group.sector, group=group, level=group.default_level,
        pin=pin, now=now,
    )  # fmt: skip


def start_without_group(session: Session, sector: Sector, *, name: str, now: datetime) -> Learner:
    """A learner practises a sector on their own, without a teacher's group."""
    return _new_learner(
        session, name=name, sector=sector, group=None, level="A0", pin=None, now=now
    )


def set_pin(learner: Learner, pin: str) -> None:
    if not PIN_PATTERN.match(pin):
        raise AccountError("bad-pin")
    learner.pin_hash = generate_password_hash(pin)
    learner.pin_failures = 0
    learner.pin_locked_until = None


def set_level(learner: Learner, level: str) -> None:
    if level not in LEVELS:
        raise AccountError("unknown-level")
    learner.level = level


def _learner_by_name(session: Session, group: Group, name: str) -> Learner | None:
    return session.scalar(
        select(Learner).where(Learner.group_id == group.id, Learner.name_key == name_key(name))
    )


@dataclass(frozen=True)
class PinResult:
    learner: Learner | None
    error: str | None  # "unknown", "locked", "wrong-pin"
    locked_until: datetime | None = None


def login_with_pin(
    session: Session, *, code: str, name: str, pin: str, now: datetime
) -> PinResult:
    """Group code + name + PIN. Five wrong PINs lock that login for a while."""
    group = find_group(session, code)
    learner = _learner_by_name(session, group, name) if group else None
    if learner is None or learner.pin_hash is None:
        return PinResult(None, "unknown")
    if learner.pin_locked_until is not None and learner.pin_locked_until > now:
        return PinResult(None, "locked", learner.pin_locked_until)
    if not check_password_hash(learner.pin_hash, pin):
        learner.pin_failures += 1
        if learner.pin_failures >= MAX_PIN_FAILURES:
            learner.pin_failures = 0
            learner.pin_locked_until = now + PIN_LOCKOUT
            session.flush()
            return PinResult(None, "locked", learner.pin_locked_until)
        session.flush()
        return PinResult(None, "wrong-pin")
    learner.pin_failures = 0
    learner.pin_locked_until = None
    session.flush()
    return PinResult(learner, None)


def create_login_link(session: Session, learner: Learner, *, now: datetime) -> str:
    """Make a personal login link; returns the secret, which is stored only hashed."""
    token = new_token()
    session.add(LoginLink(learner=learner, token_hash=hash_token(token), created_at=now))
    session.flush()
    return token


def learner_for_login_link(session: Session, token: str) -> Learner | None:
    link = session.scalar(
        select(LoginLink).where(
            LoginLink.token_hash == hash_token(token), LoginLink.revoked_at.is_(None)
        )
    )
    return link.learner if link else None


def revoke_login_links(session: Session, learner: Learner, *, now: datetime) -> int:
    links = session.scalars(
        select(LoginLink).where(LoginLink.learner_id == learner.id, LoginLink.revoked_at.is_(None))
    ).all()
    for link in links:
        link.revoked_at = now
    session.flush()
    return len(links)


def register_device(session: Session, learner: Learner, *, now: datetime) -> str:
    """Remember this phone for the learner; returns the cookie secret."""
    token = new_token()
    session.add(
        Device(learner=learner, token_hash=hash_token(token), created_at=now, last_seen_at=now)
    )
    session.flush()
    return token


def device_for_token(session: Session, token: str) -> Device | None:
    return session.scalar(
        select(Device).where(Device.token_hash == hash_token(token), Device.revoked_at.is_(None))
    )


def revoke_device(device: Device, *, now: datetime) -> None:
    device.revoked_at = now


def practice_sector_ids(session: Session, learner: Learner) -> list[int]:
    """The learner's own sector, then the cross-sector packs they practise."""
    if learner.group is not None:
        packs = [pack for pack in learner.group.packs if pack.retired_at is None]
    else:
        packs = cross_sector_packs(session)
    return [learner.sector_id, *(pack.id for pack in packs if pack.id != learner.sector_id)]


# Staff accounts (employers now; teachers and organisation admins later).

MIN_PASSWORD_LENGTH = 10
# Checked when the e-mail address is unknown, so both answers take as long.
_DUMMY_HASH = generate_password_hash("not a password", method="scrypt")


def email_key(email: str) -> str:
    """One spelling per address: "Ana@Bedrijf.nl " and "ana@bedrijf.nl" are one account."""
    return email.strip().casefold()


def hash_password(password: str) -> str:
    """The stored form of a staff password (scrypt); a short one is refused."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("short-password")
    return generate_password_hash(password, method="scrypt")


def register_user(
    session: Session,
    *,
    organisation_name: str,
    email: str,
    password: str,
    role: Role = Role.EMPLOYER,
    now: datetime,
) -> User:
    """Make an organisation and its first user; refuse a used address or a short password."""
    name = " ".join(organisation_name.split())
    if not name:
        raise AccountError("empty-organisation")
    password_hash = hash_password(password)
    key = email_key(email)
    if session.scalar(select(User.id).where(User.email == key)) is not None:
        raise AccountError("email-taken")
    organisation = Organisation(name=name[:200], created_at=now)
    user = User(
        organisation=organisation,
        email=key,
        password_hash=password_hash,
        role=role.value,
        created_at=now,
    )
    session.add_all([organisation, user])
    session.flush()
    return user


def authenticate_user(
    session: Session, *, email: str, password: str, now: datetime
) -> User | None:
    """The user with this address and password, or None (the caller says only "wrong")."""
    user = session.scalar(select(User).where(User.email == email_key(email)))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    user.last_login_at = now
    return user


def get_user(session: Session, session_id: str) -> User | None:
    """The user of a login session (`User.get_id`), if their password is still the same."""
    user_id, _, fingerprint = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(
        password_fingerprint(user.password_hash), fingerprint
    ):
        return None
    return user

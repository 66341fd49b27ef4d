"""Groups, learners and the devices (phones) they practise on."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vaktaal.core.base import Base, intpk, str80, str200
from vaktaal.sectors.models import Sector

# The cross-sector packs (such as `werk`) a group practises besides its own sector.
group_pack = Table(
    "group_pack",
    Base.metadata,
    Column("group_id", ForeignKey("learner_group.id"), primary_key=True),
    Column("sector_id", ForeignKey("sector.id"), primary_key=True),
)


class Group(Base):
    """A class of learners who follow the same trajectory, joined with a short code."""

    __tablename__ = "learner_group"

    id: Mapped[intpk]
    name: Mapped[str200]
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    default_level: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime]
    # The language school or training company whose teachers manage the group; groups
    # made from the command line have none and are not shown on any teacher's pages.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # Days without practice after which the dashboard flags a learner as inactive.
    inactive_after_days: Mapped[int] = mapped_column(default=7, server_default="7")

    sector: Mapped[Sector] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    packs: Mapped[list[Sector]] = relationship(secondary=group_pack, order_by="Sector.position")
    learners: Mapped[list[Learner]] = relationship(back_populates="group")

    def practises(self, sector: Sector) -> bool:
        """Whether the group's learners practise this sector's words (its own, or a pack)."""
        return self.sector_id == sector.id or any(pack.id == sector.id for pack in self.packs)


class Learner(Base):
    """A learner: a display name, no e-mail. Practises in a group or in a chosen sector."""

    __tablename__ = "learner"
    __table_args__ = (Index(None, "group_id", "name_key", unique=True),)

    id: Mapped[intpk]
    group_id: Mapped[int | None] = mapped_column(ForeignKey("learner_group.id"))
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    display_name: Mapped[str80]
    # The name folded for lookup (case, spaces): "Ahmed" and " ahmed " are one name.
    name_key: Mapped[str80]
    level: Mapped[str] = mapped_column(String(2))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    pin_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    pin_locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    last_active_at: Mapped[datetime | None]

    group: Mapped[Group | None] = relationship(back_populates="learners")
    sector: Mapped[Sector] = relationship()


class Device(Base):
    """A remembered phone: the cookie holds a secret whose hash is stored here."""

    __tablename__ = "device"

    id: Mapped[intpk]
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    learner: Mapped[Learner] = relationship()


class LoginLink(Base):
    """A personal login link (printed as a QR card) that lets a learner onto a new phone."""

    __tablename__ = "login_link"

    id: Mapped[intpk]
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    learner: Mapped[Learner] = relationship()


class Role(StrEnum):
    """What a staff account may do.

    An employer prints glossaries for their company. A teacher manages the groups of
    their organisation; an organisation admin is a teacher who also invites and
    deactivates the organisation's teachers.
    """

    EMPLOYER = "employer"
    TEACHER = "teacher"
    ADMIN = "admin"


class Organisation(Base):
    """A company, school or municipality; an employer's company is its organisation."""

    __tablename__ = "organisation"

    id: Mapped[intpk]
    name: Mapped[str200]
    created_at: Mapped[datetime]

    users: Mapped[list[User]] = relationship(back_populates="organisation")


def password_fingerprint(password_hash: str) -> str:
    """A short digest of a password hash: it changes whenever the password does."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class User(UserMixin, Base):
    """A staff account (e-mail and password) in an organisation, logged in with Flask-Login."""

    __tablename__ = "user_account"

    id: Mapped[intpk]
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    # Stored folded (see service.email_key), so the unique index is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]
    # A deactivated account cannot log in; its groups stay with the organisation.
    deactivated_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    @property
    def is_active(self) -> bool:  # read by Flask-Login: an inactive user is logged out
        return self.deactivated_at is None

    def get_id(self) -> str:
        """What the login session keeps: the id and the password's fingerprint, so a new
        password ends every other session of the account (see service.get_user)."""
        return f"{self.id}:{password_fingerprint(self.password_hash)}"

    @property
    def teaches(self) -> bool:
        return self.role in (Role.TEACHER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class Invitation(Base):
    """A one-time link with which an organisation admin lets a teacher make an account."""

    __tablename__ = "invitation"

    id: Mapped[intpk]
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Whom the admin meant it for; the teacher may still register another address.
    email: Mapped[str] = mapped_column(String(254))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User] = relationship()

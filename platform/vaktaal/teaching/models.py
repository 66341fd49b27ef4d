"""The training calendar of a group and the themes assigned to be pre-taught."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vaktaal.accounts.models import Group
from vaktaal.core.base import Base, intpk, str200
from vaktaal.sectors.models import Theme


class PartOfDay(StrEnum):
    """When in the day a training session is; each has a start time (see planner)."""

    OCHTEND = "ochtend"
    MIDDAG = "middag"
    AVOND = "avond"


class TrainingSession(Base):
    """One session of the job training the group follows, as its provider names it."""

    __tablename__ = "training_session"
    __table_args__ = (Index(None, "group_id", "day"),)

    id: Mapped[intpk]
    group_id: Mapped[int] = mapped_column(ForeignKey("learner_group.id"))
    day: Mapped[date]
    part_of_day: Mapped[str] = mapped_column(String(10))  # a PartOfDay value
    topic: Mapped[str200]  # "VCA H4 Gevaarlijke stoffen", "Praktijkdag heftruck"
    location: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]

    group: Mapped[Group] = relationship()
    assignments: Mapped[list[ThemeAssignment]] = relationship(
        back_populates="training_session", cascade="all, delete-orphan"
    )


class ThemeAssignment(Base):
    """A theme the group must have practised by `due_at` (the pre-teach-by moment).

    With a training session, `due_at` is that session's start; without one, the date
    the teacher chose.
    """

    __tablename__ = "theme_assignment"
    __table_args__ = (Index(None, "group_id", "due_at"),)

    id: Mapped[intpk]
    group_id: Mapped[int] = mapped_column(ForeignKey("learner_group.id"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"))
    training_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_session.id"), index=True
    )
    due_at: Mapped[datetime]
    assigned_at: Mapped[datetime]
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    group: Mapped[Group] = relationship()
    theme: Mapped[Theme] = relationship()
    training_session: Mapped[TrainingSession | None] = relationship(back_populates="assignments")

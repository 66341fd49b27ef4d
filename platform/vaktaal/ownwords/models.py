"""Words a learner flagged at work, and extra words added to someone's practice.

The organisation's own terms and themes themselves are `sectors.models.Term` and
`Theme` rows with an `organisation_id`, so practice, printing and scheduling treat them
exactly like the sector's.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vaktaal.accounts.models import Group, Learner
from vaktaal.core.base import Base, intpk
from vaktaal.sectors.models import Term


class FlagStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"  # turned into a term (or matched to an existing one)
    DISMISSED = "dismissed"


class FlaggedWord(Base):
    """A word a learner met at work: typed, recorded, or both, maybe with a photo."""

    __tablename__ = "flagged_word"

    id: Mapped[intpk]
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("learner_group.id"), index=True)
    text: Mapped[str | None] = mapped_column(String(80))
    # Files under the instance folder, named by a random token (see ownwords.files).
    audio_name: Mapped[str | None] = mapped_column(String(60))
    photo_name: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default="open", server_default="open")
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    handled_at: Mapped[datetime | None]

    learner: Mapped[Learner] = relationship()
    group: Mapped[Group | None] = relationship()
    term: Mapped[Term | None] = relationship()


class PracticeExtra(Base):
    """A term added to one learner's practice, or (without learner) to a whole group's."""

    __tablename__ = "practice_extra"

    id: Mapped[intpk]
    group_id: Mapped[int] = mapped_column(ForeignKey("learner_group.id"), index=True)
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learner.id"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    added_at: Mapped[datetime]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    term: Mapped[Term] = relationship()

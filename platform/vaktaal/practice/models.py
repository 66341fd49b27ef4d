"""A learner's cards (one per term and skill, or per dialogue line) and their answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vaktaal.core.base import Base, intpk
from vaktaal.sectors.models import DialogueLine, Term


class Card(Base):
    """The FSRS memory of one learner for one item and skill.

    The state is derived: it is the replay of the card's answers in answer-time order,
    so an answer that arrives late or twice can never make it wrong.
    """

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("learner_id", "term_id", "skill"),
        UniqueConstraint("learner_id", "line_id", "skill"),
        CheckConstraint("(term_id IS NULL) <> (line_id IS NULL)", name="one_item"),
        # The hot query: this learner's cards that are due.
        Index(None, "learner_id", "due"),
    )

    id: Mapped[intpk]
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    line_id: Mapped[int | None] = mapped_column(ForeignKey("dialogue_line.id"))
    skill: Mapped[str] = mapped_column(String(12))
    memory: Mapped[dict[str, Any]]  # srs.CardState.to_dict()
    due: Mapped[datetime]
    stability: Mapped[float | None]
    reps: Mapped[int] = mapped_column(default=0, server_default="0")
    introduced_at: Mapped[datetime]
    last_answer_at: Mapped[datetime | None]

    term: Mapped[Term | None] = relationship()
    line: Mapped[DialogueLine | None] = relationship()


class Answer(Base):
    """One answer as the phone recorded it; its client-made UUID makes it count once."""

    __tablename__ = "answer"
    __table_args__ = (
        Index(None, "card_id", "answered_at"),
        Index(None, "learner_id", "answered_at"),
    )

    id: Mapped[intpk]
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("device.id"))
    answered_at: Mapped[datetime]
    received_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(24))
    correct: Mapped[bool]
    near_miss: Mapped[bool] = mapped_column(default=False, server_default=false())
    hinted: Mapped[bool] = mapped_column(default=False, server_default=false())
    response_ms: Mapped[int]
    rating: Mapped[int]  # the FSRS rating this answer was applied with

    card: Mapped[Card] = relationship()

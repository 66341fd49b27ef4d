"""Build a practice session: due reviews first, then new cards within the daily limit."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from vaktaal.srs.scheduler import Skill, aware_utc

__all__ = [
    "DEFAULT_NEW_PER_DAY",
    "DEFAULT_SESSION_SIZE",
    "DueCard",
    "NewCard",
    "build_session",
    "new_cards_in_order",
]

DEFAULT_NEW_PER_DAY = 10
DEFAULT_SESSION_SIZE = 12

R = TypeVar("R")


@dataclass(frozen=True)
class DueCard(Generic[R]):
    """A card seen before; `ref` is whatever the caller needs to find it again."""

    ref: R
    due: datetime

    def __post_init__(self) -> None:
        aware_utc(self.due, "due")


@dataclass(frozen=True)
class NewCard(Generic[R]):
    """A card never seen; `item` names what it belongs to (e.g. the term id).

    A word's recognise and produce cards share their `item`.
    """

    ref: R
    item: Hashable
    skill: Skill


def build_session(
    *,
    due: Sequence[DueCard[R]],
    new: Sequence[NewCard[R]],
    now: datetime,
    new_introduced_today: int,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    size: int = DEFAULT_SESSION_SIZE,
) -> list[DueCard[R] | NewCard[R]]:
    """Return the cards of the next session, at most `size`, in the order to practise.

    Reviews due at `now` come first, most overdue first. New cards fill the rest, up to
    what is left of `new_per_day`, in the order given (the caller's priority). A word's
    produce card waits for its recognise card: it is only taken when its recognise card
    is in this session and no other new card is left, and then not right after it.
    """
    now = aware_utc(now)
    if size < 0 or new_introduced_today < 0 or new_per_day < 0:
        raise ValueError("size, new_per_day and new_introduced_today cannot be negative")
    reviews = sorted((card for card in due if card.due <= now), key=lambda card: card.due)
    session: list[DueCard[R] | NewCard[R]] = list(reviews[:size])
    room = min(size - len(session), max(0, new_per_day - new_introduced_today))
    session.extend(new_cards_in_order(new, room))
    return session


def new_cards_in_order(new: Sequence[NewCard[R]], room: int) -> list[NewCard[R]]:
    """Return up to `room` of `new` in order; a produce card waits for its recognise card."""
    if room <= 0:
        return []
    introduced_with = {card.item for card in new if card.skill is Skill.RECOGNISE}

    def waits(card: NewCard[R]) -> bool:
        return card.skill is Skill.PRODUCE and card.item in introduced_with

    first = [card for card in new if not waits(card)][:room]
    recognised = {card.item for card in first if card.skill is Skill.RECOGNISE}
    later = [card for card in new if waits(card) and card.item in recognised]
    later = later[: room - len(first)]
    if later and first[-1].item == later[0].item:
        # Keep a word's produce card from following its recognise card directly.
        if len(later) > 1:
            later = later[1:] + later[:1]
        elif len(first) > 1:
            first[-2:] = [first[-1], first[-2]]
    return first + later

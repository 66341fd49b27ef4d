"""FSRS scheduling of one card: a thin, pure wrapper around py-fsrs (FSRS-6).

py-fsrs reads the clock and the global random generator when it is not told
otherwise; here every function takes `now`, fuzz takes a `random.Random`, and the
card is a frozen value, so the same review always gives the same result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES

__all__ = [
    "DEFAULT_DESIRED_RETENTION",
    "LEARNED_RETRIEVABILITY",
    "LEARNED_STABILITY_DAYS",
    "MAXIMUM_INTERVAL_DAYS",
    "CardState",
    "Rating",
    "Skill",
    "State",
    "aware_utc",
    "is_due",
    "is_learned",
    "is_new",
    "new_card",
    "retrievability",
    "review",
]

# A word counts as learned once its memory lasts a few days and is still fresh.
LEARNED_STABILITY_DAYS = 3.0
LEARNED_RETRIEVABILITY = 0.9
DEFAULT_DESIRED_RETENTION = 0.9
MAXIMUM_INTERVAL_DAYS = 36500
# py-fsrs leaves intervals under 2.5 days unfuzzed.
_FUZZ_FROM_DAYS = 2.5


class Skill(StrEnum):
    """What a card trains: each word has a recognise and a produce card."""

    RECOGNISE = "recognise"  # hear or see the Dutch word, find the meaning or picture
    PRODUCE = "produce"  # from the picture or meaning, find the Dutch word
    DIALOGUE = "dialogue"  # a dialogue line, practised as its own item


@dataclass(frozen=True)
class CardState:
    """The FSRS memory state of one learner's card, as a plain value.

    `stability` and `difficulty` are None until the first review; `step` is the
    learning or relearning step, None in the review state.
    """

    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def __post_init__(self) -> None:
        aware_utc(self.due, "due")
        if self.last_review is not None:
            aware_utc(self.last_review, "last_review")
        if self.reps < 0 or self.lapses < 0:
            raise ValueError("reps and lapses cannot be negative")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict (ISO datetimes, the state as py-fsrs's number)."""
        return {
            "state": int(self.state),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        """Build a card from `to_dict()` output; naive datetimes raise ValueError."""
        last_review = data.get("last_review")
        stability = data.get("stability")
        difficulty = data.get("difficulty")
        step = data.get("step")
        return cls(
            state=State(int(data["state"])),
            step=None if step is None else int(step),
            stability=None if stability is None else float(stability),
            difficulty=None if difficulty is None else float(difficulty),
            due=datetime.fromisoformat(data["due"]),
            last_review=None if last_review is None else datetime.fromisoformat(last_review),
            reps=int(data.get("reps", 0)),
            lapses=int(data.get("lapses", 0)),
        )


def aware_utc(moment: datetime, name: str = "now") -> datetime:
    """Return `moment` in UTC; a naive datetime raises ValueError (no hidden local clock)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime {moment!r}: pass an aware datetime (UTC)")
    return moment.astimezone(UTC)


def new_card(*, now: datetime) -> CardState:
    """Return a card never reviewed, due at once."""
    return CardState(
        state=State.Learning, step=0, stability=None, difficulty=None, due=aware_utc(now)
    )


def review(
    card: CardState,
    rating: Rating,
    *,
    now: datetime,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
    fuzz: bool = True,
    rng: random.Random | None = None,
) -> CardState:
    """Return the card after a review with `rating` at `now`; `card` is left untouched.

    Fuzz spreads review intervals of 3 days and more by a day or so, as py-fsrs does,
    so words learned together do not all come back on the same day. Without `rng` the
    fuzz is seeded from the card and `now`: syncing the same answer twice gives the
    same due date. Apply reviews in the order they were answered.
    """
    now = aware_utc(now)
    reviewed, _log = _scheduler(desired_retention).review_card(
        _to_fsrs(card), Rating(rating), review_datetime=now
    )
    due = reviewed.due
    if fuzz and reviewed.state == State.Review:
        generator = rng if rng is not None else random.Random(_fuzz_seed(card, now))
        due = now + _fuzzed_interval(due - now, generator)
    forgotten = card.state == State.Review and rating == Rating.Again
    return CardState(
        state=reviewed.state,
        step=reviewed.step,
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        due=due,
        last_review=now,
        reps=card.reps + 1,
        lapses=card.lapses + 1 if forgotten else card.lapses,
    )


def retrievability(card: CardState, *, now: datetime) -> float:
    """Return the predicted chance (0–1) that the learner recalls the card at `now`."""
    now = aware_utc(now)
    if card.last_review is None or card.stability is None:
        return 0.0
    return float(
        _scheduler(DEFAULT_DESIRED_RETENTION).get_card_retrievability(_to_fsrs(card), now)
    )


def is_learned(card: CardState, *, now: datetime) -> bool:
    """Tell whether the word is learned: a stable memory that is still fresh at `now`."""
    return (
        card.stability is not None
        and card.stability >= LEARNED_STABILITY_DAYS
        and retrievability(card, now=now) >= LEARNED_RETRIEVABILITY
    )


def is_new(card: CardState) -> bool:
    """Tell whether the card has never been reviewed."""
    return card.last_review is None


def is_due(card: CardState, *, now: datetime) -> bool:
    """Tell whether the card is due for review at `now`."""
    return card.due <= aware_utc(now)


@lru_cache(maxsize=16)
def _scheduler(desired_retention: float) -> Scheduler:
    if not 0.0 < desired_retention < 1.0:
        raise ValueError(f"desired_retention must be between 0 and 1, not {desired_retention}")
    # Fuzz is applied here, with an explicit generator, instead of py-fsrs's global one.
    return Scheduler(
        desired_retention=desired_retention,
        maximum_interval=MAXIMUM_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def _to_fsrs(card: CardState) -> Card:
    # An explicit card_id: py-fsrs would otherwise read the clock and sleep a millisecond.
    return Card(
        card_id=0,
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def _fuzz_seed(card: CardState, now: datetime) -> str:
    return f"{card.due.isoformat()}|{card.last_review}|{card.reps}|{now.isoformat()}"


def _fuzzed_interval(interval: timedelta, rng: random.Random) -> timedelta:
    """Spread an interval over a range around it, with py-fsrs's ranges and rounding."""
    days = interval.days
    if days < _FUZZ_FROM_DAYS:
        return interval
    delta = 1.0
    for fuzz_range in FUZZ_RANGES:
        delta += fuzz_range["factor"] * max(
            min(float(days), fuzz_range["end"]) - fuzz_range["start"], 0.0
        )
    max_days = min(round(days + delta), MAXIMUM_INTERVAL_DAYS)
    min_days = min(max(2, round(days - delta)), max_days)
    fuzzed = rng.random() * (max_days - min_days + 1) + min_days
    return timedelta(days=min(round(fuzzed), MAXIMUM_INTERVAL_DAYS))

"""Pre-teaching: sessions that get a theme's words learned by a deadline.

A teacher assigns a theme with a pre-teach-by moment (the start of a training session).
`plan_session` then builds each session so that every word of the theme has been
introduced some days before that moment and reviewed since, without starving the
reviews of older words and within the learner's daily time. Without deadlines it is
exactly `build_session`. docs/scheduling.md explains the rules and their measured
effect.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from vaktaal.srs.queue import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_SESSION_SIZE,
    DueCard,
    NewCard,
    build_session,
    new_cards_in_order,
)
from vaktaal.srs.scheduler import CardState, aware_utc, retrievability

__all__ = ["DEFAULT_PACE", "Pace", "SeenCard", "deadline_quota", "plan_session"]

R = TypeVar("R")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class SeenCard(Generic[R]):
    """A card the learner has: its memory state and when it was introduced."""

    ref: R
    item: Hashable
    state: CardState
    introduced: datetime

    def __post_init__(self) -> None:
        aware_utc(self.introduced, "introduced")


@dataclass(frozen=True)
class Pace:
    """How the pre-teaching plan spreads and refreshes a deadline's words.

    The estimates of time per card include looking at the feedback: a new card is
    shown (picture, word, sound) and then asked, a review is only asked.
    """

    # Every word is introduced by this long before its deadline, so that it is reviewed
    # at least twice before it (FSRS brings a new word back after one to three days).
    lead: timedelta = timedelta(days=2)
    # The most new cards on one day when a deadline needs more than the daily limit.
    new_cap: int = 20
    # In this window before its deadline a word whose predicted recall at the deadline
    # is under `refresh_target` gets an extra review, even if FSRS would wait longer.
    # ... and so does a card answered fewer than `refresh_min_reps` times, so that every
    # word is reviewed more than once after its introduction. Not within `refresh_gap`
    # of its last answer: recall right after an answer teaches nothing.
    refresh_within: timedelta = timedelta(hours=48)
    refresh_target: float = 0.9
    refresh_min_reps: int = 3
    refresh_gap: timedelta = timedelta(hours=1)
    # At least this share of every session goes to due reviews of other words.
    review_share: float = 0.25
    seconds_per_new: float = 20.0
    seconds_per_review: float = 8.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.review_share <= 1.0 or not 0.0 < self.refresh_target < 1.0:
            raise ValueError("review_share must be in 0..1 and refresh_target in 0..1")
        if min(self.new_cap, self.refresh_min_reps, self.seconds_per_new,
               self.seconds_per_review) < 0:  # fmt: skip
            raise ValueError("new_cap, refresh_min_reps and seconds cannot be negative")


DEFAULT_PACE = Pace()


def deadline_quota(
    *, remaining_at_day_start: int, introduced_today: int, deadline: datetime,
    day_start: datetime, pace: Pace = DEFAULT_PACE,
) -> int:  # fmt: skip
    """Return how many more of a deadline's words to introduce today.

    The words not introduced at the start of today are spread evenly over the whole
    days left before `deadline - pace.lead` (today included); on the last of those
    days, or later, all that are left are due today.
    """
    introduce_by = aware_utc(deadline, "deadline") - pace.lead
    days_left = max(1, math.floor((introduce_by - aware_utc(day_start, "day_start")) / _DAY))
    return max(0, math.ceil(remaining_at_day_start / days_left) - introduced_today)


def plan_session(
    *,
    seen: Sequence[SeenCard[R]],
    new: Sequence[NewCard[R]],
    now: datetime,
    new_introduced_today: int,
    deadlines: Mapping[Hashable, datetime] | None = None,
    day_start: datetime | None = None,
    seconds_today: float = 0.0,
    seconds_per_day: float | None = None,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    size: int = DEFAULT_SESSION_SIZE,
    pace: Pace = DEFAULT_PACE,
) -> list[SeenCard[R] | NewCard[R]]:
    """Return the cards of the next session, at most `size`, in the order to practise.

    `seen` are all the learner's cards (due or not), `new` the new cards in the
    caller's order, `deadlines` the pre-teach-by moment of each item that has one
    (items as in `NewCard.item`). Deadlines at or before `now` no longer count; with
    none left this is `build_session`. Otherwise, in this order:

    1. due reviews of other words, most overdue first, up to `pace.review_share` of
       the session (so they are never starved), and due reviews of deadline words;
    2. a refresh of deadline words whose deadline is within `pace.refresh_within`
       and whose predicted recall at the deadline is under `pace.refresh_target` (or
       that were answered fewer than `pace.refresh_min_reps` times), weakest first;
    3. new cards of deadline words, earliest deadline first, up to the daily limit,
       or more (up to `pace.new_cap`) when the deadlines need more today
       (`deadline_quota` words plus the follow-up cards of words already started);
    4. the other due reviews, then other new cards within the daily limit.

    New cards are only taken while the estimated time of the day (`seconds_today`
    plus this session) stays within `seconds_per_day`. `day_start` is the start of
    the learner's day (their midnight); without it, midnight UTC.
    """
    now = aware_utc(now)
    active = {item: aware_utc(at, "deadline") for item, at in (deadlines or {}).items()}
    active = {item: at for item, at in active.items() if at > now}
    if not active:
        return _plain_session(seen, new, now, new_introduced_today, new_per_day, size)
    if size < 0 or new_introduced_today < 0 or new_per_day < 0:
        raise ValueError("size, new_per_day and new_introduced_today cannot be negative")
    start = aware_utc(day_start, "day_start") if day_start is not None else _utc_midnight(now)

    due_now = sorted((c for c in seen if c.state.due <= now), key=lambda c: c.state.due)
    deadline_due = [c for c in due_now if c.item in active]
    other_due = [c for c in due_now if c.item not in active]
    guaranteed = min(len(other_due), math.ceil(size * pace.review_share))
    first = other_due[:guaranteed] + deadline_due[: max(0, size - guaranteed)]
    session: list[SeenCard[R] | NewCard[R]] = []
    session.extend(sorted(first, key=lambda c: c.state.due)[:size])
    session.extend(_refresh(seen, active, now, pace)[: size - len(session)])

    budget = _Budget(seconds_today, seconds_per_day, pace)
    budget.spend_reviews(len(session))
    deadline_new = sorted(
        (card for card in new if card.item in active), key=lambda card: active[card.item]
    )
    wanted = _wanted_today(seen, deadline_new, active, start, pace)
    allowed = max(new_per_day, min(pace.new_cap, new_introduced_today + wanted))
    room = min(size - len(session), allowed - new_introduced_today, budget.new_cards_left())
    taken = new_cards_in_order(deadline_new, room)
    session.extend(taken)
    budget.spend_new(len(taken))

    rest = other_due[guaranteed:][: size - len(session)]
    session.extend(rest)
    budget.spend_reviews(len(rest))
    other_new = [card for card in new if card.item not in active]
    room = min(
        size - len(session),
        new_per_day - new_introduced_today - len(taken),
        budget.new_cards_left(),
    )
    session.extend(new_cards_in_order(other_new, room))
    return session


def _plain_session(
    seen: Sequence[SeenCard[R]],
    new: Sequence[NewCard[R]],
    now: datetime,
    new_introduced_today: int,
    new_per_day: int,
    size: int,
) -> list[SeenCard[R] | NewCard[R]]:
    # build_session takes one kind of ref: here where the card is in `seen` or `new`.
    due = [DueCard(ref=("seen", i), due=card.state.due) for i, card in enumerate(seen)]
    fresh = [
        NewCard(ref=("new", i), item=card.item, skill=card.skill) for i, card in enumerate(new)
    ]
    chosen = build_session(
        due=due, new=fresh, now=now, new_introduced_today=new_introduced_today,
        new_per_day=new_per_day, size=size,
    )  # fmt: skip
    return [seen[i] if kind == "seen" else new[i] for kind, i in (card.ref for card in chosen)]


def _refresh(
    seen: Sequence[SeenCard[R]], active: Mapping[Hashable, datetime], now: datetime, pace: Pace
) -> list[SeenCard[R]]:
    """Deadline cards that FSRS would not bring back in time to be fresh at the deadline."""
    weak: list[tuple[float, SeenCard[R]]] = []
    for card in seen:
        deadline = active.get(card.item)
        last = card.state.last_review
        if (
            deadline is None
            or last is None
            or card.state.due <= now
            or now - last < pace.refresh_gap
            or deadline - now > pace.refresh_within
        ):
            continue
        recall = retrievability(card.state, now=deadline)
        if recall < pace.refresh_target or card.state.reps < pace.refresh_min_reps:
            weak.append((recall, card))
    weak.sort(key=lambda pair: pair[0])
    return [card for _, card in weak]


def _wanted_today(
    seen: Sequence[SeenCard[R]],
    deadline_new: Sequence[NewCard[R]],
    active: Mapping[Hashable, datetime],
    day_start: datetime,
    pace: Pace,
) -> int:
    """Return how many more deadline cards today asks for, over all deadlines.

    That is each deadline's quota of words to start, plus the follow-up cards (a word's
    produce card) of deadline words already started: those are due as soon as they may.
    """
    introduced: dict[Hashable, datetime] = {}
    for card in seen:
        if card.item in active:
            earlier = introduced.get(card.item)
            if earlier is None or card.introduced < earlier:
                introduced[card.item] = card.introduced
    # A word is waiting when its first card is new: produce cards follow recognise ones.
    waiting = {card.item for card in deadline_new if card.item not in introduced}
    by_deadline: dict[datetime, tuple[int, int]] = {}
    for item in waiting:
        left, today = by_deadline.get(active[item], (0, 0))
        by_deadline[active[item]] = (left + 1, today)
    for item, at in introduced.items():
        if at >= day_start:
            left, today = by_deadline.get(active[item], (0, 0))
            by_deadline[active[item]] = (left + 1, today + 1)
    followups = sum(1 for card in deadline_new if card.item in introduced)
    return followups + sum(
        deadline_quota(
            remaining_at_day_start=left,
            introduced_today=today,
            deadline=deadline,
            day_start=day_start,
            pace=pace,
        )
        for deadline, (left, today) in by_deadline.items()
    )


class _Budget:
    """The estimated seconds of the day, spent card by card."""

    def __init__(self, seconds_today: float, seconds_per_day: float | None, pace: Pace) -> None:
        if seconds_today < 0 or (seconds_per_day is not None and seconds_per_day < 0):
            raise ValueError("seconds_today and seconds_per_day cannot be negative")
        self.spent = seconds_today
        self.limit = seconds_per_day
        self.pace = pace

    def spend_reviews(self, count: int) -> None:
        self.spent += count * self.pace.seconds_per_review

    def spend_new(self, count: int) -> None:
        self.spent += count * self.pace.seconds_per_new

    def new_cards_left(self) -> int:
        if self.limit is None:
            return 1 << 30
        if self.pace.seconds_per_new == 0:
            return 1 << 30 if self.spent <= self.limit else 0
        return max(0, math.floor((self.limit - self.spent) / self.pace.seconds_per_new))


def _utc_midnight(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)

"""The numbers on a group's progress dashboard, computed for the whole group at once.

Each function reads one table at a time for all learners of the group (never a query per
learner), so the page stays fast for a class of 30 with hundreds of cards each.

Definitions, shared with the learner's own progress page (practice.service):
- a word is *learned* when every card the learner has of it is learned (srs.is_learned);
- a card is *due now* when it has been answered before and its due moment has passed;
- *practice time* is the sum of the answers' response times, each capped at 60 s (a
  learner who leaves the phone on the table does not practise for an hour);
- weeks start on Monday in Europe/Amsterdam.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from vaktaal.accounts.models import Group, Learner
from vaktaal.practice.models import Answer, Card
from vaktaal.practice.service import LOCAL_TIME, local_day_start
from vaktaal.sectors.models import Term, Theme, ThemeTerm
from vaktaal.srs.scheduler import (
    LEARNED_STABILITY_DAYS,
    CardState,
    State,
    is_learned,
    retrievability,
)
from vaktaal.teaching.models import ThemeAssignment, TrainingSession
from vaktaal.teaching.planner import next_session, session_start, session_terms

RESPONSE_CAP_MS = 60_000
CHART_WEEKS = 8
STRUGGLING_WORDS = 5
READY_FROM = 0.8
ALMOST_FROM = 0.5


def week_start(now: datetime) -> datetime:
    """Return Monday 00:00 (Europe/Amsterdam) of the week `now` falls in."""
    today = local_day_start(now)
    return today - timedelta(days=today.weekday())


def _capped_ms() -> Any:
    return case((Answer.response_ms > RESPONSE_CAP_MS, RESPONSE_CAP_MS), else_=Answer.response_ms)


def _learners(session: Session, group: Group) -> list[Learner]:
    return list(
        session.scalars(
            select(Learner)
            .where(Learner.group_id == group.id)
            .order_by(Learner.display_name, Learner.id)
        )
    )


@dataclass(frozen=True)
class WordCards:
    """The group's word cards, summarised per learner id (read once for a whole page)."""

    seen: dict[int, set[int]]  # term ids with a card
    learned: dict[int, set[int]]  # term ids of which every card is learned
    due: Counter[int]  # cards answered before and due now


# The stored memory is JSON; only two of its values matter here, and decoding 9,000
# documents was most of the page's time. So the database hands over the last review
# (a JSON field) and the stability (a column), and the memory is rebuilt from those:
# srs.retrievability and srs.is_learned read nothing else.
_LAST_REVIEW = Card.memory["last_review"].as_string()


def _memory(stability: float | None, last_review: str | None, due: datetime) -> CardState | None:
    """Rebuild enough of a card's memory to predict recall; None if never reviewed."""
    if stability is None or last_review is None:
        return None
    return CardState(
        state=State.Review,
        step=None,
        stability=stability,
        difficulty=None,
        due=due,
        last_review=datetime.fromisoformat(last_review),
    )


def _card_learned(
    stability: float | None, last_review: str | None, due: datetime, *, now: datetime
) -> bool:
    if stability is None or stability < LEARNED_STABILITY_DAYS:
        return False  # cheap to tell, and true of most young cards
    memory = _memory(stability, last_review, due)
    return memory is not None and is_learned(memory, now=now)


def word_cards(session: Session, group: Group, *, now: datetime) -> WordCards:
    """Read the group's word cards (dialogue-line cards are not words) in one query."""
    flags: dict[tuple[int, int], bool] = {}
    due: Counter[int] = Counter()
    for learner_id, term_id, due_at, stability, reps, reviewed_at in session.execute(
        select(Card.learner_id, Card.term_id, Card.due, Card.stability, Card.reps, _LAST_REVIEW)
        .join(Learner, Learner.id == Card.learner_id)
        .where(Learner.group_id == group.id, Card.term_id.is_not(None))
    ):
        key = (learner_id, term_id)
        if reps > 0 and due_at <= now:
            due[learner_id] += 1
        # A word is learned when all its cards are; one card that is not settles it.
        if flags.get(key, True):
            flags[key] = reps > 0 and _card_learned(stability, reviewed_at, due_at, now=now)
    seen: dict[int, set[int]] = defaultdict(set)
    learned: dict[int, set[int]] = defaultdict(set)
    for (learner_id, term_id), is_word_learned in flags.items():
        seen[learner_id].add(term_id)
        if is_word_learned:
            learned[learner_id].add(term_id)
    return WordCards(seen=seen, learned=learned, due=due)


# ---------------------------------------------------------------------------- overview


class Activity(StrEnum):
    """Whether a learner practises: recently, not for a while, or never."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    NEVER = "never"


@dataclass(frozen=True)
class LearnerRow:
    learner_id: int
    name: str
    last_active: datetime | None
    minutes_this_week: float
    words_learned: int
    words_seen: int
    due_now: int
    activity: Activity


def group_overview(
    session: Session, group: Group, *, now: datetime, cards: WordCards | None = None
) -> list[LearnerRow]:
    """Return one row per learner of the group, ordered by name."""
    learners = _learners(session, group)
    # Per learner, through the (learner_id, answered_at) index: the newest answer is one
    # index lookup and this week's minutes read only this week's answers, however long
    # the group has practised.
    last = (
        select(func.max(Answer.answered_at))
        .where(Answer.learner_id == Learner.id)
        .correlate(Learner)
        .scalar_subquery()
    )
    week_ms = (
        select(func.sum(_capped_ms()))
        .where(Answer.learner_id == Learner.id, Answer.answered_at >= week_start(now))
        .correlate(Learner)
        .scalar_subquery()
    )
    activity = {
        learner_id: (latest, ms or 0)
        for learner_id, latest, ms in session.execute(
            select(Learner.id, last, week_ms).where(Learner.group_id == group.id)
        )
    }
    if cards is None:
        cards = word_cards(session, group, now=now)
    inactive_from = now - timedelta(days=group.inactive_after_days)
    rows = []
    for learner in learners:
        last, ms = activity.get(learner.id, (None, 0))
        if last is None:
            state = Activity.NEVER
        elif last <= inactive_from:
            state = Activity.INACTIVE
        else:
            state = Activity.ACTIVE
        rows.append(
            LearnerRow(
                learner_id=learner.id,
                name=learner.display_name,
                last_active=last,
                minutes_this_week=int(ms) / 60_000,
                words_learned=len(cards.learned.get(learner.id, ())),
                words_seen=len(cards.seen.get(learner.id, ())),
                due_now=cards.due[learner.id],
                activity=state,
            )
        )
    return rows


# --------------------------------------------------------------------------- readiness


class ReadinessLevel(StrEnum):
    READY = "ready"  # ≥ 80 %
    ALMOST = "almost"  # 50–80 %
    NOT_READY = "not_ready"  # < 50 %


def readiness_level(share: float) -> ReadinessLevel:
    """Return the traffic-light level for a predicted share of words recalled (0–1)."""
    if share >= READY_FROM:
        return ReadinessLevel.READY
    if share >= ALMOST_FROM:
        return ReadinessLevel.ALMOST
    return ReadinessLevel.NOT_READY


@dataclass(frozen=True)
class Readiness:
    training_session: TrainingSession
    starts_at: datetime
    term_count: int
    per_learner: dict[int, float]  # learner id → share 0–1; empty without words
    group_share: float | None  # None without learners or without words


def readiness(
    session: Session, group: Group, training_session: TrainingSession, *, now: datetime
) -> Readiness:
    """Predict, per learner, the share of the session's words recalled at its start.

    A word's recall is the mean FSRS retrievability, at the session's start, of the
    learner's *reviewed* cards of that word (recognise and produce): using both is
    stricter than the recognise card alone, and it is what the learner needs at the
    training — to understand the word and to say it. A word without any reviewed card
    counts 0. The learner's readiness is the mean over the session's words; the
    group's is the mean over its learners. `now` is unused by the prediction itself
    (it looks ahead to the session) and kept for symmetry with the other functions.
    """
    del now
    starts_at = session_start(training_session)
    term_ids = [term.id for term in session_terms(session, training_session)]
    learners = _learners(session, group)
    per_learner: dict[int, float] = {}
    if term_ids:
        recalls: dict[tuple[int, int], list[float]] = defaultdict(list)
        for learner_id, term_id, stability, last_review, due in session.execute(
            select(Card.learner_id, Card.term_id, Card.stability, _LAST_REVIEW, Card.due)
            .join(Learner, Learner.id == Card.learner_id)
            .where(Learner.group_id == group.id, Card.term_id.in_(term_ids), Card.reps > 0)
        ):
            memory = _memory(stability, last_review, due)
            if memory is not None:
                recall = retrievability(memory, now=starts_at)
                recalls[(learner_id, term_id)].append(recall)
        for learner in learners:
            words = [recalls.get((learner.id, term_id)) for term_id in term_ids]
            per_learner[learner.id] = sum(sum(r) / len(r) for r in words if r) / len(term_ids)
    group_share = sum(per_learner.values()) / len(per_learner) if per_learner else None
    return Readiness(
        training_session=training_session,
        starts_at=starts_at,
        term_count=len(term_ids),
        per_learner=per_learner,
        group_share=group_share,
    )


def next_readiness(session: Session, group: Group, *, now: datetime) -> Readiness | None:
    """Return the readiness for the group's next training session, if there is one."""
    upcoming = next_session(session, group, now=now)
    if upcoming is None:
        return None
    return readiness(session, group, upcoming, now=now)


# ------------------------------------------------------------------------------ themes


@dataclass(frozen=True)
class StrugglingWord:
    lemma: str
    again: int  # how many answers on this word were rated Again in the group


@dataclass(frozen=True)
class ThemeProgress:
    """A theme's words, and how far the group's learners are with them.

    `seen` and `learned` are means per learner (all learners of the group, including
    those who never practised), so a group of one and a group of thirty read alike.
    """

    theme_id: int
    title: str
    assigned: bool
    word_count: int
    seen: float
    learned: float
    struggling: list[StrugglingWord]


def theme_progress(
    session: Session, group: Group, *, now: datetime, cards: WordCards | None = None
) -> list[ThemeProgress]:
    """Per theme assigned to the group (else per theme its learners have cards in)."""
    assigned_ids = list(
        session.scalars(
            select(ThemeAssignment.theme_id)
            .where(ThemeAssignment.group_id == group.id)
            .group_by(ThemeAssignment.theme_id)
        )
    )
    if cards is None:
        cards = word_cards(session, group, now=now)
    if assigned_ids:
        theme_ids = set(assigned_ids)
    else:
        card_terms = {t for terms in cards.seen.values() for t in terms}
        theme_ids = set(
            session.scalars(
                select(ThemeTerm.theme_id)
                .where(ThemeTerm.term_id.in_(sorted(card_terms)))
                .distinct()
            )
        )
    if not theme_ids:
        return []
    themes = list(
        session.scalars(
            select(Theme).where(Theme.id.in_(sorted(theme_ids))).order_by(Theme.position, Theme.id)
        )
    )
    theme_terms: dict[int, list[int]] = defaultdict(list)
    for theme_id, term_id in session.execute(
        select(ThemeTerm.theme_id, ThemeTerm.term_id)
        .join(Term, Term.id == ThemeTerm.term_id)
        .where(ThemeTerm.theme_id.in_(sorted(theme_ids)), Term.retired_at.is_(None))
        .order_by(ThemeTerm.theme_id, ThemeTerm.position)
    ):
        theme_terms[theme_id].append(term_id)
    all_terms = {t for terms in theme_terms.values() for t in terms}
    again: dict[int, int] = {
        term_id: count
        for term_id, count in session.execute(
            select(Card.term_id, func.count())
            .select_from(Answer)
            .join(Card, Card.id == Answer.card_id)
            .join(Learner, Learner.id == Answer.learner_id)
            .where(
                Learner.group_id == group.id,
                Answer.rating == 1,
                Card.term_id.in_(sorted(all_terms)),
            )
            .group_by(Card.term_id)
        )
    }
    lemmas: dict[int, str] = {
        term_id: lemma
        for term_id, lemma in session.execute(
            select(Term.id, Term.lemma).where(Term.id.in_(sorted(again)))
        )
    }
    learner_count = len(_learners(session, group))
    result = []
    for theme in themes:
        terms = theme_terms.get(theme.id, [])
        words = set(terms)
        seen_total = sum(len(words & s) for s in cards.seen.values())
        learned_total = sum(len(words & s) for s in cards.learned.values())
        hard = sorted(
            (t for t in terms if again.get(t)), key=lambda t: (-again[t], lemmas[t].casefold())
        )[:STRUGGLING_WORDS]
        result.append(
            ThemeProgress(
                theme_id=theme.id,
                title=theme.title,
                assigned=theme.id in assigned_ids,
                word_count=len(terms),
                seen=seen_total / learner_count if learner_count else 0.0,
                learned=learned_total / learner_count if learner_count else 0.0,
                struggling=[StrugglingWord(lemmas[t], again[t]) for t in hard],
            )
        )
    return result


# ------------------------------------------------------------------------------- chart


@dataclass(frozen=True)
class WeekMinutes:
    monday: date
    minutes: float


def weekly_minutes(
    session: Session, group: Group, *, now: datetime, weeks: int = CHART_WEEKS
) -> list[WeekMinutes]:
    """Return the group's practice minutes per week, oldest first, this week included."""
    this_week = week_start(now)
    # Each local Monday 00:00 as a moment (a week is not always 7 × 24 h: summer time).
    starts = [
        (this_week.replace(tzinfo=None) - timedelta(weeks=n)).replace(tzinfo=LOCAL_TIME)
        for n in reversed(range(weeks))
    ]
    week = case(
        *((Answer.answered_at >= start, n) for n, start in reversed(list(enumerate(starts)))),
        else_=-1,
    ).label("week")
    totals = {
        n: int(ms)
        for n, ms in session.execute(
            select(week, func.sum(_capped_ms()))
            .join(Learner, Learner.id == Answer.learner_id)
            .where(Learner.group_id == group.id, Answer.answered_at >= starts[0])
            .group_by(week)
        )
    }
    return [WeekMinutes(start.date(), totals.get(n, 0) / 60_000) for n, start in enumerate(starts)]


# -------------------------------------------------------------------------------- CSV

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """Return the cell's text; text a spreadsheet would run as a formula gets a `'`."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def progress_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Return the CSV file: UTF-8 with a byte-order mark, `;` between cells.

    Dutch Excel reads a file by the system's list separator, which is `;` in the Dutch
    locale (`,` is the decimal comma there), and only recognises UTF-8 (names like
    "Şükrü" or "Ḥasan") when the file starts with a BOM. LibreOffice and Python's csv
    module read this too.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

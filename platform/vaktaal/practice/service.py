"""Practice rules: which items a learner gets next, and applying answers exactly once.

Every answer carries a UUID made on the phone. An answer is stored once (a second
copy of the same UUID is ignored), and a card's FSRS state is the replay of all its
answers in answer-time order. So batches that arrive twice, late, out of order or from
two phones of the same learner all lead to the same state.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from vaktaal.accounts.models import Device, Learner, LoginLink
from vaktaal.accounts.service import practice_sector_ids
from vaktaal.ownwords import files, inbox
from vaktaal.ownwords.models import PracticeExtra
from vaktaal.practice.models import Answer, Card
from vaktaal.practice.schemas import AnswerIn
from vaktaal.sectors.models import Dialogue, Picture, Term, Theme, ThemeTerm
from vaktaal.srs.exercises import (
    ExerciseKind,
    Level,
    LineItem,
    TermItem,
    choose_dialogue_exercise,
    choose_term_exercise,
    dialogue_kinds_for,
    kinds_for,
)
from vaktaal.srs.grading import rating_for
from vaktaal.srs.preteach import SeenCard, plan_session
from vaktaal.srs.queue import DueCard, NewCard, build_session
from vaktaal.srs.scheduler import CardState, Skill, State, is_learned, new_card, review
from vaktaal.teaching.deadlines import line_deadlines, term_deadlines

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
NEW_PER_DAY = 10
# A learner with assigned themes gets new words while today's practice stays within
# this budget (the pre-teaching plan counts on it; see docs/scheduling.md).
MINUTES_PER_DAY = 10
# Today's practice time from the answers: time to answer, at most this long per answer
# (longer, the learner was away), plus looking at the feedback.
ANSWER_TIME_CAP_MS = 30_000
FEEDBACK_SECONDS = 4.0


class PracticeError(ValueError):
    """Input that cannot be applied; nothing was changed."""


@dataclass(frozen=True)
class ItemRef:
    """What a card is about, before the card exists."""

    skill: Skill
    term_id: int | None = None
    line_id: int | None = None


@dataclass
class Urls:
    """How to turn a picture or an audio file into a URL (the views know the routes)."""

    picture: Callable[[Picture], str]
    term_audio: Callable[[Iterable[int]], dict[int, dict[str, str]]] = lambda ids: {}
    line_audio: Callable[[Iterable[int]], dict[int, str]] = lambda ids: {}


def local_day_start(now: datetime) -> datetime:
    local = now.astimezone(LOCAL_TIME)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _sector_terms(
    session: Session, learner: Learner, sector_ids: Sequence[int]
) -> list[tuple[Theme | None, Term]]:
    """The learner's terms in learning order.

    First the words a teacher added to this learner's or the group's practice (from the
    work floor; they have no theme here). Then the themes of the learner's sector and of
    the cross-sector packs take turns (the first theme of each, then the second of each,
    ...), the organisation's own themes after the sector's; within a theme its own order.
    """
    rows = session.execute(
        select(Theme, Term)
        .join(ThemeTerm, ThemeTerm.theme_id == Theme.id)
        .join(Term, Term.id == ThemeTerm.term_id)
        .where(
            Theme.sector_id.in_(sector_ids),
            Theme.retired_at.is_(None),
            Term.retired_at.is_(None),
            _visible_themes(learner),
        )
        .order_by(Theme.position, Theme.sector_id, ThemeTerm.position)
        .options(selectinload(Term.picture))
    ).all()
    rank = {sector_id: i for i, sector_id in enumerate(sector_ids)}
    rows.sort(key=lambda row: (row[0].position, rank[row[0].sector_id]))
    # A word that the learner's own sector also teaches (e.g. "het rooster") is practised
    # once, as the sector's word, not again from a pack.
    own = {(t.lemma.casefold(), t.word_class) for th, t in rows if th.sector_id == sector_ids[0]}
    extras = _extra_terms(session, learner)
    return [(None, term) for term in extras] + [
        (theme, term)
        for theme, term in rows
        if theme.sector_id == sector_ids[0] or (term.lemma.casefold(), term.word_class) not in own
    ]


def _visible_themes(learner: Learner) -> ColumnElement[bool]:
    """The content's themes, and the own themes of the learner's organisation: those for
    all its groups and those made for the learner's group."""
    group = learner.group
    if group is None or group.organisation_id is None:
        return Theme.organisation_id.is_(None)
    return or_(
        Theme.organisation_id.is_(None),
        and_(
            Theme.organisation_id == group.organisation_id,
            or_(Theme.group_id.is_(None), Theme.group_id == group.id),
        ),
    )


def _extra_terms(session: Session, learner: Learner) -> list[Term]:
    """Words a teacher added to this learner's practice or the whole group's."""
    if learner.group_id is None:
        return []
    return list(
        session.scalars(
            select(Term)
            .join(PracticeExtra, PracticeExtra.term_id == Term.id)
            .where(
                PracticeExtra.group_id == learner.group_id,
                or_(PracticeExtra.learner_id.is_(None), PracticeExtra.learner_id == learner.id),
                Term.retired_at.is_(None),
            )
            .order_by(PracticeExtra.added_at, PracticeExtra.id)
            .options(selectinload(Term.picture))
        ).unique()
    )


def _term_items(rows: Sequence[tuple[Theme | None, Term]], urls: Urls) -> dict[int, TermItem]:
    items: dict[int, TermItem] = {}
    audio = urls.term_audio({term.id for _, term in rows})
    for theme, term in rows:
        if term.id in items:  # a term in several themes belongs to the first
            continue
        sounds = audio.get(term.id, {})
        items[term.id] = TermItem(
            id=term.id,
            key=term.key,
            lemma=term.lemma,
            word_class=term.word_class,
            article=term.article,
            plural=term.plural,
            example=term.example,
            picture=urls.picture(term.picture) if term.picture else None,
            theme_id=theme.id if theme else 0,  # 0: added from the work floor
            audio=sounds.get("word"),
            example_audio=sounds.get("example"),
        )
    return items


def _dialogues(session: Session, sector_ids: Sequence[int]) -> list[Dialogue]:
    return list(
        session.scalars(
            select(Dialogue)
            .join(Theme, Theme.id == Dialogue.theme_id)
            .where(
                Dialogue.sector_id.in_(sector_ids),
                Dialogue.retired_at.is_(None),
                Theme.retired_at.is_(None),
            )
            .order_by(Theme.position, Dialogue.position)
            .options(selectinload(Dialogue.lines), selectinload(Dialogue.dialogue_terms))
        )
    )


def _line_items(dialogue: Dialogue, audio: dict[int, str]) -> list[LineItem]:
    names = dialogue.speaker_names
    return [
        LineItem(
            id=line.id,
            dialogue_id=dialogue.id,
            position=line.position,
            speaker=line.speaker,
            speaker_name=names.get(line.speaker, line.speaker),
            text=line.text,
            audio=audio.get(line.id),
        )
        for line in dialogue.lines
        if line.retired_at is None
    ]


def _new_candidates(
    cards: Sequence[Card],
    term_order: Sequence[int],
    dialogues: Sequence[Dialogue],
    practicable_terms: set[int],
) -> list[ItemRef]:
    """New items in learning order: recognise a word first, produce it on a later day."""
    by_term: dict[tuple[int, str], Card] = {
        (c.term_id, c.skill): c for c in cards if c.term_id is not None
    }
    lines_with_card = {c.line_id for c in cards if c.line_id is not None}
    candidates: list[ItemRef] = []
    for term_id in term_order:
        recognise = by_term.get((term_id, Skill.RECOGNISE.value))
        if recognise is None:
            candidates.append(ItemRef(Skill.RECOGNISE, term_id=term_id))
        elif recognise.reps > 0 and (term_id, Skill.PRODUCE.value) not in by_term:
            candidates.append(ItemRef(Skill.PRODUCE, term_id=term_id))
    introduced = {term_id for (term_id, _skill) in by_term}
    for dialogue in dialogues:
        # A dialogue comes once the learner has met the words it uses (those that the
        # learner's level can practise: a word without a picture waits at A0).
        if all(
            dt.term_id in introduced or dt.term_id not in practicable_terms
            for dt in dialogue.dialogue_terms
        ):
            candidates.extend(
                ItemRef(Skill.DIALOGUE, line_id=line.id)
                for line in dialogue.lines
                if line.retired_at is None and line.id not in lines_with_card
            )
    return candidates


def next_batch(
    session: Session,
    learner: Learner,
    *,
    now: datetime,
    rng: random.Random,
    urls: Urls,
    size: int = 12,
    new_per_day: int = NEW_PER_DAY,
) -> list[dict[str, object]]:
    """The next session's exercises, with everything the phone needs to work offline."""
    cards = list(session.scalars(select(Card).where(Card.learner_id == learner.id)))
    sector_ids = practice_sector_ids(session, learner)
    rows = _sector_terms(session, learner, sector_ids)
    terms = _term_items(rows, urls)
    dialogues = _dialogues(session, sector_ids)
    level = Level(learner.level)
    pool = list(terms.values())
    line_audio = urls.line_audio(line.id for d in dialogues for line in d.lines)
    lines_by_dialogue = {d.id: _line_items(d, line_audio) for d in dialogues}
    line_items = {
        item.id: (item, lines_by_dialogue[item.dialogue_id])
        for items in lines_by_dialogue.values()
        for item in items
    }

    def practicable(ref: ItemRef) -> bool:
        """Only introduce what this learner's level has an exercise for."""
        if ref.term_id is not None:
            return bool(kinds_for(terms[ref.term_id], skill=ref.skill, level=level, pool=pool))
        line, lines = line_items[ref.line_id]
        return bool(dialogue_kinds_for(lines, line, level=level))

    recognisable = {
        term_id for term_id in terms if practicable(ItemRef(Skill.RECOGNISE, term_id=term_id))
    }
    candidates = [
        ref
        for ref in _new_candidates(cards, list(terms), dialogues, recognisable)
        if practicable(ref)
    ]
    day_start = local_day_start(now)
    introduced_today = sum(1 for c in cards if c.introduced_at >= day_start)
    new = [
        NewCard(ref=ref, item=(ref.term_id, ref.line_id), skill=ref.skill) for ref in candidates
    ]
    deadlines: dict[tuple[int | None, int | None], datetime] = {
        (term_id, None): at for term_id, at in term_deadlines(session, learner, now=now).items()
    }
    if deadlines:
        deadlines.update(
            ((None, line_id), at)
            for line_id, at in line_deadlines(session, learner, now=now).items()
        )
    chosen: Sequence[DueCard[Card] | SeenCard[Card] | NewCard[ItemRef]]
    if deadlines:
        # Assigned themes: their words (then their dialogues) first, spread to be learned
        # by the deadline.
        chosen = plan_session(
            seen=[
                SeenCard(
                    ref=card,
                    item=(card.term_id, card.line_id),
                    state=CardState.from_dict(card.memory),
                    introduced=card.introduced_at,
                )
                for card in cards
            ],
            new=new,
            now=now,
            new_introduced_today=introduced_today,
            deadlines=deadlines,
            day_start=day_start,
            seconds_today=_seconds_today(session, learner, since=day_start),
            seconds_per_day=MINUTES_PER_DAY * 60,
            new_per_day=new_per_day,
            size=size,
        )
    else:
        chosen = build_session(
            due=[DueCard(ref=card, due=card.due) for card in cards if card.due <= now],
            new=new,
            now=now,
            new_introduced_today=introduced_today,
            new_per_day=new_per_day,
            size=size,
        )
    exercises: list[dict[str, object]] = []
    for entry in chosen:
        card = (
            entry.ref
            if isinstance(entry.ref, Card)
            else _create_card(session, learner, entry.ref, now=now)
        )
        exercise = None
        if card.term_id is not None and card.term_id in terms:
            exercise = choose_term_exercise(
                terms[card.term_id], skill=Skill(card.skill), level=level,
                card_is_new=card.reps == 0, pool=pool, rng=rng,
            )  # fmt: skip
        elif card.line_id is not None and card.line_id in line_items:
            target, lines = line_items[card.line_id]
            exercise = choose_dialogue_exercise(
                lines, target, level=level, card_is_new=card.reps == 0, rng=rng
            )
        if exercise is not None:
            exercises.append({"card_id": card.id, **exercise.to_dict()})
    session.flush()
    return exercises


def _seconds_today(session: Session, learner: Learner, *, since: datetime) -> float:
    """Estimate the learner's practice time since `since` from their answers."""
    answered_ms = session.scalars(
        select(Answer.response_ms).where(
            Answer.learner_id == learner.id, Answer.answered_at >= since
        )
    ).all()
    return sum(min(ms, ANSWER_TIME_CAP_MS) / 1000 + FEEDBACK_SECONDS for ms in answered_ms)


def _create_card(session: Session, learner: Learner, ref: ItemRef, *, now: datetime) -> Card:
    state = new_card(now=now)
    card = Card(
        learner_id=learner.id,
        term_id=ref.term_id,
        line_id=ref.line_id,
        skill=ref.skill.value,
        memory=state.to_dict(),
        due=state.due,
        stability=None,
        reps=0,
        introduced_at=now,
    )
    session.add(card)
    session.flush()
    return card


@dataclass
class RecordResult:
    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def record_answers(
    session: Session,
    learner: Learner,
    answers: Sequence[AnswerIn],
    *,
    now: datetime,
    device: Device | None = None,
) -> RecordResult:
    """Store each answer once and bring the cards it touches up to date."""
    if not answers:
        return RecordResult()
    card_ids = sorted({a.card_id for a in answers})
    query = select(Card).where(Card.id.in_(card_ids)).order_by(Card.id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()  # two phones of one learner: one batch at a time
    cards = {card.id: card for card in session.scalars(query)}
    foreign = [cid for cid in card_ids if cid not in cards or cards[cid].learner_id != learner.id]
    if foreign:
        raise PracticeError(f"unknown card ids: {', '.join(map(str, foreign))}")

    unique: dict[str, AnswerIn] = {}
    for answer in answers:
        unique.setdefault(str(answer.uuid), answer)
    rows = [
        {
            "uuid": uuid,
            "learner_id": learner.id,
            "card_id": a.card_id,
            "device_id": device.id if device else None,
            # A phone whose clock runs ahead cannot answer in the future.
            "answered_at": min(a.answered_at, now),
            "received_at": now,
            "kind": a.kind,
            "correct": a.correct,
            "near_miss": a.near_miss,
            "hinted": a.hinted,
            "response_ms": a.response_ms,
            "rating": 0,
        }
        for uuid, a in unique.items()
    ]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    # One cached statement, executed for many rows: a copy of a known UUID is skipped.
    statement = (
        insert(Answer).on_conflict_do_nothing(index_elements=["uuid"]).returning(Answer.uuid)
    )
    inserted = set(session.scalars(statement, rows))
    result = RecordResult(
        accepted=[u for u in unique if u in inserted],
        duplicates=[str(a.uuid) for a in answers if str(a.uuid) not in inserted],
    )
    touched = sorted({unique[u].card_id for u in result.accepted})
    replay_cards(session, [cards[card_id] for card_id in touched])
    if result.accepted:
        learner.last_active_at = now
    session.flush()
    return result


def replay_cards(session: Session, cards: Sequence[Card]) -> None:
    """Rebuild each card's FSRS state from all its answers, in answer-time order."""
    if not cards:
        return
    history: dict[int, list[Answer]] = {card.id: [] for card in cards}
    with session.no_autoflush:
        for stored in session.scalars(
            select(Answer)
            .where(Answer.card_id.in_(history))
            .order_by(Answer.card_id, Answer.answered_at, Answer.uuid)
        ):
            history[stored.card_id].append(stored)
    for card in cards:
        _replay(card, history[card.id])


def _replay(card: Card, answers: Sequence[Answer]) -> None:
    state = new_card(now=card.introduced_at)
    for answer in answers:
        rating = rating_for(
            correct=answer.correct,
            response_ms=answer.response_ms,
            kind=_kind(answer.kind),
            hinted=answer.hinted,
            near_miss=answer.near_miss,
            in_review=state.state == State.Review,
        )
        # Fuzz in srs is seeded by the card's own state, so a replay gives the same dates.
        state = review(state, rating, now=max(answer.answered_at, card.introduced_at))
        if answer.rating != int(rating):
            answer.rating = int(rating)
    card.memory = state.to_dict()
    card.due = state.due
    card.stability = state.stability
    card.reps = len(answers)
    card.last_answer_at = answers[-1].answered_at if answers else None


def _kind(value: str) -> ExerciseKind:
    try:
        return ExerciseKind(value)
    except ValueError:
        return ExerciseKind.PICTURE_PICK_WORD


@dataclass(frozen=True)
class Progress:
    words_learned: int
    words_started: int
    days_this_week: int
    due_now: int
    answers_today: int


def learner_progress(session: Session, learner: Learner, *, now: datetime) -> Progress:
    """Words learned, days practised this week, and what is due now."""
    cards = session.scalars(select(Card).where(Card.learner_id == learner.id)).all()
    by_term: dict[int, list[bool]] = {}
    for card in cards:
        if card.term_id is not None:
            learned = card.reps > 0 and is_learned(CardState.from_dict(card.memory), now=now)
            by_term.setdefault(card.term_id, []).append(learned)
    today = local_day_start(now)
    week_start = today - timedelta(days=today.weekday())
    times = session.scalars(
        select(Answer.answered_at).where(
            Answer.learner_id == learner.id, Answer.answered_at >= week_start
        )
    ).all()
    days = {t.astimezone(LOCAL_TIME).date() for t in times}
    return Progress(
        # A word counts as learned when every card the learner has of it is learned.
        words_learned=sum(1 for flags in by_term.values() if all(flags)),
        words_started=len(by_term),
        days_this_week=len(days),
        due_now=sum(1 for c in cards if c.due <= now and c.reps > 0),
        answers_today=sum(1 for t in times if t >= today),
    )


def count_answers(session: Session, learner: Learner) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Answer).where(Answer.learner_id == learner.id)
        )
        or 0
    )


def export_learner(session: Session, learner: Learner) -> dict[str, object]:
    """Everything stored about a learner, as plain JSON-ready data (their right of access)."""
    cards = session.scalars(select(Card).where(Card.learner_id == learner.id).order_by(Card.id))
    answers = session.scalars(
        select(Answer).where(Answer.learner_id == learner.id).order_by(Answer.answered_at)
    )
    devices = session.scalars(select(Device).where(Device.learner_id == learner.id))
    return {
        "learner": {
            "name": learner.display_name,
            "group": learner.group.name if learner.group else None,
            "sector": learner.sector.slug,
            "level": learner.level,
            "has_pin": learner.pin_hash is not None,
            "created_at": learner.created_at.isoformat(),
            "last_active_at": learner.last_active_at.isoformat()
            if learner.last_active_at
            else None,
        },
        "devices": [
            {
                "created_at": d.created_at.isoformat(),
                "last_seen_at": d.last_seen_at.isoformat(),
                "revoked": d.revoked_at is not None,
            }
            for d in devices
        ],
        "cards": [
            {
                "word": card.term.lemma if card.term else None,
                "line": card.line.text if card.line else None,
                "skill": card.skill,
                "due": card.due.isoformat(),
                "reviews": card.reps,
            }
            for card in cards
        ],
        "answers": [
            {
                "answered_at": a.answered_at.isoformat(),
                "exercise": a.kind,
                "correct": a.correct,
                "response_ms": a.response_ms,
            }
            for a in answers
        ],
        "flagged_words": [
            {
                "flagged_at": f.created_at.isoformat(),
                "text": f.text,
                "has_recording": f.audio_name is not None,
                "has_photo": f.photo_name is not None,
                "status": f.status,
            }
            for f in inbox.learner_flags(session, learner)
        ],
    }


def delete_learner(session: Session, learner: Learner) -> None:
    """Remove a learner and everything about them, flagged words and their files included."""
    file_names = inbox.delete_learner_flags(session, learner)
    for model in (Answer, Card, Device, LoginLink):
        session.execute(delete(model).where(model.learner_id == learner.id))
    session.delete(learner)
    session.flush()
    files.delete_files(session, files.flag_folder(), file_names)

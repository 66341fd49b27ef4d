"""Words from the work floor: a learner flags a word, a teacher turns it into practice.

A flagged word belongs to the learner's group, and through it to the group's
organisation: only that organisation's teachers see it. Everything here flushes and
never commits; files are stored and removed by the caller (see `ownwords.files`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, joinedload

from vaktaal.accounts.models import Group, Learner
from vaktaal.ownwords.models import FlaggedWord, FlagStatus, PracticeExtra
from vaktaal.sectors.models import Term

MAX_TEXT_LENGTH = 80


class InboxError(ValueError):
    """A refused action; the message is a code the view turns into a Dutch sentence."""


def clean_text(text: str | None) -> str | None:
    """The typed word with its spaces tidied; None when nothing was typed."""
    cleaned = " ".join((text or "").split())
    return cleaned or None


def check_flag(learner: Learner, *, text: str | None, has_audio: bool) -> str | None:
    """Raise InboxError when this learner cannot flag this; return the cleaned text."""
    if learner.group_id is None:
        raise InboxError("no-group")
    cleaned = clean_text(text)
    if cleaned is not None and len(cleaned) > MAX_TEXT_LENGTH:
        raise InboxError("too-long")
    if cleaned is None and not has_audio:
        raise InboxError("empty")
    return cleaned


def flag_word(
    session: Session,
    learner: Learner,
    *,
    text: str | None,
    audio_name: str | None = None,
    photo_name: str | None = None,
    now: datetime,
) -> FlaggedWord:
    """Send a word met at work to the learner's teachers."""
    cleaned = check_flag(learner, text=text, has_audio=audio_name is not None)
    flag = FlaggedWord(
        learner_id=learner.id,
        group_id=learner.group_id,
        text=cleaned,
        audio_name=audio_name,
        photo_name=photo_name,
        created_at=now,
        status=FlagStatus.OPEN.value,
    )
    session.add(flag)
    session.flush()
    return flag


def open_flags(session: Session, organisation_id: int) -> Sequence[FlaggedWord]:
    """The organisation's open flagged words, newest first."""
    return session.scalars(
        select(FlaggedWord)
        .join(Group, FlaggedWord.group_id == Group.id)
        .where(Group.organisation_id == organisation_id, FlaggedWord.status == FlagStatus.OPEN)
        .options(joinedload(FlaggedWord.learner), joinedload(FlaggedWord.group))
        .order_by(FlaggedWord.created_at.desc(), FlaggedWord.id.desc())
    ).all()


def find_flag(session: Session, organisation_id: int, flag_id: int) -> FlaggedWord | None:
    """The flagged word if it came from one of the organisation's groups; else None."""
    flag = session.get(FlaggedWord, flag_id)
    if flag is None or flag.group is None or flag.group.organisation_id != organisation_id:
        return None
    return flag


def _require_open(flag: FlaggedWord) -> None:
    if flag.status != FlagStatus.OPEN:
        raise InboxError("handled")


def dismiss_flag(flag: FlaggedWord, *, user_id: int, now: datetime) -> None:
    """Put a flagged word aside: it leaves the inbox, nothing is added to practice."""
    _require_open(flag)
    flag.status = FlagStatus.DISMISSED.value
    flag.handled_by_id = user_id
    flag.handled_at = now


def linkable_terms(session: Session, organisation_id: int, sector_id: int) -> Sequence[Term]:
    """The terms a flagged word may become: the sector's own and the organisation's."""
    return session.scalars(
        select(Term)
        .where(
            Term.sector_id == sector_id,
            Term.retired_at.is_(None),
            or_(Term.organisation_id.is_(None), Term.organisation_id == organisation_id),
        )
        .order_by(Term.lemma, Term.id)
    ).all()


def accept_flag(
    session: Session,
    flag: FlaggedWord,
    term: Term,
    *,
    practice: str,
    user_id: int,
    now: datetime,
) -> PracticeExtra | None:
    """Mark the flagged word as this term; add the term to the learner's or group's practice.

    `practice` is "learner" (only the learner who flagged it), "group" (the whole group)
    or "none". The term must be one of `linkable_terms` for the group's sector.
    """
    _require_open(flag)
    group = flag.group
    if group is None:
        raise InboxError("no-group")
    if (
        term.sector_id != group.sector_id
        or term.retired_at is not None
        or term.organisation_id not in (None, group.organisation_id)
    ):
        raise InboxError("wrong-term")
    if practice not in ("learner", "group", "none"):
        raise InboxError("wrong-practice")
    flag.status = FlagStatus.ACCEPTED.value
    flag.term_id = term.id
    flag.handled_by_id = user_id
    flag.handled_at = now
    extra = None
    if practice != "none":
        learner_id = flag.learner_id if practice == "learner" else None
        extra = add_to_practice(
            session, group, term, learner_id=learner_id, user_id=user_id, now=now
        )
    session.flush()
    return extra


def add_to_practice(
    session: Session,
    group: Group,
    term: Term,
    *,
    learner_id: int | None,
    user_id: int | None,
    now: datetime,
) -> PracticeExtra:
    """Add a term to one learner's practice (or, without learner, the group's); once."""
    existing = session.scalar(
        select(PracticeExtra).where(
            PracticeExtra.group_id == group.id,
            PracticeExtra.term_id == term.id,
            PracticeExtra.learner_id.is_(None)
            if learner_id is None
            else PracticeExtra.learner_id == learner_id,
        )
    )
    if existing is not None:
        return existing
    extra = PracticeExtra(
        group_id=group.id, learner_id=learner_id, term_id=term.id, added_at=now,
        added_by_id=user_id,
    )  # fmt: skip
    session.add(extra)
    session.flush()
    return extra


def learner_flags(session: Session, learner: Learner) -> Sequence[FlaggedWord]:
    """Everything this learner flagged, oldest first (for their data export)."""
    return session.scalars(
        select(FlaggedWord)
        .where(FlaggedWord.learner_id == learner.id)
        .order_by(FlaggedWord.created_at, FlaggedWord.id)
    ).all()


def delete_learner_flags(session: Session, learner: Learner) -> list[str]:
    """Delete the learner's flagged words and personal extra words; return the file names."""
    names = [
        name
        for flag in learner_flags(session, learner)
        for name in (flag.audio_name, flag.photo_name)
        if name
    ]
    session.execute(delete(FlaggedWord).where(FlaggedWord.learner_id == learner.id))
    session.execute(delete(PracticeExtra).where(PracticeExtra.learner_id == learner.id))
    return names

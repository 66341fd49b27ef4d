"""The pre-teach-by moments of a learner's words and dialogue lines: what the scheduler must
have taught by when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from vaktaal.accounts.models import Learner
from vaktaal.sectors.models import Dialogue, DialogueLine, Term, Theme, ThemeTerm
from vaktaal.teaching.models import ThemeAssignment


def term_deadlines(session: Session, learner: Learner, *, now: datetime) -> dict[int, datetime]:
    """Return, per term id, the earliest pre-teach-by moment after `now` of the learner's group.

    The terms are the active terms of the active themes assigned to the group; a term in
    several assignments takes the earliest. A learner without a group has none.
    """
    if learner.group_id is None:
        return {}
    return _earliest(
        session,
        select(ThemeTerm.term_id, ThemeAssignment.due_at)
        .join(Theme, Theme.id == ThemeAssignment.theme_id)
        .join(ThemeTerm, ThemeTerm.theme_id == Theme.id)
        .join(Term, Term.id == ThemeTerm.term_id)
        .where(*_upcoming(learner, now), Term.retired_at.is_(None)),
    )


def line_deadlines(session: Session, learner: Learner, *, now: datetime) -> dict[int, datetime]:
    """Return, per dialogue line id, the earliest pre-teach-by moment after `now`: the lines
    of the dialogues of the themes assigned to the learner's group.

    The practice order still brings a dialogue only once its words have been met, so the
    lines follow the theme's words; the deadline puts them before other new material.
    """
    if learner.group_id is None:
        return {}
    return _earliest(
        session,
        select(DialogueLine.id, ThemeAssignment.due_at)
        .join(Theme, Theme.id == ThemeAssignment.theme_id)
        .join(Dialogue, Dialogue.theme_id == Theme.id)
        .join(DialogueLine, DialogueLine.dialogue_id == Dialogue.id)
        .where(
            *_upcoming(learner, now),
            Dialogue.retired_at.is_(None),
            DialogueLine.retired_at.is_(None),
        ),
    )


def _upcoming(learner: Learner, now: datetime) -> tuple[ColumnElement[bool], ...]:
    """The group's assignments still ahead, of themes still in use."""
    return (
        ThemeAssignment.group_id == learner.group_id,
        ThemeAssignment.due_at > now,
        Theme.retired_at.is_(None),
    )


def _earliest(session: Session, query: Select[tuple[int, datetime]]) -> dict[int, datetime]:
    """Per id, the earliest of its moments (an item in several assignments)."""
    deadlines: dict[int, datetime] = {}
    for item_id, due_at in session.execute(query).all():
        if item_id not in deadlines or due_at < deadlines[item_id]:
            deadlines[item_id] = due_at
    return deadlines

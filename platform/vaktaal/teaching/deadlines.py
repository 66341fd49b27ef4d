"""The pre-teach-by moments of a learner's words: what the scheduler must have taught by when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vaktaal.accounts.models import Learner
from vaktaal.sectors.models import Term, Theme, ThemeTerm
from vaktaal.teaching.models import ThemeAssignment


def term_deadlines(session: Session, learner: Learner, *, now: datetime) -> dict[int, datetime]:
    """Return, per term id, the earliest pre-teach-by moment after `now` of the learner's group.

    The terms are the active terms of the active themes assigned to the group; a term in
    several assignments takes the earliest. A learner without a group has none.
    """
    if learner.group_id is None:
        return {}
    rows = session.execute(
        select(ThemeTerm.term_id, ThemeAssignment.due_at)
        .join(Theme, Theme.id == ThemeAssignment.theme_id)
        .join(ThemeTerm, ThemeTerm.theme_id == Theme.id)
        .join(Term, Term.id == ThemeTerm.term_id)
        .where(
            ThemeAssignment.group_id == learner.group_id,
            ThemeAssignment.due_at > now,
            Theme.retired_at.is_(None),
            Term.retired_at.is_(None),
        )
    ).all()
    deadlines: dict[int, datetime] = {}
    for term_id, due_at in rows:
        if term_id not in deadlines or due_at < deadlines[term_id]:
            deadlines[term_id] = due_at
    return deadlines

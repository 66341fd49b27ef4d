"""Files that go with database rows: deleted only once the rows' deletion is committed.

A request that deletes a learner (or a photo's word) and then fails to commit keeps its
rows; their files must stay too. `delete_after_commit` remembers the paths on the
session; they are removed after its next commit, and forgotten on a rollback.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

_PENDING = "vaktaal.files_to_delete"


def delete_after_commit(session: Session, paths: Iterable[Path]) -> None:
    """Delete these files once the session's transaction commits (not if it rolls back)."""
    session.info.setdefault(_PENDING, []).extend(paths)


@event.listens_for(Session, "after_commit")
def _delete_pending(session: Session) -> None:
    for path in session.info.pop(_PENDING, []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)

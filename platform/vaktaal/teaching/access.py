"""Who may see what on the teacher pages.

- Anonymous visitors are sent to the login page.
- Employers (staff without teaching rights) get 403.
- A teacher or organisation admin sees only their own organisation's groups: a group
  of another organisation is simply not found (404), so its existence is not leaked.
- Team management (inviting and deactivating teachers) is for organisation admins.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_login import current_user, login_required

from vaktaal.accounts.models import Group, Learner, User
from vaktaal.extensions import db

P = ParamSpec("P")
T = TypeVar("T")


def teacher_required(view: Callable[P, T]) -> Callable[P, T]:
    @wraps(view)
    @login_required
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
        if not current_user.teaches:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view: Callable[P, T]) -> Callable[P, T]:
    @wraps(view)
    @login_required
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def teacher() -> User:
    """The logged-in teacher (call only behind `teacher_required`)."""
    user: User = current_user._get_current_object()  # type: ignore[attr-defined]
    return user


def own_group(group_id: int) -> Group:
    """The group, if it belongs to the teacher's organisation; 404 otherwise."""
    group = db.session.get(Group, group_id)
    if group is None or group.organisation_id != teacher().organisation_id:
        abort(404)
    return group


def own_learner(group: Group, learner_id: int) -> Learner:
    """A learner of this (own) group; 404 for anyone else."""
    learner = db.session.get(Learner, learner_id)
    if learner is None or learner.group_id != group.id:
        abort(404)
    return learner


def own_organisation() -> int:
    """The logged-in teacher's organisation id (call only behind `teacher_required`)."""
    return int(teacher().organisation_id)

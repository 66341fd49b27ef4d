"""The shared access rules, before the role × route matrix covers every page."""

from __future__ import annotations

from flask import Flask

from tests.teaching.conftest import log_in, make_group, make_user
from vaktaal.accounts.models import Role


def test_a_teacher_logs_in_and_is_active(loaded: Flask, admin_id: int) -> None:
    client = log_in(loaded, "admin@noord.nl")
    with client.session_transaction() as session:
        # The id, and a fingerprint of the password (a new password ends the session).
        assert session["_user_id"].startswith(f"{admin_id}:")


def test_make_group_belongs_to_the_users_organisation(loaded: Flask) -> None:
    first = make_user(loaded, "a@noord.nl")
    other = make_user(loaded, "b@zuid.nl", organisation="Taalschool Zuid", role=Role.TEACHER)
    assert make_group(loaded, first) != make_group(loaded, other)

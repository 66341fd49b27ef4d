"""Own words for the tests: two organisations, each with a teacher."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.teaching.conftest import admin_id, group_id, log_in, make_user, teacher_client
from vaktaal.accounts.models import Role, User
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector

__all__ = ["admin_id", "group_id", "teacher_client"]  # the teaching fixtures, used here too


def org_of(app: Flask, user_id: int) -> int:
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        return int(user.organisation_id)


def keuken() -> Sector:
    """The test sector (call inside an app context)."""
    sector = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
    assert sector is not None
    return sector


@pytest.fixture
def org_id(loaded: Flask, admin_id: int) -> int:
    """Taalschool Noord, whose admin `teacher_client` is logged in."""
    return org_of(loaded, admin_id)


@pytest.fixture
def other_id(loaded: Flask) -> int:
    """A teacher of another organisation."""
    return make_user(loaded, "docent@zuid.nl", organisation="Leerbedrijf Zuid", role=Role.TEACHER)


@pytest.fixture
def other_client(loaded: Flask, other_id: int) -> FlaskClient:
    return log_in(loaded, "docent@zuid.nl")

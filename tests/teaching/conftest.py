"""Teachers for the tests: an organisation admin, a teacher, and a group of theirs."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from tests.conftest import NOW
from vaktaal.accounts.models import Organisation, Role, User
from vaktaal.accounts.service import create_group, email_key
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector

PASSWORD = "lang-genoeg-1"
# A cheap hash: the tests make many accounts, scrypt would make them slow.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def make_user(
    app: Flask,
    email: str,
    *,
    organisation: str = "Taalschool Noord",
    role: Role = Role.ADMIN,
) -> int:
    """A staff user in the named organisation (made when new); returns the user's id."""
    with app.app_context():
        org = db.session.scalar(select(Organisation).where(Organisation.name == organisation))
        if org is None:
            org = Organisation(name=organisation, created_at=NOW)
        user = User(
            organisation=org,
            email=email_key(email),
            password_hash=PASSWORD_HASH,
            role=role.value,
            created_at=NOW,
        )
        db.session.add(user)
        db.session.commit()
        return user.id


def log_in(app: Flask, email: str) -> FlaskClient:
    """A browser logged in as this staff user."""
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    response = client.post("/account/inloggen", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def make_group(app: Flask, user_id: int, name: str = "NT2 Schoonmaak A") -> int:
    """A keuken group of the user's organisation; returns its id."""
    with app.app_context():
        user = db.session.get(User, user_id)
        sector = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
        assert user is not None and sector is not None
        group = create_group(db.session, name=name, sector=sector, now=NOW)
        group.organisation_id = user.organisation_id
        db.session.commit()
        return group.id


@pytest.fixture
def admin_id(loaded: Flask) -> int:
    return make_user(loaded, "admin@noord.nl")


@pytest.fixture
def teacher_client(loaded: Flask, admin_id: int) -> FlaskClient:
    """The admin of Taalschool Noord (a teacher too), logged in."""
    return log_in(loaded, "admin@noord.nl")


@pytest.fixture
def group_id(loaded: Flask, admin_id: int) -> int:
    """A group of Taalschool Noord in the keuken sector."""
    return make_group(loaded, admin_id)

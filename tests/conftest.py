"""Fixtures: an app on SQLite (and on PostgreSQL when VAKTAAL_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.engine import make_url

from vaktaal import create_app
from vaktaal.accounts.service import create_group
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content

pytest_plugins = ["tests.live"]

FIXTURES = Path(__file__).parent / "sectors" / "fixtures"
POSTGRES_URL = os.environ.get("VAKTAAL_TEST_DATABASE_URL")
DATABASES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="VAKTAAL_TEST_DATABASE_URL not set"),
    ),
]


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for this test run, dropped afterwards."""
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL).set(drivername="postgresql")
    name = f"vaktaal_test_{uuid.uuid4().hex[:10]}"
    admin = url.render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name, drivername="postgresql+psycopg").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_database"))
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test sector `keuken`."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES, target)
    return target


def make_app(database_url: str, tmp_path: Path, content_dir: Path, **extra: object) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "ENV_NAME": "testing",
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": tmp_path / "instance",
            "CONTENT_DIR": content_dir,
            **extra,
        }
    )


@pytest.fixture
def app(database_url: str, tmp_path: Path, content_dir: Path) -> Iterator[Flask]:
    app = make_app(database_url, tmp_path, content_dir)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


NOW = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)


@pytest.fixture
def loaded(app: Flask, content_dir: Path) -> Flask:
    """The app with the test sector `keuken` loaded."""
    report = check_content(content_dir, checker=None)
    assert report.problems == []
    with app.app_context():
        sync_content(db.session, report.sectors, now=NOW)
        db.session.commit()
    return app


@pytest.fixture
def join_code(loaded: Flask) -> str:
    """A group in the keuken sector; its join code."""
    with loaded.app_context():
        sector = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
        assert sector is not None
        group = create_group(db.session, name="Keuken maandag", sector=sector, now=NOW)
        db.session.commit()
        return group.join_code


def join(app: Flask, code: str, name: str = "Amina", pin: str = "") -> FlaskClient:
    """A phone that joined the group: its client carries the device cookie."""
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(f"/join/{code}", data={"name": name, "pin": pin})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def learner_client(loaded: Flask, join_code: str) -> FlaskClient:
    return join(loaded, join_code)

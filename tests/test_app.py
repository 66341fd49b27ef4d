"""The app factory, configuration and the request lifecycle."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from vaktaal import create_app
from vaktaal.config import ConfigError, database_url
from vaktaal.extensions import db


def test_production_refuses_to_start_without_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("VAKTAAL_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY must be set in production"):
        create_app({"INSTANCE_PATH": tmp_path})


def test_development_generates_a_secret_key_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("VAKTAAL_ENV", raising=False)
    first = create_app({"INSTANCE_PATH": tmp_path}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": tmp_path}).config["SECRET_KEY"]
    assert first == second
    assert len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_unknown_environment_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VAKTAAL_ENV", "staging")
    with pytest.raises(ConfigError, match="VAKTAAL_ENV must be one of"):
        create_app({"INSTANCE_PATH": tmp_path})


def test_default_database_is_sqlite_in_the_instance_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": tmp_path, "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'vaktaal.sqlite3'}"
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_database_url_uses_psycopg_3() -> None:
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("sqlite:///x") == "sqlite:///x"


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_broken_database(tmp_path: Path) -> None:
    app = create_app(
        {
            "INSTANCE_PATH": tmp_path,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'missing' / 'no.sqlite3'}",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unreachable"}


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_request_commits_on_success_and_rolls_back_on_error(app: Flask) -> None:
    from vaktaal.sectors.models import Sector

    def make(status: int) -> tuple[str, int]:
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        db.session.add(
            Sector(slug=f"s{status}", title="t", description="d", position=1,
                   created_at=now, updated_at=now)
        )  # fmt: skip
        db.session.flush()
        return "", status

    app.add_url_rule("/ok", "ok", lambda: make(200))
    app.add_url_rule("/bad", "bad", lambda: make(400))
    client = app.test_client()
    assert client.get("/ok").status_code == 200
    assert client.get("/bad").status_code == 400
    with app.app_context():
        assert [s.slug for s in db.session.query(Sector)] == ["s200"]

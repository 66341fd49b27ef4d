"""Migrations build the schema from an empty database, and agree with the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tests.conftest import make_app
from vaktaal.extensions import db


def test_upgrade_from_empty_matches_the_models(
    database_url: str, tmp_path: Path, content_dir: Path
) -> None:
    app = make_app(database_url, tmp_path, content_dir)
    with app.app_context():
        try:
            upgrade()
            with db.engine.connect() as connection:
                differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
                assert differences == []
                assert "term" in inspect(connection).get_table_names()
            downgrade(revision="base")
            with db.engine.connect() as connection:
                assert inspect(connection).get_table_names() == ["alembic_version"]
        finally:
            db.session.remove()
            db.drop_all()
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
            db.engine.dispose()

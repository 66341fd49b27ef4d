"""Database set-up per app: SQLite pragmas and the one-transaction-per-request rule."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask, Response
from sqlalchemy import event

from vaktaal.extensions import db


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while a writer commits; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def init_app(app: Flask) -> None:
    """Bind the database to the app: SQLite pragmas and one commit per request."""
    db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)

    @app.after_request
    def _finish_transaction(response: Response) -> Response:
        # Services only flush; the request commits once, when it succeeded.
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response

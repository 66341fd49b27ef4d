"""What the benchmark scripts share: an app on a scratch database, bulk loading, p95.

Imported by the scripts next to it (`python bench/<name>.py` puts this folder first on
the import path).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from flask import Flask
from sqlalchemy.engine import make_url

from vaktaal import create_app
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector, Term, Theme, ThemeTerm


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_app(url: str, instance: Path, **config: Any) -> Flask:
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": instance,
            "RATELIMIT_ENABLED": False,
            **config,
        }
    )


@contextmanager
def scratch_postgres(server: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL `server`, dropped afterwards: its URL."""
    admin = make_url(server).set(drivername="postgresql")
    name = f"vaktaal_bench_{uuid.uuid4().hex[:8]}"
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name, drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def finish_load() -> None:
    """After bulk inserts with explicit ids: fix the sequence, commit, refresh statistics."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("SELECT setval('card_id_seq', (SELECT max(id) FROM card))"))
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("ANALYZE")
    else:
        db.session.execute(db.text("ANALYZE"))


def synthetic_sector(
    *, words: int, theme_size: int, now: datetime
) -> tuple[Sector, list[Theme], list[Term]]:
    """A sector `bench` of `words` nouns in themes of `theme_size`, added and flushed."""
    sector = Sector(
        slug="bench", title="Bench", description="-", position=1, created_at=now,
        updated_at=now,
    )  # fmt: skip
    themes = [
        Theme(
            sector=sector,
            slug=f"t{n}",
            title=f"Thema {n}",
            description="-",
            level="A0",
            position=n,
            training_topics=[],
            created_at=now,
            updated_at=now,
        )
        for n in range(-(-words // theme_size))
    ]
    terms = [
        Term(
            sector=sector,
            key=f"w{i}",
            lemma=f"woord{i}",
            word_class="noun",
            article="de",
            plural=f"woorden{i}",
            countable=True,
            abstract=False,
            example=f"Pak het woord{i}.",
            level="A0",
            tags=[],
            created_at=now,
            updated_at=now,
        )
        for i in range(words)
    ]
    db.session.add_all([sector, *themes, *terms])
    db.session.flush()
    db.session.add_all(
        ThemeTerm(theme_id=themes[i // theme_size].id, term_id=term.id, position=i)
        for i, term in enumerate(terms)
    )
    db.session.flush()
    return sector, themes, terms

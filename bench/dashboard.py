"""Benchmark: the teacher's progress page for a full group.

Prints numbers; asserts nothing. Run it on a quiet machine:

    .venv/bin/python bench/dashboard.py                    # SQLite
    VAKTAAL_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/dashboard.py                # and PostgreSQL

1. Loads a synthetic sector (150 words in 5 themes of 30) and one group of 30 learners
   with 300 FSRS cards each (every word, recognise and produce) and four answers per
   card, plus 10 other groups of the same size, so the group's rows must be found among
   many. The group's next training session has one 30-word theme assigned.
2. Logs a teacher in and requests the progress page and the CSV export through the
   whole Flask stack: median and p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import bench_app, finish_load, percentile, scratch_postgres, synthetic_sector
from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

from vaktaal.accounts.models import Learner, Organisation, Role, User
from vaktaal.accounts.service import create_group
from vaktaal.extensions import db
from vaktaal.practice.models import Answer, Card
from vaktaal.srs.scheduler import Rating, Skill, new_card, review
from vaktaal.teaching.models import PartOfDay, ThemeAssignment, TrainingSession

NOW = datetime.now(UTC)
WORDS = 150
THEME_SIZE = 30
PASSWORD = "bench-password-1"


def load(app, groups: int, learners: int, answers_per_card: int) -> int:  # type: ignore[no-untyped-def]
    """Fill the database; return the measured group's id."""
    with app.app_context():
        db.create_all()
        sector, themes, terms = synthetic_sector(words=WORDS, theme_size=THEME_SIZE, now=NOW)
        organisation = Organisation(name="Bench school", created_at=NOW)
        db.session.add(
            User(
                organisation=organisation,
                email="docent@bench.nl",
                password_hash=generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"),
                role=Role.ADMIN.value,
                created_at=NOW,
            )
        )
        db.session.flush()
        group_ids = []
        for g in range(groups):
            group = create_group(db.session, name=f"Groep {g}", sector=sector, now=NOW)
            group.organisation_id = organisation.id
            group_ids.append(group.id)
        db.session.execute(
            insert(Learner),
            [
                {
                    "group_id": group_id,
                    "sector_id": sector.id,
                    "display_name": f"Cursist {i}",
                    "name_key": f"cursist {i}",
                    "level": "A0",
                    "pin_failures": 0,
                    "created_at": NOW,
                }
                for group_id in group_ids
                for i in range(learners)
            ],
        )
        training = TrainingSession(
            group_id=group_ids[0],
            day=(NOW + timedelta(days=3)).date(),
            part_of_day=PartOfDay.OCHTEND.value,
            topic="Bench training",
            created_at=NOW,
        )
        db.session.add(training)
        db.session.flush()
        db.session.add(
            ThemeAssignment(
                group_id=group_ids[0],
                theme_id=themes[0].id,
                training_session_id=training.id,
                due_at=NOW + timedelta(days=3),
                assigned_at=NOW,
            )
        )
        learner_ids = list(db.session.scalars(select(Learner.id).order_by(Learner.id)))
        # Realistic memory states to copy: four reviews over the last weeks, some Again.
        rng = random.Random(1)
        memories = []
        for offset in range(8):
            state = new_card(now=NOW - timedelta(days=40 + offset))
            for day in (40, 35, 25, 10 - offset):
                rating = Rating.Again if rng.random() < 0.15 else Rating.Good
                state = review(state, rating, now=NOW - timedelta(days=day + offset / 10))
            memories.append(state)
        started = time.perf_counter()
        card_rows, answer_rows = [], []
        card_id = 0
        for learner_id in learner_ids:
            for term in terms:
                for skill in (Skill.RECOGNISE, Skill.PRODUCE):
                    card_id += 1
                    state = rng.choice(memories)
                    card_rows.append(
                        {
                            "id": card_id,
                            "learner_id": learner_id,
                            "term_id": term.id,
                            "skill": skill.value,
                            "memory": state.to_dict(),
                            "due": state.due,
                            "stability": state.stability,
                            "reps": answers_per_card,
                            "introduced_at": NOW - timedelta(days=60),
                            "last_answer_at": state.last_review,
                        }
                    )
                    for n in range(answers_per_card):
                        answer_rows.append(
                            {
                                "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                                "learner_id": learner_id,
                                "card_id": card_id,
                                "answered_at": NOW - timedelta(days=rng.uniform(0, 60)),
                                "received_at": NOW,
                                "kind": "word_pick_picture",
                                "correct": n > 0,
                                "near_miss": False,
                                "hinted": False,
                                "response_ms": rng.randint(800, 90_000),
                                "rating": 1 if n == 0 and rng.random() < 0.3 else 3,
                            }
                        )
            if len(answer_rows) > 50_000:
                db.session.execute(insert(Card), card_rows)
                db.session.execute(insert(Answer), answer_rows)
                card_rows, answer_rows = [], []
        if card_rows:
            db.session.execute(insert(Card), card_rows)
            db.session.execute(insert(Answer), answer_rows)
        finish_load()
        print(
            f"  loaded {groups} groups of {learners}: {card_id:,} cards and "
            f"{card_id * answers_per_card:,} answers in {time.perf_counter() - started:.0f} s"
        )
        return group_ids[0]


def bench_page(app, group_id: int, samples: int) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    response = client.post(
        "/account/inloggen", data={"email": "docent@bench.nl", "password": PASSWORD}
    )
    assert response.status_code == 302, response.status_code
    for label, path in (
        ("progress page", f"/docent/groepen/{group_id}/voortgang"),
        ("CSV export", f"/docent/groepen/{group_id}/voortgang.csv"),
    ):
        times, cpu = [], []
        for _ in range(samples):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, response.status_code
        # CPU time too: on a shared machine the wall time mostly measures the neighbours.
        # (SQLite runs in this process; PostgreSQL's own work is in the wall time only.)
        print(
            f"  {label} ({samples} requests): median {statistics.median(times):.0f} ms, "
            f"p95 {percentile(times, 0.95):.0f} ms; CPU in this process median "
            f"{statistics.median(cpu):.0f} ms, p95 {percentile(cpu, 0.95):.0f} ms"
        )


def run(label: str, url: str, args: argparse.Namespace, tmp: Path) -> None:
    print(f"{label}:")
    app = bench_app(url, tmp, WTF_CSRF_ENABLED=False)
    group_id = load(app, args.groups, args.learners, args.answers_per_card)
    bench_page(app, group_id, args.samples)
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=11)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--answers-per-card", type=int, default=4)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    postgres = os.environ.get("VAKTAAL_BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args, Path(tmp))
        if postgres:
            with scratch_postgres(postgres) as url:
                run("PostgreSQL", url, args, Path(tmp))


if __name__ == "__main__":
    main()

"""Benchmark: answer sync and the next-items query with many learners and reviews.

Prints numbers; asserts nothing. Run it on a quiet machine:

    .venv/bin/python bench/answers.py                      # SQLite
    .venv/bin/python bench/answers.py --postgres postgresql://postgres@127.0.0.1:5432/test

1. Loads a synthetic sector (150 words) and 1,000 learners with 300 FSRS cards each and
   four answers per card (1.2 million review records), straight into the database.
2. Measures `next_batch` (the next-items query plus building the exercises) for 200
   random learners: p50 and p95.
3. Starts the real app on a local port and lets 8 simulated phones post batches of 10
   answers over HTTP: answers per second and p95 latency per batch.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import bench_app, finish_load, percentile, scratch_postgres, synthetic_sector
from sqlalchemy import insert, select
from werkzeug.serving import make_server

from vaktaal.accounts.models import Learner
from vaktaal.accounts.service import create_group, register_device
from vaktaal.extensions import db
from vaktaal.practice import service
from vaktaal.practice.models import Answer, Card
from vaktaal.srs.scheduler import Rating, Skill, new_card, review

NOW = datetime.now(UTC)
WORDS = 150


def load(app, learners: int, answers_per_card: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Fill the database; return the learner ids."""
    with app.app_context():
        db.create_all()
        sector, _themes, terms = synthetic_sector(words=WORDS, theme_size=WORDS, now=NOW)
        group = create_group(db.session, name="bench", sector=sector, now=NOW)
        db.session.execute(
            insert(Learner),
            [
                {
                    "group_id": group.id,
                    "sector_id": sector.id,
                    "display_name": f"L{i}",
                    "name_key": f"l{i}",
                    "level": "A0",
                    "pin_failures": 0,
                    "created_at": NOW,
                }
                for i in range(learners)
            ],
        )
        learner_ids = list(db.session.scalars(select(Learner.id).order_by(Learner.id)))
        # One realistic memory state to copy: four reviews over three weeks.
        state = new_card(now=NOW - timedelta(days=30))
        for day, rating in zip((30, 29, 25, 15), (Rating.Good,) * 4, strict=True):
            state = review(state, rating, now=NOW - timedelta(days=day))
        memory = state.to_dict()
        rng = random.Random(1)
        started = time.perf_counter()
        card_rows, answer_rows = [], []
        card_id = 0
        for learner_id in learner_ids:
            for term in terms:
                for skill in (Skill.RECOGNISE, Skill.PRODUCE):
                    card_id += 1
                    due = NOW + timedelta(hours=rng.uniform(-48, 240))
                    card_rows.append(
                        {
                            "id": card_id,
                            "learner_id": learner_id,
                            "term_id": term.id,
                            "skill": skill.value,
                            "memory": memory,
                            "due": due,
                            "stability": state.stability,
                            "reps": answers_per_card,
                            "introduced_at": NOW - timedelta(days=30),
                            "last_answer_at": NOW - timedelta(days=15),
                        }
                    )
                    for n in range(answers_per_card):
                        answer_rows.append(
                            {
                                "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                                "learner_id": learner_id,
                                "card_id": card_id,
                                "answered_at": NOW - timedelta(days=30 - 5 * n),
                                "received_at": NOW,
                                "kind": "word_pick_picture",
                                "correct": True,
                                "near_miss": False,
                                "hinted": False,
                                "response_ms": 2000,
                                "rating": 3,
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
            f"  loaded {card_id:,} cards and {card_id * answers_per_card:,} answers "
            f"in {time.perf_counter() - started:.0f} s"
        )
        return learner_ids


def bench_next(app, learner_ids: list[int], samples: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2)
    urls = service.Urls(picture=lambda p: "/p.svg")
    times = []
    with app.app_context():
        for learner_id in rng.sample(learner_ids, samples):
            learner = db.session.get(Learner, learner_id)
            started = time.perf_counter()
            service.next_batch(db.session, learner, now=NOW, rng=rng, urls=urls)
            times.append((time.perf_counter() - started) * 1000)
            db.session.rollback()
    print(
        f"  next items ({samples} learners): p50 {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms"
    )


def bench_answers(app, learner_ids: list[int], phones: int, batches: int, size: int) -> None:  # type: ignore[no-untyped-def]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    with app.app_context():
        chosen = learner_ids[:phones]
        tokens = {
            lid: register_device(db.session, db.session.get(Learner, lid), now=NOW)
            for lid in chosen
        }
        cards = {
            lid: list(db.session.scalars(select(Card.id).where(Card.learner_id == lid)))
            for lid in chosen
        }
        db.session.commit()
    latencies: list[float] = []
    lock = threading.Lock()

    def phone(learner_id: int) -> None:
        rng = random.Random(learner_id)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"vaktaal_device={tokens[learner_id]}",
        }
        for b in range(batches):
            answers = [
                {
                    "uuid": str(uuid.uuid4()),
                    "card_id": rng.choice(cards[learner_id]),
                    "answered_at": (NOW + timedelta(seconds=b * size + i)).isoformat(),
                    "kind": "word_pick_picture",
                    "correct": rng.random() < 0.8,
                    "response_ms": rng.randint(800, 9000),
                }
                for i in range(size)
            ]
            body = json.dumps({"answers": answers})
            started = time.perf_counter()
            connection.request("POST", "/api/v1/answers", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
            with lock:
                latencies.append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=phone, args=(lid,)) for lid in chosen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    server.shutdown()
    total = phones * batches * size
    print(
        f"  answers: {phones} phones x {batches} batches x {size} = {total} answers in "
        f"{wall:.1f} s: {total / wall:.0f} answers/s; batch latency p50 "
        f"{statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms"
    )


def run(label: str, url: str, args: argparse.Namespace, tmp: Path) -> None:
    print(f"{label}:")
    app = bench_app(url, tmp)
    learner_ids = load(app, args.learners, args.answers_per_card)
    bench_next(app, learner_ids, args.samples)
    bench_answers(app, learner_ids, args.phones, args.batches, args.batch_size)
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="PostgreSQL server URL; a scratch database is made")
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--answers-per-card", type=int, default=4)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--phones", type=int, default=8)
    parser.add_argument("--batches", type=int, default=25)
    parser.add_argument("--batch-size", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args, Path(tmp))
        if args.postgres:
            with scratch_postgres(args.postgres) as url:
                run("PostgreSQL", url, args, Path(tmp))


if __name__ == "__main__":
    main()

"""Which items a learner gets, in which order, and what counts as learned."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from tests.conftest import NOW
from vaktaal.accounts.models import Learner
from vaktaal.accounts.service import create_group, find_group, join_group, set_level
from vaktaal.extensions import db
from vaktaal.practice import service
from vaktaal.practice.models import Card
from vaktaal.practice.schemas import AnswerIn
from vaktaal.sectors.models import Sector
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content
from vaktaal.srs.exercises import LEVEL_KINDS, Level

URLS = service.Urls(picture=lambda p: f"/pictures/{p.key}.svg")


def learner(app: Flask, code: str, name: str = "Amina", level: str = "A0") -> Learner:
    found = find_group(db.session, code)
    assert found is not None
    person = join_group(db.session, found, name=name, pin=None, now=NOW)
    set_level(person, level)
    return person


def batch(person: Learner, now: datetime = NOW, seed: int = 1) -> list[dict[str, object]]:
    return service.next_batch(db.session, person, now=now, rng=random.Random(seed), urls=URLS)


def answer_all(person: Learner, items: list[dict[str, object]], now: datetime) -> None:
    answers = [
        AnswerIn(
            uuid=uuid.uuid4(),
            card_id=item["card_id"],
            answered_at=now,
            kind=item["kind"],
            correct=True,
            response_ms=2000,
        )
        for item in items
    ]
    service.record_answers(db.session, person, answers, now=now)


def test_a0_gets_only_exercises_without_reading_or_typing(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        items = batch(learner(loaded, join_code))
        assert items
        assert {item["kind"] for item in items} <= set(LEVEL_KINDS[Level.A0])
        assert all(item["introduce"] for item in items)


def test_recognise_first_then_produce_on_a_later_round(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(loaded, join_code)
        first = batch(person)
        assert {item["skill"] for item in first} == {"recognise"}
        answer_all(person, first, NOW + timedelta(minutes=5))
        tomorrow = NOW + timedelta(days=1)
        second = batch(person, tomorrow)
        skills = [item["skill"] for item in second]
        assert "produce" in skills
        # Reviews that are due come before new cards.
        due = {c.id for c in db.session.scalars(select(Card)) if c.reps and c.due <= tomorrow}
        reviews = [i for i, item in enumerate(second) if item["card_id"] in due]
        assert reviews == list(range(len(reviews)))


def test_daily_limit_of_new_cards(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(loaded, join_code)
        items = service.next_batch(
            db.session, person, now=NOW, rng=random.Random(1), urls=URLS, new_per_day=2
        )
        assert len(items) == 2
        again = service.next_batch(
            db.session, person, now=NOW, rng=random.Random(1), urls=URLS, new_per_day=2
        )
        assert {i["card_id"] for i in again} == {i["card_id"] for i in items}
        next_day = service.next_batch(
            db.session,
            person,
            now=NOW + timedelta(days=1),
            rng=random.Random(1),
            urls=URLS,
            new_per_day=2,
        )
        assert len({i["card_id"] for i in next_day} - {i["card_id"] for i in items}) == 2


def test_a2_may_get_typing_once_words_are_known(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(loaded, join_code, level="A2")
        answer_all(person, batch(person), NOW)
        kinds = set()
        for day in range(1, 30):
            items = batch(person, NOW + timedelta(days=day), seed=day)
            kinds |= {item["kind"] for item in items}
            answer_all(person, items, NOW + timedelta(days=day))
        assert kinds <= set(LEVEL_KINDS[Level.A2])
        assert kinds & {"type_word", "gap_type", "dialogue_gap"}


def test_progress_counts_learned_words_and_days(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(loaded, join_code)
        for day in range(0, 40, 4):
            when = NOW + timedelta(days=day)
            answer_all(person, batch(person, when, seed=day), when)
        end = NOW + timedelta(days=41)
        progress = service.learner_progress(db.session, person, now=end)
        assert progress.words_started >= 3
        assert progress.words_learned >= 1
        assert progress.words_learned <= progress.words_started


def test_days_practised_this_week(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(loaded, join_code)
        items = batch(person)
        thursday, friday = NOW, NOW + timedelta(days=1)  # 12 and 13 March 2026
        answer_all(person, items, thursday)
        answer_all(person, items[:2], friday)
        saturday = service.learner_progress(db.session, person, now=NOW + timedelta(days=2))
        assert (saturday.days_this_week, saturday.answers_today) == (2, 0)
        on_friday = service.learner_progress(db.session, person, now=friday + timedelta(hours=1))
        assert (on_friday.days_this_week, on_friday.answers_today) == (2, 2)
        next_monday = service.learner_progress(db.session, person, now=NOW + timedelta(days=4))
        assert next_monday.days_this_week == 0


def test_local_day_starts_at_midnight_in_amsterdam() -> None:
    late_evening_utc = datetime(2026, 3, 12, 23, 30, tzinfo=UTC)  # 00:30 on the 13th there
    assert service.local_day_start(late_evening_utc).day == 13


PACK_THEME = """slug: eerste-dag
title: De eerste dag
description: Wat je de eerste dag hoort.
level: A0
terms:
  - key: klok
    lemma: klok
    word_class: noun
    article: de
    plural: klokken
    example: Kijk op de klok.
    picture: openmoji:1F570
  - key: emmer
    lemma: emmer
    word_class: noun
    article: de
    plural: emmers
    example: Waar is de emmer?
    picture: openmoji:1FAA3
  - key: sleutel
    lemma: sleutel
    word_class: noun
    article: de
    plural: sleutels
    example: Hier is je sleutel.
    picture: openmoji:1F511
"""


def add_pack(content_dir: Path) -> None:
    pack = content_dir / "algemeen"
    (pack / "themes").mkdir(parents=True)
    (pack / "sector.yaml").write_text(
        "title: Werken in Nederland\ndescription: Voor elke sector.\nposition: 90\n"
        "cross_sector: true\n"
    )
    (pack / "themes" / "01-eerste-dag.yaml").write_text(PACK_THEME)


def load_with_pack(app: Flask, content_dir: Path) -> None:
    add_pack(content_dir)
    report = check_content(content_dir, checker=None)
    assert report.problems == []
    sync_content(db.session, report.sectors, now=NOW)


def sector_of(card_ids: list[object]) -> set[str]:
    cards = db.session.scalars(select(Card).where(Card.id.in_(card_ids)))
    return {card.term.sector.slug for card in cards if card.term is not None}


def test_a_group_practises_the_cross_sector_packs_too(app: Flask, content_dir: Path) -> None:
    with app.app_context():
        load_with_pack(app, content_dir)
        keuken = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
        assert keuken is not None
        group = create_group(db.session, name="Keuken", sector=keuken, now=NOW)
        assert [pack.slug for pack in group.packs] == ["algemeen"]
        person = join_group(db.session, group, name="Amina", pin=None, now=NOW)
        items = batch(person)
        assert sector_of([item["card_id"] for item in items]) == {"keuken", "algemeen"}
        # Themes take turns: keuken's first theme, the pack's first, keuken's second.
        # ("afwassen" has no picture: no A0 exercise, so it waits; the pack's "emmer" is
        # keuken's own word too, so it is practised once, as keuken's.)
        keys = [c.term.key for c in db.session.scalars(select(Card).order_by(Card.id)) if c.term]
        assert keys == ["emmer", "mop", "water", "klok", "sleutel", "zeep"]
        emmer = [c for c in db.session.scalars(select(Card)) if c.term and c.term.key == "emmer"]
        assert [c.term.sector.slug for c in emmer if c.term] == ["keuken"]

        alone = create_group(db.session, name="Alleen", sector=keuken, packs=[], now=NOW)
        solo = join_group(db.session, alone, name="Yonas", pin=None, now=NOW)
        assert sector_of([item["card_id"] for item in batch(solo)]) == {"keuken"}


def test_group_command_chooses_packs(app: Flask, content_dir: Path) -> None:
    with app.app_context():
        load_with_pack(app, content_dir)
        db.session.commit()
    runner = app.test_cli_runner()
    default = runner.invoke(args=["groups", "create", "A", "--sector", "keuken"])
    assert "Also practises: algemeen" in default.output
    none = runner.invoke(args=["groups", "create", "B", "--sector", "keuken", "--no-packs"])
    assert "Also practises" not in none.output
    wrong = runner.invoke(args=["groups", "create", "C", "--sector", "keuken", "--pack", "keuken"])
    assert "'keuken' is a sector, not a cross-sector pack" in wrong.output

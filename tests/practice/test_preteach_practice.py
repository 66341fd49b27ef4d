"""A group's assigned themes come first in practice, in time for their training session."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from tests.conftest import NOW
from vaktaal.accounts.models import Learner
from vaktaal.accounts.service import find_group, join_group, set_level
from vaktaal.extensions import db
from vaktaal.practice import service
from vaktaal.practice.models import Card
from vaktaal.practice.schemas import AnswerIn
from vaktaal.sectors.models import Term, Theme
from vaktaal.teaching.models import ThemeAssignment

URLS = service.Urls(picture=lambda p: f"/pictures/{p.key}.svg")


def learner(code: str, name: str = "Amina") -> Learner:
    group = find_group(db.session, code)
    assert group is not None
    person = join_group(db.session, group, name=name, pin=None, now=NOW)
    set_level(person, "A1")
    return person


def assign(person: Learner, slug: str, *, days: float) -> None:
    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    assert theme is not None and person.group_id is not None
    db.session.add(
        ThemeAssignment(
            group_id=person.group_id,
            theme_id=theme.id,
            due_at=NOW + timedelta(days=days),
            assigned_at=NOW,
        )
    )
    db.session.flush()


def words(items: list[dict[str, object]]) -> list[str]:
    """The words of a batch's exercises, in order."""
    keys = []
    for item in items:
        card = db.session.get(Card, item["card_id"])
        assert card is not None
        term = db.session.get(Term, card.term_id) if card.term_id else None
        keys.append(term.key if term else f"line-{card.line_id}")
    return keys


def theme_keys(slug: str) -> set[str]:
    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    assert theme is not None
    return {tt.term.key for tt in theme.theme_terms}


def batch(person: Learner, **options: object) -> list[dict[str, object]]:
    return service.next_batch(
        db.session, person, now=NOW, rng=random.Random(1), urls=URLS, **options
    )  # type: ignore[arg-type]


def test_assigned_theme_words_come_before_the_sectors_order(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        schoon, basis = theme_keys("schoon"), theme_keys("basis") - theme_keys("schoon")
        assert "zeep" in schoon and basis
        person = learner(join_code)
        assign(person, "schoon", days=3)
        order = words(batch(person))
        assert set(order[: len(schoon)]) == schoon
        assert set(order[len(schoon) :]) <= basis


def test_without_an_assignment_basis_comes_first(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(join_code)
        order = words(batch(person))
        assert order[0] in theme_keys("basis")
        assert "zeep" not in order[:3]
        # A past deadline is no deadline: the same order as without one.
        other = learner(join_code, name="Yonas")
        assign(other, "schoon", days=-1)
        assert words(batch(other)) == order


def test_a_close_deadline_may_exceed_the_daily_limit(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        person = learner(join_code)
        # Three days ahead, to be introduced two days before it: today is the last day.
        assign(person, "schoon", days=3)
        assert set(words(batch(person, new_per_day=1))) == theme_keys("schoon")


def test_words_are_spread_and_stop_when_the_days_time_is_spent(
    loaded: Flask, join_code: str
) -> None:
    with loaded.app_context():
        person = learner(join_code)
        assign(person, "basis", days=7)
        # Four words over the five days before the introduce-by moment: one today.
        first = batch(person, new_per_day=1)
        assert len(first) == 1
        # Twenty answers of 30 seconds (plus feedback): more than the day's 10 minutes.
        answers = [
            AnswerIn(
                uuid=uuid.uuid4(),
                card_id=first[0]["card_id"],
                answered_at=NOW - timedelta(minutes=30 - i),
                kind=first[0]["kind"],
                correct=True,
                response_ms=30_000,
            )
            for i in range(20)
        ]
        service.record_answers(db.session, person, answers, now=NOW)
        later = NOW + timedelta(hours=2)
        items = service.next_batch(db.session, person, now=later, rng=random.Random(1), urls=URLS)
        assert (
            db.session.scalar(
                select(func.count()).select_from(Card).where(Card.learner_id == person.id)
            )
            == 1
        )
        assert {item["card_id"] for item in items} <= {first[0]["card_id"]}


def test_an_assigned_themes_dialogue_comes_before_other_new_words(
    loaded: Flask, join_code: str
) -> None:
    with loaded.app_context():
        person = learner(join_code)
        assign(person, "basis", days=2.5)  # the last day to introduce: all of it today
        assert set(words(batch(person, new_per_day=50, size=4))) == theme_keys("basis")
        # The dialogue's words are met: its lines are due before the session too, so they
        # come before the next theme's word (without a deadline they would come after it).
        order = words(batch(person, new_per_day=50))
        lines = [i for i, key in enumerate(order) if key.startswith("line-")]
        assert lines and "zeep" in order
        assert max(lines) < order.index("zeep")

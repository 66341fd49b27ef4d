"""The pre-teach-by moment of each word a learner's group must have practised."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import select

from tests.conftest import NOW
from vaktaal.accounts.models import Learner
from vaktaal.accounts.service import create_group, join_group
from vaktaal.extensions import db
from vaktaal.sectors.models import Dialogue, DialogueLine, Sector, Term, Theme
from vaktaal.teaching.deadlines import line_deadlines, term_deadlines
from vaktaal.teaching.models import ThemeAssignment


def keuken() -> Sector:
    sector = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
    assert sector is not None
    return sector


def learner_in_new_group(name: str = "Keuken maandag") -> Learner:
    group = create_group(db.session, name=name, sector=keuken(), now=NOW)
    return join_group(db.session, group, name="Amina", pin=None, now=NOW)


def assign(learner: Learner, slug: str, due_at: datetime) -> None:
    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    assert theme is not None and learner.group_id is not None
    db.session.add(
        ThemeAssignment(
            group_id=learner.group_id, theme_id=theme.id, due_at=due_at, assigned_at=NOW
        )
    )
    db.session.flush()


def by_key(deadlines: dict[int, datetime]) -> dict[str, datetime]:
    terms = db.session.scalars(select(Term).where(Term.id.in_(deadlines)))
    return {term.key: deadlines[term.id] for term in terms}


def test_each_word_of_the_assigned_themes_gets_its_earliest_deadline(loaded: Flask) -> None:
    with loaded.app_context():
        amina = learner_in_new_group()
        thursday, next_week = NOW + timedelta(days=3), NOW + timedelta(days=7)
        assign(amina, "basis", next_week)
        assign(amina, "schoon", thursday)
        deadlines = by_key(term_deadlines(db.session, amina, now=NOW))
        # "emmer" is in both themes: the earlier deadline counts.
        assert deadlines["emmer"] == thursday
        assert deadlines["zeep"] == thursday
        assert deadlines["mop"] == next_week
        assert set(deadlines) == {
            t.key for t in db.session.scalars(select(Term).where(Term.sector_id == keuken().id))
        }


def test_past_deadlines_retired_words_and_other_groups_do_not_count(loaded: Flask) -> None:
    with loaded.app_context():
        amina = learner_in_new_group()
        other = learner_in_new_group("Keuken dinsdag")
        assign(amina, "basis", NOW - timedelta(hours=1))
        assign(amina, "schoon", NOW + timedelta(days=3))
        assign(other, "basis", NOW + timedelta(days=2))
        zeep = db.session.scalar(select(Term).where(Term.key == "zeep"))
        assert zeep is not None
        zeep.retired_at = NOW
        db.session.flush()
        assert by_key(term_deadlines(db.session, amina, now=NOW)) == {
            "emmer": NOW + timedelta(days=3)
        }
        # At the deadline itself it is over.
        assert term_deadlines(db.session, amina, now=NOW + timedelta(days=3)) == {}


def test_a_learner_without_a_group_has_no_deadlines(loaded: Flask) -> None:
    with loaded.app_context():
        alone = Learner(
            sector_id=keuken().id, display_name="Yonas", name_key="yonas", level="A1",
            created_at=NOW,
        )  # fmt: skip
        db.session.add(alone)
        db.session.flush()
        assert term_deadlines(db.session, alone, now=NOW) == {}


def test_the_lines_of_an_assigned_themes_dialogues_get_its_deadline(loaded: Flask) -> None:
    with loaded.app_context():
        amina = learner_in_new_group()
        other = learner_in_new_group("Keuken dinsdag")
        thursday = NOW + timedelta(days=3)
        assign(amina, "basis", thursday)
        assign(amina, "schoon", NOW + timedelta(days=1))  # a theme without dialogues
        assign(other, "basis", NOW + timedelta(days=2))
        lines = db.session.scalars(
            select(DialogueLine.id)
            .join(Dialogue, Dialogue.id == DialogueLine.dialogue_id)
            .join(Theme, Theme.id == Dialogue.theme_id)
            .where(Theme.slug == "basis")
        ).all()
        assert lines
        assert line_deadlines(db.session, amina, now=NOW) == dict.fromkeys(lines, thursday)
        first = db.session.get(DialogueLine, lines[0])
        assert first is not None
        first.retired_at = NOW
        db.session.flush()
        assert set(line_deadlines(db.session, amina, now=NOW)) == set(lines[1:])
        assert line_deadlines(db.session, amina, now=thursday) == {}

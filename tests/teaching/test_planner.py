"""The trajectory planner: start times, sessions, assignments, and its pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import NOW
from tests.teaching.conftest import make_group, make_user
from vaktaal.accounts.models import Group, User
from vaktaal.extensions import db
from vaktaal.sectors.models import Theme
from vaktaal.teaching import planner
from vaktaal.teaching.models import PartOfDay, ThemeAssignment, TrainingSession

# NOW is Thursday 12 March 2026, 09:00 in Amsterdam (winter time, UTC+1).
THURSDAY = date(2026, 3, 12)


def theme_id(app: Flask, slug: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Theme.id).where(Theme.slug == slug))
        assert found is not None
        return found


def add(
    app: Flask, group_id: int, day: date, part: str = "ochtend", topic: str = "Hygiëne"
) -> int:
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        training = planner.add_session(
            db.session, group, day=day, part_of_day=part, topic=topic, location=None, now=NOW
        )
        db.session.commit()
        return training.id


def count(app: Flask, model: type[TrainingSession] | type[ThemeAssignment]) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


# --- start times ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "part", "expected"),
    [
        # Winter time: UTC+1.
        (date(2026, 3, 12), PartOfDay.OCHTEND, datetime(2026, 3, 12, 7, 30, tzinfo=UTC)),
        (date(2026, 3, 12), PartOfDay.MIDDAG, datetime(2026, 3, 12, 12, 0, tzinfo=UTC)),
        (date(2026, 3, 12), PartOfDay.AVOND, datetime(2026, 3, 12, 17, 30, tzinfo=UTC)),
        # Summer time (from 29 March 2026): UTC+2.
        (date(2026, 3, 30), PartOfDay.OCHTEND, datetime(2026, 3, 30, 6, 30, tzinfo=UTC)),
        (date(2026, 7, 1), PartOfDay.AVOND, datetime(2026, 7, 1, 16, 30, tzinfo=UTC)),
    ],
)
def test_session_start_is_dutch_local_time_in_utc(
    day: date, part: PartOfDay, expected: datetime
) -> None:
    training = TrainingSession(day=day, part_of_day=part.value, topic="x")
    start = planner.session_start(training)
    assert start == expected
    assert start.tzinfo is UTC


# --- sessions for the other pages -------------------------------------------------------


def test_upcoming_and_next_session(loaded: Flask, group_id: int) -> None:
    # Today's morning (08:30) has begun at 09:00; this afternoon's has not.
    add(loaded, group_id, THURSDAY, "ochtend", "Vanochtend")
    add(loaded, group_id, THURSDAY + timedelta(days=7), "ochtend", "Volgende week")
    add(loaded, group_id, THURSDAY, "avond", "Vanavond")
    add(loaded, group_id, THURSDAY, "middag", "Vanmiddag")
    add(loaded, group_id, THURSDAY - timedelta(days=2), "avond", "Dinsdag")
    other = make_group(loaded, make_user(loaded, "b@zuid.nl", organisation="Zuid"), "Zuid")
    add(loaded, other, THURSDAY, "middag", "Andere groep")
    with loaded.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        upcoming = planner.upcoming_sessions(db.session, group, now=NOW)
        assert [t.topic for t in upcoming] == ["Vanmiddag", "Vanavond", "Volgende week"]
        following = planner.next_session(db.session, group, now=NOW)
        assert following is not None and following.topic == "Vanmiddag"
        later = NOW + timedelta(days=30)
        assert planner.next_session(db.session, group, now=later) is None


def test_a_session_that_starts_now_is_still_upcoming(loaded: Flask, group_id: int) -> None:
    add(loaded, group_id, THURSDAY, "ochtend", "Nu")
    with loaded.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        start = datetime(2026, 3, 12, 7, 30, tzinfo=UTC)
        assert [t.topic for t in planner.upcoming_sessions(db.session, group, now=start)] == ["Nu"]


def test_session_terms_are_the_active_words_of_its_themes_once_in_order(
    loaded: Flask, group_id: int, admin_id: int
) -> None:
    session_id = add(loaded, group_id, THURSDAY + timedelta(days=1))
    with loaded.app_context():
        group = db.session.get(Group, group_id)
        teacher = db.session.get(User, admin_id)
        training = db.session.get(TrainingSession, session_id)
        assert group is not None and teacher is not None and training is not None
        assert planner.session_terms(db.session, training) == []
        for slug in ("schoon", "basis"):
            planner.assign_theme(
                db.session,
                group,
                theme_id=theme_id(loaded, slug),
                training=training,
                teacher=teacher,
                now=NOW,
            )
        db.session.commit()
        lemmas = [term.lemma for term in planner.session_terms(db.session, training)]
        # "schoon" (zeep, emmer) first, then "basis" without emmer a second time.
        assert lemmas[:2] == ["zeep", "emmer"]
        assert lemmas.count("emmer") == 1
        assert {"mop", "water", "afwassen"} <= set(lemmas)

        mop = next(t for t in planner.session_terms(db.session, training) if t.lemma == "mop")
        mop.retired_at = NOW
        db.session.commit()
        assert "mop" not in [t.lemma for t in planner.session_terms(db.session, training)]

"""The trajectory planner: start times, sessions, assignments, and its pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import NOW
from tests.teaching.conftest import log_in, make_group, make_user
from vaktaal.accounts.models import Group, Role, User
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector, Theme
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


# --- the pages ------------------------------------------------------------------------


@pytest.fixture
def clocked(loaded: Flask) -> Flask:
    loaded.config["CLOCK"] = lambda: NOW
    return loaded


def planning(group_id: int) -> str:
    return f"/docent/groepen/{group_id}/planning"


def form(**values: str) -> dict[str, str]:
    base = {"day": "2026-03-13", "part_of_day": "ochtend", "topic": "Hygiëne in de keuken"}
    base.update(values)
    return base


def test_the_week_shows_sessions_with_suggested_themes_and_why(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    add(clocked, group_id, THURSDAY + timedelta(days=1), "middag", "Hygiëne in de keuken")
    add(clocked, group_id, THURSDAY + timedelta(days=7), "ochtend", "Volgende week")
    page = teacher_client.get(planning(group_id))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Week 11" in html
    assert "Hygiëne in de keuken" in html
    assert "Voorgestelde thema" in html
    assert "Waarom?" in html
    # The keuken theme "De keuken" has this training topic.
    assert "staat in de trainingsonderwerpen van dit thema" in html
    assert "?week=2026-W10" in html and "?week=2026-W12" in html
    # Next week's session is listed among all upcoming sessions, not in this week.
    assert html.count("Volgende week") >= 1
    assert "Alle komende lessen" in html


def test_a_topic_without_any_match_offers_every_theme(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    add(clocked, group_id, THURSDAY, "avond", "Praktijkdag heftruck")
    html = teacher_client.get(planning(group_id) + "?week=2026-W11").get_data(as_text=True)
    assert "Geen thema past bij dit onderwerp" in html
    assert f'<option value="{theme_id(clocked, "basis")}">De keuken</option>' in html


def test_another_week_and_a_bad_week_value(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    add(clocked, group_id, date(2026, 4, 1), "ochtend", "April")
    assert "April" in teacher_client.get(planning(group_id) + "?week=2026-W14").get_data(
        as_text=True
    )
    bad = teacher_client.get(planning(group_id) + "?week=2026-W99")
    assert bad.status_code == 200
    assert "Week 11" in bad.get_data(as_text=True)


def test_add_a_session(clocked: Flask, teacher_client: FlaskClient, group_id: int) -> None:
    response = teacher_client.post(
        planning(group_id), data=form(day="16-03-2026", location=" Lokaal 2 ")
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("?week=2026-W12")
    with clocked.app_context():
        training = db.session.scalars(select(TrainingSession)).one()
        assert training.day == date(2026, 3, 16)
        assert training.part_of_day == "ochtend"
        assert training.topic == "Hygiëne in de keuken"
        assert training.location == "Lokaal 2"
    assert "De les is ingepland." in teacher_client.get(response.headers["Location"]).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"day": "2026-02-30"}, "Deze datum bestaat niet."),
        ({"day": "morgen"}, "Typ een datum als 12-03-2026."),
        ({"day": ""}, "Kies een datum."),
        ({"part_of_day": "nacht"}, "Kies een dagdeel."),
        ({"topic": "  "}, "Typ het onderwerp, zoals de opleider het noemt."),
        ({"topic": "x" * 201}, "Dit onderwerp is te lang"),
        ({"location": "x" * 201}, "Deze locatie is te lang"),
    ],
)
def test_a_bad_session_is_refused_by_its_field(
    clocked: Flask,
    teacher_client: FlaskClient,
    group_id: int,
    values: dict[str, str],
    message: str,
) -> None:
    response = teacher_client.post(planning(group_id), data=form(**values))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert count(clocked, TrainingSession) == 0


def test_edit_a_session_moves_its_themes_along(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    session_id = add(clocked, group_id, THURSDAY + timedelta(days=1))
    url = f"{planning(group_id)}/{session_id}/wijzigen"
    teacher_client.post(
        f"{planning(group_id)}/{session_id}/themas", data={"theme_id": theme_id(clocked, "basis")}
    )
    page = teacher_client.get(url)
    assert page.status_code == 200
    assert 'value="2026-03-13"' in page.get_data(as_text=True)

    bad = teacher_client.post(url, data=form(topic=""))
    assert bad.status_code == 422
    response = teacher_client.post(
        url, data=form(day="2026-03-20", part_of_day="avond", topic="Nieuw", location="")
    )
    assert response.status_code == 302
    with clocked.app_context():
        training = db.session.get(TrainingSession, session_id)
        assert training is not None
        assert (training.day, training.part_of_day, training.topic, training.location) == (
            date(2026, 3, 20),
            "avond",
            "Nieuw",
            None,
        )
        (assignment,) = training.assignments
        assert assignment.due_at == datetime(2026, 3, 20, 17, 30, tzinfo=UTC)


def test_delete_a_session_with_its_assignments(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    session_id = add(clocked, group_id, THURSDAY + timedelta(days=1))
    teacher_client.post(
        f"{planning(group_id)}/{session_id}/themas", data={"theme_id": theme_id(clocked, "basis")}
    )
    url = f"{planning(group_id)}/{session_id}/verwijderen"
    confirm = teacher_client.get(url).get_data(as_text=True)
    assert "Les verwijderen?" in confirm and "De keuken" in confirm
    assert count(clocked, TrainingSession) == 1
    assert teacher_client.post(url).status_code == 302
    assert count(clocked, TrainingSession) == 0
    assert count(clocked, ThemeAssignment) == 0


def test_assign_a_theme_to_a_session_once(
    clocked: Flask, teacher_client: FlaskClient, group_id: int, admin_id: int
) -> None:
    session_id = add(clocked, group_id, THURSDAY + timedelta(days=1), "middag")
    url = f"{planning(group_id)}/{session_id}/themas"
    basis = theme_id(clocked, "basis")
    for _ in range(2):
        response = teacher_client.post(url, data={"theme_id": basis})
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"?week=2026-W11#les-{session_id}")
    with clocked.app_context():
        (assignment,) = db.session.scalars(select(ThemeAssignment)).all()
        assert assignment.theme_id == basis
        assert assignment.training_session_id == session_id
        assert assignment.due_at == datetime(2026, 3, 13, 12, 0, tzinfo=UTC)
        assert assignment.assigned_at == NOW
        assert assignment.assigned_by_id == admin_id
    html = teacher_client.get(planning(group_id)).get_data(as_text=True)
    assert "✓ toegewezen" in html
    assert "Weghalen" in html

    unassign = f"{planning(group_id)}/toewijzingen/{assignment.id}/verwijderen"
    assert teacher_client.post(unassign).status_code == 302
    assert count(clocked, ThemeAssignment) == 0


def test_a_theme_of_another_sector_or_no_theme_is_refused(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    session_id = add(clocked, group_id, THURSDAY + timedelta(days=1))
    with clocked.app_context():
        group = db.session.get(Group, group_id)
        basis = db.session.get(Theme, theme_id(clocked, "basis"))
        assert group is not None and basis is not None
        # A retired theme is no longer the group's.
        basis.retired_at = NOW
        db.session.commit()
    url = f"{planning(group_id)}/{session_id}/themas"
    refused = teacher_client.post(url, data={"theme_id": theme_id(clocked, "basis")})
    assert refused.status_code == 422
    assert "Dit thema hoort niet bij deze groep" in refused.get_data(as_text=True)
    assert teacher_client.post(url, data={"theme_id": "999999"}).status_code == 422
    assert teacher_client.post(url, data={"theme_id": "abc"}).status_code == 422
    assert teacher_client.post(url, data={}).status_code == 422
    assert count(clocked, ThemeAssignment) == 0


def test_assign_a_theme_by_date(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    url = f"{planning(group_id)}/themas"
    schoon = theme_id(clocked, "schoon")
    for _ in range(2):
        response = teacher_client.post(url, data={"theme_id": schoon, "day": "2026-03-30"})
        assert response.status_code == 302
    with clocked.app_context():
        (assignment,) = db.session.scalars(select(ThemeAssignment)).all()
        assert assignment.training_session_id is None
        # 08:30 in Amsterdam, summer time.
        assert assignment.due_at == datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    html = teacher_client.get(planning(group_id)).get_data(as_text=True)
    assert "maandag 30 maart 2026" in html

    bad = teacher_client.post(url, data={"theme_id": schoon, "day": "30-02-2026"})
    assert bad.status_code == 422
    assert "Deze datum bestaat niet." in bad.get_data(as_text=True)
    missing = teacher_client.post(url, data={"theme_id": "999999", "day": "2026-03-30"})
    assert missing.status_code == 422
    assert "Kies een thema uit de lijst." in missing.get_data(as_text=True)
    assert count(clocked, ThemeAssignment) == 1


def test_another_organisation_sees_nothing(
    clocked: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    session_id = add(clocked, group_id, THURSDAY + timedelta(days=1))
    make_user(clocked, "zuid@zuid.nl", organisation="Taalschool Zuid", role=Role.TEACHER)
    other = log_in(clocked, "zuid@zuid.nl")
    base = planning(group_id)
    assert other.get(base).status_code == 404
    assert other.post(base, data=form()).status_code == 404
    assert other.get(f"{base}/{session_id}/wijzigen").status_code == 404
    assert other.post(f"{base}/{session_id}/verwijderen").status_code == 404
    assert (
        other.post(
            f"{base}/{session_id}/themas", data={"theme_id": theme_id(clocked, "basis")}
        ).status_code
        == 404
    )
    assert other.get(f"{base}/import").status_code == 404
    assert count(clocked, TrainingSession) == 1
    assert count(clocked, ThemeAssignment) == 0


def test_a_session_must_belong_to_the_group_in_the_url(
    clocked: Flask, teacher_client: FlaskClient, group_id: int, admin_id: int
) -> None:
    second = make_group(clocked, admin_id, "Tweede groep")
    session_id = add(clocked, second, THURSDAY + timedelta(days=1))
    base = planning(group_id)
    assert teacher_client.get(f"{base}/{session_id}/wijzigen").status_code == 404
    assert teacher_client.post(f"{base}/{session_id}/verwijderen").status_code == 404
    assert (
        teacher_client.post(
            f"{base}/{session_id}/themas", data={"theme_id": theme_id(clocked, "basis")}
        ).status_code
        == 404
    )
    teacher_client.post(
        f"{planning(second)}/{session_id}/themas", data={"theme_id": theme_id(clocked, "basis")}
    )
    with clocked.app_context():
        assignment_id = db.session.scalars(select(ThemeAssignment.id)).one()
    assert (
        teacher_client.post(f"{base}/toewijzingen/{assignment_id}/verwijderen").status_code == 404
    )
    assert count(clocked, ThemeAssignment) == 1


def test_anonymous_visitors_are_sent_to_log_in(loaded: Flask, group_id: int) -> None:
    client = loaded.test_client()
    response = client.get(planning(group_id))
    assert response.status_code == 302
    assert "/account/inloggen" in response.headers["Location"]


def test_group_themes_are_its_sector_packs_and_own_themes(
    loaded: Flask, group_id: int, admin_id: int
) -> None:
    other_user = make_user(loaded, "b@zuid.nl", organisation="Zuid")
    with loaded.app_context():
        group = db.session.get(Group, group_id)
        admin = db.session.get(User, admin_id)
        other = db.session.get(User, other_user)
        assert group is not None and admin is not None and other is not None
        pack = Sector(
            slug="werkpak",
            title="Werk",
            description="Werken in Nederland.",
            position=90,
            cross_sector=True,
            created_at=NOW,
            updated_at=NOW,
        )
        db.session.add(pack)
        group.packs = [pack]

        def make_theme(slug: str, sector: Sector, **extra: object) -> None:
            db.session.add(
                Theme(
                    sector=sector,
                    slug=slug,
                    title=slug.title(),
                    description="Een thema.",
                    level="A1",
                    position=1,
                    training_topics=[],
                    created_at=NOW,
                    updated_at=NOW,
                    **extra,
                )
            )

        make_theme("rooster", pack)
        make_theme("oud", pack, retired_at=NOW)
        make_theme("eigen", group.sector, organisation_id=admin.organisation_id)
        make_theme(
            "eigen-groep", group.sector, organisation_id=admin.organisation_id, group_id=group.id
        )
        make_theme("andere-school", group.sector, organisation_id=other.organisation_id)
        db.session.commit()
        slugs = [theme.slug for theme in planner.group_themes(db.session, group)]
        assert slugs == ["basis", "schoon", "eigen", "eigen-groep", "rooster"]

        # A theme for another group of the same school is not this group's.
        second = make_group(loaded, admin_id, "Tweede")
        make_theme("tweede", group.sector, organisation_id=admin.organisation_id, group_id=second)
        db.session.commit()
        assert "tweede" not in [t.slug for t in planner.group_themes(db.session, group)]

"""The progress dashboard: numbers for hand-built cards and answers, the page, the CSV."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import NOW
from tests.teaching.conftest import log_in, make_group, make_user
from vaktaal.accounts.models import Group, Learner, Role
from vaktaal.accounts.service import join_group
from vaktaal.extensions import db
from vaktaal.practice.models import Answer, Card
from vaktaal.practice.schemas import AnswerIn
from vaktaal.practice.service import learner_progress, record_answers
from vaktaal.sectors.models import Term, Theme
from vaktaal.srs.scheduler import CardState, Skill, State, new_card
from vaktaal.teaching import dashboard
from vaktaal.teaching.models import PartOfDay, ThemeAssignment, TrainingSession

# NOW is Thursday 12 March 2026, 09:00 in Amsterdam; the week began on Monday 9 March,
# 00:00 Amsterdam = Sunday 8 March 23:00 UTC. Friday 13 March ochtend = 07:30 UTC.
MONDAY = datetime(2026, 3, 8, 23, 0, tzinfo=UTC)
SESSION_START = datetime(2026, 3, 13, 7, 30, tzinfo=UTC)


@pytest.fixture
def dash(loaded: Flask) -> Flask:
    """The app with the keuken sector, its clock stopped at NOW."""
    loaded.config["CLOCK"] = lambda: NOW
    loaded.config["WTF_CSRF_ENABLED"] = False
    return loaded


def group(group_id: int) -> Group:
    found = db.session.get(Group, group_id)
    assert found is not None
    return found


def learner(group_id: int, name: str) -> Learner:
    return join_group(db.session, group(group_id), name=name, pin=None, now=NOW - timedelta(30))


def term(key: str) -> Term:
    found = db.session.scalar(select(Term).where(Term.key == key))
    assert found is not None
    return found


def theme(slug: str) -> Theme:
    found = db.session.scalar(select(Theme).where(Theme.slug == slug))
    assert found is not None
    return found


def reviewed(stability: float, last_review: datetime, due: datetime) -> CardState:
    """A card in review with a known memory (FSRS: recall is 90 % `stability` days on)."""
    return CardState(
        state=State.Review,
        step=None,
        stability=stability,
        difficulty=5.0,
        due=due,
        last_review=last_review,
        reps=3,
    )


def card(
    owner: Learner,
    key: str,
    state: CardState | None = None,
    *,
    skill: Skill = Skill.RECOGNISE,
    answers: Sequence[tuple[datetime, int, int]] = (),
) -> Card:
    """A card with this memory and these answers (moment, response ms, FSRS rating)."""
    state = state or new_card(now=NOW - timedelta(days=30))
    row = Card(
        learner_id=owner.id,
        term_id=term(key).id,
        skill=skill.value,
        memory=state.to_dict(),
        due=state.due,
        stability=state.stability,
        reps=len(answers) or state.reps,
        introduced_at=NOW - timedelta(days=30),
        last_answer_at=state.last_review,
    )
    db.session.add(row)
    db.session.flush()
    for moment, ms, rating in answers:
        db.session.add(
            Answer(
                uuid=str(uuid.uuid4()),
                learner_id=owner.id,
                card_id=row.id,
                answered_at=moment,
                received_at=moment,
                kind="word_pick_picture",
                correct=rating > 1,
                response_ms=ms,
                rating=rating,
            )
        )
    db.session.flush()
    return row


def plan_session(group_id: int, *slugs: str, day: date = date(2026, 3, 13)) -> TrainingSession:
    session = TrainingSession(
        group_id=group_id,
        day=day,
        part_of_day=PartOfDay.OCHTEND.value,
        topic="Hygiëne in de keuken",
        created_at=NOW,
    )
    db.session.add(session)
    db.session.flush()
    for slug in slugs:
        db.session.add(
            ThemeAssignment(
                group_id=group_id,
                theme_id=theme(slug).id,
                training_session_id=session.id,
                due_at=SESSION_START,
                assigned_at=NOW,
            )
        )
    db.session.flush()
    return session


# ------------------------------------------------------------------------ overview


def test_overview_counts_minutes_words_due_and_last_active(dash: Flask, group_id: int) -> None:
    with dash.app_context():
        amina, bram = learner(group_id, "Amina"), learner(group_id, "Bram")
        learned = reviewed(30.0, NOW - timedelta(days=1), NOW + timedelta(days=29))
        shaky = reviewed(1.0, NOW - timedelta(days=5), NOW - timedelta(days=4))
        # emmer: both cards learned → learned. mop: one shaky card → seen, not learned.
        card(amina, "emmer", learned, answers=[(NOW - timedelta(hours=2), 30_000, 3)])
        card(
            amina,
            "emmer",
            learned,
            skill=Skill.PRODUCE,
            answers=[(NOW - timedelta(hours=1), 90_000, 3)],  # capped at 60 s
        )
        card(
            amina,
            "mop",
            shaky,
            answers=[
                (MONDAY + timedelta(minutes=1), 2_000, 1),  # this week, just
                (MONDAY - timedelta(minutes=1), 45_000, 3),  # last week: not counted
            ],
        )
        rows = {r.name: r for r in dashboard.group_overview(db.session, group(group_id), now=NOW)}

    assert list(rows) == ["Amina", "Bram"]
    a = rows["Amina"]
    assert a.minutes_this_week == pytest.approx((30 + 60 + 2) / 60)
    assert a.words_learned == 1 and a.words_seen == 2
    assert a.due_now == 1  # the shaky mop card
    assert a.last_active == NOW - timedelta(hours=1)
    assert a.activity is dashboard.Activity.ACTIVE
    b = rows["Bram"]
    assert (b.minutes_this_week, b.words_learned, b.words_seen, b.due_now) == (0, 0, 0, 0)
    assert b.last_active is None and b.activity is dashboard.Activity.NEVER
    assert bram.id == b.learner_id


def test_words_learned_and_due_agree_with_the_learners_own_progress_page(
    dash: Flask, group_id: int
) -> None:
    """The dashboard reads only part of each card's memory; it must count the same."""
    with dash.app_context():
        amina = learner(group_id, "Amina")
        cards = [card(amina, key, skill=skill) for key in ("emmer", "mop", "water", "afwassen")
                 for skill in (Skill.RECOGNISE, Skill.PRODUCE)]  # fmt: skip
        for day in (20, 15, 9, 2):  # good answers, except a few on water and afwassen
            moment = NOW - timedelta(days=day)
            record_answers(
                db.session,
                amina,
                [
                    AnswerIn(
                        uuid=uuid.uuid4(),
                        card_id=c.id,
                        answered_at=moment + timedelta(seconds=i),
                        kind="word_pick_picture",
                        correct=not (i >= 4 and day == 2 + i % 2 * 7),
                        response_ms=3000,
                    )
                    for i, c in enumerate(cards)
                ],
                now=moment + timedelta(minutes=1),
            )
        own = learner_progress(db.session, amina, now=NOW)
        [row] = dashboard.group_overview(db.session, group(group_id), now=NOW)
    assert 0 < own.words_learned < 4
    assert (row.words_learned, row.words_seen, row.due_now) == (
        own.words_learned,
        own.words_started,
        own.due_now,
    )


def test_a_learner_is_inactive_after_the_groups_number_of_days(dash: Flask, group_id: int) -> None:
    with dash.app_context():
        group(group_id).inactive_after_days = 3
        for name, days in (("Recent", 2.9), ("Weg", 3), ("Lang weg", 20)):
            card(learner(group_id, name), "emmer", answers=[(NOW - timedelta(days), 4000, 3)])
        learner(group_id, "Nooit")
        rows = {r.name: r for r in dashboard.group_overview(db.session, group(group_id), now=NOW)}
        db.session.commit()
    assert rows["Recent"].activity is dashboard.Activity.ACTIVE
    assert rows["Weg"].activity is dashboard.Activity.INACTIVE
    assert rows["Lang weg"].activity is dashboard.Activity.INACTIVE
    assert rows["Nooit"].activity is dashboard.Activity.NEVER


def test_weekly_minutes_for_eight_weeks_by_dutch_monday(dash: Flask, group_id: int) -> None:
    with dash.app_context():
        amina, bram = learner(group_id, "Amina"), learner(group_id, "Bram")
        card(
            amina,
            "emmer",
            answers=[
                (NOW - timedelta(hours=1), 120_000, 3),  # 60 s (capped), this week
                (MONDAY - timedelta(minutes=30), 30_000, 3),  # Sunday 23:30 local: last week
                (MONDAY - timedelta(weeks=7), 60_000, 3),  # the oldest week shown
                (MONDAY - timedelta(weeks=7, minutes=1), 60_000, 3),  # too old
            ],
        )
        card(bram, "mop", answers=[(NOW - timedelta(days=1), 30_000, 3)])
        weeks = dashboard.weekly_minutes(db.session, group(group_id), now=NOW)
    assert [w.monday for w in weeks] == [
        date(2026, 3, 9) - timedelta(weeks=n) for n in range(7, -1, -1)
    ]
    assert [w.minutes for w in weeks] == [1, 0, 0, 0, 0, 0, 0.5, 1.5]


def test_weeks_follow_dutch_summer_time(dash: Flask, group_id: int) -> None:
    later = datetime(2026, 4, 1, 10, 0, tzinfo=UTC)  # summer time began on 29 March
    with dash.app_context():
        amina = learner(group_id, "Amina")
        card(
            amina,
            "emmer",
            answers=[
                (datetime(2026, 3, 29, 22, 30, tzinfo=UTC), 60_000, 3),  # Mon 30 Mar 00:30
                (datetime(2026, 3, 29, 21, 30, tzinfo=UTC), 30_000, 3),  # Sun 29 Mar 23:30
                (datetime(2026, 3, 22, 23, 30, tzinfo=UTC), 6_000, 3),  # Mon 23 Mar 00:30
            ],
        )
        weeks = dashboard.weekly_minutes(db.session, group(group_id), now=later, weeks=2)
    assert [(w.monday, w.minutes) for w in weeks] == [
        (date(2026, 3, 23), 0.6),
        (date(2026, 3, 30), 1.0),
    ]


# ----------------------------------------------------------------------- readiness


def test_readiness_is_the_mean_retrievability_at_the_session_start(
    dash: Flask, group_id: int
) -> None:
    with dash.app_context():
        amina, bram = learner(group_id, "Amina"), learner(group_id, "Bram")
        training = plan_session(group_id, "basis")
        # Reviewed exactly `stability` days before the session: FSRS predicts 90 %.
        at_ninety = reviewed(10.0, SESSION_START - timedelta(days=10), NOW)
        card(amina, "emmer", at_ninety)
        card(amina, "emmer", skill=Skill.PRODUCE)  # introduced, never answered: ignored
        card(amina, "mop", at_ninety)
        card(amina, "mop", at_ninety, skill=Skill.PRODUCE)
        ready = dashboard.readiness(db.session, group(group_id), training, now=NOW)
        words = ready.term_count

    assert words == 4  # emmer, mop, water, afwassen
    assert ready.starts_at == SESSION_START
    assert ready.per_learner[amina.id] == pytest.approx(2 * 0.9 / 4, abs=1e-6)
    assert ready.per_learner[bram.id] == 0
    assert ready.group_share == pytest.approx(0.9 / 4, abs=1e-6)


def test_readiness_rises_when_a_learner_practises_the_sessions_words(
    dash: Flask, group_id: int
) -> None:
    with dash.app_context():
        bram = learner(group_id, "Bram")
        training = plan_session(group_id, "basis")
        cards = [card(bram, key) for key in ("emmer", "mop", "water", "afwassen")]
        before = dashboard.readiness(db.session, group(group_id), training, now=NOW)
        answers = [
            AnswerIn(
                uuid=uuid.uuid4(),
                card_id=c.id,
                answered_at=NOW - timedelta(minutes=10 - i),
                kind="word_pick_picture",
                correct=True,
                response_ms=3000,
            )
            for i, c in enumerate(cards)
        ]
        record_answers(db.session, bram, answers, now=NOW)
        after = dashboard.readiness(db.session, group(group_id), training, now=NOW)
    assert before.per_learner[bram.id] == 0
    assert 0.3 < after.per_learner[bram.id] <= 1


def test_next_readiness_is_for_the_next_session_that_is_still_ahead(
    dash: Flask, group_id: int
) -> None:
    with dash.app_context():
        assert dashboard.next_readiness(db.session, group(group_id), now=NOW) is None
        plan_session(group_id, "basis", day=date(2026, 3, 11))  # yesterday
        plan_session(group_id, "schoon", day=date(2026, 3, 20))
        coming = plan_session(group_id, day=date(2026, 3, 16))  # no themes yet
        ready = dashboard.next_readiness(db.session, group(group_id), now=NOW)
    assert ready is not None and ready.training_session.id == coming.id
    assert ready.term_count == 0 and ready.group_share is None and ready.per_learner == {}


@pytest.mark.parametrize(
    ("share", "level"),
    [
        (0.0, dashboard.ReadinessLevel.NOT_READY),
        (0.499, dashboard.ReadinessLevel.NOT_READY),
        (0.5, dashboard.ReadinessLevel.ALMOST),
        (0.799, dashboard.ReadinessLevel.ALMOST),
        (0.8, dashboard.ReadinessLevel.READY),
        (1.0, dashboard.ReadinessLevel.READY),
    ],
)
def test_readiness_levels(share: float, level: dashboard.ReadinessLevel) -> None:
    assert dashboard.readiness_level(share) is level


# -------------------------------------------------------------------------- themes


def test_theme_progress_seen_learned_and_struggling_words(dash: Flask, group_id: int) -> None:
    with dash.app_context():
        amina, bram = learner(group_id, "Amina"), learner(group_id, "Bram")
        learned = reviewed(30.0, NOW - timedelta(days=1), NOW + timedelta(days=29))
        again = NOW - timedelta(days=2)
        card(amina, "emmer", learned, answers=[(again, 3000, 1), (again, 3000, 3)])
        card(amina, "mop", answers=[(again, 3000, 1)] * 2)
        card(bram, "mop", answers=[(again, 3000, 1)])
        card(bram, "water", learned, answers=[(again, 3000, 3)])
        unassigned = dashboard.theme_progress(db.session, group(group_id), now=NOW)
        plan_session(group_id, "schoon")
        assigned = dashboard.theme_progress(db.session, group(group_id), now=NOW)

    # Nothing assigned: the themes the learners have cards in (schoon includes emmer).
    assert [t.title for t in unassigned] == ["De keuken", "Schoon werken"]
    basis, schoon = unassigned
    assert basis.word_count == 4 and not basis.assigned
    assert basis.seen == pytest.approx(4 / 2)  # Amina 2 words, Bram 2, over 2 learners
    assert basis.learned == pytest.approx(2 / 2)  # emmer (Amina), water (Bram)
    assert [(w.lemma, w.again) for w in basis.struggling] == [("mop", 3), ("emmer", 1)]
    assert (schoon.word_count, schoon.seen, schoon.learned) == (2, 0.5, 0.5)
    # Once themes are assigned, only those are shown.
    assert [(t.title, t.assigned, t.seen) for t in assigned] == [("Schoon werken", True, 0.5)]
    assert [(w.lemma, w.again) for w in assigned[0].struggling] == [("emmer", 1)]


def test_at_most_five_struggling_words(dash: Flask, group_id: int) -> None:
    with dash.app_context():
        amina = learner(group_id, "Amina")
        for n, key in enumerate(("emmer", "mop", "water", "afwassen")):
            card(amina, key, answers=[(NOW - timedelta(days=1), 3000, 1)] * (n + 1))
        basis = dashboard.theme_progress(db.session, group(group_id), now=NOW)[0]
    assert [w.lemma for w in basis.struggling] == ["afwassen", "water", "mop", "emmer"]
    assert dashboard.STRUGGLING_WORDS == 5


# ---------------------------------------------------------------------------- page


def test_the_page_shows_learners_readiness_themes_and_chart(
    dash: Flask, group_id: int, teacher_client: FlaskClient
) -> None:
    with dash.app_context():
        group(group_id).inactive_after_days = 3
        amina, bram = learner(group_id, "Amina"), learner(group_id, "Bram")
        learner(group_id, "Chen")
        plan_session(group_id, "basis")
        at_ninety = reviewed(10.0, SESSION_START - timedelta(days=10), NOW)
        for key in ("emmer", "mop", "water", "afwassen"):
            card(amina, key, at_ninety, answers=[(NOW - timedelta(days=1), 6000, 3)])
        card(bram, "mop", answers=[(NOW - timedelta(days=5), 6000, 1)])
        db.session.commit()
    page = teacher_client.get(f"/docent/groepen/{group_id}/voortgang")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Voortgang van NT2 Schoonmaak A" in html
    assert "Hygiëne in de keuken" in html
    assert "vrijdag 13 maart 2026, 08:30" in html  # the session start, Dutch time
    # Amina 90 % (ready), Bram and Chen 0 % (not ready), the group 30 %: number + word.
    assert '90\u00a0%</span> <span class="badge__label">klaar' in html
    assert '0\u00a0%</span> <span class="badge__label">nog niet klaar' in html
    assert '30\u00a0%</span> <span class="badge__label">nog niet klaar' in html
    assert "gisteren (11 mrt 2026)" in html
    assert "5 dagen geleden" in html and "inactief" in html
    assert "nog nooit geoefend" in html
    assert 'mop <span class="muted">1 keer fout' in html
    assert "<svg" in html and '<title id="practice-chart-title">' in html


def test_empty_states(dash: Flask, group_id: int, teacher_client: FlaskClient) -> None:
    html = teacher_client.get(f"/docent/groepen/{group_id}/voortgang").get_data(as_text=True)
    assert "Er zitten nog geen cursisten in deze groep" in html
    assert "Er staat geen training meer gepland" in html
    assert f'<a href="/docent/groepen/{group_id}/planning">Trainingen plannen</a>' in html
    assert f'<a href="/docent/groepen/{group_id}">Groep en cursisten</a>' in html
    assert "Nog geen thema" in html
    with dash.app_context():
        learner(group_id, "Amina")
        plan_session(group_id)
        db.session.commit()
    html = teacher_client.get(f"/docent/groepen/{group_id}/voortgang").get_data(as_text=True)
    assert "Nog niemand in deze groep heeft geoefend" in html
    assert "nog geen thema's gekoppeld" in html
    assert "Thema's koppelen in de planning</a>" in html


# ----------------------------------------------------------------------------- CSV


def test_csv_export(dash: Flask, group_id: int, teacher_client: FlaskClient) -> None:
    with dash.app_context():
        group(group_id).name = "Groep A/B: keuken"
        amina = learner(group_id, "Amina")
        evil = learner(group_id, '=HYPERLINK("http://x")')
        learner(group_id, "@Sara")
        plan_session(group_id, "basis")
        at_ninety = reviewed(10.0, SESSION_START - timedelta(days=10), NOW)
        card(amina, "emmer", at_ninety, answers=[(NOW - timedelta(days=2), 60_000, 3)])
        card(evil, "mop", answers=[(NOW - timedelta(days=10), 1000, 1)])
        db.session.commit()
    response = teacher_client.get(f"/docent/groepen/{group_id}/voortgang.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="voortgang-Groep_A_B_keuken.csv"'
    )
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Naam",
        "Laatst actief",
        "Oefenminuten deze week",
        "Woorden geleerd",
        "Woorden gezien",
        "Nu te herhalen",
        "Activiteit",
        "Klaar voor volgende training (%)",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Amina"] == ["Amina", "2026-03-10", "1", "1", "1", "1", "actief", "22"]
    assert by_name["'=HYPERLINK(\"http://x\")"][1:] == [
        "2026-03-02", "0", "0", "1", "1", "inactief", "0"
    ]  # fmt: skip
    assert by_name["'@Sara"][1:] == ["", "0", "0", "0", "0", "nog nooit geoefend", "0"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Amina", "Amina"),
        ("a=b", "a=b"),
        (12, "12"),
        (None, ""),
    ],
)
def test_csv_cells_that_look_like_formulas_are_escaped(value: object, cell: str) -> None:
    assert dashboard.csv_cell(value) == cell


# -------------------------------------------------------------------------- access


@pytest.mark.parametrize(
    "path", ["/docent/groepen/{}/voortgang", "/docent/groepen/{}/voortgang.csv"]
)
def test_access(dash: Flask, group_id: int, admin_id: int, path: str) -> None:
    url = path.format(group_id)
    anonymous = dash.test_client().get(url)
    assert anonymous.status_code == 302 and "/account/inloggen" in anonymous.headers["Location"]
    make_user(dash, "baas@bedrijf.nl", organisation="Bedrijf", role=Role.EMPLOYER)
    assert log_in(dash, "baas@bedrijf.nl").get(url).status_code == 403
    make_user(dash, "docent@zuid.nl", organisation="Taalschool Zuid", role=Role.TEACHER)
    other = log_in(dash, "docent@zuid.nl")
    assert other.get(url).status_code == 404
    assert other.get(path.format(group_id + 1000)).status_code == 404
    colleague = make_user(dash, "collega@noord.nl", role=Role.TEACHER)
    assert log_in(dash, "collega@noord.nl").get(url).status_code == 200
    assert make_group(dash, colleague, "Eigen groep") != group_id

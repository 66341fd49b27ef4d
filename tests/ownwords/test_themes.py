"""Own themes: list, rename, change the audience and the words, remove."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import NOW
from tests.ownwords.conftest import keuken, org_of
from tests.teaching.conftest import make_group
from vaktaal.accounts.models import Group, Learner, User
from vaktaal.accounts.service import join_group
from vaktaal.extensions import db
from vaktaal.ownwords import service
from vaktaal.sectors.models import Term, Theme
from vaktaal.teaching import deadlines, planner
from vaktaal.teaching.models import ThemeAssignment


@pytest.fixture
def theme_id(loaded: Flask, org_id: int) -> int:
    """Organisation Noord's theme "Snijden": its own word snijplank and the sector's emmer."""
    with loaded.app_context():
        sector = keuken()
        plank = service.create_term(
            db.session, org_id, sector=sector, lemma="snijplank", article="de", now=NOW
        )
        service.create_term(db.session, org_id, sector=sector, lemma="mes", article="het", now=NOW)
        emmer = db.session.scalar(select(Term).where(Term.key == "emmer"))
        assert emmer is not None
        theme = service.create_theme(
            db.session, org_id, sector=sector, title="Snijden", terms=[plank, emmer], now=NOW
        )
        db.session.commit()
        return theme.id


def words(app: Flask, theme_id: int) -> list[str]:
    with app.app_context():
        theme = db.session.get(Theme, theme_id)
        assert theme is not None
        return [tt.term.lemma for tt in theme.theme_terms]


def term_id(app: Flask, lemma: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Term.id).where(Term.lemma == lemma))
        assert found is not None
        return int(found)


def test_the_list_shows_the_organisations_themes(
    teacher_client: FlaskClient, theme_id: int, other_client: FlaskClient
) -> None:
    page = teacher_client.get("/docent/themas").get_data(as_text=True)
    assert "Snijden" in page and "2 woorden" in page and "nog niet ingepland" in page
    assert f"/docent/themas/{theme_id}" in page
    # Another organisation sees an empty list, with the way to make one.
    other = other_client.get("/docent/themas").get_data(as_text=True)
    assert "Snijden" not in other and "nog geen eigen thema's" in other
    assert other_client.get(f"/docent/themas/{theme_id}").status_code == 404
    assert other_client.post(f"/docent/themas/{theme_id}/verwijderen").status_code == 404


def test_a_content_theme_is_not_an_own_theme(loaded: Flask, teacher_client: FlaskClient) -> None:
    with loaded.app_context():
        content = db.session.scalar(select(Theme.id).where(Theme.organisation_id.is_(None)))
    assert teacher_client.get(f"/docent/themas/{content}").status_code == 404


def test_rename_drop_add_and_reorder_nothing_else(
    loaded: Flask, teacher_client: FlaskClient, theme_id: int, group_id: int
) -> None:
    page = teacher_client.get(f"/docent/themas/{theme_id}").get_data(as_text=True)
    assert 'value="Snijden"' in page
    assert "Eigen woorden toevoegen" in page and ">mes<" in page
    response = teacher_client.post(
        f"/docent/themas/{theme_id}",
        data={
            "title": "Snijden en schoonmaken",
            "audience": str(group_id),
            "terms": [str(term_id(loaded, "emmer")), str(term_id(loaded, "mes"))],
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/docent/themas"
    assert words(loaded, theme_id) == ["emmer", "mes"]
    with loaded.app_context():
        theme = db.session.get(Theme, theme_id)
        assert theme is not None
        assert theme.title == "Snijden en schoonmaken" and theme.group_id == group_id
        # The word left the theme, not the organisation.
        assert db.session.scalar(select(Term).where(Term.lemma == "snijplank")) is not None
    listing = teacher_client.get("/docent/themas").get_data(as_text=True)
    assert "Het thema Snijden en schoonmaken is opgeslagen." in listing
    assert "voor de groep NT2 Schoonmaak A" in listing


def test_a_bad_change_changes_nothing(
    loaded: Flask, teacher_client: FlaskClient, theme_id: int
) -> None:
    no_words = teacher_client.post(
        f"/docent/themas/{theme_id}", data={"title": "Leeg", "audience": "organisatie"}
    )
    assert no_words.status_code == 422
    assert "Kies minstens één woord voor het thema." in no_words.get_data(as_text=True)
    no_title = teacher_client.post(
        f"/docent/themas/{theme_id}",
        data={"title": "  ", "audience": "organisatie", "terms": [str(term_id(loaded, "mes"))]},
    )
    assert no_title.status_code == 422
    # What was ticked stays ticked on the page that explains the problem.
    assert f'value="{term_id(loaded, "mes")}" checked' in no_title.get_data(as_text=True)
    foreign = teacher_client.post(
        f"/docent/themas/{theme_id}",
        data={"title": "Snijden", "audience": "organisatie", "terms": ["999999"]},
    )
    assert foreign.status_code == 422  # an unknown id is not on the page: no words chosen
    assert words(loaded, theme_id) == ["snijplank", "emmer"]
    with loaded.app_context():
        theme = db.session.get(Theme, theme_id)
        assert theme is not None and theme.title == "Snijden"


def test_another_organisations_word_cannot_be_added(
    loaded: Flask, teacher_client: FlaskClient, theme_id: int, other_id: int
) -> None:
    with loaded.app_context():
        theirs = service.create_term(
            db.session, org_of(loaded, other_id), sector=keuken(), lemma="deeg", article="het",
            now=NOW,
        )  # fmt: skip
        db.session.commit()
        theirs_id = theirs.id
    page = teacher_client.get(f"/docent/themas/{theme_id}").get_data(as_text=True)
    assert ">deeg<" not in page
    teacher_client.post(
        f"/docent/themas/{theme_id}",
        data={
            "title": "Snijden",
            "audience": "organisatie",
            "terms": [str(term_id(loaded, "mes")), str(theirs_id)],
        },
    )
    assert words(loaded, theme_id) == ["mes"]


def plan(app: Flask, group_id: int, theme_id: int, admin_id: int) -> None:
    with app.app_context():
        group = db.session.get(Group, group_id)
        teacher = db.session.get(User, admin_id)
        assert group is not None and teacher is not None
        planner.assign_theme_by_date(
            db.session, group, theme_id=theme_id, day=date(2026, 3, 20), teacher=teacher, now=NOW
        )
        db.session.commit()


def test_a_planned_theme_cannot_become_another_groups_only(
    loaded: Flask, teacher_client: FlaskClient, theme_id: int, group_id: int, admin_id: int
) -> None:
    plan(loaded, group_id, theme_id, admin_id)
    second = make_group(loaded, admin_id, name="NT2 Schoonmaak B")
    response = teacher_client.post(
        f"/docent/themas/{theme_id}",
        data={
            "title": "Snijden",
            "audience": str(second),
            "terms": [str(term_id(loaded, "snijplank"))],
        },
    )
    assert response.status_code == 422
    assert "Dit thema is ingepland bij de groep NT2 Schoonmaak A." in response.get_data(
        as_text=True
    )
    assert words(loaded, theme_id) == ["snijplank", "emmer"]
    # For the group it is planned for, it may.
    response = teacher_client.post(
        f"/docent/themas/{theme_id}",
        data={
            "title": "Snijden",
            "audience": str(group_id),
            "terms": [str(term_id(loaded, "mes"))],
        },
    )
    assert response.status_code == 302


def test_removing_takes_the_theme_out_of_practice_and_planning(
    loaded: Flask, teacher_client: FlaskClient, theme_id: int, group_id: int, admin_id: int
) -> None:
    plan(loaded, group_id, theme_id, admin_id)
    with loaded.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        learner = join_group(db.session, group, name="Amina", pin=None, now=NOW)
        db.session.commit()
        learner_id = learner.id
        assert deadlines.term_deadlines(db.session, learner, now=NOW)
    confirm = teacher_client.get(f"/docent/themas/{theme_id}/verwijderen").get_data(as_text=True)
    assert "1 keer ingepland" in confirm
    response = teacher_client.post(f"/docent/themas/{theme_id}/verwijderen")
    assert response.status_code == 302
    with loaded.app_context():
        theme = db.session.get(Theme, theme_id)
        assert theme is not None and theme.retired_at is not None
        assert db.session.scalar(select(func.count()).select_from(ThemeAssignment)) == 0
        learner = db.session.get(Learner, learner_id)
        assert learner is not None
        assert deadlines.term_deadlines(db.session, learner, now=NOW) == {}
        # The words themselves stay.
        assert db.session.scalar(select(Term).where(Term.lemma == "snijplank")) is not None
    assert teacher_client.get(f"/docent/themas/{theme_id}").status_code == 404
    listing = teacher_client.get("/docent/themas").get_data(as_text=True)
    assert "Het thema Snijden is verwijderd." in listing

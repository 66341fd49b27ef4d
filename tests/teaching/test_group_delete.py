"""Deleting a whole group at the end of a trajectory: everything of its learners goes,
its own themes stay with the organisation, nothing of another group is touched."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import NOW, join
from tests.teaching.conftest import log_in, make_group, make_user
from vaktaal.accounts import service as accounts
from vaktaal.accounts.models import Device, Group, Learner, LoginLink, Role, User, group_pack
from vaktaal.extensions import db
from vaktaal.ownwords import files
from vaktaal.ownwords import service as ownwords
from vaktaal.ownwords.models import FlaggedWord, PracticeExtra
from vaktaal.practice.models import Answer, Card
from vaktaal.sectors.models import Sector, Term, Theme
from vaktaal.teaching.models import ThemeAssignment, TrainingSession


@dataclass(frozen=True)
class Built:
    """The ids of what a group that practised holds."""

    group_id: int
    learner_ids: list[int]
    theme_id: int
    file_names: list[str]


def count(app: Flask, model: Any, *where: Any) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model).where(*where)
        return int(db.session.scalar(query) or 0)


def practise(app: Flask, group_id: int, name: str) -> int:
    """A learner joins on a phone and answers one card; returns the learner's id."""
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        code = group.join_code
    phone = join(app, code, name)
    items = phone.get("/api/v1/next").json["items"]
    answer = {
        "uuid": str(uuid.uuid4()), "card_id": items[0]["card_id"],
        "answered_at": NOW.isoformat(), "kind": "word_pick_picture", "correct": True,
        "response_ms": 2000,
    }  # fmt: skip
    assert phone.post("/api/v1/answers", json={"answers": [answer]}).status_code == 200
    with app.app_context():
        learner = db.session.scalar(
            select(Learner).where(Learner.group_id == group_id, Learner.name_key == name.lower())
        )
        assert learner is not None
        accounts.create_login_link(db.session, learner, now=NOW)
        db.session.commit()
        return learner.id


def flag(learner: Learner, group_id: int) -> FlaggedWord:
    folder = files.flag_folder()
    return FlaggedWord(
        learner_id=learner.id,
        group_id=group_id,
        text="deegroller",
        audio_name=files.store_file(folder, b"OggS" + bytes(60), "ogg"),
        photo_name=files.store_file(folder, b"\xff\xd8\xff" + bytes(60), "jpg"),
        created_at=NOW,
        status="open",
    )


def fill(app: Flask, group_id: int, *, stranger_id: int | None = None) -> Built:
    """Learners who practised, a planned session with a theme, an own theme, extra
    words, flagged words, a pack; with `stranger_id`, a flag for this group by a learner
    of another group (one who moved on)."""
    learner_ids = [practise(app, group_id, "Amina"), practise(app, group_id, "Yonas")]
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None and group.organisation_id is not None
        sector = group.sector
        admin = db.session.scalar(
            select(User).where(User.organisation_id == group.organisation_id)
        )
        assert admin is not None
        pack = db.session.scalar(select(Sector).where(Sector.slug == "werk"))
        if pack is None:
            pack = Sector(slug="werk", title="Werken in Nederland", description="Pakket",
                          position=9, cross_sector=True, created_at=NOW, updated_at=NOW)  # fmt: skip
        group.packs.append(pack)
        term = db.session.scalar(select(Term).where(Term.sector_id == sector.id).limit(1))
        assert term is not None
        own = ownwords.create_theme(
            db.session, group.organisation_id, sector=sector, title=f"Les {group.name}",
            terms=[term], group_id=group.id, now=NOW,
        )  # fmt: skip
        training = TrainingSession(
            group_id=group.id, day=date(2026, 3, 19), part_of_day="ochtend",
            topic="Hygiëne in de keuken", created_at=NOW,
        )  # fmt: skip
        db.session.add(training)
        db.session.flush()
        db.session.add(
            ThemeAssignment(
                group_id=group.id, theme_id=own.id, training_session_id=training.id,
                due_at=NOW + timedelta(days=7), assigned_at=NOW, assigned_by_id=admin.id,
            )
        )  # fmt: skip
        amina = db.session.get(Learner, learner_ids[0])
        assert amina is not None
        flags = [flag(amina, group.id)]
        if stranger_id is not None:
            stranger = db.session.get(Learner, stranger_id)
            assert stranger is not None
            flags.append(flag(stranger, group.id))
        db.session.add_all(flags)
        db.session.add_all(
            [
                PracticeExtra(group_id=group.id, term_id=term.id, added_at=NOW),
                PracticeExtra(
                    group_id=group.id, learner_id=amina.id, term_id=term.id, added_at=NOW
                ),
            ]
        )
        db.session.commit()
        names = [name for f in flags for name in (f.audio_name, f.photo_name) if name]
        return Built(group.id, learner_ids, own.id, names)


def rows_of(app: Flask, built: Built) -> dict[str, int]:
    """How many rows refer to the group or its learners, per kind."""
    learners = Learner.id.in_(built.learner_ids)
    return {
        "learners": count(app, Learner, learners),
        "answers": count(app, Answer, Answer.learner_id.in_(built.learner_ids)),
        "cards": count(app, Card, Card.learner_id.in_(built.learner_ids)),
        "devices": count(app, Device, Device.learner_id.in_(built.learner_ids)),
        "login links": count(app, LoginLink, LoginLink.learner_id.in_(built.learner_ids)),
        "sessions": count(app, TrainingSession, TrainingSession.group_id == built.group_id),
        "assignments": count(app, ThemeAssignment, ThemeAssignment.group_id == built.group_id),
        "extras": count(app, PracticeExtra, PracticeExtra.group_id == built.group_id),
        "flags": count(app, FlaggedWord, FlaggedWord.group_id == built.group_id),
        "packs": count(app, group_pack, group_pack.c.group_id == built.group_id),
        "group": count(app, Group, Group.id == built.group_id),
    }


def theme_group(app: Flask, theme_id: int) -> int | None:
    with app.app_context():
        theme = db.session.get(Theme, theme_id)
        assert theme is not None, "the group's theme must stay"
        return theme.group_id


def delete_path(group_id: int) -> str:
    return f"/docent/groepen/{group_id}/verwijderen"


def test_the_group_page_links_to_a_confirmation_that_says_what_goes_and_what_stays(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    fill(loaded, group_id)
    detail = teacher_client.get(f"/docent/groepen/{group_id}").get_data(as_text=True)
    assert f'class="button button--danger" href="{delete_path(group_id)}"' in detail
    assert "Groep verwijderen" in detail
    response = teacher_client.get(delete_path(group_id))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "De groep NT2 Schoonmaak A verwijderen?" in page
    assert "2 cursisten, met alle oefengegevens" in page
    assert "1 les van de planning" in page
    assert "Het thema dat voor deze groep is gemaakt, blijft bewaard" in page
    assert "Typ de naam van de groep om te bevestigen" in page


def test_deleting_a_group_removes_all_its_learners_data_and_keeps_its_themes(
    loaded: Flask, teacher_client: FlaskClient, group_id: int, admin_id: int
) -> None:
    other_id = make_group(loaded, admin_id, "NT2 Keuken B")
    stranger = practise(loaded, other_id, "Bram")
    built = fill(loaded, group_id, stranger_id=stranger)
    other = fill(loaded, other_id)
    before = rows_of(loaded, built)
    assert all(before.values()), before
    assert before["flags"] == 2  # Amina's, and the one Bram made while in this group
    other_before = rows_of(loaded, other)
    folder = Path(loaded.instance_path) / "flagged-words"
    assert all((folder / name).exists() for name in built.file_names)

    # The name in other capitals and spacing counts; the group's packs go too.
    response = teacher_client.post(delete_path(group_id), data={"name": "  nt2  schoonmaak a "})
    assert response.status_code == 302
    assert response.headers["Location"] == "/docent"
    index = teacher_client.get("/docent").get_data(as_text=True)
    assert "De groep NT2 Schoonmaak A is verwijderd, met alle gegevens van de cursisten." in index

    assert rows_of(loaded, built) == dict.fromkeys(before, 0)
    assert not any((folder / name).exists() for name in built.file_names)
    assert theme_group(loaded, built.theme_id) is None  # now the organisation's
    # The other group and its learners, Bram too, are untouched.
    assert rows_of(loaded, other) == other_before
    assert theme_group(loaded, other.theme_id) == other_id
    assert count(loaded, Learner, Learner.id == stranger) == 1
    assert count(loaded, Sector, Sector.slug == "werk") == 1
    assert teacher_client.get(f"/docent/groepen/{group_id}").status_code == 404


def test_a_wrong_name_deletes_nothing(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    built = fill(loaded, group_id)
    before = rows_of(loaded, built)
    for typed in ("NT2 Schoonmaak", ""):
        response = teacher_client.post(delete_path(group_id), data={"name": typed})
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert 'role="alert"' in page
        assert rows_of(loaded, built) == before
    assert "Dat is niet de naam van deze groep. Typ: NT2 Schoonmaak A" in teacher_client.post(
        delete_path(group_id), data={"name": "Keuken"}
    ).get_data(as_text=True)
    assert theme_group(loaded, built.theme_id) == group_id


def test_another_organisation_finds_nothing_and_an_employer_may_not(
    loaded: Flask, group_id: int
) -> None:
    built = fill(loaded, group_id)
    before = rows_of(loaded, built)
    make_user(loaded, "admin@zuid.nl", organisation="Taalschool Zuid")
    make_user(loaded, "baas@jansen.nl", organisation="Bakkerij Jansen", role=Role.EMPLOYER)
    data = {"name": "NT2 Schoonmaak A"}
    other = log_in(loaded, "admin@zuid.nl")
    assert other.get(delete_path(group_id)).status_code == 404
    assert other.post(delete_path(group_id), data=data).status_code == 404
    employer = log_in(loaded, "baas@jansen.nl")
    assert employer.get(delete_path(group_id)).status_code == 403
    assert employer.post(delete_path(group_id), data=data).status_code == 403
    assert rows_of(loaded, built) == before

"""The teacher's inbox of words from the work floor: isolation, dismiss, link, practice."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import NOW
from tests.glossary.test_photos import jpeg_with_exif
from tests.ownwords.conftest import keuken
from tests.ownwords.test_flag import WEBM, flags, learner_client, send
from tests.teaching.conftest import log_in, make_group, make_user
from vaktaal.accounts.models import Role, User
from vaktaal.extensions import db
from vaktaal.ownwords.models import FlaggedWord, FlagStatus, PracticeExtra
from vaktaal.sectors.models import Term


@pytest.fixture
def flagged(loaded: Flask, group_id: int) -> int:
    """Amina (group of Taalschool Noord) flagged "afzuigkap" with a recording and a photo."""
    client = learner_client(loaded, group_id)
    response = send(
        client, text="afzuigkap", audio=(WEBM, "w.webm"), photo=jpeg_with_exif((40, 30))
    )
    assert response.status_code == 302
    return flags(loaded)[-1].id


def term_id(app: Flask, key: str) -> int:
    with app.app_context():
        term = db.session.scalar(select(Term).where(Term.key == key))
        assert term is not None
        return term.id


def test_the_inbox_is_empty_at_first(teacher_client: FlaskClient, group_id: int) -> None:
    page = teacher_client.get("/docent/werkvloer")
    assert page.status_code == 200
    assert "Er zijn geen nieuwe woorden." in page.get_data(as_text=True)


def test_the_inbox_shows_the_flag_with_its_files(
    teacher_client: FlaskClient, flagged: int
) -> None:
    page = teacher_client.get("/docent/werkvloer").get_data(as_text=True)
    assert "afzuigkap" in page and "Amina" in page and "NT2 Schoonmaak A" in page
    assert f"/docent/werkvloer/{flagged}/opname" in page
    assert f"/werkvloer/{flagged}/foto" in page
    audio = teacher_client.get(f"/docent/werkvloer/{flagged}/opname")
    assert audio.status_code == 200 and audio.mimetype == "audio/webm" and audio.data == WEBM
    photo = teacher_client.get(f"/werkvloer/{flagged}/foto")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"


def test_newest_first(loaded: Flask, teacher_client: FlaskClient, group_id: int) -> None:
    client = learner_client(loaded, group_id)
    for word in ("eerste", "tweede"):
        send(client, text=word)
    page = teacher_client.get("/docent/werkvloer").get_data(as_text=True)
    assert page.index("tweede") < page.index("eerste")


def test_another_organisation_sees_nothing(
    loaded: Flask, other_client: FlaskClient, flagged: int
) -> None:
    page = other_client.get("/docent/werkvloer").get_data(as_text=True)
    assert "afzuigkap" not in page
    for url in (
        f"/docent/werkvloer/{flagged}",
        f"/docent/werkvloer/{flagged}/opname",
        f"/werkvloer/{flagged}/foto",
    ):
        assert other_client.get(url).status_code == 404, url
    assert other_client.post(f"/docent/werkvloer/{flagged}/negeren").status_code == 404
    assert flags(loaded)[0].status == FlagStatus.OPEN


def test_who_may_open_the_inbox(loaded: Flask, flagged: int) -> None:
    anonymous = loaded.test_client()
    assert anonymous.get("/docent/werkvloer").status_code == 302
    assert anonymous.get(f"/docent/werkvloer/{flagged}/opname").status_code == 302
    make_user(loaded, "baas@bedrijf.nl", organisation="Taalschool Noord", role=Role.EMPLOYER)
    employer = log_in(loaded, "baas@bedrijf.nl")
    assert employer.get("/docent/werkvloer").status_code == 403
    assert employer.get(f"/werkvloer/{flagged}/foto").status_code == 404


def test_a_flag_of_another_group_of_the_same_organisation_is_shown(
    loaded: Flask, admin_id: int, teacher_client: FlaskClient
) -> None:
    second = make_group(loaded, admin_id, "Logistiek B")
    send(learner_client(loaded, second, "Yonas"), text="pallet")
    assert "pallet" in teacher_client.get("/docent/werkvloer").get_data(as_text=True)


def test_dismiss(loaded: Flask, teacher_client: FlaskClient, flagged: int) -> None:
    response = teacher_client.post(f"/docent/werkvloer/{flagged}/negeren")
    assert response.status_code == 302
    page = teacher_client.get("/docent/werkvloer").get_data(as_text=True)
    assert "Het woord is uit de lijst gehaald." in page
    assert "Er zijn geen nieuwe woorden." in page
    [flag] = flags(loaded)
    assert flag.status == FlagStatus.DISMISSED and flag.handled_at is not None
    # Twice is harmless.
    teacher_client.post(f"/docent/werkvloer/{flagged}/negeren")
    assert "al afgehandeld" in teacher_client.get("/docent/werkvloer").get_data(as_text=True)


@pytest.mark.parametrize(("practice", "for_learner"), [("learner", True), ("group", False)])
def test_link_to_an_existing_term_and_practise_it(
    loaded: Flask, teacher_client: FlaskClient, flagged: int, practice: str, for_learner: bool
) -> None:
    form = teacher_client.get(f"/docent/werkvloer/{flagged}").get_data(as_text=True)
    assert "de emmer" in form
    emmer = term_id(loaded, "emmer")
    response = teacher_client.post(
        f"/docent/werkvloer/{flagged}",
        data={"link-term": emmer, "link-practice": practice, "link-submit": "1"},
    )
    assert response.status_code == 302
    with loaded.app_context():
        flag = db.session.get(FlaggedWord, flagged)
        assert flag is not None
        assert flag.status == FlagStatus.ACCEPTED and flag.term_id == emmer
        [extra] = db.session.scalars(select(PracticeExtra)).all()
        assert extra.term_id == emmer and extra.group_id == flag.group_id
        assert extra.learner_id == (flag.learner_id if for_learner else None)
        assert extra.added_by_id is not None


def test_link_without_extra_practice(
    loaded: Flask, teacher_client: FlaskClient, flagged: int
) -> None:
    emmer = term_id(loaded, "emmer")
    teacher_client.post(
        f"/docent/werkvloer/{flagged}",
        data={"link-term": emmer, "link-practice": "none", "link-submit": "1"},
    )
    with loaded.app_context():
        assert db.session.scalars(select(PracticeExtra)).all() == []
        assert db.session.get(FlaggedWord, flagged).status == FlagStatus.ACCEPTED  # type: ignore[union-attr]


def test_another_organisations_term_cannot_be_linked(
    loaded: Flask, teacher_client: FlaskClient, flagged: int
) -> None:
    with loaded.app_context():
        other = make_user(loaded, "x@zuid.nl", organisation="Leerbedrijf Zuid")
        org = db.session.get(User, other).organisation_id  # type: ignore[union-attr]
        stranger = Term(
            sector_id=keuken().id, key=f"org{org}.geheim", lemma="geheim", word_class="noun",
            article="het", plural=None, countable=False, abstract=True, example="",
            level="A1", tags=[], organisation_id=org, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        db.session.add(stranger)
        db.session.commit()
        stranger_id = stranger.id
    form = teacher_client.get(f"/docent/werkvloer/{flagged}").get_data(as_text=True)
    assert "geheim" not in form
    response = teacher_client.post(
        f"/docent/werkvloer/{flagged}",
        data={"link-term": stranger_id, "link-practice": "group", "link-submit": "1"},
    )
    assert response.status_code == 422
    with loaded.app_context():
        assert db.session.get(FlaggedWord, flagged).status == FlagStatus.OPEN  # type: ignore[union-attr]
        assert db.session.scalars(select(PracticeExtra)).all() == []


def new_word(client: FlaskClient, flag_id: int, **fields: str):  # type: ignore[no-untyped-def]
    data = {
        "new-lemma": "afzuigkap",
        "new-word_class": "noun",
        "new-article": "de",
        "new-plural": "afzuigkappen",
        "new-example": "Zet de afzuigkap aan.",
        "new-level": "A1",
        "new-gloss_en": "extractor hood",
        "new-practice": "learner",
        "new-submit": "1",
    }
    data.update(fields)
    return client.post(f"/docent/werkvloer/{flag_id}", data=data)


def test_the_new_word_form_is_prefilled(teacher_client: FlaskClient, flagged: int) -> None:
    page = teacher_client.get(f"/docent/werkvloer/{flagged}").get_data(as_text=True)
    assert 'name="new-lemma"' in page and 'value="afzuigkap"' in page
    assert "Gebruik de foto van de cursist als plaatje" in page


@pytest.mark.parametrize(("practice", "for_learner"), [("learner", True), ("group", False)])
def test_turn_into_a_new_word_with_the_photo(
    loaded: Flask,
    teacher_client: FlaskClient,
    admin_id: int,
    flagged: int,
    practice: str,
    for_learner: bool,
) -> None:
    response = new_word(
        teacher_client, flagged, **{"new-use_photo": "y", "new-practice": practice}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    with loaded.app_context():
        org = db.session.get(User, admin_id).organisation_id  # type: ignore[union-attr]
        flag = db.session.get(FlaggedWord, flagged)
        assert flag is not None and flag.status == FlagStatus.ACCEPTED
        term = flag.term
        assert term is not None
        assert term.organisation_id == org and term.sector_id == keuken().id
        assert (term.lemma, term.article, term.plural) == ("afzuigkap", "de", "afzuigkappen")
        assert {g.language: g.text for g in term.glosses} == {"en": "extractor hood"}
        assert term.picture is not None and term.picture.source == "upload"
        [extra] = db.session.scalars(select(PracticeExtra)).all()
        assert extra.term_id == term.id
        assert extra.learner_id == (flag.learner_id if for_learner else None)
        picture_url = f"/woordfoto/{term.picture.name}"
    # The term's picture is a copy: learners load it like any own word's photo.
    assert loaded.test_client().get(picture_url).status_code == 200
    inbox = teacher_client.get("/docent/werkvloer").get_data(as_text=True)
    assert "de afzuigkap staat nu in de oefeningen van" in inbox  # the flash
    assert "Er zijn geen nieuwe woorden." in inbox


def test_a_new_word_without_the_photo(
    loaded: Flask, teacher_client: FlaskClient, flagged: int
) -> None:
    assert new_word(teacher_client, flagged, **{"new-practice": "none"}).status_code == 302
    with loaded.app_context():
        flag = db.session.get(FlaggedWord, flagged)
        assert flag is not None and flag.term is not None and flag.term.picture is None
        assert db.session.scalars(select(PracticeExtra)).all() == []


def test_a_bad_new_word_saves_nothing(
    loaded: Flask, teacher_client: FlaskClient, flagged: int
) -> None:
    response = new_word(teacher_client, flagged, **{"new-article": "", "new-use_photo": "y"})
    assert response.status_code == 422
    assert "Het lidwoord moet de of het zijn." in response.get_data(as_text=True)
    with loaded.app_context():
        flag = db.session.get(FlaggedWord, flagged)
        assert flag is not None and flag.status == FlagStatus.OPEN
        assert (
            db.session.scalars(select(Term).where(Term.organisation_id.is_not(None))).all() == []
        )
        assert db.session.scalars(select(PracticeExtra)).all() == []
    photos = Path(loaded.instance_path) / "term-photos"
    assert not photos.exists() or not any(photos.rglob("*.jpg"))


def test_a_handled_word_cannot_be_handled_again(
    loaded: Flask, teacher_client: FlaskClient, flagged: int
) -> None:
    assert new_word(teacher_client, flagged).status_code == 302
    page = teacher_client.get(f"/docent/werkvloer/{flagged}").get_data(as_text=True)
    assert "Dit woord is al afgehandeld." in page
    assert new_word(teacher_client, flagged, **{"new-lemma": "kap"}).status_code == 422
    with loaded.app_context():
        assert db.session.scalar(select(Term).where(Term.lemma == "kap")) is None

"""The text → theme page: paste or upload a text, see its work words, save them as a theme."""

from __future__ import annotations

import html
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.teaching.conftest import (
    admin_id,
    group_id,
    log_in,
    make_group,
    make_user,
    teacher_client,
)
from tests.texts.test_extract import make_docx, make_pdf
from tests.texts.test_service import werk_pack
from vaktaal.accounts.models import Role, User
from vaktaal.extensions import db
from vaktaal.language.terms import Candidate
from vaktaal.sectors.models import Term, Theme
from vaktaal.texts.views import guess_word_class

__all__ = ["admin_id", "group_id", "teacher_client"]  # the teaching fixtures, used here too

TEXT = (
    "Schoonmaakprotocol keuken\n\n"
    "Vul de emmer met warm water en een beetje zeep. "
    "Zet de afzuigkap aan voordat je begint. "
    "Maak de afzuigkap elke week schoon met een ontvettingsmiddel. "
    "Spoel het ontvettingsmiddel goed af met water. "
    "Zet de emmer daarna terug in de kast."
)


def post_text(client: FlaskClient, **fields: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"sector": "keuken", "group": "", "text": ""}
    data.update(fields)
    boundary, body = encode_multipart(data)
    return client.post(
        "/docent/tekst", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def upload(name: str, data: bytes) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}" type="hidden" value="([^"]*)"', page)
    assert found, name
    return html.unescape(found.group(1))


def rows(page: str) -> dict[str, int]:
    """Candidate word → its row number on the review page."""
    found = {}
    for index, word in re.findall(r'<label for="pick-(\d+)"[^>]*>([^<]+)</label>', page):
        found[word.replace("Neem ", "").replace(" op in het thema", "")] = int(index)
    return found


def test_the_page_asks_for_a_text(teacher_client: FlaskClient, group_id: int) -> None:
    page = teacher_client.get("/docent/tekst").get_data(as_text=True)
    assert 'name="text"' in page and 'name="file"' in page
    # The sector of the teacher's first group is chosen.
    assert re.search(r'<option selected value="keuken">|<option value="keuken" selected', page)
    assert "NT2 Schoonmaak A" in page


def test_who_may_use_it(loaded: Flask) -> None:
    assert loaded.test_client().get("/docent/tekst").status_code == 302
    make_user(loaded, "baas@bedrijf.nl", organisation="Bakkerij", role=Role.EMPLOYER)
    assert log_in(loaded, "baas@bedrijf.nl").get("/docent/tekst").status_code == 403


def test_pasted_text_shows_known_ticked_and_new_suggested(
    teacher_client: FlaskClient,
) -> None:
    response = post_text(teacher_client, text=TEXT)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    found = rows(page)
    assert "de emmer" in found and "de zeep" in found
    assert "afzuigkap" in found and "ontvettingsmiddel" in found
    # Known words are ticked, new ones are not; new ones come with their sentence.
    assert re.search(
        rf'id="pick-{found["de emmer"]}" name="pick-{found["de emmer"]}" value="1" checked', page
    )
    assert not re.search(
        rf'id="pick-{found["afzuigkap"]}" name="pick-{found["afzuigkap"]}" value="1" +checked',
        page,
    )
    assert "Zet de afzuigkap aan voordat je begint." in page
    assert "thema: De keuken" in page
    assert 'value="Schoonmaakprotocol keuken"' in page  # the title, from the first line
    # ...which learners see: a care plan's first line may name a client.
    assert 'aria-describedby="title-hint"' in page
    assert "Cursisten zien deze titel. Zet er geen namen van cliënten" in page
    assert hidden(page, "text") == TEXT


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_each_file_type_is_read(teacher_client: FlaskClient, kind: str) -> None:
    body = TEXT.split("\n\n")[1]
    data = {
        "txt": body.encode("utf-8"),
        "docx": make_docx(body),
        "pdf": make_pdf(f"<p>{body}</p>"),
    }[kind]
    response = post_text(teacher_client, file=upload(f"module.{kind}", data))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "afzuigkap" in rows(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("module.pdf", TEXT.encode(), "Dit is geen PDF-bestand."),
        ("module.docx", b"PK\x03\x04 nothing", "Dit is geen Word-bestand"),
        ("leeg.txt", b"", "Het bestand is leeg."),
        ("plaatje.png", b"\x89PNG", "Kies een bestand van het type .txt, .docx of .pdf."),
    ],
    ids=["not-a-pdf", "not-a-docx", "empty", "wrong-type"],
)
def test_a_bad_file_gets_a_clear_message(
    teacher_client: FlaskClient, name: str, data: bytes, message: str
) -> None:
    response = post_text(teacher_client, file=upload(name, data))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_too_large_upload_is_refused_unread(teacher_client: FlaskClient) -> None:
    response = post_text(teacher_client, file=upload("groot.txt", b"a " * (4 * 1024 * 1024)))
    assert response.status_code == 413
    assert "Het bestand is te groot" in response.get_data(as_text=True)


def test_nothing_to_analyse(teacher_client: FlaskClient) -> None:
    response = post_text(teacher_client, text="   ")
    assert response.status_code == 422
    assert "Plak een tekst of kies een bestand." in response.get_data(as_text=True)
    response = post_text(teacher_client, text="1234 -- 5678")
    assert response.status_code == 422
    assert "Er staat geen tekst in." in response.get_data(as_text=True)


def test_another_organisations_group_cannot_be_chosen(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    other = make_user(loaded, "x@zuid.nl", organisation="Leerbedrijf Zuid")
    stranger = make_group(loaded, other, "Zuid A")
    page = teacher_client.get("/docent/tekst").get_data(as_text=True)
    assert "Zuid A" not in page
    assert post_text(teacher_client, text=TEXT, group=str(stranger)).status_code == 422


def review(client: FlaskClient, **fields: object) -> tuple[str, dict[str, int]]:
    response = post_text(client, text=TEXT, **fields)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page, rows(page)


def save(client: FlaskClient, page: str, extra: dict[str, str]):  # type: ignore[no-untyped-def]
    data = {
        "text": hidden(page, "text"),
        "sector": "keuken",
        "title": "Afzuigkap schoonmaken",
        "gloss_language": "en",
    }
    data.update(extra)
    return client.post("/docent/tekst/opslaan", data=data)


def test_save_as_a_theme_of_the_group(
    loaded: Flask, teacher_client: FlaskClient, admin_id: int, group_id: int
) -> None:
    page, found = review(teacher_client, group=str(group_id))
    emmer, kap, ontvetter = found["de emmer"], found["afzuigkap"], found["ontvettingsmiddel"]
    response = save(
        teacher_client,
        page,
        {
            "audience": str(group_id),
            f"pick-{emmer}": "1",
            f"pick-{kap}": "1",
            f"article-{kap}": "de",
            f"plural-{kap}": "afzuigkappen",
            f"gloss-{kap}": "extractor hood",
            f"word_class-{kap}": "noun",
            f"lemma-{kap}": "afzuigkap",
            f"example-{kap}": "Zet de afzuigkap aan.",
            # Not ticked: not saved, even with fields filled in.
            f"article-{ontvetter}": "het",
            f"lemma-{ontvetter}": "ontvettingsmiddel",
            f"word_class-{ontvetter}": "noun",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/docent/groepen/{group_id}/planning")
    with loaded.app_context():
        org = db.session.get(User, admin_id).organisation_id  # type: ignore[union-attr]
        theme = db.session.scalar(select(Theme).where(Theme.organisation_id == org))
        assert theme is not None
        assert theme.title == "Afzuigkap schoonmaken" and theme.group_id == group_id
        words = [tt.term for tt in theme.theme_terms]
        assert [t.lemma for t in words] == ["emmer", "afzuigkap"] or sorted(
            t.lemma for t in words
        ) == ["afzuigkap", "emmer"]
        kap_term = next(t for t in words if t.lemma == "afzuigkap")
        assert kap_term.organisation_id == org and kap_term.article == "de"
        assert kap_term.plural == "afzuigkappen" and kap_term.example == "Zet de afzuigkap aan."
        assert {g.language: g.text for g in kap_term.glosses} == {"en": "extractor hood"}
        emmer_term = next(t for t in words if t.lemma == "emmer")
        assert emmer_term.organisation_id is None  # the sector's own, not copied
        assert db.session.scalar(select(Term).where(Term.lemma == "ontvettingsmiddel")) is None
    planner = teacher_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thema opgeslagen; wijs het toe aan een training" in planner


def test_save_for_the_whole_organisation(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    page, found = review(teacher_client)
    response = save(
        teacher_client, page, {"audience": "organisatie", f"pick-{found['de emmer']}": "1"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/docent/themas"
    with loaded.app_context():
        theme = db.session.scalar(select(Theme).where(Theme.organisation_id.is_not(None)))
        assert theme is not None and theme.group_id is None
        assert [tt.term.lemma for tt in theme.theme_terms] == ["emmer"]


def test_a_problem_saves_nothing_and_keeps_what_was_typed(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    page, found = review(teacher_client)
    kap, ontvetter = found["afzuigkap"], found["ontvettingsmiddel"]
    response = save(
        teacher_client,
        page,
        {
            "audience": "organisatie",
            f"pick-{kap}": "1",
            f"lemma-{kap}": "afzuigkap",
            f"word_class-{kap}": "noun",
            f"article-{kap}": "de",
            f"gloss-{kap}": "hood",
            # A noun without its article.
            f"pick-{ontvetter}": "1",
            f"lemma-{ontvetter}": "ontvettingsmiddel",
            f"word_class-{ontvetter}": "noun",
        },
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Het lidwoord moet de of het zijn." in text
    assert 'value="hood"' in text
    with loaded.app_context():
        assert (
            db.session.scalars(select(Term).where(Term.organisation_id.is_not(None))).all() == []
        )
        assert (
            db.session.scalars(select(Theme).where(Theme.organisation_id.is_not(None))).all() == []
        )


def test_nothing_ticked_is_no_theme(teacher_client: FlaskClient) -> None:
    page, _found = review(teacher_client)
    response = save(teacher_client, page, {"audience": "organisatie"})
    assert response.status_code == 422
    assert "Kies minstens één woord voor het thema." in response.get_data(as_text=True)


def test_the_saved_text_is_checked_again(teacher_client: FlaskClient) -> None:
    response = teacher_client.post(
        "/docent/tekst/opslaan",
        data={"text": "", "sector": "keuken", "title": "x", "audience": "organisatie"},
    )
    assert response.status_code == 400
    response = teacher_client.post(
        "/docent/tekst/opslaan",
        data={"text": TEXT, "sector": "bestaat-niet", "title": "x", "audience": "organisatie"},
    )
    assert response.status_code == 400


def test_another_organisations_group_cannot_receive_the_theme(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    other = make_user(loaded, "x@zuid.nl", organisation="Leerbedrijf Zuid")
    stranger = make_group(loaded, other, "Zuid A")
    page, found = review(teacher_client)
    response = save(
        teacher_client, page, {"audience": str(stranger), f"pick-{found['de emmer']}": "1"}
    )
    assert response.status_code == 422
    with loaded.app_context():
        assert db.session.scalar(select(Theme).where(Theme.organisation_id.is_not(None))) is None


@pytest.mark.parametrize(
    ("lemma", "forms", "expected"),
    [
        ("afzuigkap", ("afzuigkap", "afzuigkappen"), "noun"),
        ("spoelen", ("spoel",), "verb"),
        ("beginnen", ("begint",), "verb"),
        ("keuken", ("keuken",), "noun"),
        ("laatste minuut risicoanalyse", ("laatste minuut risicoanalyse",), "phrase"),
    ],
)
def test_a_first_guess_of_the_word_class(
    lemma: str, forms: tuple[str, ...], expected: str
) -> None:
    candidate = Candidate(
        lemma=lemma, forms=forms, count=1, sentence="", score=1.0, zipf=3.0, known=None
    )
    assert guess_word_class(candidate) == expected


def test_new_verbs_are_offered_as_verbs(teacher_client: FlaskClient) -> None:
    page, found = review(teacher_client)
    spoelen = found["spoelen"]
    select_html = page.split(f'id="word_class-{spoelen}"', 1)[1].split("</select>", 1)[0]
    assert '<option value="verb" selected>' in select_html


PICTURE_TEXT = (
    "Werkinstructie zeepemmer\n\n"
    "Vul de zeepemmer elke ochtend met warm water. "
    "Zet de zeepemmer na het werk leeg terug in de kast."
)


def test_a_new_word_gets_pictograms_to_choose_from(
    loaded: Flask, teacher_client: FlaskClient, admin_id: int
) -> None:
    response = post_text(teacher_client, text=PICTURE_TEXT)
    page = response.get_data(as_text=True)
    index = rows(page)["zeepemmer"]
    # A zeepemmer is an emmer: the sector's bucket pictogram is suggested; none is chosen.
    assert re.search(rf'name="pictogram-{index}" value="1FAA3"', page)
    assert "Zonder plaatje oefenen cursisten op niveau A0 (die nog niet lezen)" in page
    assert re.search(
        rf'id="pictogram-{index}-none" name="pictogram-{index}" value="" checked', page
    )
    fields = {
        "audience": "organisatie",
        f"pick-{index}": "1",
        f"lemma-{index}": "zeepemmer",
        f"word_class-{index}": "noun",
        f"article-{index}": "de",
    }
    bad = save(teacher_client, page, {**fields, f"pictogram-{index}": "NOT-A-CODE"})
    assert bad.status_code == 422
    assert "Dit pictogram bestaat niet. Kies een ander." in bad.get_data(as_text=True)
    with loaded.app_context():
        assert db.session.scalar(select(Term).where(Term.lemma == "zeepemmer")) is None
    good = save(teacher_client, page, {**fields, f"pictogram-{index}": "1faa3"})
    assert good.status_code == 302
    with loaded.app_context():
        term = db.session.scalar(select(Term).where(Term.lemma == "zeepemmer"))
        assert term is not None and term.picture is not None
        assert term.picture.key == "openmoji/1FAA3"


def test_a_known_word_of_the_cross_sector_pack_shows_its_theme(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    with loaded.app_context():
        pack = werk_pack()
        pack.themes[0].title = "Veilig werken op de werkvloer"
        db.session.commit()
    page = post_text(teacher_client, text="Zet je helm op in de keuken.").get_data(as_text=True)
    assert "de helm" in rows(page)
    assert "thema: Veilig werken op de werkvloer" in page

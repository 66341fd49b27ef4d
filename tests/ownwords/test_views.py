"""The own-words pages: create, edit with picture, remove, import; each organisation alone."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import TestResponse, encode_multipart

from tests.accounts.test_users import register
from tests.ownwords.conftest import keuken
from vaktaal.audio.models import AudioClip
from vaktaal.extensions import db
from vaktaal.ownwords import pictures
from vaktaal.sectors.models import Picture, Term

WORD = {
    "lemma": "snijplank",
    "word_class": "noun",
    "article": "de",
    "plural": "snijplanken",
    "example": "Leg de snijplank op het aanrecht.",
    "level": "A1",
    "gloss_en": "cutting board",
    "gloss_ar": "لوح تقطيع",
}


def sector_id(app: Flask) -> int:
    with app.app_context():
        return keuken().id


def post_form(client: FlaskClient, url: str, data: dict[str, object]) -> TestResponse:
    # Encoded in memory: the test client would spool a large body to a temporary file
    # and leave it open when the app refuses the body unread.
    boundary, body = encode_multipart(data)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def add_word(
    app: Flask, client: FlaskClient, photo: bytes | None = None, **fields: object
) -> TestResponse:
    data: dict[str, object] = {"sector": str(sector_id(app)), **WORD, **fields}
    if photo is not None:
        data["photo"] = FileStorage(io.BytesIO(photo), filename="plank.png")
    return post_form(client, "/docent/woorden/nieuw", data)


def own_term(app: Flask, lemma: str = "snijplank") -> Term:
    with app.app_context():
        term = db.session.scalar(
            select(Term).where(Term.lemma == lemma, Term.organisation_id.is_not(None))
        )
        assert term is not None
        db.session.expunge(term)
        return term


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, format="PNG")
    return out.getvalue()


def test_the_empty_list_says_what_to_do(teacher_client: FlaskClient) -> None:
    page = teacher_client.get("/docent/woorden").get_data(as_text=True)
    assert "nog geen eigen woorden" in page
    assert "/docent/woorden/nieuw" in page and "/docent/woorden/importeren" in page


def test_who_may_see_the_pages(loaded: Flask) -> None:
    anonymous = loaded.test_client()
    assert anonymous.get("/docent/woorden").status_code == 302
    employer = register(loaded)
    assert employer.get("/docent/woorden").status_code == 403
    assert employer.get("/docent/woorden/nieuw").status_code == 403
    assert employer.get("/docent/woorden/importeren").status_code == 403


def test_a_new_word_is_saved_spoken_and_listed(
    loaded: Flask, teacher_client: FlaskClient, org_id: int
) -> None:
    form = teacher_client.get("/docent/woorden/nieuw").get_data(as_text=True)
    assert 'name="lemma"' in form and 'name="gloss_ti"' in form
    response = add_word(loaded, teacher_client)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/docent/woorden?sector=keuken")
    term = own_term(loaded)
    assert term.key == f"org{org_id}.snijplank"
    with loaded.app_context():
        kinds = set(db.session.scalars(select(AudioClip.kind).where(AudioClip.term_id == term.id)))
    assert kinds == {"word", "plural", "example"}
    page = teacher_client.get("/docent/woorden").get_data(as_text=True)
    assert "opgeslagen, met geluid" in page
    assert "snijplank" in page and "snijplanken" in page and "cutting board" in page
    assert "<audio" in page
    # The filter: another sector has none of these words.
    assert "snijplank" in teacher_client.get("/docent/woorden?sector=keuken").get_data(
        as_text=True
    )


def test_a_word_with_problems_is_not_saved(loaded: Flask, teacher_client: FlaskClient) -> None:
    response = add_word(loaded, teacher_client, article="")
    assert response.status_code == 422
    assert "Het lidwoord moet de of het zijn." in response.get_data(as_text=True)
    response = add_word(loaded, teacher_client, lemma="")
    assert response.status_code == 422
    assert "Typ het woord." in response.get_data(as_text=True)
    with loaded.app_context():
        assert db.session.scalar(select(Term).where(Term.organisation_id.is_not(None))) is None


def test_pick_a_pictogram(loaded: Flask, teacher_client: FlaskClient) -> None:
    search = add_word(loaded, teacher_client, action="search", pictogram_query="emmer")
    page = search.get_data(as_text=True)
    assert search.status_code == 200
    # Found by the Dutch word of the sector list that uses it, and the form kept its text.
    assert 'value="1FAA3"' in page and 'value="snijplank"' in page
    assert teacher_client.get("/docent/pictogram/1FAA3.svg").status_code == 200
    english = add_word(loaded, teacher_client, action="search", pictogram_query="broom")
    assert 'value="1F9F9"' in english.get_data(as_text=True)  # by its Unicode name
    nothing = add_word(loaded, teacher_client, action="search", pictogram_query="qqqq")
    assert "Geen pictogram gevonden" in nothing.get_data(as_text=True)

    assert add_word(loaded, teacher_client, pictogram="1faa3").status_code == 302
    term = own_term(loaded)
    with loaded.app_context():
        picture = db.session.get(Picture, term.picture_id)
        assert picture is not None and picture.key == "openmoji/1FAA3"
    assert not term.abstract
    bad = add_word(loaded, teacher_client, lemma="pan", pictogram="../../etc")
    assert bad.status_code == 422
    assert "Dit pictogram bestaat niet" in bad.get_data(as_text=True)


def test_upload_a_photo_and_serve_it(loaded: Flask, teacher_client: FlaskClient) -> None:
    assert add_word(loaded, teacher_client, photo=png()).status_code == 302
    term = own_term(loaded)
    with loaded.app_context():
        picture = db.session.get(Picture, term.picture_id)
        assert picture is not None and picture.source == "upload"
        key = picture.key
    page = teacher_client.get("/docent/woorden").get_data(as_text=True)
    url = re.search(r'src="(/woordfoto/[^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert url == "/woordfoto/" + key.removeprefix("upload/")
    # Public (a learner's phone loads it), by its random name only.
    photo = loaded.test_client().get(url)
    assert photo.status_code == 200 and photo.mimetype == "image/png"
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.size == (40, 30)
    other_name = url[:-5] + ("1" if url[-5] == "0" else "0") + ".png"
    assert loaded.test_client().get(other_name).status_code == 404
    assert loaded.test_client().get("/woordfoto/1/../secret_key").status_code == 404


@pytest.mark.parametrize(
    ("upload", "message", "status"),
    [
        (b"not a photo at all\n" * 20, "Dit is geen foto", 422),
        (b"\xff" * (6 * 1024 * 1024), "De foto is te groot", 413),
    ],
    ids=["text-named-png", "6-mb"],
)
def test_a_bad_upload_saves_nothing(
    loaded: Flask, teacher_client: FlaskClient, upload: bytes, message: str, status: int
) -> None:
    response = add_word(loaded, teacher_client, photo=upload)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    with loaded.app_context():
        assert db.session.scalar(select(Term).where(Term.organisation_id.is_not(None))) is None


def test_edit_a_word(loaded: Flask, teacher_client: FlaskClient) -> None:
    add_word(loaded, teacher_client, photo=png())
    term = own_term(loaded)
    url = f"/docent/woorden/{term.id}"
    form = teacher_client.get(url).get_data(as_text=True)
    assert 'value="snijplanken"' in form and 'value="cutting board"' in form
    assert "Het huidige plaatje blijft" in form
    response = post_form(
        teacher_client, url, {**WORD, "plural": "", "gloss_en": "chopping board", "level": "A2"}
    )
    assert response.status_code == 302
    edited = own_term(loaded)
    assert edited.key == term.key and edited.plural is None and edited.level == "A2"
    assert edited.picture_id == term.picture_id  # kept
    with loaded.app_context():
        picture = db.session.get(Picture, term.picture_id)
        assert picture is not None
        stored = pictures.upload_file(pictures.photo_folder(loaded.instance_path), picture)
    assert stored.is_file()
    post_form(teacher_client, url, {**WORD, "remove_picture": "y"}).close()
    assert own_term(loaded).picture_id is None
    # The photo no word uses any more is gone, row and file.
    with loaded.app_context():
        assert db.session.get(Picture, term.picture_id) is None
    assert not stored.exists()


def test_remove_a_word_after_confirming(loaded: Flask, teacher_client: FlaskClient) -> None:
    add_word(loaded, teacher_client)
    term = own_term(loaded)
    page = teacher_client.get(f"/docent/woorden/{term.id}/verwijderen").get_data(as_text=True)
    assert "Ja, verwijder snijplank" in page
    response = teacher_client.post(f"/docent/woorden/{term.id}/verwijderen")
    assert response.status_code == 302
    assert own_term(loaded).retired_at is not None
    assert "snijplanken" not in teacher_client.get("/docent/woorden").get_data(as_text=True)
    assert teacher_client.get(f"/docent/woorden/{term.id}").status_code == 404


def test_another_organisation_gets_404(
    loaded: Flask, teacher_client: FlaskClient, other_client: FlaskClient
) -> None:
    add_word(loaded, teacher_client)
    term = own_term(loaded)
    assert other_client.get(f"/docent/woorden/{term.id}").status_code == 404
    assert post_form(other_client, f"/docent/woorden/{term.id}", WORD).status_code == 404
    assert other_client.get(f"/docent/woorden/{term.id}/verwijderen").status_code == 404
    assert other_client.post(f"/docent/woorden/{term.id}/verwijderen").status_code == 404
    assert "snijplank" not in other_client.get("/docent/woorden").get_data(as_text=True)
    assert own_term(loaded).retired_at is None
    # A content term is nobody's own word either.
    with loaded.app_context():
        emmer = db.session.scalar(select(Term).where(Term.key == "emmer"))
        assert emmer is not None
        assert teacher_client.get(f"/docent/woorden/{emmer.id}").status_code == 404


# --- import ------------------------------------------------------------------------------

CSV = (
    "woord;lidwoord;meervoud;voorbeeldzin;woordsoort;en\n"
    "snijplank;de;snijplanken;Leg de snijplank op het aanrecht.;;cutting board\n"
    "Emmer;de;emmers;;;bucket\n"
    "snijden;;;Snijd de uien.;werkwoord;to cut\n"
)


def upload_csv(app: Flask, client: FlaskClient, data: bytes) -> TestResponse:
    return post_form(
        client,
        "/docent/woorden/importeren",
        {"sector": str(sector_id(app)), "file": FileStorage(io.BytesIO(data), filename="w.csv")},
    )


def test_import_preview_then_confirm(loaded: Flask, teacher_client: FlaskClient) -> None:
    assert "woord;lidwoord" in teacher_client.get("/docent/woorden/importeren").get_data(
        as_text=True
    )
    preview = upload_csv(loaded, teacher_client, CSV.encode("cp1252"))
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "overgeslagen: staat al in de sector" in page  # emmer
    assert "2 woorden importeren" in page
    with loaded.app_context():
        assert db.session.scalar(select(Term).where(Term.organisation_id.is_not(None))) is None
    text = re.search(r'name="confirm-text" type="hidden" value="([^"]*)"', page)
    assert text is not None
    confirm = teacher_client.post(
        "/docent/woorden/importeren",
        data={"confirm-sector": str(sector_id(loaded)), "confirm-text": CSV},
    )
    assert confirm.status_code == 302
    with loaded.app_context():
        lemmas = set(
            db.session.scalars(select(Term.lemma).where(Term.organisation_id.is_not(None)))
        )
    assert lemmas == {"snijplank", "snijden"}
    listed = teacher_client.get("/docent/woorden").get_data(as_text=True)
    assert "2 woorden geïmporteerd in Keuken." in listed
    assert "1 overgeslagen: bestond al." in listed
    # Importing the same list again makes nothing new.
    again = upload_csv(loaded, teacher_client, CSV.encode()).get_data(as_text=True)
    assert "overgeslagen: al een eigen woord" in again
    assert "er is niets te importeren" in again


def test_import_keeps_the_level_of_each_word(loaded: Flask, teacher_client: FlaskClient) -> None:
    levels = "woord;lidwoord;niveau\nsnijplank;de;A0\npollepel;de;\n"
    page = upload_csv(loaded, teacher_client, levels.encode()).get_data(as_text=True)
    assert re.search(r'data-label="Niveau">A0<', page)
    teacher_client.post(
        "/docent/woorden/importeren",
        data={"confirm-sector": str(sector_id(loaded)), "confirm-text": levels},
    )
    with loaded.app_context():
        rows = db.session.execute(
            select(Term.lemma, Term.level).where(Term.organisation_id.is_not(None))
        )
        assert {lemma: level for lemma, level in rows} == {"snijplank": "A0", "pollepel": "A1"}
    bad = upload_csv(loaded, teacher_client, b"woord;niveau\nmes;C1\n").get_data(as_text=True)
    assert "regel 2: niveau moet A0, A1, A2 of B1 zijn, niet C1" in bad


def test_import_with_a_bad_row_imports_nothing(loaded: Flask, teacher_client: FlaskClient) -> None:
    bad = CSV + "mes;een;messen;;;\n"
    response = upload_csv(loaded, teacher_client, ("\ufeff" + bad).encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "regel 5: lidwoord moet de of het zijn" in page
    assert "importeren</button>" not in page
    # Sent anyway (a forged or stale confirmation): still nothing.
    forged = teacher_client.post(
        "/docent/woorden/importeren",
        data={"confirm-sector": str(sector_id(loaded)), "confirm-text": bad},
    )
    assert forged.status_code == 422
    with loaded.app_context():
        assert db.session.scalar(select(Term).where(Term.organisation_id.is_not(None))) is None


@pytest.mark.parametrize(
    ("data", "message", "status"),
    [
        (b"PK\x03\x04\x00\x00" + b"x" * 100, "Dit is geen CSV-bestand", 422),
        (b"", "Het bestand is leeg.", 422),
        (b"woord\n" + b"x" * 200_001, "Het bestand is te groot", 413),
        (b"woord\n" + b"x" * 1_000_000, "Het bestand is te groot", 413),
    ],
    ids=["zip", "empty", "just-too-big", "far-too-big"],
)
def test_import_refuses_bad_files(
    loaded: Flask, teacher_client: FlaskClient, data: bytes, message: str, status: int
) -> None:
    response = upload_csv(loaded, teacher_client, data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)

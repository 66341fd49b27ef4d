"""Employers' saved glossaries and company words, and who may see them."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.accounts.test_users import register
from tests.glossary.test_photos import jpeg_with_exif
from vaktaal.extensions import db
from vaktaal.glossary.models import CompanyWord, SavedGlossary

SELECTION = {"sector": "keuken", "theme": "basis", "lang": "ar", "layout": "cards"}


def add_word(client: FlaskClient, lemma: str = "deegmachine", photo: bytes | None = None):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "lemma": lemma,
        "article": "de",
        "plural": lemma + "s",
        "gloss_ar": "عجانة",
    }
    if photo is not None:
        data["photo"] = FileStorage(io.BytesIO(photo), filename="machine.jpg")
    # Encoded in memory: the test client would spool a large body to a temporary file
    # and leave it open when the app refuses the body unread (a 6 MB upload).
    boundary, body = encode_multipart(data)
    return client.post(
        "/account/bedrijfswoorden",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def word_id(app: Flask, lemma: str) -> int:
    with app.app_context():
        word = db.session.scalar(select(CompanyWord).where(CompanyWord.lemma == lemma))
        assert word is not None
        return word.id


def test_save_list_print_again_and_delete(sheet_app: Flask) -> None:
    client = register(sheet_app)
    page = client.get("/glossary", query_string=SELECTION).get_data(as_text=True)
    assert "Opslaan" in page
    response = client.post("/glossary/opslaan", data={**SELECTION, "name": "Keuken basis"})
    assert response.status_code == 302
    page = client.get("/account/woordenlijsten").get_data(as_text=True)
    assert "Keuken basis" in page
    saved_id = int(re.search(r"/account/woordenlijsten/(\d+)\.pdf", page).group(1))  # type: ignore[union-attr]
    pdf = client.get(f"/account/woordenlijsten/{saved_id}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "emmer" in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert client.post(f"/account/woordenlijsten/{saved_id}/verwijderen").status_code == 302
    with sheet_app.app_context():
        assert db.session.scalar(select(SavedGlossary)) is None


def test_the_builder_offers_no_saving_without_an_account(sheet_app: Flask) -> None:
    page = sheet_app.test_client().get("/glossary", query_string=SELECTION).get_data(as_text=True)
    assert "Opslaan" not in page and 'type="checkbox" name="cword"' not in page


def test_a_company_word_with_photo_shows_only_in_its_company(sheet_app: Flask) -> None:
    jansen = register(sheet_app)
    assert add_word(jansen, photo=jpeg_with_exif()).status_code == 302
    wid = word_id(sheet_app, "deegmachine")
    page = jansen.get("/glossary?sector=keuken").get_data(as_text=True)
    assert f'name="cword" value="{wid}"' in page
    query = {**SELECTION, "cword": str(wid)}
    page = jansen.get("/glossary", query_string=query).get_data(as_text=True)
    assert '<span class="lemma">deegmachine</span>' in page
    assert f'src="/account/bedrijfswoorden/{wid}/foto"' in page
    photo = jansen.get(f"/account/bedrijfswoorden/{wid}/foto")
    assert photo.status_code == 200
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.format == "JPEG" and max(image.size) <= 1200 and not image.getexif()
    pdf = jansen.get("/glossary/pdf", query_string=query)
    reader = PdfReader(io.BytesIO(pdf.data))
    assert "deegmachine" in reader.pages[0].extract_text()
    assert any(img.image.format == "JPEG" for img in reader.pages[0].images)  # type: ignore[union-attr]

    bakker = register(sheet_app, company="Bakker Bart", email="bart@bakker.nl")
    for client in (bakker, sheet_app.test_client()):
        page = client.get("/glossary", query_string=query).get_data(as_text=True)
        assert "deegmachine" not in page and 'type="checkbox" name="cword"' not in page
        pdf = client.get("/glossary/pdf", query_string=query)
        assert "deegmachine" not in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()


@pytest.mark.parametrize(
    ("upload", "message", "status"),
    [
        (b"not a photo at all\n" * 20, "Dit is geen foto", 422),
        (b"\xff" * (6 * 1024 * 1024), "De foto is te groot", 413),
    ],
    ids=["text-named-jpg", "6-mb"],
)
def test_a_bad_upload_is_refused_and_stores_nothing(
    app: Flask, upload: bytes, message: str, status: int
) -> None:
    client = register(app)
    response = add_word(client, photo=upload)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(CompanyWord)) is None


def test_a_decompression_bomb_upload_is_refused(app: Flask) -> None:
    out = io.BytesIO()
    Image.new("1", (16000, 16000)).save(out, format="PNG")
    response = add_word(register(app), photo=out.getvalue())
    assert response.status_code == 422
    assert "De foto heeft te veel pixels." in response.get_data(as_text=True)


def test_access_matrix(sheet_app: Flask) -> None:
    """Anonymous, the company's employer, another company's employer x routes."""
    app = sheet_app
    owner = register(app)
    other = register(app, company="Bakker Bart", email="bart@bakker.nl")
    anonymous = app.test_client()
    assert add_word(owner, photo=jpeg_with_exif((40, 30))).status_code == 302
    wid = word_id(app, "deegmachine")
    # Saved through the route, as a person would.
    owner.post("/glossary/opslaan", data={"sector": "keuken", "theme": "basis", "name": "Lijst"})
    with app.app_context():
        sid = db.session.scalar(select(SavedGlossary.id))
    routes = [
        ("get", "/account/woordenlijsten", 200, 200),
        ("get", f"/account/woordenlijsten/{sid}.pdf", 200, 404),
        ("get", f"/account/bedrijfswoorden/{wid}/foto", 200, 404),
        ("get", "/account/bedrijfswoorden", 200, 200),
        ("post", f"/account/bedrijfswoorden/{wid}/verwijderen", 302, 404),
        ("post", f"/account/woordenlijsten/{sid}/verwijderen", 302, 404),
    ]
    for method, url, own_status, other_status in routes:
        assert getattr(anonymous, method)(url).status_code == 302, url  # to the login page
        assert getattr(other, method)(url).status_code == other_status, url
        assert getattr(owner, method)(url).status_code == own_status, url
    assert (
        anonymous.post("/glossary/opslaan", data={"sector": "keuken", "name": "x"}).status_code
        == 302
    )

"""Own words print like the sector's, for their organisation only."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from werkzeug.datastructures import FileStorage

from tests.conftest import NOW
from tests.ownwords.conftest import keuken
from tests.ownwords.test_views import WORD, own_term, png, post_form, sector_id
from vaktaal.extensions import db
from vaktaal.glossary.service import public_word_url
from vaktaal.ownwords import service


def make_own_words(app: Flask, client: FlaskClient, org_id: int) -> str:
    """A word with a photo (through the page) and a theme with it; returns the theme slug."""
    data: dict[str, object] = {"sector": str(sector_id(app)), **WORD}
    data["photo"] = FileStorage(io.BytesIO(png((300, 200))), filename="plank.png")
    assert post_form(client, "/docent/woorden/nieuw", data).status_code == 302
    term = own_term(app)
    with app.app_context():
        attached = db.session.merge(term)
        theme = service.create_theme(
            db.session, org_id, sector=keuken(), title="Snijden", terms=[attached], now=NOW
        )
        db.session.commit()
        return theme.slug


def test_the_organisation_prints_its_own_words(
    loaded: Flask, teacher_client: FlaskClient, org_id: int
) -> None:
    slug = make_own_words(loaded, teacher_client, org_id)
    builder = teacher_client.get("/glossary", query_string={"sector": "keuken"})
    page = builder.get_data(as_text=True)
    assert f'value="{slug}"' in page and "Snijden" in page
    found = teacher_client.get("/glossary", query_string={"sector": "keuken", "q": "snijpl"})
    assert f'value="org{org_id}.snijplank"' in found.get_data(as_text=True)
    query = {"sector": "keuken", "theme": slug, "lang": "en", "layout": "cards"}
    preview = teacher_client.get("/glossary", query_string=query).get_data(as_text=True)
    assert "snijplank" in preview and "cutting board" in preview and "/woordfoto/" in preview
    pdf = teacher_client.get("/glossary/pdf", query_string=query)
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.data))
    assert "snijplank" in reader.pages[0].extract_text()
    assert any(page.images for page in reader.pages)  # the photo is on the card


def test_other_organisations_and_visitors_never_see_them(
    loaded: Flask, teacher_client: FlaskClient, other_client: FlaskClient, org_id: int
) -> None:
    slug = make_own_words(loaded, teacher_client, org_id)
    key = f"org{org_id}.snijplank"
    for client in (other_client, loaded.test_client()):
        page = client.get("/glossary", query_string={"sector": "keuken"}).get_data(as_text=True)
        assert slug not in page and "Snijden" not in page
        found = client.get("/glossary", query_string={"sector": "keuken", "q": "snijplank"})
        assert key not in found.get_data(as_text=True)
        by_key = client.get("/glossary", query_string={"sector": "keuken", "term": key})
        page = by_key.get_data(as_text=True)
        assert f'value="{key}"' not in page and "cutting board" not in page
        by_theme = client.get("/glossary/pdf", query_string={"sector": "keuken", "theme": slug})
        assert by_theme.status_code == 400
        by_term = client.get("/glossary/pdf", query_string={"sector": "keuken", "term": key})
        assert by_term.status_code == 400


def test_the_word_page_of_an_own_word_needs_the_printed_code(
    loaded: Flask, teacher_client: FlaskClient, other_client: FlaskClient, org_id: int
) -> None:
    make_own_words(loaded, teacher_client, org_id)
    key = f"org{org_id}.snijplank"
    with loaded.test_request_context():
        printed = urlsplit(public_word_url("keuken", key))
        content = urlsplit(public_word_url("keuken", "emmer"))
    assert printed.path == f"/w/keuken/{key}" and printed.query.startswith("k=")
    assert content.query == ""  # content words stay plain, public pages
    visitor = loaded.test_client()
    page = visitor.get(f"{printed.path}?{printed.query}")
    assert page.status_code == 200 and "/woordfoto/" in page.get_data(as_text=True)
    assert visitor.get(printed.path).status_code == 404
    assert visitor.get(f"{printed.path}?k=0123456789abcdef01234567").status_code == 404
    assert other_client.get(printed.path).status_code == 404
    assert teacher_client.get(printed.path).status_code == 200

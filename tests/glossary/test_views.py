"""The builder page, its PDF download, the tips sheet, the CLI and the public word page."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from pypdf import PdfReader

from tests.glossary.conftest import URL_BASE, add_word_clip


def test_the_builder_starts_with_the_sectors(sheet_app: Flask) -> None:
    page = sheet_app.test_client().get("/glossary").get_data(as_text=True)
    assert '<option value="keuken"' in page
    assert 'name="theme"' not in page


def test_the_builder_offers_themes_languages_and_layouts(sheet_app: Flask) -> None:
    page = sheet_app.test_client().get("/glossary?sector=keuken").get_data(as_text=True)
    assert 'name="theme" value="basis"' in page
    assert 'name="lang" value="ti"' in page
    assert 'name="layout" value="labels"' in page
    assert "Voorbeeld" not in page.split("</form>")[1]


def test_search_finds_words_by_dutch_word_or_gloss(sheet_app: Flask) -> None:
    client = sheet_app.test_client()
    page = client.get("/glossary?sector=keuken&q=emm").get_data(as_text=True)
    assert 'name="term" value="emmer"' in page
    page = client.get("/glossary?sector=keuken&q=BUCK").get_data(as_text=True)
    assert 'name="term" value="emmer"' in page
    page = client.get("/glossary?sector=keuken&q=zzz").get_data(as_text=True)
    assert "Geen woorden gevonden." in page


def test_the_preview_shows_the_sheet_and_a_shareable_pdf_link(sheet_app: Flask) -> None:
    query = "sector=keuken&theme=basis&lang=ar&lang=ti&layout=cards&q=&_external=1"
    page = sheet_app.test_client().get(f"/glossary?{query}").get_data(as_text=True)
    assert 'class="sheet sheet--cards"' in page
    assert '<span class="lemma">emmer</span>' in page
    assert '<li lang="ar" dir="rtl">دلو</li>' in page
    assert 'src="/pictures/openmoji/1FAA3.svg"' in page
    assert 'src="data:image/svg+xml' in page
    assert f"QR-code naar {URL_BASE}/w/keuken/emmer" in page
    assert "vertaling: concept" in page
    pdf = 'href="/glossary/pdf?sector=keuken&amp;theme=basis&amp;lang=ar&amp;lang=ti&amp;layout=cards"'
    assert pdf in page  # only the selection: no search, nothing else from the query
    assert 'name="term" value="emmer"' not in page  # no search: no word list


def test_a_wrong_selection_is_explained_on_the_page(sheet_app: Flask) -> None:
    query = "sector=keuken&theme=basis&lang=ar&lang=ti&lang=fa&lang=en"
    page = sheet_app.test_client().get(f"/glossary?{query}").get_data(as_text=True)
    assert 'role="alert">Kies hoogstens 3 talen.' in page


def test_download_pdf(sheet_app: Flask) -> None:
    response = sheet_app.test_client().get(
        "/glossary/pdf?sector=keuken&term=emmer&term=mop&lang=ar&layout=labels"
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "vaktaal-keuken-labels.pdf" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"%PDF")


def test_download_pdf_of_a_wrong_selection_is_400(sheet_app: Flask) -> None:
    client = sheet_app.test_client()
    assert client.get("/glossary/pdf").status_code == 400
    response = client.get("/glossary/pdf?sector=keuken&layout=poster")
    assert response.status_code == 400
    assert "poster" in response.get_data(as_text=True)


def test_tips_sheet_page_and_pdf(sheet_app: Flask, tmp_path: Path) -> None:
    client = sheet_app.test_client()
    page = client.get("/glossary/tips").get_data(as_text=True)
    assert "Begrijp je het?" in page
    response = client.get("/glossary/tips.pdf")
    assert response.mimetype == "application/pdf"
    path = tmp_path / "tips.pdf"
    path.write_bytes(response.data)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Spreek langzaam" in text and "kleine taak" in text


def test_cli_writes_the_pdf(sheet_app: Flask, tmp_path: Path) -> None:
    out = tmp_path / "basis.pdf"
    result = sheet_app.test_cli_runner().invoke(
        args=["glossary", "pdf", "--sector", "keuken", "--theme", "basis",
              "--langs", "ar,ti", "--layout", "cards", "-o", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "5 words, 1 page(s)" in result.output
    assert "ባልዲ" in PdfReader(out).pages[0].extract_text()


def test_cli_explains_a_wrong_selection(sheet_app: Flask, tmp_path: Path) -> None:
    result = sheet_app.test_cli_runner().invoke(
        args=["glossary", "pdf", "--sector", "nope", "--theme", "x", "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 1
    assert "Deze sector bestaat niet." in result.output


def test_word_page_without_audio_offers_the_phones_voice(sheet_app: Flask) -> None:
    response = sheet_app.test_client().get("/w/keuken/emmer")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'alt="de emmer"' in page and 'src="/pictures/openmoji/1FAA3.svg"' in page
    assert '<span class="article article--de">de</span> emmer</h1>' in page
    assert "Vul de emmer met water." in page
    assert 'data-speak="de emmer"' in page
    assert "<audio" not in page
    assert "speak.js" in page
    assert "OpenMoji" in page


def test_word_page_plays_the_audio_file(sheet_app: Flask) -> None:
    add_word_clip(sheet_app, "a1b2c3")
    page = sheet_app.test_client().get("/w/keuken/emmer").get_data(as_text=True)
    assert '<audio class="word-audio" controls preload="none" src="/audio/a1b2c3.mp3"' in page
    assert 'class="play-big" href="/audio/a1b2c3.mp3" data-listen' in page


def test_unknown_word_is_404(sheet_app: Flask) -> None:
    client = sheet_app.test_client()
    assert client.get("/w/keuken/nope").status_code == 404
    assert client.get("/w/nope/emmer").status_code == 404


def test_the_home_page_links_to_the_builder(sheet_app: Flask) -> None:
    page = sheet_app.test_client().get("/").get_data(as_text=True)
    assert 'href="/glossary"' in page

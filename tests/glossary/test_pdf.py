"""The PDFs: text, fonts, pictures as vectors, QR codes that scan, and words that fit.

One page of each layout is rendered to PNG (pdftoppm) for a person to look at; the path
is printed with `pytest -s` and kept in pytest's temporary folder.
"""

from __future__ import annotations

import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from pypdf import PdfReader

from tests.glossary.conftest import LONG_WORD, URL_BASE
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db
from vaktaal.glossary import service
from vaktaal.glossary.schemas import DENSE_POSTER, Layout, Selection


@pytest.fixture(scope="session")
def png_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("glossary-png")


def glossary_for(app: Flask, layout: Layout, languages: tuple[str, ...]) -> service.Glossary:
    selection = Selection("keuken", themes=("basis",), languages=languages, layout=layout)
    return service.build_glossary(
        db.session, selection, now=utcnow(), word_url=service.public_word_url, source=URL_BASE
    )


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)


def pdf_fonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("layout", list(Layout))
def test_each_layout_prints_words_glosses_and_embeds_the_script_fonts(
    sheet_app: Flask, tmp_path: Path, png_dir: Path, layout: Layout
) -> None:
    with sheet_app.test_request_context():
        data = service.build_glossary_pdf(glossary_for(sheet_app, layout, ("ar", "ti")))
    path = tmp_path / f"{layout.value}.pdf"
    path.write_bytes(data)
    assert data.startswith(b"%PDF")

    text = pdf_text(data)
    for word in ("emmer", "mop", "water", LONG_WORD):
        assert word in text
    assert "Vaktaal · Keuken · De keuken" in text
    assert "CC BY-SA 4.0" in text and "OpenMoji" in text
    assert "vertaling: concept" in text
    if layout is not Layout.LABELS:  # labels carry the word only
        assert "دلو" in text
        assert "ባልዲ" in text
        assert "meervoud: emmers" in text

    fonts = pdf_fonts(path)
    assert "Noto-Sans" in fonts
    if layout is not Layout.LABELS:
        assert "Arabic" in fonts
        assert "Ethiopic" in fonts
    for line in fonts.splitlines()[2:]:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"  # the 'emb' column

    # Pictures and QR codes are vector graphics: the PDF holds no raster image.
    reader = PdfReader(BytesIO(data))
    box = reader.pages[0].mediabox
    width_mm, height_mm = (round(float(v) * 25.4 / 72) for v in (box.width, box.height))
    assert (width_mm, height_mm) == ((297, 420) if layout is Layout.POSTER else (210, 297))
    assert all(not page.images for page in reader.pages)

    png = png_dir / layout.value
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(png)], check=True
    )
    print(f"\n{layout.value}: {png}-1.png")
    assert (png_dir / f"{layout.value}-1.png").stat().st_size > 1000


def test_without_arabic_or_tigrinya_their_fonts_are_not_embedded(
    sheet_app: Flask, tmp_path: Path
) -> None:
    with sheet_app.test_request_context():
        data = service.build_glossary_pdf(glossary_for(sheet_app, Layout.CARDS, ("en",)))
    path = tmp_path / "en.pdf"
    path.write_bytes(data)
    fonts = pdf_fonts(path)
    assert "Arabic" not in fonts and "Ethiopic" not in fonts
    assert "bucket" in pdf_text(data)


def test_the_printed_qr_code_scans_to_the_word_page(sheet_app: Flask, tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image

    with sheet_app.test_request_context():
        glossary = glossary_for(sheet_app, Layout.CARDS, ())
        data = service.build_glossary_pdf(glossary)
    path = tmp_path / "cards.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "p-1.png"))}
    assert found == {f"{URL_BASE}/w/keuken/{e.key}" for e in glossary.entries}


@pytest.mark.parametrize("layout", [*Layout, "dense poster"])
def test_every_text_stays_inside_its_card(
    sheet_app: Flask, layout: Layout | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lay the sheet out with WeasyPrint and compare each text's box with its card's."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox
    from weasyprint.urls import URLFetcher

    if layout == "dense poster":  # the cells of a poster of more than 20 words
        monkeypatch.setattr(service, "page_format", lambda layout, count: DENSE_POSTER)
        layout = Layout.POSTER
    assert isinstance(layout, Layout)
    with sheet_app.test_request_context():
        html = service.glossary_html(glossary_for(sheet_app, layout, ("ar", "ti", "fa")))
    document = HTML(
        string=html, url_fetcher=URLFetcher(allowed_protocols={"file", "data"})
    ).render()

    def descendants(box: object) -> list[object]:
        found = [box]
        for child in getattr(box, "children", []):
            found.extend(descendants(child))
        return found

    if layout is Layout.POSTER:
        assert ("sheet--dense" in html) == (DENSE_POSTER is service.page_format(layout, 0))
    checked = set()
    for page in document.pages:
        for box in descendants(page._page_box):
            if box.element_tag != "li" or "item" not in box.element.get("class", "").split():
                continue
            left, top = box.border_box_x(), box.border_box_y()
            right, bottom = left + box.border_width(), top + box.border_height()
            for text in descendants(box):
                if isinstance(text, TextBox) and text.text.strip():
                    where = f"{text.text!r} in {layout.value}"
                    assert text.position_x >= left - 0.5, where
                    assert text.position_x + text.width <= right + 0.5, where
                    assert text.position_y >= top - 0.5, where
                    assert text.position_y + text.height <= bottom + 0.5, where
                    checked.add(text.text)
    assert any(LONG_WORD in t or t in LONG_WORD for t in checked)
    assert len(checked) > 5


def test_render_pdf_reads_nothing_from_the_network() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (
            f'<link rel="stylesheet" href="{url}/x.css"><p>emmer</p>'
            f'<img src="{url}/x.png" alt=""><p style="background: url({url}/y.png)">mop</p>'
        )
        data = service.render_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert hits == []
    assert "emmer" in pdf_text(data)

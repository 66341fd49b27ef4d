"""Building a glossary from a selection; the QR codes."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from flask import Flask

from tests.glossary.conftest import LONG_WORD, URL_BASE
from vaktaal.extensions import db
from vaktaal.glossary.schemas import Layout, Selection
from vaktaal.glossary.service import (
    Glossary,
    GlossaryError,
    build_glossary,
    public_word_url,
    qr_svg,
)

NOW = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)


def build(app: Flask, **choices: object) -> Glossary:
    selection = Selection(**{"sector": "keuken", **choices})  # type: ignore[arg-type]
    with app.test_request_context():
        return build_glossary(
            db.session, selection, now=NOW, word_url=public_word_url, source=URL_BASE
        )


def test_a_theme_gives_its_words_in_order_with_the_chosen_glosses(sheet_app: Flask) -> None:
    glossary = build(sheet_app, themes=("basis",), languages=("ar", "ti"))
    assert [e.key for e in glossary.entries] == [
        "emmer",
        "mop",
        "water",
        "afwassen",
        "schoenenkast",
    ]
    emmer = glossary.entries[0]
    assert emmer.with_article == "de emmer"
    assert emmer.plural == "emmers"
    assert [(g.language, g.text, g.draft, g.direction) for g in emmer.glosses] == [
        ("ar", "دلو", False, "rtl"),
        ("ti", "ባልዲ", True, "ltr"),
    ]
    assert emmer.word_url == f"{URL_BASE}/w/keuken/emmer"
    assert glossary.has_draft
    assert glossary.picture_sources == {"openmoji", "own"}
    assert glossary.title == "De keuken"
    assert len(glossary.pages) == 1


def test_themes_and_single_words_are_combined_without_repeats(sheet_app: Flask) -> None:
    glossary = build(sheet_app, themes=("schoon",), terms=("emmer", "mop", "nope"))
    assert [e.key for e in glossary.entries] == ["zeep", "emmer", "mop"]


def test_plural_can_be_left_out_and_reviewed_glosses_are_not_drafts(sheet_app: Flask) -> None:
    glossary = build(sheet_app, terms=("emmer",), languages=("ar",), plural=False)
    assert glossary.entries[0].plural is None
    assert not glossary.has_draft


def test_labels_are_paged_by_24(sheet_app: Flask) -> None:
    glossary = build(sheet_app, themes=("basis", "schoon"), layout=Layout.LABELS)
    assert glossary.page.per_page == 24
    assert len(glossary.pages) == 1


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"sector": "nope", "themes": ("basis",)}, "Deze sector bestaat niet."),
        ({"themes": ("nope",)}, "Onbekend thema: nope"),
        ({"themes": ("basis",), "languages": ("ar", "ti", "fa", "en")}, "Kies hoogstens 3 talen."),
        ({"themes": ("basis",), "languages": ("xx",)}, "Onbekende taal: xx"),
        ({}, "Kies een thema of een paar woorden."),
        ({"themes": ("basis", "schoon"), "layout": Layout.POSTER}, "Een poster is voor één thema"),
        ({"terms": ("emmer",), "layout": Layout.POSTER}, "Een poster is voor één thema"),
    ],
)
def test_a_selection_that_cannot_be_printed_says_why(
    sheet_app: Flask, choices: dict[str, object], message: str
) -> None:
    with pytest.raises(GlossaryError, match=message):
        build(sheet_app, **choices)


def test_the_long_word_gets_a_smaller_size(sheet_app: Flask) -> None:
    glossary = build(sheet_app, themes=("basis",))
    sizes = {e.lemma: e.size for e in glossary.entries}
    assert sizes[LONG_WORD] < sizes["emmer"]


def test_qr_code_is_a_vector_svg_that_decodes_to_the_url() -> None:
    import segno
    import zxingcpp
    from PIL import Image

    url = f"{URL_BASE}/w/keuken/emmer"
    svg = qr_svg(url)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "viewBox" in svg
    assert "<image" not in svg
    # The SVG's modules are segno's matrix for this URL: draw that matrix and read it back.
    matrix = segno.make(url, error="m", micro=False)
    image = BytesIO()
    matrix.save(image, kind="png", scale=8)
    image.seek(0)
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(image))] == [url]

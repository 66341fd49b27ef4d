"""What an employer chose to print, and how big each word may be set: plain values only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MAX_LANGUAGES = 3
MAX_ENTRIES = 200  # a PDF of 200 cards renders in well under a minute; more is a mistake


class Layout(StrEnum):
    CARDS = "cards"  # 2 x 4 on A4: large picture, word, plural, glosses, QR code
    LABELS = "labels"  # 3 x 8 on A4, to stick on objects: small picture, word, QR code
    POSTER = "poster"  # one theme on A3


@dataclass(frozen=True)
class PageFormat:
    size: str  # CSS @page size
    columns: int
    rows: int
    word_width_mm: float  # the width the word (with its article) must fit in
    largest_pt: int
    dense: bool = False  # smaller cells, so that a larger theme still fits one poster
    # A word too long for one line at a readable size may take two (hyphenated) at this
    # size or smaller; 0: one line only.
    two_lines_pt: int = 0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


PAGE_FORMATS = {
    Layout.CARDS: PageFormat("A4", 2, 4, word_width_mm=84, largest_pt=24),
    Layout.LABELS: PageFormat("A4", 3, 8, word_width_mm=58, largest_pt=16, two_lines_pt=11),
    Layout.POSTER: PageFormat("A3", 4, 5, word_width_mm=60, largest_pt=24),
}
DENSE_POSTER = PageFormat("A3", 5, 6, word_width_mm=46, largest_pt=18, dense=True)
# The font sizes a word may get (points); the stylesheet has a class for each.
WORD_SIZES = (24, 20, 18, 16, 14, 12, 11, 10, 9, 8)
# Average advance of a bold sans-serif letter, in em; measured on Noto Sans Bold for Dutch
# words (wide letters such as m and w are rare next to e, i, n and s), rounded up.
EM_PER_LETTER = 0.62
ARTICLE_SCALE = 0.7  # the article is set smaller than the word
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Selection:
    """A sector, then themes and/or single words, up to three languages and a layout."""

    sector: str
    themes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    layout: Layout = Layout.CARDS
    plural: bool = True
    # An organisation's own words (CompanyWord ids); only its own users can add them.
    company_words: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, as a saved glossary keeps them."""
        return {
            "sector": self.sector,
            "themes": list(self.themes),
            "terms": list(self.terms),
            "languages": list(self.languages),
            "layout": self.layout.value,
            "plural": self.plural,
            "company_words": list(self.company_words),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selection:
        """The inverse of `to_dict`; raises ValueError (or KeyError) on a broken value."""
        return cls(
            sector=str(data["sector"]),
            themes=tuple(str(v) for v in data.get("themes", ())),
            terms=tuple(str(v) for v in data.get("terms", ())),
            languages=tuple(str(v) for v in data.get("languages", ())),
            layout=Layout(data.get("layout", Layout.CARDS.value)),
            plural=bool(data.get("plural", True)),
            company_words=tuple(int(v) for v in data.get("company_words", ())),
        )


def page_format(layout: Layout, count: int) -> PageFormat:
    """How `count` words are laid out: a poster with more than 20 gets smaller cells."""
    page = PAGE_FORMATS[layout]
    if layout is Layout.POSTER and count > page.per_page:
        return DENSE_POSTER
    return page


def word_size(lemma: str, article: str | None, page: PageFormat) -> int:
    """The largest font size (pt) at which the word and its article fit on one line.

    Where the page allows two lines, a long word gets a readable size on two lines
    instead of a tiny one on one. The stylesheet hyphenates (Dutch) and, as a last
    resort, breaks anywhere; two lines hold 1.6 times one line's letters, which leaves
    room for a hyphenation point far from the middle.
    """
    letters = len(lemma) + (len(article) + 1) * ARTICLE_SCALE if article else len(lemma)
    for size in WORD_SIZES:
        if size > page.largest_pt:
            continue
        per_line = page.word_width_mm / (EM_PER_LETTER * size * MM_PER_PT)
        if letters <= per_line or (size <= page.two_lines_pt and letters <= 1.6 * per_line):
            return size
    return WORD_SIZES[-1]

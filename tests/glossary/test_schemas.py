"""How big a word may be set: pure, no app."""

from __future__ import annotations

import pytest

from vaktaal.glossary.schemas import (
    EM_PER_LETTER,
    MM_PER_PT,
    PAGE_FORMATS,
    WORD_SIZES,
    Layout,
    Selection,
    page_format,
    word_size,
)


@pytest.mark.parametrize("layout", list(Layout))
def test_short_words_get_the_largest_size(layout: Layout) -> None:
    assert word_size("wc", "de", PAGE_FORMATS[layout]) == PAGE_FORMATS[layout].largest_pt


@pytest.mark.parametrize("layout", list(Layout))
def test_longer_words_never_get_larger(layout: Layout) -> None:
    sizes = [word_size("a" * n, "de", PAGE_FORMATS[layout]) for n in range(1, 40)]
    assert sizes == sorted(sizes, reverse=True)
    assert set(sizes) <= set(WORD_SIZES)


@pytest.mark.parametrize("layout", [Layout.CARDS, Layout.POSTER])
@pytest.mark.parametrize("word", ["handschoenendispenser", "veiligheidsschoenen"])
def test_long_words_fit_their_width_on_one_line(layout: Layout, word: str) -> None:
    size = word_size(word, "de", PAGE_FORMATS[layout])
    width = (len(word) + 3 * 0.7) * EM_PER_LETTER * size * MM_PER_PT
    assert width <= PAGE_FORMATS[layout].word_width_mm


def test_a_long_word_on_a_label_takes_two_lines_rather_than_a_tiny_size() -> None:
    labels = PAGE_FORMATS[Layout.LABELS]
    assert word_size("veiligheidshandschoenkast", "de", labels) == 11
    assert word_size("zeepdispenser", "de", labels) == 16  # one line
    assert word_size("a" * 80, "de", labels) == WORD_SIZES[-1]


def test_a_word_without_article_may_be_larger() -> None:
    labels = PAGE_FORMATS[Layout.LABELS]
    assert word_size("schoonmaakmiddelen", None, labels) >= word_size(
        "schoonmaakmiddelen", "de", labels
    )


def test_a_poster_of_a_larger_theme_gets_smaller_cells_on_one_page() -> None:
    assert page_format(Layout.POSTER, 20).per_page == 20
    dense = page_format(Layout.POSTER, 21)
    assert dense.dense and dense.per_page == 30 and dense.size == "A3"
    assert page_format(Layout.CARDS, 40) == PAGE_FORMATS[Layout.CARDS]
    assert Selection("s").layout is Layout.CARDS


def test_the_builder_form_reads_the_selection_and_cuts_what_is_too_long() -> None:
    from werkzeug.datastructures import MultiDict

    from vaktaal.glossary.forms import read_builder_form, selection_args
    from vaktaal.glossary.schemas import MAX_ENTRIES

    args = MultiDict(
        [("sector", "keuken"), ("theme", "basis"), ("lang", "ar"), ("lang", "xx"),
         ("lang", "ar"), ("layout", "nope"), ("no_plural", "1"), ("q", " emm "),
         ("_external", "1")]
        + [("term", f"t{i}") for i in range(1000)]
    )  # fmt: skip
    form = read_builder_form(args)
    assert form.query == "emm"
    assert form.selection == Selection(
        "keuken",
        themes=("basis",),
        terms=tuple(f"t{i}" for i in range(MAX_ENTRIES + 1)),
        languages=("ar",),
        layout=Layout.CARDS,
        plural=False,
    )
    assert form.wants_preview
    assert set(selection_args(args)) == {"sector", "theme", "term", "lang", "layout", "no_plural"}
    assert read_builder_form(MultiDict()).selection is None

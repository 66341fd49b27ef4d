"""How big a word may be set: pure, no app."""

from __future__ import annotations

import pytest

from vaktaal.glossary.schemas import (
    EM_PER_LETTER,
    MM_PER_PT,
    PAGE_FORMATS,
    WORD_SIZES,
    Layout,
    word_size,
)


@pytest.mark.parametrize("layout", list(Layout))
def test_short_words_get_the_largest_size(layout: Layout) -> None:
    assert word_size("wc", "de", layout) == PAGE_FORMATS[layout].largest_pt


@pytest.mark.parametrize("layout", list(Layout))
def test_longer_words_never_get_larger(layout: Layout) -> None:
    sizes = [word_size("a" * n, "de", layout) for n in range(1, 40)]
    assert sizes == sorted(sizes, reverse=True)
    assert set(sizes) <= set(WORD_SIZES)


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize("word", ["handschoenendispenser", "veiligheidsschoenen"])
def test_long_words_fit_their_width_on_one_line(layout: Layout, word: str) -> None:
    size = word_size(word, "de", layout)
    width = (len(word) + 3 * 0.7) * EM_PER_LETTER * size * MM_PER_PT
    assert width <= PAGE_FORMATS[layout].word_width_mm


def test_a_word_without_article_may_be_larger() -> None:
    assert word_size("schoonmaakmiddelen", None, Layout.LABELS) >= word_size(
        "schoonmaakmiddelen", "de", Layout.LABELS
    )

"""Typed answers: tolerant of small typos, strict on the word itself."""

from __future__ import annotations

import pytest

from vaktaal.srs.answers import (
    TypedCheck,
    check_typed,
    confusable_words,
    normalise,
    typo_tolerance,
)

RIGHT = (True, False)
NEAR_MISS = (True, True)
WRONG = (False, False)


@pytest.mark.parametrize(
    ("given", "expected", "verdict"),
    [
        # exact, whatever the case and spaces
        ("handschoenen", "handschoenen", RIGHT),
        ("  Handschoenen ", "handschoenen", RIGHT),
        ("DWEILEN", "dweilen", RIGHT),
        ("even   wachten", "even wachten", RIGHT),
        ("stoffer en blik.", "stoffer en blik", RIGHT),
        ("wc’s", "wc's", RIGHT),  # curly apostrophe from a phone keyboard
        ("wc‘s", "wc's", RIGHT),
        # one slip in a word of 6 letters or more
        ("handshoenen", "handschoenen", NEAR_MISS),  # a letter missing
        ("handschoennen", "handschoenen", NEAR_MISS),  # a letter too many
        ("handschoeben", "handschoenen", NEAR_MISS),  # a wrong letter
        ("handshcoenen", "handschoenen", NEAR_MISS),  # two neighbours swapped
        ("desinfekteren", "desinfecteren", NEAR_MISS),
        ("veiligheidschoenen", "veiligheidsschoenen", NEAR_MISS),
        ("dweile", "dweilen", NEAR_MISS),
        ("stofzuiger", "stofzuigen", NEAR_MISS),
        # two slips are too many
        ("handshoenenn", "handschoenen", WRONG),
        ("desinfekteeren", "desinfecteren", WRONG),
        ("veiligheidschoene", "veiligheidsschoenen", WRONG),
        ("hsnadchoenen", "handschoenen", WRONG),  # not neighbours
        # under 6 letters a slip is another word
        ("emer", "emmer", WRONG),
        ("emmers", "emmer", WRONG),
        ("mopp", "mop", WRONG),
        ("dok", "doek", WRONG),
        ("vegen", "vegen", RIGHT),
        ("zeep", "zeep", RIGHT),
        # accents: a missing accent is a near miss, never exact
        ("een", "één", NEAR_MISS),
        ("één", "één", RIGHT),
        ("bacterien", "bacteriën", NEAR_MISS),
        ("bacteriën", "bacteriën", RIGHT),
        ("bakterien", "bacteriën", NEAR_MISS),  # accent and one letter, 9 letters
        ("en", "één", WRONG),
        # nothing typed
        ("", "emmer", WRONG),
        ("   ", "handschoenen", WRONG),
    ],
)
def test_typed_words(given: str, expected: str, verdict: tuple[bool, bool]) -> None:
    result = check_typed(given, expected)
    assert (result.correct, result.near_miss) == verdict
    assert result.expected == expected


@pytest.mark.parametrize(
    ("given", "require_article", "verdict"),
    [
        ("de emmer", True, RIGHT),
        ("De Emmer", True, RIGHT),
        ("het emmer", True, WRONG),
        ("emmer", True, WRONG),
        ("de emer", True, WRONG),
        ("de", True, WRONG),
        ("emmer", False, RIGHT),
        ("de emmer", False, RIGHT),
        ("het emmer", False, WRONG),
        ("  de   emmer ", False, RIGHT),
    ],
)
def test_article_with_a_noun(
    given: str, require_article: bool, verdict: tuple[bool, bool]
) -> None:
    result = check_typed(given, "emmer", article="de", require_article=require_article)
    assert (result.correct, result.near_miss) == verdict
    assert result.expected == "de emmer"


@pytest.mark.parametrize(
    ("given", "require_article", "verdict"),
    [
        ("het etiket", True, RIGHT),
        ("de etiket", True, WRONG),
        ("het etikett", True, NEAR_MISS),
        ("het etiekt", False, NEAR_MISS),
        ("de etiket", False, WRONG),
        ("etiket", False, RIGHT),
        ("het", False, WRONG),
    ],
)
def test_article_with_a_long_noun(
    given: str, require_article: bool, verdict: tuple[bool, bool]
) -> None:
    result = check_typed(given, "etiket", article="het", require_article=require_article)
    assert (result.correct, result.near_miss) == verdict
    assert result.expected == "het etiket"


def test_an_article_is_no_part_of_a_verb() -> None:
    assert check_typed("de dweilen", "dweilen") == TypedCheck(False, False, "dweilen")


def test_normalise_keeps_apostrophes_and_hyphens() -> None:
    assert normalise("  Wc’s en WC-POT! ") == "wc's en wc-pot"


@pytest.mark.parametrize(
    ("word", "tolerance"),
    [("emmer", 0), ("dweilen", 1), ("mopemmer", 1), ("pas op", 0), ("even wachten", 1)],
)
def test_typo_tolerance_counts_letters(word: str, tolerance: int) -> None:
    assert typo_tolerance(word) == tolerance


def test_a_slip_that_makes_another_word_is_wrong() -> None:
    # "stofzuiger" (the vacuum cleaner) is one letter from "stofzuigen" (to vacuum).
    assert check_typed("stofzuiger", "stofzuigen").near_miss
    known = ["stofzuiger", "stofzuigen", "dweilen"]
    assert check_typed("stofzuiger", "stofzuigen", other_words=known) == TypedCheck(
        False, False, "stofzuigen"
    )
    assert check_typed("Stofzuigen", "stofzuigen", other_words=known).correct
    assert check_typed("stofzuign", "stofzuigen", other_words=known).near_miss


def test_confusable_words_are_one_slip_away() -> None:
    forms = ["stofzuiger", "stofzuigers", "Stofzuiger", "stofzuigen", "wastafel", "emmer"]
    assert confusable_words("stofzuigen", forms) == ["stofzuiger"]
    assert confusable_words("wastafels", ["wastafel", "wastafels"]) == ["wastafel"]
    assert confusable_words("emmer", ["emmers"]) == []  # short words must be exact anyway

"""Check a typed answer: tolerant of small typos, strict on the word itself."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ARTICLES",
    "TYPO_TOLERANT_LETTERS",
    "TypedCheck",
    "check_typed",
    "confusable_words",
    "normalise",
    "typo_tolerance",
]

ARTICLES = ("de", "het")
# Words this long may have one wrong letter; shorter words are too easily another word.
TYPO_TOLERANT_LETTERS = 6

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
# Sentence punctuation is no part of the word; apostrophes and hyphens are (auto's, wc-pot).
_PUNCTUATION = re.compile(r"[.,!?;:\"“”„()¿¡…]")


@dataclass(frozen=True)
class TypedCheck:
    """The verdict on a typed answer.

    `near_miss` marks a right answer with a tolerated slip (one wrong letter, a missing
    accent): the page shows `expected`, the right spelling, with its article.
    """

    correct: bool
    near_miss: bool
    expected: str


def normalise(text: str) -> str:
    """Return `text` as compared: NFC, lower case, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.casefold().split())


def typo_tolerance(expected: str) -> int:
    """Return how many wrong letters an answer for `expected` may have (0 or 1)."""
    letters = sum(ch.isalpha() for ch in normalise(expected))
    return 1 if letters >= TYPO_TOLERANT_LETTERS else 0


def check_typed(
    given: str,
    expected: str,
    *,
    article: str | None = None,
    require_article: bool = False,
    other_words: Iterable[str] = (),
) -> TypedCheck:
    """Check a typed word against the expected word.

    Case, surrounding and repeated spaces, sentence punctuation and curly apostrophes do
    not count. Words of 6 letters or more may have one wrong, extra, missing or swapped
    letter (a near miss); shorter words must be exact. A missing or wrong accent ("een"
    for "één") is a near miss. With `article`, a typed article must be the right one;
    with `require_article` it must be there. A slip that makes one of `other_words`
    (another word the learner is learning, e.g. "stofzuiger" for "stofzuigen") is wrong.
    """
    shown = f"{article} {expected}" if article else expected
    answer = normalise(given)
    word = normalise(expected)
    if article:
        first, _, rest = answer.partition(" ")
        if first in ARTICLES and rest:
            if first != normalise(article):
                return TypedCheck(correct=False, near_miss=False, expected=shown)
            answer = rest
        elif require_article:
            return TypedCheck(correct=False, near_miss=False, expected=shown)
    if answer == word:
        return TypedCheck(correct=True, near_miss=False, expected=shown)
    answer_plain, word_plain = _without_accents(answer), _without_accents(word)
    slip = answer_plain == word_plain or (
        typo_tolerance(word) > 0 and _within_one_edit(answer_plain, word_plain)
    )
    if answer and slip and answer not in {normalise(w) for w in other_words}:
        return TypedCheck(correct=True, near_miss=True, expected=shown)
    return TypedCheck(correct=False, near_miss=False, expected=shown)


def confusable_words(expected: str, candidates: Iterable[str]) -> list[str]:
    """Return the candidates that would pass as a slip for `expected`, without repeats."""
    seen: dict[str, str] = {}
    for word in candidates:
        key = normalise(word)
        if key not in seen and key != normalise(expected) and check_typed(word, expected).correct:
            seen[key] = word
    return list(seen.values())


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _within_one_edit(a: str, b: str) -> bool:
    """Tell whether one substitution, insertion, deletion or neighbour swap turns a into b."""
    if a == b:
        return True
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if abs(len(a) - len(b)) != 1:
        return False
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    i = next(
        (i for i, (x, y) in enumerate(zip(shorter, longer, strict=False)) if x != y), len(shorter)
    )
    return shorter[i:] == longer[i + 1 :]

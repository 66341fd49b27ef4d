"""From an answer to an FSRS rating: every row of the mapping, at its thresholds."""

from __future__ import annotations

import pytest

from vaktaal.srs.exercises import ExerciseKind
from vaktaal.srs.grading import (
    IMPLAUSIBLY_FAST_MS,
    LONGEST_RESPONSE_MS,
    TIMINGS,
    Timing,
    rating_for,
)
from vaktaal.srs.scheduler import Rating

K = ExerciseKind


def rate(
    *,
    correct: bool = True,
    ms: int = 4_000,
    kind: ExerciseKind = K.LISTEN_PICK_PICTURE,
    hinted: bool = False,
    near_miss: bool = False,
    in_review: bool = True,
) -> Rating:
    return rating_for(
        correct=correct,
        response_ms=ms,
        kind=kind,
        hinted=hinted,
        near_miss=near_miss,
        in_review=in_review,
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # wrong is Again, whatever else
        ({"correct": False}, Rating.Again),
        ({"correct": False, "ms": 500}, Rating.Again),
        ({"correct": False, "ms": 60_000}, Rating.Again),
        ({"correct": False, "hinted": True, "near_miss": True}, Rating.Again),
        ({"correct": False, "in_review": False}, Rating.Again),
        # right but slow, after a hint, or with a tolerated typo: Hard
        ({"ms": 10_001}, Rating.Hard),
        ({"ms": 10_001, "in_review": False}, Rating.Hard),
        ({"hinted": True}, Rating.Hard),
        ({"hinted": True, "ms": 1_000}, Rating.Hard),
        ({"near_miss": True, "kind": K.TYPE_WORD, "ms": 3_000}, Rating.Hard),
        # right: Good
        ({"ms": 4_000}, Rating.Good),
        ({"ms": 10_000}, Rating.Good),  # exactly at the slow threshold is not slow
        ({"ms": 3_000}, Rating.Good),  # exactly at the fast threshold is not fast
        ({"ms": 1_000, "in_review": False}, Rating.Good),  # fast on a new card: Good
        # right and fast on a card in review: Easy
        ({"ms": 1_000}, Rating.Easy),
        ({"ms": 2_999}, Rating.Easy),
        ({"ms": IMPLAUSIBLY_FAST_MS}, Rating.Easy),
        # quicker than anyone can look: no sign of recall, Good at most
        ({"ms": IMPLAUSIBLY_FAST_MS - 1}, Rating.Good),
        ({"ms": 0}, Rating.Good),
        ({"ms": 120, "near_miss": True, "kind": K.TYPE_WORD}, Rating.Hard),
        # away from the phone: slow
        ({"ms": LONGEST_RESPONSE_MS + 1}, Rating.Hard),
        ({"ms": 3 * 60 * 60 * 1000, "kind": K.DIALOGUE_ORDER}, Rating.Hard),
    ],
)
def test_mapping(answer: dict[str, int | bool], expected: Rating) -> None:
    assert rate(**answer) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "fast", "slow"),
    [
        (K.LISTEN_PICK_PICTURE, 3_000, 10_000),
        (K.WORD_PICK_PICTURE, 3_000, 10_000),
        (K.ARTICLE, 3_000, 10_000),
        (K.PICTURE_PICK_WORD, 5_000, 15_000),
        (K.GAP_CHOICE, 5_000, 15_000),
        (K.DIALOGUE_REPLY, 5_000, 15_000),
        (K.TYPE_WORD, 8_000, 25_000),
        (K.GAP_TYPE, 8_000, 25_000),
        (K.DIALOGUE_GAP, 8_000, 25_000),
        (K.DIALOGUE_ORDER, 15_000, 60_000),
    ],
)
def test_thresholds_per_kind(kind: ExerciseKind, fast: int, slow: int) -> None:
    assert TIMINGS[kind] == Timing(fast_ms=fast, slow_ms=slow)
    assert rate(kind=kind, ms=fast - 1) is Rating.Easy
    assert rate(kind=kind, ms=fast) is Rating.Good
    assert rate(kind=kind, ms=slow) is Rating.Good
    assert rate(kind=kind, ms=slow + 1) is Rating.Hard


def test_typing_gets_more_time_than_tapping() -> None:
    # 12 seconds to type "handschoenen" is fine; 12 seconds to tap a picture is slow.
    assert rate(kind=K.TYPE_WORD, ms=12_000) is Rating.Good
    assert rate(kind=K.LISTEN_PICK_PICTURE, ms=12_000) is Rating.Hard


def test_every_kind_has_thresholds() -> None:
    assert set(TIMINGS) == set(ExerciseKind)
    assert all(0 < t.fast_ms < t.slow_ms <= LONGEST_RESPONSE_MS for t in TIMINGS.values())


def test_negative_response_time_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        rate(ms=-1)

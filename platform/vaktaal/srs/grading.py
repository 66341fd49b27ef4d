"""Turn an answer (right or wrong, how fast, with what help) into an FSRS rating.

The learner never grades themselves: many say they understand when they do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from fsrs import Rating

from vaktaal.srs.exercises import ExerciseKind

__all__ = [
    "IMPLAUSIBLY_FAST_MS",
    "LONGEST_RESPONSE_MS",
    "TIMINGS",
    "Timing",
    "rating_for",
]

# Quicker than this the learner tapped before seeing or hearing the exercise: no sign of
# fast recall, so never Easy.
IMPLAUSIBLY_FAST_MS = 300
# Longer than this the learner was away from the phone; the answer still counts, as slow.
LONGEST_RESPONSE_MS = 10 * 60 * 1000


@dataclass(frozen=True)
class Timing:
    """Response-time thresholds of one kind of exercise, from showing it to answering."""

    fast_ms: int  # right and quicker than this, on a card in review: Easy
    slow_ms: int  # right but slower than this: Hard


# Tap a word or picture: look (and listen to the prompt), then tap.
_WORD_CHOICE = Timing(fast_ms=3_000, slow_ms=10_000)
# Listen to each option, or read a sentence, before choosing.
_SENTENCE_CHOICE = Timing(fast_ms=5_000, slow_ms=15_000)
# Find the letters on a phone keyboard, often an unfamiliar script.
_TYPING = Timing(fast_ms=8_000, slow_ms=25_000)
# Play or read three or four lines, then move them.
_ORDERING = Timing(fast_ms=15_000, slow_ms=60_000)

TIMINGS: dict[ExerciseKind, Timing] = {
    ExerciseKind.LISTEN_PICK_PICTURE: _WORD_CHOICE,
    ExerciseKind.WORD_PICK_PICTURE: _WORD_CHOICE,
    ExerciseKind.ARTICLE: _WORD_CHOICE,
    ExerciseKind.PICTURE_PICK_WORD: _SENTENCE_CHOICE,
    ExerciseKind.GAP_CHOICE: _SENTENCE_CHOICE,
    ExerciseKind.DIALOGUE_REPLY: _SENTENCE_CHOICE,
    ExerciseKind.TYPE_WORD: _TYPING,
    ExerciseKind.GAP_TYPE: _TYPING,
    ExerciseKind.DIALOGUE_GAP: _TYPING,
    ExerciseKind.DIALOGUE_ORDER: _ORDERING,
}


def rating_for(
    *,
    correct: bool,
    response_ms: int,
    kind: ExerciseKind,
    hinted: bool = False,
    near_miss: bool = False,
    in_review: bool,
) -> Rating:
    """Return the FSRS rating of an answer.

    | answer                                                          | rating |
    |-----------------------------------------------------------------|--------|
    | wrong                                                           | Again  |
    | right, slower than the kind's slow_ms (or over 10 minutes)      | Hard   |
    | right after a hint                                              | Hard   |
    | right with a tolerated typo (near_miss)                         | Hard   |
    | right, card in review, between 300 ms and the kind's fast_ms    | Easy   |
    | right otherwise (also: under 300 ms, or fast on a new card)     | Good   |

    `response_ms` runs from showing the exercise to the answer; negative raises
    ValueError. The thresholds per kind are in TIMINGS.
    """
    if response_ms < 0:
        raise ValueError(f"response time cannot be negative: {response_ms} ms")
    if not correct:
        return Rating.Again
    timing = TIMINGS[kind]
    slow = response_ms > min(timing.slow_ms, LONGEST_RESPONSE_MS)
    if slow or hinted or near_miss:
        return Rating.Hard
    if in_review and IMPLAUSIBLY_FAST_MS <= response_ms < timing.fast_ms:
        return Rating.Easy
    return Rating.Good

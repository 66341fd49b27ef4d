"""Exercises for a word or a dialogue line, built from plain data.

An exercise carries everything the practice page needs to run it offline: what to show
or play, the options, the right answer and the feedback to show afterwards. Option ids
are term ids, line ids, or "de"/"het"; `answer` is the right option id, the expected
text for typing, or the line ids in order for a dialogue to put in order.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from vaktaal.srs.answers import ARTICLES, confusable_words, normalise, typo_tolerance
from vaktaal.srs.scheduler import Skill

__all__ = [
    "GAP",
    "MIN_OPTIONS",
    "Exercise",
    "ExerciseKind",
    "Level",
    "LineItem",
    "TermItem",
    "build_dialogue_exercise",
    "build_term_exercise",
    "choose_dialogue_exercise",
    "choose_term_exercise",
    "dialogue_kinds_for",
    "kinds_for",
]

# What the page shows where a word is cut out of a sentence.
GAP = "___"
MIN_OPTIONS = 2
# A dialogue to put in order shows this many lines at most: enough to need listening,
# few enough for a small screen.
ORDER_LINES = 4
# A gap in a dialogue line is cut from a word at least this long, so it carries meaning.
GAP_WORD_LETTERS = 4

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_WORD_CHAR = r"[\w'’-]"


class Level(StrEnum):
    """The learner's CEFR level, which decides how much reading an exercise asks."""

    A0 = "A0"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"


class ExerciseKind(StrEnum):
    """What the learner does; the value is sent to the page as is."""

    LISTEN_PICK_PICTURE = "listen_pick_picture"  # hear the word, tap its picture; no reading
    PICTURE_PICK_WORD = "picture_pick_word"  # see the picture, tap the word (each one speaks)
    WORD_PICK_PICTURE = "word_pick_picture"  # see the word, tap its picture
    ARTICLE = "article"  # de or het
    TYPE_WORD = "type_word"  # picture and/or audio, type the word
    GAP_CHOICE = "gap_choice"  # fill the gap in the example sentence, by choice
    GAP_TYPE = "gap_type"  # fill the gap in the example sentence, by typing
    DIALOGUE_ORDER = "dialogue_order"  # put the lines in order
    DIALOGUE_REPLY = "dialogue_reply"  # choose the right reply
    DIALOGUE_GAP = "dialogue_gap"  # type the word missing from a line


K = ExerciseKind
_A0 = {K.LISTEN_PICK_PICTURE, K.PICTURE_PICK_WORD, K.WORD_PICK_PICTURE, K.DIALOGUE_ORDER}
_A1 = _A0 | {K.ARTICLE, K.GAP_CHOICE, K.DIALOGUE_REPLY}
_A2 = _A1 | {K.TYPE_WORD, K.GAP_TYPE, K.DIALOGUE_GAP}
LEVEL_KINDS: dict[Level, frozenset[ExerciseKind]] = {
    Level.A0: frozenset(_A0),
    Level.A1: frozenset(_A1),
    Level.A2: frozenset(_A2),
    Level.B1: frozenset(_A2),
}
# Per skill, from the easiest kind to the hardest: a new card gets the first one it can.
SKILL_KINDS: dict[Skill, tuple[ExerciseKind, ...]] = {
    Skill.RECOGNISE: (K.LISTEN_PICK_PICTURE, K.WORD_PICK_PICTURE, K.GAP_CHOICE),
    Skill.PRODUCE: (K.PICTURE_PICK_WORD, K.ARTICLE, K.GAP_CHOICE, K.TYPE_WORD, K.GAP_TYPE),
    Skill.DIALOGUE: (K.DIALOGUE_ORDER, K.DIALOGUE_REPLY, K.DIALOGUE_GAP),
}
TERM_KINDS = frozenset(SKILL_KINDS[Skill.RECOGNISE] + SKILL_KINDS[Skill.PRODUCE])
DIALOGUE_KINDS = frozenset(SKILL_KINDS[Skill.DIALOGUE])
TYPED_KINDS = frozenset({K.TYPE_WORD, K.GAP_TYPE, K.DIALOGUE_GAP})
# Options are pictures: every option needs one.
_PICTURE_OPTIONS = frozenset({K.LISTEN_PICK_PICTURE, K.WORD_PICK_PICTURE})


@dataclass(frozen=True)
class TermItem:
    """A word of a theme, as the exercises need it."""

    id: int
    key: str
    lemma: str
    word_class: str  # noun, verb, adjective, adverb, phrase, other
    article: str | None
    plural: str | None
    example: str
    picture: str | None  # URL
    theme_id: int
    audio: str | None = None  # URL of the word spoken
    example_audio: str | None = None  # URL of the example sentence spoken

    @property
    def display(self) -> str:
        """Return the word as taught: nouns with their article ("de emmer")."""
        if self.word_class == "noun" and self.article:
            return f"{self.article} {self.lemma}"
        return self.lemma


@dataclass(frozen=True)
class LineItem:
    """A line of a dialogue."""

    id: int
    dialogue_id: int
    position: int
    speaker: str  # the speaker's key, e.g. "a"
    speaker_name: str
    text: str
    audio: str | None = None


@dataclass(frozen=True)
class Exercise:
    """One exercise, ready to send to the practice page as JSON.

    `prompt` holds `text`, `picture` and `audio` (None when not shown or played); gaps
    add `before`/`after`, dialogue lines `speaker`/`speaker_name` (and `context`, the
    line before). Each option holds `id`, `text`, `picture`, `audio`. `feedback` is what
    to show and play after answering (the word with its article, picture, audio,
    example; or the dialogue line). For typing, `check` tells the page how to check the
    answer offline, the way `check_typed` does: `expected`, `article`,
    `require_article`, `typo_tolerance` (0 or 1 slip) and `other_words` (slips that
    make another known word, hence wrong). `introduce` marks a card met for the first
    time: show the word (picture, text, audio) before asking.
    """

    kind: ExerciseKind
    item_id: int
    skill: Skill
    prompt: dict[str, Any]
    options: list[dict[str, Any]]
    answer: int | str | list[int]
    feedback: dict[str, Any]
    check: dict[str, Any] | None = None
    introduce: bool = False

    @property
    def answer_type(self) -> str:
        """Return how the learner answers: "choice", "order" or "text"."""
        if self.kind in TYPED_KINDS:
            return "text"
        if self.kind is K.DIALOGUE_ORDER:
            return "order"
        return "choice"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict with everything the page needs offline."""
        return copy.deepcopy(
            {
                "kind": self.kind.value,
                "item_id": self.item_id,
                "skill": self.skill.value,
                "answer_type": self.answer_type,
                "prompt": self.prompt,
                "options": self.options,
                "answer": self.answer,
                "feedback": self.feedback,
                "check": self.check,
                "introduce": self.introduce,
            }
        )


# --- words -----------------------------------------------------------------------------


def kinds_for(
    term: TermItem, *, skill: Skill, level: Level, pool: Sequence[TermItem]
) -> list[ExerciseKind]:
    """Return the kinds of exercise this word can have, easiest first.

    Only kinds the learner's level gets, and only those the data supports: picture
    exercises need a picture on the word and on at least one distractor (listening works
    without an audio file: the page then uses the phone's Dutch voice), de/het needs a
    noun with its article, a gap needs the word (or its plural) in the example sentence.
    """
    if skill not in (Skill.RECOGNISE, Skill.PRODUCE):
        raise ValueError(f"a word is practised as recognise or produce, not {skill}")
    allowed = LEVEL_KINDS[level]
    return [kind for kind in SKILL_KINDS[skill] if kind in allowed and _supports(term, kind, pool)]


def build_term_exercise(
    term: TermItem,
    *,
    kind: ExerciseKind,
    pool: Sequence[TermItem],
    rng: random.Random,
    options: int = 4,
    skill: Skill | None = None,
) -> Exercise:
    """Build one exercise of `kind` for `term`, with distractors from `pool`.

    Raises ValueError when the word cannot have this kind (see `kinds_for`).
    """
    if options < MIN_OPTIONS:
        raise ValueError(f"an exercise needs at least {MIN_OPTIONS} options, not {options}")
    if kind not in TERM_KINDS or not _supports(term, kind, pool):
        raise ValueError(f"{term.key!r} cannot have a {kind} exercise")
    if skill is None:
        skill = Skill.RECOGNISE if kind in SKILL_KINDS[Skill.RECOGNISE] else Skill.PRODUCE
    feedback: dict[str, Any] = {
        "text": term.display,
        "picture": term.picture,
        "audio": term.audio,
        "plural": term.plural,
        "example": term.example,
        "example_audio": term.example_audio,
    }

    def exercise(
        prompt: dict[str, Any],
        choices: list[dict[str, Any]],
        answer: int | str,
        check: dict[str, Any] | None = None,
    ) -> Exercise:
        return Exercise(kind, term.id, skill, prompt, choices, answer, feedback, check)

    match kind:
        case K.LISTEN_PICK_PICTURE | K.WORD_PICK_PICTURE:
            shown = kind is K.WORD_PICK_PICTURE
            prompt = _prompt(text=term.display if shown else None, audio=term.audio)
            choices = _options(term, kind, pool, rng, options, _picture_option)
            return exercise(prompt, choices, term.id)
        case K.PICTURE_PICK_WORD:
            # Options speak when tapped, so A0 learners can choose by ear; when the word has
            # no audio, no option speaks, or the silent one would give the answer away.
            speak = term.audio is not None
            choices = _options(
                term, kind, pool, rng, options, lambda t: _word_option(t, t.display, speak)
            )
            return exercise(_prompt(picture=term.picture), choices, term.id)
        case K.ARTICLE:
            # Always de then het, at the same place on the screen; the audio is kept for the
            # feedback because it may say the article.
            choices = [_option(article, text=article) for article in ARTICLES]
            prompt = _prompt(text=term.lemma, picture=term.picture)
            return exercise(prompt, choices, str(term.article))
        case K.TYPE_WORD:
            prompt = _prompt(picture=term.picture, audio=term.audio)
            article = term.article if term.word_class == "noun" else None
            return exercise(prompt, [], term.lemma, _check(term.lemma, article, [term, *pool]))
        case K.GAP_CHOICE | K.GAP_TYPE:
            gap = _gap_in_example(term)
            assert gap is not None  # _supports checked it
            form, before, after = gap
            prompt = _prompt(text=f"{before}{GAP}{after}", picture=term.picture)
            prompt |= {"before": before, "after": after}
            if kind is K.GAP_TYPE:
                return exercise(prompt, [], form, _check(form, None, [term, *pool]))
            plural = form != term.lemma

            def gap_option(t: TermItem) -> dict[str, Any]:
                return _word_option(t, _form(t, plural=plural) or t.lemma, speak=False)

            choices = _options(term, kind, pool, rng, options, gap_option)
            return exercise(prompt, choices, term.id)
        case _:  # pragma: no cover - TERM_KINDS checked above
            raise ValueError(f"{kind} is not a word exercise")


def choose_term_exercise(
    term: TermItem,
    *,
    skill: Skill,
    level: Level,
    card_is_new: bool,
    pool: Sequence[TermItem],
    rng: random.Random,
    options: int = 4,
) -> Exercise | None:
    """Pick and build an exercise for the word's card; None when it can have none.

    A new card gets the easiest kind its skill and level allow; a card in review any.
    """
    kinds = kinds_for(term, skill=skill, level=level, pool=pool)
    if not kinds:
        return None
    kind = kinds[0] if card_is_new else rng.choice(kinds)
    exercise = build_term_exercise(
        term, kind=kind, pool=pool, rng=rng, options=options, skill=skill
    )
    return replace(exercise, introduce=True) if card_is_new else exercise


def _supports(term: TermItem, kind: ExerciseKind, pool: Sequence[TermItem]) -> bool:
    match kind:
        case K.LISTEN_PICK_PICTURE | K.PICTURE_PICK_WORD | K.WORD_PICK_PICTURE:
            # Without an audio file the page speaks the word with the phone's own voice.
            possible = term.picture is not None
        case K.GAP_CHOICE:
            possible = _gap_in_example(term) is not None
        case K.ARTICLE:
            return term.word_class == "noun" and term.article in ARTICLES
        case K.TYPE_WORD:
            return term.picture is not None or term.audio is not None
        case K.GAP_TYPE:
            return _gap_in_example(term) is not None
        case _:
            return False
    if not possible:
        return False
    fits = _distractor_test(term, kind)
    return any(fits(other) for other in pool)


def _distractor_test(term: TermItem, kind: ExerciseKind) -> Callable[[TermItem], bool]:
    """Return a test of whether a word can stand next to `term` as a wrong option."""
    gap = _gap_in_example(term) if kind is K.GAP_CHOICE else None
    plural = gap is not None and gap[0] != term.lemma

    def fits(other: TermItem) -> bool:
        if other.id == term.id or _same_word(other.lemma, term.lemma):
            return False
        if term.picture is not None and other.picture == term.picture:
            return False
        if kind in _PICTURE_OPTIONS and other.picture is None:
            return False
        if kind is K.PICTURE_PICK_WORD and term.audio is not None and other.audio is None:
            return False
        if gap is not None:
            form = _form(other, plural=plural)
            return form is not None and not _same_word(form, gap[0])
        return True

    return fits


def _options(
    term: TermItem,
    kind: ExerciseKind,
    pool: Sequence[TermItem],
    rng: random.Random,
    count: int,
    render: Callable[[TermItem], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Return the right option and up to count - 1 distractors, in random order.

    Distractors come from the same theme and word class first, then the same word class,
    then any; no two options share a word or a picture.
    """
    fits = _distractor_test(term, kind)
    same_class = [t for t in pool if t.word_class == term.word_class]
    tiers = [
        [t for t in same_class if t.theme_id == term.theme_id],
        [t for t in same_class if t.theme_id != term.theme_id],
        [t for t in pool if t.word_class != term.word_class],
    ]
    right = render(term)
    chosen: list[dict[str, Any]] = []
    words = _names(term, right)
    pictures = {term.picture}
    for other in (t for tier in tiers for t in rng.sample(tier, len(tier))):
        if len(chosen) == count - 1:
            break
        if not fits(other):
            continue
        option = render(other)
        names = _names(other, option)
        if names & words or (other.picture is not None and other.picture in pictures):
            continue
        chosen.append(option)
        words |= names
        pictures.add(other.picture)
    chosen.insert(rng.randrange(len(chosen) + 1), right)
    return chosen


def _names(term: TermItem, option: dict[str, Any]) -> set[str]:
    """Return the words an option stands for: its lemma and the text it shows."""
    return {normalise(term.lemma), normalise(option["text"] or term.lemma)}


def _gap_in_example(term: TermItem) -> tuple[str, str, str] | None:
    """Return (form, text before, text after) for the word cut out of its example."""
    for form in (term.lemma, term.plural):
        if not form:
            continue
        pattern = re.escape(form).replace("'", "['’]")
        match = re.search(
            rf"(?<!{_WORD_CHAR}){pattern}(?!{_WORD_CHAR})", term.example, re.IGNORECASE
        )
        if match:
            return form, term.example[: match.start()], term.example[match.end() :]
    return None


def _form(term: TermItem, *, plural: bool) -> str | None:
    return term.plural if plural else term.lemma


def _same_word(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)


def _picture_option(term: TermItem) -> dict[str, Any]:
    return _option(term.id, picture=term.picture)


def _word_option(term: TermItem, text: str, speak: bool) -> dict[str, Any]:
    return _option(term.id, text=text, audio=term.audio if speak else None)


# --- dialogues -------------------------------------------------------------------------


def dialogue_kinds_for(
    lines: Sequence[LineItem], target: LineItem, *, level: Level
) -> list[ExerciseKind]:
    """Return the kinds of exercise this dialogue line can have, easiest first."""
    ordered = _ordered(lines, target)
    allowed = LEVEL_KINDS[level]
    return [
        kind
        for kind in SKILL_KINDS[Skill.DIALOGUE]
        if kind in allowed and _supports_line(ordered, target, kind)
    ]


def build_dialogue_exercise(
    lines: Sequence[LineItem],
    target: LineItem,
    *,
    kind: ExerciseKind,
    rng: random.Random,
    options: int = 3,
    listen_only: bool = False,
) -> Exercise:
    """Build one exercise of `kind` for the dialogue line `target`.

    `lines` are the dialogue's lines, in any order. With `listen_only` a dialogue to put
    in order shows no text, only speakers whose lines play when tapped (for A0).
    Raises ValueError when the line cannot have this kind.
    """
    if options < MIN_OPTIONS:
        raise ValueError(f"an exercise needs at least {MIN_OPTIONS} options, not {options}")
    ordered = _ordered(lines, target)
    if kind not in DIALOGUE_KINDS or not _supports_line(ordered, target, kind):
        raise ValueError(f"line {target.id} cannot have a {kind} exercise")
    previous = _previous(ordered, target)
    feedback: dict[str, Any] = {
        "text": target.text,
        "audio": target.audio,
        "speaker_name": target.speaker_name,
    }

    def exercise(
        prompt: dict[str, Any],
        choices: list[dict[str, Any]],
        answer: int | str | list[int],
        check: dict[str, Any] | None = None,
    ) -> Exercise:
        return Exercise(kind, target.id, Skill.DIALOGUE, prompt, choices, answer, feedback, check)

    match kind:
        case K.DIALOGUE_ORDER:
            windows = _order_windows(ordered, target)
            window = rng.choice(windows)
            hide = listen_only and all(line.audio for line in window)
            shuffled = rng.sample(window, len(window))
            if shuffled == window:
                shuffled = shuffled[1:] + shuffled[:1]
            choices = [_line_option(line, text=not hide) for line in shuffled]
            feedback["lines"] = [_line_option(line, text=True) for line in window]
            return exercise(_prompt(), choices, [line.id for line in window])
        case K.DIALOGUE_REPLY:
            assert previous is not None
            choices = _reply_options(ordered, target, previous, rng, options)
            return exercise(_line_prompt(previous), choices, target.id)
        case K.DIALOGUE_GAP:
            word, before, after = _gap_in_line(target, rng)
            prompt = _prompt(text=f"{before}{GAP}{after}")
            prompt |= {
                "before": before,
                "after": after,
                "speaker": target.speaker,
                "speaker_name": target.speaker_name,
                "context": _line_prompt(previous) if previous else None,
            }
            return exercise(prompt, [], word, _check(word, None))
        case _:  # pragma: no cover - DIALOGUE_KINDS checked above
            raise ValueError(f"{kind} is not a dialogue exercise")


def choose_dialogue_exercise(
    lines: Sequence[LineItem],
    target: LineItem,
    *,
    level: Level,
    card_is_new: bool,
    rng: random.Random,
    options: int = 3,
) -> Exercise | None:
    """Pick and build an exercise for a dialogue line's card; None when it can have none."""
    kinds = dialogue_kinds_for(lines, target, level=level)
    if not kinds:
        return None
    kind = kinds[0] if card_is_new else rng.choice(kinds)
    exercise = build_dialogue_exercise(
        lines, target, kind=kind, rng=rng, options=options, listen_only=level is Level.A0
    )
    return replace(exercise, introduce=True) if card_is_new else exercise


def _ordered(lines: Sequence[LineItem], target: LineItem) -> list[LineItem]:
    ordered = sorted(lines, key=lambda line: line.position)
    if not any(line.id == target.id for line in ordered):
        raise ValueError(f"line {target.id} is not among the dialogue's lines")
    return ordered


def _supports_line(ordered: list[LineItem], target: LineItem, kind: ExerciseKind) -> bool:
    match kind:
        case K.DIALOGUE_ORDER:
            return bool(_order_windows(ordered, target))
        case K.DIALOGUE_REPLY:
            previous = _previous(ordered, target)
            return previous is not None and bool(_reply_candidates(ordered, target, previous))
        case K.DIALOGUE_GAP:
            return bool(_gap_words(target))
        case _:
            return False


def _previous(ordered: list[LineItem], target: LineItem) -> LineItem | None:
    index = next(i for i, line in enumerate(ordered) if line.id == target.id)
    return ordered[index - 1] if index > 0 else None


def _order_windows(ordered: list[LineItem], target: LineItem) -> list[list[LineItem]]:
    """Return the runs of consecutive lines around `target` that can be put in order.

    The longest runs (up to ORDER_LINES) whose texts all differ: two equal lines ("Ja.")
    could be swapped and still be right.
    """
    index = next(i for i, line in enumerate(ordered) if line.id == target.id)
    for size in range(min(ORDER_LINES, len(ordered)), 1, -1):
        windows = []
        for start in range(max(0, index - size + 1), min(index, len(ordered) - size) + 1):
            window = ordered[start : start + size]
            if len({normalise(line.text) for line in window}) == size:
                windows.append(window)
        if windows:
            return windows
    return []


def _reply_candidates(
    ordered: list[LineItem], target: LineItem, previous: LineItem
) -> list[LineItem]:
    """Return the dialogue's other lines that can be offered as wrong replies."""
    return [
        line
        for line in ordered
        if line.id not in (target.id, previous.id)
        and not _same_word(line.text, target.text)
        and not _same_word(line.text, previous.text)
        and (target.audio is None or line.audio is not None)
    ]


def _reply_options(
    ordered: list[LineItem],
    target: LineItem,
    previous: LineItem,
    rng: random.Random,
    count: int,
) -> list[dict[str, Any]]:
    """Return the right reply and lines of the same speaker first as wrong replies."""
    candidates = _reply_candidates(ordered, target, previous)
    same = [line for line in candidates if line.speaker == target.speaker]
    others = [line for line in candidates if line.speaker != target.speaker]
    chosen: list[LineItem] = []
    texts = {normalise(target.text)}
    for line in rng.sample(same, len(same)) + rng.sample(others, len(others)):
        if len(chosen) == count - 1:
            break
        if normalise(line.text) not in texts:
            chosen.append(line)
            texts.add(normalise(line.text))
    chosen.insert(rng.randrange(len(chosen) + 1), target)
    speak = target.audio is not None
    return [
        _option(line.id, text=line.text, audio=line.audio if speak else None) for line in chosen
    ]


def _gap_words(line: LineItem) -> list[re.Match[str]]:
    """Return the longest words of the line, the ones most likely to carry its meaning."""
    words = [m for m in _WORD.finditer(line.text) if len(m.group()) >= GAP_WORD_LETTERS]
    if not words:
        return []
    longest = max(len(m.group()) for m in words)
    return [m for m in words if len(m.group()) == longest]


def _gap_in_line(line: LineItem, rng: random.Random) -> tuple[str, str, str]:
    match = rng.choice(_gap_words(line))
    return match.group(), line.text[: match.start()], line.text[match.end() :]


def _line_prompt(line: LineItem) -> dict[str, Any]:
    return _prompt(text=line.text, audio=line.audio) | {
        "speaker": line.speaker,
        "speaker_name": line.speaker_name,
    }


def _line_option(line: LineItem, *, text: bool) -> dict[str, Any]:
    return _option(line.id, text=line.text if text else None, audio=line.audio) | {
        "speaker": line.speaker,
        "speaker_name": line.speaker_name,
    }


# --- shared ----------------------------------------------------------------------------


def _prompt(
    *, text: str | None = None, picture: str | None = None, audio: str | None = None
) -> dict[str, Any]:
    return {"text": text, "picture": picture, "audio": audio}


def _option(
    option_id: int | str,
    *,
    text: str | None = None,
    picture: str | None = None,
    audio: str | None = None,
) -> dict[str, Any]:
    return {"id": option_id, "text": text, "picture": picture, "audio": audio}


def _check(expected: str, article: str | None, others: Sequence[TermItem] = ()) -> dict[str, Any]:
    """Return how a typed answer is checked, for the page to do it offline.

    `other_words` are words the learner meets (the pool's words and plurals) that differ
    from `expected` by one slip: typing one of them is wrong, not a near miss.
    """
    forms = [form for t in others for form in (t.lemma, t.plural) if form]
    return {
        "expected": expected,
        "article": article,
        "require_article": False,
        "typo_tolerance": typo_tolerance(expected),
        "other_words": confusable_words(expected, forms),
    }

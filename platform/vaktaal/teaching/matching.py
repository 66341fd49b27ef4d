"""Which themes fit a training session's topic, and why.

Pure: plain data in, ranked matches out. A topic as training providers write it
("Module 3: sanitair reinigen", "VCA H4 Gevaarlijke stoffen") is cut into words;
numbering and filler words are dropped; each word is compared with a theme's training
topics and title (strongest evidence), its words (lemmas), then its description. Words
match on a light Dutch stem (plurals, diminutives, inflected adjectives, participles) or
as part of a compound ("sanitairruimte" holds "sanitair", "veiligheidsschoenen" holds
"schoenen").
A word that matches in many themes ("vca", "veilig") counts less than a rare one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Filler in topic lines: articles, prepositions, and how courses number their parts.
_STOP_WORDS = """
    de het een en of van in op met voor bij aan te om tot uit over naar door als is
    zijn wat hoe dit dat die deze je jij jouw u uw we wij ons onze er niet wel ook nog
    al maar dan toe na per via zonder tegen tussen onder boven binnen buiten welke
    module modules les lessen lesdag hoofdstuk deel blok week dag dagdeel praktijkdag
    theoriedag praktijk theorie training trainingen cursus opleiding examen toets
    herhaling vervolg introductie inleiding niveau thema
    werken
"""
# "werken" heads many topic lines ("Werken met de schrobmachine", "Veilig werken", "Werken
# op hoogte") and would suggest every theme about working safely: the words after it say
# what the session is about.
STOP_WORDS = frozenset(_STOP_WORDS.split())
MIN_WORD = 2
MIN_COMPOUND_PART = 6  # "stof" must not find "stofzuiger", nor "halen" "herhalen"
COMPOUND_STRENGTH = 0.6

_WORD = re.compile(r"[^\W_]+")
_VOWELS = "aeiou"
_DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")


class Field(StrEnum):
    TOPICS = "training_topics"
    TITLE = "title"
    WORDS = "words"
    DESCRIPTION = "description"


WEIGHTS = {Field.TOPICS: 3.0, Field.TITLE: 3.0, Field.WORDS: 2.0, Field.DESCRIPTION: 1.0}


@dataclass(frozen=True)
class ThemeData:
    id: int
    title: str
    description: str
    training_topics: tuple[str, ...]
    lemmas: tuple[str, ...]  # the lemmas of the theme's words


@dataclass(frozen=True)
class Evidence:
    """One topic word found in one place of a theme."""

    field: Field
    word: str  # the topic's word, as the teacher wrote it (lower case)
    found: str  # where: the training topic, the title, the lemma or the description word
    compound: bool  # found as part of a compound, not as the word itself


@dataclass(frozen=True)
class ThemeMatch:
    theme_id: int
    score: float
    evidence: tuple[Evidence, ...] = field(default=())

    def where(self, place: Field) -> list[Evidence]:
        return [e for e in self.evidence if e.field is place]

    @property
    def topic_evidence(self) -> list[tuple[str, str]]:
        """(topic word, training topic) pairs, for "onderwerp 'x' staat in ..."; once a word."""
        first: dict[str, str] = {}
        for e in self.where(Field.TOPICS):
            first.setdefault(e.word, e.found)
        return list(first.items())

    @property
    def title_words(self) -> list[str]:
        return list(dict.fromkeys(e.word for e in self.where(Field.TITLE)))

    @property
    def lemmas(self) -> list[str]:
        return list(dict.fromkeys(e.found for e in self.where(Field.WORDS)))

    @property
    def description_words(self) -> list[str]:
        return list(dict.fromkeys(e.word for e in self.where(Field.DESCRIPTION)))


# --- words --------------------------------------------------------------------------


def strip_accents(word: str) -> str:
    """'hygiëne' → 'hygiene', 'café' → 'cafe'; letters without a base letter stay."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def words(text: str) -> list[tuple[str, str]]:
    """The content words of a text: (as written in lower case, normalised) pairs."""
    found: list[tuple[str, str]] = []
    for token in _WORD.findall(unicodedata.normalize("NFC", text).casefold()):
        normal = strip_accents(token)
        if len(normal) < MIN_WORD or normal in STOP_WORDS or any(c.isdigit() for c in normal):
            continue
        found.append((token, normal))
    return found


def _undouble(stem: str) -> str:
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        return stem[:-1]
    return stem


def _lengthen(stem: str) -> str | None:
    """'ram' → 'raam' (ramen), 'vloer' → None: an open syllable had a long vowel."""
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
    ):
        return stem[:-1] + stem[-2] + stem[-1]
    return None


def stems(word: str) -> frozenset[str]:
    """The word and the forms it may have without plural, diminutive or inflection."""
    found = {word}
    for ending in _DIMINUTIVES:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            found.add(_undouble(word[: -len(ending)]))
            break
    if word.endswith("en") and len(word) > 4:
        base = word[:-2]
        found.add(base)
        found.add(_undouble(base))
        if base.endswith("z"):
            found.add(base[:-1] + "s")
        elif base.endswith("v"):
            found.add(base[:-1] + "f")
        if (long := _lengthen(base)) is not None:
            found.add(long)
    elif word.endswith("s") and len(word) > 4:
        found.add(word[:-1])
    elif word.endswith("e") and len(word) > 4:
        base = word[:-1]
        found.add(base)
        found.add(_undouble(base))
    if word.startswith("ge") and word.endswith(("en", "d", "t")) and len(word) > 7:
        # A participle: gescheiden → scheiden, gestapeld → stapel(en).
        found |= stems(word[2:]) if word.endswith("en") else {word[2:-1]}
    return frozenset(s for s in found if len(s) >= 3 or s == word)


@dataclass(frozen=True)
class _Vocabulary:
    """The words of one text field, indexed by stem, with where each came from."""

    by_stem: dict[str, str]  # stem → the field text it came from
    words: tuple[tuple[str, str], ...]  # (normalised word, field text)

    @classmethod
    def of(cls, texts: Iterable[str]) -> _Vocabulary:
        by_stem: dict[str, str] = {}
        pairs: list[tuple[str, str]] = []
        for text in texts:
            for _written, normal in words(text):
                pairs.append((normal, text))
                for stem in stems(normal):
                    by_stem.setdefault(stem, text)
        return cls(by_stem, tuple(pairs))

    def has(self, word: str) -> bool:
        return any(stem in self.by_stem for stem in stems(word))

    def find(self, word: str) -> tuple[str, bool] | None:
        """Where the word is in this field: (field text, inside a longer compound?)."""
        for stem in sorted(stems(word), key=len, reverse=True):
            if stem in self.by_stem:
                return self.by_stem[stem], False
        for other, text in self.words:
            if _part_of_compound(word, other):
                return text, True
        return None


def _part_of_compound(word: str, compound: str) -> bool:
    """The compound starts or ends with the word: 'heftruck' in 'heftruckchauffeur'."""
    if len(compound) - len(word) < 3:
        return False
    for part in stems(word):
        if len(part) < MIN_COMPOUND_PART:
            continue
        if compound.startswith(part) or any(s.endswith(part) for s in stems(compound)):
            return True
    return False


def split_compound(word: str, known: set[str]) -> list[str]:
    """The known parts of a compound: 'sanitairruimte' → ['sanitair', 'ruimte'].

    Both parts known is best; otherwise one long known part will do. The linking
    letters of Dutch compounds ('veiligheid-s-schoenen') are allowed.
    """

    def is_known(part: str) -> bool:
        return any(stem in known for stem in stems(part))

    def left_known(left: str) -> str | None:
        if left in known:
            return left
        for link in ("s", "e", "en"):
            if left.endswith(link) and len(left) - len(link) >= 4 and is_known(left[: -len(link)]):
                return left[: -len(link)]
        return left if is_known(left) else None

    single: list[str] = []
    for cut in range(len(word) - 4, 3, -1):
        left, right = word[:cut], word[cut:]
        head = left_known(left)
        tail_known = is_known(right)
        if head is not None and tail_known:
            return [head, right]
        if not single:
            if tail_known and len(right) >= MIN_COMPOUND_PART:
                single = [right]
            elif head is not None and len(head) >= MIN_COMPOUND_PART:
                single = [head]
    return single


@dataclass(frozen=True)
class _IndexedTheme:
    id: int
    fields: dict[Field, _Vocabulary]
    topics: tuple[tuple[str, _Vocabulary], ...]  # each training topic on its own

    @classmethod
    def of(cls, theme: ThemeData) -> _IndexedTheme:
        return cls(
            theme.id,
            {
                Field.TOPICS: _Vocabulary.of(theme.training_topics),
                Field.TITLE: _Vocabulary.of([theme.title]),
                Field.WORDS: _Vocabulary.of(theme.lemmas),
                Field.DESCRIPTION: _Vocabulary.of([theme.description]),
            },
            tuple((text, _Vocabulary.of([text])) for text in dict.fromkeys(theme.training_topics)),
        )

    def evidence(self, written: str, normal: str) -> list[Evidence]:
        found: list[Evidence] = []
        for place, vocabulary in self.fields.items():
            hit = vocabulary.find(normal)
            if hit is not None:
                found.append(Evidence(place, written, hit[0], hit[1]))
        return found

    def phrase_bonus(self, topic_words: list[tuple[str, str]]) -> float:
        """A training topic that holds several of the session's words is strong evidence."""
        if len(topic_words) < 2:
            return 0.0
        best = max(
            (
                sum(1 for _w, n in topic_words if vocabulary.has(n))
                for _t, vocabulary in self.topics
            ),
            default=0,
        )
        if best < 2:
            return 0.0
        return WEIGHTS[Field.TOPICS] * best * best / len(topic_words)


# --- ranking ------------------------------------------------------------------------


def _topic_words(topic: str, known: set[str]) -> list[tuple[str, str]]:
    """The topic's words; a compound no theme knows is replaced by its known parts."""
    found: dict[str, tuple[str, str]] = {}
    for written, normal in words(topic):
        if any(stem in known for stem in stems(normal)):
            found.setdefault(normal, (written, normal))
            continue
        parts = split_compound(normal, known)
        for part in parts or [normal]:
            found.setdefault(part, (part if parts else written, part))
    return list(found.values())


class ThemeIndex:
    """Themes prepared for matching once, to rank the topics of many sessions."""

    def __init__(self, themes: Sequence[ThemeData]) -> None:
        self._themes = [_IndexedTheme.of(theme) for theme in themes]
        self._position = {theme.id: index for index, theme in enumerate(themes)}
        self._known = {
            stem for theme in self._themes for v in theme.fields.values() for stem in v.by_stem
        }

    def rank(self, topic: str) -> list[ThemeMatch]:
        """The themes that match the topic (score > 0), best first, with their evidence."""
        topic_words = _topic_words(topic, self._known)
        if not topic_words or not self._themes:
            return []
        found = {
            theme.id: {normal: theme.evidence(written, normal) for written, normal in topic_words}
            for theme in self._themes
        }
        # How many themes each word is found in: a word in every theme tells little.
        spread = {
            normal: sum(1 for theme in self._themes if found[theme.id][normal])
            for _w, normal in topic_words
        }
        matches: list[ThemeMatch] = []
        for theme in self._themes:
            score = 0.0
            evidence: list[Evidence] = []
            for _written, normal in topic_words:
                hits = found[theme.id][normal]
                if not hits:
                    continue
                rarity = 1.0 + math.log(len(self._themes) / spread[normal])
                score += rarity * sum(
                    WEIGHTS[e.field] * (COMPOUND_STRENGTH if e.compound else 1.0) for e in hits
                )
                evidence.extend(hits)
            if score > 0:
                score += theme.phrase_bonus(topic_words)
                matches.append(ThemeMatch(theme.id, round(score, 3), tuple(evidence)))
        matches.sort(key=lambda m: (-m.score, self._position[m.theme_id]))
        return matches


def rank_themes(topic: str, themes: Sequence[ThemeData]) -> list[ThemeMatch]:
    """The themes that match the topic (score > 0), best first, each with its evidence."""
    return ThemeIndex(themes).rank(topic)

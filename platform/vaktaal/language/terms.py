"""Find the work words in a training text: candidates to pre-teach, best first.

How a text becomes candidates:

- The text is split into sentences and tokens by the shared pipeline; each word is
  lemmatised (`pipeline.lemmatise`), so `emmers` and `emmer` count as one candidate.
- Known sector terms are matched first, longest first (up to four words), on lemmas or on
  the written forms the sector gives (a plural such as `scheppen` for `schop`). Their
  words are then used up: `gevaarlijke stof` does not also count as `stof`.
- Multi-word candidates that are not known come from one pattern: one or two inflected
  adjectives before a noun (`persoonlijke beschermingsmiddelen`, `elektrische
  palletwagen`), kept when the same phrase occurs at least twice in the text. Without a
  part-of-speech tagger an "inflected adjective" is a word whose lemma is the word less a
  final -e (gevaarlijke → gevaarlijk); longer unknown phrases are not guessed.
  Compounds are single words in Dutch (`veiligheidsschoenen`), so they are kept whole.
- Dropped: stop words (spaCy's Dutch list and a few frequent verbs), numbers, punctuation,
  one-letter words, and names — a capitalised word inside a sentence that is no known term
  and no acronym (acronyms such as VCA or LMRA are kept: they are jargon).
- Score: how rare the word is in general Dutch (wordfreq's Zipf frequency; 0 for a word
  it has never seen, about 7 for `de`) squared so that rare words stand out, times a
  bonus for how often the text uses it, plus a bonus for a term already in the sector's
  lists. Everyday words (Zipf ≥ 6) are dropped unless known.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vaktaal.language.pipeline import (
    WORD_PATTERN,
    general_frequency,
    lemmatise,
    nlp,
    separable_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["Candidate", "KnownTerm", "extract_terms", "general_frequency", "warm_up"]

# The Zipf scale tops out around 7-8 (de, het); words at 6 or above are everyday Dutch.
_TOP_ZIPF = 7.0
_EVERYDAY_ZIPF = 6.0
_KNOWN_BONUS = 0.5
_MAX_PHRASE = 4
_MIN_REPEATS = 2
_STARTS_AFTER = frozenset(":;•·▪◦*-–—(\"'‘“«")

# Words that start a new clause: a separable particle right before one of them ends its
# clause ("Teken de lijst niet af als …", "Ruim de spullen op en veeg …").
_CLAUSE_STARTS = frozenset(
    {"als", "dan", "dat", "die", "en", "maar", "of", "omdat", "voordat", "nadat", "zodat"}
    | {"totdat", "tot", "terwijl", "want", "wanneer", "zodra"}
)

# Frequent verbs and words spaCy's list lacks; they are never work vocabulary.
_EXTRA_STOP_WORDS = """
    gaan komen staan zitten liggen laten zien zeggen krijgen maken houden blijven vinden
    weten denken willen zullen worden hebben zijn kunnen moeten mogen doen geven nemen
    goed heel echt altijd nooit iedere elke alle daarbij daarvoor hierbij waarbij daarmee
    hiermee waarmee daarvan hiervan waarvan eraan erop erin eruit ervoor erna ermee
    eerst dan daarna tot zodat zodra elk elke wie wat jouw jou ze zo nee ja
"""


@dataclass(frozen=True, slots=True)
class KnownTerm:
    """A term already in a sector's lists, as the extractor needs it."""

    sector: str
    theme: str | None
    key: str
    lemma: str
    forms: tuple[str, ...] = ()  # other written forms, such as the plural


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word (or phrase) from the text worth teaching, with the evidence for it."""

    lemma: str
    forms: tuple[str, ...]
    count: int
    sentence: str
    score: float
    zipf: float
    known: KnownTerm | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "lemma": self.lemma,
            "forms": list(self.forms),
            "count": self.count,
            "sentence": self.sentence,
            "score": round(self.score, 4),
            "zipf": round(self.zipf, 2),
            "known": self.known is not None,
            "sector": self.known.sector if self.known else None,
            "theme": self.known.theme if self.known else None,
            "term": self.known.key if self.known else None,
        }


@dataclass(slots=True)
class _Tally:
    lemma: str
    sentence: str
    known: KnownTerm | None
    forms: Counter[str] = field(default_factory=Counter)

    def add(self, form: str) -> None:
        self.forms[form] += 1


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    lower: str
    lemma: str  # lower case except acronyms
    key: str  # lower-case lemma
    first: bool  # first word of its sentence
    form: str  # as the candidate lists it: lower case except acronyms; "zet … weg"


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(_EXTRA_STOP_WORDS.split())


def _lemma_key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(lemmatise(word).lower() for word in words)


def _known_index(known: Mapping[str, KnownTerm]) -> dict[tuple[str, ...], KnownTerm]:
    """Index known terms by the lemmas of their words and by their written forms.

    A form (a plural) is indexed by its lemmas only when they are the term's own: the
    lookup table reads "namen" as a form of "nemen", and "neem" must not find "naam".
    """
    index: dict[tuple[str, ...], KnownTerm] = {}
    for lemma, term in known.items():
        own_key = _lemma_key(WORD_PATTERN.findall(term.lemma))
        for variant in (lemma, term.lemma, *term.forms):
            words = WORD_PATTERN.findall(variant)
            if not words or len(words) > _MAX_PHRASE:
                continue
            index.setdefault(tuple(word.lower() for word in words), term)
            key = _lemma_key(words)
            if variant in term.forms and key != own_key:
                continue
            index.setdefault(key, term)
    return index


def _is_acronym(text: str) -> bool:
    letters = text.replace("-", "")
    return len(letters) > 1 and any(part.isupper() and len(part) > 1 for part in text.split("-"))


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper() and not _is_acronym(text)


def _is_inflected_adjective(word: _Word) -> bool:
    return (
        word.lower.endswith("e")
        and word.key != word.lower
        and word.lower.startswith(word.key[:-1] if len(word.key) > 3 else word.key)
        and not word.key.endswith("en")
    )


def _sentences(text: str) -> list[tuple[str, list[_Word]]]:
    """Split the text into sentences of words; a line break also ends a sentence.

    Titles, list items and table cells (one per line from a .docx) often have no full
    stop; without the line break rule they would run into the next sentence, and their
    capitalised first word would look like a name.
    """
    # Only the tokenizer and the sentencizer: `lemmatise` consults the lookup table itself
    # (and more), so running spaCy's lemmatizer over every token would be wasted work.
    pipeline = nlp()
    doc = pipeline.get_pipe("sentencizer")(pipeline.make_doc(text))
    sentences = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                sentences.extend(_words(doc[start : token.i]))
                start = token.i + 1
        sentences.extend(_words(doc[start : sent.end]))
    return sentences


def _words(span: Span) -> list[tuple[str, list[_Word]]]:
    words: list[_Word] = []
    first = True
    clause = 0  # where the current clause starts in `words`
    for token in span:
        if WORD_PATTERN.fullmatch(token.text):
            if token.text.lower() in _CLAUSE_STARTS and _join_separable_verb(words, clause):
                clause = len(words)
            lemma = lemmatise(token.text)
            form = token.text if _is_acronym(token.text) else token.text.lower()
            words.append(_Word(token.text, token.text.lower(), lemma, lemma.lower(), first, form))
            first = False
            continue
        if token.text in _STARTS_AFTER:
            # "Let op: Draag…", "• Zet…": a capital after these starts a sentence too.
            first = True
        if token.is_punct:
            _join_separable_verb(words, clause)
            clause = len(words)
    _join_separable_verb(words, clause)
    return [(" ".join(span.text.split()), words)] if words else []


def _join_separable_verb(words: list[_Word], clause: int) -> bool:
    """Make "Zet de pallet weg" count as wegzetten: a particle ending the clause joins
    the first verb before it that forms a Dutch separable verb with it. Say whether it
    did."""
    if len(words) - clause < 2:
        return False
    particle = words[-1]
    for position in range(clause, len(words) - 1):
        verb = words[position]
        joined = separable_verb(particle.lower, verb.key)
        if joined is not None:
            words[position] = _Word(
                verb.text,
                verb.lower,
                joined,
                joined,
                verb.first,
                f"{verb.lower} … {particle.lower}",
            )
            del words[-1]
            return True
    return False


def extract_terms(
    text: str, *, known: Mapping[str, KnownTerm] | None = None, limit: int | None = 50
) -> list[Candidate]:
    """Return the text's work-word candidates, best first (at most `limit`)."""
    index = _known_index(known or {})
    stop = _stop_words()
    sentences = _sentences(text)
    # A capitalised word inside a sentence is a name, unless it is a known term.
    names = {
        word.lower
        for _, words in sentences
        for word in words
        if not word.first
        and _is_capitalised(word.text)
        and (word.key,) not in index
        and (word.lower,) not in index
    }
    tallies: dict[str, _Tally] = {}
    phrases: Counter[tuple[str, ...]] = Counter()
    phrase_forms: dict[tuple[str, ...], tuple[str, str, str]] = {}

    def count(key: str, lemma: str, form: str, sentence: str, term: KnownTerm | None) -> None:
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally(term.lemma if term else lemma, sentence, term)
        tally.add(form)

    sizes = sorted({len(key) for key in index}, reverse=True)
    for sentence, words in sentences:
        used = [False] * len(words)
        for size in sizes:
            for start in range(len(words) - size + 1):
                if any(used[start : start + size]):
                    continue
                span = words[start : start + size]
                if size == 1 and span[0].lower in stop:
                    # A function word ("af", "pas", "goed") is hardly ever the known
                    # work word of that spelling (the finished job, the access badge).
                    continue
                term = index.get(tuple(w.key for w in span)) or index.get(
                    tuple(w.lower for w in span)
                )
                if term is None:
                    continue
                form = " ".join(w.form for w in span)
                count(f"known:{term.sector}/{term.key}", term.lemma, form, sentence, term)
                used[start : start + size] = [True] * size
        for position, word in enumerate(words):
            if used[position] or not _is_content(word, stop, names):
                continue
            form = word.form
            count(word.key, word.lemma, form, sentence, None)
        _collect_phrases(words, used, stop, names, sentence, phrases, phrase_forms)

    for key, repeats in phrases.items():
        if repeats < _MIN_REPEATS:
            continue
        lemma, form, sentence = phrase_forms[key]
        tally = _Tally(lemma, sentence, None)
        tally.forms[form] = repeats
        tallies.setdefault(lemma, tally)

    candidates = [_candidate(tally) for tally in tallies.values()]
    candidates = [c for c in candidates if c.known or c.zipf < _EVERYDAY_ZIPF]
    candidates.sort(key=lambda c: (-c.score, -c.count, c.lemma))
    return candidates[:limit] if limit is not None else candidates


def _is_content(word: _Word, stop: frozenset[str], names: set[str]) -> bool:
    return (
        len(word.key) > 1
        and word.lower not in stop
        and word.key not in stop
        and word.lower not in names
    )


def _collect_phrases(
    words: list[_Word],
    used: list[bool],
    stop: frozenset[str],
    names: set[str],
    sentence: str,
    phrases: Counter[tuple[str, ...]],
    phrase_forms: dict[tuple[str, ...], tuple[str, str, str]],
) -> None:
    """Count adjective + noun phrases (one or two adjectives) of this sentence."""
    for end, head in enumerate(words):
        if used[end] or not _is_content(head, stop, names) or _is_inflected_adjective(head):
            continue
        for size in (2, 1):
            start = end - size
            modifiers = words[start:end] if start >= 0 else []
            if len(modifiers) != size or not all(
                not used[start + i] and _is_content(m, stop, names) and _is_inflected_adjective(m)
                for i, m in enumerate(modifiers)
            ):
                continue
            key = (*(m.lower for m in modifiers), head.key)
            phrases[key] += 1
            if key not in phrase_forms:
                lemma = " ".join((*(m.lower for m in modifiers), head.lemma))
                form = " ".join((*(m.lower for m in modifiers), head.lower))
                phrase_forms[key] = (lemma, form, sentence)
            break


def _candidate(tally: _Tally) -> Candidate:
    forms = tuple(form for form, _ in tally.forms.most_common())
    count = sum(tally.forms.values())
    zipf = max(general_frequency(tally.lemma.lower()), general_frequency(forms[0].lower()))
    rarity = max(0.0, _TOP_ZIPF - zipf) / _TOP_ZIPF
    score = rarity * rarity * (1.0 + math.log2(count))
    if tally.known is not None:
        score += _KNOWN_BONUS
    return Candidate(
        lemma=tally.lemma,
        forms=forms,
        count=count,
        sentence=tally.sentence,
        score=score,
        zipf=zipf,
        known=tally.known,
    )


def warm_up() -> None:
    """Load the pipeline and the word lists now (e.g. when a worker starts), not on the
    first teacher's request."""
    extract_terms("De schoonmakers dragen handschoenen bij het dweilen.")

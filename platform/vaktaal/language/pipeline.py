"""The Dutch pipeline (built once, lazily) and a lemmatiser for workplace word forms.

No trained Dutch model can be installed here, so the pipeline is spaCy's blank Dutch
language (tokenizer rules for Dutch) with the sentencizer and the lookup lemmatizer, whose
table comes from spacy-lookups-data. That table is good where it has an entry but misses
many common forms (emmers, stoelen, tilt, draag, werkt). `lemmatise` therefore asks, in
order:

1. the lookup table;
2. a few rules for what simplemma gets wrong: participles of separable verbs (opgeruimd →
   opruimen), `ge-…-en` participles whose stem is an infinitive (gedragen → dragen, not
   verdragen), plurals after an apostrophe (bhv'ers, valrisico's), the last part after a
   hyphen (EHBO-dozen → EHBO-doos);
3. simplemma, the second opinion — except where it turns a noun into a verb (steiger →
   steigeren): a bare stem that general Dutch uses clearly more often than the
   infinitive is kept as the noun it is, and a dictionary word far more common than the
   lemma simplemma makes of it stays itself (wagen, not waag; wordfreq decides);
4. when neither knows the word: a compound is lemmatised by its longest known last part
   (harnasgordels → harnas + gordel), a diminutive is reduced to its base noun when
   that noun is known (plantjes → plant), as the lookup table itself does, and an
   unknown word in -ers loses its plural s (orderpickers → orderpicker).

Everything is cached: one word form is worked out once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "WORD_PATTERN",
    "general_frequency",
    "is_known_word",
    "lemmatise",
    "nlp",
    "separable_verb",
]

# Separable verb prefixes, tried longest first ("schoon" before "op").
_SEPARABLE_PREFIXES = (
    "aan af bij dicht door in los mee na neer om op open over samen schoon terug toe uit "
    "vast voor weg"
)
_SEPARABLE = sorted(_SEPARABLE_PREFIXES.split(), key=len, reverse=True)
_DIMINUTIVE_SUFFIXES = ("etje", "pje", "tje", "je")
# How much more often (on the Zipf scale) a bare stem must occur than its infinitive to be
# read as a noun.
_NOUN_MARGIN = 0.25
# How much more often a dictionary word must occur than simplemma's lemma for it to stay.
_HEADWORD_MARGIN = 0.75
# A compound's last part must be at least this long to be trusted as its head.
_MIN_HEAD = 3
WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def nlp() -> Language:
    """Return the shared Dutch pipeline: tokenizer, sentencizer, lookup lemmatizer."""
    import spacy

    pipeline = spacy.blank("nl")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


@lru_cache(maxsize=1)
def _table() -> Any:
    """Return spaCy's Dutch lemma lookup table (form → lemma)."""
    return nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _table_lemmas() -> frozenset[str]:
    table = _table()
    return frozenset(str(table[key]) for key in table)


def _simplemma(word: str) -> str:
    import simplemma

    # simplemma marks a separable verb's prefix with an underscore: aan_sluiten.
    return str(simplemma.lemmatize(word, lang="nl")).replace("_", "")


@lru_cache(maxsize=65536)
def is_known_word(word: str) -> bool:
    """Tell whether either lemmatiser knows this lower-case word form."""
    import simplemma

    return word in _table() or word in _table_lemmas() or bool(simplemma.is_known(word, lang="nl"))


def _is_infinitive(word: str) -> bool:
    return word.endswith("en") and word in _table_lemmas()


def _by_rules(word: str) -> str | None:
    """Lemmatise the forms the second opinion gets wrong; None when no rule applies."""
    if "-" in word:
        head, _, last = word.rpartition("-")
        if head and last:
            return f"{head}-{_lemmatise_lower(last)}"
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if ("'" in word or "’" in word) and word.endswith("s"):
        return word[:-1]
    for prefix in _SEPARABLE:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest.startswith("ge") and len(rest) > 4:
            verb = _lemmatise_lower(rest)
            if verb != rest and verb.endswith("n") and not verb.startswith("ge"):
                return prefix + verb
    if word.startswith("ge") and word.endswith("en") and _is_infinitive(word[2:]):
        return word[2:]
    return None


def _reads_as_noun(word: str, infinitive: str) -> bool:
    """Tell whether a verb stem is more likely the noun it also is (steiger, kaart, bak).

    simplemma reads every such stem as a verb (steiger → steigeren). When general Dutch
    uses the bare form clearly more often than the infinitive, it is a noun; a stem that is
    not (draag, meld, til) is about as rare as its infinitive or rarer.
    """
    return general_frequency(word) > general_frequency(infinitive) + _NOUN_MARGIN


def _is_headword_itself(word: str, lemma: str) -> bool:
    """Tell whether a dictionary word is far more common than what simplemma makes of it.

    simplemma reads `wagen` as the plural of `waag`; general Dutch says otherwise.
    """
    return word in _table_lemmas() and (
        general_frequency(word) > general_frequency(lemma) + _HEADWORD_MARGIN
    )


@lru_cache(maxsize=65536)
def general_frequency(word: str) -> float:
    """Return the word's Zipf frequency in general Dutch (0 when wordfreq never saw it)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nl"))


def _diminutive_base(word: str) -> str | None:
    for suffix in _DIMINUTIVE_SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= _MIN_HEAD and base in _table_lemmas():
            return base
    return None


def _compound(word: str) -> str | None:
    """Lemmatise an unknown compound by its longest known last part."""
    for start in range(_MIN_HEAD, len(word) - _MIN_HEAD + 1):
        head = word[start:]
        if is_known_word(head):
            lemma = _lemmatise_lower(head)
            # A compound is a noun: its lemma is never longer than the form (this skips
            # "ken" → "kennen" inside "orderpicken").
            if len(lemma) <= len(head):
                return word[:start] + lemma
    return None


@lru_cache(maxsize=65536)
def _lemmatise_lower(word: str) -> str:
    found = _table().get(word)
    if found:
        return str(found)
    ruled = _by_rules(word)
    if ruled is not None:
        return ruled
    second = _simplemma(word)
    if second != word:
        if len(second) > len(word) and _reads_as_noun(word, second):
            return word
        if len(second) < len(word) and _is_headword_itself(word, second):
            return word
        return _diminutive_base(second) or second
    if is_known_word(word):
        return word
    found = _diminutive_base(word) or _compound(word)
    if found and found != word:
        return found
    # An unknown word in -ers is nearly always the plural of a noun in -er (orderpickers).
    return word[:-1] if word.endswith("ers") else word


def _restore_acronyms(original: str, lemma: str) -> str:
    """Give back the capitals of acronym parts: EHBO-dozen → EHBO-doos, not ehbo-doos."""
    parts = original.split("-")
    lemma_parts = lemma.split("-")
    if len(parts) != len(lemma_parts):
        return lemma
    return "-".join(
        part if len(part) > 1 and part.isupper() and part.lower() == lower else lower
        for part, lower in zip(parts, lemma_parts, strict=True)
    )


def lemmatise(word: str) -> str:
    """Return the dictionary form of one Dutch word form, lower case except acronyms."""
    word = word.strip()
    if not WORD_PATTERN.fullmatch(word):
        return word.lower()
    lemma = _lemmatise_lower(word.lower())
    return _restore_acronyms(word, lemma) if "-" in word else lemma


def separable_verb(particle: str, verb: str) -> str | None:
    """Join a split separable verb: ("weg", "zetten") → "wegzetten" when Dutch has it.

    `verb` is the lemma of the verb's form, or a stem the lemmatiser read as another
    word class ("teken" as a noun, "ruim" as an adjective): its infinitives are tried.
    """
    if particle not in _SEPARABLE:
        return None
    lemmas = _table_lemmas()
    for infinitive in (verb, *_infinitives(verb)):
        joined = particle + infinitive
        if infinitive.endswith("n") and joined in lemmas:
            return joined
    return None


_VOWELS = "aeiouy"


def _infinitives(stem: str) -> list[str]:
    """The infinitives Dutch spelling allows for a verb stem (zet → zetten, veeg →
    vegen, schuif → schuiven, teken → tekenen); the caller checks which one exists."""
    if len(stem) < 2 or stem[-1] in _VOWELS:
        if stem.endswith(("e", "aa", "oe", "ie")):
            return [stem + "n"]  # doe → doen
        return [stem + "an"] if stem.endswith("a") else []  # sta → staan
    forms = [stem + "en"]
    last, before = stem[-1], stem[:-1]
    voiced = {"f": "v", "s": "z"}.get(last, last)
    if len(before) >= 2 and before[-1] == before[-2] and before[-1] in "aeou":
        forms.append(before[:-1] + voiced + "en")  # veeg → vegen, haal → halen
    elif before and before[-1] in _VOWELS and (len(before) < 2 or before[-2] not in _VOWELS):
        forms.append(stem + last + "en")  # zet → zetten, leg → leggen
    if voiced != last:
        forms.append(before + voiced + "en")  # schuif → schuiven
    return forms

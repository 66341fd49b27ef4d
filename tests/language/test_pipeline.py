from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from vaktaal.language.pipeline import lemmatise, nlp, separable_verb

LEMMAS = Path(__file__).parent / "lemmas.tsv"


def read_lemmas() -> list[tuple[str, str]]:
    rows = []
    for line in LEMMAS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, lemma = line.split("\t")
            rows.append((form, lemma))
    return rows


def test_the_pipeline_is_built_once_with_sentences_and_lookup_lemmas(dutch: Language) -> None:
    assert nlp() is dutch
    assert dutch.pipe_names == ["sentencizer", "lemmatizer"]
    doc = dutch("Pak de emmer. Zet hem op de kar!")
    assert [sent.text for sent in doc.sents] == ["Pak de emmer.", "Zet hem op de kar!"]


def test_workplace_word_forms_are_lemmatised_at_least_95_percent_right(dutch: Language) -> None:
    rows = read_lemmas()
    assert len(rows) >= 100
    wrong = [(form, lemma, lemmatise(form)) for form, lemma in rows if lemmatise(form) != lemma]
    accuracy = 1 - len(wrong) / len(rows)
    print(f"lemma accuracy: {accuracy:.1%} on {len(rows)} forms; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("emmers", "emmer"),
        ("vloeren", "vloer"),
        ("draag", "dragen"),
        ("snoeit", "snoeien"),
        ("handschoenen", "handschoen"),
        ("tilt", "tillen"),
    ],
)
def test_the_forms_named_in_the_issue(dutch: Language, form: str, lemma: str) -> None:
    assert lemmatise(form) == lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        # Nouns that are also verb stems stay nouns (simplemma alone says "steigeren").
        ("steiger", "steiger"),
        ("kaart", "kaart"),
        # Unknown compounds by their last part; a compound verb is left alone.
        ("harnasgordels", "harnasgordel"),
        ("steigerkaarten", "steigerkaart"),
        ("orderpicken", "orderpicken"),
        # Participles of separable verbs, and ge-…-en participles.
        ("opgeruimd", "opruimen"),
        ("gedragen", "dragen"),
        # Acronyms keep their capitals; apostrophe plurals lose the s.
        ("EHBO-dozen", "EHBO-doos"),
        ("bhv'ers", "bhv'er"),
        ("Emmers", "emmer"),
        # Not a word: returned as it is, lower case.
        ("3,5", "3,5"),
    ],
)
def test_rules_for_what_the_lemmatisers_miss(dutch: Language, form: str, lemma: str) -> None:
    assert lemmatise(form) == lemma


@pytest.mark.parametrize(
    ("particle", "verb", "joined"),
    [
        ("weg", "zetten", "wegzetten"),
        # A stem the lemmatiser read as another word class: its infinitive is tried.
        ("af", "teken", "aftekenen"),  # teken: a noun
        ("op", "ruim", "opruimen"),  # ruim: an adjective
        ("op", "sta", "opstaan"),
        ("aan", "doe", "aandoen"),
        ("op", "veeg", "opvegen"),
        ("dicht", "schuif", "dichtschuiven"),
        # Not a separable particle, or no such verb.
        ("de", "zetten", None),
        ("aan", "bril", None),
    ],
)
def test_a_split_separable_verb_is_joined_when_dutch_has_it(
    dutch: Language, particle: str, verb: str, joined: str | None
) -> None:
    assert separable_verb(particle, verb) == joined


def test_importing_the_language_and_texts_code_loads_no_heavy_library() -> None:
    code = (
        "import sys, vaktaal.language.terms, vaktaal.texts.cli, vaktaal.texts.extract\n"
        "print(sorted(m for m in ('spacy', 'simplemma', 'wordfreq', 'docx', 'pypdf')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "[]"

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from tests.language.conftest import read_text
from vaktaal.language.pipeline import lemmatise
from vaktaal.language.terms import Candidate, KnownTerm, extract_terms, warm_up

FUNCTION_WORDS = {
    "de", "het", "een", "en", "of", "je", "jij", "u", "we", "ze", "hij", "zij", "van",
    "op", "in", "aan", "met", "voor", "bij", "naar", "uit", "door", "om", "te", "tot",
    "niet", "geen", "wel", "ook", "nog", "dan", "als", "dat", "die", "dit", "deze", "er",
    "is", "zijn", "wordt", "worden", "heeft", "hebben", "moet", "moeten", "kan", "kunnen",
    "mag", "altijd", "nooit", "zo", "zodat", "maar",
}  # fmt: skip


def lemmas(candidates: list[Candidate]) -> list[str]:
    return [candidate.lemma for candidate in candidates]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "werken-op-hoogte.txt",
            {"harnasgordel", "steiger", "ladder", "valbeveiliging", "hoogwerker",
             "vanglijn", "leuning", "valdemper"},
        ),
        (
            "sanitair-protocol.txt",
            {"ontkalker", "toiletpot", "wastafel", "zeepdispenser", "vlakmop",
             "aftekenlijst", "toiletborstel", "kalkaanslag"},
        ),
        (
            "orderpicken.txt",
            {"orderpicker", "pallet", "scanner", "barcode", "gangpad", "stretchfolie",
             "orderregel", "palletlabel"},
        ),
    ],
)  # fmt: skip
def test_key_terms_are_among_the_top_15_and_function_words_never_appear(
    dutch: Language, name: str, expected: set[str]
) -> None:
    candidates = extract_terms(read_text(name), limit=None)
    top = lemmas(candidates[:15])
    assert expected <= set(top), f"missing {expected - set(top)} in {top}"
    # Not as a candidate, nor in any form (but a split verb's form shows its particle:
    # "trek … aan" for aantrekken).
    forms = [form for c in candidates for form in c.forms if "…" not in form]
    every_word = {word for text in [*lemmas(candidates), *forms] for word in text.split()}
    assert not FUNCTION_WORDS & every_word
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)


def test_a_candidate_has_its_forms_count_and_first_sentence(dutch: Language) -> None:
    text = "Pak een emmer. De emmers staan in de kast. Vul de emmer met water."
    (emmer,) = [c for c in extract_terms(text) if c.lemma == "emmer"]
    assert emmer.count == 3
    assert emmer.forms == ("emmer", "emmers")
    assert emmer.sentence == "Pak een emmer."
    assert emmer.known is None
    assert emmer.to_dict()["known"] is False


def test_known_terms_are_matched_longest_first_and_by_their_forms(dutch: Language) -> None:
    lmra = KnownTerm(
        "installatie", "vca-wetgeving-en-risico", "lmra", "laatste minuut risicoanalyse"
    )
    schop = KnownTerm("tuinbouw", "groenonderhoud", "schop", "schop", ("scheppen",))
    text = (
        "Doe altijd een laatste minuut risicoanalyse. Na de laatste minuut risicoanalyse "
        "pak je de scheppen uit de schuur."
    )
    candidates = extract_terms(text, known={"laatste minuut risicoanalyse": lmra, "schop": schop})
    by_lemma = {c.lemma: c for c in candidates}
    assert by_lemma["laatste minuut risicoanalyse"].known == lmra
    assert by_lemma["laatste minuut risicoanalyse"].count == 2
    assert by_lemma["schop"].forms == ("scheppen",)
    assert by_lemma["schop"].to_dict()["theme"] == "groenonderhoud"
    # The phrase's words are used up; known terms come before new words of equal rarity.
    assert "risicoanalyse" not in by_lemma
    assert {c.lemma for c in candidates[:2]} == {"laatste minuut risicoanalyse", "schop"}


def test_a_known_plural_read_as_another_verb_finds_only_itself(dutch: Language) -> None:
    # The lookup table takes "namen" for a form of "nemen": "neem" is not a "naam".
    naam = KnownTerm("werk", "eerste-werkdag", "naam", "naam", ("namen",))
    candidates = extract_terms(
        "Neem de trap. Schrijf je naam op de lijst. De namen staan op de deur.",
        known={"naam": naam},
    )
    by_lemma = {c.lemma: c for c in candidates}
    assert by_lemma["naam"].count == 2
    assert set(by_lemma["naam"].forms) == {"naam", "namen"}


def test_a_function_word_is_not_taken_for_a_known_word(dutch: Language) -> None:
    af = KnownTerm("werk", "overdracht-en-klanten", "af", "af")
    pasje = KnownTerm("werk", "eerste-werkdag", "pasje", "pasje", ("pasjes",))
    candidates = extract_terms(
        "Pas als dat niet kan, sluit je het gebied af met hekken. Laat je pasje zien.",
        known={"af": af, "pasje": pasje},
    )
    by_lemma = {c.lemma: c for c in candidates}
    assert "af" not in by_lemma
    assert by_lemma["pasje"].count == 1 and by_lemma["pasje"].forms == ("pasje",)


def test_a_known_terms_key_never_merges_with_a_new_word(dutch: Language) -> None:
    toilet = KnownTerm("schoonmaak", "sanitair", "wc", "toilet")
    candidates = extract_terms("Het toilet is vies. De wc ook.", known={"toilet": toilet})
    by_lemma = {c.lemma: c for c in candidates}
    assert by_lemma["toilet"].known == toilet
    assert by_lemma["toilet"].count == 1
    assert by_lemma["wc"].known is None


def test_a_repeated_adjective_and_noun_is_a_candidate_phrase(dutch: Language) -> None:
    text = (
        "Draag altijd persoonlijke beschermingsmiddelen. Controleer je persoonlijke "
        "beschermingsmiddelen voor gebruik. Een elektrische palletwagen rijdt stil."
    )
    found = lemmas(extract_terms(text, limit=None))
    assert "persoonlijke beschermingsmiddel" in found
    assert "beschermingsmiddel" in found
    # Once is not enough for an unknown phrase.
    assert "elektrische palletwagen" not in found
    assert "palletwagen" in found


def test_names_numbers_and_punctuation_are_dropped_acronyms_kept(dutch: Language) -> None:
    text = (
        "Vraag het aan Jan de Vries van Bouwbedrijf Jansen. Hij heeft 3 ladders en 2,5 meter "
        "steigerbuis. Jan zegt: haal eerst je VCA-diploma!"
    )
    found = lemmas(extract_terms(text, limit=None))
    assert {"ladder", "steigerbuis", "VCA-diploma"} <= set(found)
    assert not {"jan", "vries", "bouwbedrijf", "jansen", "3", "2,5", ":", "!"} & set(found)


def test_lines_without_a_full_stop_are_sentences_of_their_own(dutch: Language) -> None:
    text = (
        "Valbeveiliging\nHarnasgordel\nLet op: Controleer de vanglijn. Draag de harnasgordel.\n"
        "• Valdemper aan het ankerpunt"
    )
    by_lemma = {c.lemma: c for c in extract_terms(text, limit=None)}
    # Capitalised at the start of a line or after a colon or bullet: no names.
    assert {"valbeveiliging", "harnasgordel", "controleren", "valdemper"} <= set(by_lemma)
    assert by_lemma["harnasgordel"].count == 2
    assert by_lemma["harnasgordel"].sentence == "Harnasgordel"
    assert by_lemma["vanglijn"].sentence == "Let op: Controleer de vanglijn."
    assert by_lemma["ankerpunt"].sentence == "• Valdemper aan het ankerpunt"


def test_a_split_separable_verb_counts_as_the_whole_verb(dutch: Language) -> None:
    text = (
        "Zet de pallet weg. Trek eerst je handschoenen aan, dan spoel je het toilet door. "
        "Je zet de emmer neer. Vul de zeepdispenser bij."
    )
    by_lemma = {c.lemma: c for c in extract_terms(text, limit=None)}
    assert by_lemma["wegzetten"].forms == ("zet … weg",)
    assert by_lemma["aantrekken"].sentence.startswith("Trek eerst")
    assert {"doorspoelen", "neerzetten", "bijvullen", "pallet", "handschoen"} <= set(by_lemma)
    assert "zetten" not in by_lemma


def test_a_particle_before_a_conjunction_ends_its_clause(dutch: Language) -> None:
    text = (
        "Teken de toedienlijst niet af als je de medicijnen niet zelf gaf. "
        "Ruim de spullen op en veeg de vloer. Doe de handschoenen en de bril aan."
    )
    by_lemma = {c.lemma: c for c in extract_terms(text, limit=None)}
    assert by_lemma["aftekenen"].forms == ("teken … af",)
    assert {"opruimen", "aandoen", "vegen", "vloer", "toedienlijst"} <= set(by_lemma)
    assert not {"tekenen", "ruimen", "doen"} & set(by_lemma)


def test_a_split_known_verb_is_recognised(dutch: Language) -> None:
    known = {"wegzetten": KnownTerm("logistiek", "magazijn", "wegzetten", "wegzetten")}
    (candidate,) = [c for c in extract_terms("Zet de dozen weg.", known=known) if c.known]
    assert candidate.lemma == "wegzetten"


def test_an_empty_text_has_no_candidates(dutch: Language) -> None:
    assert extract_terms("") == []
    assert extract_terms("De, het. En 12!") == []


def test_a_5000_word_text_counts_every_occurrence(dutch: Language) -> None:
    """A long text is analysed whole (its speed is measured by bench/text.py, not here)."""
    texts = [
        read_text(name)
        for name in ("werken-op-hoogte.txt", "sanitair-protocol.txt", "orderpicken.txt")
    ]
    once = "\n\n".join(texts)
    seven = "\n\n".join(texts * 7)
    assert len(seven.split()) >= 5000
    counts = {c.lemma: c.count for c in extract_terms(once, limit=20)}
    long_counts = {c.lemma: c.count for c in extract_terms(seven, limit=200)}
    assert counts and all(long_counts[lemma] == 7 * n for lemma, n in counts.items())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_any_text_gives_candidates_without_function_words(dutch: Language, text: str) -> None:
    candidates = extract_terms(f"{text} De emmers en de {text}.", limit=None)
    every_word = {word.lower() for c in candidates for word in c.lemma.split()}
    assert not FUNCTION_WORDS & every_word
    assert all(c.count >= 1 and c.sentence and c.forms for c in candidates)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_lemmatise_takes_any_string(dutch: Language, word: str) -> None:
    assert isinstance(lemmatise(word), str)


def test_warm_up_loads_the_pipeline_and_word_lists(dutch: Language) -> None:
    from vaktaal.language import pipeline

    pipeline.general_frequency.cache_clear()
    warm_up()
    assert pipeline.nlp.cache_info().currsize == 1
    assert pipeline.general_frequency.cache_info().currsize > 0

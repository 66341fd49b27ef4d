"""Matching a training session's topic to themes: small inputs, then the real content."""

from __future__ import annotations

import pytest

from vaktaal.config import PROJECT_ROOT
from vaktaal.teaching.content_themes import content_themes as themes_of
from vaktaal.teaching.matching import (
    Field,
    ThemeData,
    ThemeIndex,
    rank_themes,
    split_compound,
    stems,
    strip_accents,
    words,
)


def theme(
    id: int,
    title: str,
    *,
    topics: tuple[str, ...] = (),
    lemmas: tuple[str, ...] = (),
    description: str = "Een thema.",
) -> ThemeData:
    return ThemeData(id, title, description, topics, lemmas)


# --- words --------------------------------------------------------------------------


def test_words_drop_numbering_filler_and_accents() -> None:
    assert [n for _w, n in words("Module 3: sanitair reinigen")] == ["sanitair", "reinigen"]
    assert [n for _w, n in words("VCA H4 Gevaarlijke stoffen")] == [
        "vca",
        "gevaarlijke",
        "stoffen",
    ]
    assert words("Hygiëne in de keuken") == [("hygiëne", "hygiene"), ("keuken", "keuken")]
    assert words("Les 2 — deel 1b") == []


def test_strip_accents_keeps_letters_without_a_base_letter() -> None:
    assert strip_accents("hygiëne café coördinatie") == "hygiene cafe coordinatie"
    assert strip_accents("łódź straße") == "łodz straße"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("stoffen", "stof"),
        ("toiletten", "toilet"),
        ("schoenen", "schoen"),
        ("ramen", "raam"),
        ("glazen", "glas"),
        ("emmers", "emmer"),
        ("gevaarlijke", "gevaarlijk"),
        ("sanitaire", "sanitair"),
        ("emmertje", "emmer"),
        ("doekjes", "doek"),
        ("natte", "nat"),
        # Participles: "Afval gescheiden inzamelen" is about "afval scheiden".
        ("gescheiden", "scheiden"),
        ("gestapeld", "stapel"),
        ("gereinigd", "reinig"),
    ],
)
def test_light_stemming(word: str, stem: str) -> None:
    assert stem in stems(word)


def test_split_compound_into_known_parts() -> None:
    known = {"sanitair", "ruimte", "veiligheid", "schoen", "werk"}
    assert split_compound("sanitairruimte", known) == ["sanitair", "ruimte"]
    assert split_compound("veiligheidsschoenen", known) == ["veiligheid", "schoenen"]
    assert split_compound("onbekendwoord", known) == []


# --- ranking on small inputs --------------------------------------------------------


def test_training_topic_match_beats_a_description_match() -> None:
    themes = [
        theme(1, "Vloeren", description="Ook over het sanitair."),
        theme(2, "Schoonmaken", topics=("Module sanitair reinigen",)),
    ]
    ranked = rank_themes("Module 3: sanitair reinigen", themes)
    assert [m.theme_id for m in ranked] == [2, 1]
    assert ranked[0].score > ranked[1].score > 0
    assert ranked[0].topic_evidence == [
        ("sanitair", "Module sanitair reinigen"),
        ("reinigen", "Module sanitair reinigen"),
    ]
    assert ranked[1].description_words == ["sanitair"]


def test_themes_without_any_match_are_left_out() -> None:
    themes = [theme(1, "Heftruck", lemmas=("heftruck",)), theme(2, "Kantoor")]
    assert [m.theme_id for m in rank_themes("Praktijkdag heftruck", themes)] == [1]
    assert rank_themes("Praktijkdag", themes) == []
    assert rank_themes("", themes) == []
    assert rank_themes("heftruck", []) == []


def test_words_of_the_theme_are_explained_by_lemma() -> None:
    themes = [theme(1, "Sanitair", lemmas=("toilet", "wastafel", "spiegel"))]
    (match,) = rank_themes("Toiletten en wastafels", themes)
    assert match.lemmas == ["toilet", "wastafel"]
    assert {e.field for e in match.evidence} == {Field.WORDS}


def test_a_compound_topic_matches_its_parts() -> None:
    themes = [
        theme(1, "Sanitair schoonmaken", lemmas=("toilet",)),
        theme(2, "Kantoor", lemmas=("bureau",)),
    ]
    (match,) = rank_themes("Sanitairruimte", themes)
    assert match.theme_id == 1
    assert match.title_words == ["sanitair"]


def test_a_topic_word_inside_a_theme_compound_counts_less() -> None:
    themes = [
        theme(1, "Veiligheid", lemmas=("veiligheidsschoen",)),
        theme(2, "Schoenen", lemmas=("schoen",)),
    ]
    ranked = rank_themes("schoenen", themes)
    assert [m.theme_id for m in ranked] == [2, 1]
    assert ranked[1].evidence[0].compound
    assert ranked[1].lemmas == ["veiligheidsschoen"]


def test_a_word_in_every_theme_counts_less_than_a_rare_one() -> None:
    themes = [
        theme(1, "VCA wetgeving", topics=("VCA H1 Wetgeving",)),
        theme(2, "VCA brand", topics=("VCA H5 Brand",)),
        theme(3, "Gevaarlijke stoffen", lemmas=("gevaarlijke stof",)),
    ]
    ranked = rank_themes("VCA gevaarlijke stoffen", themes)
    assert ranked[0].theme_id == 3


def test_equal_scores_keep_the_given_order() -> None:
    themes = [theme(5, "Emmer"), theme(3, "Emmer")]
    assert [m.theme_id for m in rank_themes("emmer", themes)] == [5, 3]


def test_an_index_ranks_many_topics() -> None:
    index = ThemeIndex([theme(1, "Heftruck"), theme(2, "Ramen wassen")])
    assert [m.theme_id for m in index.rank("heftruck")] == [1]
    assert [m.theme_id for m in index.rank("Glazen en ramen")] == [2]


# --- the real content ---------------------------------------------------------------


@pytest.fixture(scope="module")
def content_themes() -> tuple[list[ThemeData], dict[int, str]]:
    """Every theme of the repository's content, as the planner gives them to the matcher."""
    return themes_of(PROJECT_ROOT / "content" / "sectors")


def sector_themes(
    content: tuple[list[ThemeData], dict[int, str]], *sectors: str
) -> tuple[list[ThemeData], dict[int, str]]:
    themes, names = content
    chosen = [t for t in themes if names[t.id].partition("/")[0] in sectors]
    return chosen, names


@pytest.mark.parametrize(
    ("topic", "sectors", "expected"),
    [
        ("Module 3: sanitair reinigen", ("schoonmaak", "werk"), "schoonmaak/sanitair"),
        ("Toiletten schoonmaken", ("schoonmaak", "werk"), "schoonmaak/sanitair"),
        ("Sanitairruimte", ("schoonmaak", "werk"), "schoonmaak/sanitair"),
        ("Les 4: de ramen wassen", ("schoonmaak", "werk"), "schoonmaak/glasbewassing"),
        ("Afval scheiden op kantoor", ("schoonmaak", "werk"), "schoonmaak/afval-scheiden"),
        (
            "VCA H4 Gevaarlijke stoffen",
            ("installatie", "werk"),
            "installatie/gevaarlijke-stoffen",
        ),
        ("VCA H13 Werken op hoogte", ("installatie", "werk"), "installatie/hoogte-en-hijsen"),
        ("Praktijkdag heftruck", ("logistiek", "werk"), "logistiek/intern-transport"),
        ("Orderpicken met de handscanner", ("logistiek", "werk"), "logistiek/orderpicken"),
        ("Ziekmelden en verzuim", ("zorg", "werk"), "werk/ziek-en-beter"),
        ("Je loonstrook lezen", ("tuinbouw", "werk"), "werk/loon-en-uren"),
    ],
)
def test_real_topics_find_the_right_theme_first(
    content_themes: tuple[list[ThemeData], dict[int, str]],
    topic: str,
    sectors: tuple[str, ...],
    expected: str,
) -> None:
    themes, names = sector_themes(content_themes, *sectors)
    ranked = rank_themes(topic, themes)
    assert ranked, topic
    assert names[ranked[0].theme_id] == expected, [names[m.theme_id] for m in ranked[:3]]


def test_real_content_across_all_sectors(
    content_themes: tuple[list[ThemeData], dict[int, str]],
) -> None:
    themes, names = content_themes
    index = ThemeIndex(themes)
    assert names[index.rank("VCA H4 Gevaarlijke stoffen")[0].theme_id] == (
        "installatie/gevaarlijke-stoffen"
    )
    assert names[index.rank("Praktijkdag heftruck")[0].theme_id] == "logistiek/intern-transport"
    best = index.rank("Module 3: sanitair reinigen")[0]
    assert names[best.theme_id] == "schoonmaak/sanitair"
    assert ("sanitair", "Module sanitair reinigen") in best.topic_evidence


def test_veiligheidsschoenen_finds_the_safety_shoe(
    content_themes: tuple[list[ThemeData], dict[int, str]],
) -> None:
    themes, names = sector_themes(content_themes, "logistiek", "werk")
    best = rank_themes("Veiligheidsschoenen en handschoenen", themes)[0]
    assert names[best.theme_id] == "logistiek/veilig-werken"
    assert "veiligheidsschoen" in best.lemmas


def test_werken_in_a_topic_does_not_outweigh_its_work_word(
    content_themes: tuple[list[ThemeData], dict[int, str]],
) -> None:
    """A topic 'Werken met de schrobmachine' is about the machine, not 'Veilig werken'."""
    themes, names = sector_themes(content_themes, "schoonmaak", "werk")
    ranked = [names[m.theme_id] for m in rank_themes("Werken met de schrobmachine", themes)]
    assert set(ranked[:2]) == {"schoonmaak/kantoor", "schoonmaak/vloeronderhoud"}, ranked

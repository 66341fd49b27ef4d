"""The word-list CSV parser: pure, line-numbered problems, nothing half-read."""

from __future__ import annotations

import pytest

from vaktaal.ownwords.csv_import import (
    MAX_ROWS,
    NotText,
    Problem,
    WordRow,
    decode_upload,
    parse_words_csv,
)

GOOD = """woord;lidwoord;meervoud;voorbeeldzin;woordsoort;en;ar
snijplank;de;snijplanken;Leg de snijplank op het aanrecht.;zelfstandig naamwoord;cutting board;لوح التقطيع
snijden;;;Snijd de uien.;werkwoord;to cut;
schort;het;schorten;;;apron;
"""


def test_a_good_file() -> None:
    rows, problems = parse_words_csv(GOOD)
    assert problems == []
    assert rows == [
        WordRow(
            2, "snijplank", "de", "snijplanken", "Leg de snijplank op het aanrecht.", "noun",
            {"en": "cutting board", "ar": "لوح التقطيع"},
        ),
        WordRow(3, "snijden", None, None, "Snijd de uien.", "verb", {"en": "to cut"}),
        # No word class, but an article: a noun.
        WordRow(4, "schort", "het", "schorten", "", "noun", {"en": "apron"}),
    ]  # fmt: skip


def test_commas_quotes_and_only_the_word_column() -> None:
    text = 'Woord,Voorbeeldzin\n"pan","Zet de pan op het vuur, graag."\n\n  \nlepel,\n'
    rows, problems = parse_words_csv(text)
    assert problems == []
    assert [(r.line, r.lemma, r.example, r.word_class) for r in rows] == [
        (2, "pan", "Zet de pan op het vuur, graag.", "other"),
        (5, "lepel", "", "other"),
    ]


def test_the_level_column_is_optional_and_checked() -> None:
    text = "woord;lidwoord;niveau\nemmer;de;a0\nbezem;de;\ndweil;de;B1\nmop;de;C2\n"
    rows, problems = parse_words_csv(text)
    assert problems == [Problem(5, "level-unknown", "C2")]
    assert [(row.lemma, row.level) for row in rows] == [
        ("emmer", "A0"),
        ("bezem", "A1"),  # left empty: A1, as without the column
        ("dweil", "B1"),
    ]
    assert {row.level for row in parse_words_csv(GOOD)[0]} == {"A1"}


def test_bad_rows_are_named_by_their_line() -> None:
    text = (
        "woord;lidwoord;meervoud;voorbeeldzin;woordsoort;en\n"
        "snijplank;de;snijplanken;;;board\n"
        ";de;;;;\n"
        "mes;een;messen;;;\n"
        "vork;;vorken;;zelfstandig naamwoord;\n"
        "snijden;de;;;werkwoord;\n"
        "pan;de;pannen;;keukengerei;\n"
        f"{'x' * 81};de;;;;\n"
        "Snijplank;de;;;;\n"
        "lepel;de;lepels;;;spoon;extra\n"
        f"kom;de;kommen;{'y' * 301};;{'z' * 201}\n"
    )
    rows, problems = parse_words_csv(text)
    assert problems == [
        Problem(3, "word-missing"),
        Problem(4, "article-unknown", "een"),
        Problem(5, "article-missing"),
        Problem(6, "article-not-noun"),
        Problem(7, "word-class-unknown", "keukengerei"),
        Problem(8, "word-too-long", "80"),
        Problem(9, "repeated-word", "2"),
        Problem(10, "too-many-columns"),
        Problem(11, "example-too-long", "300"),
        Problem(11, "gloss-too-long", "en"),
    ]
    assert [row.lemma for row in rows] == ["snijplank"]  # rows mean nothing with problems


def test_a_quoted_line_break_counts_lines_as_a_spreadsheet_does() -> None:
    text = 'woord,voorbeeldzin\npan,"Zet de pan\nop het vuur."\nmes,een\n"",Een zin.\n'
    rows, problems = parse_words_csv(text)
    assert [r.line for r in rows] == [2, 4]
    assert problems == [Problem(5, "word-missing")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem(None, "empty")),
        ("\n  \n", Problem(None, "empty")),
        ("woord;lidwoord\n", Problem(None, "no-rows")),
        ("snijplank;de;snijplanken\n", Problem(1, "no-header")),
        ("lidwoord;meervoud\nde;planken\n", Problem(1, "missing-column", "woord")),
        ("woord;kleur\nplank;rood\n", Problem(1, "unknown-column", "kleur")),
        ("woord;xx\nplank;x\n", Problem(1, "unknown-column", "xx")),
        ("woord;woord\nplank;plank\n", Problem(1, "repeated-column", "woord")),
        ("\ufeff\nwoord\n" + "w\n" * (MAX_ROWS + 1), Problem(None, "too-many-rows", "500")),
        ("woord\n" + "x" * 200_001, Problem(None, "too-big", "200")),
    ],
)
def test_whole_file_problems(text: str, problem: Problem) -> None:
    rows, problems = parse_words_csv(text)
    assert problems == [problem]
    assert rows == []


def test_decoding_utf8_bom_and_windows_1252() -> None:
    assert decode_upload("\ufeffwoord\ncrème\n".encode()) == "woord\ncrème\n"
    assert decode_upload("woord\ncrème\n".encode("cp1252")) == "woord\ncrème\n"
    with pytest.raises(NotText):
        decode_upload(b"PK\x03\x04\x00\x00binary")

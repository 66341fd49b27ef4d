"""Reading a training calendar from CSV (pure), and importing one on the planner page."""

from __future__ import annotations

import io
from datetime import date

import pytest

from vaktaal.teaching.calendar_csv import (
    MAX_ROWS,
    CalendarRow,
    NotText,
    Problem,
    decode_upload,
    parse_calendar_csv,
)


def test_a_comma_separated_calendar() -> None:
    rows, problems = parse_calendar_csv(
        "datum,dagdeel,onderwerp,locatie\n"
        "2026-03-12,ochtend,Module 3: sanitair reinigen,Lokaal 2\n"
        '2026-03-13,Middag,"VCA H4 Gevaarlijke stoffen, deel 1",\n'
    )
    assert problems == []
    assert rows == [
        CalendarRow(2, date(2026, 3, 12), "ochtend", "Module 3: sanitair reinigen", "Lokaal 2"),
        CalendarRow(3, date(2026, 3, 13), "middag", "VCA H4 Gevaarlijke stoffen, deel 1", None),
    ]


def test_a_dutch_excel_export_with_semicolons_bom_and_dutch_dates() -> None:
    text = (
        "\ufeffDatum;Dagdeel;Onderwerp\r\n"
        "12-03-2026;OCHTEND;Praktijkdag heftruck\r\n"
        "\r\n"
        "5-4-2026; avond ;  Hygiëne   in de keuken \r\n"
        "06/04/2026;middag;Afval scheiden\r\n"
    )
    rows, problems = parse_calendar_csv(text)
    assert problems == []
    assert [(r.line, r.day, r.part_of_day, r.topic) for r in rows] == [
        (2, date(2026, 3, 12), "ochtend", "Praktijkdag heftruck"),
        (4, date(2026, 4, 5), "avond", "Hygiëne in de keuken"),
        (5, date(2026, 4, 6), "middag", "Afval scheiden"),
    ]


def test_columns_in_another_order_and_empty_trailing_columns() -> None:
    rows, problems = parse_calendar_csv(
        "onderwerp;datum;dagdeel;;\nHeftruck;2026-03-12;ochtend;;\n"
    )
    assert problems == []
    assert rows == [CalendarRow(2, date(2026, 3, 12), "ochtend", "Heftruck", None)]


def test_every_bad_row_is_reported_with_its_line() -> None:
    text = (
        "datum,dagdeel,onderwerp,locatie\n"
        "2026-03-12,ochtend,Goed\n"
        "2026-02-30,ochtend,Geen echte datum\n"
        "12 maart,middag,Onbekende datumvorm\n"
        ",avond,Geen datum\n"
        "2026-03-14,nacht,Onbekend dagdeel\n"
        "2026-03-15,,Geen dagdeel\n"
        "2026-03-16,ochtend,\n"
        f"2026-03-17,ochtend,{'x' * 201}\n"
        "2026-03-18,ochtend,Te veel,Lokaal 1,extra\n"
    )
    rows, problems = parse_calendar_csv(text)
    assert problems == [
        Problem(3, "date-invalid", "2026-02-30"),
        Problem(4, "date-format", "12 maart"),
        Problem(5, "date-missing"),
        Problem(6, "part-unknown", "nacht"),
        Problem(7, "part-missing"),
        Problem(8, "topic-missing"),
        Problem(9, "topic-too-long", "200"),
        Problem(10, "too-many-columns"),
    ]
    # The good row is parsed, but the caller imports nothing when there are problems.
    assert [r.line for r in rows] == [2]


def test_one_row_with_several_problems() -> None:
    _rows, problems = parse_calendar_csv("datum,dagdeel,onderwerp\n31-13-2026,laat,\n")
    assert problems == [
        Problem(2, "date-invalid", "31-13-2026"),
        Problem(2, "part-unknown", "laat"),
        Problem(2, "topic-missing"),
    ]


def test_a_quoted_topic_over_two_lines_keeps_the_line_numbers_right() -> None:
    rows, problems = parse_calendar_csv(
        'datum,dagdeel,onderwerp\n2026-03-12,ochtend,"Twee\nregels"\n2026-03-13,nacht,Fout\n'
    )
    assert problems == [Problem(4, "part-unknown", "nacht")]
    assert rows[0].topic == "Twee regels"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [Problem(None, "empty")]),
        ("\n  \n", [Problem(None, "empty")]),
        ("datum,dagdeel,onderwerp\n", [Problem(None, "no-rows")]),
        ("2026-03-12,ochtend,Heftruck\n", [Problem(1, "no-header")]),
        (
            "datum,tijd,onderwerp\n2026-03-12,ochtend,Heftruck\n",
            [Problem(1, "unknown-column", "tijd"), Problem(1, "missing-column", "dagdeel")],
        ),
        (
            "datum,dagdeel,onderwerp,onderwerp\n",
            [Problem(1, "repeated-column", "onderwerp")],
        ),
    ],
)
def test_file_level_problems(text: str, expected: list[Problem]) -> None:
    assert parse_calendar_csv(text) == ([], expected)


def test_too_many_rows_and_too_big() -> None:
    row = "2026-03-12,ochtend,Heftruck\n"
    rows, problems = parse_calendar_csv("datum,dagdeel,onderwerp\n" + row * (MAX_ROWS + 1))
    assert (rows, problems) == ([], [Problem(None, "too-many-rows", str(MAX_ROWS))])
    assert len(parse_calendar_csv("datum,dagdeel,onderwerp\n" + row * MAX_ROWS)[0]) == MAX_ROWS
    huge = "datum,dagdeel,onderwerp\n" + ("2026-03-12,ochtend," + "x" * 190 + "\n") * 1100
    assert parse_calendar_csv(huge) == ([], [Problem(None, "too-big", "200")])


def test_decode_utf8_with_bom_and_windows_1252() -> None:
    assert decode_upload("\ufeffdatum;Hygiëne".encode()) == "datum;Hygiëne"
    assert decode_upload("datum;Hygiëne".encode("cp1252")) == "datum;Hygiëne"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00",  # an .xlsx is a zip file
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"datum\x07",
        b"datum \x81\x8d",  # bytes neither UTF-8 nor Windows-1252 has
    ],
)
def test_a_file_that_is_not_text(data: bytes) -> None:
    with pytest.raises(NotText):
        decode_upload(data)


def test_an_io_roundtrip_of_an_excel_like_file() -> None:
    buffer = io.BytesIO("datum;dagdeel;onderwerp\r\n12-3-2026;ochtend;Café\r\n".encode("cp1252"))
    rows, problems = parse_calendar_csv(decode_upload(buffer.getvalue()))
    assert problems == [] and rows[0].topic == "Café"

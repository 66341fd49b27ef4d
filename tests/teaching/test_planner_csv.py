"""Reading a training calendar from CSV (pure), and importing one on the planner page."""

from __future__ import annotations

import io
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from vaktaal.extensions import db
from vaktaal.teaching.calendar_csv import (
    MAX_ROWS,
    CalendarRow,
    NotText,
    Problem,
    decode_upload,
    parse_calendar_csv,
)
from vaktaal.teaching.models import TrainingSession


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


# --- the import page ------------------------------------------------------------------


def import_url(group_id: int) -> str:
    return f"/docent/groepen/{group_id}/planning/import"


def sessions(app: Flask) -> list[tuple[date, str, str, str | None]]:
    with app.app_context():
        return [
            (t.day, t.part_of_day, t.topic, t.location)
            for t in db.session.scalars(select(TrainingSession).order_by(TrainingSession.day))
        ]


def upload(data: bytes, name: str = "rooster.csv") -> dict[str, object]:
    return {"file": (io.BytesIO(data), name), "text": ""}


GOOD = (
    "datum;dagdeel;onderwerp;locatie\r\n"
    "12-03-2026;ochtend;Module 3: sanitair reinigen;Lokaal 2\r\n"
    "13-03-2026;middag;VCA H4 Gevaarlijke stoffen;\r\n"
)


def test_the_import_page(loaded: Flask, teacher_client: FlaskClient, group_id: int) -> None:
    html = teacher_client.get(import_url(group_id)).get_data(as_text=True)
    assert "Rooster importeren" in html
    assert 'enctype="multipart/form-data"' in html
    assert "datum;dagdeel;onderwerp;locatie" in html


def test_upload_preview_then_import(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    preview = teacher_client.post(
        import_url(group_id),
        data=upload(GOOD.encode("cp1252")),
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "Deze 2 lessen worden toegevoegd" in html
    assert "2 lessen importeren" in html
    assert sessions(loaded) == []  # nothing before the teacher confirms

    done = teacher_client.post(import_url(group_id), data={"text": GOOD, "confirm": "1"})
    assert done.status_code == 302
    assert done.headers["Location"].endswith("?week=2026-W11")
    assert sessions(loaded) == [
        (date(2026, 3, 12), "ochtend", "Module 3: sanitair reinigen", "Lokaal 2"),
        (date(2026, 3, 13), "middag", "VCA H4 Gevaarlijke stoffen", None),
    ]
    assert "2 lessen toegevoegd." in teacher_client.get(done.headers["Location"]).get_data(
        as_text=True
    )


def test_bad_rows_are_listed_and_nothing_is_imported(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    text = GOOD + "31-02-2026;ochtend;Fout\r\n14-03-2026;nacht;Ook fout\r\n"
    response = teacher_client.post(import_url(group_id), data={"text": text})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Er is niets geïmporteerd" in html
    assert "regel 4: de datum „31-02-2026” bestaat niet" in html
    assert "regel 5: onbekend dagdeel „nacht” (ochtend, middag of avond)" in html
    # Confirming a tampered text is checked again.
    again = teacher_client.post(import_url(group_id), data={"text": text, "confirm": "1"})
    assert again.status_code == 422
    assert sessions(loaded) == []


def test_duplicates_are_skipped_and_reported(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    teacher_client.post(import_url(group_id), data={"text": GOOD, "confirm": "1"})
    text = GOOD + "16-03-2026;ochtend;Praktijkdag heftruck;\r\n"
    preview = teacher_client.post(import_url(group_id), data={"text": text})
    html = preview.get_data(as_text=True)
    assert "Deze les wordt toegevoegd" in html
    assert "2 lessen worden overgeslagen" in html
    assert "regel 2: Module 3: sanitair reinigen" in html
    done = teacher_client.post(import_url(group_id), data={"text": text, "confirm": "1"})
    assert done.headers["Location"].endswith("?week=2026-W12")
    messages = teacher_client.get(done.headers["Location"]).get_data(as_text=True)
    assert "1 les toegevoegd." in messages
    assert "2 lessen stonden al in de planning en zijn overgeslagen." in messages
    assert len(sessions(loaded)) == 3

    nothing_new = teacher_client.post(import_url(group_id), data={"text": GOOD})
    assert "Er is niets nieuws" in nothing_new.get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "Dit is geen tekstbestand."),
        (b"datum,dagdeel,onderwerp\n" + b"2026-03-12,ochtend,x\n" * 12000, "te groot"),
    ],
)
def test_a_file_that_is_not_text_or_too_big(
    loaded: Flask, teacher_client: FlaskClient, group_id: int, data: bytes, message: str
) -> None:
    response = teacher_client.post(
        import_url(group_id), data=upload(data), content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert sessions(loaded) == []


def test_nothing_chosen(loaded: Flask, teacher_client: FlaskClient, group_id: int) -> None:
    response = teacher_client.post(import_url(group_id), data={"text": "  "})
    assert response.status_code == 422
    assert "Kies een CSV-bestand of plak de regels" in response.get_data(as_text=True)

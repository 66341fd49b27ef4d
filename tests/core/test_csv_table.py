"""The shared CSV table reader behind the calendar and word-list imports."""

from __future__ import annotations

import pytest

from vaktaal.core.csv_table import NotText, Problem, decode_upload, read_table


def read(text: str, **limits: int) -> tuple[list[tuple[int, dict[str, str], bool]], list[Problem]]:
    records, problems = read_table(
        text,
        required=("naam",),
        optional=("uitleg",),
        max_bytes=limits.get("max_bytes", 10_000),
        max_rows=limits.get("max_rows", 10),
    )
    return [(r.line, r.cells, r.ok) for r in records], problems


def test_lines_are_counted_as_a_spreadsheet_shows_them() -> None:
    text = '\ufeff\nNaam;Uitleg\nemmer;"met\nwater"\n\n  mop ;\n'
    records, problems = read(text)
    assert problems == []
    assert records == [
        (3, {"naam": "emmer", "uitleg": "met water"}, True),
        (6, {"naam": "mop", "uitleg": ""}, True),
    ]


def test_a_header_is_needed_and_checked() -> None:
    assert read("emmer,de\n")[1] == [Problem(1, "no-header")]
    assert read("naam,kleur,naam\nx,y,z\n")[1] == [
        Problem(1, "unknown-column", "kleur"),
        Problem(1, "repeated-column", "naam"),
    ]
    assert read("uitleg\nx\n")[1] == [Problem(1, "missing-column", "naam")]


def test_limits_and_empty_files() -> None:
    assert read("")[1] == [Problem(None, "empty")]
    assert read("naam\n\n")[1] == [Problem(None, "no-rows")]
    assert read("naam\na\nb\nc\n", max_rows=2) == ([], [Problem(None, "too-many-rows", "2")])
    assert read("naam\n" + "a" * 3000, max_bytes=2000)[1] == [Problem(None, "too-big", "2")]


def test_a_row_with_more_cells_than_columns_is_not_used() -> None:
    records, problems = read("naam,uitleg\nemmer,iets,te veel\n")
    assert problems == [Problem(2, "too-many-columns")]
    assert records == [(2, {"naam": "emmer", "uitleg": "iets"}, False)]


def test_uploads_are_text_in_utf8_or_windows_1252() -> None:
    assert decode_upload("naam\nréglage\n".encode()) == "naam\nréglage\n"
    assert decode_upload("naam\nréglage\n".encode("cp1252")) == "naam\nréglage\n"
    with pytest.raises(NotText):
        decode_upload(b"PK\x03\x04\x00\x00")

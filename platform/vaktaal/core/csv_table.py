"""Read a table that people made in a spreadsheet and saved as CSV, for an import.

Pure: text in, records and problems out. A header row names the columns; `;` (what Dutch
Excel writes) or `,` separates them. Every problem carries the line number as the
spreadsheet shows it (the header is line 1) and a code that the page words, so a caller
can check every row first and refuse the whole file when one is wrong.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["NotText", "Problem", "Record", "clean", "decode_upload", "read_table"]


@dataclass(frozen=True)
class Problem:
    """What is wrong where; `line` is None for the file as a whole."""

    line: int | None
    code: str
    value: str = ""


@dataclass(frozen=True)
class Record:
    """One row of data: its line number and its cells by column name (spaces evened out).

    `ok` is False when the row itself is wrong (more cells than columns): its values may
    still be checked, but it is no row to use.
    """

    line: int
    cells: dict[str, str]
    ok: bool = True

    def __getitem__(self, name: str) -> str:
        return self.cells.get(name, "")


class NotText(ValueError):
    """The upload is not a text file (a spreadsheet, a picture, ...)."""


def decode_upload(data: bytes) -> str:
    """Bytes of an uploaded file as text: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in data:
        raise NotText("binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise NotText("encoding") from None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise NotText("control characters")
    return text


def clean(value: str) -> str:
    return " ".join(value.split())


def _delimiter(header: str) -> str:
    # Dutch Excel writes `;` (the comma is the decimal separator there).
    return ";" if header.count(";") > header.count(",") else ","


def read_table(
    text: str,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    max_bytes: int,
    max_rows: int,
) -> tuple[list[Record], list[Problem]]:
    """The records of `text` (blank rows left out); records only count without problems.

    Column names are matched case-insensitively; a header without any known name is
    taken for a first row of data ("no-header").
    """
    text = text.removeprefix("\ufeff")
    if len(text.encode("utf-8")) > max_bytes:
        return [], [Problem(None, "too-big", str(max_bytes // 1000))]
    # Split on \n, \r\n or \r only, keeping the ends: a quoted cell may hold a newline.
    lines = list(io.StringIO(text, newline=""))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [], [Problem(None, "empty")]
    reader = csv.reader(lines[first:], delimiter=_delimiter(lines[first]))
    header = [clean(name).casefold() for name in next(reader)]
    problems = _check_header(header, first + 1, known=(*required, *optional), required=required)
    if problems:
        return [], problems

    columns = {name: index for index, name in enumerate(header) if name}
    records: list[Record] = []
    line_end = first + reader.line_num
    for row in reader:
        line = line_end + 1
        line_end = first + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(records) == max_rows:
            return [], [Problem(None, "too-many-rows", str(max_rows))]
        ok = not any(cell.strip() for cell in row[len(header) :])
        if not ok:
            problems.append(Problem(line, "too-many-columns"))
        cells = {name: clean(row[i]) for name, i in columns.items() if i < len(row)}
        records.append(Record(line, cells, ok))
    if not records and not problems:
        problems.append(Problem(None, "no-rows"))
    return records, problems


def _check_header(
    header: list[str], line: int, *, known: Sequence[str], required: Sequence[str]
) -> list[Problem]:
    if not any(name in known for name in header):
        # A first line of data instead of column names: say so once, not per cell.
        return [Problem(line, "no-header")]
    problems = [
        Problem(line, "unknown-column", name) for name in header if name and name not in known
    ]
    problems += [Problem(line, "missing-column", name) for name in required if name not in header]
    problems += [
        Problem(line, "repeated-column", name)
        for name in dict.fromkeys(header)
        if name and header.count(name) > 1
    ]
    return problems

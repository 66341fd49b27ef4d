"""Read a training calendar from CSV: `datum,dagdeel,onderwerp[,locatie]` with a header.

Pure: text in, rows and problems out. Every row is checked before anything is used, so
the caller can refuse the whole file when one row is wrong. Problems carry the line
number as a spreadsheet shows it (the header is line 1) and a code; the page words them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

MAX_BYTES = 200_000
MAX_ROWS = 500
MAX_TOPIC = 200
MAX_LOCATION = 200
PARTS_OF_DAY = ("ochtend", "middag", "avond")
REQUIRED_COLUMNS = ("datum", "dagdeel", "onderwerp")
OPTIONAL_COLUMNS = ("locatie",)

_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


@dataclass(frozen=True)
class CalendarRow:
    line: int
    day: date
    part_of_day: str  # one of PARTS_OF_DAY
    topic: str
    location: str | None


@dataclass(frozen=True)
class Problem:
    """What is wrong where; `line` is None for the file as a whole."""

    line: int | None
    code: str
    value: str = ""


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


def _clean(value: str) -> str:
    return " ".join(value.split())


def parse_date(value: str) -> date | None:
    """A date written as YYYY-MM-DD or DD-MM-YYYY (also d-m-yyyy, with / or .)."""
    if found := _ISO_DATE.fullmatch(value):
        year, month, day = (int(part) for part in found.groups())
    elif found := _DUTCH_DATE.fullmatch(value):
        day, month, year = (int(part) for part in found.groups())
    else:
        raise ValueError("format")
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _delimiter(header: str) -> str:
    # Dutch Excel writes `;` (the comma is the decimal separator there).
    return ";" if header.count(";") > header.count(",") else ","


def parse_calendar_csv(text: str) -> tuple[list[CalendarRow], list[Problem]]:
    """Parse the calendar; rows are only meaningful when there are no problems."""
    text = text.removeprefix("\ufeff")
    if len(text.encode("utf-8")) > MAX_BYTES:
        return [], [Problem(None, "too-big", str(MAX_BYTES // 1000))]
    # Split on \n, \r\n or \r only, keeping the ends: a quoted topic may hold a newline.
    lines = list(io.StringIO(text, newline=""))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [], [Problem(None, "empty")]
    reader = csv.reader(lines[first:], delimiter=_delimiter(lines[first]))
    header = [_clean(name).casefold() for name in next(reader)]
    header_line = first + 1
    problems = _check_header(header, header_line)
    if problems:
        return [], problems

    columns = {name: index for index, name in enumerate(header) if name}
    rows: list[CalendarRow] = []
    count = 0
    line_end = first + reader.line_num
    for record in reader:
        line = line_end + 1
        line_end = first + reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        count += 1
        if count > MAX_ROWS:
            return [], [Problem(None, "too-many-rows", str(MAX_ROWS))]
        row, row_problems = _parse_row(record, columns, len(header), line)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    if count == 0 and not problems:
        problems.append(Problem(None, "no-rows"))
    return rows, problems


def _check_header(header: list[str], line: int) -> list[Problem]:
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    if (
        header
        and header[0]
        and (_ISO_DATE.fullmatch(header[0]) or _DUTCH_DATE.fullmatch(header[0]))
    ):
        return [Problem(line, "no-header")]
    problems = [
        Problem(line, "unknown-column", name) for name in header if name and name not in known
    ]
    problems += [
        Problem(line, "missing-column", name) for name in REQUIRED_COLUMNS if name not in header
    ]
    problems += [
        Problem(line, "repeated-column", name)
        for name in dict.fromkeys(header)
        if name and header.count(name) > 1
    ]
    return problems


def _parse_row(
    record: list[str], columns: dict[str, int], width: int, line: int
) -> tuple[CalendarRow | None, list[Problem]]:
    problems: list[Problem] = []
    if any(cell.strip() for cell in record[width:]):
        problems.append(Problem(line, "too-many-columns"))

    def cell(name: str) -> str:
        index = columns.get(name)
        return _clean(record[index]) if index is not None and index < len(record) else ""

    raw_day = cell("datum")
    day: date | None = None
    if not raw_day:
        problems.append(Problem(line, "date-missing"))
    else:
        try:
            day = parse_date(raw_day)
        except ValueError:
            problems.append(Problem(line, "date-format", raw_day))
        else:
            if day is None:
                problems.append(Problem(line, "date-invalid", raw_day))

    part = cell("dagdeel").casefold()
    if not part:
        problems.append(Problem(line, "part-missing"))
    elif part not in PARTS_OF_DAY:
        problems.append(Problem(line, "part-unknown", cell("dagdeel")))

    topic = cell("onderwerp")
    if not topic:
        problems.append(Problem(line, "topic-missing"))
    elif len(topic) > MAX_TOPIC:
        problems.append(Problem(line, "topic-too-long", str(MAX_TOPIC)))

    location = cell("locatie")
    if len(location) > MAX_LOCATION:
        problems.append(Problem(line, "location-too-long", str(MAX_LOCATION)))

    if problems or day is None:
        return None, problems
    return CalendarRow(line, day, part, topic, location or None), []

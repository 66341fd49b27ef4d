"""Read a training calendar from CSV: `datum,dagdeel,onderwerp[,locatie]` with a header.

Pure: text in, rows and problems out. Every row is checked before anything is used, so
the caller can refuse the whole file when one row is wrong. Problems carry the line
number as a spreadsheet shows it (the header is line 1) and a code; the page words them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vaktaal.core.csv_table import NotText, Problem, Record, decode_upload, read_table

__all__ = ["CalendarRow", "NotText", "Problem", "decode_upload", "parse_calendar_csv"]

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


def parse_calendar_csv(text: str) -> tuple[list[CalendarRow], list[Problem]]:
    """Parse the calendar; rows are only meaningful when there are no problems."""
    records, problems = read_table(
        text, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS, max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
    )  # fmt: skip
    rows: list[CalendarRow] = []
    for record in records:
        row, row_problems = _parse_row(record)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    return rows, sorted(problems, key=lambda p: p.line or 0)


def _parse_row(record: Record) -> tuple[CalendarRow | None, list[Problem]]:
    line = record.line
    problems: list[Problem] = []
    raw_day = record["datum"]
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

    part = record["dagdeel"].casefold()
    if not part:
        problems.append(Problem(line, "part-missing"))
    elif part not in PARTS_OF_DAY:
        problems.append(Problem(line, "part-unknown", record["dagdeel"]))

    topic = record["onderwerp"]
    if not topic:
        problems.append(Problem(line, "topic-missing"))
    elif len(topic) > MAX_TOPIC:
        problems.append(Problem(line, "topic-too-long", str(MAX_TOPIC)))

    location = record["locatie"]
    if len(location) > MAX_LOCATION:
        problems.append(Problem(line, "location-too-long", str(MAX_LOCATION)))

    if problems or day is None or not record.ok:
        return None, problems
    return CalendarRow(line, day, part, topic, location or None), []

"""Read a word list from CSV: `woord,lidwoord,meervoud,voorbeeldzin,woordsoort[,en,ar,…]`.

Pure: text in, rows and problems out. A header row is required; `;` (Dutch Excel) or
`,` separates the columns; the gloss columns are named by their language code. Every row
is checked before anything is used, so the caller can refuse the whole file when one row
is wrong. Problems carry the line number as a spreadsheet shows it (the header is line
1) and a code; the page words them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from vaktaal.sectors.schemas import GLOSS_LANGUAGES
from vaktaal.teaching.calendar_csv import NotText, Problem, decode_upload

__all__ = ["NotText", "Problem", "WordRow", "decode_upload", "parse_words_csv"]

MAX_BYTES = 200_000
MAX_ROWS = 500
# The limits of one word, shared with the service that saves it.
MAX_LEMMA = 80
MAX_PLURAL = 80
MAX_EXAMPLE = 300
MAX_GLOSS = 200

REQUIRED_COLUMNS = ("woord",)
OPTIONAL_COLUMNS = ("lidwoord", "meervoud", "voorbeeldzin", "woordsoort")
ARTICLES = ("de", "het")
# How a teacher may write the word class (Dutch names, common abbreviations, English).
WORD_CLASSES = {
    "zelfstandig naamwoord": "noun",
    "znw": "noun",
    "zn": "noun",
    "noun": "noun",
    "werkwoord": "verb",
    "ww": "verb",
    "verb": "verb",
    "bijvoeglijk naamwoord": "adjective",
    "bn": "adjective",
    "bnw": "adjective",
    "adjective": "adjective",
    "bijwoord": "adverb",
    "bw": "adverb",
    "adverb": "adverb",
    "uitdrukking": "phrase",
    "zin": "phrase",
    "phrase": "phrase",
    "anders": "other",
    "other": "other",
}


@dataclass(frozen=True)
class WordRow:
    line: int
    lemma: str
    article: str | None
    plural: str | None
    example: str
    word_class: str  # a sectors.schemas.WordClass value
    glosses: dict[str, str] = field(default_factory=dict)


def _clean(value: str) -> str:
    return " ".join(value.split())


def _delimiter(header: str) -> str:
    # Dutch Excel writes `;` (the comma is the decimal separator there).
    return ";" if header.count(";") > header.count(",") else ","


def parse_words_csv(text: str) -> tuple[list[WordRow], list[Problem]]:
    """Parse the word list; rows are only meaningful when there are no problems."""
    text = text.removeprefix("\ufeff")
    if len(text.encode("utf-8")) > MAX_BYTES:
        return [], [Problem(None, "too-big", str(MAX_BYTES // 1000))]
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [], [Problem(None, "empty")]
    reader = csv.reader(lines[first:], delimiter=_delimiter(lines[first]))
    header = [_clean(name).casefold() for name in next(reader)]
    problems = _check_header(header, first + 1)
    if problems:
        return [], problems

    columns = {name: index for index, name in enumerate(header) if name}
    rows: list[WordRow] = []
    seen: dict[str, int] = {}  # a word (case-folded) -> the line it first appeared on
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
        if row is None:
            continue
        earlier = seen.setdefault(row.lemma.casefold(), line)
        if earlier != line:
            problems.append(Problem(line, "repeated-word", str(earlier)))
        else:
            rows.append(row)
    if count == 0 and not problems:
        problems.append(Problem(None, "no-rows"))
    return rows, problems


def _check_header(header: list[str], line: int) -> list[Problem]:
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + GLOSS_LANGUAGES
    if not any(name in known for name in header):
        # A first line of data instead of column names: say so once, not per cell.
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
) -> tuple[WordRow | None, list[Problem]]:
    problems: list[Problem] = []
    if any(cell.strip() for cell in record[width:]):
        problems.append(Problem(line, "too-many-columns"))

    def cell(name: str) -> str:
        index = columns.get(name)
        return _clean(record[index]) if index is not None and index < len(record) else ""

    lemma = cell("woord")
    if not lemma:
        problems.append(Problem(line, "word-missing"))
    elif len(lemma) > MAX_LEMMA:
        problems.append(Problem(line, "word-too-long", str(MAX_LEMMA)))

    article = cell("lidwoord").casefold() or None
    written_class = cell("woordsoort")
    if written_class:
        word_class = WORD_CLASSES.get(written_class.casefold())
        if word_class is None:
            problems.append(Problem(line, "word-class-unknown", written_class))
    else:
        # No word class given: a word with an article is a noun.
        word_class = "noun" if article else "other"
    if article is not None and article not in ARTICLES:
        problems.append(Problem(line, "article-unknown", cell("lidwoord")))
    elif word_class == "noun" and article is None:
        problems.append(Problem(line, "article-missing"))
    elif word_class not in (None, "noun") and article is not None:
        problems.append(Problem(line, "article-not-noun"))

    plural = cell("meervoud") or None
    if plural is not None and len(plural) > MAX_PLURAL:
        problems.append(Problem(line, "plural-too-long", str(MAX_PLURAL)))
    example = cell("voorbeeldzin")
    if len(example) > MAX_EXAMPLE:
        problems.append(Problem(line, "example-too-long", str(MAX_EXAMPLE)))
    glosses = {code: cell(code) for code in GLOSS_LANGUAGES if cell(code)}
    for code, text in glosses.items():
        if len(text) > MAX_GLOSS:
            problems.append(Problem(line, "gloss-too-long", code))

    if problems or word_class is None:
        return None, problems
    return WordRow(line, lemma, article, plural, example, word_class, glosses), []

"""Read a word list from CSV: `woord[,lidwoord,meervoud,voorbeeldzin,woordsoort,niveau,en,ar,…]`.

Pure: text in, rows and problems out. A header row is required; `;` (Dutch Excel) or
`,` separates the columns; the gloss columns are named by their language code. Every row
is checked before anything is used, so the caller can refuse the whole file when one row
is wrong. Problems carry the line number as a spreadsheet shows it (the header is line
1) and a code; the page words them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vaktaal.core.csv_table import NotText, Problem, Record, decode_upload, read_table
from vaktaal.sectors.schemas import GLOSS_LANGUAGES
from vaktaal.srs.exercises import Level

__all__ = ["NotText", "Problem", "WordRow", "decode_upload", "parse_words_csv"]

MAX_BYTES = 200_000
MAX_ROWS = 500
# The limits of one word, shared with the service that saves it.
MAX_LEMMA = 80
MAX_PLURAL = 80
MAX_EXAMPLE = 300
MAX_GLOSS = 200

REQUIRED_COLUMNS = ("woord",)
OPTIONAL_COLUMNS = ("lidwoord", "meervoud", "voorbeeldzin", "woordsoort", "niveau")
LEVELS = tuple(level.value for level in Level)
DEFAULT_LEVEL = "A1"
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
    level: str = DEFAULT_LEVEL  # an srs.exercises.Level value


def parse_words_csv(text: str) -> tuple[list[WordRow], list[Problem]]:
    """Parse the word list; rows are only meaningful when there are no problems."""
    records, problems = read_table(
        text, required=REQUIRED_COLUMNS, optional=(*OPTIONAL_COLUMNS, *GLOSS_LANGUAGES),
        max_bytes=MAX_BYTES, max_rows=MAX_ROWS,
    )  # fmt: skip
    rows: list[WordRow] = []
    seen: dict[str, int] = {}  # a word (case-folded) -> the line it first appeared on
    for record in records:
        row, row_problems = _parse_row(record)
        problems.extend(row_problems)
        if row is None:
            continue
        earlier = seen.setdefault(row.lemma.casefold(), row.line)
        if earlier != row.line:
            problems.append(Problem(row.line, "repeated-word", str(earlier)))
        else:
            rows.append(row)
    return rows, sorted(problems, key=lambda p: p.line or 0)


def _parse_row(record: Record) -> tuple[WordRow | None, list[Problem]]:
    line = record.line
    problems: list[Problem] = []
    lemma = record["woord"]
    if not lemma:
        problems.append(Problem(line, "word-missing"))
    elif len(lemma) > MAX_LEMMA:
        problems.append(Problem(line, "word-too-long", str(MAX_LEMMA)))

    article = record["lidwoord"].casefold() or None
    written_class = record["woordsoort"]
    if written_class:
        word_class = WORD_CLASSES.get(written_class.casefold())
        if word_class is None:
            problems.append(Problem(line, "word-class-unknown", written_class))
    else:
        # No word class given: a word with an article is a noun.
        word_class = "noun" if article else "other"
    if article is not None and article not in ARTICLES:
        problems.append(Problem(line, "article-unknown", record["lidwoord"]))
    elif word_class == "noun" and article is None:
        problems.append(Problem(line, "article-missing"))
    elif word_class not in (None, "noun") and article is not None:
        problems.append(Problem(line, "article-not-noun"))

    plural = record["meervoud"] or None
    if plural is not None and len(plural) > MAX_PLURAL:
        problems.append(Problem(line, "plural-too-long", str(MAX_PLURAL)))
    example = record["voorbeeldzin"]
    if len(example) > MAX_EXAMPLE:
        problems.append(Problem(line, "example-too-long", str(MAX_EXAMPLE)))
    level = record["niveau"].upper() or DEFAULT_LEVEL
    if level not in LEVELS:
        problems.append(Problem(line, "level-unknown", record["niveau"]))
    glosses = {code: record[code] for code in GLOSS_LANGUAGES if record[code]}
    for code, text in glosses.items():
        if len(text) > MAX_GLOSS:
            problems.append(Problem(line, "gloss-too-long", code))

    if problems or word_class is None or not record.ok:
        return None, problems
    return WordRow(line, lemma, article, plural, example, word_class, glosses, level), []

"""Read a content folder, validate everything, and say where each problem is.

Every problem carries a file and a line, printed as `path:line: message`. A sector is
only usable when its report has no problems; the loader never loads part of it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vaktaal.sectors.pictures import PictureError, PictureSource, resolve_picture
from vaktaal.sectors.schemas import SectorSchema, TermSchema, ThemeSchema, WordClass
from vaktaal.sectors.spelling import SpellChecker, SpellingUnavailable, words_in

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_EXAMPLE_WORDS = 12
Location = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}: {self.message}"


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies inside it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class LineMap:
    """Line numbers of the nodes of one YAML document, by their location in the data."""

    lines: dict[Location, int]

    def line(self, location: Location) -> int:
        for end in range(len(location), -1, -1):
            found = self.lines.get(location[:end])
            if found is not None:
                return found
        return 1


@dataclass(frozen=True)
class ThemeFile:
    path: Path
    theme: ThemeSchema
    lines: LineMap


@dataclass(frozen=True)
class SectorContent:
    slug: str
    path: Path
    sector: SectorSchema
    themes: list[ThemeFile]
    pictures: dict[str, PictureSource]  # by the reference written in the files


@dataclass
class ContentReport:
    sectors: list[SectorContent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class YamlDocumentError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_yaml(path: Path) -> tuple[Any, LineMap]:
    """Parse one YAML file, keeping the line of every mapping key and list item."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlDocumentError(1, f"not UTF-8 text ({error.reason})") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlDocumentError(1, "the file is empty")
        lines: dict[Location, int] = {}
        _walk(node, (), lines)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlDocumentError(line, f"YAML syntax error: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlDocumentError(1, f"YAML error: {error}") from None
    finally:
        loader.dispose()
    return data, LineMap(lines)


def _walk(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlDocumentError(line, f"duplicate key '{key}' (first on line {seen[key]})")
            seen[key] = line
            lines[(*location, key)] = line
            _walk(value_node, (*location, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*location, index), lines)


def _describe(location: Sequence[str | int], data: Any) -> str:
    """Name the place of a schema error the way an author thinks of it."""
    names = {"terms": "term", "dialogues": "dialogue", "lines": "line", "speakers": "speaker"}
    parts: list[str] = []
    node = data
    rest = list(location)
    while rest:
        step = rest.pop(0)
        if step in names and rest and isinstance(rest[0], int) and isinstance(node, dict):
            index = int(rest.pop(0))
            items = node.get(step)
            node = items[index] if isinstance(items, list) and index < len(items) else None
            key = node.get("key") if isinstance(node, dict) else None
            label = names[str(step)]
            parts.append(f"{label} '{key}'" if key else f"{label} {index + 1}")
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ": ".join(parts)


def _schema_problems(
    path: Path, error: ValidationError, data: Any, lines: LineMap
) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        kind = item["type"]
        if kind == "missing":
            where = _describe(location[:-1], data)
            message = f"missing field '{location[-1]}'"
            message = f"{where}: {message}" if where else message
        elif kind == "extra_forbidden":
            where = _describe(location[:-1], data)
            message = f"unknown field '{location[-1]}'"
            message = f"{where}: {message}" if where else message
        else:
            text = str(item["msg"]).removeprefix("Value error, ")
            message = f"{_describe(location, data)}: {text}"
        problems.append(Problem(path, lines.line(location), message))
    return problems


def _parse(
    path: Path, schema: type[ModelT], problems: list[Problem]
) -> tuple[ModelT, LineMap] | None:
    try:
        data, lines = read_yaml(path)
    except YamlDocumentError as error:
        problems.append(Problem(path, error.line, str(error)))
        return None
    except OSError as error:
        problems.append(Problem(path, 1, f"cannot read the file: {error.strerror}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "the file must hold a mapping (key: value lines)"))
        return None
    try:
        return schema.model_validate(data), lines
    except ValidationError as error:
        problems.extend(_schema_problems(path, error, data, lines))
        return None


def _term_problems(term: TermSchema) -> list[tuple[str, str]]:
    """Return (field, message) for each rule a single term breaks."""
    found: list[tuple[str, str]] = []
    name = f"'{term.key}'"
    if term.word_class is WordClass.NOUN:
        if term.article is None:
            found.append(("key", f"noun {name} needs an article (de or het)"))
        if term.countable and term.plural is None:
            found.append(("key", f"noun {name} needs a plural (or countable: false)"))
        if not term.countable and term.plural is not None:
            found.append(("plural", f"noun {name} has a plural but is marked countable: false"))
        if not term.abstract and term.picture is None:
            found.append(("key", f"noun {name} needs a picture (or abstract: true)"))
        forms = [term.lemma.lower()] + ([term.plural.lower()] if term.plural else [])
        if not any(form in term.example.lower() for form in forms):
            found.append(("example", f"the example of {name} does not contain the word itself"))
    else:
        for attribute in ("article", "plural"):
            if getattr(term, attribute) is not None:
                found.append(
                    (
                        attribute,
                        f"{name} is a {term.word_class.value}: only nouns have {attribute}",
                    )
                )
    words = len(term.example.split())
    if words > MAX_EXAMPLE_WORDS:
        found.append(
            ("example", f"the example of {name} has {words} words (at most {MAX_EXAMPLE_WORDS})")
        )
    return found


def _dutch_texts(theme_file: ThemeFile) -> Iterator[tuple[int, str, frozenset[str]]]:
    """Yield (line, text, allowed names) for every Dutch text of a theme file."""
    theme, lines = theme_file.theme, theme_file.lines
    none: frozenset[str] = frozenset()
    yield lines.line(("title",)), theme.title, none
    yield lines.line(("description",)), theme.description, none
    for i, term in enumerate(theme.terms):
        yield lines.line(("terms", i, "lemma")), term.lemma, none
        if term.plural:
            yield lines.line(("terms", i, "plural")), term.plural, none
        yield lines.line(("terms", i, "example")), term.example, none
    for d, dialogue in enumerate(theme.dialogues):
        names = frozenset(w.lower() for s in dialogue.speakers for w in words_in(s.name))
        yield lines.line(("dialogues", d, "title")), dialogue.title, names
        yield lines.line(("dialogues", d, "setting")), dialogue.setting, names
        for s, speaker in enumerate(dialogue.speakers):
            if speaker.role:
                yield lines.line(("dialogues", d, "speakers", s, "role")), speaker.role, names
        for n, line in enumerate(dialogue.lines):
            yield lines.line(("dialogues", d, "lines", n, "text")), line.text, names


def read_allowlist(path: Path, problems: list[Problem]) -> frozenset[str]:
    """Read `word  # reason` lines; an entry without a reason is a problem."""
    if not path.exists():
        return frozenset()
    words = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry, _, reason = raw.partition("#")
        entry = entry.strip()
        if not entry:
            continue
        if not reason.strip():
            problems.append(
                Problem(path, number, f"allowlist entry '{entry}' needs a reason after '#'")
            )
        words.add(entry.lower())
    return frozenset(words)


def _spelling_problems(
    sector_dir: Path, themes: list[ThemeFile], allowed: frozenset[str], checker: SpellChecker
) -> list[Problem]:
    occurrences: list[tuple[Path, int, str]] = []
    for theme_file in themes:
        for line, text, names in _dutch_texts(theme_file):
            for word in words_in(text):
                if word.lower() not in allowed and word.lower() not in names:
                    occurrences.append((theme_file.path, line, word))
    try:
        unknown = checker.unknown_words(word for _, _, word in occurrences)
    except SpellingUnavailable as error:
        return [Problem(sector_dir / "allowlist.txt", 1, str(error))]
    seen = set()
    problems = []
    for path, line, word in occurrences:
        if word in unknown and (path, line, word) not in seen:
            seen.add((path, line, word))
            problems.append(
                Problem(
                    path, line, f"unknown word '{word}' (spelling; jargon goes in allowlist.txt)"
                )
            )
    return problems


def check_sector(
    sector_dir: Path, *, checker: SpellChecker | None
) -> tuple[SectorContent | None, list[Problem]]:
    """Validate one sector folder; return its content only when it has no problem."""
    problems: list[Problem] = []
    slug = sector_dir.name
    if not SLUG.match(slug):
        problems.append(Problem(sector_dir, 1, f"sector folder name '{slug}' is not a slug"))
    sector_file = sector_dir / "sector.yaml"
    parsed_sector = None
    if sector_file.is_file():
        parsed_sector = _parse(sector_file, SectorSchema, problems)
    else:
        problems.append(Problem(sector_file, 1, "sector.yaml is missing"))

    theme_paths = sorted(p for p in (sector_dir / "themes").glob("*.y*ml"))
    if not theme_paths:
        problems.append(Problem(sector_dir / "themes", 1, "the sector has no theme files"))
    themes = []
    for path in theme_paths:
        parsed = _parse(path, ThemeSchema, problems)
        if parsed is not None:
            themes.append(ThemeFile(path, *parsed))

    pictures: dict[str, PictureSource] = {}
    for tf in themes:
        for i, term in enumerate(tf.theme.terms):
            for attribute, message in _term_problems(term):
                problems.append(Problem(tf.path, tf.lines.line(("terms", i, attribute)), message))
            if term.picture and term.picture not in pictures:
                try:
                    pictures[term.picture] = resolve_picture(
                        term.picture, sector_slug=slug, sector_dir=sector_dir
                    )
                except PictureError as error:
                    line = tf.lines.line(("terms", i, "picture"))
                    problems.append(Problem(tf.path, line, str(error)))
    term_keys = _unique_keys(themes, problems)
    if len(themes) == len(theme_paths):
        # With a theme file unreadable, its terms would show up as false unknown references.
        problems.extend(_reference_problems(themes, term_keys))
    allowed = read_allowlist(sector_dir / "allowlist.txt", problems)
    if checker is not None and themes:
        problems.extend(_spelling_problems(sector_dir, themes, allowed, checker))

    if problems or parsed_sector is None:
        return None, sorted(problems)
    return SectorContent(slug, sector_dir, parsed_sector[0], themes, pictures), []


def _unique_keys(themes: list[ThemeFile], problems: list[Problem]) -> set[str]:
    """Report theme slugs, term keys and dialogue keys defined twice; return the term keys."""
    first: dict[tuple[str, str], str] = {}

    def claim(kind: str, key: str, tf: ThemeFile, location: Location) -> None:
        line = tf.lines.line(location)
        where = f"{display_path(tf.path)}:{line}"
        if (kind, key) in first:
            message = f"duplicate {kind} '{key}' (also at {first[kind, key]})"
            problems.append(Problem(tf.path, line, message))
        first.setdefault((kind, key), where)

    for tf in themes:
        claim("theme slug", tf.theme.slug, tf, ("slug",))
        for i, term in enumerate(tf.theme.terms):
            claim("term key", term.key, tf, ("terms", i, "key"))
        for d, dialogue in enumerate(tf.theme.dialogues):
            claim("dialogue key", dialogue.key, tf, ("dialogues", d, "key"))
    return {key for kind, key in first if kind == "term key"}


def _reference_problems(themes: list[ThemeFile], term_keys: set[str]) -> Iterator[Problem]:
    """Report references to terms and speakers that do not exist."""
    for tf in themes:
        theme, lines = tf.theme, tf.lines
        own = {term.key for term in theme.terms}
        for i, key in enumerate(theme.includes):
            line = lines.line(("includes", i))
            if key not in term_keys:
                yield Problem(tf.path, line, f"theme '{theme.slug}' includes unknown term '{key}'")
            elif key in own or key in theme.includes[:i]:
                yield Problem(tf.path, line, f"theme '{theme.slug}' has term '{key}' twice")
        for d, dialogue in enumerate(theme.dialogues):
            name = f"dialogue '{dialogue.key}'"
            for i, key in enumerate(dialogue.terms):
                if key not in term_keys:
                    line = lines.line(("dialogues", d, "terms", i))
                    yield Problem(tf.path, line, f"{name} uses unknown term '{key}'")
            speakers = [s.key for s in dialogue.speakers]
            for s, speaker in enumerate(speakers):
                if speaker in speakers[:s]:
                    line = lines.line(("dialogues", d, "speakers", s))
                    yield Problem(tf.path, line, f"{name} has speaker '{speaker}' twice")
            for n, spoken in enumerate(dialogue.lines):
                if spoken.speaker not in speakers:
                    line = lines.line(("dialogues", d, "lines", n, "speaker"))
                    message = f"{name}: line {n + 1} has unknown speaker '{spoken.speaker}'"
                    yield Problem(tf.path, line, message)


def check_content(content_dir: Path, *, checker: SpellChecker | None) -> ContentReport:
    """Validate every sector folder under `content_dir`."""
    report = ContentReport()
    if not content_dir.is_dir():
        report.problems.append(Problem(content_dir, 1, "the content folder does not exist"))
        return report
    for sector_dir in sorted(
        p for p in content_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        sector, problems = check_sector(sector_dir, checker=checker)
        report.problems.extend(problems)
        if sector is not None:
            report.sectors.append(sector)
    return report

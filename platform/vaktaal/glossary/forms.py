"""The builder's choices, read from the query string so a preview URL can be shared."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from vaktaal.glossary.schemas import MAX_ENTRIES, MAX_LANGUAGES, Layout, Selection
from vaktaal.sectors.schemas import GLOSS_LANGUAGES


@dataclass(frozen=True)
class BuilderForm:
    """What the builder page shows: the choices so far and the search."""

    sector: str
    query: str
    selection: Selection | None  # None until a sector is chosen

    @property
    def wants_preview(self) -> bool:
        if self.selection is None:
            return False
        return bool(self.selection.themes or self.selection.terms or self.selection.company_words)


# The query parameters that make a selection: the PDF link carries these and nothing else.
SELECTION_KEYS = ("sector", "theme", "term", "cword", "lang", "layout", "no_plural")


def selection_args(args: MultiDict[str, str]) -> dict[str, list[str]]:
    return {key: args.getlist(key) for key in SELECTION_KEYS if key in args}


def read_builder_form(args: MultiDict[str, str]) -> BuilderForm:
    """Parse the query string; unknown values are dropped, the service checks the rest."""
    sector = args.get("sector", "").strip()
    query = args.get("q", "").strip()[:60]
    if not sector:
        return BuilderForm("", query, None)
    try:
        layout = Layout(args.get("layout", Layout.CARDS.value))
    except ValueError:
        layout = Layout.CARDS
    languages = tuple(dict.fromkeys(c for c in args.getlist("lang") if c in GLOSS_LANGUAGES))
    selection = Selection(
        sector=sector,
        # A query string of thousands of words is cut (the service refuses more than
        # MAX_ENTRIES with a message) before it reaches a query.
        themes=tuple(dict.fromkeys(args.getlist("theme")))[:MAX_ENTRIES],
        terms=tuple(dict.fromkeys(args.getlist("term")))[: MAX_ENTRIES + 1],
        # More than three is refused with a message by the service, not silently cut.
        languages=languages[: MAX_LANGUAGES + 1],
        layout=layout,
        plural=not args.get("no_plural"),
        company_words=tuple(
            dict.fromkeys(int(v) for v in args.getlist("cword") if v.isdigit() and len(v) < 10)
        )[: MAX_ENTRIES + 1],
    )
    return BuilderForm(sector, query, selection)

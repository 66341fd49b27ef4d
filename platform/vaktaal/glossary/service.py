"""Build a picture glossary from a selection, typeset it as HTML and render it as PDF.

The glossary is a plain value (`Glossary`): the views show it as an HTML preview, and
the same template, with pictures and stylesheet as local files, becomes the PDF.
WeasyPrint and segno are imported where they are used, not when the app starts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from vaktaal.config import PROJECT_ROOT
from vaktaal.core.i18n import RTL_LANGUAGES
from vaktaal.glossary.schemas import (
    MAX_ENTRIES,
    MAX_LANGUAGES,
    Layout,
    PageFormat,
    Selection,
    page_format,
    word_size,
)
from vaktaal.sectors.models import Picture, Sector, Term, TermGloss, ThemeTerm
from vaktaal.sectors.pictures import picture_file
from vaktaal.sectors.schemas import GLOSS_LANGUAGES

STYLESHEET = PROJECT_ROOT / "static" / "css" / "glossary.css"
SEARCH_LIMIT = 60


class GlossaryError(ValueError):
    """A selection that cannot be printed; the message says why, for the person."""


@dataclass(frozen=True)
class GlossLine:
    language: str
    text: str
    draft: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class Entry:
    """One card, label or poster cell."""

    key: str
    lemma: str
    article: str | None
    plural: str | None
    picture: Picture | None
    glosses: tuple[GlossLine, ...]
    word_url: str
    qr: str  # SVG as a data: URI, usable in the page and in the PDF
    size: int  # font size of the word in points (see schemas.word_size)

    @property
    def with_article(self) -> str:
        return f"{self.article} {self.lemma}" if self.article else self.lemma


@dataclass(frozen=True)
class Glossary:
    selection: Selection
    sector_title: str
    title: str
    entries: tuple[Entry, ...]
    made_at: datetime
    source: str  # where the sheet comes from: the site's address

    @property
    def layout(self) -> Layout:
        return self.selection.layout

    @property
    def page(self) -> PageFormat:
        return page_format(self.layout, len(self.entries))

    @property
    def pages(self) -> list[tuple[Entry, ...]]:
        n = self.page.per_page
        return [self.entries[i : i + n] for i in range(0, len(self.entries), n)]

    @property
    def picture_sources(self) -> set[str]:
        return {e.picture.source for e in self.entries if e.picture is not None}

    @property
    def has_draft(self) -> bool:
        return any(g.draft for e in self.entries for g in e.glosses)


def active_sector(session: Session, slug: str) -> Sector | None:
    """An active sector with its active themes loaded."""
    return session.scalar(
        select(Sector)
        .where(Sector.slug == slug, Sector.retired_at.is_(None))
        .options(selectinload(Sector.themes))
    )


def search_terms(session: Session, sector: Sector, query: str) -> list[Term]:
    """Active terms of the sector whose Dutch word or a gloss contains `query`."""
    pattern = f"%{query.strip().lower()}%"
    glossed = (
        select(TermGloss.term_id).where(func.lower(TermGloss.text).like(pattern)).scalar_subquery()
    )
    return list(
        session.scalars(
            select(Term)
            .where(
                Term.sector_id == sector.id,
                Term.retired_at.is_(None),
                or_(func.lower(Term.lemma).like(pattern), Term.id.in_(glossed)),
            )
            .order_by(Term.lemma)
            .limit(SEARCH_LIMIT)
        )
    )


def terms_by_key(session: Session, sector: Sector, keys: Iterable[str]) -> list[Term]:
    keys = list(keys)
    if not keys:
        return []
    found = {
        term.key: term
        for term in session.scalars(
            select(Term).where(
                Term.sector_id == sector.id, Term.key.in_(keys), Term.retired_at.is_(None)
            )
        )
    }
    return [found[k] for k in keys if k in found]


def build_glossary(
    session: Session,
    selection: Selection,
    *,
    now: datetime,
    word_url: Callable[[str, str], str],
    source: str,
) -> Glossary:
    """Collect the chosen words, in theme order and then in the order they were picked."""
    sector = active_sector(session, selection.sector)
    if sector is None:
        raise GlossaryError(_("Deze sector bestaat niet."))
    unknown = [code for code in selection.languages if code not in GLOSS_LANGUAGES]
    if unknown:
        raise GlossaryError(_("Onbekende taal: %(code)s", code=", ".join(unknown)))
    if len(selection.languages) > MAX_LANGUAGES:
        raise GlossaryError(_("Kies hoogstens %(num)d talen.", num=MAX_LANGUAGES))
    themes = {t.slug: t for t in sector.themes if t.active}
    missing = [slug for slug in selection.themes if slug not in themes]
    if missing:
        raise GlossaryError(_("Onbekend thema: %(slug)s", slug=", ".join(missing)))
    if selection.layout is Layout.POSTER and len(selection.themes) != 1:
        raise GlossaryError(_("Een poster is voor één thema: kies één thema."))

    chosen = [themes[slug] for slug in selection.themes]
    terms: dict[int, Term] = {}
    if chosen:
        rows = session.scalars(
            select(ThemeTerm)
            .join(Term)
            .where(ThemeTerm.theme_id.in_([t.id for t in chosen]), Term.retired_at.is_(None))
            .options(selectinload(ThemeTerm.term))
        )
        order = {theme.id: i for i, theme in enumerate(chosen)}
        for link in sorted(rows, key=lambda tt: (order[tt.theme_id], tt.position)):
            terms.setdefault(link.term_id, link.term)
    if selection.layout is not Layout.POSTER:
        for term in terms_by_key(session, sector, selection.terms):
            terms.setdefault(term.id, term)
    if not terms:
        raise GlossaryError(_("Kies een thema of een paar woorden."))
    if len(terms) > MAX_ENTRIES:
        raise GlossaryError(_("Kies hoogstens %(num)d woorden.", num=MAX_ENTRIES))

    loaded = {
        term.id: term
        for term in session.scalars(
            select(Term)
            .where(Term.id.in_(list(terms)))
            .options(selectinload(Term.picture), selectinload(Term.glosses))
        )
    }
    page = page_format(selection.layout, len(terms))
    entries = tuple(
        _entry(loaded[term_id], selection, page, word_url(sector.slug, loaded[term_id].key))
        for term_id in terms
    )
    title = ", ".join(theme.title for theme in chosen) if chosen else _("Woorden")
    return Glossary(selection, sector.title, title, entries, now, source)


def _entry(term: Term, selection: Selection, page: PageFormat, url: str) -> Entry:
    by_language = {gloss.language: gloss for gloss in term.glosses}
    glosses = tuple(
        GlossLine(code, by_language[code].text, by_language[code].status != "reviewed")
        for code in selection.languages
        if code in by_language
    )
    return Entry(
        key=term.key,
        lemma=term.lemma,
        article=term.article,
        plural=term.plural if selection.plural else None,
        picture=term.picture,
        glosses=glosses,
        word_url=url,
        qr=qr_data_uri(url),
        size=word_size(term.lemma, term.article, page),
    )


def qr_svg(url: str) -> str:
    """A QR code for `url` as a vector SVG (scalable, no size: the page sets it)."""
    import segno

    # Error correction M survives a scratched or slightly creased label.
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    # With its namespace: a browser shows an SVG image (data: URI) only when it has one.
    code.save(
        out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=2,
        dark="#000", light="#fff",
    )  # fmt: skip
    return out.getvalue().decode()


def qr_data_uri(url: str) -> str:
    from urllib.parse import quote

    return "data:image/svg+xml;charset=utf-8," + quote(qr_svg(url), safe="")


def get_word(session: Session, sector_slug: str, key: str) -> Term | None:
    """An active term of an active sector, with its picture and glosses."""
    return session.scalar(
        select(Term)
        .join(Sector, Term.sector_id == Sector.id)
        .where(
            Sector.slug == sector_slug,
            Term.key == key,
            Sector.retired_at.is_(None),
            Term.retired_at.is_(None),
        )
        .options(selectinload(Term.picture), selectinload(Term.glosses))
    )


def render_pdf(html: str) -> bytes:
    """Typeset HTML as PDF; only local files and data: URIs are read, nothing from the net."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return bytes(HTML(string=html, base_url=str(PROJECT_ROOT), url_fetcher=fetcher).write_pdf())


def print_assets() -> dict[str, Callable[..., str]]:
    """File URLs for the stylesheet and pictures, for HTML that WeasyPrint reads."""
    content_dir = Path(current_app.config["CONTENT_DIR"])

    def picture(pic: Picture) -> str:
        return picture_file(pic.source, pic.folder, pic.name, content_dir=content_dir).as_uri()

    return {"stylesheet": lambda: STYLESHEET.as_uri(), "picture_src": picture}


def glossary_html(glossary: Glossary) -> str:
    """The glossary as a standalone HTML document for WeasyPrint."""
    return render_template("glossary/print.html", glossary=glossary, **print_assets())


def build_glossary_pdf(glossary: Glossary) -> bytes:
    return render_pdf(glossary_html(glossary))


def build_tips_pdf() -> bytes:
    """The one-page sheet of tips for colleagues."""
    return render_pdf(render_template("glossary/tips_print.html", **print_assets()))


def public_word_url(sector: str, key: str) -> str:
    """The word page's address as printed in QR codes: on the site's public BASE_URL."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for(
        "glossary.word", sector=sector, term=key
    )

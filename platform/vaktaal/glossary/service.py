"""Build a picture glossary from a selection, typeset it as HTML and render it as PDF.

The glossary is a plain value (`Glossary`): the views show it as an HTML preview, and
the same template, with pictures and stylesheet as local files, becomes the PDF.
WeasyPrint and segno are imported where they are used, not when the app starts.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from vaktaal.config import PROJECT_ROOT
from vaktaal.core.cleanup import delete_after_commit
from vaktaal.core.i18n import RTL_LANGUAGES
from vaktaal.glossary.models import CompanyWord, SavedGlossary
from vaktaal.glossary.photos import photo_path
from vaktaal.glossary.schemas import (
    MAX_ENTRIES,
    MAX_LANGUAGES,
    Layout,
    PageFormat,
    Selection,
    page_format,
    word_size,
)
from vaktaal.ownwords.pictures import photo_folder as term_photo_folder
from vaktaal.ownwords.pictures import picture_path
from vaktaal.sectors.models import Picture, Sector, Term, TermGloss, Theme, ThemeTerm
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
    word_url: str | None  # None: a company word has no public page
    qr: str | None  # SVG as a data: URI, usable in the page and in the PDF
    size: int  # font size of the word in points (see schemas.word_size)
    photo: CompanyWord | None = None  # a company word's own photo

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


def _visible(organisation_id: int | None) -> ColumnElement[bool]:
    """The sector's own terms or themes, and those of the logged-in organisation only."""
    if organisation_id is None:
        return Term.organisation_id.is_(None)
    return or_(Term.organisation_id.is_(None), Term.organisation_id == organisation_id)


def selectable_themes(
    session: Session, sector: Sector, organisation_id: int | None = None
) -> list[Theme]:
    """The sector's active themes, then the organisation's own themes of that sector."""
    own: list[Theme] = []
    if organisation_id is not None:
        own = list(
            session.scalars(
                select(Theme)
                .where(
                    Theme.sector_id == sector.id,
                    Theme.organisation_id == organisation_id,
                    Theme.retired_at.is_(None),
                )
                .order_by(Theme.position, Theme.id)
            )
        )
    return [t for t in sector.themes if t.active] + own


def search_terms(
    session: Session, sector: Sector, query: str, *, organisation_id: int | None = None
) -> list[Term]:
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
                _visible(organisation_id),
                or_(func.lower(Term.lemma).like(pattern), Term.id.in_(glossed)),
            )
            .order_by(Term.lemma)
            .limit(SEARCH_LIMIT)
        )
    )


def terms_by_key(
    session: Session, sector: Sector, keys: Iterable[str], *, organisation_id: int | None = None
) -> list[Term]:
    keys = list(keys)
    if not keys:
        return []
    found = {
        term.key: term
        for term in session.scalars(
            select(Term).where(
                Term.sector_id == sector.id,
                Term.key.in_(keys),
                Term.retired_at.is_(None),
                _visible(organisation_id),
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
    organisation_id: int | None = None,
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
    themes = {t.slug: t for t in selectable_themes(session, sector, organisation_id)}
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
        for term in terms_by_key(
            session, sector, selection.terms, organisation_id=organisation_id
        ):
            terms.setdefault(term.id, term)
    own = (
        company_words_by_id(session, organisation_id, selection.company_words)
        if organisation_id is not None and selection.layout is not Layout.POSTER
        else []
    )
    if not terms and not own:
        raise GlossaryError(_("Kies een thema of een paar woorden."))
    if len(terms) + len(own) > MAX_ENTRIES:
        raise GlossaryError(_("Kies hoogstens %(num)d woorden.", num=MAX_ENTRIES))

    loaded = {
        term.id: term
        for term in session.scalars(
            select(Term)
            .where(Term.id.in_(list(terms)))
            .options(selectinload(Term.picture), selectinload(Term.glosses))
        )
    }
    page = page_format(selection.layout, len(terms) + len(own))
    entries = tuple(
        _entry(loaded[term_id], selection, page, word_url(sector.slug, loaded[term_id].key))
        for term_id in terms
    ) + tuple(_company_entry(word, selection, page) for word in own)
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


def _company_entry(word: CompanyWord, selection: Selection, page: PageFormat) -> Entry:
    glosses = tuple(
        GlossLine(code, word.glosses[code], draft=False)
        for code in selection.languages
        if word.glosses.get(code)
    )
    return Entry(
        key=f"bedrijf-{word.id}",
        lemma=word.lemma,
        article=word.article,
        plural=word.plural if selection.plural else None,
        picture=None,
        glosses=glosses,
        word_url=None,
        qr=None,
        size=word_size(word.lemma, word.article, page),
        photo=word if word.photo_name else None,
    )


def company_words_by_id(
    session: Session, organisation_id: int, ids: Iterable[int]
) -> list[CompanyWord]:
    """The organisation's own words among `ids`, in that order; others' ids are ignored."""
    ids = list(ids)
    if not ids:
        return []
    found = {
        word.id: word
        for word in session.scalars(
            select(CompanyWord).where(
                CompanyWord.organisation_id == organisation_id, CompanyWord.id.in_(ids)
            )
        )
    }
    return [found[i] for i in ids if i in found]


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
    instance = current_app.instance_path

    def picture(pic: Picture) -> str:
        path = picture_path(pic, content_dir=content_dir, photos=term_photo_folder(instance))
        return path.as_uri()

    def photo(word: CompanyWord) -> str:
        assert word.photo_name is not None
        return photo_path(photo_folder(), word.organisation_id, word.photo_name).as_uri()

    return {
        "stylesheet": lambda: STYLESHEET.as_uri(),
        "picture_src": picture,
        "photo_src": photo,
    }


def photo_folder() -> Path:
    """Where company photos are stored: in the instance folder, never under static/."""
    return Path(current_app.instance_path) / "company-photos"


def glossary_html(glossary: Glossary) -> str:
    """The glossary as a standalone HTML document for WeasyPrint."""
    return render_template("glossary/print.html", glossary=glossary, **print_assets())


def build_glossary_pdf(glossary: Glossary) -> bytes:
    return render_pdf(glossary_html(glossary))


def build_tips_pdf() -> bytes:
    """The one-page sheet of tips for colleagues."""
    return render_pdf(render_template("glossary/tips_print.html", **print_assets()))


def public_word_url(sector: str, key: str) -> str:
    """The word page's address as printed in QR codes: on the site's public BASE_URL.

    An organisation's own word carries a token: its key is easy to guess, and its page
    may show a photo of the workplace, so only those with the printed code may open it.
    """
    token = word_token(sector, key) if is_own_key(key) else None
    return current_app.config["BASE_URL"].rstrip("/") + url_for(
        "glossary.word", sector=sector, term=key, k=token
    )


def is_own_key(key: str) -> bool:
    """An organisation's term (`org<id>.<slug>`); content keys have no dots."""
    return "." in key


def word_token(sector: str, key: str) -> str:
    """A token for an own word's public page: a keyed hash, so it cannot be made up."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"glossary-word:{sector}/{key}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:24]


def word_token_valid(sector: str, key: str, token: str | None) -> bool:
    return token is not None and hmac.compare_digest(word_token(sector, key), token)


# An organisation's saved glossaries and company words. Callers pass the organisation of
# the logged-in user; a row of another organisation is "not found", never shown.


def save_glossary(
    session: Session, organisation_id: int, selection: Selection, *, name: str, now: datetime
) -> SavedGlossary:
    cleaned = " ".join(name.split())[:200]
    if not cleaned:
        raise GlossaryError(_("Geef de woordenlijst een naam."))
    saved = SavedGlossary(
        organisation_id=organisation_id,
        name=cleaned,
        selection=selection.to_dict(),
        created_at=now,
        updated_at=now,
    )
    session.add(saved)
    session.flush()
    return saved


def list_saved_glossaries(session: Session, organisation_id: int) -> list[SavedGlossary]:
    return list(
        session.scalars(
            select(SavedGlossary)
            .where(SavedGlossary.organisation_id == organisation_id)
            .order_by(SavedGlossary.updated_at.desc(), SavedGlossary.id.desc())
        )
    )


def get_saved_glossary(
    session: Session, organisation_id: int, saved_id: int
) -> SavedGlossary | None:
    saved = session.get(SavedGlossary, saved_id)
    return saved if saved is not None and saved.organisation_id == organisation_id else None


def add_company_word(
    session: Session,
    organisation_id: int,
    *,
    lemma: str,
    article: str | None,
    plural: str | None,
    example: str | None,
    glosses: dict[str, str],
    photo_name: str | None,
    now: datetime,
) -> CompanyWord:
    word = CompanyWord(
        organisation_id=organisation_id,
        lemma=" ".join(lemma.split())[:80],
        article=article or None,
        plural=(plural or "").strip()[:80] or None,
        example=(example or "").strip()[:200] or None,
        glosses={k: v.strip()[:200] for k, v in glosses.items() if k in GLOSS_LANGUAGES and v},
        photo_name=photo_name,
        created_at=now,
    )
    session.add(word)
    session.flush()
    return word


def list_company_words(session: Session, organisation_id: int) -> list[CompanyWord]:
    return list(
        session.scalars(
            select(CompanyWord)
            .where(CompanyWord.organisation_id == organisation_id)
            .order_by(CompanyWord.lemma, CompanyWord.id)
        )
    )


def get_company_word(session: Session, organisation_id: int, word_id: int) -> CompanyWord | None:
    word = session.get(CompanyWord, word_id)
    return word if word is not None and word.organisation_id == organisation_id else None


def delete_company_word(session: Session, word: CompanyWord, *, folder: Path) -> None:
    """Delete the word and, once that is committed, its photo file (saved glossaries then
    simply skip it)."""
    if word.photo_name:
        delete_after_commit(session, [photo_path(folder, word.organisation_id, word.photo_name)])
    session.delete(word)
    session.flush()

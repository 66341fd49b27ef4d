"""An organisation's own terms and themes: create, change, retire, list, and speak them.

Own terms and themes are ordinary `Term` and `Theme` rows with an `organisation_id`, so
practice, printing and scheduling treat them like the sector's. Their keys and slugs
start with `org<id>.`; callers pass the organisation of the logged-in teacher, and a
row of another organisation is "not found", never shown or changed.

Functions here flush but never commit: the request (or command) commits once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from vaktaal.accounts.models import Group
from vaktaal.audio.engines import accepted_engines, engine_order, make_engine
from vaktaal.audio.processing import OutputSettings, missing_tools
from vaktaal.audio.service import build_term_audio
from vaktaal.audio.storage import storage_for
from vaktaal.audio.synthesis import Renderer
from vaktaal.ownwords.csv_import import LEVELS, MAX_EXAMPLE, MAX_GLOSS, MAX_LEMMA, MAX_PLURAL
from vaktaal.sectors.models import Picture, Sector, Term, TermGloss, Theme, ThemeTerm
from vaktaal.sectors.schemas import GLOSS_LANGUAGES, Article, WordClass
from vaktaal.teaching.models import ThemeAssignment

MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_TOPIC = 200
# Own themes come after the sector's content themes (which are numbered from 0 or 1).
OWN_THEME_POSITION = 1000


class OwnWordsError(ValueError):
    """A word or theme that cannot be saved; `code` names the problem, `message` says it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        messages = {
            "empty-lemma": _("Typ het woord."),
            "long-lemma": _("Het woord is te lang: hoogstens %(num)d tekens.", num=MAX_LEMMA),
            "word-class": _("Kies een woordsoort."),
            "article": _("Het lidwoord moet de of het zijn."),
            "article-not-noun": _("Alleen een zelfstandig naamwoord heeft een lidwoord."),
            "long-plural": _("Het meervoud is te lang: hoogstens %(num)d tekens.", num=MAX_PLURAL),
            "long-example": _(
                "De voorbeeldzin is te lang: hoogstens %(num)d tekens.", num=MAX_EXAMPLE
            ),
            "gloss-language": _("Onbekende taal: %(code)s", code=self.params.get("language", "")),
            "long-gloss": _("Een vertaling is te lang: hoogstens %(num)d tekens.", num=MAX_GLOSS),
            "level": _("Kies een niveau."),
            "empty-title": _("Geef het thema een titel."),
            "long-title": _("De titel is te lang: hoogstens %(num)d tekens.", num=MAX_TITLE),
            "no-terms": _("Kies minstens één woord voor het thema."),
            "foreign-term": _("Een van de woorden hoort niet bij deze sector of organisatie."),
            "planned-elsewhere": _(
                "Dit thema is ingepland bij de groep %(group)s. Haal het daar eerst uit de "
                "planning, of kies de hele organisatie.",
                group=self.params.get("group", ""),
            ),
        }
        return messages.get(self.code, _("Dat ging niet goed. Probeer het opnieuw."))


def slugify(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: "Veiligheids­schoen!" → ..."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def organisation_prefix(organisation_id: int) -> str:
    return f"org{organisation_id}."


def _unique(taken: set[str], base: str, *, limit: int = 80) -> str:
    """`base`, or `base-2`, `base-3`… — the first that is not taken, at most `limit` long."""
    candidate, n = base[:limit], 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: limit - len(suffix)] + suffix
        n += 1
    return candidate


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


# --- terms ---------------------------------------------------------------------------


def _term_values(
    *,
    lemma: str,
    word_class: str,
    article: str | None,
    plural: str | None,
    example: str,
    glosses: Mapping[str, str],
    level: str,
) -> dict[str, Any]:
    """Check and tidy a term's fields; raise OwnWordsError on the first problem."""
    lemma = _clean(lemma)
    if not lemma:
        raise OwnWordsError("empty-lemma")
    if len(lemma) > MAX_LEMMA:
        raise OwnWordsError("long-lemma")
    if word_class not in {w.value for w in WordClass}:
        raise OwnWordsError("word-class")
    article = _clean(article).lower() or None
    if word_class == WordClass.NOUN:
        if article not in {a.value for a in Article}:
            raise OwnWordsError("article")
    elif article is not None:
        raise OwnWordsError("article-not-noun")
    plural = _clean(plural) or None
    if plural is not None and len(plural) > MAX_PLURAL:
        raise OwnWordsError("long-plural")
    example = _clean(example)
    if len(example) > MAX_EXAMPLE:
        raise OwnWordsError("long-example")
    if level not in LEVELS:
        raise OwnWordsError("level")
    cleaned: dict[str, str] = {}
    for language, text in glosses.items():
        if language not in GLOSS_LANGUAGES:
            raise OwnWordsError("gloss-language", language=language)
        if _clean(text):
            if len(_clean(text)) > MAX_GLOSS:
                raise OwnWordsError("long-gloss")
            cleaned[language] = _clean(text)
    return {
        "lemma": lemma,
        "word_class": word_class,
        "article": article,
        "plural": plural,
        # Practice needs an example sentence; a word alone is the least it can speak.
        "example": example or (f"{article} {lemma}" if article else lemma),
        "level": level,
        "glosses": cleaned,
    }


def _set_glosses(session: Session, term: Term, glosses: Mapping[str, str]) -> None:
    """Make the term's glosses these; a changed text is a draft again."""
    current = {gloss.language: gloss for gloss in term.glosses}
    for language, gloss in current.items():
        if language not in glosses:
            term.glosses.remove(gloss)
    for language, text in glosses.items():
        gloss = current.get(language)
        if gloss is None:
            term.glosses.append(TermGloss(language=language, text=text, status="draft"))
        elif gloss.text != text:
            gloss.text, gloss.status = text, "draft"


def _apply(term: Term, values: dict[str, Any], picture: Picture | None) -> None:
    term.lemma = values["lemma"]
    term.word_class = values["word_class"]
    term.article = values["article"]
    term.plural = values["plural"]
    term.example = values["example"]
    term.level = values["level"]
    term.picture = picture
    # A noun with a plural can be counted; a word without a picture is practised without
    # picture exercises (the content files mark such words `abstract`).
    term.countable = values["word_class"] == WordClass.NOUN and values["plural"] is not None
    term.abstract = picture is None


def create_term(
    session: Session,
    organisation_id: int,
    *,
    sector: Sector,
    lemma: str,
    word_class: str = "noun",
    article: str | None = None,
    plural: str | None = None,
    example: str = "",
    glosses: Mapping[str, str] | None = None,
    picture: Picture | None = None,
    level: str = "A1",
    now: datetime,
) -> Term:
    """A new term of the organisation in `sector`, keyed `org<id>.<slug of the word>`."""
    values = _term_values(
        lemma=lemma, word_class=word_class, article=article, plural=plural,
        example=example, glosses=glosses or {}, level=level,
    )  # fmt: skip
    prefix = organisation_prefix(organisation_id)
    taken = set(
        session.scalars(
            select(Term.key).where(Term.sector_id == sector.id, Term.key.startswith(prefix))
        )
    )
    base = prefix + (slugify(values["lemma"]) or "woord")
    term = Term(
        sector=sector,
        key=_unique(taken, base),
        organisation_id=organisation_id,
        tags=[],
        created_at=now,
        updated_at=now,
    )
    _apply(term, values, picture)
    session.add(term)
    _set_glosses(session, term, values["glosses"])
    session.flush()
    return term


def update_term(
    session: Session,
    term: Term,
    *,
    lemma: str,
    word_class: str = "noun",
    article: str | None = None,
    plural: str | None = None,
    example: str = "",
    glosses: Mapping[str, str] | None = None,
    picture: Picture | None = None,
    level: str = "A1",
    now: datetime,
) -> Term:
    """Set every field of an own term (as the edit form sends them all).

    Its key stays, so practice progress stays with it; a changed gloss is a draft again.
    """
    values = _term_values(
        lemma=lemma, word_class=word_class, article=article, plural=plural,
        example=example, glosses=glosses or {}, level=level,
    )  # fmt: skip
    _apply(term, values, picture)
    _set_glosses(session, term, values["glosses"])
    term.updated_at = now
    session.flush()
    return term


def retire_term(term: Term, *, now: datetime) -> None:
    """Take a word out of use; it is never deleted, as progress may refer to it."""
    if term.retired_at is None:
        term.retired_at = now
        term.updated_at = now


def find_org_term(session: Session, organisation_id: int, term_id: int) -> Term | None:
    """The organisation's active term; None for a content term or another organisation's."""
    term = session.get(Term, term_id)
    if term is None or term.organisation_id != organisation_id or term.retired_at is not None:
        return None
    return term


def organisation_terms(
    session: Session, organisation_id: int, *, sector_id: int | None = None
) -> list[Term]:
    """The organisation's active terms, by sector and word, with pictures and glosses."""
    query = (
        select(Term)
        .join(Sector, Term.sector_id == Sector.id)
        .where(Term.organisation_id == organisation_id, Term.retired_at.is_(None))
        .order_by(Sector.position, Sector.slug, Term.lemma, Term.id)
        .options(selectinload(Term.picture), selectinload(Term.glosses), selectinload(Term.sector))
    )
    if sector_id is not None:
        query = query.where(Term.sector_id == sector_id)
    return list(session.scalars(query))


def existing_lemmas(session: Session, organisation_id: int, sector: Sector) -> dict[str, str]:
    """Lower-cased words already in the sector's lists or the organisation's: → "sector"/"own"."""
    rows = session.execute(
        select(Term.lemma, Term.organisation_id).where(
            Term.sector_id == sector.id,
            Term.retired_at.is_(None),
            (Term.organisation_id.is_(None)) | (Term.organisation_id == organisation_id),
        )
    )
    found: dict[str, str] = {}
    for lemma, owner in rows:
        found.setdefault(lemma.lower(), "own" if owner is not None else "sector")
    return found


# --- themes --------------------------------------------------------------------------


def _easiest(levels: Iterable[str]) -> str:
    return min(levels, key=LEVELS.index, default="A1")


def create_theme(
    session: Session,
    organisation_id: int,
    *,
    sector: Sector,
    title: str,
    terms: Sequence[Term],
    group_id: int | None = None,
    description: str = "",
    training_topics: Sequence[str] = (),
    now: datetime,
) -> Theme:
    """A theme of the organisation (or of one of its groups) with these terms, in order.

    The terms may be the sector's own, those of a cross-sector pack (`werk`) or the
    organisation's; the theme's level is the easiest among them.
    """
    title = _theme_title(title)
    unique_terms = _theme_terms(sector, organisation_id, terms)
    prefix = organisation_prefix(organisation_id)
    existing = session.execute(
        select(Theme.slug, Theme.organisation_id).where(Theme.sector_id == sector.id)
    ).all()
    taken = {slug for slug, _owner in existing}
    own_count = sum(1 for _slug, owner in existing if owner is not None)
    theme = Theme(
        sector=sector,
        slug=_unique(taken, prefix + (slugify(title) or "thema")),
        title=title,
        description=_clean(description)[:MAX_DESCRIPTION],
        level=_easiest(term.level for term in unique_terms),
        position=OWN_THEME_POSITION + own_count,
        training_topics=[t for t in (_clean(t)[:MAX_TOPIC] for t in training_topics) if t],
        organisation_id=organisation_id,
        group_id=group_id,
        created_at=now,
        updated_at=now,
    )
    theme.theme_terms = [
        ThemeTerm(term_id=term.id, position=position) for position, term in enumerate(unique_terms)
    ]
    session.add(theme)
    session.flush()
    return theme


def _theme_title(title: str) -> str:
    title = _clean(title)
    if not title:
        raise OwnWordsError("empty-title")
    if len(title) > MAX_TITLE:
        raise OwnWordsError("long-title")
    return title


def _theme_terms(sector: Sector, organisation_id: int, terms: Sequence[Term]) -> list[Term]:
    """The terms once each, in order; each the sector's, a pack's or the organisation's."""
    unique_terms = list({term.id: term for term in terms}.values())
    if not unique_terms:
        raise OwnWordsError("no-terms")
    for term in unique_terms:
        in_reach = term.sector_id == sector.id or term.sector.cross_sector
        if not in_reach or term.organisation_id not in (None, organisation_id):
            raise OwnWordsError("foreign-term")
    return unique_terms


def find_org_theme(session: Session, organisation_id: int, theme_id: int) -> Theme | None:
    """The organisation's active theme; None for a content theme or another organisation's."""
    theme = session.get(Theme, theme_id)
    if theme is None or theme.organisation_id != organisation_id or theme.retired_at is not None:
        return None
    return theme


def update_theme(
    session: Session,
    theme: Theme,
    *,
    title: str,
    terms: Sequence[Term],
    group_id: int | None,
    now: datetime,
) -> None:
    """Rename the theme, change who it is for, and set its words (kept ones keep their place).

    A theme planned for a group cannot become another group's only: that group would
    lose sight of it while its deadline stays.
    """
    assert theme.organisation_id is not None
    title = _theme_title(title)
    unique_terms = _theme_terms(theme.sector, theme.organisation_id, terms)
    if group_id is not None:
        planned_elsewhere = session.scalar(
            select(Group.name)
            .join(ThemeAssignment, ThemeAssignment.group_id == Group.id)
            .where(ThemeAssignment.theme_id == theme.id, ThemeAssignment.group_id != group_id)
            .limit(1)
        )
        if planned_elsewhere is not None:
            raise OwnWordsError("planned-elsewhere", group=planned_elsewhere)
    wanted = [term.id for term in unique_terms]
    kept = {tt.term_id: tt for tt in theme.theme_terms if tt.term_id in wanted}
    for theme_term in [tt for tt in theme.theme_terms if tt.term_id not in kept]:
        theme.theme_terms.remove(theme_term)
    session.flush()  # the removed rows go before a word can come back under its key
    for position, term_id in enumerate(wanted):
        if term_id in kept:
            kept[term_id].position = position
        else:
            theme.theme_terms.append(ThemeTerm(term_id=term_id, position=position))
    theme.title = title
    theme.group_id = group_id
    theme.level = _easiest(term.level for term in unique_terms)
    theme.updated_at = now
    session.flush()


def retire_theme(session: Session, theme: Theme, *, now: datetime) -> int:
    """Take a theme out of use and out of every planning; return how many plannings went.

    The theme is kept (retired), as are its words and what learners learned of them.
    """
    planned = session.execute(
        delete(ThemeAssignment).where(ThemeAssignment.theme_id == theme.id)
    ).rowcount
    theme.retired_at = now
    theme.updated_at = now
    session.flush()
    return int(planned or 0)


def organisation_themes(
    session: Session, organisation_id: int, *, group_id: int | None = None
) -> list[Theme]:
    """The organisation's active themes; with `group_id`, those for everyone and that group."""
    query = (
        select(Theme)
        .where(Theme.organisation_id == organisation_id, Theme.retired_at.is_(None))
        .order_by(Theme.sector_id, Theme.position, Theme.id)
    )
    if group_id is not None:
        query = query.where((Theme.group_id.is_(None)) | (Theme.group_id == group_id))
    return list(session.scalars(query))


# --- audio ---------------------------------------------------------------------------


def make_term_audio(
    session: Session, term: Term, *, config: Mapping[str, Any], now: datetime
) -> bool:
    """Speak the term's word, plural and example now, with the configured engine.

    Returns False when some clip could not be made: the word is saved anyway, and
    `flask audio build` makes the rest later.
    """
    if missing_tools():
        return False
    choice = config.get("AUDIO_ENGINE", "espeak")
    storage = storage_for(config)
    renderer = Renderer(
        [make_engine(name) for name in engine_order(choice)],
        storage,
        OutputSettings(format=config["AUDIO_FORMAT"]),
    )
    try:
        result = build_term_audio(
            session,
            term,
            renderer=renderer,
            accepted=[make_engine(name) for name in accepted_engines(choice)],
            storage=storage,
            now=now,
        )
    except (OSError, ValueError):
        return False
    return result.failed == 0

"""Training texts against the database: which of their words the sector lists already have."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from vaktaal.language.terms import Candidate, KnownTerm, extract_terms
from vaktaal.sectors.models import Sector, Term, Theme, ThemeTerm

__all__ = ["CROSS_SECTOR_PACK", "UnknownSector", "analyse_text", "known_terms"]

# The cross-sector pack of work words every sector shares (content/sectors/werk).
CROSS_SECTOR_PACK = "werk"


class UnknownSector(LookupError):
    """No active sector has this slug."""


def known_terms(
    session: Session, sector_slug: str, *, organisation_id: int | None = None
) -> dict[str, KnownTerm]:
    """Return the terms a text is compared with: lemma → where the term already is.

    These are the sector's active terms and those of the cross-sector `werk` pack; with an
    `organisation_id`, also that organisation's own words in those sectors (never another
    organisation's). A term in several themes is reported in its first theme. When two
    terms share a lemma, the sector's own wins over the cross-sector pack's.
    """
    sector = session.scalar(
        select(Sector).where(Sector.slug == sector_slug, Sector.retired_at.is_(None))
    )
    if sector is None:
        raise UnknownSector(sector_slug)
    slugs = [sector_slug] if sector_slug == CROSS_SECTOR_PACK else [CROSS_SECTOR_PACK, sector_slug]
    owners = [Term.organisation_id.is_(None)]
    if organisation_id is not None:
        owners.append(Term.organisation_id == organisation_id)
    rows = session.execute(
        select(Sector.slug, Term.key, Term.lemma, Term.plural, Theme.slug)
        .join(Term, Term.sector_id == Sector.id)
        .outerjoin(ThemeTerm, ThemeTerm.term_id == Term.id)
        .outerjoin(Theme, (Theme.id == ThemeTerm.theme_id) & Theme.retired_at.is_(None))
        .where(Sector.slug.in_(slugs), Term.retired_at.is_(None), or_(*owners))
        .order_by(Term.key, Theme.position, Theme.id)
    ).all()
    # Cross-sector rows first, so that the sector's own overwrite them.
    rows.sort(key=lambda row: row[0] == sector_slug)
    known: dict[str, KnownTerm] = {}
    first_theme: dict[tuple[str, str], str | None] = {}
    for sector_key, key, lemma, plural, theme in rows:
        if (sector_key, key) in first_theme and first_theme[sector_key, key] is not None:
            continue
        first_theme[sector_key, key] = theme
        forms = tuple(form for form in (plural,) if form)
        known[lemma.lower()] = KnownTerm(sector_key, theme, key, lemma, forms)
    return known


def analyse_text(
    session: Session,
    text: str,
    *,
    sector_slug: str,
    organisation_id: int | None = None,
    limit: int | None = 50,
) -> list[Candidate]:
    """Return the text's work-word candidates, best first, the sector's known terms marked."""
    known = known_terms(session, sector_slug, organisation_id=organisation_id)
    return extract_terms(text, known=known, limit=limit)

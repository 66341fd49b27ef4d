"""Load validated content into the database, and count what is loaded.

The loader matches rows by their natural keys and changes only what differs, so a
second run changes nothing and an edited term keeps its id (and the learners' progress
tied to it). Content removed from the files is retired, not deleted. Functions here
flush but never commit: the command or request that calls them commits once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vaktaal.sectors.models import (
    Dialogue,
    DialogueLine,
    DialogueLineGloss,
    DialogueTerm,
    Picture,
    Sector,
    Term,
    TermGloss,
    Theme,
    ThemeTerm,
)
from vaktaal.sectors.pictures import PictureSource
from vaktaal.sectors.schemas import GlossSchema, TermSchema
from vaktaal.sectors.validation import SectorContent


class _Retirable(Protocol):
    retired_at: datetime | None
    updated_at: datetime


RowT = TypeVar("RowT")
RetirableT = TypeVar("RetirableT", bound=_Retirable)


@dataclass
class SyncResult:
    """What a sync changed, counted per kind of row."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    retired: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)

    @property
    def changes(self) -> int:
        return sum(
            sum(c.values()) for c in (self.created, self.updated, self.retired, self.deleted)
        )

    def summary(self) -> str:
        parts = []
        for label, counter in (
            ("created", self.created),
            ("updated", self.updated),
            ("retired", self.retired),
            ("deleted", self.deleted),
        ):
            if counter:
                kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items()))
                parts.append(f"{label}: {kinds}")
        return "; ".join(parts)


class _Syncer:
    """One sync run: the clock, the session and the tally of changes."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.result = SyncResult()

    def assign(self, row: Any, kind: str, values: Mapping[str, Any]) -> None:
        """Set only the attributes that differ, so an unchanged row stays clean."""
        changed = {name: v for name, v in values.items() if getattr(row, name) != v}
        if getattr(row, "retired_at", None) is not None:
            changed["retired_at"] = None
        if not changed:
            return
        for name, value in changed.items():
            setattr(row, name, value)
        if hasattr(row, "updated_at"):
            row.updated_at = self.now
        self.result.updated[kind] += 1

    def create(self, row: RowT, kind: str) -> RowT:
        if hasattr(row, "created_at"):
            row.created_at = row.updated_at = self.now  # type: ignore[attr-defined]
        self.session.add(row)
        self.result.created[kind] += 1
        return row

    def upsert(
        self,
        existing: dict[Any, RowT],
        key: Any,
        kind: str,
        values: Mapping[str, Any],
        new: Callable[[], RowT],
    ) -> RowT:
        row = existing.get(key)
        if row is None:
            row = self.create(new(), kind)
            for name, value in values.items():
                setattr(row, name, value)
            existing[key] = row
        else:
            self.assign(row, kind, values)
        return row

    def retire(self, rows: Iterable[RetirableT], kind: str) -> None:
        for row in rows:
            if row.retired_at is None:
                row.retired_at = row.updated_at = self.now
                self.result.retired[kind] += 1

    def sync_glosses(
        self,
        current: list[Any],
        wanted: Mapping[str, GlossSchema],
        kind: str,
        new: Callable[[str], Any],
    ) -> None:
        by_language = {g.language: g for g in current}
        for language, gloss in wanted.items():
            values = {"text": gloss.text, "status": gloss.status.value}
            row = self.upsert(by_language, language, kind, values, lambda lang=language: new(lang))
            if row not in current:
                current.append(row)
        for gloss in [g for g in current if g.language not in wanted]:
            current.remove(gloss)  # delete-orphan: the gloss row goes with it
            self.result.deleted[kind] += 1


def sync_content(session: Session, sectors: list[SectorContent], *, now: datetime) -> SyncResult:
    """Make the database match the validated content of all sectors."""
    syncer = _Syncer(session, now)
    pictures = _sync_pictures(syncer, [p for s in sectors for p in s.pictures.values()])
    existing = {s.slug: s for s in session.scalars(select(Sector))}
    for content in sectors:
        _sync_sector(syncer, existing, content, pictures)
    wanted = {content.slug for content in sectors}
    for slug, sector in existing.items():
        if slug not in wanted:
            _retire_sector(syncer, sector)
    session.flush()
    return syncer.result


def _sync_pictures(syncer: _Syncer, sources: list[PictureSource]) -> dict[str, Picture]:
    existing = {p.key: p for p in syncer.session.scalars(select(Picture))}
    by_reference: dict[str, Picture] = {}
    for source in {s.key: s for s in sources}.values():
        values = {
            "source": source.source,
            "licence": source.licence,
            "attribution": source.attribution,
            "sha256": hashlib.sha256(source.path.read_bytes()).hexdigest(),
        }
        by_reference[source.key] = syncer.upsert(
            existing, source.key, "pictures", values, lambda k=source.key: Picture(key=k)
        )
    return by_reference


def _sync_sector(
    syncer: _Syncer,
    existing: dict[str, Sector],
    content: SectorContent,
    pictures: dict[str, Picture],
) -> None:
    values = {
        "title": content.sector.title,
        "description": content.sector.description,
        "position": content.sector.position,
        "cross_sector": content.sector.cross_sector,
    }
    sector = syncer.upsert(
        existing, content.slug, "sectors", values, lambda: Sector(slug=content.slug)
    )
    syncer.session.flush()

    session = syncer.session
    themes = {
        t.slug: t
        for t in session.scalars(
            select(Theme)
            .where(Theme.sector_id == sector.id, Theme.organisation_id.is_(None))
            .options(selectinload(Theme.theme_terms))
        )
    }
    terms = {
        t.key: t
        for t in session.scalars(
            select(Term)
            .where(Term.sector_id == sector.id, Term.organisation_id.is_(None))
            .options(selectinload(Term.glosses))
        )
    }
    dialogues = {
        d.key: d
        for d in session.scalars(
            select(Dialogue)
            .where(Dialogue.sector_id == sector.id)
            .options(
                selectinload(Dialogue.lines).selectinload(DialogueLine.glosses),
                selectinload(Dialogue.dialogue_terms),
            )
        )
    }

    # First every theme and term, then what links them: a theme may include, and a
    # dialogue may use, a term defined in a later theme file.
    synced: list[Theme] = []
    wanted_terms: set[str] = set()
    for position, theme_file in enumerate(content.themes):
        spec = theme_file.theme
        theme_values = {
            "title": spec.title,
            "description": spec.description,
            "level": spec.level.value,
            "position": position,
            "training_topics": list(spec.training_topics),
        }
        synced.append(
            syncer.upsert(
                themes,
                spec.slug,
                "themes",
                theme_values,
                lambda s=spec.slug: Theme(sector=sector, slug=s),
            )
        )
        for term_spec in spec.terms:
            picture = (
                pictures[content.pictures[term_spec.picture].key] if term_spec.picture else None
            )
            term = syncer.upsert(
                terms,
                term_spec.key,
                "terms",
                _term_values(term_spec, default_level=spec.level.value, picture=picture),
                lambda k=term_spec.key: Term(sector=sector, key=k, glosses=[]),
            )
            syncer.sync_glosses(
                term.glosses,
                term_spec.glosses,
                "term glosses",
                lambda lang: TermGloss(language=lang),
            )
            wanted_terms.add(term_spec.key)
    session.flush()

    wanted_dialogues: set[str] = set()
    for theme, theme_file in zip(synced, content.themes, strict=True):
        spec = theme_file.theme
        member_keys = [t.key for t in spec.terms] + list(spec.includes)
        _sync_theme_terms(syncer, theme, [terms[k] for k in member_keys])
        for d_position, d_spec in enumerate(spec.dialogues):
            d_values = {
                "theme": theme,
                "title": d_spec.title,
                "setting": d_spec.setting,
                "level": (d_spec.level or spec.level).value,
                "position": d_position,
                "speakers": [s.model_dump(exclude_none=True) for s in d_spec.speakers],
            }
            dialogue = syncer.upsert(
                dialogues,
                d_spec.key,
                "dialogues",
                d_values,
                lambda k=d_spec.key: Dialogue(sector=sector, key=k, lines=[], dialogue_terms=[]),
            )
            wanted_dialogues.add(d_spec.key)
            session.flush()
            _sync_dialogue_lines(syncer, dialogue, d_spec.lines)
            _sync_dialogue_terms(syncer, dialogue, {terms[k].id for k in d_spec.terms})

    wanted_themes = {theme_file.theme.slug for theme_file in content.themes}
    syncer.retire((t for k, t in themes.items() if k not in wanted_themes), "themes")
    syncer.retire((t for k, t in terms.items() if k not in wanted_terms), "terms")
    for key, dialogue in dialogues.items():
        if key not in wanted_dialogues:
            syncer.retire([dialogue], "dialogues")
            syncer.retire(dialogue.lines, "dialogue lines")


def _term_values(
    spec: TermSchema, *, default_level: str, picture: Picture | None
) -> dict[str, Any]:
    return {
        "lemma": spec.lemma,
        "word_class": spec.word_class.value,
        "article": spec.article.value if spec.article else None,
        "plural": spec.plural,
        "countable": spec.countable,
        "abstract": spec.abstract,
        "example": spec.example,
        "level": spec.level.value if spec.level else default_level,
        "tags": list(spec.tags),
        "picture": picture,
    }


def _sync_theme_terms(syncer: _Syncer, theme: Theme, members: list[Term]) -> None:
    current = {tt.term_id: tt for tt in theme.theme_terms}
    wanted = {term.id: position for position, term in enumerate(members)}
    for term_id, position in wanted.items():
        link = current.get(term_id)
        if link is None:
            theme.theme_terms.append(
                syncer.create(ThemeTerm(term_id=term_id, position=position), "theme terms")
            )
        elif link.position != position:
            link.position = position
            syncer.result.updated["theme terms"] += 1
    for term_id, link in current.items():
        if term_id not in wanted:
            theme.theme_terms.remove(link)
            syncer.result.deleted["theme terms"] += 1


def _sync_dialogue_terms(syncer: _Syncer, dialogue: Dialogue, wanted: set[int]) -> None:
    current = {dt.term_id: dt for dt in dialogue.dialogue_terms}
    for term_id in wanted - set(current):
        dialogue.dialogue_terms.append(
            syncer.create(DialogueTerm(term_id=term_id), "dialogue terms")
        )
    for term_id in set(current) - wanted:
        dialogue.dialogue_terms.remove(current[term_id])
        syncer.result.deleted["dialogue terms"] += 1


def _sync_dialogue_lines(syncer: _Syncer, dialogue: Dialogue, specs: list[Any]) -> None:
    by_position = {line.position: line for line in dialogue.lines}
    for position, spec in enumerate(specs):
        line = syncer.upsert(
            by_position,
            position,
            "dialogue lines",
            {"speaker": spec.speaker, "text": spec.text},
            lambda p=position: DialogueLine(dialogue=dialogue, position=p, glosses=[]),
        )
        syncer.sync_glosses(
            line.glosses,
            spec.glosses,
            "line glosses",
            lambda lang: DialogueLineGloss(language=lang),
        )
    syncer.retire((line for p, line in by_position.items() if p >= len(specs)), "dialogue lines")


def _retire_sector(syncer: _Syncer, sector: Sector) -> None:
    session = syncer.session
    syncer.retire([sector], "sectors")
    # An organisation's own themes and words stay: the organisation still teaches them.
    themes = select(Theme).where(Theme.sector_id == sector.id, Theme.organisation_id.is_(None))
    terms = select(Term).where(Term.sector_id == sector.id, Term.organisation_id.is_(None))
    syncer.retire(session.scalars(themes), "themes")
    syncer.retire(session.scalars(terms), "terms")
    for dialogue in session.scalars(select(Dialogue).where(Dialogue.sector_id == sector.id)):
        syncer.retire([dialogue], "dialogues")
        syncer.retire(dialogue.lines, "dialogue lines")


def content_stats(session: Session) -> dict[str, Any]:
    """Count the loaded (active) content per sector, in the shape other tools read."""
    sectors: dict[str, Any] = {}
    for sector in session.scalars(
        select(Sector).where(Sector.retired_at.is_(None)).order_by(Sector.position, Sector.slug)
    ):
        active_term = (
            (Term.sector_id == sector.id)
            & Term.retired_at.is_(None)
            & Term.organisation_id.is_(None)
        )
        noun = active_term & (Term.word_class == "noun")

        def count(*where: Any) -> int:
            return int(session.scalar(select(func.count()).select_from(Term).where(*where)) or 0)

        themes = session.scalar(
            select(func.count())
            .select_from(Theme)
            .where(
                Theme.sector_id == sector.id,
                Theme.retired_at.is_(None),
                Theme.organisation_id.is_(None),
            )
        )
        active_dialogue = (Dialogue.sector_id == sector.id) & Dialogue.retired_at.is_(None)
        dialogues = session.scalar(
            select(func.count()).select_from(Dialogue).where(active_dialogue)
        )
        lines = session.scalar(
            select(func.count())
            .select_from(DialogueLine)
            .join(Dialogue)
            .where(active_dialogue, DialogueLine.retired_at.is_(None))
        )
        glosses: dict[str, dict[str, int]] = {}
        rows = session.execute(
            select(TermGloss.language, TermGloss.status, func.count())
            .join(Term)
            .where(active_term)
            .group_by(TermGloss.language, TermGloss.status)
        )
        for language, status, n in rows:
            entry = glosses.setdefault(language, {"total": 0, "reviewed": 0})
            entry["total"] += n
            if status == "reviewed":
                entry["reviewed"] += n
        sectors[sector.slug] = {
            "themes": int(themes or 0),
            "terms": count(active_term),
            "nouns": count(noun),
            "nouns_with_picture": count(noun, Term.picture_id.is_not(None)),
            "dialogues": int(dialogues or 0),
            "dialogue_lines": int(lines or 0),
            "glosses": dict(sorted(glosses.items())),
        }
    return {"sectors": sectors}


def list_sectors(session: Session) -> list[Sector]:
    """Active sectors in their order, with their active themes loaded."""
    return list(
        session.scalars(
            select(Sector)
            .where(Sector.retired_at.is_(None))
            .order_by(Sector.position, Sector.slug)
            .options(selectinload(Sector.themes).selectinload(Theme.theme_terms))
        )
    )


def get_theme(session: Session, sector_slug: str, theme_slug: str) -> Theme | None:
    """An active theme with its terms, pictures, glosses and dialogues loaded."""
    return session.scalar(
        select(Theme)
        .join(Sector)
        .where(
            Sector.slug == sector_slug,
            Theme.slug == theme_slug,
            Sector.retired_at.is_(None),
            Theme.retired_at.is_(None),
            Theme.organisation_id.is_(None),
        )
        .options(
            selectinload(Theme.theme_terms)
            .selectinload(ThemeTerm.term)
            .options(selectinload(Term.picture), selectinload(Term.glosses)),
            selectinload(Theme.dialogues)
            .selectinload(Dialogue.lines)
            .selectinload(DialogueLine.glosses),
        )
    )


def get_picture(session: Session, key: str) -> Picture | None:
    return session.scalar(select(Picture).where(Picture.key == key))

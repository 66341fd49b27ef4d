"""Sectors, themes, terms, glosses, dialogues and pictures as stored in the database.

Rows are found by natural keys (sector slug, theme slug, term key, dialogue key) so the
content loader can update them in place; removed content is retired, never deleted.

Themes and terms with an `organisation_id` are an organisation's own (made by its
teachers, not by the content files): the content loader leaves them alone, and only
that organisation's pages and learners see them. Their keys and slugs start with
`org<id>.`, which no content key can (content keys have no dots).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vaktaal.core.base import Base, RetirableMixin, TimestampMixin, intpk, str80, str200


class Sector(TimestampMixin, RetirableMixin, Base):
    __tablename__ = "sector"

    id: Mapped[intpk]
    slug: Mapped[str80] = mapped_column(unique=True)
    title: Mapped[str200]
    description: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    cross_sector: Mapped[bool] = mapped_column(default=False, server_default=false())

    # The sector's own themes, from the content files (not organisations' themes).
    themes: Mapped[list[Theme]] = relationship(
        back_populates="sector",
        primaryjoin="and_(Sector.id == Theme.sector_id, Theme.organisation_id.is_(None))",
        order_by="Theme.position",
    )


class Picture(TimestampMixin, Base):
    """A picture file with its licence: an OpenMoji pictogram or the sector's own SVG."""

    __tablename__ = "picture"

    id: Mapped[intpk]
    key: Mapped[str200] = mapped_column(unique=True)  # "openmoji/1FAA3", "schoonmaak/mop"
    source: Mapped[str] = mapped_column(String(20))  # openmoji, own, upload
    licence: Mapped[str80]
    attribution: Mapped[str200]
    sha256: Mapped[str] = mapped_column(String(64))

    @property
    def folder(self) -> str:
        return self.key.partition("/")[0]

    @property
    def name(self) -> str:
        return self.key.partition("/")[2]


class Theme(TimestampMixin, RetirableMixin, Base):
    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("sector_id", "slug"),)

    id: Mapped[intpk]
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    slug: Mapped[str80]
    title: Mapped[str200]
    description: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(2))
    position: Mapped[int]
    training_topics: Mapped[list[str]]
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # An organisation's theme made for one group only (e.g. from a training text).
    group_id: Mapped[int | None] = mapped_column(ForeignKey("learner_group.id"), index=True)

    sector: Mapped[Sector] = relationship(back_populates="themes")
    theme_terms: Mapped[list[ThemeTerm]] = relationship(
        back_populates="theme", order_by="ThemeTerm.position", cascade="all, delete-orphan"
    )
    dialogues: Mapped[list[Dialogue]] = relationship(
        back_populates="theme", order_by="Dialogue.position"
    )


class Term(TimestampMixin, RetirableMixin, Base):
    __tablename__ = "term"
    __table_args__ = (UniqueConstraint("sector_id", "key"),)

    id: Mapped[intpk]
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    key: Mapped[str80]
    lemma: Mapped[str200]
    word_class: Mapped[str] = mapped_column(String(20))
    article: Mapped[str | None] = mapped_column(String(3))
    plural: Mapped[str | None] = mapped_column(String(200))
    countable: Mapped[bool]
    abstract: Mapped[bool]
    example: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(2))
    tags: Mapped[list[str]]
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)

    sector: Mapped[Sector] = relationship()
    picture: Mapped[Picture | None] = relationship()
    glosses: Mapped[list[TermGloss]] = relationship(
        back_populates="term", order_by="TermGloss.language", cascade="all, delete-orphan"
    )

    @property
    def with_article(self) -> str:
        return f"{self.article} {self.lemma}" if self.article else self.lemma


class ThemeTerm(Base):
    """A term in a theme, in order; a term may belong to several themes of its sector."""

    __tablename__ = "theme_term"
    __table_args__ = (Index(None, "term_id"),)

    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"), primary_key=True)
    position: Mapped[int]

    theme: Mapped[Theme] = relationship(back_populates="theme_terms")
    term: Mapped[Term] = relationship()


class GlossMixin:
    """A translation into a learner's language; `draft` until a speaker reviewed it."""

    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # draft, reviewed


class TermGloss(GlossMixin, Base):
    __tablename__ = "term_gloss"
    __table_args__ = (UniqueConstraint("term_id", "language"),)

    id: Mapped[intpk]
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))

    term: Mapped[Term] = relationship(back_populates="glosses")


class Dialogue(TimestampMixin, RetirableMixin, Base):
    __tablename__ = "dialogue"
    __table_args__ = (UniqueConstraint("sector_id", "key"),)

    id: Mapped[intpk]
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"), index=True)
    key: Mapped[str80]
    title: Mapped[str200]
    setting: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(2))
    position: Mapped[int]
    speakers: Mapped[list[dict[str, Any]]]

    sector: Mapped[Sector] = relationship()
    theme: Mapped[Theme] = relationship(back_populates="dialogues")
    lines: Mapped[list[DialogueLine]] = relationship(
        back_populates="dialogue", order_by="DialogueLine.position"
    )
    dialogue_terms: Mapped[list[DialogueTerm]] = relationship(cascade="all, delete-orphan")

    @property
    def speaker_names(self) -> dict[str, str]:
        return {speaker["key"]: speaker["name"] for speaker in self.speakers}


class DialogueTerm(Base):
    __tablename__ = "dialogue_term"
    __table_args__ = (Index(None, "term_id"),)

    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogue.id"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"), primary_key=True)


class DialogueLine(TimestampMixin, RetirableMixin, Base):
    """One spoken line; identified by its position, so progress survives text edits."""

    __tablename__ = "dialogue_line"
    __table_args__ = (UniqueConstraint("dialogue_id", "position"),)

    id: Mapped[intpk]
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogue.id"))
    position: Mapped[int]
    speaker: Mapped[str80]
    text: Mapped[str] = mapped_column(Text)

    dialogue: Mapped[Dialogue] = relationship(back_populates="lines")
    glosses: Mapped[list[DialogueLineGloss]] = relationship(
        back_populates="line", order_by="DialogueLineGloss.language", cascade="all, delete-orphan"
    )


class DialogueLineGloss(GlossMixin, Base):
    __tablename__ = "dialogue_line_gloss"
    __table_args__ = (UniqueConstraint("line_id", "language"),)

    id: Mapped[intpk]
    line_id: Mapped[int] = mapped_column(ForeignKey("dialogue_line.id"))

    line: Mapped[DialogueLine] = relationship(back_populates="glosses")

"""What an organisation keeps: saved glossaries and its own company words with photos."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from vaktaal.core.base import Base, TimestampMixin, intpk, str80, str200


class SavedGlossary(TimestampMixin, Base):
    """A named selection (schemas.Selection as JSON), printed again whenever needed."""

    __tablename__ = "saved_glossary"

    id: Mapped[intpk]
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str200]
    selection: Mapped[dict[str, Any]]


class CompanyWord(Base):
    """A word of one company, with its own photo; only that company's glossaries show it."""

    __tablename__ = "company_word"

    id: Mapped[intpk]
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    lemma: Mapped[str80]
    article: Mapped[str | None] = mapped_column(String(3))
    plural: Mapped[str | None] = mapped_column(String(80))
    example: Mapped[str | None] = mapped_column(String(200))
    glosses: Mapped[dict[str, Any]]  # language code -> text
    photo_name: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime]

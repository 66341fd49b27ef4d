"""Which audio file belongs to which spoken item, and how it was made.

A clip is the recording of one item: a term's word (with its article), its plural or its
example sentence, or one dialogue line. The file itself lives in the audio storage under
`key`, the hash of everything that shapes the sound (text, engine, voice, settings), so
an unchanged item is never generated again and identical texts share one file.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vaktaal.core.base import Base, TimestampMixin, intpk, str80

KEY_LENGTH = 64  # sha256, hex


class AudioClip(TimestampMixin, Base):
    __tablename__ = "audio_clip"
    __table_args__ = (
        UniqueConstraint("term_id", "kind"),
        UniqueConstraint("line_id", "kind"),
        CheckConstraint("(term_id IS NULL) <> (line_id IS NULL)", name="one_item"),
        # Before a file is deleted: is any other clip still using it?
        Index(None, "key"),
    )

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(10))  # word, plural, example, line
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    line_id: Mapped[int | None] = mapped_column(ForeignKey("dialogue_line.id"))
    text: Mapped[str] = mapped_column(Text)  # what was spoken, e.g. "de emmer"
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    format: Mapped[str] = mapped_column(String(10))  # mp3, opus
    engine: Mapped[str] = mapped_column(String(20))  # gtts, espeak
    voice: Mapped[str80]
    size: Mapped[int]  # bytes
    duration_ms: Mapped[int]

    @property
    def filename(self) -> str:
        return f"{self.key}.{self.format}"

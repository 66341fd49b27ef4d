"""Pictures of an organisation's own words: uploaded photos, and OpenMoji pictograms.

An uploaded photo is checked and re-encoded (glossary.photos), stored under the instance
folder as `term-photos/<organisation>/<random name>`, and becomes a `Picture` with source
"upload" and key `upload/<organisation>/<random name>`.

Access: learners must load these photos on their phones, outside any staff login, so the
photo route is public, and the 128-bit random name is the access control (as for an
unlisted link): it is only ever shown to people who may see the word. The route serves
nothing but photos that a term uses, and never lists anything.

Pictograms are found by their Unicode names (English: what the installed Python knows)
and by the Dutch words of the sector lists that already use them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from flask import url_for
from sqlalchemy import ColumnElement, and_, func, literal, or_, select
from sqlalchemy.orm import Session

from vaktaal.glossary.photos import Photo, photo_path, store_photo
from vaktaal.sectors.models import Picture, Term, TermGloss
from vaktaal.sectors.pictures import (
    OPENMOJI_CODE,
    PictureError,
    openmoji_directory,
    picture_file,
    resolve_picture,
)

UPLOAD = "upload"
UPLOAD_LICENCE = "own photo"
SEARCH_LIMIT = 24
_UPLOAD_NAME = re.compile(r"^(\d+)/([0-9a-f]{32}\.(?:jpg|png))$")
# Code points that only join or vary others: they say nothing about the picture.
_SILENT = {0x200D, 0xFE0F, 0xFE0E, 0x20E3}


def photo_folder(instance_path: str | Path) -> Path:
    """Where own words' photos are stored: in the instance folder, never under static/."""
    return Path(instance_path) / "term-photos"


def save_photo(
    session: Session,
    organisation_id: int,
    photo: Photo,
    *,
    folder: Path,
    organisation: str,
    now: datetime,
) -> Picture:
    """Store a cleaned photo and make its Picture row."""
    name = store_photo(folder, organisation_id, photo)
    picture = Picture(
        key=f"{UPLOAD}/{organisation_id}/{name}",
        source=UPLOAD,
        licence=UPLOAD_LICENCE,
        attribution=organisation[:200],
        sha256=hashlib.sha256(photo.data).hexdigest(),
        created_at=now,
        updated_at=now,
    )
    session.add(picture)
    session.flush()
    return picture


def upload_file(folder: Path, picture: Picture) -> Path:
    """The stored file of an uploaded picture (its name is checked, so it stays in folder)."""
    found = _UPLOAD_NAME.match(picture.name)
    if picture.source != UPLOAD or found is None:
        raise PictureError(f"not an uploaded photo: {picture.key}")
    return photo_path(folder, int(found.group(1)), found.group(2))


def drop_if_unused(session: Session, picture: Picture | None, *, folder: Path) -> Path | None:
    """Delete the row of an uploaded photo no term uses any more; return its file.

    The caller deletes the file once the transaction is committed: a failed request
    then keeps both the row and its file.
    """
    if picture is None or picture.source != UPLOAD:
        return None
    session.flush()
    if session.scalar(select(Term.id).where(Term.picture_id == picture.id).limit(1)) is not None:
        return None
    path = upload_file(folder, picture)
    session.delete(picture)
    session.flush()
    return path


def served_photo(session: Session, organisation_id: int, name: str) -> Picture | None:
    """The uploaded picture with this name, if a term of that organisation uses it."""
    if not _UPLOAD_NAME.match(f"{organisation_id}/{name}"):
        return None
    return session.scalar(
        select(Picture)
        .join(Term, Term.picture_id == Picture.id)
        .where(
            Picture.key == f"{UPLOAD}/{organisation_id}/{name}",
            Picture.source == UPLOAD,
            Term.organisation_id == organisation_id,
        )
        .limit(1)
    )


def picture_url(picture: Picture) -> str:
    """The address of any picture in a page: an uploaded photo, or a content SVG."""
    if picture.source == UPLOAD:
        organisation, _, name = picture.name.partition("/")
        return url_for("ownwords.photo", organisation_id=int(organisation), name=name)
    return url_for("sectors.picture", folder=picture.folder, name=picture.name)


def picture_path(picture: Picture, *, content_dir: Path, photos: Path) -> Path:
    """The file of any picture, for printing."""
    if picture.source == UPLOAD:
        return upload_file(photos, picture)
    return picture_file(picture.source, picture.folder, picture.name, content_dir=content_dir)


# --- OpenMoji pictograms ---------------------------------------------------------------


@dataclass(frozen=True)
class Pictogram:
    code: str  # "1FAA3"
    label: str  # what it shows, for the list of choices

    @property
    def url(self) -> str:
        return url_for("ownwords.pictogram", code=self.code)


@cache
def openmoji_names() -> tuple[tuple[str, str], ...]:
    """Every OpenMoji pictogram with a Unicode name: (code, lower-case name), by code."""
    named = []
    for path in sorted(openmoji_directory().glob("*.svg")):
        code = path.stem
        if not OPENMOJI_CODE.match(code):
            continue
        try:
            points = [int(part, 16) for part in code.split("-")]
            words = [unicodedata.name(chr(p)) for p in points if p not in _SILENT]
        except ValueError:
            continue  # OpenMoji's own extras have no Unicode name
        if words:
            named.append((code, " ".join(words).lower()))
    return tuple(named)


def search_pictograms(
    session: Session, query: str, *, limit: int = SEARCH_LIMIT
) -> list[Pictogram]:
    """Pictograms for a word: those the sector lists use for it, then by Unicode name."""
    words = query.strip().lower().split()
    if not words:
        return []
    found: dict[str, Pictogram] = {}
    pattern = f"%{' '.join(words)}%"
    glossed = (
        select(TermGloss.term_id)
        .where(TermGloss.language == "en", func.lower(TermGloss.text).like(pattern))
        .scalar_subquery()
    )
    for pictogram in _used_for(
        session,
        or_(func.lower(Term.lemma).like(pattern), Term.id.in_(glossed)),
        order=func.length(Term.lemma),
        limit=limit,
    ):
        found.setdefault(pictogram.code, pictogram)
    patterns = [re.compile(rf"\b{re.escape(word)}") for word in words]
    for code, name in openmoji_names():
        if len(found) >= limit:
            break
        if words[0] in name and all(pattern.search(name) for pattern in patterns):
            found.setdefault(code, Pictogram(code, name))
    return list(found.values())[:limit]


# A compound's last part says what it is (a "zeepemmer" is an "emmer"): the sector
# words it ends with suggest its pictogram. Shorter words end too many compounds.
MIN_HEAD_LETTERS = 4


def suggest_pictograms(session: Session, word: str, *, limit: int = 4) -> list[Pictogram]:
    """A few pictograms for a new word: found for the word itself, then for the longest
    sector words it ends with."""
    word = word.strip().lower()
    found = {p.code: p for p in search_pictograms(session, word, limit=limit)}
    if len(found) < limit and " " not in word:
        ends_with = and_(
            func.length(Term.lemma) >= MIN_HEAD_LETTERS,
            func.length(Term.lemma) < len(word),
            literal(word).like(literal("%").concat(func.lower(Term.lemma))),
        )
        for pictogram in _used_for(
            session, ends_with, order=func.length(Term.lemma).desc(), limit=limit
        ):
            found.setdefault(pictogram.code, pictogram)
    return list(found.values())[:limit]


def _used_for(
    session: Session, condition: ColumnElement[bool], *, order: Any, limit: int
) -> list[Pictogram]:
    """The OpenMoji pictograms of the sector words that meet `condition`, labelled with
    the word, in `order` (then by word)."""
    rows = session.execute(
        select(Picture.key, Term.lemma)
        .join(Term, Term.picture_id == Picture.id)
        .where(
            Picture.source == "openmoji",
            Term.organisation_id.is_(None),
            Term.retired_at.is_(None),
            condition,
        )
        .order_by(order, Term.lemma)
        .limit(limit)
    )
    return [Pictogram(key.partition("/")[2], lemma) for key, lemma in rows]


def openmoji_picture(session: Session, code: str, *, now: datetime) -> Picture:
    """The Picture row of an OpenMoji pictogram, made when no term used it yet."""
    source = resolve_picture(f"openmoji:{code}", sector_slug="", sector_dir=Path())
    picture = session.scalar(select(Picture).where(Picture.key == source.key))
    if picture is None:
        picture = Picture(
            key=source.key,
            source=source.source,
            licence=source.licence,
            attribution=source.attribution,
            sha256=hashlib.sha256(source.path.read_bytes()).hexdigest(),
            created_at=now,
            updated_at=now,
        )
        session.add(picture)
        session.flush()
    return picture

"""Recordings and photos of words flagged at work, kept in the instance folder.

They are personal data (a learner's voice, a photo of their workplace), so they never go
under static/: each is served by a route that checks who asks. Files get a random name;
the type of a recording comes from its first bytes, never from the name or the browser.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

from flask import current_app
from sqlalchemy.orm import Session

from vaktaal.core.cleanup import delete_after_commit

MAX_AUDIO_BYTES = 1024 * 1024
AUDIO_TYPES = {"webm": "audio/webm", "ogg": "audio/ogg", "m4a": "audio/mp4"}
# The formats glossary.photos.clean_photo writes.
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


class FileError(ValueError):
    """A refused file; the message is a code the view turns into a sentence."""


def flag_folder() -> Path:
    """Where flagged words' files are stored: the instance folder, never static/."""
    return Path(current_app.instance_path) / "flagged-words"


def audio_extension(data: bytes) -> str:
    """The extension for a WebM, Ogg or MP4 recording, read from its magic bytes."""
    if not data:
        raise FileError("empty-audio")
    if len(data) > MAX_AUDIO_BYTES:
        raise FileError("too-large")
    # WebM is Matroska (EBML header) with the doctype "webm" near the start.
    if data.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in data[:64]:
        return "webm"
    if data.startswith(b"OggS"):
        return "ogg"
    # MP4 (what Safari records): a box of type "ftyp" first.
    if data[4:8] == b"ftyp":
        return "m4a"
    raise FileError("not-audio")


def store_file(folder: Path, data: bytes, extension: str) -> str:
    """Write `data` under `folder` with a random name; return the name."""
    if extension not in AUDIO_TYPES and extension not in PHOTO_TYPES:
        raise FileError("unknown-type")
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{extension}"
    (folder / name).write_bytes(data)
    return name


def file_path(folder: Path, name: str) -> Path:
    """Where a stored file is; the name is checked so it cannot leave the folder."""
    stem, _, extension = name.partition(".")
    if extension not in AUDIO_TYPES and extension not in PHOTO_TYPES:
        raise FileError("unknown-file")
    if len(stem) != 32 or not all(c in "0123456789abcdef" for c in stem):
        raise FileError("unknown-file")
    return folder / name


def mimetype(name: str) -> str:
    extension = name.rpartition(".")[2]
    return AUDIO_TYPES.get(extension) or PHOTO_TYPES[extension]


def delete_files(session: Session, folder: Path, names: Iterable[str | None]) -> None:
    """Remove stored files once the session commits; missing or malformed names are skipped."""
    paths = []
    for name in names:
        if not name:
            continue
        try:
            paths.append(file_path(folder, name))
        except FileError:
            continue
    delete_after_commit(session, paths)

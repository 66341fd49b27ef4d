"""Where audio files are kept: a small interface, and a folder that implements it.

Files are named by their content key (`<sha256>.<format>`), never by user input, and
written whole or not at all: a reader never sees a partial or empty file. An object
store can replace the folder by implementing `AudioStorage`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

FORMATS = {"mp3": "audio/mpeg", "opus": "audio/ogg; codecs=opus"}
NAME = re.compile(r"[0-9a-f]{64}\.(?:mp3|opus)")


class AudioStorage(Protocol):
    def exists(self, name: str) -> bool: ...

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None when there is no such file."""

    def write(self, name: str, data: bytes) -> None:
        """Store the whole file atomically, replacing an older one of the same name."""

    def delete(self, name: str) -> None: ...

    def names(self) -> Iterator[str]:
        """Every stored file name."""


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise ValueError(f"not an audio file name: {name!r}")
    return name


class LocalAudioStorage:
    """Audio files in a folder, spread over subfolders by the first two hex digits."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, name: str) -> Path:
        return self.root / check_name(name)[:2] / name

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def read(self, name: str) -> bytes | None:
        try:
            return self.path(name).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, name: str, data: bytes) -> None:
        if not data:
            raise ValueError(f"refusing to store an empty audio file: {name}")
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target, then rename: the rename is atomic on one file system.
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(temporary).chmod(0o644)
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def names(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/*")):
            if NAME.fullmatch(path.name):
                yield path.name


def storage_for(config: Mapping[str, Any]) -> AudioStorage:
    """The storage the configuration names: the folder AUDIO_DIR."""
    return LocalAudioStorage(Path(config["AUDIO_DIR"]))

"""The files of flagged words: recordings recognised by their bytes, names that stay put."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from tests.ownwords.test_flag import MP4, OGG, WEBM
from vaktaal.ownwords.files import (
    MAX_AUDIO_BYTES,
    FileError,
    audio_extension,
    delete_files,
    file_path,
    mimetype,
    store_file,
)


@pytest.mark.parametrize(
    ("data", "extension"), [(WEBM, "webm"), (OGG, "ogg"), (MP4, "m4a")], ids=["webm", "ogg", "mp4"]
)
def test_recordings_are_recognised_by_their_first_bytes(data: bytes, extension: str) -> None:
    assert audio_extension(data) == extension


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty-audio"),
        (b"ID3\x04" + b"\x00" * 100, "not-audio"),  # MP3
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "not-audio"),
        (b"\x1a\x45\xdf\xa3" + b"\x42\x82\x88matroska" + b"\x00" * 50, "not-audio"),
        (b"<html><script>alert(1)</script>", "not-audio"),
        (WEBM + b"\x00" * MAX_AUDIO_BYTES, "too-large"),
    ],
    ids=["empty", "mp3", "wav", "matroska-video", "html", "too-large"],
)
def test_other_files_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(FileError, match=code):
        audio_extension(data)


def test_stored_files_stay_in_their_folder(tmp_path: Path) -> None:
    name = store_file(tmp_path, WEBM, "webm")
    assert file_path(tmp_path, name).read_bytes() == WEBM
    assert mimetype(name) == "audio/webm"
    for bad in ("../x.webm", "a/b.webm", f"{name[:-5]}.exe", ".webm", "x" * 32 + ".ogg"):
        with pytest.raises(FileError):
            file_path(tmp_path, bad)
    with pytest.raises(FileError):
        store_file(tmp_path, b"#!/bin/sh", "sh")


def test_deleting_skips_missing_and_malformed_names(tmp_path: Path) -> None:
    kept = tmp_path / "keep.txt"
    kept.write_text("not ours")
    name = store_file(tmp_path, OGG, "ogg")
    with Session(create_engine("sqlite://")) as session:
        delete_files(session, tmp_path, [name, None, "../keep.txt", "0" * 32 + ".jpg"])
        assert (tmp_path / name).exists()  # not before the deletion is committed
        session.commit()
    assert not (tmp_path / name).exists()
    assert kept.exists()

"""The audio folder: whole files or nothing, names that cannot escape it."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaktaal.audio.storage import LocalAudioStorage, storage_for

NAME = "ab" + "0" * 62 + ".mp3"


def test_write_read_delete(storage: LocalAudioStorage) -> None:
    assert not storage.exists(NAME) and storage.read(NAME) is None
    storage.write(NAME, b"ID3 audio")
    assert storage.exists(NAME)
    assert storage.read(NAME) == b"ID3 audio"
    assert storage.path(NAME).parent.name == "ab"
    assert list(storage.names()) == [NAME]
    storage.write(NAME, b"ID3 newer")
    assert storage.read(NAME) == b"ID3 newer"
    storage.delete(NAME)
    storage.delete(NAME)  # deleting twice is fine
    assert list(storage.names()) == []


def test_an_empty_file_is_never_stored(storage: LocalAudioStorage) -> None:
    with pytest.raises(ValueError, match="empty"):
        storage.write(NAME, b"")
    assert not storage.exists(NAME)


def test_a_failed_write_leaves_nothing_behind(
    storage: LocalAudioStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.write(NAME, b"ID3 old")

    def broken_replace(self: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        storage.write(NAME, b"ID3 new")
    monkeypatch.undo()
    assert storage.read(NAME) == b"ID3 old"
    assert [p.name for p in storage.path(NAME).parent.iterdir()] == [NAME]


@pytest.mark.parametrize("name", ["../secret.mp3", "x.mp3", "A" * 64 + ".mp3", "0" * 64 + ".wav"])
def test_only_content_keys_are_names(storage: LocalAudioStorage, name: str) -> None:
    with pytest.raises(ValueError, match="not an audio file name"):
        storage.path(name)


def test_storage_for_uses_the_configured_folder(tmp_path: Path) -> None:
    storage = storage_for({"AUDIO_DIR": tmp_path / "somewhere"})
    assert isinstance(storage, LocalAudioStorage)
    assert storage.root == tmp_path / "somewhere"

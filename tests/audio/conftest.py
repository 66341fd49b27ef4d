"""Fakes for the audio tests: an engine and a processor that need no external program.

Only the tests that are about synthesis and encoding run espeak-ng and ffmpeg for real
(a handful of files); the cache and service tests use these.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from vaktaal.audio.engines import EngineUnavailable, SynthesisError, Voice, VoiceSet
from vaktaal.audio.processing import Encoded, OutputSettings
from vaktaal.audio.storage import LocalAudioStorage
from vaktaal.audio.synthesis import Renderer


class FakeEngine:
    """Says every text as its own bytes; can be told to fail."""

    def __init__(
        self, name: str = "espeak", *, unavailable: bool = False, fail: set[str] | None = None
    ) -> None:
        self.name = name
        self.voices = VoiceSet(narrator=Voice("n"), speakers=(Voice("a"), Voice("b")))
        self.unavailable = unavailable
        self.fail = fail or set()
        self.calls: list[tuple[str, str]] = []

    def settings(self) -> Mapping[str, Any]:
        return {}

    def synthesize(self, text: str, voice: Voice) -> bytes:
        self.calls.append((text, voice.id))
        if self.unavailable:
            raise EngineUnavailable(f"{self.name} cannot be reached")
        if text in self.fail:
            raise SynthesisError(f"{self.name} cannot say {text!r}")
        return f"{self.name}:{voice.id}:{text}".encode()


def fake_process(audio: bytes, settings: OutputSettings, *, pitch: float = 1.0) -> Encoded:
    return Encoded(data=b"ID3" + audio, duration_ms=50 * len(audio))


def make_renderer(storage: LocalAudioStorage, *engines: FakeEngine) -> Renderer:
    return Renderer(list(engines), storage, OutputSettings(), process=fake_process)


@pytest.fixture
def storage(tmp_path: Path) -> LocalAudioStorage:
    return LocalAudioStorage(tmp_path / "audio")

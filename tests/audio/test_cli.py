"""`flask audio build|stats` end to end, with real espeak-ng and ffmpeg."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import requests
from flask import Flask

from tests.audio.test_engines import FakeNetwork, Sleeps
from tests.sectors.test_service import sync
from vaktaal.audio import cli
from vaktaal.audio.engines import GttsEngine, SpeechEngine
from vaktaal.audio.processing import probe_duration

ITEMS = 14


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    """gTTS as on these machines: every connection fails (and nothing really sleeps)."""
    network = FakeNetwork([requests.exceptions.ConnectionError("unreachable")] * 40)
    monkeypatch.setattr(
        requests.adapters.HTTPAdapter,
        "send",
        lambda self, request, **kw: network.send(self, request),
    )
    sleeps = Sleeps()
    make_engine = cli.make_engine

    def engine(name: str) -> SpeechEngine:
        return GttsEngine(sleep=sleeps) if name == "gtts" else make_engine(name)

    monkeypatch.setattr(cli, "make_engine", engine)
    return network


def test_build_falls_back_then_caches_and_reports_full_coverage(
    app: Flask, content_dir: Path, offline: FakeNetwork
) -> None:
    sync(app, content_dir)
    runner = app.test_cli_runner()

    first = runner.invoke(args=["audio", "build", "--engine", "auto"])
    assert first.exit_code == 0, first.output
    assert "gTTS could not be used: gTTS service unreachable" in first.output
    assert f"Fell back from gTTS to espeak-ng for {ITEMS} item(s)." in first.output
    assert f"Audio: {ITEMS} generated, 0 cached, 0 failed" in first.output
    files = sorted(Path(app.config["AUDIO_DIR"]).rglob("*"))
    files = [f for f in files if f.is_file()]
    assert len(files) == ITEMS
    assert all(f.stat().st_size > 0 and f.suffix == ".mp3" for f in files)  # no 0-byte, no .part
    assert all(0.3 < probe_duration(f) < 8 for f in files[:3])

    for args in (["audio", "build"], ["audio", "build", "--engine", "espeak"]):
        again = runner.invoke(args=args)
        assert again.exit_code == 0, again.output
        assert f"Audio: 0 generated, {ITEMS} cached, 0 failed" in again.output
        assert "could not be used" not in again.output  # nothing was missing: no request

    stats = runner.invoke(args=["audio", "stats", "--json"])
    numbers = json.loads(stats.output)
    assert {slug: (n["items"], n["with_audio"]) for slug, n in numbers["sectors"].items()} == {
        "keuken": (ITEMS, ITEMS)
    }
    text = runner.invoke(args=["audio", "stats"]).output
    assert f"keuken: {ITEMS}/{ITEMS} items with audio (100 %)" in text


def test_build_with_gtts_only_fails_without_a_file(
    app: Flask, content_dir: Path, offline: FakeNetwork
) -> None:
    sync(app, content_dir)
    result = app.test_cli_runner().invoke(args=["audio", "build", "--engine", "gtts"])
    assert result.exit_code == 1
    assert f"Audio: 0 generated, 0 cached, {ITEMS} failed" in result.output
    audio_dir = Path(app.config["AUDIO_DIR"])
    assert not audio_dir.exists() or [p for p in audio_dir.rglob("*") if p.is_file()] == []
    # Given up after one retry; only items already under way when that happened (one
    # per worker) made their own attempts, not every item.
    assert 2 <= len(offline.requests) <= 2 * (os.cpu_count() or 2)


def test_unknown_sector(app: Flask, content_dir: Path) -> None:
    sync(app, content_dir)
    result = app.test_cli_runner().invoke(args=["audio", "build", "--sector", "bouw"])
    assert result.exit_code == 1
    assert "no sector 'bouw' is loaded" in result.output


def test_missing_ffmpeg_is_explained(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "missing_tools", lambda: ["ffmpeg", "ffprobe"])
    result = app.test_cli_runner().invoke(args=["audio", "build"])
    assert result.exit_code == 1
    assert "ffmpeg and ffprobe not found" in result.output


def test_stats_without_content(runner: object, app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["audio", "stats", "--json"])
    assert json.loads(result.output) == {"sectors": {}}

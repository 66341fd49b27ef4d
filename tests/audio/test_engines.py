"""The speech engines: espeak-ng for real, gTTS with its network layer replaced."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from vaktaal.audio.engines import (
    EngineUnavailable,
    EspeakEngine,
    GttsEngine,
    SynthesisError,
    Throttle,
    Voice,
    accepted_engines,
    engine_order,
    espeak_voices,
    installed_mbrola_voices,
    retry_after,
)
from vaktaal.audio.processing import OutputSettings, probe_duration, process_audio

# --- espeak-ng, for real ------------------------------------------------------------------


@pytest.fixture(scope="module")
def espeak() -> EspeakEngine:
    return EspeakEngine(mbrola=())


def test_espeak_speaks_dutch_as_wav(espeak: EspeakEngine) -> None:
    wav = espeak.synthesize("de emmer", espeak.voices.narrator)
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    assert len(wav) > 10_000


def test_espeak_takes_text_that_looks_like_an_option(espeak: EspeakEngine) -> None:
    assert espeak.synthesize("--help", espeak.voices.narrator)[:4] == b"RIFF"


def test_espeak_reports_an_unknown_voice(espeak: EspeakEngine) -> None:
    with pytest.raises(SynthesisError, match="espeak-ng failed"):
        espeak.synthesize("de emmer", Voice("xx-no-such-voice"))


def test_a_missing_espeak_makes_the_engine_unavailable() -> None:
    engine = EspeakEngine(mbrola=(), executable="espeak-ng-not-installed")
    with pytest.raises(EngineUnavailable, match="not installed"):
        engine.synthesize("de emmer", engine.voices.narrator)


def test_two_speakers_in_a_dialogue_have_different_voices() -> None:
    voices = espeak_voices(())
    assert voices.for_speaker(0) != voices.for_speaker(1)
    assert voices.for_speaker(None) == voices.narrator
    assert voices.for_speaker(len(voices.speakers)) == voices.for_speaker(0)
    gtts = GttsEngine().voices
    assert gtts.for_speaker(0) != gtts.for_speaker(1)
    assert gtts.for_speaker(0).label != gtts.for_speaker(1).label


def test_mbrola_voices_are_used_when_installed(tmp_path: Path) -> None:
    for name in ("nl2", "nl3"):
        (tmp_path / name).mkdir()
        (tmp_path / name / name).write_bytes(b"voice")
    found = installed_mbrola_voices(tmp_path, which=lambda _: "/usr/bin/mbrola")
    assert found == ["nl2", "nl3"]
    assert installed_mbrola_voices(tmp_path, which=lambda _: None) == []
    voices = espeak_voices(found)
    assert voices.narrator == Voice("mb-nl2")
    assert voices.speakers[:2] == (Voice("mb-nl3"), Voice("mb-nl2"))
    # Only a male MBROLA voice: the other speaker keeps an espeak-ng variant.
    assert espeak_voices(["nl2"]).speakers[:2] == (Voice("nl+f3"), Voice("mb-nl2"))


def test_engine_choices() -> None:
    assert engine_order("auto") == ("gtts", "espeak")
    assert engine_order("espeak") == ("espeak",)
    assert accepted_engines("espeak") == ("gtts", "espeak")
    assert accepted_engines("gtts") == ("gtts",)
    assert accepted_engines("auto") == ("gtts", "espeak")
    with pytest.raises(ValueError, match="unknown engine"):
        engine_order("festival")


# --- gTTS, with the network replaced ------------------------------------------------------

Reply = tuple[int, bytes, dict[str, str]] | Exception


def gtts_body(audio: bytes) -> bytes:
    """What Google Translate's batchexecute endpoint answers, as gTTS parses it."""
    payload = base64.b64encode(audio).decode()
    return (
        ")]}'\n\n" + '[["wrb.fr","jQ1olc","[\\"' + payload + '\\"]",null,null,null,"generic"]]\n'
    ).encode()


class FakeNetwork:
    """Stands in for requests' transport: everything above it (gTTS, Session) is real."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.requests: list[requests.PreparedRequest] = []

    def send(
        self, adapter: object, request: requests.PreparedRequest, **kwargs: object
    ) -> requests.Response:
        self.requests.append(request)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        status, body, headers = reply
        response = requests.Response()
        response.status_code = status
        response.reason = {200: "OK", 429: "Too Many Requests"}.get(status, "Error")
        response._content = body
        response.headers.update(headers)
        response.url = request.url or ""
        response.request = request
        return response


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeNetwork]:
    fake = FakeNetwork([])

    def send(self: object, request: requests.PreparedRequest, **kwargs: object) -> object:
        return fake.send(self, request, **kwargs)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    yield fake


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def gtts(sleeps: Sleeps) -> GttsEngine:
    return GttsEngine(interval=0, sleep=sleeps)


@pytest.fixture(scope="module")
def google_mp3(espeak: EspeakEngine) -> bytes:
    """Real MP3 bytes, as the service would send (made locally with espeak-ng)."""
    wav = espeak.synthesize("de emmer", espeak.voices.narrator)
    return process_audio(wav, OutputSettings(sample_rate=24000)).data


def test_gtts_success(network: FakeNetwork, google_mp3: bytes, tmp_path: Path) -> None:
    network.replies = [(200, gtts_body(google_mp3), {})]
    sleeps = Sleeps()
    engine = gtts(sleeps)
    audio = engine.synthesize("de emmer", engine.voices.narrator)
    assert audio == google_mp3
    assert len(network.requests) == 1
    assert "emmer" in str(network.requests[0].body)
    assert sleeps == []
    # The engine's output goes through the same processing as espeak-ng's.
    encoded = process_audio(audio, OutputSettings(), pitch=engine.voices.speakers[1].pitch)
    (tmp_path / "clip.mp3").write_bytes(encoded.data)
    assert probe_duration(tmp_path / "clip.mp3") > 0.3


def test_gtts_retries_after_429_with_back_off(network: FakeNetwork) -> None:
    network.replies = [
        (429, b"", {}),
        (429, b"", {"Retry-After": "7"}),
        (200, gtts_body(b"mp3 bytes"), {}),
    ]
    sleeps = Sleeps()
    engine = gtts(sleeps)
    assert engine.synthesize("de emmer", engine.voices.narrator) == b"mp3 bytes"
    assert len(network.requests) == 3
    assert sleeps == [2.0, 7.0]  # exponential back-off, then what the server asked for


def test_gtts_gives_up_on_a_rate_limit_that_lasts(network: FakeNetwork) -> None:
    network.replies = [(429, b"", {}) for _ in range(4)]
    sleeps = Sleeps()
    with pytest.raises(EngineUnavailable, match="429"):
        gtts(sleeps).synthesize("de emmer", Voice("nl"))
    assert sleeps == [2.0, 4.0, 8.0]


def test_gtts_unreachable_gives_up_quickly(network: FakeNetwork) -> None:
    network.replies = [requests.exceptions.ConnectionError("no route to host") for _ in range(5)]
    sleeps = Sleeps()
    with pytest.raises(EngineUnavailable, match="unreachable"):
        gtts(sleeps).synthesize("de emmer", Voice("nl"))
    assert len(network.requests) == 2
    assert sleeps == [0.5]


def test_gtts_server_error_then_success(network: FakeNetwork) -> None:
    network.replies = [(503, b"", {}), (200, gtts_body(b"ok"), {})]
    assert gtts(Sleeps()).synthesize("de emmer", Voice("nl")) == b"ok"


def test_gtts_answer_without_audio_fails_this_item(network: FakeNetwork) -> None:
    network.replies = [(200, b")]}'\n\n[]\n", {})]
    with pytest.raises(SynthesisError, match="no audio"):
        gtts(Sleeps()).synthesize("de emmer", Voice("nl"))


def test_gtts_refusal_makes_the_engine_unavailable(network: FakeNetwork) -> None:
    network.replies = [(403, b"", {})]
    with pytest.raises(EngineUnavailable, match="refused"):
        gtts(Sleeps()).synthesize("de emmer", Voice("nl"))


def test_throttle_spaces_requests() -> None:
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    throttle = Throttle(1.5, clock=lambda: now[0], sleep=sleep)
    throttle.wait()
    now[0] += 0.5
    throttle.wait()
    throttle.wait()
    assert sleeps == [1.0, 1.5]


def test_retry_after() -> None:
    now = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    assert retry_after("12", now) == 12.0
    assert retry_after("Thu, 12 Mar 2026 08:00:30 GMT", now) == 30.0
    assert retry_after(None, now) is None
    assert retry_after("soon", now) is None

"""From an engine's raw audio to a small, even, trimmed file: ffmpeg for real."""

from __future__ import annotations

import io
import json
import subprocess
import wave
from pathlib import Path

import pytest

from vaktaal.audio.engines import EspeakEngine
from vaktaal.audio.processing import (
    OutputSettings,
    ProcessingError,
    audio_filters,
    probe_duration,
    process_audio,
)


@pytest.fixture(scope="module")
def word_wav() -> bytes:
    engine = EspeakEngine(mbrola=())
    return engine.synthesize("de emmer", engine.voices.narrator)


def stream_info(path: Path) -> dict[str, str]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        check=True,
    )
    stream: dict[str, str] = json.loads(result.stdout)["streams"][0]
    return stream


def padded(wav: bytes, *, seconds: float, scale: float = 1.0) -> bytes:
    """The same WAV with silence before and after, optionally quieter."""
    with wave.open(io.BytesIO(wav)) as source:
        params = source.getparams()
        frames = source.readframes(params.nframes)
    samples = memoryview(frames).cast("h")
    quieter = bytearray(len(frames))
    view = memoryview(quieter).cast("h")
    for i, sample in enumerate(samples):
        view[i] = int(sample * scale)
    silence = b"\0" * (int(params.framerate * seconds) * params.sampwidth)
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setparams(params)
        target.writeframes(silence + bytes(quieter) + silence)
    return out.getvalue()


def loudness(path: Path) -> float:
    result = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    summary = result.stderr.decode().rpartition("Integrated loudness:")[2]
    return float(summary.split("I:")[1].split("LUFS")[0])


def test_a_word_becomes_a_small_mono_mp3(word_wav: bytes, tmp_path: Path) -> None:
    encoded = process_audio(word_wav, OutputSettings())
    path = tmp_path / "word.mp3"
    path.write_bytes(encoded.data)
    info = stream_info(path)
    assert (info["codec_name"], info["channels"], info["sample_rate"]) == ("mp3", 1, "22050")
    assert len(encoded.data) < 12 * 1024
    # "de emmer" spoken slowly: well under two seconds, and not a blip.
    assert 0.4 < probe_duration(path) < 2.0
    assert abs(probe_duration(path) * 1000 - encoded.duration_ms) < 100


def test_silence_is_trimmed_and_loudness_evened_out(word_wav: bytes, tmp_path: Path) -> None:
    plain = process_audio(word_wav, OutputSettings())
    quiet_and_padded = process_audio(padded(word_wav, seconds=1.0, scale=0.1), OutputSettings())
    assert abs(quiet_and_padded.duration_ms - plain.duration_ms) < 150
    for name, clip in (("plain", plain), ("quiet", quiet_and_padded)):
        path = tmp_path / f"{name}.mp3"
        path.write_bytes(clip.data)
        assert loudness(path) == pytest.approx(-16, abs=1.5)


def test_opus_is_an_ogg_file(word_wav: bytes, tmp_path: Path) -> None:
    encoded = process_audio(word_wav, OutputSettings(format="opus", bitrate_kbps=16))
    assert encoded.data[:4] == b"OggS"
    path = tmp_path / "word.opus"
    path.write_bytes(encoded.data)
    assert stream_info(path)["codec_name"] == "opus"


def test_a_pitch_shift_keeps_the_length(word_wav: bytes) -> None:
    plain = process_audio(word_wav, OutputSettings())
    lower = process_audio(word_wav, OutputSettings(), pitch=0.84)
    assert abs(lower.duration_ms - plain.duration_ms) < 100
    assert "asetrate=20160" in audio_filters(OutputSettings(), pitch=0.84)
    assert "asetrate" not in audio_filters(OutputSettings())


def test_garbage_and_silence_are_refused(word_wav: bytes) -> None:
    with pytest.raises(ProcessingError, match="ffmpeg cannot measure"):
        process_audio(b"this is not audio", OutputSettings())
    with pytest.raises(ProcessingError, match="no audio"):
        process_audio(b"", OutputSettings())
    with pytest.raises(ProcessingError, match="no speech"):
        process_audio(padded(word_wav, seconds=0.5, scale=0.0), OutputSettings())


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audio format"):
        OutputSettings(format="wav")

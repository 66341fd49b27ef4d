"""Turn an engine's raw audio into a small file every phone plays: ffmpeg does the work.

Per clip: optional pitch shift (a second gTTS speaker), silence trimmed at both ends,
loudness measured (EBU R128) and brought to one target with a peak limiter, mono, then
MP3 (plays in every browser) or Opus (smaller; older iPhones do not play it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

TOOLS = ("ffmpeg", "ffprobe")
MAX_GAIN_DB = 30.0  # beyond this we would only be amplifying noise


class ProcessingError(RuntimeError):
    """ffmpeg could not turn this audio into a usable clip."""


@dataclass(frozen=True)
class OutputSettings:
    """How clips are encoded; every field is part of the cache key."""

    format: str = "mp3"  # mp3 or opus
    sample_rate: int = 22050  # MP3; Opus always runs at 48 kHz
    bitrate_kbps: int = 32  # constant bit rate: about 4 KB a second of speech
    loudness_lufs: float = -16.0  # loud enough for a phone speaker on a noisy bus
    true_peak_db: float = -1.5
    silence_db: float = -50.0  # quieter than this at either end is trimmed
    keep_silence_s: float = 0.05  # so the first sound is not clipped

    def __post_init__(self) -> None:
        if self.format not in ("mp3", "opus"):
            raise ValueError(f"unknown audio format {self.format!r}: mp3 or opus")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Encoded:
    data: bytes
    duration_ms: int


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _shape_filters(settings: OutputSettings, pitch: float) -> list[str]:
    """Pitch shift (if any) and silence trimmed at both ends."""
    filters = []
    if pitch != 1.0:
        # Play faster or slower (pitch and tempo change), then restore the tempo.
        rate = 24000
        filters += [
            f"aresample={rate}",
            f"asetrate={round(rate * pitch)}",
            f"aresample={rate}",
            f"atempo={1 / pitch:.5f}",
        ]
    trim = (
        "silenceremove=start_periods=1"
        f":start_threshold={settings.silence_db:g}dB:start_silence={settings.keep_silence_s:g}"
    )
    # silenceremove trims the start; reversing twice trims the end as well.
    return [*filters, trim, "areverse", trim, "areverse"]


def audio_filters(settings: OutputSettings, *, pitch: float = 1.0, gain_db: float = 0.0) -> str:
    """The ffmpeg filter chain for one clip, given the gain that reaches the target loudness."""
    limit = 10 ** (settings.true_peak_db / 20)
    return ",".join(
        [
            *_shape_filters(settings, pitch),
            f"volume={gain_db:.2f}dB",
            # Catches the few peaks the gain pushes too high; no automatic level changes.
            f"alimiter=limit={limit:.4f}:level=false",
        ]
    )


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float  # -70 or lower: too short or quiet to measure
    peak_db: float


def measure_loudness(audio: bytes, settings: OutputSettings, *, pitch: float = 1.0) -> Loudness:
    """Integrated loudness (EBU R128) and true peak of the trimmed clip."""
    chain = ",".join([*_shape_filters(settings, pitch), "ebur128=peak=true"])
    command = [
        "ffmpeg", "-hide_banner", "-nostats", "-i", "pipe:0", "-af", chain, "-f", "null", "-",
    ]  # fmt: skip
    result = _run(command, input=audio)
    report = result.stderr.decode(errors="replace").rpartition("Summary:")[2]
    integrated = re.search(r"\bI:\s+(-?[\d.]+) LUFS", report)
    peak = re.search(r"\bPeak:\s+(-?[\d.]+|-inf) dBFS", report)
    if result.returncode != 0 or integrated is None or peak is None:
        raise ProcessingError(f"ffmpeg cannot measure this audio: {_tail(result.stderr)}")
    return Loudness(float(integrated.group(1)), float(peak.group(1)))


def gain_for(loudness: Loudness, settings: OutputSettings) -> float:
    """The gain in dB that brings a clip to the target loudness."""
    if loudness.peak_db == float("-inf"):
        raise ProcessingError("no speech left after trimming silence")
    if loudness.integrated_lufs <= -70:
        # Shorter than one 400 ms measuring block: even out the peaks instead.
        gain = settings.true_peak_db - loudness.peak_db
    else:
        gain = settings.loudness_lufs - loudness.integrated_lufs
    return min(gain, MAX_GAIN_DB)


def encoder_arguments(settings: OutputSettings) -> list[str]:
    if settings.format == "opus":
        return [
            "-ar", "48000", "-c:a", "libopus", "-b:a", f"{settings.bitrate_kbps}k",
            "-application", "voip", "-f", "ogg",
        ]  # fmt: skip
    return [
        "-ar", str(settings.sample_rate), "-c:a", "libmp3lame",
        "-b:a", f"{settings.bitrate_kbps}k", "-write_xing", "1", "-id3v2_version", "0",
        "-f", "mp3",
    ]  # fmt: skip


def process_audio(audio: bytes, settings: OutputSettings, *, pitch: float = 1.0) -> Encoded:
    """Trim, even out and encode `audio` (any format ffmpeg reads): two ffmpeg runs."""
    if not audio:
        raise ProcessingError("no audio to process")
    # Measured first, then one fixed gain: ffmpeg's one-pass loudnorm pumps on clips
    # shorter than its 3-second window and leaves them far too quiet.
    gain = gain_for(measure_loudness(audio, settings, pitch=pitch), settings)
    with tempfile.TemporaryDirectory(prefix="vaktaal-audio-") as folder:
        # A real file, not a pipe: the MP3 muxer then writes its Xing header (duration,
        # seek table), which phones use to show the length and to seek.
        target = Path(folder) / f"clip.{settings.format}"
        command = [
            "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostats",
            # The encoded duration, read from the progress report: no third process.
            "-progress", "pipe:1",
            "-i", "pipe:0",
            "-af", audio_filters(settings, pitch=pitch, gain_db=gain), "-ac", "1",
            "-map_metadata", "-1", "-fflags", "+bitexact",
            *encoder_arguments(settings), str(target),
        ]  # fmt: skip
        result = _run(command, input=audio)
        if result.returncode != 0 or not target.is_file():
            raise ProcessingError(f"ffmpeg failed: {_tail(result.stderr)}")
        data = target.read_bytes()
    duration_ms = _encoded_duration_ms(result.stdout)
    if not data or duration_ms < 100:
        raise ProcessingError("no speech left after trimming silence")
    return Encoded(data=data, duration_ms=duration_ms)


def _encoded_duration_ms(progress: bytes) -> int:
    """The last `out_time_us` of ffmpeg's progress report, in milliseconds."""
    microseconds = 0
    for line in progress.decode(errors="replace").splitlines():
        name, _, value = line.partition("=")
        if name == "out_time_us" and value.strip().lstrip("-").isdigit():
            microseconds = max(microseconds, int(value))
    return round(microseconds / 1000)


def probe_duration(path: Path) -> float:
    """The duration in seconds of an audio file; fails when it does not decode."""
    command = [
        "ffprobe", "-v", "error", "-show_entries", "format=duration",
        "-of", "default=noprint_wrappers=1:nokey=1", str(path),
    ]  # fmt: skip
    result = _run(command)
    try:
        return float(result.stdout.decode().strip())
    except ValueError:
        raise ProcessingError(f"ffprobe cannot read {path.name}: {_tail(result.stderr)}") from None


def probe_audio(data: bytes, format: str) -> int:
    """The duration in milliseconds of a stored clip; fails when it does not decode."""
    with tempfile.TemporaryDirectory(prefix="vaktaal-audio-") as folder:
        path = Path(folder) / f"clip.{format}"
        path.write_bytes(data)
        return round(probe_duration(path) * 1000)


def _run(command: list[str], input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(command, input=input, capture_output=True, check=False, timeout=120)
    except FileNotFoundError as error:
        raise ProcessingError(f"{command[0]} is not installed (Debian package ffmpeg)") from error
    except subprocess.TimeoutExpired as error:
        raise ProcessingError(f"{command[0]} took too long") from error


def _tail(stderr: bytes) -> str:
    lines = stderr.decode(errors="replace").strip().splitlines()
    return " / ".join(lines[-3:]) or "no message"

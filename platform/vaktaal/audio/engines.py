"""Speech engines behind one small interface: gTTS (natural voice) and espeak-ng (offline).

An engine turns Dutch text into audio in any format ffmpeg reads; `processing` then
trims, evens out and encodes it. Engines name their voices for a narrator (terms and
example sentences) and for the speakers of a dialogue, so two speakers sound different.

Errors say what to do next: `SynthesisError` means this text failed (try another
engine for it); `EngineUnavailable` means the engine cannot be used now at all (stop
asking it during this run).
"""

from __future__ import annotations

import email.utils
import io
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

MBROLA_DIR = Path("/usr/share/mbrola")


class SynthesisError(RuntimeError):
    """This text could not be spoken by this engine."""


class EngineUnavailable(RuntimeError):
    """The engine cannot be used now (not installed, service unreachable, rate-limited)."""


@dataclass(frozen=True)
class Voice:
    """An engine's voice, optionally shifted in pitch after synthesis."""

    id: str
    pitch: float = 1.0  # 0.84: about three semitones lower, and the same speed

    @property
    def label(self) -> str:
        return self.id if self.pitch == 1.0 else f"{self.id}~{self.pitch:g}"


@dataclass(frozen=True)
class VoiceSet:
    narrator: Voice
    speakers: tuple[Voice, ...]  # dialogue speakers in order; repeats when there are more

    def for_speaker(self, index: int | None) -> Voice:
        if index is None:
            return self.narrator
        return self.speakers[index % len(self.speakers)]


class SpeechEngine(Protocol):
    name: str
    voices: VoiceSet

    def settings(self) -> Mapping[str, Any]:
        """Everything besides text and voice that changes the sound (part of the cache key)."""

    def synthesize(self, text: str, voice: Voice) -> bytes:
        """Speak `text`; return audio bytes (WAV, MP3); raise SynthesisError/EngineUnavailable."""


# --- espeak-ng ---------------------------------------------------------------------------

# Variants of espeak-ng's Dutch voice, far enough apart to tell two speakers apart.
ESPEAK_NARRATOR = Voice("nl")
ESPEAK_SPEAKERS = (Voice("nl+f3"), Voice("nl+m3"), Voice("nl+f5"), Voice("nl+m7"))
# MBROLA's Dutch diphone voices sound more natural: nl2 and nl1 are male, nl3 female.
MBROLA_FEMALE = ("nl3",)
MBROLA_MALE = ("nl2", "nl1")


def installed_mbrola_voices(
    directory: Path = MBROLA_DIR, which: Callable[[str], str | None] = shutil.which
) -> list[str]:
    """The Dutch MBROLA voices that are installed (Debian: mbrola, mbrola-nl2, ...)."""
    if which("mbrola") is None:
        return []
    return [name for name in (*MBROLA_MALE, *MBROLA_FEMALE) if (directory / name / name).is_file()]


def espeak_voices(mbrola: Sequence[str] = ()) -> VoiceSet:
    """Prefer installed MBROLA voices: a male narrator, a female then a male speaker."""
    male = [Voice(f"mb-{n}") for n in MBROLA_MALE if n in mbrola]
    female = [Voice(f"mb-{n}") for n in MBROLA_FEMALE if n in mbrola]
    narrator = male[0] if male else female[0] if female else ESPEAK_NARRATOR
    speakers = [
        female[0] if female else ESPEAK_SPEAKERS[0],
        male[0] if male else ESPEAK_SPEAKERS[1],
    ]
    return VoiceSet(narrator=narrator, speakers=(*speakers, *ESPEAK_SPEAKERS[2:]))


class EspeakEngine:
    """espeak-ng from Debian: offline and always available; robotic but clear."""

    name = "espeak"

    def __init__(
        self,
        *,
        words_per_minute: int = 140,
        mbrola: Sequence[str] | None = None,
        executable: str = "espeak-ng",
    ) -> None:
        # Slower than espeak-ng's 175 words a minute: many listeners are beginners.
        self.words_per_minute = words_per_minute
        self.executable = executable
        self.voices = espeak_voices(installed_mbrola_voices() if mbrola is None else mbrola)

    def settings(self) -> Mapping[str, Any]:
        return {"words_per_minute": self.words_per_minute}

    def synthesize(self, text: str, voice: Voice) -> bytes:
        # The text goes in on stdin (UTF-8, -b 1), so it can never be read as an option.
        command = [self.executable, "-b", "1", "-v", voice.id, "-s", str(self.words_per_minute)]
        try:
            result = subprocess.run(
                [*command, "--stdout"],
                input=text.encode(),
                capture_output=True,
                check=False,
                timeout=60,
            )
        except FileNotFoundError as error:
            raise EngineUnavailable(f"{self.executable} is not installed") from error
        except subprocess.TimeoutExpired as error:
            raise SynthesisError(f"{self.executable} took too long") from error
        # A WAV header alone is 44 bytes: anything that small holds no speech.
        if result.returncode != 0 or len(result.stdout) <= 44:
            message = result.stderr.decode(errors="replace").strip()
            raise SynthesisError(
                f"{self.executable} failed (exit status {result.returncode}): {message}"
            )
        return result.stdout


# --- gTTS --------------------------------------------------------------------------------


class Throttle:
    """At most one request per `interval` seconds, across all threads of this process."""

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.Lock()
        self._next = float("-inf")

    def wait(self) -> None:
        with self._lock:
            delay = self._next - self.clock()
            if delay > 0:
                self.sleep(delay)
            self._next = self.clock() + self.interval


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), if given."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


# Google Translate has one Dutch voice: the second speaker gets it about three semitones lower.
LOWER_VOICE = 0.84


class GttsEngine:
    """Google Translate's text-to-speech through gTTS: natural, but needs the internet.

    Requests are throttled; HTTP 429 and 5xx are retried with exponential back-off
    (honouring Retry-After); a connection that fails twice means the service cannot be
    reached, and the engine gives up at once instead of trying every item.
    """

    name = "gtts"

    def __init__(
        self,
        *,
        lang: str = "nl",
        tld: str = "com",
        interval: float = 1.0,
        attempts: int = 4,
        connect_attempts: int = 2,
        reconnect_delay: float = 0.5,
        backoff: float = 2.0,
        max_backoff: float = 60.0,
        timeout: tuple[float, float] = (3.05, 15.0),
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.lang = lang
        self.tld = tld
        self.voices = VoiceSet(
            narrator=Voice(lang), speakers=(Voice(lang), Voice(lang, pitch=LOWER_VOICE))
        )
        self.attempts = attempts
        self.connect_attempts = connect_attempts
        self.reconnect_delay = reconnect_delay
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.timeout = timeout
        self.sleep = sleep
        self.throttle = Throttle(interval, clock=clock, sleep=sleep)

    def settings(self) -> Mapping[str, Any]:
        return {"lang": self.lang, "tld": self.tld}

    def synthesize(self, text: str, voice: Voice) -> bytes:
        # Imported here: only a build that asks for gTTS needs it (and requests).
        from gtts import gTTS, gTTSError

        failed_connections = 0
        for attempt in range(1, self.attempts + 1):
            self.throttle.wait()
            # Into memory, never into the target file: gTTS.save() leaves a 0-byte file
            # behind when the request fails, and a partial one when a later part fails.
            buffer = io.BytesIO()
            try:
                gTTS(text, lang=voice.id, tld=self.tld, timeout=self.timeout).write_to_fp(buffer)
            except gTTSError as error:
                response = error.rsp
                if response is None:
                    failed_connections += 1
                    if failed_connections >= self.connect_attempts:
                        raise EngineUnavailable(f"gTTS service unreachable: {error}") from error
                    self.sleep(self.reconnect_delay)
                    continue
                status = response.status_code
                if status == 429 or status >= 500:
                    if attempt == self.attempts:
                        if status == 429:
                            raise EngineUnavailable(
                                f"gTTS rate limit (HTTP 429) after {attempt} attempts"
                            ) from error
                        raise SynthesisError(f"gTTS failed: {error}") from error
                    wait = retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
                    self.sleep(min(wait or self.backoff * 2 ** (attempt - 1), self.max_backoff))
                    continue
                if status in (401, 403):
                    raise EngineUnavailable(f"gTTS refused: {error}") from error
                raise SynthesisError(f"gTTS failed: {error}") from error
            except (AssertionError, ValueError) as error:
                raise SynthesisError(f"gTTS cannot speak {text!r}: {error}") from error
            data = buffer.getvalue()
            if not data:
                raise SynthesisError("gTTS returned no audio")
            return data
        raise EngineUnavailable("gTTS service unreachable")


# --- choosing engines ---------------------------------------------------------------------

# From most to least natural; `auto` tries them in this order, item by item.
ENGINE_NAMES = ("gtts", "espeak")
ENGINE_CHOICES = ("auto", *ENGINE_NAMES)


def make_engine(name: str) -> SpeechEngine:
    if name == "gtts":
        return GttsEngine()
    if name == "espeak":
        return EspeakEngine()
    raise ValueError(f"unknown speech engine {name!r}; choose from {', '.join(ENGINE_NAMES)}")


def accepted_engines(choice: str) -> tuple[str, ...]:
    """Engines whose existing clips satisfy a build with `choice`: as natural or better.

    So `--engine espeak` (what `make run` does) fills gaps but never replaces natural
    gTTS audio, and `--engine gtts` replaces espeak-ng clips with the natural voice.
    """
    last = engine_order(choice)[-1]
    return ENGINE_NAMES[: ENGINE_NAMES.index(last) + 1]


def engine_order(choice: str) -> tuple[str, ...]:
    """The engines to try, in order, for an `--engine` choice."""
    if choice == "auto":
        return ENGINE_NAMES
    if choice in ENGINE_NAMES:
        return (choice,)
    raise ValueError(f"unknown engine choice {choice!r}; choose from {', '.join(ENGINE_CHOICES)}")

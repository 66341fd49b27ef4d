"""Render spoken texts to stored clips: cache keys, engine fallback, parallel work.

Plain values in, plain values out: no Flask, no database. The service decides what
needs rendering; this module renders it, trying the engines in order for each text and
remembering, for the rest of the run, an engine that cannot be reached.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Protocol

from vaktaal.audio.engines import EngineUnavailable, SpeechEngine, SynthesisError, Voice
from vaktaal.audio.processing import Encoded, OutputSettings, ProcessingError, process_audio
from vaktaal.audio.storage import AudioStorage

# Bump when the pipeline changes the sound in a way the settings do not show.
PIPELINE_VERSION = 1


def normalise_text(text: str) -> str:
    return " ".join(text.split())


def clip_key(
    text: str,
    *,
    engine: str,
    voice: Voice,
    engine_settings: Mapping[str, object],
    output: OutputSettings,
) -> str:
    """The content hash naming a clip: the same text, engine, voice and settings, one file."""
    payload = {
        "pipeline": PIPELINE_VERSION,
        "text": normalise_text(text),
        "engine": engine,
        "voice": voice.id,
        "pitch": voice.pitch,
        "engine_settings": dict(engine_settings),
        "output": output.as_dict(),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


@dataclass(frozen=True)
class Utterance:
    """A text to speak, and who speaks it: None for the narrator, else a speaker's index."""

    text: str
    speaker: int | None = None


@dataclass(frozen=True)
class Clip:
    key: str
    format: str
    engine: str
    voice: str
    size: int
    duration_ms: int

    @property
    def filename(self) -> str:
        return f"{self.key}.{self.format}"


@dataclass
class Rendered:
    utterance: Utterance
    clip: Clip | None  # None: every engine failed
    errors: list[str] = field(default_factory=list)  # one per engine that failed it
    wanted: str = ""  # the first engine tried: differs from clip.engine after a fallback


class Processor(Protocol):
    def __call__(self, audio: bytes, settings: OutputSettings, *, pitch: float = 1.0) -> Encoded:
        """Turn an engine's raw audio into the file to store."""


class Renderer:
    """Speak utterances with the first engine that works, and store the clips."""

    def __init__(
        self,
        engines: Sequence[SpeechEngine],
        storage: AudioStorage,
        output: OutputSettings,
        *,
        process: Processor = process_audio,
    ) -> None:
        if not engines:
            raise ValueError("at least one speech engine is needed")
        self.engines = list(engines)
        self.storage = storage
        self.output = output
        self.process = process
        self._lock = threading.Lock()
        self.unavailable: dict[str, str] = {}  # engine name -> why, for the rest of the run

    def key(self, engine: SpeechEngine, utterance: Utterance) -> tuple[str, Voice]:
        voice = engine.voices.for_speaker(utterance.speaker)
        key = clip_key(
            utterance.text,
            engine=engine.name,
            voice=voice,
            engine_settings=engine.settings(),
            output=self.output,
        )
        return key, voice

    def render(self, utterance: Utterance) -> Rendered:
        result = Rendered(utterance=utterance, clip=None, wanted=self.engines[0].name)
        text = normalise_text(utterance.text)
        for engine in self.engines:
            with self._lock:
                reason = self.unavailable.get(engine.name)
            if reason is not None:
                result.errors.append(f"{engine.name}: {reason}")
                continue
            key, voice = self.key(engine, utterance)
            try:
                raw = engine.synthesize(text, voice)
                encoded = self.process(raw, self.output, pitch=voice.pitch)
            except EngineUnavailable as error:
                with self._lock:
                    self.unavailable.setdefault(engine.name, str(error))
                result.errors.append(f"{engine.name}: {error}")
                continue
            except (SynthesisError, ProcessingError) as error:
                result.errors.append(f"{engine.name}: {error}")
                continue
            clip = Clip(
                key=key,
                format=self.output.format,
                engine=engine.name,
                voice=voice.label,
                size=len(encoded.data),
                duration_ms=encoded.duration_ms,
            )
            self.storage.write(clip.filename, encoded.data)
            result.clip = clip
            return result
        return result

    def render_all(
        self, utterances: Iterable[Utterance], *, workers: int = 2
    ) -> Iterator[Rendered]:
        """Render in parallel, yielding each result as it is done.

        Threads are enough to keep every core busy: the work happens in the espeak-ng and
        ffmpeg processes, and gTTS waits on the network.
        """
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [pool.submit(self.render, u) for u in utterances]
            for future in as_completed(futures):
                yield future.result()

"""Benchmark: audio for a whole sector, with each available engine, as MP3 and as Opus.

Prints numbers; asserts nothing. Run it on a quiet machine:

    .venv/bin/python bench/audio.py                       # schoonmaak, every engine
    .venv/bin/python bench/audio.py --engines espeak --formats mp3:32,opus:16

1. Loads the content into a temporary SQLite database and lists the sector's spoken items
   (words with their article, plurals, example sentences, dialogue lines).
2. Per engine, one item at a time: the engine's time per item, then the processing time
   (trim, loudness, encode) per item for each output format; file sizes per kind of item.
3. Per engine: a whole build as `flask audio build` does it (the real Renderer, all cores,
   MP3), wall-clock total. gTTS is measured only where its service can be reached.
4. Serving: 2,000 requests for one clip through the app (no network): full answers, 304
   answers to If-None-Match, and range requests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from vaktaal import create_app
from vaktaal.audio.engines import EngineUnavailable, SpeechEngine, make_engine
from vaktaal.audio.processing import OutputSettings, process_audio
from vaktaal.audio.service import KINDS, SpokenItem, spoken_items
from vaktaal.audio.storage import LocalAudioStorage
from vaktaal.audio.synthesis import Renderer
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@dataclass
class Sample:
    kind: str
    synth_s: float
    process_s: dict[str, float]
    size: dict[str, int]
    duration_ms: int


def make_app(instance: Path) -> Flask:
    return create_app({"INSTANCE_PATH": instance, "SECRET_KEY": "bench", "ENV_NAME": "testing"})


def load_items(sector: str, instance: Path) -> list[SpokenItem]:
    app = make_app(instance)
    with app.app_context():
        db.create_all()
        report = check_content(app.config["CONTENT_DIR"], checker=None)
        sync_content(db.session, report.sectors, now=datetime.now(UTC))
        db.session.commit()
        return spoken_items(db.session, sector=sector)


def parse_formats(spec: str) -> dict[str, OutputSettings]:
    formats = {}
    for part in spec.split(","):
        name, _, kbps = part.partition(":")
        formats[f"{name} {kbps} kbit/s"] = OutputSettings(format=name, bitrate_kbps=int(kbps))
    return formats


def reachable(engine: SpeechEngine) -> str | None:
    """None when the engine works here; otherwise why not."""
    try:
        engine.synthesize("de emmer", engine.voices.narrator)
    except EngineUnavailable as error:
        return str(error)
    return None


def per_item(
    engine: SpeechEngine, items: list[SpokenItem], formats: dict[str, OutputSettings]
) -> list[Sample]:
    samples = []
    for item in items:
        voice = engine.voices.for_speaker(item.speaker)
        start = time.perf_counter()
        raw = engine.synthesize(item.text, voice)
        synth = time.perf_counter() - start
        process, size, duration = {}, {}, 0
        for label, settings in formats.items():
            start = time.perf_counter()
            encoded = process_audio(raw, settings, pitch=voice.pitch)
            process[label] = time.perf_counter() - start
            size[label] = len(encoded.data)
            duration = encoded.duration_ms
        samples.append(Sample(item.kind, synth, process, size, duration))
    return samples


def whole_build(engine: SpeechEngine, items: list[SpokenItem], workers: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        renderer = Renderer([engine], LocalAudioStorage(Path(folder)), OutputSettings())
        utterances = list(dict.fromkeys(item.utterance for item in items))
        start = time.perf_counter()
        failed = sum(1 for r in renderer.render_all(utterances, workers=workers) if r.clip is None)
        elapsed = time.perf_counter() - start
    if failed:
        print(f"  ({failed} items failed)")
    return elapsed


def report(name: str, samples: list[Sample], formats: dict[str, OutputSettings]) -> None:
    ms = 1000
    synth = [s.synth_s for s in samples]
    print(f"\n{name}: {len(samples)} items, one at a time")
    print(
        f"  engine:     mean {statistics.mean(synth) * ms:6.0f} ms/item, "
        f"max {max(synth) * ms:5.0f} ms, total {sum(synth):6.1f} s"
    )
    for label in formats:
        times = [s.process_s[label] for s in samples]
        print(
            f"  {label:<14} mean {statistics.mean(times) * ms:4.0f} ms/item, "
            f"total {sum(times):6.1f} s (trim, loudness, encode)"
        )
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    header = "".join(f"{label:>26}" for label in formats)
    print(f"  {'kind':<8}{'n':>4}{'mean s':>8}{header}")
    for kind in KINDS:
        group = by_kind.get(kind, [])
        if not group:
            continue
        cells = ""
        for label in formats:
            sizes = [s.size[label] for s in group]
            cells += f"{statistics.mean(sizes) / 1024:>11.1f} KB (max {max(sizes) / 1024:4.1f})"
        seconds = statistics.mean(s.duration_ms for s in group) / 1000
        print(f"  {kind:<8}{len(group):>4}{seconds:>8.2f}{cells}")
    totals = "".join(
        f"{sum(s.size[label] for s in samples) / 1024:>23.0f} KB" for label in formats
    )
    print(f"  {'all':<8}{len(samples):>4}{'':>8}{totals}")


def serving(instance: Path, requests: int = 2000) -> None:
    app = make_app(instance)
    engine = make_engine("espeak")
    wav = engine.synthesize("de emmer", engine.voices.narrator)
    encoded = process_audio(wav, OutputSettings())
    name = "0" * 64 + ".mp3"
    LocalAudioStorage(app.config["AUDIO_DIR"]).write(name, encoded.data)
    client = app.test_client()
    etag = client.get(f"/audio/{name}").headers["ETag"]
    print(f"\nServing one {len(encoded.data) / 1024:.1f} KB clip, {requests} requests each:")
    for label, headers in (
        ("200 full file", {}),
        ("304 If-None-Match", {"If-None-Match": etag}),
        ("206 range", {"Range": "bytes=1000-1999"}),
    ):
        start = time.perf_counter()
        for _ in range(requests):
            client.get(f"/audio/{name}", headers=headers)
        elapsed = time.perf_counter() - start
        print(f"  {label:<18} {elapsed / requests * 1000:5.2f} ms/request")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sector", default="schoonmaak")
    parser.add_argument("--engines", default="espeak,gtts")
    parser.add_argument("--formats", default="mp3:32,opus:16,opus:24")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    formats = parse_formats(args.formats)

    with tempfile.TemporaryDirectory() as instance:
        items = load_items(args.sector, Path(instance))
        serving(Path(instance))
    kinds = {k: sum(1 for i in items if i.kind == k) for k in KINDS}
    print(f"Sector {args.sector}: {len(items)} spoken items {kinds}; {os.cpu_count()} cores")

    for name in filter(None, args.engines.split(",")):
        engine = make_engine(name)
        why = reachable(engine)
        if why is not None:
            print(f"\n{name}: not measured here ({why})")
            continue
        report(name, per_item(engine, items, formats), formats)
        total = whole_build(engine, items, args.workers)
        print(
            f"  whole build, {args.workers} workers, MP3: {total:.1f} s "
            f"({total / len(items) * 1000:.0f} ms/item)"
        )


if __name__ == "__main__":
    main()

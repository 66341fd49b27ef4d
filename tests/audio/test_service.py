"""Building audio for the content: what is spoken, the cache, fallback, coverage, URLs."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests.audio.conftest import FakeEngine, make_renderer
from tests.sectors.test_service import sync, term
from tests.sectors.test_validation import BASIS, edit
from vaktaal.audio.models import AudioClip
from vaktaal.audio.processing import Encoded, OutputSettings
from vaktaal.audio.service import (
    BuildResult,
    audio_stats,
    build_audio,
    delete_unused_files,
    line_audio_urls,
    spoken_items,
    term_audio_urls,
)
from vaktaal.audio.storage import LocalAudioStorage, storage_for
from vaktaal.audio.synthesis import Renderer
from vaktaal.extensions import db
from vaktaal.sectors.models import DialogueLine

NOW = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 13, 8, 0, tzinfo=UTC)
# keuken: 5 terms (5 words, 5 examples, 2 plurals) and one dialogue of 2 lines.
ITEMS = 14


@pytest.fixture
def loaded(app: Flask, content_dir: Path) -> Flask:
    sync(app, content_dir)
    return app


def build(
    app: Flask,
    *engines: FakeEngine,
    accepted: tuple[FakeEngine, ...] | None = None,
    force: bool = False,
    now: datetime = NOW,
) -> BuildResult:
    storage = storage_for(app.config)
    with app.app_context():
        result = build_audio(
            db.session,
            renderer=make_renderer(storage, *engines),  # type: ignore[arg-type]
            accepted=list(accepted or engines),
            storage=storage,
            force=force,
            now=now,
        )
        db.session.commit()
        delete_unused_files(db.session, storage, result.replaced)
    return result


def stored_files(app: Flask) -> list[Path]:
    return sorted(Path(app.config["AUDIO_DIR"]).glob("*/*"))


def test_spoken_items(loaded: Flask) -> None:
    with loaded.app_context():
        items = spoken_items(db.session)
    texts = {(i.kind, i.text, i.speaker) for i in items}
    assert ("word", "de emmer", None) in texts
    assert ("plural", "de emmers", None) in texts
    assert ("example", "Vul de emmer met water.", None) in texts
    assert ("word", "afwassen", None) in texts
    assert ("line", "Goedemorgen Yonas. Wil jij eerst afwassen?", 0) in texts
    assert ("line", "Ja, dat doe ik. Waar is de emmer?", 1) in texts
    assert len(items) == ITEMS
    assert {i.sector for i in items} == {"keuken"}


def test_first_build_generates_everything(loaded: Flask) -> None:
    engine = FakeEngine()
    result = build(loaded, engine)
    assert (result.generated, result.cached, result.failed) == (ITEMS, 0, 0)
    assert result.files == ITEMS == len(stored_files(loaded))
    assert all(path.stat().st_size > 0 for path in stored_files(loaded))
    # The two speakers of the dialogue are spoken with different voices.
    line_voices = {
        voice for text, voice in engine.calls if text.startswith(("Goedemorgen", "Ja,"))
    }
    assert line_voices == {"a", "b"}
    with loaded.app_context():
        clip = db.session.scalar(
            select(AudioClip).where(
                AudioClip.term_id == term("emmer").id, AudioClip.kind == "word"
            )
        )
        assert clip is not None
        assert (clip.text, clip.engine, clip.voice, clip.format) == (
            "de emmer",
            "espeak",
            "n",
            "mp3",
        )
        assert clip.size == len(b"ID3espeak:n:de emmer")
        assert clip.created_at == NOW


def test_second_build_generates_nothing(loaded: Flask) -> None:
    build(loaded, FakeEngine())
    engine = FakeEngine()
    result = build(loaded, engine, now=LATER)
    assert (result.generated, result.cached, result.failed) == (0, ITEMS, 0)
    assert engine.calls == []
    with loaded.app_context():
        assert {c.updated_at for c in db.session.scalars(select(AudioClip))} == {NOW}


def test_an_edited_sentence_regenerates_only_itself(loaded: Flask, content_dir: Path) -> None:
    build(loaded, FakeEngine())
    before = set(stored_files(loaded))
    edit(content_dir, BASIS, "example: Vul de emmer met water.", "example: Zet de emmer neer.")
    sync(loaded, content_dir, LATER)
    engine = FakeEngine()
    result = build(loaded, engine, now=LATER)
    assert (result.generated, result.cached, result.files) == (1, ITEMS - 1, 1)
    assert engine.calls == [("Zet de emmer neer.", "n")]
    after = set(stored_files(loaded))
    assert len(after - before) == 1 and len(before - after) == 1  # the old file is gone
    with loaded.test_request_context():
        urls = term_audio_urls(db.session, [term("emmer").id])[term("emmer").id]
        assert Path(urls["example"]).name in {p.name for p in after - before}


def test_force_regenerates_everything(loaded: Flask) -> None:
    build(loaded, FakeEngine())
    engine = FakeEngine()
    result = build(loaded, engine, force=True, now=LATER)
    assert (result.generated, result.cached) == (ITEMS, 0)
    assert len(engine.calls) == ITEMS
    assert len(stored_files(loaded)) == ITEMS
    with loaded.app_context():
        assert {c.updated_at for c in db.session.scalars(select(AudioClip))} == {LATER}


def test_a_deleted_file_is_generated_again(loaded: Flask) -> None:
    build(loaded, FakeEngine())
    stored_files(loaded)[0].unlink()
    result = build(loaded, FakeEngine())
    assert (result.generated, result.cached) == (1, ITEMS - 1)


def test_auto_falls_back_per_item_when_gtts_is_unreachable(loaded: Flask) -> None:
    gtts = FakeEngine("gtts", unavailable=True)
    espeak = FakeEngine("espeak")
    result = build(loaded, gtts, espeak)
    assert (result.generated, result.failed) == (ITEMS, 0)
    assert result.fallbacks == {"gtts -> espeak": ITEMS}
    assert result.unavailable == {"gtts": "gtts cannot be reached"}
    assert len(gtts.calls) == 1  # given up after the first failure, not asked again
    with loaded.app_context():
        assert {c.engine for c in db.session.scalars(select(AudioClip))} == {"espeak"}
    # Nothing is missing now: the next auto build does not even try gTTS.
    again = FakeEngine("gtts", unavailable=True)
    assert build(loaded, again, FakeEngine("espeak")).generated == 0
    assert again.calls == []


def test_auto_falls_back_for_one_text_gtts_cannot_say(loaded: Flask) -> None:
    gtts = FakeEngine("gtts", fail={"de emmer"})
    result = build(loaded, gtts, FakeEngine("espeak"))
    assert result.fallbacks == {"gtts -> espeak": 1}
    assert result.unavailable == {}
    with loaded.app_context():
        engines = {c.text: c.engine for c in db.session.scalars(select(AudioClip))}
    assert engines["de emmer"] == "espeak"
    assert engines["de emmers"] == "gtts"


def test_offline_build_keeps_natural_audio_and_gtts_build_replaces_offline_audio(
    loaded: Flask,
) -> None:
    build(loaded, FakeEngine("espeak"))
    gtts = FakeEngine("gtts")
    # --engine gtts: espeak-ng clips are replaced with the natural voice.
    assert build(loaded, gtts).generated == ITEMS
    # --engine espeak (what `make run` does): natural clips are kept.
    espeak = FakeEngine("espeak")
    result = build(loaded, espeak, accepted=(FakeEngine("gtts"), espeak))
    assert (result.generated, result.cached) == (0, ITEMS)
    with loaded.app_context():
        assert {c.engine for c in db.session.scalars(select(AudioClip))} == {"gtts"}


def test_failures_are_counted_and_stale_audio_is_dropped(loaded: Flask, content_dir: Path) -> None:
    build(loaded, FakeEngine())
    edit(content_dir, BASIS, "example: Vul de emmer met water.", "example: Zet de emmer neer.")
    sync(loaded, content_dir, LATER)
    result = build(loaded, FakeEngine(fail={"Zet de emmer neer."}), now=LATER)
    assert (result.generated, result.cached, result.failed) == (0, ITEMS - 1, 1)
    assert "Zet de emmer neer." in result.errors[0]
    with loaded.test_request_context():
        # The old sentence's audio would say the wrong thing: it is gone.
        assert "example" not in term_audio_urls(db.session, [term("emmer").id])[term("emmer").id]
        stats = audio_stats(db.session)["sectors"]["keuken"]
        assert (stats["items"], stats["with_audio"]) == (ITEMS, ITEMS - 1)
    assert len(stored_files(loaded)) == ITEMS - 1


def test_same_text_same_voice_is_one_file(loaded: Flask, content_dir: Path) -> None:
    edit(content_dir, BASIS, "example: Het water is heet.", "example: Vul de emmer met water.")
    sync(loaded, content_dir, LATER)
    result = build(loaded, FakeEngine())
    assert (result.generated, result.files) == (ITEMS, ITEMS - 1)
    with loaded.test_request_context():
        water, emmer = term("water").id, term("emmer").id
        urls = term_audio_urls(db.session, [water, emmer])
    assert urls[water]["example"] == urls[emmer]["example"]


def test_stats_shape(loaded: Flask) -> None:
    with loaded.app_context():
        empty = audio_stats(db.session)["sectors"]["keuken"]
    assert (empty["items"], empty["with_audio"]) == (ITEMS, 0)
    build(loaded, FakeEngine())
    with loaded.app_context():
        stats = audio_stats(db.session)
    keuken = stats["sectors"]["keuken"]
    assert list(stats) == ["sectors"]
    assert (keuken["items"], keuken["with_audio"]) == (ITEMS, ITEMS)
    assert keuken["kinds"] == {
        "word": {"items": 5, "with_audio": 5},
        "plural": {"items": 2, "with_audio": 2},
        "example": {"items": 5, "with_audio": 5},
        "line": {"items": 2, "with_audio": 2},
    }
    assert keuken["engines"] == {"espeak": ITEMS}


def test_audio_urls_only_for_what_exists(loaded: Flask) -> None:
    with loaded.test_request_context():
        assert term_audio_urls(db.session, [term("emmer").id]) == {}
    build(loaded, FakeEngine())
    with loaded.test_request_context():
        emmer, afwassen = term("emmer").id, term("afwassen").id
        urls = term_audio_urls(db.session, [emmer, afwassen, 99999])
        assert set(urls) == {emmer, afwassen}
        assert set(urls[emmer]) == {"word", "plural", "example"}
        assert set(urls[afwassen]) == {"word", "example"}  # a verb has no plural
        assert urls[emmer]["word"].startswith("/audio/") and urls[emmer]["word"].endswith(".mp3")
        lines = db.session.scalars(select(DialogueLine).order_by(DialogueLine.position)).all()
        line_urls = line_audio_urls(db.session, [line.id for line in lines])
        assert set(line_urls) == {line.id for line in lines}
        assert len(set(line_urls.values())) == 2
        assert term_audio_urls(db.session, []) == {} and line_audio_urls(db.session, []) == {}
        absolute = term_audio_urls(db.session, [emmer], external=True)[emmer]["word"]
        assert absolute == "http://localhost" + urls[emmer]["word"]


def test_delete_unused_files_keeps_files_in_use(loaded: Flask) -> None:
    build(loaded, FakeEngine())
    storage = LocalAudioStorage(loaded.config["AUDIO_DIR"])
    used = stored_files(loaded)[0].name
    orphan = "f" * 64 + ".mp3"
    storage.write(orphan, b"old")
    with loaded.app_context():
        assert delete_unused_files(db.session, storage, [used, orphan]) == 1
    assert storage.exists(used) and not storage.exists(orphan)


@pytest.fixture(scope="module")
def real_mp3() -> bytes:
    result = subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
         "-i", "sine=frequency=440:duration=0.5", "-ac", "1", "-f", "mp3", "pipe:1"],
        capture_output=True,
        check=True,
    )  # fmt: skip
    return result.stdout


def test_clips_built_elsewhere_are_adopted_from_the_audio_folder(
    loaded: Flask, real_mp3: bytes
) -> None:
    """gTTS clips made on a machine with internet: copy the folder, and they are used."""
    storage = storage_for(loaded.config)

    def process(audio: bytes, settings: OutputSettings, *, pitch: float = 1.0) -> Encoded:
        return Encoded(real_mp3, 500)

    gtts = FakeEngine("gtts")
    with loaded.app_context():
        renderer = Renderer([gtts], storage, OutputSettings(), process=process)  # type: ignore[list-item]
        build_audio(db.session, renderer=renderer, accepted=[gtts], storage=storage, now=NOW)  # type: ignore[list-item]
        db.session.rollback()  # as if only the files had been copied here
    espeak = FakeEngine("espeak")
    result = build(loaded, espeak, accepted=(FakeEngine("gtts"), espeak))
    assert (result.generated, result.cached) == (0, ITEMS)
    assert espeak.calls == []
    with loaded.app_context():
        clips = db.session.scalars(select(AudioClip)).all()
        assert {(c.engine, c.size) for c in clips} == {("gtts", len(real_mp3))}
        assert all(450 <= c.duration_ms <= 600 for c in clips)

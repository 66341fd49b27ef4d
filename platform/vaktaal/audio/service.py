"""Audio for the content: what is spoken, building what is missing, and where to find it.

Spoken items: each active term's word with its article ("de emmer"), its plural ("de
emmers") when it has one, its example sentence, and each dialogue line in the voice of
its speaker. A clip is current when it speaks the item's present text; its file is named
by a content key, so an unchanged item is never generated twice.

Functions here flush but never commit: the command that calls them commits once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import url_for
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from vaktaal.audio.engines import SpeechEngine
from vaktaal.audio.models import AudioClip
from vaktaal.audio.processing import ProcessingError, probe_audio
from vaktaal.audio.storage import AudioStorage
from vaktaal.audio.synthesis import Clip, Renderer, Utterance, normalise_text
from vaktaal.sectors.models import Dialogue, DialogueLine, Sector, Term

TERM_KINDS = ("word", "plural", "example")
LINE_KIND = "line"
KINDS = (*TERM_KINDS, LINE_KIND)
ERRORS_SHOWN = 10


@dataclass(frozen=True)
class SpokenItem:
    sector: str
    kind: str  # word, plural, example, line
    item_id: int  # the term's id, or the dialogue line's id for kind "line"
    text: str
    speaker: int | None = None  # index of the dialogue speaker; None: the narrator

    @property
    def ref(self) -> tuple[str, int]:
        return (self.kind, self.item_id)

    @property
    def utterance(self) -> Utterance:
        return Utterance(self.text, self.speaker)


def term_texts(term: Term) -> dict[str, str]:
    """What is spoken for a term, per kind. Dutch plurals always take "de"."""
    texts = {"word": term.with_article, "example": term.example}
    if term.plural:
        texts["plural"] = f"de {term.plural}"
    return {kind: normalise_text(text) for kind, text in texts.items()}


def spoken_items(session: Session, *, sector: str | None = None) -> list[SpokenItem]:
    """Every item of the active content that should have audio, in a stable order."""
    sector_filter: list[ColumnElement[bool]] = [Sector.retired_at.is_(None)]
    if sector is not None:
        sector_filter.append(Sector.slug == sector)
    items: list[SpokenItem] = []
    terms = session.execute(
        select(Sector.slug, Term)
        .join(Term, Term.sector_id == Sector.id)
        .where(*sector_filter, Term.retired_at.is_(None))
        .order_by(Sector.position, Sector.slug, Term.id)
    )
    for slug, term in terms:
        for kind, text in term_texts(term).items():
            items.append(SpokenItem(slug, kind, term.id, text))
    lines = session.execute(
        select(Sector.slug, Dialogue, DialogueLine)
        .join(Dialogue, Dialogue.sector_id == Sector.id)
        .join(DialogueLine, DialogueLine.dialogue_id == Dialogue.id)
        .where(*sector_filter, Dialogue.retired_at.is_(None), DialogueLine.retired_at.is_(None))
        .order_by(Sector.position, Sector.slug, Dialogue.id, DialogueLine.position)
    )
    for slug, dialogue, line in lines:
        order = [speaker["key"] for speaker in dialogue.speakers]
        speaker = order.index(line.speaker) if line.speaker in order else None
        items.append(SpokenItem(slug, LINE_KIND, line.id, normalise_text(line.text), speaker))
    return items


def _clips_by_ref(
    session: Session, *where: ColumnElement[bool]
) -> dict[tuple[str, int], AudioClip]:
    clips: dict[tuple[str, int], AudioClip] = {}
    for clip in session.scalars(select(AudioClip).where(*where)):
        item_id = clip.line_id if clip.kind == LINE_KIND else clip.term_id
        assert item_id is not None
        clips[(clip.kind, item_id)] = clip
    return clips


@dataclass
class BuildResult:
    """What an audio build did, counted in items (one item: one text to hear)."""

    items: int = 0
    generated: int = 0
    cached: int = 0
    failed: int = 0
    files: int = 0  # files written; items with the same text and voice share one
    fallbacks: Counter[str] = field(default_factory=Counter)  # "gtts -> espeak": items
    unavailable: dict[str, str] = field(default_factory=dict)  # engine -> why
    errors: list[str] = field(default_factory=list)
    replaced: set[str] = field(default_factory=set)  # file names no longer used by these items

    def summary(self) -> str:
        return (
            f"{self.generated} generated, {self.cached} cached, {self.failed} failed "
            f"({self.items} items, {self.files} new files)"
        )


def build_audio(
    session: Session,
    *,
    renderer: Renderer,
    accepted: Sequence[SpeechEngine],
    storage: AudioStorage,
    now: datetime,
    sector: str | None = None,
    force: bool = False,
    workers: int = 2,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    """Generate the audio that is missing or out of date; with `force`, all of it.

    A clip is kept when its file exists and it speaks the item's current text with one
    of the `accepted` engines and the current settings. Everything else is rendered by
    `renderer`, which tries its engines in order for each text.
    """
    items = spoken_items(session, sector=sector)
    return _build_items(
        session, items, _clips_by_ref(session), renderer=renderer, accepted=accepted,
        storage=storage, now=now, force=force, workers=workers, progress=progress,
    )  # fmt: skip


def build_term_audio(
    session: Session,
    term: Term,
    *,
    renderer: Renderer,
    accepted: Sequence[SpeechEngine],
    storage: AudioStorage,
    now: datetime,
) -> BuildResult:
    """Make the missing audio of one term at once (a teacher just saved it)."""
    items = [
        SpokenItem(term.sector.slug, kind, term.id, text)
        for kind, text in term_texts(term).items()
    ]
    clips = _clips_by_ref(session, AudioClip.term_id == term.id)
    return _build_items(
        session, items, clips, renderer=renderer, accepted=accepted, storage=storage,
        now=now, force=False, workers=len(items),
    )  # fmt: skip


def _build_items(
    session: Session,
    items: list[SpokenItem],
    clips: dict[tuple[str, int], AudioClip],
    *,
    renderer: Renderer,
    accepted: Sequence[SpeechEngine],
    storage: AudioStorage,
    now: datetime,
    force: bool,
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    advance = progress or (lambda n: None)
    known = {
        row.key: Clip(row.key, row.format, row.engine, row.voice, row.size, row.duration_ms)
        for row in clips.values()
    }
    result = BuildResult(items=len(items))

    pending: dict[Utterance, list[SpokenItem]] = defaultdict(list)
    for item in items:
        found = None if force else _current_clip(item, accepted, renderer, storage, known)
        if found is None:
            pending[item.utterance].append(item)
            continue
        _store(session, clips, item, found, now, result, fresh=False)
        result.cached += 1
    advance(result.cached)

    for rendered in renderer.render_all(list(pending), workers=workers):
        group = pending[rendered.utterance]
        if rendered.clip is None:
            result.failed += len(group)
            result.errors.extend(
                f"{item.sector} {item.kind} {item.text!r}: {'; '.join(rendered.errors)}"
                for item in group
            )
            for item in group:
                _drop_if_stale(session, clips, item, result)
        else:
            result.files += 1
            result.generated += len(group)
            if rendered.clip.engine != rendered.wanted:
                result.fallbacks[f"{rendered.wanted} -> {rendered.clip.engine}"] += len(group)
            for item in group:
                _store(session, clips, item, rendered.clip, now, result, fresh=True)
        advance(len(group))
    result.unavailable = dict(renderer.unavailable)
    session.flush()
    result.replaced -= {clip.filename for clip in clips.values()}
    return result


def _current_clip(
    item: SpokenItem,
    accepted: Sequence[SpeechEngine],
    renderer: Renderer,
    storage: AudioStorage,
    known: dict[str, Clip],
) -> Clip | None:
    """A stored clip that already says this item as an accepted engine would.

    A file without a row is adopted: clips built elsewhere (say gTTS clips made on a
    machine with internet access) are used by copying the audio folder over.
    """
    output = renderer.output
    for engine in accepted:
        key, voice = renderer.key(engine, item.utterance)
        filename = f"{key}.{output.format}"
        if not storage.exists(filename):
            continue
        clip = known.get(key)
        if clip is None:
            data = storage.read(filename) or b""
            try:
                duration_ms = probe_audio(data, output.format)
            except ProcessingError:
                continue  # unreadable: generated again, which replaces it
            clip = Clip(key, output.format, engine.name, voice.label, len(data), duration_ms)
            known[key] = clip
        return clip
    return None


def _store(
    session: Session,
    clips: dict[tuple[str, int], AudioClip],
    item: SpokenItem,
    clip: Clip,
    now: datetime,
    result: BuildResult,
    *,
    fresh: bool,
) -> None:
    row = clips.get(item.ref)
    values: dict[str, Any] = {
        "text": item.text,
        "key": clip.key,
        "format": clip.format,
        "engine": clip.engine,
        "voice": clip.voice,
        "size": clip.size,
        "duration_ms": clip.duration_ms,
    }
    if row is None:
        row = AudioClip(
            kind=item.kind,
            term_id=None if item.kind == LINE_KIND else item.item_id,
            line_id=item.item_id if item.kind == LINE_KIND else None,
            created_at=now,
            updated_at=now,
            **values,
        )
        session.add(row)
        clips[item.ref] = row
        return
    if row.filename != clip.filename:
        result.replaced.add(row.filename)
    changed = {name: v for name, v in values.items() if getattr(row, name) != v}
    for name, value in changed.items():
        setattr(row, name, value)
    # A regenerated file (--force) is new even when every value stayed the same.
    if changed or fresh:
        row.updated_at = now


def _drop_if_stale(
    session: Session,
    clips: dict[tuple[str, int], AudioClip],
    item: SpokenItem,
    result: BuildResult,
) -> None:
    """No audio is better than audio that says the old text."""
    row = clips.get(item.ref)
    if row is not None and row.text != item.text:
        result.replaced.add(row.filename)
        session.delete(row)
        del clips[item.ref]


def delete_unused_files(session: Session, storage: AudioStorage, names: Iterable[str]) -> int:
    """Delete those of `names` that no clip uses any more; call it after the commit."""
    names = set(names)
    if not names:
        return 0
    used = {
        f"{key}.{fmt}"
        for key, fmt in session.execute(
            select(AudioClip.key, AudioClip.format).where(
                AudioClip.key.in_({name.partition(".")[0] for name in names})
            )
        )
    }
    unused = names - used
    for name in unused:
        storage.delete(name)
    return len(unused)


def audio_stats(session: Session) -> dict[str, Any]:
    """Coverage per sector: items that should have audio, and those that have current audio."""
    clips = _clips_by_ref(session)
    sectors: dict[str, Any] = {}
    for slug in session.scalars(
        select(Sector.slug)
        .where(Sector.retired_at.is_(None))
        .order_by(Sector.position, Sector.slug)
    ):
        sectors[slug] = {
            "items": 0,
            "with_audio": 0,
            "kinds": {kind: {"items": 0, "with_audio": 0} for kind in KINDS},
            "engines": Counter[str](),
            "bytes": 0,
        }
    for item in spoken_items(session):
        entry = sectors[item.sector]
        entry["items"] += 1
        entry["kinds"][item.kind]["items"] += 1
        clip = clips.get(item.ref)
        if clip is not None and clip.text == item.text:
            entry["with_audio"] += 1
            entry["kinds"][item.kind]["with_audio"] += 1
            entry["engines"][clip.engine] += 1
            entry["bytes"] += clip.size
    for entry in sectors.values():
        entry["engines"] = dict(sorted(entry["engines"].items()))
    return {"sectors": sectors}


# --- audio URLs for pages --------------------------------------------------------------


def clip_url(clip: AudioClip, *, external: bool = False) -> str:
    return url_for("audio.clip", name=clip.filename, _external=external)


def term_audio_urls(
    session: Session, term_ids: Iterable[int], *, external: bool = False
) -> dict[int, dict[str, str]]:
    """Audio URLs per term: {"word", "example", "plural"}, only clips of the current text.

    Call it while handling a request; `external` gives absolute URLs (for QR codes).
    """
    ids = set(term_ids)
    urls: dict[int, dict[str, str]] = {}
    if not ids:
        return urls
    rows = session.execute(
        select(AudioClip, Term)
        .join(Term, AudioClip.term_id == Term.id)
        .where(AudioClip.term_id.in_(ids), AudioClip.kind.in_(TERM_KINDS))
    )
    for clip, term in rows:
        if term_texts(term).get(clip.kind) == clip.text:
            urls.setdefault(term.id, {})[clip.kind] = clip_url(clip, external=external)
    return urls


def line_audio_urls(
    session: Session, line_ids: Iterable[int], *, external: bool = False
) -> dict[int, str]:
    """The audio URL of each dialogue line that has a clip of its current text."""
    ids = set(line_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(AudioClip, DialogueLine.text)
        .join(DialogueLine, AudioClip.line_id == DialogueLine.id)
        .where(AudioClip.line_id.in_(ids), AudioClip.kind == LINE_KIND)
    )
    return {
        clip.line_id: clip_url(clip, external=external)
        for clip, text in rows
        if clip.line_id is not None and clip.text == normalise_text(text)
    }

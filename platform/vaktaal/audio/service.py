"""Audio for the content: what is spoken, building what is missing, and where to find it.

Functions here flush but never commit: the command that calls them commits once.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from vaktaal.audio.models import AudioClip

TERM_KINDS = ("word", "plural", "example")
LINE_KIND = "line"


def clip_url(clip: AudioClip) -> str:
    return url_for("audio.clip", name=clip.filename)


def term_audio_urls(session: Session, term_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Audio URLs per term: {"word": ..., "example": ..., "plural": ...}, only those that exist."""
    ids = set(term_ids)
    urls: dict[int, dict[str, str]] = {}
    if not ids:
        return urls
    clips = session.scalars(
        select(AudioClip).where(AudioClip.term_id.in_(ids), AudioClip.kind.in_(TERM_KINDS))
    )
    for clip in clips:
        assert clip.term_id is not None
        urls.setdefault(clip.term_id, {})[clip.kind] = clip_url(clip)
    return urls


def line_audio_urls(session: Session, line_ids: Iterable[int]) -> dict[int, str]:
    """The audio URL of each dialogue line that has one."""
    ids = set(line_ids)
    if not ids:
        return {}
    clips = session.scalars(
        select(AudioClip).where(AudioClip.line_id.in_(ids), AudioClip.kind == LINE_KIND)
    )
    return {clip.line_id: clip_url(clip) for clip in clips if clip.line_id is not None}

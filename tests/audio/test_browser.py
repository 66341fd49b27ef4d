"""The theme page on a phone: tap a listen link, the clip plays in place; no axe violations."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.audio.conftest import FakeEngine
from tests.conftest import NOW
from tests.live import LiveServer, axe_violations
from vaktaal.audio.processing import Encoded, OutputSettings
from vaktaal.audio.service import build_audio
from vaktaal.audio.storage import storage_for
from vaktaal.audio.synthesis import Renderer
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@pytest.fixture
def with_audio(live_server: LiveServer, content_dir: Path) -> LiveServer:
    """The keuken sector with a real (short) MP3 for every item."""
    tone = subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
         "-i", "sine=frequency=440:duration=0.6", "-ac", "1", "-f", "mp3", "pipe:1"],
        capture_output=True,
        check=True,
    ).stdout  # fmt: skip

    def process(audio: bytes, settings: OutputSettings, *, pitch: float = 1.0) -> Encoded:
        return Encoded(tone, 600)

    app = live_server.app
    storage = storage_for(app.config)
    engine = FakeEngine()
    with app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        renderer = Renderer([engine], storage, OutputSettings(), process=process)  # type: ignore[list-item]
        build_audio(db.session, renderer=renderer, accepted=[engine], storage=storage, now=NOW)  # type: ignore[list-item]
        db.session.commit()
    return live_server


def test_a_listen_link_plays_in_place(phone: Page, with_audio: LiveServer) -> None:
    phone.goto("/sectors/keuken/themes/basis")
    link = phone.get_by_role("link", name="Luister: de emmer", exact=True)
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None and box["width"] >= 48 and box["height"] >= 48
    link.tap()
    expect(link).to_have_class("listen is-playing")
    expect(link).to_have_class("listen", timeout=5000)  # the clip ended
    assert phone.url.endswith("/sectors/keuken/themes/basis")  # no navigation
    line = phone.get_by_role("link", name="Luister naar zin 2 (Yonas)")
    line.tap()
    expect(line).to_have_class("listen is-playing")


def test_theme_page_with_listen_links_has_no_axe_violations(
    phone: Page, with_audio: LiveServer
) -> None:
    phone.goto("/sectors/keuken/themes/basis")
    assert axe_violations(phone) == []

"""On a phone: the word page a QR code opens, and the builder; no axe violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import NOW
from tests.glossary.conftest import add_glossary_terms, add_word_clip
from tests.live import LiveServer, axe_violations, image_loads
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> LiveServer:
    add_glossary_terms(content_dir)
    with live_server.app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    return live_server


def test_word_page_has_a_big_play_button_and_no_violations(phone: Page, site: LiveServer) -> None:
    phone.goto("/w/keuken/emmer")
    expect(phone.get_by_role("heading", name="de emmer")).to_be_visible()
    expect(phone.get_by_role("img", name="de emmer")).to_be_visible()
    # No audio file yet: the phone's own Dutch voice, behind a big button.
    button = phone.get_by_role("button", name="Luister: de emmer")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None and box["width"] >= 88 and box["height"] >= 88
    assert axe_violations(phone) == []


def test_builder_on_a_phone_shows_a_preview_without_violations(
    phone: Page, site: LiveServer
) -> None:
    phone.goto("/glossary")
    phone.get_by_label("Sector").select_option("keuken")
    phone.get_by_role("button", name="Verder").click()
    phone.get_by_label("De keuken").check()
    phone.get_by_label("العربية").check()
    phone.get_by_label("ትግርኛ").check()
    phone.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(phone.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    expect(phone.get_by_role("link", name="PDF downloaden")).to_be_visible()
    assert "theme=basis" in phone.url and "lang=ti" in phone.url
    qr = phone.get_by_role("img", name="QR-code naar http://127.0.0.1:5000/w/keuken/emmer")
    expect(qr).to_be_visible()
    assert image_loads(qr)  # the SVG is valid
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert axe_violations(phone) == []


def test_word_page_with_an_audio_file_has_a_player_and_no_violations(
    phone: Page, site: LiveServer
) -> None:
    add_word_clip(site.app, "f00d")
    phone.goto("/w/keuken/emmer")
    expect(phone.get_by_role("link", name="Luister: de emmer")).to_have_attribute(
        "href", "/audio/f00d.mp3"
    )
    audio = phone.locator("audio")
    expect(audio).to_have_attribute("src", "/audio/f00d.mp3")
    expect(audio).to_have_attribute("controls", "")
    assert axe_violations(phone) == []

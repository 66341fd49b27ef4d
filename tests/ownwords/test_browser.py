"""Own words in a real browser: on a phone and a desktop, no axe violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import NOW
from tests.live import DESKTOP, LiveServer, check, image_loads, log_in
from tests.teaching.conftest import make_user
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content

CSV = (
    "woord;lidwoord;meervoud;voorbeeldzin;woordsoort;en;ar\n"
    "snijplank;de;snijplanken;Leg de snijplank op het aanrecht.;;cutting board;لوح تقطيع\n"
    "emmer;de;emmers;;;bucket;\n"
)


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> LiveServer:
    with live_server.app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    make_user(live_server.app, "docent@noord.nl")
    return live_server


def make_word_with_pictogram(page: Page, width: int) -> None:
    page.goto("/docent/woorden")
    expect(page.get_by_text("nog geen eigen woorden")).to_be_visible()
    check(page, width=width)
    page.get_by_role("link", name="Nieuw woord").click()
    page.get_by_label("Woord (Nederlands)").fill("sopemmer")
    page.get_by_label("Lidwoord").select_option("de")
    page.get_by_label("Meervoud").fill("sopemmers")
    page.get_by_label("Voorbeeldzin").fill("Vul de sopemmer met warm water.")
    page.get_by_label("English").fill("soap bucket")
    page.get_by_label("Of zoek een pictogram").fill("emmer")
    page.get_by_role("button", name="Zoek pictogram").click()
    expect(page.get_by_label("Woord (Nederlands)")).to_have_value("sopemmer")
    check(page, width=width)
    page.get_by_role("radio", name="emmer").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het woord sopemmer is opgeslagen")).to_be_visible()
    expect(page.get_by_role("heading", name="de sopemmer")).to_be_visible()
    picture = page.locator(".word-card img")
    assert image_loads(picture)
    check(page, width=width)


def import_list(page: Page, width: int) -> None:
    page.get_by_role("link", name="Lijst importeren (CSV)").click()
    expect(page.get_by_role("heading", name="Woordenlijst importeren")).to_be_visible()
    check(page, width=width)
    page.get_by_label("CSV-bestand").set_input_files(
        files=[{"name": "woorden.csv", "mimeType": "text/csv", "buffer": CSV.encode()}]
    )
    page.get_by_role("button", name="Bekijk wat er geïmporteerd wordt").click()
    expect(page.get_by_text("overgeslagen: staat al in de sector")).to_be_visible()
    check(page, width=width)
    page.get_by_role("button", name="1 woord importeren").click()
    expect(page.get_by_text("1 woord geïmporteerd in Keuken.")).to_be_visible()
    expect(page.get_by_role("heading", name="de snijplank")).to_be_visible()


def test_on_a_phone(phone: Page, site: LiveServer) -> None:
    log_in(phone)
    make_word_with_pictogram(phone, 360)
    import_list(phone, 360)
    phone.get_by_role("link", name="Verwijderen: sopemmer").click()
    expect(phone.get_by_role("heading", name="Woord verwijderen")).to_be_visible()
    check(phone, width=360)
    phone.get_by_role("button", name="Ja, verwijder sopemmer").click()
    expect(phone.get_by_text("Het woord sopemmer is verwijderd.")).to_be_visible()
    expect(phone.get_by_role("heading", name="de sopemmer")).to_have_count(0)


def test_on_a_desktop(desktop: Page, site: LiveServer) -> None:
    log_in(desktop)
    make_word_with_pictogram(desktop, DESKTOP["width"])
    desktop.get_by_role("link", name="Bewerken: sopemmer").click()
    expect(desktop.get_by_label("Meervoud")).to_have_value("sopemmers")
    check(desktop, width=DESKTOP["width"])
    desktop.get_by_role("link", name="Terug naar de eigen woorden").click()
    import_list(desktop, DESKTOP["width"])


def test_own_themes_on_a_phone(phone: Page, site: LiveServer) -> None:
    """A theme saved from a text is found, changed and removed again, on a phone."""
    log_in(phone)
    phone.goto("/docent/themas")
    expect(phone.get_by_text("nog geen eigen thema's")).to_be_visible()
    check(phone, width=360)
    phone.goto("/docent/tekst")
    phone.get_by_label("Plak de tekst").fill(
        "Snijden\n\nLeg de snijplank op het aanrecht. Spoel de snijplank af met water en zeep."
    )
    phone.get_by_role("button", name="Zoek de vakwoorden").click()
    phone.get_by_label("Neem snijplank op in het thema").check()
    phone.get_by_role("group", name="snijplank").get_by_label("Lidwoord").select_option("de")
    phone.get_by_role("button", name="Opslaan als thema").click()
    expect(phone.get_by_text("Thema opgeslagen voor de hele organisatie")).to_be_visible()
    expect(phone.get_by_role("heading", name="Snijden")).to_be_visible()
    check(phone, width=360)

    phone.get_by_role("link", name="Bewerken: Snijden").click()
    expect(phone.get_by_label("Titel van het thema")).to_have_value("Snijden")
    expect(phone.get_by_role("checkbox", name="de snijplank")).to_be_checked()
    check(phone, width=360)
    phone.get_by_label("Titel van het thema").fill("Snijden en spoelen")
    in_theme = phone.get_by_role("group", name="Woorden in het thema").get_by_role("checkbox")
    for box in in_theme.all():  # the known words water and zeep came along, ticked
        box.uncheck()
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("Kies minstens één woord voor het thema.")).to_be_visible()
    phone.get_by_role("checkbox", name="de snijplank").check()
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("Het thema Snijden en spoelen is opgeslagen.")).to_be_visible()

    phone.get_by_role("link", name="Verwijderen: Snijden en spoelen").click()
    expect(phone.get_by_role("heading", name="Thema verwijderen")).to_be_visible()
    check(phone, width=360)
    phone.get_by_role("button", name="Ja, verwijder dit thema").click()
    expect(phone.get_by_text("Het thema Snijden en spoelen is verwijderd.")).to_be_visible()
    expect(phone.get_by_text("nog geen eigen thema's")).to_be_visible()

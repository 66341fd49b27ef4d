"""In a browser: a school signs up, invites a teacher who joins on a phone; no axe violations."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.live import axe_violations
from tests.teaching.conftest import PASSWORD


def fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_sign_up_invite_join_and_deactivate(desktop: Page, phone: Page) -> None:
    desktop.goto("/")
    desktop.get_by_role("link", name="Docenten: account maken").click()
    expect(desktop.get_by_role("heading", name="Account voor docenten")).to_be_visible()
    assert axe_violations(desktop) == []
    desktop.get_by_label("Naam van de taalschool of organisatie").fill("Taalschool West")
    desktop.get_by_label("E-mailadres").fill("ria@west.nl")
    desktop.get_by_label("Wachtwoord (minstens 10 tekens)").fill(PASSWORD)
    desktop.get_by_role("button", name="Account maken").click()
    desktop.wait_for_url("**/docent")

    desktop.get_by_role("link", name="Team").click()
    expect(desktop.get_by_role("heading", name="Team van Taalschool West")).to_be_visible()
    expect(desktop.get_by_text("Er staan geen uitnodigingen open.")).to_be_visible()
    assert axe_violations(desktop) == []
    desktop.get_by_label("E-mailadres van de docent").fill("bo@west.nl")
    desktop.get_by_role("button", name="Uitnodiging maken").click()
    expect(desktop.get_by_text("Stuur deze link zelf naar de docent")).to_be_visible()
    link = desktop.get_by_label("Link om te kopiëren").input_value()
    assert "/docent/uitnodiging/" in link
    assert axe_violations(desktop) == []

    # The teacher opens the link on a phone.
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Docent bij Taalschool West")).to_be_visible()
    expect(phone.get_by_label("E-mailadres")).to_have_value("bo@west.nl")
    assert fits(phone) and axe_violations(phone) == []
    phone.get_by_label("Wachtwoord (minstens 10 tekens)").fill(PASSWORD)
    phone.get_by_role("button", name="Account maken").click()
    phone.wait_for_url("**/docent")
    expect(phone.get_by_role("link", name="Groepen")).to_be_visible()
    expect(phone.get_by_role("link", name="Team")).to_have_count(0)
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Deze uitnodiging is al gebruikt")).to_be_visible()
    assert axe_violations(phone) == []

    # The admin deactivates the new teacher; the team page also works on a phone.
    desktop.goto("/docent/team")
    desktop.get_by_role("button", name="Deactiveren: bo@west.nl").click()
    expect(desktop.get_by_text("bo@west.nl kan niet meer inloggen.")).to_be_visible()
    expect(desktop.get_by_text("Gedeactiveerd")).to_be_visible()
    assert axe_violations(desktop) == []
    desktop.set_viewport_size({"width": 360, "height": 740})
    assert fits(desktop) and axe_violations(desktop) == []

    phone.goto("/docent/team")
    expect(
        phone.get_by_role("heading", name="Inloggen voor werkgevers en docenten")
    ).to_be_visible()

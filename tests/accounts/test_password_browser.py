"""In a browser at phone size: a link for a new password from the admin; changing one's own."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.live import PHONE, LiveServer, check, log_in
from tests.teaching.conftest import PASSWORD, make_user
from vaktaal.accounts.models import Role

NEW = "nieuw-wachtwoord-2"


def test_a_teacher_who_forgot_gets_a_link_from_the_admin(
    phone: Page, browser: Browser, live_server: LiveServer
) -> None:
    make_user(live_server.app, "admin@noord.nl")
    make_user(live_server.app, "docent@noord.nl", role=Role.TEACHER)
    phone.goto("/account/inloggen")
    expect(phone.get_by_text("Wachtwoord vergeten?")).to_be_visible()
    log_in(phone, "admin@noord.nl")
    phone.wait_for_url("**/docent")

    phone.goto("/docent/team")
    phone.get_by_role("button", name="Link voor nieuw wachtwoord: docent@noord.nl").click()
    expect(phone.get_by_role("heading", name="Link voor een nieuw wachtwoord")).to_be_visible()
    expect(phone.get_by_text("Vaktaal verstuurt geen e-mail")).to_be_visible()
    check(phone, width=PHONE["width"])
    link = phone.get_by_label("Link om te kopiëren").input_value()
    assert "/account/nieuw-wachtwoord/" in link

    # The teacher opens it on their own phone: a fresh browser, nobody logged in.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
    try:
        teacher = context.new_page()
        teacher.goto(link)
        expect(teacher.get_by_role("heading", name="Nieuw wachtwoord")).to_be_visible()
        check(teacher, width=PHONE["width"])
        teacher.get_by_label("Nieuw wachtwoord (minstens 10 tekens)").fill(NEW)
        teacher.get_by_label("Nieuw wachtwoord nog een keer").fill(NEW)
        teacher.get_by_role("button", name="Wachtwoord opslaan").click()
        teacher.wait_for_url("**/docent")
        expect(teacher.get_by_text("Je wachtwoord is veranderd.")).to_be_visible()
        expect(teacher.get_by_role("heading", name="Mijn groepen")).to_be_visible()

        teacher.goto(link)  # used once: it works no more
        expect(
            teacher.get_by_text("Deze link werkt niet meer. Vraag de beheerder")
        ).to_be_visible()
        check(teacher, width=PHONE["width"])
    finally:
        context.close()


def test_the_change_password_page_on_a_phone(phone: Page, live_server: LiveServer) -> None:
    make_user(live_server.app, "docent@noord.nl", role=Role.TEACHER)
    log_in(phone)
    phone.wait_for_url("**/docent")
    phone.get_by_role("link", name="Wachtwoord veranderen").click()
    expect(phone.get_by_role("heading", name="Wachtwoord veranderen")).to_be_visible()
    check(phone, width=PHONE["width"])

    phone.get_by_label("Huidig wachtwoord").fill("verkeerd-wachtwoord")
    phone.get_by_label("Nieuw wachtwoord (minstens 10 tekens)").fill(NEW)
    phone.get_by_label("Nieuw wachtwoord nog een keer").fill(NEW)
    phone.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(phone.get_by_text("Dit is niet je huidige wachtwoord.")).to_be_visible()
    check(phone, width=PHONE["width"])

    phone.get_by_label("Huidig wachtwoord").fill(PASSWORD)
    phone.get_by_label("Nieuw wachtwoord (minstens 10 tekens)").fill(NEW)
    phone.get_by_label("Nieuw wachtwoord nog een keer").fill(NEW)
    phone.get_by_role("button", name="Wachtwoord opslaan").click()
    phone.wait_for_url("**/docent")
    expect(phone.get_by_text("Je wachtwoord is veranderd.")).to_be_visible()

"""The planner in a real browser: on a phone and a desktop, no axe violations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import NOW
from tests.live import DESKTOP, LiveServer, check, log_in
from tests.teaching.conftest import make_group, make_user
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content

CALENDAR = (
    "datum;dagdeel;onderwerp;locatie\n"
    "16-03-2026;ochtend;Afwassen en de mop;Keuken 1\n"
    "17-03-2026;nacht;Fout dagdeel;\n"
)


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> tuple[LiveServer, int]:
    app = live_server.app
    app.config["CLOCK"] = lambda: NOW  # Thursday 12 March 2026: week 11
    with app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    user_id = make_user(app, "docent@noord.nl")
    return live_server, make_group(app, user_id, "Keuken maandag")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_teacher_plans_a_session_assigns_a_theme_and_imports_a_calendar(
    request: pytest.FixtureRequest, site: tuple[LiveServer, int], viewport: str
) -> None:
    _server, group_id = site
    page: Page = request.getfixturevalue(viewport)
    width = 360 if viewport == "phone" else DESKTOP["width"]
    log_in(page)
    page.goto(f"/docent/groepen/{group_id}/planning")
    expect(page.get_by_role("heading", name="Week 11", exact=False)).to_be_visible()
    expect(page.get_by_text("Geen lessen in deze week.")).to_be_visible()
    check(page, width=width)

    # A session without a topic is explained, not saved.
    page.get_by_label("Datum").fill("2026-03-13")
    page.get_by_label("Dagdeel").select_option("middag")
    page.get_by_role("button", name="Les toevoegen").click()
    expect(page.get_by_text("Typ het onderwerp, zoals de opleider het noemt.")).to_be_visible()
    check(page, width=width)

    page.get_by_label("Onderwerp van de training").fill("Hygiëne in de keuken")
    page.get_by_role("button", name="Les toevoegen").click()
    expect(page.get_by_text("De les is ingepland.")).to_be_visible()
    session = page.locator(".session")
    expect(session.get_by_role("heading", name="Hygiëne in de keuken")).to_be_visible()
    suggestion = session.locator(".suggestion").first
    expect(suggestion).to_contain_text("De keuken")
    suggestion.get_by_text("Waarom?").click()
    expect(suggestion).to_contain_text("staat in de trainingsonderwerpen van dit thema")
    check(page, width=width)

    suggestion.get_by_role("button", name=re.compile(r"^Toewijzen\s*: De keuken$")).click()
    expect(page.get_by_text("Thema „De keuken” toegewezen aan deze les.")).to_be_visible()
    expect(page.locator(".assigned-list")).to_contain_text("De keuken")
    expect(page.locator(".suggestion").first).to_contain_text("toegewezen")
    check(page, width=width)

    # The calendar: a bad row stops everything, with its line number.
    page.get_by_role("link", name="Rooster importeren (CSV)").click()
    expect(page).to_have_url(re.compile(r"/planning/import$"))
    check(page, width=width)
    page.get_by_label("Of plak de regels hier").fill(CALENDAR)
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Er is niets geïmporteerd")).to_be_visible()
    expect(page.get_by_text("regel 3: onbekend dagdeel „nacht”", exact=False)).to_be_visible()
    check(page, width=width)

    page.get_by_label("Of plak de regels hier").fill(CALENDAR.rsplit("17-03", 1)[0])
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze les wordt toegevoegd", exact=False)).to_be_visible()
    check(page, width=width)
    page.get_by_role("button", name="1 les importeren").click()
    expect(page.get_by_text("1 les toegevoegd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Week 12", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Afwassen en de mop")).to_be_visible()
    check(page, width=width)

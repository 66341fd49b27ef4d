"""The whole teacher story in a real browser, as a new school would try it.

A teacher signs up (desktop), makes a group, imports the training calendar from CSV,
assigns the suggested theme to the session; a learner joins on a phone and practises;
the teacher sees that learner's readiness for the session go up.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.conftest import NOW
from tests.live import LiveServer, axe_violations
from tests.practice.test_browser import join, practise, wait_until_synced
from tests.teaching.conftest import PASSWORD
from vaktaal.accounts.models import Group
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> LiveServer:
    with live_server.app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    return live_server


def readiness_of(page: Page, name: str) -> str:
    table = page.get_by_role("region", name="Cursisten").get_by_role("table")
    return table.get_by_role("row", name=re.compile(f"^{name}")).inner_text()


def percent(text: str) -> int:
    found = re.search(r"(\d+)\s%", text)  # the space is a no-break space
    assert found is not None, text
    return int(found.group(1))


def test_a_school_plans_a_training_and_sees_a_learner_get_ready(
    site: LiveServer, desktop: Page, phone: Page
) -> None:
    violations: dict[str, list[str]] = {}
    # Sign up: a new school and its first teacher.
    desktop.goto("/")
    desktop.get_by_role("link", name="Docenten: account maken").click()
    desktop.get_by_label("Naam van de taalschool of organisatie").fill("Taalschool West")
    desktop.get_by_label("E-mailadres").fill("ria@west.nl")
    desktop.get_by_label("Wachtwoord (minstens 10 tekens)").fill(PASSWORD)
    desktop.get_by_role("button", name="Account maken").click()
    expect(desktop.get_by_role("heading", name="Mijn groepen")).to_be_visible()
    violations["groups"] = axe_violations(desktop)

    # A group for the kitchen course.
    desktop.get_by_label("Naam van de groep").fill("Keuken dinsdag")
    desktop.get_by_label("Sector").select_option("keuken")
    desktop.get_by_label("A1 – kent al wat woorden").check()
    desktop.get_by_role("button", name="Groep maken").click()
    expect(desktop.get_by_role("heading", name="Keuken dinsdag")).to_be_visible()
    violations["group"] = axe_violations(desktop)

    # The training calendar, as the training provider sent it (Dutch Excel: `;`).
    training_day = date.today() + timedelta(days=4)
    calendar = (
        "datum;dagdeel;onderwerp;locatie\n"
        f"{training_day:%d-%m-%Y};ochtend;Hygiëne in de keuken;Leslokaal 2\n"
    )
    desktop.get_by_role("link", name="Planning").first.click()
    desktop.get_by_role("link", name="Rooster importeren (CSV)").click()
    desktop.get_by_label("Of plak de regels hier").fill(calendar)
    desktop.get_by_role("button", name="Controleren").click()
    violations["import"] = axe_violations(desktop)
    desktop.get_by_role("button", name="1 les importeren").click()
    expect(desktop.get_by_text("1 les toegevoegd.")).to_be_visible()

    # The suggested theme, with its reason, assigned to the session.
    suggestion = desktop.locator(".suggestion").first
    expect(suggestion).to_contain_text("De keuken")
    suggestion.get_by_text("Waarom?").click()
    expect(suggestion).to_contain_text("trainingsonderwerpen")
    violations["planner"] = axe_violations(desktop)
    suggestion.get_by_role("button", name=re.compile(r"^Toewijzen\s*: De keuken$")).click()
    expect(desktop.get_by_text("Thema „De keuken” toegewezen aan deze les.")).to_be_visible()

    # A learner joins on a phone.
    with site.app.app_context():
        code = db.session.scalar(select(Group.join_code).where(Group.name == "Keuken dinsdag"))
    assert code is not None
    join(phone, code)

    # Before practising: not ready for the session.
    desktop.get_by_role("link", name="Voortgang").first.click()
    expect(desktop.get_by_text("Hygiëne in de keuken").first).to_be_visible()
    before = readiness_of(desktop, "Amina")
    assert percent(before) == 0 and "nog niet klaar" in before
    violations["dashboard"] = axe_violations(desktop)

    # The learner practises the assigned theme's words...
    assert practise(phone) > 0
    wait_until_synced(phone)

    # ...and the teacher sees the readiness change.
    desktop.reload()
    after = readiness_of(desktop, "Amina")
    assert percent(after) > 0, after
    assert {page: found for page, found in violations.items() if found} == {}

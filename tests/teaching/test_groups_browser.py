"""The group pages in a real browser: on a phone and a desktop, no axe violations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.conftest import NOW
from tests.live import DESKTOP, LiveServer, check, log_in
from tests.teaching.conftest import make_user
from vaktaal.accounts.models import Group
from vaktaal.accounts.service import join_group
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> LiveServer:
    with live_server.app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    make_user(live_server.app, "docent@noord.nl")
    return live_server


def add_learner(site: LiveServer, name: str) -> None:
    with site.app.app_context():
        group = db.session.scalar(select(Group))
        assert group is not None
        join_group(db.session, group, name=name, pin="1234", now=NOW)
        db.session.commit()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_teacher_makes_a_group_and_manages_a_learner(
    request: pytest.FixtureRequest, site: LiveServer, viewport: str
) -> None:
    page: Page = request.getfixturevalue(viewport)
    width = 360 if viewport == "phone" else DESKTOP["width"]
    log_in(page)
    page.goto("/docent")
    expect(page.get_by_role("heading", name="Mijn groepen")).to_be_visible()
    expect(page.get_by_text("nog geen groepen")).to_be_visible()
    check(page, width=width)

    page.get_by_role("button", name="Groep maken").click()  # empty: explained, not made
    expect(page.get_by_text("Typ een naam voor de groep.")).to_be_visible()
    check(page, width=width)

    page.get_by_label("Naam van de groep").fill("Keuken maandag")
    page.get_by_label("Sector").select_option("keuken")
    page.get_by_label("A1 – kent al wat woorden").check()
    page.get_by_role("button", name="Groep maken").click()
    expect(page.get_by_role("heading", name="Keuken maandag")).to_be_visible()
    expect(page.get_by_text("Deel de code of print het aanmeldblad")).to_be_visible()
    expect(page.get_by_role("link", name="Aanmeldblad printen (PDF)")).to_be_visible()
    check(page, width=width)

    add_learner(site, "Amina")
    page.reload()
    expect(page.get_by_role("rowheader", name="Amina")).to_be_visible()
    expect(page.get_by_label("Amina")).to_be_checked()  # login cards: everyone by default
    check(page, width=width)

    page.get_by_role("link", name=re.compile(r"^Wijzigen\W+Amina$")).click()
    expect(page.get_by_role("heading", name="Amina", exact=True)).to_be_visible()
    check(page, width=width)
    page.get_by_label("Nieuwe pincode").fill("12a")
    page.get_by_role("button", name="Nieuwe pincode bewaren").click()
    expect(page.get_by_text("Een pincode is 4 tot 6 cijfers.")).to_be_visible()
    check(page, width=width)
    page.get_by_label("A2 – leest korte zinnen").check()
    page.get_by_role("button", name="Niveau bewaren").click()
    expect(page.get_by_text("Amina oefent nu op niveau A2.")).to_be_visible()

    page.get_by_role("link", name="Nieuwe code…").click()
    expect(page.get_by_text("de oude code niet meer")).to_be_visible()
    check(page, width=width)
    page.get_by_role("button", name="Nieuwe code maken").click()
    expect(page.get_by_text("De oude code werkt niet meer.")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Verwijderen\W+Amina$")).click()
    expect(page.get_by_text("alle oefengegevens van Amina worden gewist")).to_be_visible()
    check(page, width=width)
    page.get_by_role("button", name="Ja, verwijder Amina").click()
    expect(page.get_by_text("Amina is uit de groep verwijderd.")).to_be_visible()
    expect(page.get_by_text("Nog niemand doet mee.")).to_be_visible()

    # The trajectory is over: the whole group goes, after typing its name.
    add_learner(site, "Bilal")
    page.reload()
    page.get_by_role("link", name="Groep verwijderen").click()
    expect(
        page.get_by_role("heading", name="De groep Keuken maandag verwijderen?")
    ).to_be_visible()
    expect(page.get_by_text("1 cursist, met alle oefengegevens")).to_be_visible()
    check(page, width=width)
    confirm = page.get_by_label("Typ de naam van de groep om te bevestigen")
    confirm.fill("Keuken dinsdag")
    page.get_by_role("button", name="Ja, verwijder de groep").click()
    expect(page.get_by_text("Dat is niet de naam van deze groep.")).to_be_visible()
    check(page, width=width)
    confirm.fill("Keuken maandag")
    page.get_by_role("button", name="Ja, verwijder de groep").click()
    expect(page.get_by_text("De groep Keuken maandag is verwijderd")).to_be_visible()
    expect(page.get_by_text("nog geen groepen")).to_be_visible()
    with site.app.app_context():
        assert db.session.scalar(select(Group)) is None

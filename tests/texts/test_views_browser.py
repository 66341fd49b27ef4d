"""Text → theme in a real browser, on a phone and a desktop, without axe violations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.conftest import NOW
from tests.live import DESKTOP, PHONE, LiveServer, check, log_in
from tests.teaching.conftest import make_group, make_user
from tests.texts.test_views import TEXT
from vaktaal.extensions import db
from vaktaal.sectors.models import Theme
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> LiveServer:
    with live_server.app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    make_group(live_server.app, make_user(live_server.app, "docent@noord.nl"))
    return live_server


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_teacher_saves_a_theme_from_a_text(
    request: pytest.FixtureRequest, site: LiveServer, viewport: str
) -> None:
    page: Page = request.getfixturevalue(viewport)
    width = PHONE["width"] if viewport == "phone" else DESKTOP["width"]
    log_in(page)

    page.goto("/docent/tekst")
    expect(page.get_by_role("heading", name="Tekst naar thema")).to_be_visible()
    check(page, width=width)
    page.get_by_role("button", name="Zoek de vakwoorden").click()
    expect(page.get_by_text("Plak een tekst of kies een bestand.")).to_be_visible()
    check(page, width=width)

    page.get_by_label("Plak de tekst").fill(f"{TEXT} Vul daarna de zeepemmer met water.")
    page.get_by_label("Groep (mag leeg blijven)").select_option(label="NT2 Schoonmaak A (Keuken)")
    page.get_by_role("button", name="Zoek de vakwoorden").click()
    expect(page.get_by_role("heading", name="Woorden uit de tekst")).to_be_visible()
    expect(page.get_by_label("de emmer")).to_be_checked()
    expect(page.get_by_label("Neem afzuigkap op in het thema")).not_to_be_checked()
    expect(page.get_by_label("Titel van het thema")).to_have_value("Schoonmaakprotocol keuken")
    check(page, width=width)

    page.get_by_label("Neem afzuigkap op in het thema").check()
    card = page.get_by_role("group", name="afzuigkap")
    card.get_by_label("Lidwoord").select_option("de")
    card.get_by_label("Meervoud").fill("afzuigkappen")
    card.get_by_label("Vertaling").fill("extractor hood")
    page.get_by_label("Neem zeepemmer op in het thema").check()
    card = page.get_by_role("group", name="zeepemmer")
    card.get_by_label("Lidwoord").select_option("de")
    # A zeepemmer is an emmer: that pictogram is offered.
    card.get_by_role("radio", name="emmer").check()
    check(page, width=width)
    page.get_by_role("button", name="Opslaan als thema").click()
    expect(page.get_by_text("Thema opgeslagen; wijs het toe aan een training")).to_be_visible()
    assert re.search(r"/docent/groepen/\d+/planning", page.url)
    with site.app.app_context():
        theme = db.session.scalar(select(Theme).where(Theme.organisation_id.is_not(None)))
        assert theme is not None and theme.group_id is not None
        terms = {tt.term.lemma: tt.term for tt in theme.theme_terms}
        assert set(terms) >= {"emmer", "afzuigkap", "zeepemmer"}
        picture = terms["zeepemmer"].picture
        assert picture is not None and picture.key == "openmoji/1FAA3"

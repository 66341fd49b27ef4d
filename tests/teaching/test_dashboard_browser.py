"""The progress page in a real browser: on a phone and on a desktop, axe-checked."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import NOW
from tests.live import LiveServer, axe_violations, log_in
from tests.teaching.conftest import make_group, make_user
from tests.teaching.test_dashboard import SESSION_START, card, learner, plan_session, reviewed
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content
from vaktaal.srs.scheduler import Skill


@pytest.fixture
def group_id(live_server: LiveServer, content_dir: Path) -> int:
    """A keuken group with three learners: one ready, one practising, one never."""
    app = live_server.app
    app.config["CLOCK"] = lambda: NOW
    report = check_content(content_dir, checker=None)
    with app.app_context():
        sync_content(db.session, report.sectors, now=NOW)
        db.session.commit()
    teacher = make_user(app, "docent@noord.nl")
    group_id = make_group(app, teacher, "Keuken dinsdag")
    with app.app_context():
        plan_session(group_id, "basis", day=date(2026, 3, 13))
        amina, bram = learner(group_id, "Amina"), learner(group_id, "Bram")
        learner(group_id, "Chen")
        at_ninety = reviewed(10.0, SESSION_START - timedelta(days=10), NOW)
        for key in ("emmer", "mop", "water", "afwassen"):
            for skill in (Skill.RECOGNISE, Skill.PRODUCE):
                card(amina, key, at_ninety, skill=skill,
                     answers=[(NOW - timedelta(days=1), 6000, 3)])  # fmt: skip
        card(bram, "mop", answers=[(NOW - timedelta(days=9), 6000, 1)])
        db.session.commit()
    return group_id


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_teacher_sees_who_is_ready(
    device: str, group_id: int, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue(device)
    log_in(page)
    page.goto(f"/docent/groepen/{group_id}/voortgang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgang van Keuken dinsdag")
    table = page.get_by_role("region", name="Cursisten").get_by_role("table")
    amina = table.get_by_role("row", name=re.compile("^Amina"))
    expect(amina).to_contain_text("90 % klaar")
    expect(amina).to_contain_text("gisteren")
    expect(table.get_by_role("row", name=re.compile("^Bram"))).to_contain_text("inactief")
    expect(table.get_by_role("row", name=re.compile("^Chen"))).to_contain_text(
        "nog nooit geoefend"
    )
    expect(page.get_by_role("img", name="Oefenminuten van de groep per week")).to_be_visible()
    expect(page.get_by_text("mop", exact=False).first).to_be_visible()
    # The page itself never scrolls sideways; only the table's own region may.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV (Excel)").click()
    assert download.value.suggested_filename == "voortgang-Keuken_dinsdag.csv"

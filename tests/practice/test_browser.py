"""A learner on a phone: join, practise by tapping, lose the network, come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect
from sqlalchemy import func, select

from tests.conftest import NOW
from tests.live import LiveServer, axe_violations
from vaktaal.accounts.service import create_group
from vaktaal.config import PROJECT_ROOT
from vaktaal.extensions import db
from vaktaal.practice.models import Answer, Card
from vaktaal.sectors.models import Sector
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


@pytest.fixture
def content_dir() -> Path:
    """The real schoonmaak content: what learners will see."""
    return PROJECT_ROOT / "content" / "sectors"


@pytest.fixture
def join_code(live_server: LiveServer, content_dir: Path) -> str:
    report = check_content(content_dir, checker=None)
    with live_server.app.app_context():
        sync_content(db.session, report.sectors, now=NOW)
        sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
        assert sector is not None
        group = create_group(db.session, name="Schoonmaak dinsdag", sector=sector, now=NOW)
        db.session.commit()
        return group.join_code


def join(phone: Page, code: str, name: str = "Amina") -> None:
    phone.goto("/join")
    phone.get_by_label("Groepscode").fill(code.lower())
    phone.get_by_role("button", name="Verder").tap()
    phone.get_by_label("Je naam").fill(name)
    phone.get_by_role("button", name="Beginnen").tap()
    expect(phone).to_have_url(re.compile(r"/oefenen$"))


def answer_one(phone: Page) -> bool:
    """Do what is on the screen; return True when an answer was given."""
    stage = phone.get_by_role("region", name="Oefening")
    stage.get_by_role("button").first.wait_for()
    if stage.get_by_role("heading", name="Klaar!").is_visible():
        raise StopIteration
    next_button = stage.get_by_role("button", name="Volgende")
    if next_button.is_visible():
        next_button.tap()
        return False
    typed = stage.get_by_label("Jouw antwoord")
    if typed.is_visible():
        typed.fill("emmer")
        stage.get_by_role("button", name="Controleer").tap()
        return True
    check = stage.get_by_role("button", name="Controleer")
    if check.is_visible():
        check.tap()
        return True
    stage.get_by_role("group", name="Antwoorden").get_by_role("button").first.tap(timeout=5000)
    return True


def practise(phone: Page, *, answers: int | None = None) -> int:
    """Answer until the summary (or `answers` times); return how many answers were given."""
    given = 0
    for _ in range(100):
        if answers is not None and given == answers:
            break
        try:
            answered = answer_one(phone)
        except StopIteration:
            break
        if answered:
            given += 1
            # The feedback shows once the answer is safe in the phone's outbox.
            phone.get_by_role("button", name="Volgende").wait_for()
    return given


def stored(live_server: LiveServer) -> tuple[int, int, int]:
    with live_server.app.app_context():
        count, unique = db.session.execute(
            select(func.count(), func.count(func.distinct(Answer.uuid)))
        ).one()
        reps = db.session.scalar(select(func.coalesce(func.sum(Card.reps), 0)))
        return int(count), int(unique), int(reps or 0)


def wait_until_synced(phone: Page) -> None:
    expect(phone.get_by_role("status").filter(has_text="Alles is opgeslagen.")).to_be_visible(
        timeout=15000
    )


def test_join_practise_reload_and_every_answer_stored_once(
    phone: Page, live_server: LiveServer, join_code: str
) -> None:
    join(phone, join_code)
    given = practise(phone, answers=2)
    phone.reload()  # the session resumes where it was
    given += practise(phone)
    expect(phone.get_by_role("heading", name="Klaar!")).to_be_visible()
    assert given >= 8
    wait_until_synced(phone)
    phone.reload()
    assert stored(live_server) == (given, given, given)
    # Back later on the same phone: no login, straight to practice, progress visible.
    phone.goto("/voortgang")
    expect(phone.get_by_role("heading", name="Mijn voortgang")).to_be_visible()


def test_network_cut_mid_session(phone: Page, live_server: LiveServer, join_code: str) -> None:
    join(phone, join_code)
    phone.evaluate("navigator.serviceWorker.ready")
    given = practise(phone, answers=3)
    phone.context.set_offline(True)
    given += practise(phone, answers=2)
    expect(phone.get_by_text("Geen internet")).to_be_visible()
    # Without network the page still opens (service worker) and resumes the session.
    phone.reload()
    expect(phone.get_by_role("region", name="Oefening")).to_be_visible()
    given += practise(phone, answers=2)
    phone.context.set_offline(False)
    given += practise(phone)
    expect(phone.get_by_role("heading", name="Klaar!")).to_be_visible()
    # The phone counted every answer too, across the reload.
    expect(phone.get_by_text(re.compile(rf"van de {given} goed"))).to_be_visible()
    wait_until_synced(phone)
    assert stored(live_server) == (given, given, given)


def test_saved_is_said_only_once_the_server_has_the_answer(
    phone: Page, live_server: LiveServer, join_code: str
) -> None:
    held: list[Route] = []
    phone.route("**/api/v1/answers", lambda route: held.append(route))
    join(phone, join_code)
    wait_until_synced(phone)  # nothing to send yet
    assert practise(phone, answers=1) == 1
    for _ in range(100):
        if held:
            break
        phone.wait_for_timeout(50)
    assert len(held) == 1
    # The answer is on its way, not yet stored: the page must not say it is.
    expect(phone.get_by_text("Alles is opgeslagen.")).to_have_count(0)
    assert stored(live_server) == (0, 0, 0)
    held[0].continue_()
    phone.unroute("**/api/v1/answers")
    wait_until_synced(phone)
    assert stored(live_server) == (1, 1, 1)


def test_pages_have_no_accessibility_violations(
    phone: Page, live_server: LiveServer, join_code: str
) -> None:
    # Privacy: nothing is fetched from anywhere but our own server.
    elsewhere: list[str] = []
    phone.on(
        "request",
        lambda r: (
            None if r.url.startswith((live_server.url, "data:")) else elsewhere.append(r.url)
        ),
    )
    phone.goto("/")
    assert axe_violations(phone) == []
    phone.goto("/join")
    assert axe_violations(phone) == []
    phone.goto(f"/join/{join_code}")
    assert axe_violations(phone) == []
    join(phone, join_code)
    phone.get_by_role("button", name="Volgende").wait_for()
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Volgende").tap()
    phone.get_by_role("group", name="Antwoorden").wait_for()
    assert axe_violations(phone) == []
    phone.goto("/voortgang")
    assert axe_violations(phone) == []
    phone.goto("/mijn-gegevens")
    assert axe_violations(phone) == []
    phone.goto("/sectors/schoonmaak/themes/basiswoorden")
    assert axe_violations(phone) == []
    assert elsewhere == []

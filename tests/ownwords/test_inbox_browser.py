"""Words from the work floor in a real browser: a learner records a word on a phone, a
teacher turns it into a word to practise; at 360 px and on a desktop, without axe
violations."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect
from sqlalchemy import select

from tests.conftest import NOW
from tests.glossary.test_photos import jpeg_with_exif
from tests.live import CHROMIUM_ARGS, DESKTOP, PHONE, LiveServer, check, log_in
from tests.teaching.conftest import make_group, make_user
from vaktaal.accounts.models import Group
from vaktaal.extensions import db
from vaktaal.ownwords.models import FlaggedWord, PracticeExtra
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content

# A fake microphone (a beep) that needs no permission prompt.
FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture
def site(live_server: LiveServer, content_dir: Path) -> LiveServer:
    with live_server.app.app_context():
        sync_content(db.session, check_content(content_dir, checker=None).sectors, now=NOW)
        db.session.commit()
    teacher = make_user(live_server.app, "docent@noord.nl")
    make_group(live_server.app, teacher)
    return live_server


@pytest.fixture
def recording_browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable
    browser = playwright.chromium.launch(
        executable_path=executable, args=[*CHROMIUM_ARGS, *FAKE_MICROPHONE]
    )
    yield browser
    browser.close()


@pytest.fixture
def recording_phone(recording_browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = recording_browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL",
        base_url=live_server.url, permissions=["microphone"],
    )  # fmt: skip
    page = context.new_page()
    yield page
    context.close()


def join(page: Page, site: LiveServer, name: str = "Amina") -> None:
    with site.app.app_context():
        group = db.session.scalar(select(Group))
        assert group is not None
        code = group.join_code
    page.goto(f"/join/{code}")
    page.get_by_label("Je naam").fill(name)
    page.get_by_role("button", name="Beginnen").click()
    page.wait_for_url(re.compile(r"/oefenen"))


def test_a_learner_records_a_word_with_a_photo(
    site: LiveServer, recording_phone: Page, tmp_path: Path
) -> None:
    page = recording_phone
    join(page, site)
    page.get_by_role("link", name="Woord van je werk").click()
    expect(page.get_by_role("heading", name="Woord van je werk")).to_be_visible()
    # With a microphone, the recorder replaces the file field.
    record = page.get_by_role("button", name="Opnemen")
    expect(record).to_be_visible()
    expect(page.get_by_label("Opname van het woord")).to_be_hidden()
    check(page, width=PHONE["width"])

    record.click()
    expect(page.get_by_text(re.compile("Opname loopt"))).to_be_visible()
    expect(page.get_by_role("button", name="Stop")).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1200)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_text("Opgenomen. Luister, of neem opnieuw op.")).to_be_visible()
    expect(page.get_by_role("button", name="Opnieuw opnemen")).to_be_visible()
    check(page, width=PHONE["width"])

    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_exif((800, 600)))
    page.get_by_label("Foto (mag leeg blijven)").set_input_files(photo)
    page.get_by_role("button", name="Versturen").click()
    expect(
        page.get_by_role("heading", name="Verstuurd! Je docent ziet het woord.")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Jouw foto")).to_be_visible()
    check(page, width=PHONE["width"])

    with site.app.app_context():
        flag = db.session.scalar(select(FlaggedWord))
        assert flag is not None and flag.text is None
        assert flag.audio_name and flag.audio_name.endswith((".webm", ".ogg", ".m4a"))
        assert flag.photo_name


def test_without_a_microphone_the_learner_types(site: LiveServer, phone: Page) -> None:
    join(phone, site)
    phone.goto("/woord-melden")
    record = phone.get_by_role("button", name="Opnemen")
    if record.is_visible():
        record.click()  # no device, or no permission: the page says so and offers typing
        expect(phone.get_by_text("Geen microfoon. Typ het woord.")).to_be_visible()
        expect(phone.get_by_label("Het woord", exact=True)).to_be_focused()
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_text("Typ het woord of neem het op.")).to_be_visible()
    check(phone, width=PHONE["width"])
    phone.get_by_label("Het woord", exact=True).fill("afzuigkap")
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_text("afzuigkap")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_teacher_turns_a_flag_into_a_word_for_the_group(
    request: pytest.FixtureRequest, site: LiveServer, viewport: str, tmp_path: Path
) -> None:
    learner: Page = request.getfixturevalue("phone")
    join(learner, site)
    learner.goto("/woord-melden")
    learner.get_by_label("Het woord", exact=True).fill("afzuigkap")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_exif((800, 600)))
    learner.get_by_label("Foto (mag leeg blijven)").set_input_files(photo)
    learner.get_by_role("button", name="Versturen").click()
    expect(learner.get_by_text("Verstuurd!")).to_be_visible()

    page: Page = learner if viewport == "phone" else request.getfixturevalue("desktop")
    width = PHONE["width"] if viewport == "phone" else DESKTOP["width"]
    page.context.clear_cookies()
    log_in(page)
    page.goto("/docent/werkvloer")
    expect(page.get_by_role("heading", name="Woorden van de werkvloer")).to_be_visible()
    expect(page.get_by_role("heading", name="afzuigkap")).to_be_visible()
    expect(page.get_by_role("img", name="Foto van Amina")).to_be_visible()
    check(page, width=width)

    page.get_by_role("link", name=re.compile(r"^Maak er een woord van\W+afzuigkap$")).click()
    expect(page.get_by_role("heading", name="Maak er een woord van")).to_be_visible()
    check(page, width=width)
    page.get_by_role("button", name="Maak het woord").click()  # no article yet
    expect(page.get_by_text("Het lidwoord moet de of het zijn.")).to_be_visible()
    check(page, width=width)
    page.get_by_label("Lidwoord").select_option("de")
    page.get_by_label("Meervoud").fill("afzuigkappen")
    page.get_by_label("De hele groep oefent het woord").first.check()
    page.get_by_role("button", name="Maak het woord").click()
    expect(
        page.get_by_text("de afzuigkap staat nu in de oefeningen van de hele groep.")
    ).to_be_visible()
    expect(page.get_by_text("Er zijn geen nieuwe woorden.")).to_be_visible()
    check(page, width=width)
    with site.app.app_context():
        [extra] = db.session.scalars(select(PracticeExtra)).all()
        assert extra.learner_id is None and extra.term.picture is not None

"""A live server and Debian's Chromium at phone size, for tests that use the real page."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright
from werkzeug.serving import make_server

from tests.conftest import make_app
from vaktaal.extensions import db

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# How long a page may take to show what a test expects. Playwright's 5 s is tight on a
# shared 2-core machine running two test workers, their servers and browsers (a first
# text analysis loads spaCy); waiting longer only slows a test that fails anyway.
expect.set_options(timeout=15_000)

PHONE = {"width": 360, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@dataclass
class LiveServer:
    app: Flask
    url: str


@pytest.fixture
def live_app(tmp_path: Path, content_dir: Path) -> Iterator[Flask]:
    app = make_app(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path, content_dir)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def buffered(app: WSGIApplication) -> WSGIApplication:
    """The app, each response read whole (and closed) before the server sends it.

    When Chromium drops a connection in the middle of a response (it leaves a page while
    a picture loads), werkzeug's development server stops without closing the response,
    and a file being sent stays open until the garbage collector finds it: a
    ResourceWarning at a random moment of a random test. Responses here are small.
    """

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            close = getattr(response, "close", None)
            if close is not None:
                close()

    return wsgi


@pytest.fixture
def live_server(live_app: Flask) -> Iterator[LiveServer]:
    server = make_server("127.0.0.1", 0, buffered(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(live_app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, (
        "Debian's chromium is needed for the browser tests (`make test` installs it)"
    )
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A phone in portrait, with touch, speaking Dutch."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def desktop(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A laptop's browser window (the teacher's), speaking Dutch."""
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Page, email: str = "docent@noord.nl") -> None:
    """Log a staff user in (see tests.teaching.conftest.make_user) as a person does."""
    from tests.teaching.conftest import PASSWORD

    page.goto("/account/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # Wait for the signed-in page: a navigation started before the log-in
    # response arrives would cancel it, and the session cookie with it.
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def check(page: Page, *, width: int) -> None:
    """The page, once loaded with its stylesheets, fits the screen and passes axe-core."""
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []


def image_loads(image: Locator) -> bool:
    """Wait until the image has loaded (or failed); tell whether it shows a picture."""
    image.evaluate(
        "img => img.complete ? null : new Promise(done => { img.onload = img.onerror = done; })"
    )
    return bool(image.evaluate("img => img.naturalWidth > 0"))


def axe_violations(page: Page) -> list[str]:
    """Run axe-core (shipped inside axe-playwright-python) on the page; list violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]

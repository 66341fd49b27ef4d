"""Benchmark: Lighthouse 12 on the learner's and the teacher's pages, as a phone on slow 4G.

Prints numbers; asserts nothing. Needs Node 20 and the npm registry (the first run fetches
Lighthouse with `npx`); uses Debian's Chromium. Run it on a quiet machine:

    .venv/bin/python bench/lighthouse.py             # every page, 3 runs each
    .venv/bin/python bench/lighthouse.py --runs 1 --page oefenen

1. Loads the content into a temporary SQLite database; makes a school with a teacher and a
   schoonmaak group with one planned training session and an assigned theme.
2. Serves the app on a free local port; a learner joins the group over HTTP and the
   teacher logs in, as a browser would (their cookies are handed to Lighthouse).
3. Runs Lighthouse on each page with its mobile defaults: a Moto G Power sized screen,
   simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and a 4× slower CPU. Prints the median of
   the runs: performance and accessibility scores, first and largest contentful paint,
   total blocking time, cumulative layout shift, bytes transferred, and any request that
   left our own origin.

No audio files are built here (that takes minutes): the practice page then speaks with the
phone's voice, as it does for a word whose file is missing; in production the batch's MP3
files (about 4 KB a word) are fetched after the first screen.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import logging
import shutil
import statistics
import subprocess
import tempfile
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import bench_app
from sqlalchemy import select
from werkzeug.serving import make_server

from vaktaal.accounts.models import Organisation, Role, User
from vaktaal.accounts.service import create_group, hash_password
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content
from vaktaal.teaching import planner

LIGHTHOUSE = "lighthouse@12.8.2"
EMAIL = "docent@bench.nl"
PASSWORD = "bench-wachtwoord"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
# One browser for the log-in and for Lighthouse: staff sessions are bound to the browser
# (Flask-Login's strong session protection), so both must say the same.
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36"
)
AUDITS = {
    "fcp": "first-contentful-paint",
    "lcp": "largest-contentful-paint",
    "tbt": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "bytes": "total-byte-weight",
}


@dataclass
class Page:
    name: str
    path: str
    who: str  # "visitor", "learner" or "teacher"


def prepare(app: Any) -> tuple[str, int]:
    """The content, a school, its teacher, a group with a planned session: (code, group id)."""
    now = datetime.now(UTC)
    with app.app_context():
        db.create_all()
        report = check_content(app.config["CONTENT_DIR"], checker=None)
        sync_content(db.session, report.sectors, now=now)
        sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
        assert sector is not None
        school = Organisation(name="Taalschool Bench", created_at=now)
        teacher = User(
            organisation=school,
            email=EMAIL,
            password_hash=hash_password(PASSWORD),
            role=Role.ADMIN.value,
            created_at=now,
        )
        db.session.add(teacher)
        group = create_group(db.session, name="Schoonmaak maandag", sector=sector, now=now)
        group.organisation = school
        db.session.flush()
        training = planner.add_session(
            db.session, group, day=planner.local_today(now) + timedelta(days=5),
            part_of_day="ochtend", topic="Module 3: sanitair reinigen", location=None, now=now,
        )  # fmt: skip
        themes = planner.group_themes(db.session, group)
        best = planner.suggest_themes([training], themes)[training.id][0]
        planner.assign_theme(
            db.session, group, theme_id=best.theme.id, training=training, teacher=teacher,
            now=now,
        )  # fmt: skip
        db.session.commit()
        return group.join_code, group.id


def browser_cookies(base: str, path: str, form: dict[str, str]) -> str:
    """POST a form as a browser does; the Cookie header it then sends."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    data = urllib.parse.urlencode(form).encode()
    with opener.open(base + path, data=data) as response:
        response.read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def lighthouse(url: str, cookie: str | None, chromium: str) -> dict[str, Any]:
    command = [
        "npx", "--yes", LIGHTHOUSE, url,
        "--quiet", "--output=json", "--output-path=stdout",
        "--only-categories=performance,accessibility",
        f"--chrome-path={chromium}", f"--chrome-flags={CHROME_FLAGS}",
        f"--emulatedUserAgent={USER_AGENT}",
    ]  # fmt: skip
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def summary(report: dict[str, Any], origin: str) -> dict[str, Any]:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "final": report["finalDisplayedUrl"],
        "performance": round(100 * (report["categories"]["performance"]["score"] or 0)),
        "accessibility": round(100 * (report["categories"]["accessibility"]["score"] or 0)),
        **{key: audits[audit]["numericValue"] for key, audit in AUDITS.items()},
        # Inline data: URLs (an icon in a stylesheet) load nothing from anywhere.
        "foreign": sorted(
            {r["url"] for r in requests if not r["url"].startswith((origin, "data:"))}
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="only these pages (by name)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is needed: make test installs it")

    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(
            f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp), WTF_CSRF_ENABLED=False
        )
        code, group_id = prepare(app)
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        cookies = {
            "visitor": None,
            "learner": browser_cookies(base, f"/join/{code}", {"name": "Amina", "pin": ""}),
            "teacher": browser_cookies(
                base, "/account/inloggen", {"email": EMAIL, "password": PASSWORD}
            ),
        }
        pages = [
            Page("home", "/", "visitor"),
            Page("join", f"/join/{code}", "visitor"),
            Page("oefenen", "/oefenen", "learner"),
            Page("voortgang-cursist", "/voortgang", "learner"),
            Page("planning", f"/docent/groepen/{group_id}/planning", "teacher"),
            Page("voortgang-groep", f"/docent/groepen/{group_id}/voortgang", "teacher"),
            Page("tekst", "/docent/tekst", "teacher"),
        ]
        chosen = [p for p in pages if not args.page or p.name in args.page]
        print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile (slow 4G, 4x CPU), median of "
              f"{args.runs} run(s)")  # fmt: skip
        print(
            f"{'page':<19} {'perf':>4} {'a11y':>4} {'FCP ms':>7} {'LCP ms':>7} "
            f"{'TBT ms':>6} {'CLS':>6} {'KB':>6}  other origins"
        )
        for page in chosen:
            runs = [
                summary(lighthouse(base + page.path, cookies[page.who], chromium), base)
                for _ in range(args.runs)
            ]
            if any(urllib.parse.urlparse(r["final"]).path != page.path for r in runs):
                raise SystemExit(f"{page.name}: redirected to {runs[0]['final']} (not logged in?)")

            def median(key: str, runs: list[dict[str, Any]] = runs) -> float:
                return float(statistics.median(r[key] for r in runs))

            foreign = sorted({url for r in runs for url in r["foreign"]})
            print(
                f"{page.name:<19} {median('performance'):>4.0f} {median('accessibility'):>4.0f} "
                f"{median('fcp'):>7.0f} {median('lcp'):>7.0f} {median('tbt'):>6.0f} "
                f"{median('cls'):>6.3f} {median('bytes') / 1024:>6.1f}  "
                f"{', '.join(foreign) or 'none'}"
            )
        server.shutdown()


if __name__ == "__main__":
    main()

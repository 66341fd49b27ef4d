"""Benchmark: a sheet of 48 picture cards with Arabic and Tigrinya glosses, as PDF.

Prints numbers; asserts nothing. Run it on a quiet machine:

    .venv/bin/python bench/glossary.py                 # schoonmaak, 48 cards, ar + ti
    .venv/bin/python bench/glossary.py --cards 96 --langs ar,ti,fa --layout labels

1. Loads the content into a temporary SQLite database and takes the first N words of the
   sector (in theme order) that have a gloss in every chosen language.
2. Builds the glossary (query, QR codes), typesets the HTML and renders the PDF with
   WeasyPrint, several times: the first run includes loading fonts and WeasyPrint itself.
3. Peak memory: the process's peak resident size (ru_maxrss, includes Pango and the
   fonts) before and after, and the peak of Python's own allocations (tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from vaktaal import create_app
from vaktaal.extensions import db
from vaktaal.glossary import service
from vaktaal.glossary.schemas import Layout, Selection
from vaktaal.sectors.models import Sector, Term, Theme
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sector", default="schoonmaak")
    parser.add_argument("--cards", type=int, default=48)
    parser.add_argument("--langs", default="ar,ti")
    parser.add_argument("--layout", default="cards", choices=[layout.value for layout in Layout])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-o", "--output", type=Path, help="keep the last PDF here")
    args = parser.parse_args()
    languages = tuple(args.langs.split(","))

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SECRET_KEY": "bench", "ENV_NAME": "testing"})
        with app.app_context():
            db.create_all()
            report = check_content(app.config["CONTENT_DIR"], checker=None)
            sync_content(db.session, report.sectors, now=datetime.now(UTC))
            db.session.commit()
            sector = db.session.scalar(select(Sector).where(Sector.slug == args.sector))
            assert sector is not None, f"no sector {args.sector}"
            keys: list[str] = []
            for theme in sorted(sector.themes, key=lambda t: t.position):
                keys.extend(_glossed_terms(theme, languages, keys))
            keys = keys[: args.cards]
            print(f"{len(keys)} {args.layout} in {args.sector}, glosses {args.langs}")
            selection = Selection(
                args.sector, terms=tuple(keys), languages=languages, layout=Layout(args.layout)
            )

            rss_before = peak_rss_mib()
            timings: list[tuple[float, float, float]] = []
            data = b""
            for run in range(args.runs):
                with app.test_request_context():
                    started = time.perf_counter()
                    glossary = service.build_glossary(
                        db.session,
                        selection,
                        now=datetime.now(UTC),
                        word_url=service.public_word_url,
                        source=app.config["BASE_URL"],
                    )
                    built = time.perf_counter()
                    html = service.glossary_html(glossary)
                    typeset = time.perf_counter()
                    data = service.render_pdf(html)
                    done = time.perf_counter()
                timings.append((built - started, typeset - built, done - typeset))
                print(
                    f"run {run + 1}: build {built - started:.3f} s, HTML {typeset - built:.3f} s, "
                    f"PDF {done - typeset:.2f} s, total {done - started:.2f} s"
                )
            rss_after = peak_rss_mib()
            # A separate run for Python's own allocations: tracing slows everything down.
            tracemalloc.start()
            with app.test_request_context():
                service.render_pdf(html)
            python_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            warm = timings[1:] or timings
            print(
                f"pages: {len(glossary.pages)}, PDF size: {len(data) / 1024:.0f} KiB; "
                f"warm total (median): {statistics.median(sum(t) for t in warm):.2f} s"
            )
            print(
                f"peak RSS: {rss_before:.0f} MiB before, {rss_after:.0f} MiB after; "
                f"Python allocations peak while rendering: {python_peak / 2**20:.0f} MiB"
            )
            if args.output:
                args.output.write_bytes(data)


def _glossed_terms(theme: Theme, languages: tuple[str, ...], seen: list[str]) -> list[str]:
    found = []
    for link in theme.theme_terms:
        term: Term = link.term
        glossed = {gloss.language for gloss in term.glosses}
        if term.active and term.key not in seen and set(languages) <= glossed:
            found.append(term.key)
    return found


if __name__ == "__main__":
    main()

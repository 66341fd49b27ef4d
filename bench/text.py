"""Benchmark: find the work words in a 5,000-word training text.

Prints numbers; asserts nothing. Run it on a quiet machine:

    .venv/bin/python bench/text.py                    # schoonmaak, 5,000 words, 5 runs
    .venv/bin/python bench/text.py --words 20000 --sector logistiek

1. The text: the example sentences of every sector's content, in file order, until it has
   N words (real workplace Dutch with a wide vocabulary, not one paragraph repeated). The
   known terms are the chosen sector's and the cross-sector `werk` pack's, read from the
   content files (the same mapping `texts.service.known_terms` builds from the database).
2. Cold: a fresh Python process imports the code, builds the spaCy pipeline, loads the
   simplemma and wordfreq data and analyses the text once; timed from before the imports.
3. Warm: in this process, after one analysis, the median of N analyses of the same text
   (every word form already cached) and of N analyses with the word caches emptied first
   (a new text of the same size, with the pipeline and the word lists already loaded).
4. Memory: the cold process's peak resident size (ru_maxrss: spaCy, the lookup table,
   the word lists) and the peak of Python allocations during one warm analysis
   (tracemalloc).
5. Pictograms: the review page suggests pictograms for each new word it shows (at most
   `texts.views.CANDIDATE_LIMIT`); timed on a scratch SQLite database with all content,
   after one warm-up search (which reads the OpenMoji names once per process).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from vaktaal.language.terms import Candidate, KnownTerm

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "sectors"


def build_text(words: int) -> str:
    """Return example sentences from the sector content, about `words` words long."""
    sentences: list[str] = []
    count = 0
    while count < words:
        for path in sorted(CONTENT.glob("*/themes/*.yaml")):
            theme = yaml.safe_load(path.read_text(encoding="utf-8"))
            for term in theme.get("terms", []):
                sentences.append(term["example"])
                count += len(term["example"].split())
                if count >= words:
                    return " ".join(sentences)
    return " ".join(sentences)


def known_from_content(sector: str) -> dict[str, KnownTerm]:
    from vaktaal.language.terms import KnownTerm

    known: dict[str, KnownTerm] = {}
    for slug in ("werk", sector):
        for path in sorted((CONTENT / slug / "themes").glob("*.yaml")):
            theme = yaml.safe_load(path.read_text(encoding="utf-8"))
            for term in theme.get("terms", []):
                forms = (term["plural"],) if term.get("plural") else ()
                known[term["lemma"].lower()] = KnownTerm(
                    slug, theme["slug"], term["key"], term["lemma"], forms
                )
    return known


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cold(words: int, sector: str) -> None:
    """Child process: time everything from the imports on; print JSON."""
    text = build_text(words)
    start = time.perf_counter()
    from vaktaal.language.pipeline import nlp
    from vaktaal.language.terms import extract_terms

    known = known_from_content(sector)
    nlp()
    loaded = time.perf_counter()
    candidates = extract_terms(text, known=known)
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "load_s": loaded - start,
                "first_analysis_s": done - loaded,
                "total_s": done - start,
                "rss_mib": peak_rss_mib(),
                "candidates": len(candidates),
                "known": sum(1 for c in candidates if c.known),
            }
        )
    )


def clear_word_caches() -> None:
    from vaktaal.language import pipeline, terms

    pipeline._lemmatise_lower.cache_clear()
    pipeline.is_known_word.cache_clear()
    pipeline.general_frequency.cache_clear()
    terms._stop_words.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--sector", default="schoonmaak")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold(args.words, args.sector)
        return

    text = build_text(args.words)
    print(f"Text: {len(text.split()):,} words, {len(text):,} characters; sector {args.sector}")
    child = subprocess.run(
        [sys.executable, __file__, "--cold-child", "--words", str(args.words),
         "--sector", args.sector],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    numbers = json.loads(child.stdout)
    print(
        f"Cold (fresh process): {numbers['total_s']:.2f} s = loading "
        f"{numbers['load_s']:.2f} s + first analysis {numbers['first_analysis_s']:.2f} s; "
        f"peak RSS {numbers['rss_mib']:.0f} MiB; {numbers['candidates']} candidates, "
        f"{numbers['known']} known"
    )

    from vaktaal.language.pipeline import nlp
    from vaktaal.language.terms import extract_terms

    known = known_from_content(args.sector)
    nlp()
    extract_terms(text, known=known)
    same = []
    for _ in range(args.runs):
        start = time.perf_counter()
        extract_terms(text, known=known)
        same.append(time.perf_counter() - start)
    fresh = []
    for _ in range(args.runs):
        clear_word_caches()
        start = time.perf_counter()
        extract_terms(text, known=known)
        fresh.append(time.perf_counter() - start)
    print(
        f"Warm, same text (word forms cached): median {statistics.median(same) * 1000:.0f} ms "
        f"(min {min(same) * 1000:.0f}, max {max(same) * 1000:.0f}) over {args.runs} runs"
    )
    print(
        f"Warm, new text (word caches emptied): median {statistics.median(fresh) * 1000:.0f} ms "
        f"(min {min(fresh) * 1000:.0f}, max {max(fresh) * 1000:.0f}) over {args.runs} runs"
    )
    tracemalloc.start()
    clear_word_caches()
    extract_terms(text, known=known)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"Memory: Python allocations during one analysis peak at {peak / 2**20:.1f} MiB; "
        f"this process's peak RSS {peak_rss_mib():.0f} MiB"
    )

    suggest_pictograms_for(extract_terms(text, known=known), args.runs)


def suggest_pictograms_for(candidates: list[Candidate], runs: int) -> None:
    import tempfile

    from common import bench_app

    from vaktaal.core.clock import utcnow
    from vaktaal.extensions import db
    from vaktaal.ownwords.pictures import suggest_pictograms
    from vaktaal.sectors.service import sync_content
    from vaktaal.sectors.validation import check_content
    from vaktaal.texts.views import CANDIDATE_LIMIT, PICTOGRAM_CHOICES

    new = [c.lemma for c in candidates if c.known is None][:CANDIDATE_LIMIT]
    with tempfile.TemporaryDirectory() as folder:
        app = bench_app(f"sqlite:///{folder}/bench.sqlite3", Path(folder))
        with app.app_context(), app.test_request_context():
            db.create_all()
            sync_content(db.session, check_content(CONTENT, checker=None).sectors, now=utcnow())
            db.session.commit()
            suggest_pictograms(db.session, "emmer")
            times, found = [], 0
            for _ in range(runs):
                start = time.perf_counter()
                found = sum(
                    bool(suggest_pictograms(db.session, w, limit=PICTOGRAM_CHOICES)) for w in new
                )
                times.append(time.perf_counter() - start)
    print(
        f"Pictogram suggestions for the {len(new)} new words shown: median "
        f"{statistics.median(times) * 1000:.0f} ms over {runs} runs; {found} of them get one"
    )


if __name__ == "__main__":
    main()

"""Simulation: does the pre-teaching schedule get a theme learned by its training session?

Prints a Markdown table; asserts nothing (tests/srs/test_preteach_simulation.py does).

    .venv/bin/python bench/preteach.py                 # 30 learners, as in the test
    .venv/bin/python bench/preteach.py --learners 200 --seed 7

The scenario and the memory model are described in tests/srs/preteach_simulation.py and
docs/scheduling.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.srs.preteach_simulation import Scenario, Schedule, simulate, summarise, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=Scenario.learners)
    parser.add_argument("--seed", type=int, default=Scenario.seed)
    parser.add_argument("--days", type=int, default=Scenario.days)
    parser.add_argument("--minutes", type=float, default=Scenario.minutes_per_day)
    args = parser.parse_args()
    scenario = Scenario(
        learners=args.learners, seed=args.seed, days=args.days, minutes_per_day=args.minutes
    )
    started = time.perf_counter()
    summaries = [summarise(schedule, simulate(schedule, scenario)) for schedule in Schedule]
    print(table(summaries))
    print(
        f"\n{scenario.learners} learners, seed {scenario.seed}, {scenario.days} days, "
        f"{scenario.minutes_per_day:g} minutes a day; "
        f"simulated in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()

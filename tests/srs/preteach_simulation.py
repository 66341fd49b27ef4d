"""Simulated learners practising towards a training session: does pre-teaching pay off?

Each learner has an FSRS memory model of their own: the TRUE stability of a card is the
stability FSRS estimates times the learner's ability (0.4: forgets much faster than
FSRS's default learner, 1.6: much slower). Whether a card is recalled at a review is
drawn with the TRUE retrievability, from a `random.Random` seeded per learner, so every
run gives the same numbers and the schedules are compared on the same learners.

The learner practises 10 minutes every evening (starting between 18:00 and 19:00
Amsterdam time), with 150 older words in review and 120 other new words of the sector;
a theme of 30 words is assigned at 08:30 seven days before its training session, which
starts at 08:30. Schedules compared:

- `PLAIN`: the FSRS queue in the sector's default order (the theme after 60 other words);
- `THEME_FIRST`: the same queue with the theme's words moved to the front;
- `DEADLINE`: `plan_session` with the theme's deadline.

Used by tests/srs/test_preteach_simulation.py and bench/preteach.py.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from vaktaal.srs.preteach import DEFAULT_PACE, Pace, SeenCard, plan_session
from vaktaal.srs.queue import NewCard
from vaktaal.srs.scheduler import CardState, Rating, Skill, State, retrievability, review

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
# A Monday morning: the teacher assigns the theme for next Monday's training.
ASSIGNED = datetime(2026, 3, 2, 8, 30, tzinfo=LOCAL_TIME)
# A new word is shown (picture, word, sound) before it is asked: almost always right.
FIRST_ANSWER_RIGHT = 0.95
SKILLS = (Skill.RECOGNISE, Skill.PRODUCE)


class Schedule(StrEnum):
    PLAIN = "FSRS queue, default order"
    THEME_FIRST = "FSRS queue, theme first"
    DEADLINE = "deadline-aware"


@dataclass(frozen=True)
class Scenario:
    learners: int = 30
    old_words: int = 150
    other_new_words: int = 120
    theme_words: int = 30
    theme_after: int = 60  # the theme's place in the sector's default order
    days: int = 7
    minutes_per_day: float = 10.0
    new_per_day: int = 10
    seed: int = 2026
    pace: Pace = DEFAULT_PACE


@dataclass(frozen=True)
class LearnerResult:
    ability: float
    recall: float  # expected share of the theme's words recalled at the session
    reviewed_twice: float  # share of the theme's words introduced and reviewed twice
    old_recall: float  # expected share of the older words recalled at the session
    reviews: int  # answers given in the days before the session
    theme_reviews: int  # of which on the theme's words


@dataclass(frozen=True)
class Summary:
    schedule: Schedule
    mean_recall: float
    p10_recall: float
    min_recall: float
    reviewed_twice: float
    old_recall: float
    reviews: float
    theme_reviews: float


def simulate(schedule: Schedule, scenario: Scenario = Scenario()) -> list[LearnerResult]:
    """Return the outcome at the session for each simulated learner."""
    return [_simulate_learner(schedule, scenario, index) for index in range(scenario.learners)]


def summarise(schedule: Schedule, results: Sequence[LearnerResult]) -> Summary:
    recalls = sorted(result.recall for result in results)
    return Summary(
        schedule=schedule,
        mean_recall=statistics.fmean(recalls),
        p10_recall=recalls[max(0, math.ceil(0.1 * len(recalls)) - 1)],
        min_recall=recalls[0],
        reviewed_twice=statistics.fmean(r.reviewed_twice for r in results),
        old_recall=statistics.fmean(r.old_recall for r in results),
        reviews=statistics.fmean(r.reviews for r in results),
        theme_reviews=statistics.fmean(r.theme_reviews for r in results),
    )


def table(summaries: Sequence[Summary]) -> str:
    """Return the summaries as a Markdown table."""
    lines = [
        "| schedule | theme recalled at the session: mean | p10 | min "
        "| theme words reviewed twice | older words recalled | reviews | on the theme |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in summaries:
        lines.append(
            f"| {s.schedule} | {s.mean_recall:.1%} | {s.p10_recall:.1%} | {s.min_recall:.1%} "
            f"| {s.reviewed_twice:.1%} | {s.old_recall:.1%} | {s.reviews:.0f} "
            f"| {s.theme_reviews:.0f} |"
        )
    return "\n".join(lines)


class _Learner:
    """One learner's cards: what FSRS believes, and the truth behind it."""

    def __init__(self, ability: float) -> None:
        self.ability = ability
        # Keyed by (word, skill): a word has a recognise and a produce card.
        self.cards: dict[Hashable, SeenCard[Hashable]] = {}
        self.reviews = 0
        self.theme_reviews = 0

    def true_recall(self, ref: Hashable, at: datetime) -> float:
        card = self.cards.get(ref)
        if card is None or card.state.stability is None:
            return 0.0
        truth = replace(card.state, stability=card.state.stability * self.ability)
        return retrievability(truth, now=at)

    def word_recall(self, word: Hashable, at: datetime) -> float:
        return statistics.fmean(self.true_recall((word, skill), at) for skill in SKILLS)

    def answer(
        self, card_ref: tuple[Hashable, Skill], at: datetime, rng: random.Random, *, theme: bool
    ) -> None:
        card = self.cards.get(card_ref)
        if card is None:
            right = rng.random() < FIRST_ANSWER_RIGHT
            state = CardState(State.Learning, 0, None, None, due=at)
            introduced = at
        else:
            right = rng.random() < self.true_recall(card_ref, at)
            state, introduced = card.state, card.introduced
        rating = Rating.Good if right else Rating.Again
        after = review(state, rating, now=at)
        self.cards[card_ref] = SeenCard(
            ref=card_ref, item=card_ref[0], state=after, introduced=introduced
        )
        self.reviews += 1
        self.theme_reviews += theme


def _simulate_learner(schedule: Schedule, scenario: Scenario, index: int) -> LearnerResult:
    setup = random.Random(f"{scenario.seed}/{index}/setup")
    recall_rng = random.Random(f"{scenario.seed}/{index}/recall")
    ability = math.exp(setup.uniform(math.log(0.4), math.log(1.6)))
    learner = _Learner(ability)
    assigned = ASSIGNED.astimezone(LOCAL_TIME)
    session_at = assigned + timedelta(days=scenario.days)
    start = assigned.replace(hour=0, minute=0)

    for k, skill in itertools.product(range(scenario.old_words), SKILLS):
        stability = math.exp(setup.uniform(math.log(3), math.log(60)))
        last = start - timedelta(days=setup.uniform(0, stability))
        state = CardState(
            State.Review, None, stability, setup.uniform(4, 7),
            due=last + timedelta(days=stability), last_review=last, reps=4,
        )  # fmt: skip
        word = ("old", k)
        learner.cards[word, skill] = SeenCard(
            ref=(word, skill), item=word, state=state, introduced=last
        )

    theme = [("theme", k) for k in range(scenario.theme_words)]
    others = [("other", k) for k in range(scenario.other_new_words)]
    if schedule is Schedule.THEME_FIRST:
        order = theme + others
    else:
        order = others[: scenario.theme_after] + theme + others[scenario.theme_after :]
    deadlines = {item: session_at for item in theme} if schedule is Schedule.DEADLINE else {}
    theme_set = set(theme)
    budget = scenario.minutes_per_day * 60

    for day in range(scenario.days):
        midnight = start + timedelta(days=day)
        at = midnight.replace(hour=18) + timedelta(minutes=setup.uniform(0, 60))
        spent = 0.0
        introduced_today = 0
        while spent < budget:
            new = _new_cards(learner, order)
            session = plan_session(
                seen=list(learner.cards.values()), new=new, now=at,
                new_introduced_today=introduced_today, new_per_day=scenario.new_per_day,
                deadlines=deadlines, day_start=midnight, seconds_today=spent,
                seconds_per_day=budget, pace=scenario.pace,
            )  # fmt: skip
            if not session:
                break
            for card in session:
                is_new = isinstance(card, NewCard)
                cost = (
                    scenario.pace.seconds_per_new if is_new else scenario.pace.seconds_per_review
                )
                if spent + cost > budget:
                    spent = budget
                    break
                learner.answer(card.ref, at, recall_rng, theme=card.item in theme_set)
                introduced_today += is_new
                spent += cost
                at += timedelta(seconds=cost)

    twice = sum(
        1
        for word in theme
        if all(
            (word, skill) in learner.cards and learner.cards[word, skill].state.reps >= 3
            for skill in SKILLS
        )
    )
    old = [("old", k) for k in range(scenario.old_words)]
    return LearnerResult(
        ability=ability,
        recall=statistics.fmean(learner.word_recall(word, session_at) for word in theme),
        reviewed_twice=twice / len(theme),
        old_recall=statistics.fmean(learner.word_recall(word, session_at) for word in old),
        reviews=learner.reviews,
        theme_reviews=learner.theme_reviews,
    )


def _new_cards(learner: _Learner, order: Sequence[Hashable]) -> list[NewCard[Hashable]]:
    """New cards as the practice service lists them: a word's produce card is offered
    once its recognise card has been answered."""
    new: list[NewCard[Hashable]] = []
    for word in order:
        if (word, Skill.RECOGNISE) not in learner.cards:
            new.append(NewCard(ref=(word, Skill.RECOGNISE), item=word, skill=Skill.RECOGNISE))
        elif (word, Skill.PRODUCE) not in learner.cards:
            new.append(NewCard(ref=(word, Skill.PRODUCE), item=word, skill=Skill.PRODUCE))
    return new

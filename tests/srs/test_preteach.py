"""Pre-teaching: a theme's words learned by its training session, older words not starved."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaktaal.srs.preteach import DEFAULT_PACE, Pace, SeenCard, deadline_quota, plan_session
from vaktaal.srs.queue import DueCard, NewCard, build_session
from vaktaal.srs.scheduler import CardState, Skill, State, new_card, retrievability

# Monday evening; the Thursday-morning training is about the sanitary room.
NOW = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
MIDNIGHT = datetime(2026, 3, 2, tzinfo=UTC)
THURSDAY = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
NEXT_WEEK = datetime(2026, 3, 9, 8, 30, tzinfo=UTC)
R, P = Skill.RECOGNISE, Skill.PRODUCE


def new(word: str, skill: Skill = R) -> NewCard[str]:
    return NewCard(ref=f"{word}/{skill}", item=word, skill=skill)


def reviewed(
    word: str,
    *,
    stability: float,
    last: datetime,
    due: datetime,
    reps: int = 4,
    skill: Skill = R,
) -> SeenCard[str]:
    """A card in review, last answered at `last`."""
    state = CardState(
        State.Review, None, stability, 5.0, due=due, last_review=last, reps=reps
    )  # fmt: skip
    return SeenCard(ref=f"{word}/{skill}", item=word, state=state, introduced=last)


def due_review(word: str, *, hours_ago: float) -> SeenCard[str]:
    return reviewed(
        word,
        stability=5.0,
        last=NOW - timedelta(days=5, hours=hours_ago),
        due=NOW - timedelta(hours=hours_ago),
    )


def refs(session: list[SeenCard[str] | NewCard[str]]) -> list[str]:
    return [card.ref for card in session]


def plan(**options: object) -> list[SeenCard[str] | NewCard[str]]:
    arguments: dict[str, object] = {
        "seen": [],
        "new": [],
        "now": NOW,
        "new_introduced_today": 0,
        "day_start": MIDNIGHT,
    }
    arguments.update(options)
    return plan_session(**arguments)  # type: ignore[arg-type]


SANITAIR = [f"sanitair-{i}" for i in range(30)]
BASIS = [f"basis-{i}" for i in range(20)]


def test_without_deadlines_it_is_build_session() -> None:
    seen = [due_review("emmer", hours_ago=2), due_review("mop", hours_ago=30)]
    later = reviewed("doek", stability=9, last=NOW, due=NOW + timedelta(days=9))
    cards = [new("spons"), new("bezem"), new("bezem", P)]
    expected = build_session(
        due=[DueCard(ref=c.ref, due=c.state.due) for c in [*seen, later]],
        new=cards,
        now=NOW,
        new_introduced_today=3,
    )
    for deadlines in (None, {}, {"spons": NOW}, {"spons": NOW - timedelta(days=1)}):
        session = plan(seen=[*seen, later], new=cards, new_introduced_today=3, deadlines=deadlines)
        assert refs(session) == [card.ref for card in expected]


def test_deadline_words_first_earliest_deadline_first() -> None:
    cards = [new("emmer"), new("wc-borstel"), new("mop"), new("urinoir"), new("doek")]
    session = plan(
        new=cards, deadlines={"urinoir": NEXT_WEEK, "wc-borstel": THURSDAY, "mop": NEXT_WEEK}
    )
    assert refs(session) == [
        "wc-borstel/recognise",
        "mop/recognise",
        "urinoir/recognise",
        "emmer/recognise",
        "doek/recognise",
    ]


def test_the_quota_spreads_a_deadline_over_the_days_left() -> None:
    # 30 words, introduced by two days before the deadline: five days including today.
    assert deadline_quota(
        remaining_at_day_start=30, introduced_today=0, deadline=NEXT_WEEK, day_start=MIDNIGHT
    ) == 6  # fmt: skip
    assert deadline_quota(
        remaining_at_day_start=30, introduced_today=4, deadline=NEXT_WEEK, day_start=MIDNIGHT
    ) == 2  # fmt: skip
    assert deadline_quota(
        remaining_at_day_start=30, introduced_today=9, deadline=NEXT_WEEK, day_start=MIDNIGHT
    ) == 0  # fmt: skip
    # Past the introduce-by moment: everything left is for today.
    late = THURSDAY - timedelta(hours=20)
    assert deadline_quota(
        remaining_at_day_start=7, introduced_today=0, deadline=THURSDAY, day_start=late
    ) == 7  # fmt: skip


def test_the_quota_may_exceed_the_daily_limit_but_not_dump_everything() -> None:
    cards = [new(word) for word in SANITAIR]
    deadlines = dict.fromkeys(SANITAIR, NEXT_WEEK)
    session = plan(new=cards, deadlines=deadlines, new_per_day=3, size=40)
    assert refs(session) == [f"sanitair-{i}/recognise" for i in range(6)]
    # Words started earlier today count towards today's quota.
    started = [
        SeenCard(ref=f"{w}/recognise", item=w, state=new_card(now=NOW), introduced=NOW)
        for w in SANITAIR[:4]
    ]
    session = plan(
        seen=started, new=cards[4:], deadlines=deadlines, new_per_day=3, new_introduced_today=4
    )
    new_refs = [card.ref for card in session if isinstance(card, NewCard)]
    assert new_refs == ["sanitair-4/recognise", "sanitair-5/recognise"]


def test_a_deadline_that_is_close_is_capped_per_day() -> None:
    cards = [new(word) for word in SANITAIR]
    session = plan(
        new=cards, deadlines=dict.fromkeys(SANITAIR, THURSDAY - timedelta(days=1)), size=40
    )
    assert len(session) == DEFAULT_PACE.new_cap


def test_within_the_daily_limit_deadline_words_still_come_first() -> None:
    cards = [new(word) for word in BASIS[:5]] + [new(word) for word in SANITAIR[:5]]
    session = plan(new=cards, deadlines=dict.fromkeys(SANITAIR, NEXT_WEEK), new_per_day=8)
    assert refs(session) == [f"sanitair-{i}/recognise" for i in range(5)] + [
        f"basis-{i}/recognise" for i in range(3)
    ]


def test_produce_cards_of_started_deadline_words_come_on_top_of_the_quota() -> None:
    yesterday = NOW - timedelta(days=1)
    started = [
        reviewed(w, stability=2.3, last=yesterday, due=NOW + timedelta(days=1), reps=2)
        for w in SANITAIR[:6]
    ]
    cards = [new(w, P) for w in SANITAIR[:6]] + [new(w) for w in SANITAIR[6:]]
    session = plan(
        seen=started,
        new=cards,
        deadlines=dict.fromkeys(SANITAIR, NEXT_WEEK),
        new_per_day=4,
        size=20,
    )
    # Today: 24 words over 5 days (5 a day) plus the 6 produce cards.
    assert len(session) == 11
    assert {card.ref for card in session[:6]} == {f"sanitair-{i}/produce" for i in range(6)}


def test_older_reviews_keep_a_quarter_of_every_session() -> None:
    older = [due_review(f"oud-{i}", hours_ago=100 + i) for i in range(20)]
    theme = [due_review(f"sanitair-{i}", hours_ago=i) for i in range(20)]
    session = plan(
        seen=older + theme,
        new=[new(w) for w in SANITAIR[20:]],
        deadlines=dict.fromkeys(SANITAIR, THURSDAY),
    )
    assert len(session) == 12
    older_refs = [ref for ref in refs(session) if ref.startswith("oud")]
    # The most overdue older words, not starved by the theme.
    assert older_refs == [f"oud-{i}/recognise" for i in range(19, 16, -1)]
    # Without deadline work left, older reviews fill the session.
    alone = plan(seen=older, deadlines=dict.fromkeys(SANITAIR, THURSDAY))
    assert len(alone) == 12


def test_refresh_before_the_deadline_weakest_first() -> None:
    three_days_ago = NOW - timedelta(days=3)
    # FSRS would bring these back after Thursday: too late to be fresh at 08:30.
    weak = reviewed(
        "wc-borstel", stability=3, last=three_days_ago, due=THURSDAY + timedelta(days=1)
    )
    weaker = reviewed(
        "urinoir", stability=2, last=three_days_ago, due=THURSDAY + timedelta(hours=3)
    )
    strong = reviewed("mop", stability=40, last=three_days_ago, due=NOW + timedelta(days=37))
    recall = {c.ref: retrievability(c.state, now=THURSDAY) for c in (weak, weaker, strong)}
    assert (
        recall["urinoir/recognise"]
        < recall["wc-borstel/recognise"]
        < 0.9
        < recall["mop/recognise"]
    )
    deadlines = dict.fromkeys(["wc-borstel", "urinoir", "mop"], THURSDAY)
    wednesday = THURSDAY - timedelta(hours=14)
    session = plan(seen=[weak, weaker, strong], deadlines=deadlines, now=wednesday)
    assert refs(session) == ["urinoir/recognise", "wc-borstel/recognise"]
    # Not yet on Monday: the deadline is further away than the refresh window.
    assert plan(seen=[weak, weaker, strong], deadlines=deadlines) == []


def test_refresh_words_answered_too_few_times_but_not_right_after_an_answer() -> None:
    wednesday = THURSDAY - timedelta(hours=14)
    once = reviewed("urinoir", stability=30, last=wednesday - timedelta(days=1),
                    due=wednesday + timedelta(days=30), reps=2)  # fmt: skip
    just_now = reviewed("mop", stability=1, last=wednesday - timedelta(minutes=20),
                        due=wednesday + timedelta(days=1), reps=1)  # fmt: skip
    deadlines = {"urinoir": THURSDAY, "mop": THURSDAY}
    session = plan(seen=[once, just_now], deadlines=deadlines, now=wednesday)
    assert refs(session) == ["urinoir/recognise"]


def test_no_new_words_once_the_days_time_is_spent_reviews_still_come() -> None:
    cards = [new(word) for word in SANITAIR]
    deadlines = dict.fromkeys(SANITAIR, NEXT_WEEK)
    review = due_review("emmer", hours_ago=3)
    spent = plan(
        seen=[review], new=cards, deadlines=deadlines, seconds_today=595, seconds_per_day=600
    )
    assert refs(spent) == ["emmer/recognise"]
    # 100 seconds left: a review (8 s) and four new cards (20 s each).
    some = plan(
        seen=[review], new=cards, deadlines=deadlines, seconds_today=500, seconds_per_day=600
    )
    assert refs(some) == ["emmer/recognise"] + [f"sanitair-{i}/recognise" for i in range(4)]


def test_naive_and_negative_values_are_refused() -> None:
    naive = datetime(2026, 3, 5, 8, 30)
    with pytest.raises(ValueError, match="naive"):
        plan(deadlines={"mop": naive})
    with pytest.raises(ValueError, match="naive"):
        plan(deadlines={"mop": THURSDAY}, day_start=datetime(2026, 3, 2))
    with pytest.raises(ValueError, match="naive"):
        SeenCard(ref="mop", item="mop", state=new_card(now=NOW), introduced=naive)
    with pytest.raises(ValueError, match="negative"):
        plan(deadlines={"mop": THURSDAY}, seconds_today=-1)
    with pytest.raises(ValueError, match="negative"):
        plan(deadlines={"mop": THURSDAY}, new_introduced_today=-1)
    with pytest.raises(ValueError):
        Pace(review_share=1.5)


PROPERTIES = settings(max_examples=75, deadline=None, database=None)


@st.composite
def learners(draw: st.DrawFn) -> dict[str, object]:
    """A learner's cards: older words and deadline words, seen or new, due or not."""
    seen: list[SeenCard[str]] = []
    for i in range(draw(st.integers(0, 25))):
        word = f"{draw(st.sampled_from(['oud', 'sanitair']))}-{i}"
        hours = draw(st.integers(-200, 200))
        seen.append(
            reviewed(
                word,
                stability=draw(st.floats(0.5, 60)),
                last=NOW - timedelta(days=3),
                due=NOW - timedelta(hours=hours),
                reps=draw(st.integers(1, 8)),
            )
        )
    new_words = [f"nieuw-{i}" for i in range(draw(st.integers(0, 15)))]
    new_words += [f"sanitair-new-{i}" for i in range(draw(st.integers(0, 30)))]
    deadline = NOW + timedelta(hours=draw(st.integers(1, 24 * 10)))
    return {
        "seen": seen,
        "new": [new(word) for word in new_words],
        "deadlines": {c.item: deadline for c in seen if str(c.item).startswith("sanitair")}
        | {w: deadline for w in new_words if w.startswith("sanitair")},
        "new_introduced_today": draw(st.integers(0, 25)),
        "new_per_day": draw(st.integers(0, 12)),
        "size": draw(st.integers(0, 15)),
        "seconds_today": draw(st.floats(0, 900)),
        "seconds_per_day": draw(st.one_of(st.none(), st.floats(0, 900))),
    }


@PROPERTIES
@given(learners())
def test_any_session_respects_its_limits(options: dict[str, object]) -> None:
    session = plan(**options)
    size, per_day = options["size"], options["new_per_day"]
    assert isinstance(size, int) and isinstance(per_day, int)
    assert len(session) <= size
    assert len({card.ref for card in session}) == len(session)
    fresh = [card for card in session if isinstance(card, NewCard)]
    introduced = options["new_introduced_today"]
    assert isinstance(introduced, int)
    assert len(fresh) <= max(0, max(per_day, DEFAULT_PACE.new_cap) - introduced)
    # New words of other themes only within the normal daily limit.
    others = [card for card in fresh if not card.item.startswith("sanitair")]
    assert len(others) <= max(0, per_day - introduced)
    # Older words that are due keep their share of the session.
    seen = options["seen"]
    assert isinstance(seen, list)
    older_due = [c for c in seen if c.item.startswith("oud") and c.state.due <= NOW]
    older_in = [c for c in session if isinstance(c, SeenCard) and c.item.startswith("oud")]
    assert len(older_in) >= min(len(older_due), math.ceil(size * DEFAULT_PACE.review_share))

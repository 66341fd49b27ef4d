"""Sessions: reviews first, most overdue first, then new words within the daily limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vaktaal.srs.queue import DueCard, NewCard, build_session
from vaktaal.srs.scheduler import Skill

# Tuesday evening on the bus.
NOW = datetime(2025, 3, 11, 19, 30, tzinfo=UTC)
R, P, D = Skill.RECOGNISE, Skill.PRODUCE, Skill.DIALOGUE


def due(ref: str, *, hours_ago: float) -> DueCard[str]:
    return DueCard(ref=ref, due=NOW - timedelta(hours=hours_ago))


def new(word: str, skill: Skill) -> NewCard[str]:
    return NewCard(ref=f"{word}/{skill}", item=word, skill=skill)


def refs(session: list[DueCard[str] | NewCard[str]]) -> list[str]:
    return [card.ref for card in session]


def words(*lemmas: str) -> list[NewCard[str]]:
    """Return new cards as the caller lists them: recognise and produce of each word."""
    return [new(lemma, skill) for lemma in lemmas for skill in (R, P)]


def test_reviews_first_most_overdue_first_then_new() -> None:
    session = build_session(
        due=[due("mop", hours_ago=1), due("emmer", hours_ago=30), due("doek", hours_ago=5)],
        new=[new("spons", R)],
        now=NOW,
        new_introduced_today=0,
    )
    assert refs(session) == ["emmer", "doek", "mop", "spons/recognise"]
    assert isinstance(session[0], DueCard)
    assert isinstance(session[-1], NewCard)


def test_cards_due_later_wait() -> None:
    later = DueCard(ref="bezem", due=NOW + timedelta(minutes=10))
    now_exactly = DueCard(ref="dweilen", due=NOW)
    session = build_session(due=[later, now_exactly], new=[], now=NOW, new_introduced_today=0)
    assert refs(session) == ["dweilen"]


def test_never_more_than_the_session_size() -> None:
    many = [due(f"woord-{i}", hours_ago=i) for i in range(20)]
    session = build_session(due=many, new=words("spons"), now=NOW, new_introduced_today=0)
    assert len(session) == 12
    assert refs(session)[0] == "woord-19"
    assert all(isinstance(card, DueCard) for card in session)
    assert build_session(due=many, new=[], now=NOW, new_introduced_today=0, size=0) == []


def test_new_cards_within_what_is_left_of_the_daily_limit() -> None:
    lemmas = ["emmer", "mop", "doek", "spons", "bezem", "dweilen", "vegen", "vies"]
    recognise = [new(lemma, R) for lemma in lemmas]
    session = build_session(due=[], new=recognise, now=NOW, new_introduced_today=7)
    assert refs(session) == ["emmer/recognise", "mop/recognise", "doek/recognise"]
    done = build_session(due=[], new=recognise, now=NOW, new_introduced_today=12)
    assert done == []


def test_new_cards_keep_the_callers_order() -> None:
    # Assigned themes first, then the sector's themes: the caller sorted them.
    cards = [new("handschoen", R), new("desinfecteren", R), new("emmer", R)]
    session = build_session(due=[], new=cards, now=NOW, new_introduced_today=0)
    assert refs(session) == ["handschoen/recognise", "desinfecteren/recognise", "emmer/recognise"]


def test_produce_waits_for_a_later_session_when_other_words_can_fill_it() -> None:
    session = build_session(
        due=[], new=words("emmer", "mop", "doek"), now=NOW, new_introduced_today=0, new_per_day=3
    )
    assert refs(session) == ["emmer/recognise", "mop/recognise", "doek/recognise"]


def test_produce_comes_after_recognise_and_not_right_after_it() -> None:
    session = build_session(due=[], new=words("emmer", "mop"), now=NOW, new_introduced_today=0)
    order = refs(session)
    assert order[:2] == ["emmer/recognise", "mop/recognise"]
    assert set(order[2:]) == {"emmer/produce", "mop/produce"}
    for word in ("emmer", "mop"):
        r, p = order.index(f"{word}/recognise"), order.index(f"{word}/produce")
        assert p > r + 1


def test_one_word_left_swaps_places_to_keep_its_skills_apart() -> None:
    session = build_session(
        due=[],
        new=[new("emmer", R), new("mop", R), new("mop", P)],
        now=NOW,
        new_introduced_today=0,
    )
    assert refs(session) == ["mop/recognise", "emmer/recognise", "mop/produce"]


def test_back_to_back_only_when_nothing_else_can_come_between() -> None:
    session = build_session(due=[], new=words("emmer"), now=NOW, new_introduced_today=0)
    assert refs(session) == ["emmer/recognise", "emmer/produce"]


def test_produce_never_without_its_recognise_card() -> None:
    # The daily limit leaves room for one card: recognise, not produce.
    session = build_session(
        due=[], new=[new("emmer", P), new("emmer", R)], now=NOW, new_introduced_today=9
    )
    assert refs(session) == ["emmer/recognise"]


def test_produce_of_a_word_recognised_before_is_an_ordinary_new_card() -> None:
    # "emmer" was recognised yesterday: its produce card is first in line today.
    session = build_session(
        due=[], new=[new("emmer", P), new("mop", R)], now=NOW, new_introduced_today=0
    )
    assert refs(session) == ["emmer/produce", "mop/recognise"]


def test_dialogue_lines_are_new_cards_like_any_other() -> None:
    cards = [new("regel-1", D), new("emmer", R), new("regel-2", D)]
    session = build_session(due=[], new=cards, now=NOW, new_introduced_today=0)
    assert refs(session) == ["regel-1/dialogue", "emmer/recognise", "regel-2/dialogue"]


def test_refs_can_be_anything_the_caller_uses() -> None:
    card_ids = build_session(
        due=[DueCard(ref=41, due=NOW)],
        new=[NewCard(ref=42, item=7, skill=R)],
        now=NOW,
        new_introduced_today=0,
    )
    assert [card.ref for card in card_ids] == [41, 42]


def test_naive_and_negative_values_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        build_session(due=[], new=[], now=datetime(2025, 3, 11, 19, 30), new_introduced_today=0)
    with pytest.raises(ValueError, match="naive"):
        DueCard(ref="emmer", due=datetime(2025, 3, 11, 19, 30))
    with pytest.raises(ValueError, match="negative"):
        build_session(due=[], new=[], now=NOW, new_introduced_today=-1)

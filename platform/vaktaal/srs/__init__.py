"""Pure spaced-repetition core: FSRS cards, grading, typed answers, exercises, sessions.

Nothing here imports Flask, SQLAlchemy or another area; every function takes plain
values (`now`, a `random.Random`) and returns new ones.
"""

from vaktaal.srs.answers import TypedCheck, check_typed
from vaktaal.srs.exercises import (
    Exercise,
    ExerciseKind,
    Level,
    LineItem,
    TermItem,
    build_dialogue_exercise,
    build_term_exercise,
    choose_dialogue_exercise,
    choose_term_exercise,
    dialogue_kinds_for,
    kinds_for,
)
from vaktaal.srs.grading import rating_for
from vaktaal.srs.preteach import Pace, SeenCard, deadline_quota, plan_session
from vaktaal.srs.queue import DueCard, NewCard, build_session
from vaktaal.srs.scheduler import (
    LEARNED_STABILITY_DAYS,
    CardState,
    Rating,
    Skill,
    State,
    is_due,
    is_learned,
    is_new,
    new_card,
    retrievability,
    review,
)

__all__ = [
    "LEARNED_STABILITY_DAYS",
    "CardState",
    "DueCard",
    "Exercise",
    "ExerciseKind",
    "Level",
    "LineItem",
    "NewCard",
    "Pace",
    "Rating",
    "SeenCard",
    "Skill",
    "State",
    "TermItem",
    "TypedCheck",
    "build_dialogue_exercise",
    "build_session",
    "build_term_exercise",
    "check_typed",
    "choose_dialogue_exercise",
    "choose_term_exercise",
    "deadline_quota",
    "dialogue_kinds_for",
    "is_due",
    "is_learned",
    "is_new",
    "kinds_for",
    "new_card",
    "plan_session",
    "rating_for",
    "retrievability",
    "review",
]

"""Properties that hold for any pool of words and any dialogue (hypothesis)."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaktaal.srs.answers import check_typed, normalise
from vaktaal.srs.exercises import (
    LEVEL_KINDS,
    SKILL_KINDS,
    TYPED_KINDS,
    Exercise,
    ExerciseKind,
    Level,
    LineItem,
    TermItem,
    build_dialogue_exercise,
    build_term_exercise,
    dialogue_kinds_for,
    kinds_for,
)
from vaktaal.srs.scheduler import Skill

K = ExerciseKind
# Few examples, no example database in the working tree: the suite stays fast and clean.
PROPERTIES = settings(max_examples=75, deadline=None, database=None)

# A small vocabulary, so pools often hold the same word, picture or form twice.
LEMMAS = [
    "emmer",
    "Emmer",
    "mop",
    "doek",
    "spons",
    "dweilen",
    "vegen",
    "vies",
    "even wachten",
    "handschoen",
    "toilet",
    "wastafel",
    "kraan",
    "desinfecteren",
]
PICTURES = [
    None,
    "/pictures/emmer.svg",
    "/pictures/mop.svg",
    "/pictures/doek.svg",
    "/pictures/spons.svg",
    "/pictures/kraan.svg",
]
WORD_CLASSES = ["noun", "noun", "verb", "adjective", "phrase", "other"]
LINE_TEXTS = [
    "Goedemorgen.",
    "Ja.",
    "Pak de mop en de emmer.",
    "Met koud water?",
    "Nee, met lauw water.",
    "Trek je handschoenen aan.",
    "Ja.",
    "Dank je.",
]


@st.composite
def words(draw: st.DrawFn, term_id: int) -> TermItem:
    lemma = draw(st.sampled_from(LEMMAS))
    plural = draw(st.sampled_from([None, f"{lemma}s", f"{lemma}en"]))
    form = draw(st.sampled_from([lemma, plural or lemma, lemma.upper()]))
    example = draw(
        st.sampled_from(["", f"Pak de {form} even.", f"{form} is klaar.", "Goed gedaan!"])
    )
    return TermItem(
        id=term_id,
        key=f"woord-{term_id}",
        lemma=lemma,
        word_class=draw(st.sampled_from(WORD_CLASSES)),
        article=draw(st.sampled_from([None, "de", "het"])),
        plural=plural,
        example=example,
        picture=draw(st.sampled_from(PICTURES)),
        theme_id=draw(st.integers(1, 3)),
        audio=draw(st.sampled_from([None, f"/audio/{term_id}.mp3"])),
        example_audio=None,
    )


@st.composite
def pools(draw: st.DrawFn) -> list[TermItem]:
    size = draw(st.integers(1, 14))
    return [draw(words(term_id)) for term_id in range(1, size + 1)]


@st.composite
def dialogues(draw: st.DrawFn) -> list[LineItem]:
    texts = draw(st.lists(st.sampled_from(LINE_TEXTS), min_size=1, max_size=8))
    positions = draw(st.permutations(range(len(texts))))
    return [
        LineItem(
            id=100 + i,
            dialogue_id=1,
            position=positions[i],
            speaker="ab"[positions[i] % 2],
            speaker_name=["Sara", "Adam"][positions[i] % 2],
            text=text,
            audio=draw(st.sampled_from([None, f"/audio/line-{i}.mp3"])),
        )
        for i, text in enumerate(texts)
    ]


def assert_sound_choice(exercise: Exercise, pool: list[TermItem], options: int) -> None:
    by_id = {t.id: t for t in pool}
    ids = [o["id"] for o in exercise.options]
    assert exercise.answer in ids
    assert 2 <= len(ids) <= options
    assert len(set(ids)) == len(ids)
    lemmas = [normalise(by_id[i].lemma) for i in ids]
    assert len(set(lemmas)) == len(lemmas)
    texts = [normalise(o["text"]) for o in exercise.options if o["text"]]
    assert len(set(texts)) == len(texts)
    pictures = [by_id[i].picture for i in ids if by_id[i].picture]
    assert len(set(pictures)) == len(pictures)
    if exercise.kind in (K.LISTEN_PICK_PICTURE, K.WORD_PICK_PICTURE):
        assert all(o["picture"] for o in exercise.options)
    if exercise.kind is K.PICTURE_PICK_WORD:
        assert len({o["audio"] is None for o in exercise.options}) == 1


@PROPERTIES
@given(pool=pools(), data=st.data(), seed=st.integers(0, 2**32 - 1), options=st.integers(2, 6))
def test_every_kind_offered_can_be_built_and_is_sound(
    pool: list[TermItem], data: st.DataObject, seed: int, options: int
) -> None:
    word = data.draw(st.sampled_from(pool))
    rng = random.Random(seed)
    for skill in (Skill.RECOGNISE, Skill.PRODUCE):
        offered = kinds_for(word, skill=skill, level=Level.B1, pool=pool)
        for level in Level:
            at_level = kinds_for(word, skill=skill, level=level, pool=pool)
            assert at_level == [k for k in offered if k in LEVEL_KINDS[level]]
        for kind in SKILL_KINDS[skill]:
            if kind not in offered:
                with pytest.raises(ValueError):
                    build_term_exercise(word, kind=kind, pool=pool, rng=rng, options=options)
                continue
            exercise = build_term_exercise(word, kind=kind, pool=pool, rng=rng, options=options)
            json.dumps(exercise.to_dict())
            assert exercise.item_id == word.id
            if kind is K.ARTICLE:
                assert exercise.answer == word.article
            elif kind in TYPED_KINDS:
                assert isinstance(exercise.answer, str) and exercise.answer
                assert check_typed(exercise.answer, exercise.answer).correct
            else:
                assert_sound_choice(exercise, pool, options)
            if kind in (K.GAP_CHOICE, K.GAP_TYPE):
                prompt = exercise.prompt
                assert normalise(prompt["before"] + "x" + prompt["after"]) != normalise(
                    word.example
                )
                assert len(prompt["before"]) + len(prompt["after"]) < len(word.example)


@PROPERTIES
@given(lines=dialogues(), data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_every_dialogue_kind_offered_can_be_built_and_is_sound(
    lines: list[LineItem], data: st.DataObject, seed: int
) -> None:
    target = data.draw(st.sampled_from(lines))
    rng = random.Random(seed)
    offered = dialogue_kinds_for(lines, target, level=Level.B1)
    in_order = sorted(lines, key=lambda line: line.position)
    for kind in SKILL_KINDS[Skill.DIALOGUE]:
        if kind not in offered:
            with pytest.raises(ValueError):
                build_dialogue_exercise(lines, target, kind=kind, rng=rng)
            continue
        exercise = build_dialogue_exercise(lines, target, kind=kind, rng=rng, listen_only=True)
        json.dumps(exercise.to_dict())
        ids = [o["id"] for o in exercise.options]
        texts = [normalise(line.text) for line in lines if line.id in ids]
        match kind:
            case K.DIALOGUE_ORDER:
                assert isinstance(exercise.answer, list)
                assert target.id in exercise.answer
                start = [line.id for line in in_order].index(exercise.answer[0])
                window = in_order[start : start + len(exercise.answer)]
                assert exercise.answer == [line.id for line in window]
                assert sorted(ids) == sorted(exercise.answer) and ids != exercise.answer
                assert len(set(texts)) == len(texts) >= 2
            case K.DIALOGUE_REPLY:
                assert exercise.answer == target.id and target.id in ids
                assert 2 <= len(ids) <= 3
                assert len(set(texts)) == len(texts)
            case K.DIALOGUE_GAP:
                assert isinstance(exercise.answer, str)
                assert exercise.answer in target.text

"""Exercises for words and dialogue lines, from the kinds a level gets to the JSON sent."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from tests.srs.factories import (
    BASIS,
    SANITAIR,
    by_lemma,
    dialogue,
    schoonmaak_words,
    term,
)
from vaktaal.srs.answers import normalise
from vaktaal.srs.exercises import (
    GAP,
    LEVEL_KINDS,
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
from vaktaal.srs.scheduler import Skill

K = ExerciseKind
POOL = schoonmaak_words()
EMMER = by_lemma(POOL, "emmer")


def build(
    word: TermItem, kind: ExerciseKind, *, seed: int = 1, pool: list[TermItem] = POOL
) -> Exercise:
    return build_term_exercise(word, kind=kind, pool=pool, rng=random.Random(seed))


def option_ids(exercise: Exercise) -> list[int | str]:
    return [option["id"] for option in exercise.options]


def words_of(exercise: Exercise) -> list[str]:
    ids = {t.id: t for t in POOL}
    return [ids[int(option["id"])].lemma for option in exercise.options]


# --- which kinds -------------------------------------------------------------------------


def test_levels_add_reading_then_typing() -> None:
    assert LEVEL_KINDS[Level.A0] == {
        K.LISTEN_PICK_PICTURE,
        K.PICTURE_PICK_WORD,
        K.WORD_PICK_PICTURE,
        K.DIALOGUE_ORDER,
    }
    assert LEVEL_KINDS[Level.A1] == LEVEL_KINDS[Level.A0] | {
        K.ARTICLE,
        K.GAP_CHOICE,
        K.DIALOGUE_REPLY,
    }
    assert LEVEL_KINDS[Level.A2] == LEVEL_KINDS[Level.A1] | {
        K.TYPE_WORD,
        K.GAP_TYPE,
        K.DIALOGUE_GAP,
    }
    assert LEVEL_KINDS[Level.B1] == LEVEL_KINDS[Level.A2]


@pytest.mark.parametrize(
    ("skill", "level", "expected"),
    [
        (Skill.RECOGNISE, Level.A0, [K.LISTEN_PICK_PICTURE, K.WORD_PICK_PICTURE]),
        (Skill.RECOGNISE, Level.A1, [K.LISTEN_PICK_PICTURE, K.WORD_PICK_PICTURE, K.GAP_CHOICE]),
        (Skill.RECOGNISE, Level.B1, [K.LISTEN_PICK_PICTURE, K.WORD_PICK_PICTURE, K.GAP_CHOICE]),
        (Skill.PRODUCE, Level.A0, [K.PICTURE_PICK_WORD]),
        (Skill.PRODUCE, Level.A1, [K.PICTURE_PICK_WORD, K.ARTICLE, K.GAP_CHOICE]),
        (
            Skill.PRODUCE,
            Level.A2,
            [K.PICTURE_PICK_WORD, K.ARTICLE, K.GAP_CHOICE, K.TYPE_WORD, K.GAP_TYPE],
        ),
    ],
)
def test_kinds_for_emmer_easiest_first(
    skill: Skill, level: Level, expected: list[ExerciseKind]
) -> None:
    assert kinds_for(EMMER, skill=skill, level=level, pool=POOL) == expected


def test_no_picture_no_picture_exercise() -> None:
    vies = by_lemma(POOL, "vies")  # an adjective without a picture
    assert kinds_for(vies, skill=Skill.RECOGNISE, level=Level.A0, pool=POOL) == []
    assert kinds_for(vies, skill=Skill.PRODUCE, level=Level.A0, pool=POOL) == []
    assert kinds_for(vies, skill=Skill.PRODUCE, level=Level.A2, pool=POOL) == [
        K.GAP_CHOICE,
        K.TYPE_WORD,
        K.GAP_TYPE,
    ]


def test_listening_without_an_audio_file_uses_the_phones_voice() -> None:
    silent = replace(EMMER, audio=None)
    assert kinds_for(silent, skill=Skill.RECOGNISE, level=Level.A0, pool=POOL) == [
        K.LISTEN_PICK_PICTURE,
        K.WORD_PICK_PICTURE,
    ]
    exercise = build(silent, K.LISTEN_PICK_PICTURE)
    # Nothing to read: the page speaks the feedback text with the phone's Dutch voice.
    assert exercise.prompt == {"text": None, "picture": None, "audio": None}
    assert exercise.feedback["text"] == "de emmer"


def test_picture_exercises_need_a_distractor_with_another_picture() -> None:
    bucket = "/pictures/openmoji/1FAA3.svg"
    emmer = replace(EMMER, picture=bucket)
    mopemmer = term(60, "mopemmer", plural="mopemmers")
    same_picture = replace(mopemmer, picture=bucket)
    no_picture = replace(mopemmer, picture=None)
    for pool in ([emmer], [emmer, same_picture], [emmer, no_picture]):
        assert kinds_for(emmer, skill=Skill.RECOGNISE, level=Level.A0, pool=pool) == []
    assert kinds_for(emmer, skill=Skill.RECOGNISE, level=Level.A0, pool=[emmer, mopemmer]) == [
        K.LISTEN_PICK_PICTURE,
        K.WORD_PICK_PICTURE,
    ]


def test_de_het_only_for_nouns_with_their_article() -> None:
    dweilen = by_lemma(POOL, "dweilen")
    assert K.ARTICLE not in kinds_for(dweilen, skill=Skill.PRODUCE, level=Level.A1, pool=POOL)
    no_article = replace(EMMER, article=None)
    assert K.ARTICLE not in kinds_for(no_article, skill=Skill.PRODUCE, level=Level.A1, pool=POOL)
    toilet = by_lemma(POOL, "toilet")
    assert K.ARTICLE in kinds_for(toilet, skill=Skill.PRODUCE, level=Level.A1, pool=POOL)


@pytest.mark.parametrize(
    ("word", "gap"),
    [
        (EMMER, "emmer"),
        (by_lemma(POOL, "handschoen"), "handschoenen"),  # the plural is in the sentence
        (by_lemma(POOL, "even wachten"), "Even wachten"),  # a phrase, at the start
        (
            term(61, "afnemen", word_class="verb", example="Neem de spiegel af zonder strepen."),
            None,
        ),
        (term(62, "mop", plural="moppen", example="Vul de mopemmer halfvol met water."), None),
        (
            term(63, "wc", plural="wc's", example="De wc’s op de tweede verdieping zijn vies."),
            "wc’s",
        ),
    ],
    ids=["emmer", "plural", "phrase", "split-verb", "inside-another-word", "curly-apostrophe"],
)
def test_gap_only_where_the_sentence_has_the_word(word: TermItem, gap: str | None) -> None:
    kinds = kinds_for(word, skill=Skill.PRODUCE, level=Level.B1, pool=POOL)
    assert (K.GAP_TYPE in kinds) == (gap is not None)
    if gap is not None:
        exercise = build(word, K.GAP_TYPE)
        before, after = exercise.prompt["before"], exercise.prompt["after"]
        assert before + gap + after == word.example
        assert exercise.prompt["text"] == f"{before}{GAP}{after}"
        assert normalise(str(exercise.answer)) == normalise(gap)


def test_a_word_has_no_dialogue_exercises() -> None:
    with pytest.raises(ValueError, match="recognise or produce"):
        kinds_for(EMMER, skill=Skill.DIALOGUE, level=Level.B1, pool=POOL)


# --- building word exercises --------------------------------------------------------------


def test_listen_pick_picture_needs_no_reading() -> None:
    exercise = build(EMMER, K.LISTEN_PICK_PICTURE)
    assert exercise.prompt == {"text": None, "picture": None, "audio": "/audio/emmer.mp3"}
    assert len(exercise.options) == 4
    assert all(o["text"] is None and o["picture"] for o in exercise.options)
    assert exercise.answer == EMMER.id
    assert exercise.answer_type == "choice"
    assert exercise.skill is Skill.RECOGNISE


def test_picture_pick_word_options_speak() -> None:
    exercise = build(EMMER, K.PICTURE_PICK_WORD)
    assert exercise.prompt == {"text": None, "picture": EMMER.picture, "audio": None}
    assert all(o["text"] and o["audio"] and o["picture"] is None for o in exercise.options)
    right = next(o for o in exercise.options if o["id"] == EMMER.id)
    assert right == {"id": 1, "text": "de emmer", "picture": None, "audio": "/audio/emmer.mp3"}
    assert exercise.skill is Skill.PRODUCE


def test_no_option_speaks_when_the_word_has_no_audio() -> None:
    # Otherwise the one silent option would give the answer away.
    silent = replace(EMMER, audio=None)
    exercise = build(silent, K.PICTURE_PICK_WORD)
    assert all(o["audio"] is None for o in exercise.options)


def test_distractors_of_a_word_with_audio_have_audio() -> None:
    pool = [*POOL, term(70, "schaar", audio=False), term(71, "fles", audio=False)]
    for seed in range(20):
        assert all(
            o["audio"] for o in build(EMMER, K.PICTURE_PICK_WORD, seed=seed, pool=pool).options
        )


def test_word_pick_picture_shows_the_word_with_its_article() -> None:
    exercise = build(EMMER, K.WORD_PICK_PICTURE)
    assert exercise.prompt["text"] == "de emmer"
    assert exercise.prompt["audio"] == "/audio/emmer.mp3"
    assert all(o["picture"] and o["text"] is None for o in exercise.options)


def test_article_always_offers_de_then_het() -> None:
    toilet = by_lemma(POOL, "toilet")
    exercise = build(toilet, K.ARTICLE)
    assert exercise.options == [
        {"id": "de", "text": "de", "picture": None, "audio": None},
        {"id": "het", "text": "het", "picture": None, "audio": None},
    ]
    assert exercise.answer == "het"
    # The word's audio may say "het toilet": it waits for the feedback.
    assert exercise.prompt == {"text": "toilet", "picture": toilet.picture, "audio": None}
    assert exercise.feedback["audio"] == toilet.audio
    assert exercise.feedback["text"] == "het toilet"


def test_type_word_carries_its_check() -> None:
    handschoen = by_lemma(POOL, "handschoen")
    exercise = build(handschoen, K.TYPE_WORD)
    assert exercise.answer == "handschoen"
    assert exercise.answer_type == "text"
    assert exercise.options == []
    assert exercise.prompt == {
        "text": None,
        "picture": handschoen.picture,
        "audio": handschoen.audio,
    }
    assert exercise.check == {
        "expected": "handschoen",
        "article": "de",
        "require_article": False,
        "typo_tolerance": 1,
        "other_words": [],
    }


def test_typing_another_known_word_is_no_near_miss() -> None:
    stofzuiger = term(72, "stofzuiger", plural="stofzuigers")
    stofzuigen = by_lemma(POOL, "stofzuigen")
    exercise = build(stofzuigen, K.TYPE_WORD, pool=[*POOL, stofzuiger])
    assert exercise.check is not None
    assert exercise.check["other_words"] == ["stofzuiger"]
    wastafel = by_lemma(POOL, "wastafel")
    typed = build(wastafel, K.TYPE_WORD)
    assert typed.check is not None
    assert typed.check["other_words"] == ["wastafels"]  # the plural is not the word asked


def test_gap_choice_offers_the_same_form() -> None:
    handschoen = by_lemma(POOL, "handschoen")
    exercise = build(handschoen, K.GAP_CHOICE)
    assert exercise.prompt["text"] == f"Trek eerst je {GAP} aan."
    assert exercise.prompt["picture"] == handschoen.picture
    plurals = {t.plural for t in POOL if t.plural}
    assert all(o["text"] in plurals for o in exercise.options)
    assert {
        "id": handschoen.id,
        "text": "handschoenen",
        "picture": None,
        "audio": None,
    } in exercise.options


def test_gap_choice_is_recognise_or_produce_as_asked() -> None:
    for skill in (Skill.RECOGNISE, Skill.PRODUCE):
        exercise = build_term_exercise(
            EMMER, kind=K.GAP_CHOICE, pool=POOL, rng=random.Random(3), skill=skill
        )
        assert exercise.skill is skill


def test_distractors_come_from_the_same_theme_and_word_class_first() -> None:
    for seed in range(10):
        exercise = build(EMMER, K.PICTURE_PICK_WORD, seed=seed)
        others = [by_lemma(POOL, w) for w in words_of(exercise) if w != "emmer"]
        assert all(t.theme_id == BASIS and t.word_class == "noun" for t in others)


def test_then_the_same_word_class_then_any() -> None:
    desinfecteren = by_lemma(POOL, "desinfecteren")  # the sanitair theme has one other verb
    exercise = build(desinfecteren, K.PICTURE_PICK_WORD)
    others = [by_lemma(POOL, w) for w in words_of(exercise) if w != "desinfecteren"]
    assert "schrobben" in [t.lemma for t in others]
    assert all(t.word_class == "verb" for t in others)
    assert {t.theme_id for t in others} == {SANITAIR, BASIS}
    glad = by_lemma(POOL, "glad")  # the only other adjective has no picture
    words = words_of(build(glad, K.WORD_PICK_PICTURE))
    assert "vies" not in words
    assert len(words) == 4


def test_the_right_answer_lands_anywhere() -> None:
    positions = {
        option_ids(build(EMMER, K.LISTEN_PICK_PICTURE, seed=seed)).index(EMMER.id)
        for seed in range(40)
    }
    assert positions == {0, 1, 2, 3}


def test_the_same_generator_gives_the_same_exercise() -> None:
    assert build(EMMER, K.PICTURE_PICK_WORD, seed=5) == build(EMMER, K.PICTURE_PICK_WORD, seed=5)


def test_a_small_pool_gives_fewer_options() -> None:
    mop = by_lemma(POOL, "mop")
    exercise = build(EMMER, K.WORD_PICK_PICTURE, pool=[EMMER, mop])
    assert sorted(option_ids(exercise)) == [EMMER.id, mop.id]
    with pytest.raises(ValueError, match="cannot have"):
        build(EMMER, K.WORD_PICK_PICTURE, pool=[EMMER])
    with pytest.raises(ValueError, match="at least 2"):
        build_term_exercise(
            EMMER, kind=K.WORD_PICK_PICTURE, pool=POOL, rng=random.Random(), options=1
        )


def test_a_word_twice_in_the_pool_is_never_its_own_distractor() -> None:
    # The same word in two themes, with another id and picture.
    twin = replace(EMMER, id=99, theme_id=SANITAIR, picture="/pictures/emmer-2.svg")
    for seed in range(20):
        assert twin.id not in option_ids(
            build(EMMER, K.WORD_PICK_PICTURE, seed=seed, pool=[*POOL, twin])
        )


def test_to_dict_is_json_with_everything_the_page_needs() -> None:
    exercise = choose_term_exercise(
        EMMER,
        skill=Skill.RECOGNISE,
        level=Level.A0,
        card_is_new=True,
        pool=POOL,
        rng=random.Random(2),
    )
    assert exercise is not None
    data = json.loads(json.dumps(exercise.to_dict()))
    assert data["kind"] == "listen_pick_picture"
    assert data["skill"] == "recognise"
    assert data["item_id"] == EMMER.id
    assert data["answer"] == EMMER.id
    assert data["answer_type"] == "choice"
    assert data["introduce"] is True
    assert data["feedback"] == {
        "text": "de emmer",
        "picture": EMMER.picture,
        "audio": "/audio/emmer.mp3",
        "plural": "emmers",
        "example": "Vul de emmer met lauw water.",
        "example_audio": "/audio/emmer-voorbeeld.mp3",
    }
    assert all(set(o) == {"id", "text", "picture", "audio"} for o in data["options"])


# --- choosing -------------------------------------------------------------------------------


def test_a_new_card_gets_the_easiest_kind() -> None:
    for seed in range(10):
        rng = random.Random(seed)
        recognise = choose_term_exercise(
            EMMER, skill=Skill.RECOGNISE, level=Level.B1, card_is_new=True, pool=POOL, rng=rng
        )
        produce = choose_term_exercise(
            EMMER, skill=Skill.PRODUCE, level=Level.B1, card_is_new=True, pool=POOL, rng=rng
        )
        assert recognise is not None and recognise.kind is K.LISTEN_PICK_PICTURE
        assert produce is not None and produce.kind is K.PICTURE_PICK_WORD
        assert recognise.introduce and produce.introduce


def test_a_card_in_review_gets_harder_kinds_too() -> None:
    kinds = set()
    for seed in range(40):
        exercise = choose_term_exercise(
            EMMER,
            skill=Skill.PRODUCE,
            level=Level.B1,
            card_is_new=False,
            pool=POOL,
            rng=random.Random(seed),
        )
        assert exercise is not None and not exercise.introduce
        kinds.add(exercise.kind)
    assert kinds == {K.PICTURE_PICK_WORD, K.ARTICLE, K.GAP_CHOICE, K.TYPE_WORD, K.GAP_TYPE}


def test_no_exercise_when_the_word_supports_none() -> None:
    vies = by_lemma(POOL, "vies")
    assert (
        choose_term_exercise(
            vies,
            skill=Skill.RECOGNISE,
            level=Level.A0,
            card_is_new=True,
            pool=POOL,
            rng=random.Random(),
        )
        is None
    )


# --- dialogues ------------------------------------------------------------------------------

LINES = dialogue()


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (Level.A0, [K.DIALOGUE_ORDER]),
        (Level.A1, [K.DIALOGUE_ORDER, K.DIALOGUE_REPLY]),
        (Level.A2, [K.DIALOGUE_ORDER, K.DIALOGUE_REPLY, K.DIALOGUE_GAP]),
        (Level.B1, [K.DIALOGUE_ORDER, K.DIALOGUE_REPLY, K.DIALOGUE_GAP]),
    ],
)
def test_dialogue_kinds_per_level(level: Level, expected: list[ExerciseKind]) -> None:
    assert dialogue_kinds_for(LINES, LINES[3], level=level) == expected


def test_the_first_line_replies_to_nothing() -> None:
    assert K.DIALOGUE_REPLY not in dialogue_kinds_for(LINES, LINES[0], level=Level.B1)


def test_put_lines_in_order() -> None:
    target = LINES[3]
    for seed in range(20):
        exercise = build_dialogue_exercise(
            list(reversed(LINES)), target, kind=K.DIALOGUE_ORDER, rng=random.Random(seed)
        )
        answer = exercise.answer
        assert isinstance(answer, list)
        assert len(answer) == 4
        assert target.id in answer
        assert answer == list(range(answer[0], answer[0] + 4))  # consecutive, in order
        assert sorted(option_ids(exercise)) == answer
        assert option_ids(exercise) != answer  # never already in order
        assert all(o["text"] and o["audio"] and o["speaker_name"] for o in exercise.options)
        assert exercise.answer_type == "order"
        assert [line["id"] for line in exercise.feedback["lines"]] == answer


def test_at_a0_the_lines_are_heard_not_read() -> None:
    exercise = choose_dialogue_exercise(
        LINES, LINES[2], level=Level.A0, card_is_new=True, rng=random.Random(1)
    )
    assert exercise is not None
    assert exercise.kind is K.DIALOGUE_ORDER
    assert exercise.introduce
    assert all(o["text"] is None and o["audio"] for o in exercise.options)
    silent = dialogue(audio=False)
    shown = choose_dialogue_exercise(
        silent, silent[2], level=Level.A0, card_is_new=True, rng=random.Random(1)
    )
    assert shown is not None
    assert all(o["text"] for o in shown.options)  # nothing to hear: the text stays


def test_two_equal_lines_are_never_to_be_ordered_together() -> None:
    lines = dialogue(
        [
            ("a", "Sara", "Is de vloer nat?"),
            ("b", "Noor", "Ja."),
            ("a", "Sara", "Zet dan het bord neer."),
            ("b", "Noor", "Ja."),
        ]
    )
    exercise = build_dialogue_exercise(
        lines, lines[2], kind=K.DIALOGUE_ORDER, rng=random.Random(1)
    )
    texts = [o["text"] for o in exercise.options]
    assert len(texts) == 3
    assert len(set(texts)) == 3
    single = dialogue([("a", "Sara", "Goedemorgen.")])
    assert dialogue_kinds_for(single, single[0], level=Level.B1) == [K.DIALOGUE_GAP]


def test_choose_the_right_reply() -> None:
    target = LINES[5]  # Adam: "De mop en de emmer. Met koud water?"
    exercise = build_dialogue_exercise(LINES, target, kind=K.DIALOGUE_REPLY, rng=random.Random(4))
    assert exercise.prompt["text"] == "Ja, goed zo. Pak de mop en de emmer."
    assert exercise.prompt["speaker_name"] == "Sara"
    assert exercise.answer == target.id
    assert len(exercise.options) == 3
    assert target.id in option_ids(exercise)
    assert LINES[4].id not in option_ids(exercise)  # the line replied to is no option
    by_id = {line.id: line for line in LINES}
    assert all(by_id[int(i)].speaker == "b" for i in option_ids(exercise))  # Adam's lines first


def test_type_the_missing_word_of_a_line() -> None:
    target = LINES[1]  # "Goedemorgen. Mijn schoonmaakkar. Dank je."
    exercise = build_dialogue_exercise(LINES, target, kind=K.DIALOGUE_GAP, rng=random.Random(1))
    assert exercise.answer == "schoonmaakkar"
    assert exercise.prompt["text"] == f"Goedemorgen. Mijn {GAP}. Dank je."
    assert exercise.prompt["context"]["text"] == LINES[0].text
    assert exercise.check is not None and exercise.check["typo_tolerance"] == 1
    assert exercise.feedback["text"] == target.text
    assert exercise.skill is Skill.DIALOGUE


def test_a_line_must_belong_to_its_dialogue() -> None:
    stranger = LineItem(
        id=999, dialogue_id=2, position=0, speaker="a", speaker_name="Elias", text="Hoi."
    )
    with pytest.raises(ValueError, match="not among"):
        dialogue_kinds_for(LINES, stranger, level=Level.B1)
    with pytest.raises(ValueError, match="cannot have"):
        build_dialogue_exercise(LINES, LINES[0], kind=K.DIALOGUE_REPLY, rng=random.Random())
    with pytest.raises(ValueError, match="cannot have"):
        build_dialogue_exercise(LINES, LINES[0], kind=K.ARTICLE, rng=random.Random())

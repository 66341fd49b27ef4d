"""The practice API: answers applied exactly once, whatever the network does."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import join
from vaktaal.accounts.models import Learner
from vaktaal.extensions import db
from vaktaal.practice.models import Answer, Card
from vaktaal.practice.service import NEW_PER_DAY

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(loaded: Flask) -> Any:
    """Cards are made at T0; answers come in an hour later (all times are T0 + minutes)."""

    class Clock:
        now = T0

    loaded.config["CLOCK"] = lambda: Clock.now
    return Clock


def later(clock: Any) -> None:
    clock.now = T0 + timedelta(hours=1)


def answer(card_id: int, minutes: int = 0, correct: bool = True, **extra: Any) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "card_id": card_id,
        "answered_at": (T0 + timedelta(minutes=minutes)).isoformat(),
        "kind": "word_pick_picture",
        "correct": correct,
        "response_ms": 2500,
        **extra,
    }


def post(client: FlaskClient, answers: list[dict[str, Any]]) -> Any:
    return client.post("/api/v1/answers", json={"answers": answers})


def cards(client: FlaskClient) -> list[int]:
    response = client.get("/api/v1/next")
    assert response.status_code == 200
    return [item["card_id"] for item in response.json["items"]]


def state(app: Flask, card_id: int) -> tuple[Any, ...]:
    with app.app_context():
        card = db.session.get(Card, card_id)
        assert card is not None
        count = db.session.scalar(
            select(func.count()).select_from(Answer).where(Answer.card_id == card_id)
        )
        return card.memory, card.due, card.reps, count


def test_next_gives_exercises_with_card_ids(learner_client: FlaskClient) -> None:
    items = learner_client.get("/api/v1/next").json["items"]
    assert items
    first = items[0]
    assert {"card_id", "kind", "prompt", "options", "answer", "feedback"} <= set(first)
    assert first["introduce"] is True
    # Asking again gives the same cards again (they are due) plus at most what the daily
    # limit of new cards leaves.
    again = {i["card_id"] for i in learner_client.get("/api/v1/next").json["items"]}
    assert {i["card_id"] for i in items} <= again
    assert len(again) <= NEW_PER_DAY


def test_a_batch_sent_twice_counts_once(loaded: Flask, learner_client: FlaskClient) -> None:
    card = cards(learner_client)[0]
    batch = [answer(card, 0), answer(card, 5)]
    first = post(learner_client, batch)
    assert first.status_code == 200
    assert sorted(first.json["accepted"]) == sorted(a["uuid"] for a in batch)
    before = state(loaded, card)
    second = post(learner_client, batch)
    assert second.json == {"accepted": [], "duplicates": [a["uuid"] for a in batch]}
    assert state(loaded, card) == before
    assert before[2:] == (2, 2)


def test_out_of_order_batches_give_the_same_state(
    loaded: Flask, join_code: str, clock: Any
) -> None:
    early, late = join(loaded, join_code, "Amina"), join(loaded, join_code, "Yonas")
    a, b = cards(early)[0], cards(late)[0]
    later(clock)
    in_order = [answer(a, 0, correct=True), answer(a, 10, correct=False), answer(a, 20)]
    post(early, in_order)
    shuffled = [answer(b, 20), answer(b, 0, correct=True), answer(b, 10, correct=False)]
    post(late, shuffled[:1])
    post(late, shuffled[1:])
    assert state(loaded, a) == state(loaded, b)


def test_two_phones_of_one_learner(loaded: Flask, join_code: str) -> None:
    phone = join(loaded, join_code, "Sara", pin="2468")
    other = loaded.test_client()
    other.post("/login", data={"code": join_code, "name": "Sara", "pin": "2468"})
    card = cards(phone)[0]
    assert post(phone, [answer(card, 0)]).status_code == 200
    assert post(other, [answer(card, 1)]).status_code == 200
    assert state(loaded, card)[2:] == (2, 2)


def test_another_learners_card_is_refused(loaded: Flask, join_code: str) -> None:
    mine = join(loaded, join_code, "Amina")
    theirs = join(loaded, join_code, "Yonas")
    their_card = cards(theirs)[0]
    my_card = cards(mine)[0]
    response = post(mine, [answer(my_card), answer(their_card)])
    assert response.status_code == 422
    assert response.json["message"] == f"unknown card ids: {their_card}"
    assert state(loaded, my_card)[2:] == (0, 0)
    assert post(mine, [answer(999_999)]).status_code == 422


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("not json", 400, "The body is not valid JSON."),
        (
            {"answers": []},
            422,
            "answers: List should have at least 1 item after validation, not 0",
        ),
        ({"answers": [{"card_id": 1}]}, 422, "answers.0.uuid: Field required"),
        ({"answers": "x"}, 422, "answers: Input should be a valid list"),
        (
            {"answers": [], "extra": 1},
            422,
            "answers: List should have at least 1 item after validation, not 0",
        ),
    ],
)
def test_malformed_payloads(
    learner_client: FlaskClient, body: Any, status: int, message: str
) -> None:
    if isinstance(body, str):
        response = learner_client.post(
            "/api/v1/answers", data=body, content_type="application/json"
        )
    else:
        response = learner_client.post("/api/v1/answers", json=body)
    assert response.status_code == status
    assert response.json["message"] == message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"response_ms": -1}, "answers.1.response_ms: Input should be greater than or equal to 0"),
        (
            {"answered_at": "2026-03-12T09:00:00"},
            "answers.1.answered_at: Input should have timezone info",
        ),
        (
            {"answered_at": "2019-01-01T00:00:00Z"},
            "answers.1.answered_at: Value error, answered_at is before 2024: the phone's clock is wrong",
        ),
        (
            {"uuid": "not-a-uuid"},
            "answers.1.uuid: Input should be a valid UUID, invalid character: found `n` at 0",
        ),
        ({"card_id": 0}, "answers.1.card_id: Input should be greater than 0"),
        (
            {"correct": "maybe"},
            "answers.1.correct: Input should be a valid boolean, unable to interpret input",
        ),
        ({"colour": "red"}, "answers.1.colour: Extra inputs are not permitted"),
    ],
)
def test_out_of_range_answers_change_nothing(
    loaded: Flask, learner_client: FlaskClient, change: dict[str, Any], message: str
) -> None:
    card = cards(learner_client)[0]
    response = post(learner_client, [answer(card, 0), {**answer(card, 1), **change}])
    assert response.status_code == 422
    assert response.json["message"] == message
    assert state(loaded, card)[2:] == (0, 0)


def test_wrong_content_type_is_refused(learner_client: FlaskClient) -> None:
    response = learner_client.post("/api/v1/answers", data={"answers": "x"})
    assert response.status_code == 400
    assert response.json["error"] == "not-json"


def test_next_size_is_checked(learner_client: FlaskClient) -> None:
    response = learner_client.get("/api/v1/next?size=500")
    assert response.status_code == 422
    assert response.json["message"] == "size: Input should be less than or equal to 30"


def test_answers_in_the_future_count_as_now(loaded: Flask, learner_client: FlaskClient) -> None:
    card = cards(learner_client)[0]
    future = (T0 + timedelta(days=3)).isoformat()
    assert post(learner_client, [{**answer(card), "answered_at": future}]).status_code == 200
    with loaded.app_context():
        assert db.session.scalar(select(Answer.answered_at)) == T0


def test_progress(learner_client: FlaskClient) -> None:
    card = cards(learner_client)[0]
    post(learner_client, [answer(card, 0)])
    numbers = learner_client.get("/api/v1/progress").json
    assert numbers["words_started"] >= 1
    assert set(numbers) == {
        "words_learned",
        "words_started",
        "days_this_week",
        "due_now",
        "answers_today",
    }
    page = learner_client.get("/voortgang").get_data(as_text=True)
    assert "Mijn voortgang" in page
    # A learner's phone shows the learner's menu, not the staff log-in links.
    assert "Docenten: inloggen" not in page
    assert "Docenten: inloggen" in FlaskClient(learner_client.application).get("/").text


def test_openapi_document(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/api/v1/next", "/api/v1/answers", "/api/v1/progress"}
    schema = document["components"]["schemas"]["AnswerBatch"]
    assert schema["properties"]["answers"]["maxItems"] == 500


def test_learner_downloads_and_deletes_their_data(
    loaded: Flask, learner_client: FlaskClient
) -> None:
    card = cards(learner_client)[0]
    post(learner_client, [answer(card, 0)])
    download = learner_client.get("/mijn-gegevens.json")
    assert "attachment" in download.headers["Content-Disposition"]
    data = download.json
    assert data["learner"]["name"] == "Amina"
    assert len(data["answers"]) == 1 and data["answers"][0]["correct"] is True
    assert "Verwijder mijn gegevens" in learner_client.get("/mijn-gegevens").get_data(as_text=True)
    response = learner_client.post("/mijn-gegevens/verwijderen")
    assert response.headers["Location"] == "/"
    with loaded.app_context():
        for model in (Answer, Card, Learner):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0
    assert learner_client.get("/oefenen").status_code == 302

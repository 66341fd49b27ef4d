"""Joining and logging in as a learner does it, on a phone."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import join
from vaktaal.accounts.session import DEVICE_COOKIE


def test_join_with_code_then_name_remembers_the_phone(loaded: Flask, join_code: str) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = False
    client = loaded.test_client()
    response = client.post("/join", data={"code": join_code.lower()})
    assert response.headers["Location"] == f"/join/{join_code}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Welkom bij Keuken maandag" in page
    response = client.post(f"/join/{join_code}", data={"name": "Amina", "pin": ""})
    assert response.headers["Location"] == "/oefenen"
    cookie = client.get_cookie(DEVICE_COOKIE)
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert cookie.expires is not None
    # Back on the same phone later: straight in, no login.
    assert client.get("/oefenen").status_code == 200


def test_qr_link_leads_to_the_group(loaded: Flask, join_code: str) -> None:
    client = loaded.test_client()
    response = client.get(f"/j/{join_code.lower()}")
    assert response.headers["Location"] == f"/join/{join_code}"


def test_unknown_code_says_so(loaded: Flask) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = False
    client = loaded.test_client()
    page = client.post("/join", data={"code": "XXXXXX"}).get_data(as_text=True)
    assert "Deze code kennen we niet" in page
    assert client.get("/join/XXXXXX").status_code == 404


def test_taken_name_is_refused_with_a_message(loaded: Flask, join_code: str) -> None:
    join(loaded, join_code, "Amina")
    response = loaded.test_client().post(f"/join/{join_code}", data={"name": "amina"})
    assert response.status_code == 422
    assert "Deze naam is al bezet" in response.get_data(as_text=True)


def test_practice_needs_a_learner(client: FlaskClient) -> None:
    response = client.get("/oefenen")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/join")
    assert client.get("/api/v1/next").status_code == 401


def test_start_without_a_group(loaded: Flask) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = False
    client = loaded.test_client()
    assert "Keuken" in client.get("/start").get_data(as_text=True)
    response = client.post("/start", data={"sector": "keuken", "name": "Omid"})
    assert response.headers["Location"] == "/oefenen"
    assert client.get("/oefenen").status_code == 200


def test_pin_login_on_another_phone(loaded: Flask, join_code: str) -> None:
    join(loaded, join_code, "Yonas", pin="4821")
    other = loaded.test_client()
    wrong = other.post("/login", data={"code": join_code, "name": "Yonas", "pin": "1111"})
    assert wrong.status_code == 422
    assert "klopt niet" in wrong.get_data(as_text=True)
    right = other.post("/login", data={"code": join_code, "name": "yonas", "pin": "4821"})
    assert right.headers["Location"] == "/oefenen"
    assert other.get("/oefenen").status_code == 200


def test_login_link_asks_before_logging_in(loaded: Flask, join_code: str) -> None:
    join(loaded, join_code, "Sara")
    result = loaded.test_cli_runner().invoke(args=["groups", "login-link", join_code, "sara"])
    assert result.exit_code == 0, result.output
    path = result.output.strip().removeprefix("http://127.0.0.1:5000")
    phone = loaded.test_client()
    page = phone.get(path)
    assert "Ben jij Sara?" in page.get_data(as_text=True)
    assert phone.get_cookie(DEVICE_COOKIE) is None
    assert phone.post(path).headers["Location"] == "/oefenen"
    assert phone.get_cookie(DEVICE_COOKIE) is not None
    assert loaded.test_client().get(path + "x").status_code == 404


def test_logout_forgets_and_revokes_the_phone(learner_client: FlaskClient) -> None:
    cookie = learner_client.get_cookie(DEVICE_COOKIE)
    assert cookie is not None
    assert learner_client.post("/uitloggen").status_code == 302
    assert learner_client.get_cookie(DEVICE_COOKIE) is None
    learner_client.set_cookie(DEVICE_COOKIE, cookie.value)
    assert learner_client.get("/oefenen").status_code == 302


def test_forms_need_a_csrf_token(loaded: Flask, join_code: str) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = True
    response = loaded.test_client().post(f"/join/{join_code}", data={"name": "Amina"})
    assert response.status_code == 400


def test_groups_commands(loaded: Flask) -> None:
    runner = loaded.test_cli_runner()
    created = runner.invoke(args=["groups", "create", "Schoonmaak dinsdag", "--sector", "keuken"])
    assert created.exit_code == 0, created.output
    assert "Join link: http://127.0.0.1:5000/j/" in created.output
    assert "Schoonmaak dinsdag" in runner.invoke(args=["groups", "list"]).output
    code = created.output.split("code ")[1].split()[0]
    join(loaded, code, "Amina")
    assert "Amina  (level A0, no PIN)" in runner.invoke(args=["groups", "learners", code]).output
    level = runner.invoke(args=["groups", "set-level", code, "amina", "A2"])
    assert level.output.strip() == "Amina: level A2"
    assert "Amina  (level A2, no PIN)" in runner.invoke(args=["groups", "learners", code]).output
    missing = runner.invoke(args=["groups", "create", "X", "--sector", "nope"])
    assert missing.exit_code == 1
    assert "no sector 'nope'" in missing.output

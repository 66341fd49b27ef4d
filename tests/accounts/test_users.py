"""Employer accounts: register, log in, log out; the learner's cookie is not involved."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import NOW
from vaktaal.accounts import service
from vaktaal.accounts.models import User
from vaktaal.extensions import db

PASSWORD = "lang-genoeg-1"


def register(
    app: Flask, company: str = "Bakkerij Jansen", email: str = "ana@jansen.nl"
) -> FlaskClient:
    """A browser of a newly registered employer, logged in."""
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    response = client.post(
        "/account/registreren",
        data={"organisation": company, "email": email, "password": PASSWORD},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def test_register_makes_a_company_and_logs_in(app: Flask) -> None:
    client = register(app, email="Ana@Jansen.NL ")
    page = client.get("/glossary").get_data(as_text=True)
    assert "Mijn woordenlijsten" in page and "Uitloggen" in page
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user is not None
        assert user.email == "ana@jansen.nl" and user.role == "employer"
        assert user.organisation.name == "Bakkerij Jansen"
        assert user.password_hash.startswith("scrypt:")


def test_an_address_is_taken_whatever_its_case(app: Flask) -> None:
    register(app)
    response = app.test_client().post(
        "/account/registreren",
        data={"organisation": "Ander bedrijf", "email": "ANA@jansen.nl", "password": PASSWORD},
    )
    assert response.status_code == 422
    assert "Er is al een account met dit e-mailadres." in response.get_data(as_text=True)


def test_a_short_password_is_refused(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post(
        "/account/registreren",
        data={"organisation": "Jansen", "email": "a@b.nl", "password": "kort12345"},
    )
    assert response.status_code == 422
    assert "minstens 10 tekens" in response.get_data(as_text=True)


def test_log_out_and_in_again(app: Flask) -> None:
    client = register(app)
    assert client.post("/account/uitloggen").status_code == 302
    assert "Werkgevers: inloggen" in client.get("/glossary").get_data(as_text=True)
    response = client.post(
        "/account/inloggen", data={"email": "ANA@jansen.nl", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Uitloggen" in client.get("/glossary").get_data(as_text=True)


def test_a_wrong_password_or_address_gets_one_generic_message(app: Flask) -> None:
    register(app)
    client = app.test_client()
    for email, password in (("ana@jansen.nl", "verkeerd-wachtwoord"), ("nie@mand.nl", PASSWORD)):
        response = client.post("/account/inloggen", data={"email": email, "password": password})
        assert response.status_code == 422
        assert "Het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
    assert "Uitloggen" not in client.get("/glossary").get_data(as_text=True)


def test_forms_need_a_csrf_token(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    response = app.test_client().post(
        "/account/registreren",
        data={"organisation": "Jansen", "email": "a@b.nl", "password": PASSWORD},
    )
    assert response.status_code in (400, 422)
    with app.app_context():
        assert db.session.scalar(select(User)) is None


def test_authenticate_user_records_the_login(app: Flask) -> None:
    with app.app_context():
        service.register_user(
            db.session, organisation_name="Jansen", email="a@b.nl", password=PASSWORD, now=NOW
        )
        user = service.authenticate_user(db.session, email="A@B.nl", password=PASSWORD, now=NOW)
        assert user is not None and user.last_login_at == NOW
        assert service.authenticate_user(db.session, email="a@b.nl", password="x", now=NOW) is None


def test_login_returns_to_the_page_that_asked_only_on_this_site(app: Flask) -> None:
    register(app).post("/account/uitloggen")
    client = app.test_client()
    assert client.get("/account/woordenlijsten").status_code == 302
    page = client.get("/account/inloggen?next=/account/woordenlijsten").get_data(as_text=True)
    assert 'action="/account/inloggen?next=/account/woordenlijsten"' in page
    data = {"email": "ana@jansen.nl", "password": PASSWORD}
    response = client.post("/account/inloggen?next=/account/woordenlijsten", data=data)
    assert response.headers["Location"] == "/account/woordenlijsten"
    client.post("/account/uitloggen")
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/account/inloggen", query_string={"next": bad}, data=data)
        assert response.headers["Location"] == "/glossary", bad
        client.post("/account/uitloggen")

"""Staff passwords: change your own; a forgotten one gets a link from the admin or operator."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash
from werkzeug.test import TestResponse

from tests.conftest import NOW
from tests.teaching.conftest import PASSWORD, log_in, make_user
from vaktaal.accounts import reset
from vaktaal.accounts.models import Role, User
from vaktaal.accounts.service import AccountError
from vaktaal.extensions import db
from vaktaal.teaching import team

SECRET = "test-secret"  # the tests' SECRET_KEY (tests.conftest.make_app)
NEW = "nieuw-wachtwoord-2"
GONE = "Deze link werkt niet meer. Vraag de beheerder van je organisatie om een nieuwe."


@pytest.fixture
def admin_id(loaded: Flask) -> int:
    """The admin of Taalschool Noord."""
    return make_user(loaded, "admin@noord.nl")


@pytest.fixture
def teacher_client(loaded: Flask, admin_id: int) -> FlaskClient:
    """The admin of Taalschool Noord (a teacher too), logged in."""
    return log_in(loaded, "admin@noord.nl")


def get_user(email: str) -> User:
    found = db.session.scalar(select(User).where(User.email == email))
    assert found is not None
    return found


def token_for(app: Flask, email: str, now: datetime = NOW) -> str:
    with app.app_context():
        return reset.make_reset_token(get_user(email), SECRET, now)


def password_works(app: Flask, email: str, password: str) -> bool:
    with app.app_context():
        return check_password_hash(get_user(email).password_hash, password)


# The token and the rules


def test_a_reset_token_is_valid_for_three_days(loaded: Flask, admin_id: int) -> None:
    token = token_for(loaded, "admin@noord.nl")
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        for now, expected in (
            (NOW, admin),
            (NOW + timedelta(days=3), admin),
            (NOW + timedelta(days=3, seconds=1), None),
            (NOW - timedelta(minutes=1), None),  # made "in the future": not trusted
        ):
            assert reset.user_for_reset_token(db.session, token, SECRET, now=now) is expected


def test_a_forged_or_foreign_token_finds_nobody(loaded: Flask, admin_id: int) -> None:
    token = token_for(loaded, "admin@noord.nl")
    with loaded.app_context():
        password_hash = get_user("admin@noord.nl").password_hash
        fingerprint = hashlib.sha256(password_hash.encode()).hexdigest()[:16]
        same_salt = URLSafeTimedSerializer(SECRET, salt="password-reset").dumps(
            [admin_id, fingerprint]
        )
        assert reset.user_for_reset_token(db.session, same_salt, SECRET) is not None
        other_salt = URLSafeTimedSerializer(SECRET, salt="login").dumps([admin_id, fingerprint])
        for bad in (
            "",
            "niet-een-token",
            token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
            other_salt,
        ):
            assert reset.user_for_reset_token(db.session, bad, SECRET, now=NOW) is None, bad
        assert reset.user_for_reset_token(db.session, token, "other-secret", now=NOW) is None


def test_the_token_holds_no_password_hash_and_dies_with_the_password(
    loaded: Flask, admin_id: int
) -> None:
    token = token_for(loaded, "admin@noord.nl")
    with loaded.app_context():
        admin = get_user("admin@noord.nl")
        assert admin.password_hash not in token
        # Changed any other way than with the link: the link stops working.
        reset.change_password(admin, current=PASSWORD, new=NEW)
        db.session.commit()
        assert reset.user_for_reset_token(db.session, token, SECRET, now=NOW) is None


def test_a_reset_link_works_once(loaded: Flask, admin_id: int) -> None:
    token = token_for(loaded, "admin@noord.nl")
    with loaded.app_context():
        user = reset.reset_password(db.session, token, SECRET, password=NEW, now=NOW)
        db.session.commit()
        assert user.id == admin_id and user.last_login_at == NOW
        assert user.password_hash.startswith("scrypt:")
        with pytest.raises(reset.ResetLinkUnusable):
            reset.reset_password(db.session, token, SECRET, password="nog-een-ander-1", now=NOW)
    assert password_works(loaded, "admin@noord.nl", NEW)


def test_a_short_new_password_changes_nothing(loaded: Flask, admin_id: int) -> None:
    token = token_for(loaded, "admin@noord.nl")
    with loaded.app_context():
        with pytest.raises(AccountError, match="short-password"):
            reset.reset_password(db.session, token, SECRET, password="kort12345", now=NOW)
        admin = get_user("admin@noord.nl")
        with pytest.raises(AccountError, match="short-password"):
            reset.change_password(admin, current=PASSWORD, new="kort12345")
        with pytest.raises(AccountError, match="wrong-password"):
            reset.change_password(admin, current="verkeerd-wachtwoord", new=NEW)
        db.session.commit()
    assert password_works(loaded, "admin@noord.nl", PASSWORD)


def test_a_link_used_meanwhile_is_refused_by_the_conditional_update(
    loaded: Flask, admin_id: int
) -> None:
    """This session read the old hash; another request set a password meanwhile."""
    token = token_for(loaded, "admin@noord.nl")
    with loaded.app_context():
        seen = reset.user_for_reset_token(db.session, token, SECRET, now=NOW)
        assert seen is not None
        with Session(db.engine) as other:
            reset.reset_password(other, token, SECRET, password=NEW, now=NOW)
            other.commit()
        with pytest.raises(reset.ResetLinkUnusable):
            reset.reset_password(db.session, token, SECRET, password="de-tweede-1", now=NOW)
        db.session.rollback()
    assert password_works(loaded, "admin@noord.nl", NEW)


def test_a_deactivated_account_has_no_working_link(loaded: Flask, admin_id: int) -> None:
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    token = token_for(loaded, "docent@noord.nl")
    with loaded.app_context():
        admin, teacher = get_user("admin@noord.nl"), get_user("docent@noord.nl")
        team.deactivate_user(db.session, admin, teacher, now=NOW)
        assert reset.user_for_reset_token(db.session, token, SECRET, now=NOW) is None
        with pytest.raises(AccountError, match="reset-inactive"):
            team.password_reset_token(admin, teacher, secret=SECRET, now=NOW)


def test_only_the_admin_of_the_organisation_makes_links_for_others(
    loaded: Flask, admin_id: int
) -> None:
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    make_user(loaded, "admin@zuid.nl", organisation="Taalschool Zuid")
    with loaded.app_context():
        admin, teacher = get_user("admin@noord.nl"), get_user("docent@noord.nl")
        token = team.password_reset_token(admin, teacher, secret=SECRET, now=NOW)
        assert reset.user_for_reset_token(db.session, token, SECRET, now=NOW) is teacher
        with pytest.raises(AccountError, match="reset-self"):
            team.password_reset_token(admin, admin, secret=SECRET, now=NOW)
        with pytest.raises(AccountError, match="not-admin"):
            team.password_reset_token(teacher, admin, secret=SECRET, now=NOW)
        with pytest.raises(team.NotFound):
            team.password_reset_token(get_user("admin@zuid.nl"), teacher, secret=SECRET, now=NOW)


# Changing your own password


def change(client: FlaskClient, current: str, new: str, again: str | None = None) -> TestResponse:
    data = {"current": current, "password": new, "again": new if again is None else again}
    return client.post("/account/wachtwoord", data=data)


def test_a_teacher_changes_their_password(loaded: Flask, teacher_client: FlaskClient) -> None:
    page = teacher_client.get("/docent").get_data(as_text=True)
    assert 'href="/account/wachtwoord">Wachtwoord veranderen' in page
    form = teacher_client.get("/account/wachtwoord").get_data(as_text=True)
    assert "Huidig wachtwoord" in form and "Nieuw wachtwoord nog een keer" in form
    response = change(teacher_client, PASSWORD, NEW)
    assert response.status_code == 302
    assert response.headers["Location"] == "/docent"
    assert "Je wachtwoord is veranderd." in teacher_client.get("/docent").get_data(as_text=True)
    with loaded.app_context():
        assert get_user("admin@noord.nl").password_hash.startswith("scrypt:")
    assert password_works(loaded, "admin@noord.nl", NEW)
    fresh = loaded.test_client()
    old = fresh.post("/account/inloggen", data={"email": "admin@noord.nl", "password": PASSWORD})
    assert old.status_code == 422
    new = fresh.post("/account/inloggen", data={"email": "admin@noord.nl", "password": NEW})
    assert new.headers["Location"] == "/docent"


def test_a_new_password_ends_the_accounts_other_sessions(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    other_phone = log_in(loaded, "admin@noord.nl")
    assert other_phone.get("/docent").status_code == 200
    assert change(teacher_client, PASSWORD, NEW).status_code == 302
    # This session carries on; the one on the other device (maybe a lost one) is over.
    assert teacher_client.get("/docent").status_code == 200
    assert other_phone.get("/docent").headers["Location"].startswith("/account/inloggen")


def test_an_employer_lands_on_the_glossary(loaded: Flask) -> None:
    make_user(loaded, "baas@bakker.nl", organisation="Bakkerij", role=Role.EMPLOYER)
    client = log_in(loaded, "baas@bakker.nl")
    response = change(client, PASSWORD, NEW)
    assert response.headers["Location"] == "/glossary"
    assert "Je wachtwoord is veranderd." in client.get("/glossary").get_data(as_text=True)
    assert password_works(loaded, "baas@bakker.nl", NEW)


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        ("verkeerd-wachtwoord", NEW, NEW, "Dit is niet je huidige wachtwoord."),
        (PASSWORD, "kort12345", "kort12345", "Een wachtwoord heeft minstens 10 tekens."),
        (PASSWORD, NEW, NEW + "x", "De twee wachtwoorden zijn niet hetzelfde."),
        ("", NEW, NEW, "Typ je huidige wachtwoord."),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(
    loaded: Flask,
    teacher_client: FlaskClient,
    current: str,
    new: str,
    again: str,
    message: str,
) -> None:
    response = change(teacher_client, current, new, again)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'class="field-error"[^>]*role="alert">' + re.escape(message), page)
    assert password_works(loaded, "admin@noord.nl", PASSWORD)


def test_the_wrong_current_password_is_shown_next_to_that_field(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    page = change(teacher_client, "verkeerd-wachtwoord", NEW).get_data(as_text=True)
    assert 'id="current-error"' in page and 'id="password-error"' not in page


def test_changing_needs_a_staff_login(loaded: Flask, learner_client: FlaskClient) -> None:
    for client in (loaded.test_client(), learner_client):
        response = client.get("/account/wachtwoord")
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/inloggen")
        response = client.post("/account/wachtwoord", data={})
        assert response.headers["Location"].startswith("/account/inloggen")


def test_changing_needs_a_csrf_token(loaded: Flask, teacher_client: FlaskClient) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = True
    assert change(teacher_client, PASSWORD, NEW).status_code == 400
    assert password_works(loaded, "admin@noord.nl", PASSWORD)


# A link from the admin


def reset_link(client: FlaskClient, user_id: int) -> str:
    """The admin's POST on the team page; the link it shows."""
    response = client.post(f"/docent/team/{user_id}/wachtwoordlink")
    assert response.status_code == 200, response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    assert "Vaktaal verstuurt geen e-mail" in page and "3 dagen geldig" in page
    match = re.search(r'id="copy-link" class="input" type="text" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def test_the_admin_makes_a_link_and_the_teacher_sets_a_new_password(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    page = teacher_client.get("/docent/team").get_data(as_text=True)
    assert f'action="/docent/team/{teacher_id}/wachtwoordlink"' in page
    assert "Link voor nieuw wachtwoord: docent@noord.nl" in page
    assert "Link voor nieuw wachtwoord: admin@noord.nl" not in page  # not for themself
    link = reset_link(teacher_client, teacher_id)
    assert link.startswith("http://localhost/account/nieuw-wachtwoord/")
    path = link.removeprefix("http://localhost")

    phone = loaded.test_client()
    form = phone.get(path)
    assert form.status_code == 200 and "Nieuw wachtwoord nog een keer" in form.get_data(True)
    refused = phone.post(path, data={"password": NEW, "again": "iets-anders-1"})
    assert refused.status_code == 422
    assert "De twee wachtwoorden zijn niet hetzelfde." in refused.get_data(as_text=True)
    assert password_works(loaded, "docent@noord.nl", PASSWORD)

    response = phone.post(path, data={"password": NEW, "again": NEW})
    assert response.headers["Location"] == "/docent"
    landed = phone.get("/docent")
    assert landed.status_code == 200 and "Je wachtwoord is veranderd." in landed.get_data(True)
    assert password_works(loaded, "docent@noord.nl", NEW)
    with loaded.app_context():
        assert get_user("docent@noord.nl").last_login_at is not None

    # Used: the link works no more, whoever opens it.
    for client in (phone, loaded.test_client()):
        again = client.get(path)
        assert again.status_code == 404 and GONE in again.get_data(as_text=True)
        used = client.post(path, data={"password": "derde-poging-1", "again": "derde-poging-1"})
        assert used.status_code == 404
    assert password_works(loaded, "docent@noord.nl", NEW)


@pytest.mark.parametrize("case", ["garbage", "expired", "deactivated", "changed", "deleted"])
def test_a_link_that_no_longer_works_says_so_with_404(
    loaded: Flask, admin_id: int, case: str
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    token = token_for(loaded, "docent@noord.nl", now=NOW)
    loaded.config["CLOCK"] = lambda: NOW + timedelta(hours=1)
    with loaded.app_context():
        teacher = get_user("docent@noord.nl")
        if case == "garbage":
            token = "x" + token
        elif case == "expired":
            loaded.config["CLOCK"] = lambda: NOW + timedelta(days=3, minutes=1)
        elif case == "deactivated":
            teacher.deactivated_at = NOW
        elif case == "changed":
            reset.change_password(teacher, current=PASSWORD, new=NEW)
        else:
            db.session.delete(teacher)
        db.session.commit()
    client = loaded.test_client()
    loaded.config["WTF_CSRF_ENABLED"] = False
    for response in (
        client.get(f"/account/nieuw-wachtwoord/{token}"),
        client.post(f"/account/nieuw-wachtwoord/{token}", data={"password": NEW, "again": NEW}),
    ):
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert GONE in page and "docent@noord.nl" not in page
    with loaded.app_context():
        row = db.session.get(User, teacher_id)
        if case == "deleted":
            assert row is None
        else:
            assert row is not None and row.last_login_at is None
            assert check_password_hash(row.password_hash, NEW if case == "changed" else PASSWORD)


def test_an_unexpired_link_still_works_on_day_three(loaded: Flask, admin_id: int) -> None:
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    token = token_for(loaded, "docent@noord.nl", now=NOW)
    loaded.config["CLOCK"] = lambda: NOW + timedelta(days=2, hours=23)
    loaded.config["WTF_CSRF_ENABLED"] = False
    response = loaded.test_client().post(
        f"/account/nieuw-wachtwoord/{token}", data={"password": NEW, "again": NEW}
    )
    assert response.status_code == 302
    assert password_works(loaded, "docent@noord.nl", NEW)


def test_the_admin_gets_no_link_for_themself_or_a_deactivated_account(
    loaded: Flask, admin_id: int, teacher_client: FlaskClient
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    teacher_client.post(f"/docent/team/{teacher_id}/deactiveren")
    page = teacher_client.get("/docent/team").get_data(as_text=True)
    assert f"/docent/team/{teacher_id}/wachtwoordlink" not in page
    for user_id, message in (
        (admin_id, "Je eigen wachtwoord verander je via „Wachtwoord veranderen”."),
        (teacher_id, "Dit account is gedeactiveerd. Activeer het eerst."),
    ):
        response = teacher_client.post(f"/docent/team/{user_id}/wachtwoordlink")
        assert response.status_code == 409
        page = response.get_data(as_text=True)
        assert message in page and "/account/nieuw-wachtwoord/" not in page


def test_reset_links_are_for_the_own_organisations_admin_only(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    make_user(loaded, "collega@noord.nl", role=Role.TEACHER)
    make_user(loaded, "admin@zuid.nl", organisation="Taalschool Zuid")
    url = f"/docent/team/{teacher_id}/wachtwoordlink"
    assert log_in(loaded, "admin@zuid.nl").post(url).status_code == 404
    assert (
        log_in(loaded, "admin@zuid.nl").post("/docent/team/99999/wachtwoordlink").status_code
        == 404
    )
    assert log_in(loaded, "collega@noord.nl").post(url).status_code == 403
    anonymous = loaded.test_client().post(url)
    assert anonymous.headers["Location"].startswith("/account/inloggen")
    loaded.config["WTF_CSRF_ENABLED"] = True
    assert teacher_client.post(url).status_code == 400


def test_the_login_page_says_what_to_do_when_the_password_is_forgotten(loaded: Flask) -> None:
    page = loaded.test_client().get("/account/inloggen").get_data(as_text=True)
    assert (
        "Wachtwoord vergeten? Vraag de beheerder van je organisatie om een link voor een "
        "nieuw wachtwoord. Of neem contact op met de beheerder van Vaktaal."
    ) in page


# The operator


def test_the_operator_prints_a_working_link(loaded: Flask) -> None:
    make_user(loaded, "baas@bakker.nl", organisation="Bakkerij", role=Role.EMPLOYER)
    runner = loaded.test_cli_runner(mix_stderr=False)
    result = runner.invoke(
        args=["users", "reset-link", " Baas@Bakker.NL", "--base-url", "https://vaktaal.nl/"]
    )
    assert result.exit_code == 0, result.stderr
    link = result.stdout.strip()
    assert re.fullmatch(r"https://vaktaal\.nl/account/nieuw-wachtwoord/[\w.-]+", link)
    default = runner.invoke(args=["users", "reset-link", "baas@bakker.nl"])
    assert default.stdout.startswith("http://127.0.0.1:5000/account/nieuw-wachtwoord/")
    loaded.config["WTF_CSRF_ENABLED"] = False
    client = loaded.test_client()
    path = link.removeprefix("https://vaktaal.nl")
    response = client.post(path, data={"password": NEW, "again": NEW})
    assert response.headers["Location"] == "/glossary"
    assert "Je wachtwoord is veranderd." in client.get("/glossary").get_data(as_text=True)
    assert password_works(loaded, "baas@bakker.nl", NEW)


def test_the_operator_is_told_about_an_unknown_or_deactivated_address(
    loaded: Flask, admin_id: int
) -> None:
    runner = loaded.test_cli_runner(mix_stderr=False)
    unknown = runner.invoke(args=["users", "reset-link", "niemand@noord.nl"])
    assert unknown.exit_code == 1 and unknown.stdout == ""
    assert "no staff account with address 'niemand@noord.nl'" in unknown.stderr
    with loaded.app_context():
        get_user("admin@noord.nl").deactivated_at = NOW
        db.session.commit()
    deactivated = runner.invoke(args=["users", "reset-link", "admin@noord.nl"])
    assert deactivated.exit_code == 1 and "deactivated" in deactivated.stderr

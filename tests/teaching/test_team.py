"""Teacher accounts: a school signs up, its admin invites and deactivates teachers."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import NOW
from tests.teaching.conftest import PASSWORD, log_in, make_user
from vaktaal.accounts.models import Invitation, Organisation, Role, User
from vaktaal.accounts.service import AccountError
from vaktaal.core.security import hash_token
from vaktaal.extensions import db
from vaktaal.teaching import team


def user(app: Flask, email: str) -> User:
    found = db.session.scalar(select(User).where(User.email == email))
    assert found is not None
    return found


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


# Services


def test_an_invitation_stores_only_the_hash_and_lasts_14_days(
    loaded: Flask, admin_id: int
) -> None:
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        invitation, token = team.create_invitation(
            db.session, admin, email=" Bo@Noord.NL", now=NOW
        )
        assert invitation.email == "bo@noord.nl"
        assert invitation.organisation_id == admin.organisation_id
        assert invitation.token_hash == hash_token(token) != token
        assert invitation.expires_at == NOW + timedelta(days=14)
        assert team.invitation_state(invitation, now=NOW) == "open"
        assert len(token) >= 40


def test_an_invitation_needs_an_admin_and_a_free_valid_address(
    loaded: Flask, admin_id: int
) -> None:
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        for email, error in (
            ("DOCENT@noord.nl", "email-taken"),
            ("geen-adres", "bad-email"),
            ("a@b", "bad-email"),
        ):
            with pytest.raises(AccountError, match=error):
                team.create_invitation(db.session, admin, email=email, now=NOW)
        with pytest.raises(AccountError, match="not-admin"):
            team.create_invitation(
                db.session, user(loaded, "docent@noord.nl"), email="x@noord.nl", now=NOW
            )
        assert count(Invitation) == 0


def test_accepting_makes_a_teacher_once(loaded: Flask, admin_id: int) -> None:
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        invitation, token = team.create_invitation(db.session, admin, email="bo@noord.nl", now=NOW)
        teacher = team.accept_invitation(
            db.session, token, email="Bo@Noord.nl", password=PASSWORD, now=NOW
        )
        assert teacher.role == Role.TEACHER and teacher.teaches and not teacher.is_admin
        assert teacher.organisation_id == admin.organisation_id
        assert teacher.password_hash.startswith("scrypt:")
        assert invitation.used_at == NOW
        db.session.commit()
        with pytest.raises(team.InvitationUnusable, match="used"):
            team.accept_invitation(
                db.session, token, email="ander@noord.nl", password=PASSWORD, now=NOW
            )
        assert count(User) == 2


def test_the_teacher_may_choose_another_address_but_not_a_taken_one(
    loaded: Flask, admin_id: int
) -> None:
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        invitation, token = team.create_invitation(db.session, admin, email="bo@noord.nl", now=NOW)
        with pytest.raises(AccountError, match="email-taken"):
            team.accept_invitation(
                db.session, token, email="ADMIN@noord.nl", password=PASSWORD, now=NOW
            )
        with pytest.raises(AccountError, match="short-password"):
            team.accept_invitation(
                db.session, token, email="bo@noord.nl", password="kort", now=NOW
            )
        assert invitation.used_at is None
        teacher = team.accept_invitation(
            db.session, token, email="bo.prive@example.nl", password=PASSWORD, now=NOW
        )
        assert teacher.email == "bo.prive@example.nl"


def test_expired_revoked_and_unknown_links_change_nothing(loaded: Flask, admin_id: int) -> None:
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        _old, expired = team.create_invitation(db.session, admin, email="a@noord.nl", now=NOW)
        withdrawn, revoked = team.create_invitation(db.session, admin, email="b@noord.nl", now=NOW)
        team.revoke_invitation(db.session, admin, withdrawn, now=NOW)
        later = NOW + timedelta(days=14)
        for token, reason in ((expired, "expired"), (revoked, "revoked"), ("nope", "unknown")):
            with pytest.raises(team.InvitationUnusable, match=reason):
                team.accept_invitation(
                    db.session, token, email="c@noord.nl", password=PASSWORD, now=later
                )
        # One day before the end it still works.
        team.usable_invitation(db.session, expired, now=later - timedelta(days=1))
        assert count(User) == 1


def test_a_link_used_meanwhile_is_refused_by_the_conditional_update(
    loaded: Flask, admin_id: int
) -> None:
    """The page read the invitation as open, then another request used it: no second user."""
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        _invitation, token = team.create_invitation(
            db.session, admin, email="bo@noord.nl", now=NOW
        )
        db.session.commit()
        seen_open = team.usable_invitation(db.session, token, now=NOW)  # loaded in this session
        with Session(db.engine) as other:
            other.execute(
                Invitation.__table__.update()
                .where(Invitation.id == seen_open.id)
                .values(used_at=NOW)
            )
            other.commit()
        assert seen_open.used_at is None  # stale: this session has not looked again
        with pytest.raises(team.InvitationUnusable, match="used"):
            team.accept_invitation(
                db.session, token, email="bo@noord.nl", password=PASSWORD, now=NOW
            )
        db.session.rollback()
        assert count(User) == 1


def test_two_requests_racing_with_one_link_make_one_account(loaded: Flask, admin_id: int) -> None:
    """On PostgreSQL the second request waits for the first one's row lock, then refuses."""
    with loaded.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row locks between two connections: PostgreSQL only")
        admin = db.session.get(User, admin_id)
        assert admin is not None
        _invitation, token = team.create_invitation(
            db.session, admin, email="bo@noord.nl", now=NOW
        )
        db.session.commit()
        engine = db.engine
    outcome: list[str] = []

    def second_request() -> None:
        with Session(engine) as other:
            try:
                team.accept_invitation(
                    other, token, email="cy@noord.nl", password=PASSWORD, now=NOW
                )
                other.commit()
                outcome.append("made")
            except team.InvitationUnusable as reason:
                outcome.append(str(reason))

    with Session(engine) as first:
        team.accept_invitation(first, token, email="bo@noord.nl", password=PASSWORD, now=NOW)
        racer = threading.Thread(target=second_request)
        racer.start()
        racer.join(timeout=0.5)
        assert racer.is_alive()  # blocked on the invitation row the first request updated
        first.commit()
    racer.join(timeout=10)
    assert outcome == ["used"]
    with loaded.app_context():
        assert db.session.scalars(select(User.email).order_by(User.email)).all() == [
            "admin@noord.nl",
            "bo@noord.nl",
        ]


def test_deactivate_and_reactivate_within_the_own_organisation(
    loaded: Flask, admin_id: int
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    stranger_id = make_user(loaded, "docent@zuid.nl", organisation="Taalschool Zuid")
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        teacher = db.session.get(User, teacher_id)
        stranger = db.session.get(User, stranger_id)
        assert admin is not None and teacher is not None and stranger is not None
        team.deactivate_user(db.session, admin, teacher, now=NOW)
        assert teacher.deactivated_at == NOW and not teacher.is_active
        team.reactivate_user(db.session, admin, teacher)
        assert teacher.is_active
        with pytest.raises(AccountError, match="deactivate-self"):
            team.deactivate_user(db.session, admin, admin, now=NOW)
        with pytest.raises(team.NotFound):
            team.deactivate_user(db.session, admin, stranger, now=NOW)
        with pytest.raises(team.NotFound):
            team.staff_member(db.session, admin, stranger_id)
        with pytest.raises(AccountError, match="not-admin"):
            team.deactivate_user(db.session, teacher, stranger, now=NOW)
        assert admin.is_active and stranger.is_active


def test_organisation_staff_lists_own_accounts_and_open_invitations(
    loaded: Flask, admin_id: int
) -> None:
    make_user(loaded, "aa-docent@noord.nl", role=Role.TEACHER)
    make_user(loaded, "docent@zuid.nl", organisation="Taalschool Zuid")
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        used, used_token = team.create_invitation(db.session, admin, email="u@noord.nl", now=NOW)
        team.accept_invitation(
            db.session, used_token, email="u@noord.nl", password=PASSWORD, now=NOW
        )
        gone, _ = team.create_invitation(db.session, admin, email="r@noord.nl", now=NOW)
        team.revoke_invitation(db.session, admin, gone, now=NOW)
        team.create_invitation(
            db.session, admin, email="old@noord.nl", now=NOW - timedelta(days=15)
        )
        fresh, _ = team.create_invitation(db.session, admin, email="new@noord.nl", now=NOW)
        staff = team.organisation_staff(db.session, admin.organisation_id, now=NOW)
        assert [u.email for u in staff.users] == [
            "admin@noord.nl",
            "aa-docent@noord.nl",
            "u@noord.nl",
        ]
        assert staff.invitations == [fresh]
        with pytest.raises(AccountError, match="invitation-used"):
            team.revoke_invitation(db.session, admin, used, now=NOW)


# Pages


def test_a_school_signs_up_and_its_first_account_is_the_admin(loaded: Flask) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = False
    client = loaded.test_client()
    page = client.get("/docent/registreren").get_data(as_text=True)
    assert "Naam van de taalschool of organisatie" in page
    response = client.post(
        "/docent/registreren",
        data={"organisation": " Taalschool  West ", "email": "Ria@West.nl", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/docent"
    with loaded.app_context():
        admin = user(loaded, "ria@west.nl")
        assert admin.role == Role.ADMIN and admin.organisation.name == "Taalschool West"
        assert admin.password_hash.startswith("scrypt:")
        assert admin.last_login_at is not None
    assert client.get("/docent/team").status_code == 200  # logged in, as the admin


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "admin@noord.nl"}, "Er is al een account met dit e-mailadres."),
        ({"password": "kort-12"}, "Een wachtwoord heeft minstens 10 tekens."),
        ({"organisation": "   "}, "Typ de naam van de school of organisatie."),
    ],
)
def test_sign_up_refuses_with_a_message(
    loaded: Flask, admin_id: int, data: dict[str, str], message: str
) -> None:
    loaded.config["WTF_CSRF_ENABLED"] = False
    form = {"organisation": "Taalschool West", "email": "ria@west.nl", "password": PASSWORD}
    response = loaded.test_client().post("/docent/registreren", data={**form, **data})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with loaded.app_context():
        assert count(Organisation) == 1


def invite(client: FlaskClient, email: str = "bo@noord.nl") -> str:
    """The invitation link shown (once) to the admin."""
    response = client.post("/docent/team", data={"email": email})
    assert response.status_code == 200, response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    assert "Stuur deze link zelf naar de docent" in page
    found = re.search(r'value="(http://localhost/docent/uitnodiging/[^"]+)"', page)
    assert found, page
    return found.group(1).removeprefix("http://localhost")


def test_the_admin_invites_and_the_teacher_joins(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    link = invite(teacher_client)
    page = teacher_client.get("/docent/team").get_data(as_text=True)
    assert "bo@noord.nl" in page and link not in page  # listed, the secret not shown again
    newcomer = loaded.test_client()
    page = newcomer.get(link).get_data(as_text=True)
    assert "Docent bij Taalschool Noord" in page and 'value="bo@noord.nl"' in page
    response = newcomer.post(link, data={"email": "bo@noord.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/docent"
    assert newcomer.get("/docent/team").status_code == 403  # logged in, a teacher, not admin
    with loaded.app_context():
        bo = user(loaded, "bo@noord.nl")
        assert bo.role == Role.TEACHER and bo.organisation.name == "Taalschool Noord"
    # The link is used up, whoever tries it.
    again = loaded.test_client().post(link, data={"email": "cy@noord.nl", "password": PASSWORD})
    assert again.status_code == 410
    assert "Deze uitnodiging is al gebruikt" in again.get_data(as_text=True)
    page = teacher_client.get("/docent/team").get_data(as_text=True)
    assert "Er staan geen uitnodigingen open." in page
    with loaded.app_context():
        assert count(User) == 2


def test_a_taken_address_on_the_invitation_page(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    link = invite(teacher_client)
    response = loaded.test_client().post(
        link, data={"email": "Admin@Noord.nl", "password": PASSWORD}
    )
    assert response.status_code == 422
    assert "Er is al een account met dit e-mailadres." in response.get_data(as_text=True)
    assert loaded.test_client().get(link).status_code == 200  # still open


def test_revoked_expired_and_unknown_links_get_a_clear_page(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    revoked, expired = invite(teacher_client, "a@noord.nl"), invite(teacher_client, "b@noord.nl")
    with loaded.app_context():
        revoked_id = db.session.scalar(
            select(Invitation.id).where(Invitation.email == "a@noord.nl")
        )
    response = teacher_client.post(f"/docent/team/uitnodigingen/{revoked_id}/intrekken")
    assert response.status_code == 302
    assert "De uitnodiging voor a@noord.nl is ingetrokken." in teacher_client.get(
        "/docent/team"
    ).get_data(as_text=True)
    visitor = loaded.test_client()
    response = visitor.get(revoked)
    assert response.status_code == 410
    assert "Deze uitnodiging is ingetrokken" in response.get_data(as_text=True)
    loaded.config["CLOCK"] = lambda: NOW + timedelta(days=400)
    response = visitor.post(expired, data={"email": "b@noord.nl", "password": PASSWORD})
    assert response.status_code == 410
    assert "Deze uitnodiging is verlopen" in response.get_data(as_text=True)
    response = visitor.get("/docent/uitnodiging/bestaat-niet")
    assert response.status_code == 404
    assert "Deze uitnodiging kennen we niet" in response.get_data(as_text=True)
    with loaded.app_context():
        assert count(User) == 1


def test_a_deactivated_teacher_is_logged_out_and_cannot_log_in(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    colleague = log_in(loaded, "docent@noord.nl")
    assert colleague.get("/docent/team").status_code == 403  # logged in, not an admin
    response = teacher_client.post(f"/docent/team/{teacher_id}/deactiveren")
    assert response.status_code == 302
    page = teacher_client.get("/docent/team").get_data(as_text=True)
    assert "docent@noord.nl kan niet meer inloggen." in page and "Gedeactiveerd" in page
    # The session of the deactivated teacher stops working on its next request.
    response = colleague.get("/docent/team")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/inloggen")
    with loaded.app_context():
        last_login = user(loaded, "docent@noord.nl").last_login_at
    loaded.config["CLOCK"] = lambda: NOW + timedelta(days=1)
    response = loaded.test_client().post(
        "/account/inloggen", data={"email": "docent@noord.nl", "password": PASSWORD}
    )
    assert response.status_code == 422
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
    with loaded.app_context():  # a refused log-in is not recorded
        assert user(loaded, "docent@noord.nl").last_login_at == last_login
    # Reactivated, the old password works again.
    assert teacher_client.post(f"/docent/team/{teacher_id}/activeren").status_code == 302
    log_in(loaded, "docent@noord.nl")


def test_an_admin_cannot_deactivate_themselves(
    loaded: Flask, admin_id: int, teacher_client: FlaskClient
) -> None:
    response = teacher_client.post(f"/docent/team/{admin_id}/deactiveren")
    assert response.status_code == 409
    assert "Je kunt je eigen account niet deactiveren." in response.get_data(as_text=True)
    with loaded.app_context():
        assert user(loaded, "admin@noord.nl").is_active
    assert teacher_client.get("/docent/team").status_code == 200


def test_another_organisations_admin_finds_nothing(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    invite(teacher_client)
    with loaded.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    make_user(loaded, "admin@zuid.nl", organisation="Taalschool Zuid")
    stranger = log_in(loaded, "admin@zuid.nl")
    page = stranger.get("/docent/team").get_data(as_text=True)
    assert "docent@noord.nl" not in page and "bo@noord.nl" not in page
    for url in (
        f"/docent/team/{teacher_id}/deactiveren",
        f"/docent/team/{teacher_id}/activeren",
        f"/docent/team/uitnodigingen/{invitation_id}/intrekken",
        "/docent/team/99999/deactiveren",
    ):
        assert stranger.post(url).status_code == 404, url
    with loaded.app_context():
        assert user(loaded, "docent@noord.nl").is_active
        invitation = db.session.get(Invitation, invitation_id)
        assert invitation is not None and invitation.revoked_at is None


def test_team_routes_by_role(loaded: Flask, admin_id: int) -> None:
    """Anonymous, employer, teacher, admin, another organisation's admin × team routes."""
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    target_id = make_user(loaded, "collega@noord.nl", role=Role.TEACHER)
    make_user(loaded, "baas@bakker.nl", organisation="Bakkerij", role=Role.EMPLOYER)
    make_user(loaded, "admin@zuid.nl", organisation="Taalschool Zuid")
    clients = {
        "anonymous": loaded.test_client(),
        "employer": log_in(loaded, "baas@bakker.nl"),
        "teacher": log_in(loaded, "docent@noord.nl"),
        "other admin": log_in(loaded, "admin@zuid.nl"),
        "admin": log_in(loaded, "admin@noord.nl"),
    }
    with loaded.app_context():
        admin = db.session.get(User, admin_id)
        assert admin is not None
        invitation, _ = team.create_invitation(db.session, admin, email="x@noord.nl", now=NOW)
        db.session.commit()
        invitation_id = invitation.id
    routes = [
        # method, url, anonymous, employer, teacher, other admin, admin
        ("get", "/docent/team", 302, 403, 403, 200, 200),
        ("post", "/docent/team", 302, 403, 403, 422, 422),  # no address given
        ("post", f"/docent/team/uitnodigingen/{invitation_id}/intrekken", 302, 403, 403, 404, 302),
        ("post", f"/docent/team/{target_id}/deactiveren", 302, 403, 403, 404, 302),
        ("post", f"/docent/team/{target_id}/activeren", 302, 403, 403, 404, 302),
        ("get", "/docent/registreren", 200, 200, 200, 200, 200),
    ]
    for method, url, *expected in routes:
        for (who, client), status in zip(clients.items(), expected, strict=True):
            response = getattr(client, method)(url)
            assert response.status_code == status, (who, method, url)


def test_team_forms_need_a_csrf_token(loaded: Flask, teacher_client: FlaskClient) -> None:
    teacher_id = make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    loaded.config["WTF_CSRF_ENABLED"] = True
    assert teacher_client.post("/docent/team", data={"email": "bo@noord.nl"}).status_code == 400
    assert teacher_client.post(f"/docent/team/{teacher_id}/deactiveren").status_code == 400
    response = loaded.test_client().post(
        "/docent/registreren",
        data={"organisation": "West", "email": "ria@west.nl", "password": PASSWORD},
    )
    assert response.status_code == 400
    with loaded.app_context():
        assert count(Invitation) == 0 and user(loaded, "docent@noord.nl").is_active
        assert count(Organisation) == 1


def test_teachers_log_in_to_their_groups_employers_to_the_glossary(
    loaded: Flask, admin_id: int
) -> None:
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    make_user(loaded, "baas@bakker.nl", organisation="Bakkerij", role=Role.EMPLOYER)
    loaded.config["WTF_CSRF_ENABLED"] = False
    for email, home in (
        ("admin@noord.nl", "/docent"),
        ("docent@noord.nl", "/docent"),
        ("baas@bakker.nl", "/glossary"),
    ):
        client = loaded.test_client()
        response = client.post("/account/inloggen", data={"email": email, "password": PASSWORD})
        assert response.headers["Location"] == home, email
        client.post("/account/uitloggen")
        response = client.post(
            "/account/inloggen?next=/docent/team", data={"email": email, "password": PASSWORD}
        )
        assert response.headers["Location"] == "/docent/team", email


def test_the_staff_menu_fits_the_role(loaded: Flask, admin_id: int) -> None:
    make_user(loaded, "docent@noord.nl", role=Role.TEACHER)
    make_user(loaded, "baas@bakker.nl", organisation="Bakkerij", role=Role.EMPLOYER)
    anonymous = loaded.test_client().get("/").get_data(as_text=True)
    assert 'href="/account/inloggen">Werkgevers: inloggen' in anonymous
    assert 'href="/account/inloggen">Docenten: inloggen' in anonymous
    assert 'href="/docent/registreren">Docenten: account maken' in anonymous
    admin = log_in(loaded, "admin@noord.nl").get("/").get_data(as_text=True)
    assert 'href="/docent">Groepen' in admin and 'href="/docent/team">Team' in admin
    assert "Mijn woordenlijsten" not in admin and "Uitloggen" in admin
    assert "Meedoen" not in admin and "Docenten: inloggen" not in admin
    teacher = log_in(loaded, "docent@noord.nl").get("/").get_data(as_text=True)
    assert 'href="/docent">Groepen' in teacher and "/docent/team" not in teacher
    employer = log_in(loaded, "baas@bakker.nl").get("/").get_data(as_text=True)
    assert "Mijn woordenlijsten" in employer and 'href="/docent"' not in employer
    assert "Docenten: inloggen" not in employer

"""A teacher's groups: create, codes, learners, settings; another organisation sees nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import NOW, join
from tests.teaching.conftest import log_in, make_group, make_user
from vaktaal.accounts.models import Group, Learner, LoginLink, Role
from vaktaal.accounts.service import create_login_link, join_group
from vaktaal.extensions import db
from vaktaal.practice.models import Answer, Card
from vaktaal.sectors.models import Sector


def the_group(app: Flask, group_id: int) -> Group:
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        db.session.expunge(group)
        return group


def add_learner(app: Flask, group_id: int, name: str = "Amina", pin: str | None = None) -> int:
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        learner = join_group(db.session, group, name=name, pin=pin, now=NOW)
        db.session.commit()
        return learner.id


def the_learner(app: Flask, learner_id: int) -> Learner | None:
    with app.app_context():
        learner = db.session.get(Learner, learner_id)
        if learner is not None:
            db.session.expunge(learner)
        return learner


def count(app: Flask, model: Any, **where: Any) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**where)
        return int(db.session.scalar(query) or 0)


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


# The list of groups and making one.


def test_empty_state_and_the_form_offers_only_active_sectors_not_packs(
    loaded: Flask, teacher_client: FlaskClient
) -> None:
    with loaded.app_context():
        db.session.add(
            Sector(slug="werk", title="Werken in Nederland", description="Pakket", position=9,
                   cross_sector=True, created_at=NOW, updated_at=NOW)
        )  # fmt: skip
        db.session.commit()
    html = page(teacher_client, "/docent")
    assert "nog geen groepen" in html
    assert 'value="keuken"' in html and 'value="werk"' not in html
    assert "A0 – begint net" in html


def test_a_teacher_creates_a_group_of_their_organisation(
    loaded: Flask, teacher_client: FlaskClient, admin_id: int
) -> None:
    response = teacher_client.post(
        "/docent", data={"name": "  NT2   Keuken B ", "sector": "keuken", "level": "A1"}
    )
    assert response.status_code == 302
    with loaded.app_context():
        group = db.session.scalar(select(Group).where(Group.name == "NT2 Keuken B"))
        assert group is not None
        assert group.organisation_id == make_org_id(loaded, admin_id)
        assert group.default_level == "A1" and group.sector.slug == "keuken"
        assert response.headers["Location"] == f"/docent/groepen/{group.id}"
        code, group_id = group.join_code, group.id
    html = page(teacher_client, response.headers["Location"])
    assert "De groep NT2 Keuken B is gemaakt." in html
    assert f"{code[:3]} {code[3:]}" in html  # the code, large and spaced
    assert "Nog niemand doet mee. Deel de code of print het aanmeldblad." in html
    assert f"/docent/groepen/{group_id}/planning" in html  # on to the group's other pages
    assert f"/docent/groepen/{group_id}/voortgang" in html
    listing = page(teacher_client, "/docent")
    assert "NT2 Keuken B" in listing and code in listing


def make_org_id(app: Flask, user_id: int) -> int:
    from vaktaal.accounts.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        return user.organisation_id


def test_the_list_shows_only_own_groups_with_their_number_of_learners(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    add_learner(loaded, group_id, "Amina")
    add_learner(loaded, group_id, "Yonas")
    other = make_user(loaded, "b@zuid.nl", organisation="Taalschool Zuid", role=Role.TEACHER)
    make_group(loaded, other, name="Groep van Zuid")
    html = page(teacher_client, "/docent")
    assert "NT2 Schoonmaak A" in html and "Groep van Zuid" not in html
    assert '<td class="number" data-label="Cursisten">2</td>' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "   ", "sector": "keuken", "level": "A0"}, "Typ een naam voor de groep."),
        ({"name": "x" * 81, "sector": "keuken", "level": "A0"}, "Deze naam is te lang."),
        ({"name": "Groep", "sector": "", "level": "A0"}, "Kies een sector."),
        ({"name": "Groep", "sector": "mars", "level": "A0"}, "Kies een sector uit de lijst."),
        ({"name": "Groep", "sector": "keuken", "level": "C9"}, "Kies een niveau."),
        ({"name": "Groep", "sector": "keuken", "level": "B1"}, "Kies een niveau."),
    ],
)
def test_a_bad_new_group_is_refused_with_a_message(
    loaded: Flask, teacher_client: FlaskClient, data: dict[str, str], message: str
) -> None:
    response = teacher_client.post("/docent", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(loaded, Group) == 0


def test_an_employer_may_not_and_a_visitor_must_log_in(loaded: Flask, group_id: int) -> None:
    make_user(loaded, "baas@jansen.nl", organisation="Bakkerij Jansen", role=Role.EMPLOYER)
    employer = log_in(loaded, "baas@jansen.nl")
    assert employer.get("/docent").status_code == 403
    assert employer.get(f"/docent/groepen/{group_id}").status_code == 403
    response = loaded.test_client().get("/docent")
    assert response.status_code == 302 and "/account/inloggen" in response.headers["Location"]


# Another organisation's group and learners are not found, whatever the action.


def group_routes(group_id: int, learner_id: int) -> list[tuple[str, str, dict[str, Any]]]:
    base = f"/docent/groepen/{group_id}"
    one = f"{base}/leerlingen/{learner_id}"
    return [
        ("get", base, {}),
        ("post", f"{base}/instellingen", {"name": "X", "level": "A0", "inactive_after_days": 7}),
        ("get", f"{base}/nieuwe-code", {}),
        ("post", f"{base}/nieuwe-code", {}),
        ("get", f"{base}/aanmeldblad.pdf", {}),
        ("post", f"{base}/inlogkaarten.pdf", {"learners": [str(learner_id)]}),
        ("get", one, {}),
        ("post", f"{one}/naam", {"name": "Bob"}),
        ("post", f"{one}/niveau", {"level": "A2"}),
        ("post", f"{one}/pincode", {"pin": "4321"}),
        ("post", f"{one}/pincode-weg", {}),
        ("get", f"{one}/verwijderen", {}),
        ("post", f"{one}/verwijderen", {}),
    ]


def test_a_teacher_of_another_organisation_gets_404_everywhere_and_changes_nothing(
    loaded: Flask, group_id: int
) -> None:
    learner_id = add_learner(loaded, group_id, "Amina", pin="1234")
    before = the_group(loaded, group_id)
    make_user(loaded, "admin@zuid.nl", organisation="Taalschool Zuid")
    other = log_in(loaded, "admin@zuid.nl")
    for method, path, data in group_routes(group_id, learner_id):
        response = getattr(other, method)(path, data=data)
        assert response.status_code == 404, (method, path, response.status_code)
    after = the_group(loaded, group_id)
    assert (after.name, after.join_code) == (before.name, before.join_code)
    learner = the_learner(loaded, learner_id)
    assert learner is not None and learner.display_name == "Amina" and learner.pin_hash
    assert count(loaded, LoginLink) == 0


def test_a_learner_of_another_group_is_not_found_through_this_group(
    loaded: Flask, teacher_client: FlaskClient, admin_id: int, group_id: int
) -> None:
    second = make_group(loaded, admin_id, name="Tweede groep")
    stranger = add_learner(loaded, second, "Yonas")
    for method, path, data in group_routes(group_id, stranger)[6:]:
        response = getattr(teacher_client, method)(path, data=data)
        assert response.status_code == 404, (method, path, response.status_code)
    assert the_learner(loaded, stranger) is not None


# The join code.


def test_a_new_code_asks_first_then_the_old_code_stops_working(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    old = the_group(loaded, group_id).join_code
    confirm = page(teacher_client, f"/docent/groepen/{group_id}/nieuwe-code")
    assert "de oude code niet meer" in confirm and old in confirm
    assert the_group(loaded, group_id).join_code == old  # asking changed nothing
    response = teacher_client.post(f"/docent/groepen/{group_id}/nieuwe-code")
    assert response.status_code == 302
    new = the_group(loaded, group_id).join_code
    assert new != old and len(new) == 6
    assert set(new) <= set("ACDEFHJKMNPRTWXY3479")
    phone = loaded.test_client()
    assert phone.get(f"/join/{old}").status_code == 404
    assert phone.get(f"/join/{new}").status_code == 200
    assert f"De nieuwe code is {new}." in page(teacher_client, f"/docent/groepen/{group_id}")


def test_renewing_needs_the_csrf_token(loaded: Flask, admin_id: int, group_id: int) -> None:
    client = log_in(loaded, "admin@noord.nl")
    old = the_group(loaded, group_id).join_code
    loaded.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/docent/groepen/{group_id}/nieuwe-code").status_code == 400
    assert the_group(loaded, group_id).join_code == old


# Group settings.


def test_settings_rename_the_group_and_set_level_and_inactivity_days(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    response = teacher_client.post(
        f"/docent/groepen/{group_id}/instellingen",
        data={"name": "Keuken dinsdag", "level": "A2", "inactive_after_days": "14"},
    )
    assert response.status_code == 302
    group = the_group(loaded, group_id)
    assert (group.name, group.default_level, group.inactive_after_days) == (
        "Keuken dinsdag", "A2", 14,
    )  # fmt: skip
    learner_id = add_learner(loaded, group_id, "Nieuw")
    learner = the_learner(loaded, learner_id)
    assert learner is not None and learner.level == "A2"  # new learners start there


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "level": "A0", "inactive_after_days": "7"}, "Typ een naam voor de groep."),
        ({"name": "G", "level": "C9", "inactive_after_days": "7"}, "Kies een niveau."),
        ({"name": "G", "level": "A0", "inactive_after_days": "0"}, "van 1 tot 60"),
        ({"name": "G", "level": "A0", "inactive_after_days": "61"}, "van 1 tot 60"),
        ({"name": "G", "level": "A0", "inactive_after_days": ""}, "Typ een aantal dagen."),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(
    loaded: Flask, teacher_client: FlaskClient, group_id: int, data: dict[str, str], message: str
) -> None:
    before = the_group(loaded, group_id)
    response = teacher_client.post(f"/docent/groepen/{group_id}/instellingen", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    after = the_group(loaded, group_id)
    assert (after.name, after.default_level, after.inactive_after_days) == (
        before.name, before.default_level, before.inactive_after_days,
    )  # fmt: skip


# The learners.


def test_the_learners_table_shows_name_level_last_active_and_pin(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    amina = add_learner(loaded, group_id, "Amina", pin="1234")
    add_learner(loaded, group_id, "Yonas")
    with loaded.app_context():
        learner = db.session.get(Learner, amina)
        assert learner is not None
        learner.last_active_at = datetime(2026, 3, 11, 17, 30, tzinfo=UTC)
        db.session.commit()
    html = page(teacher_client, f"/docent/groepen/{group_id}")
    assert "Cursisten (2)" in html
    assert html.index("Amina") < html.index("Yonas")
    assert "11 mrt 2026" in html and "nog niet" in html
    assert ">ja</td>" in html and ">nee</td>" in html
    assert f"/leerlingen/{amina}/verwijderen" in html


def test_rename_a_learner(loaded: Flask, teacher_client: FlaskClient, group_id: int) -> None:
    learner_id = add_learner(loaded, group_id, "amina")
    add_learner(loaded, group_id, "Yonas")
    path = f"/docent/groepen/{group_id}/leerlingen/{learner_id}/naam"
    assert teacher_client.post(path, data={"name": " Amina  Said "}).status_code == 302
    learner = the_learner(loaded, learner_id)
    assert learner is not None
    assert (learner.display_name, learner.name_key) == ("Amina Said", "amina said")
    taken = teacher_client.post(path, data={"name": "yonas"})
    assert taken.status_code == 422
    assert "al bezet" in taken.get_data(as_text=True)
    empty = teacher_client.post(path, data={"name": "  "})
    assert empty.status_code == 422 and "Typ een naam." in empty.get_data(as_text=True)
    learner = the_learner(loaded, learner_id)
    assert learner is not None and learner.display_name == "Amina Said"


def test_set_a_learners_level(loaded: Flask, teacher_client: FlaskClient, group_id: int) -> None:
    learner_id = add_learner(loaded, group_id)
    path = f"/docent/groepen/{group_id}/leerlingen/{learner_id}/niveau"
    assert teacher_client.post(path, data={"level": "B1"}).status_code == 302
    bad = teacher_client.post(path, data={"level": "C9"})
    assert bad.status_code == 422 and "Kies een niveau." in bad.get_data(as_text=True)
    learner = the_learner(loaded, learner_id)
    assert learner is not None and learner.level == "B1"


def pin_login(app: Flask, group_id: int, pin: str) -> int:
    code = the_group(app, group_id).join_code
    phone = app.test_client()
    data = {"code": code, "name": "Amina", "pin": pin}
    return phone.post("/login", data=data).status_code


def test_the_teacher_gives_a_new_pin_or_removes_it(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    learner_id = add_learner(loaded, group_id, "Amina", pin="1234")
    with loaded.app_context():  # locked out after wrong tries: the new PIN lifts it
        learner = db.session.get(Learner, learner_id)
        assert learner is not None
        learner.pin_failures, learner.pin_locked_until = 3, datetime(2099, 1, 1, tzinfo=UTC)
        db.session.commit()
    base = f"/docent/groepen/{group_id}/leerlingen/{learner_id}"
    assert "Pincode weghalen" in page(teacher_client, base)
    assert teacher_client.post(f"{base}/pincode", data={"pin": "987654"}).status_code == 302
    assert pin_login(loaded, group_id, "1234") == 422
    assert pin_login(loaded, group_id, "987654") == 302
    for bad in ("12a", "123", "1234567", ""):
        response = teacher_client.post(f"{base}/pincode", data={"pin": bad})
        assert response.status_code == 422, bad
        assert "4 tot 6 cijfers" in response.get_data(as_text=True)
    assert pin_login(loaded, group_id, "987654") == 302  # the bad tries changed nothing
    assert teacher_client.post(f"{base}/pincode-weg").status_code == 302
    learner = the_learner(loaded, learner_id)
    assert learner is not None and learner.pin_hash is None and learner.pin_locked_until is None
    assert "Pincode weghalen" not in page(teacher_client, base)


def test_removing_a_learner_asks_first_then_deletes_all_their_practice_data(
    loaded: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    code = the_group(loaded, group_id).join_code
    phone = join(loaded, code, "Amina")
    cards = phone.get("/api/v1/next").json["items"]
    answer = {
        "uuid": str(uuid.uuid4()), "card_id": cards[0]["card_id"],
        "answered_at": NOW.isoformat(), "kind": "word_pick_picture", "correct": True,
        "response_ms": 2000,
    }  # fmt: skip
    assert phone.post("/api/v1/answers", json={"answers": [answer]}).status_code == 200
    stays = add_learner(loaded, group_id, "Yonas")
    with loaded.app_context():
        amina = db.session.scalar(select(Learner).where(Learner.name_key == "amina"))
        assert amina is not None
        learner_id = amina.id
        create_login_link(db.session, amina, now=NOW)
        db.session.commit()
    assert count(loaded, Answer, learner_id=learner_id) == 1
    assert count(loaded, Card, learner_id=learner_id) > 0
    path = f"/docent/groepen/{group_id}/leerlingen/{learner_id}/verwijderen"
    confirm = page(teacher_client, path)
    assert "alle oefengegevens van Amina worden gewist" in confirm
    assert the_learner(loaded, learner_id) is not None
    response = teacher_client.post(path)
    assert response.status_code == 302
    assert the_learner(loaded, learner_id) is None
    for model in (Answer, Card, LoginLink):
        assert count(loaded, model, learner_id=learner_id) == 0
    assert the_learner(loaded, stays) is not None
    assert "Amina is uit de groep verwijderd." in page(
        teacher_client, f"/docent/groepen/{group_id}"
    )
    assert phone.get("/oefenen").status_code == 302  # that phone is logged out


# The service underneath.


def test_a_new_group_practises_the_cross_sector_packs_and_a_pack_is_no_group_sector(
    loaded: Flask, admin_id: int
) -> None:
    from vaktaal.accounts.models import User
    from vaktaal.teaching import groups

    with loaded.app_context():
        db.session.add(
            Sector(slug="werk", title="Werken in Nederland", description="Pakket", position=9,
                   cross_sector=True, created_at=NOW, updated_at=NOW)
        )  # fmt: skip
        db.session.flush()
        teacher = db.session.get(User, admin_id)
        assert teacher is not None
        group = groups.create_teacher_group(
            db.session, teacher, name="Keuken", sector_slug="keuken", level="A0", now=NOW
        )
        assert [pack.slug for pack in group.packs] == ["werk"]
        assert group.organisation_id == teacher.organisation_id
        with pytest.raises(groups.GroupError, match="unknown-sector"):
            groups.create_teacher_group(
                db.session, teacher, name="Werk", sector_slug="werk", level="A0", now=NOW
            )


def test_printed_addresses_and_the_spaced_code() -> None:
    from vaktaal.teaching import groups

    group = Group(join_code="ACD7KM")
    assert groups.join_url("https://vaktaal.example/", group) == "https://vaktaal.example/j/ACD7KM"
    assert (
        groups.login_url("https://vaktaal.example", "abc") == "https://vaktaal.example/login/abc"
    )
    assert groups.spaced_code("ACD7KM") == "ACD 7KM"

"""Who may do what: every route of the app × every role → the expected result.

The world is built once into a SQLite file; every case copies that file, so a request
that changes something (deactivating a teacher, removing a learner) cannot leak into
the next case. Authorization does not depend on the database engine, so this runs on
SQLite only. A route without a row in ROUTES fails `test_every_route_is_in_the_table`.

Roles: `anon` (nobody), `learner` (a phone of a learner of group A), `employer`,
`teacher` and `admin` of organisation A (the owner of group A and its data), `other`
(a teacher and admin of organisation B).

Results: OK means the role got through (2xx, a redirect that is not to a login page,
or 400/422 for a form that was sent empty); LOGIN a redirect to the staff login; JOIN a
redirect to the learner's join page; or the exact status code.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import FIXTURES, NOW, make_app
from tests.teaching.conftest import PASSWORD, PASSWORD_HASH
from vaktaal.accounts import service as accounts
from vaktaal.accounts.models import Organisation, Role, User
from vaktaal.accounts.session import DEVICE_COOKIE
from vaktaal.extensions import db
from vaktaal.glossary.models import CompanyWord, SavedGlossary
from vaktaal.ownwords import files
from vaktaal.ownwords import service as ownwords
from vaktaal.ownwords.models import FlaggedWord
from vaktaal.sectors.models import Sector, Theme
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content
from vaktaal.teaching import team
from vaktaal.teaching.models import ThemeAssignment, TrainingSession

OK, LOGIN, JOIN = "ok", "login", "join"
ROLES = ("anon", "learner", "employer", "other", "teacher", "admin")


def row(anon: Any, learner: Any, employer: Any, other: Any, teacher: Any, admin: Any) -> dict:
    return dict(zip(ROLES, (anon, learner, employer, other, teacher, admin), strict=True))


PUBLIC = row(OK, OK, OK, OK, OK, OK)
LEARNER_PAGE = row(JOIN, OK, JOIN, JOIN, JOIN, JOIN)
LEARNER_API = row(401, OK, 401, 401, 401, 401)
STAFF = row(LOGIN, LOGIN, OK, OK, OK, OK)  # any staff account, its own organisation's data
TEACHER = row(LOGIN, LOGIN, 403, OK, OK, OK)  # any teacher, own organisation's rows only
GROUP_A = row(LOGIN, LOGIN, 403, 404, OK, OK)  # group A's pages and rows
ADMIN = row(LOGIN, LOGIN, 403, OK, 403, OK)  # team management, own organisation
ADMIN_A = row(LOGIN, LOGIN, 403, 404, 403, OK)  # an admin action on organisation A's rows
EMPLOYER_ROW = row(LOGIN, LOGIN, OK, 404, 404, 404)  # the employer's saved rows


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    expected: dict[str, Any]
    data: dict[str, Any] | None = None


class World:
    """The ids of everything the cases refer to."""

    ids: dict[str, Any]

    def __init__(self) -> None:
        self.ids = {}


EMAILS = {
    "employer": "baas@jansen.nl",
    "teacher": "docent@noord.nl",
    "admin": "admin@noord.nl",
    "other": "admin@zuid.nl",
}


def _user(org: Organisation, email: str, role: Role) -> User:
    user = User(
        organisation=org,
        email=email,
        password_hash=PASSWORD_HASH,
        role=role.value,
        created_at=NOW,
    )
    db.session.add(user)
    return user


def build_world(app: Flask, ids: dict[str, Any]) -> None:
    report = check_content(Path(app.config["CONTENT_DIR"]), checker=None)
    sync_content(db.session, report.sectors, now=NOW)
    noord = Organisation(name="Taalschool Noord", created_at=NOW)
    zuid = Organisation(name="Taalschool Zuid", created_at=NOW)
    jansen = Organisation(name="Bakkerij Jansen", created_at=NOW)
    admin = _user(noord, EMAILS["admin"], Role.ADMIN)
    teacher = _user(noord, EMAILS["teacher"], Role.TEACHER)
    _user(zuid, EMAILS["other"], Role.ADMIN)
    _user(jansen, EMAILS["employer"], Role.EMPLOYER)
    db.session.flush()
    sector = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
    assert sector is not None
    group = accounts.create_group(db.session, name="Keuken A", sector=sector, now=NOW)
    group.organisation_id = noord.id
    learner = accounts.join_group(db.session, group, name="Amina", pin="1234", now=NOW)
    ids["device_token"] = accounts.register_device(db.session, learner, now=NOW)
    ids["login_token"] = accounts.create_login_link(db.session, learner, now=NOW)
    theme = db.session.scalar(select(Theme).where(Theme.slug == "schoon"))
    assert theme is not None
    training = TrainingSession(
        group_id=group.id,
        day=date(2026, 3, 19),
        part_of_day="ochtend",
        topic="Hygiëne in de keuken",
        created_at=NOW,
    )
    db.session.add(training)
    db.session.flush()
    assignment = ThemeAssignment(
        group_id=group.id,
        theme_id=theme.id,
        training_session_id=training.id,
        due_at=NOW + timedelta(days=7),
        assigned_at=NOW,
        assigned_by_id=admin.id,
    )
    db.session.add(assignment)
    db.session.flush()
    ids.update(
        group_id=group.id,
        code=group.join_code,
        learner_id=learner.id,
        user_id=teacher.id,
        session_id=training.id,
        assignment_id=assignment.id,
        theme_id=theme.id,
        sector="keuken",
        theme="schoon",
        term="emmer",
        folder="keuken",
        name="mop",
    )
    _build_more(ids, jansen=jansen, admin=admin, learner=learner, sector=sector)


def _build_more(ids: dict[str, Any], **rows: Any) -> None:
    """Rows of the other areas: an invitation, the employer's saved rows, own words."""
    invitation, ids["invitation_token"] = team.create_invitation(
        db.session, rows["admin"], email="nieuw@noord.nl", now=NOW
    )
    ids["invitation_id"] = invitation.id
    jansen = rows["jansen"]
    saved = SavedGlossary(
        organisation_id=jansen.id,
        name="Keuken",
        selection={"sector": "keuken", "themes": ["basis"]},
        created_at=NOW,
        updated_at=NOW,
    )
    word = CompanyWord(
        organisation_id=jansen.id, lemma="deegmachine", article="de", glosses={}, created_at=NOW
    )
    db.session.add_all([saved, word])
    db.session.flush()
    folder = files.flag_folder()
    flag = FlaggedWord(
        learner_id=rows["learner"].id,
        group_id=rows["learner"].group_id,
        text="deegroller",
        audio_name=files.store_file(folder, b"OggS" + bytes(60), "ogg"),
        photo_name=files.store_file(folder, b"\xff\xd8\xff" + bytes(60), "jpg"),
        created_at=NOW,
        status="open",
    )
    db.session.add(flag)
    own = ownwords.create_term(
        db.session, rows["admin"].organisation_id, sector=rows["sector"], lemma="snijplank",
        article="de", now=NOW,
    )  # fmt: skip
    own_theme = ownwords.create_theme(
        db.session, rows["admin"].organisation_id, sector=rows["sector"], title="Snijden",
        terms=[own], now=NOW,
    )  # fmt: skip
    db.session.flush()
    ids.update(saved_id=saved.id, word_id=word.id, flag_id=flag.id, term_id=own.id)
    ids["own_theme_id"] = own_theme.id
    ids["organisation_id"] = rows["admin"].organisation_id


# Values for the URL arguments that differ per endpoint.
ARGUMENTS: dict[str, dict[str, str]] = {
    "accounts.login_link": {"token": "login_token"},
    "team.accept": {"token": "invitation_token"},
    "accounts.reset_password": {"token": "=geen-geldige-link"},
    "core.set_language": {"code": "=en"},
    "audio.clip": {"name": "=geen-bestand.mp3"},
    "ownwords.photo": {"name": "=geen-foto.jpg"},
    "ownwords.pictogram": {"code": "=1FAA3"},
    "themes.edit": {"theme_id": "own_theme_id"},
    "themes.retire": {"theme_id": "own_theme_id"},
}

# endpoint → expected per role, or {method: expected per role} where methods differ.
ROUTES: dict[str, Any] = {
    # Learners: joining and logging in is open to everyone.
    "accounts.join": PUBLIC,
    "accounts.join_group": PUBLIC,
    "accounts.join_link": PUBLIC,
    "accounts.login": PUBLIC,
    "accounts.login_link": PUBLIC,
    "accounts.logout": row(400, OK, 400, 400, 400, 400),  # only a phone can log out
    "accounts.start": PUBLIC,
    # Staff log-in and sign-up.
    "accounts.register": PUBLIC,
    "accounts.user_login": PUBLIC,
    "accounts.user_logout": PUBLIC,
    "accounts.change_password": STAFF,  # one's own password
    # Public for whoever holds a valid link (tests/accounts/test_password.py); a link
    # that does not work is "not found" for everyone, logged in or not.
    "accounts.reset_password": row(404, 404, 404, 404, 404, 404),
    "team.register": PUBLIC,
    "team.accept": PUBLIC,  # anyone holding the one-time link
    # The practice app and its API: the learner of this phone only.
    "practice.practise": LEARNER_PAGE,
    "practice.progress": LEARNER_PAGE,
    "practice.my_data": LEARNER_PAGE,
    "practice.my_data_download": LEARNER_PAGE,
    "practice.delete_my_data": LEARNER_PAGE,
    "practice.service_worker": PUBLIC,
    "api.next_items": LEARNER_API,
    "api.answers": LEARNER_API,
    "api.progress_json": LEARNER_API,
    "api.openapi": PUBLIC,
    # Public content, glossaries and audio.
    "core.healthz": PUBLIC,
    "core.set_language": PUBLIC,
    "sectors.home": PUBLIC,
    "sectors.theme": PUBLIC,
    "sectors.picture": PUBLIC,
    "audio.clip": row(404, 404, 404, 404, 404, 404),  # public; this world has no clips
    "glossary.builder": PUBLIC,
    "glossary.pdf": PUBLIC,
    "glossary.tips": PUBLIC,
    "glossary.tips_pdf": PUBLIC,
    "glossary.word": PUBLIC,
    # An organisation's saved glossaries and company words: any staff account keeps its
    # own; the employer's rows are found only by the employer.
    "employer.save": STAFF,
    "employer.saved_list": STAFF,
    "employer.company_words": STAFF,
    "employer.saved_pdf": EMPLOYER_ROW,
    "employer.saved_delete": EMPLOYER_ROW,
    "employer.company_photo": row(LOGIN, LOGIN, 404, 404, 404, 404),  # this word has none
    "employer.company_word_delete": EMPLOYER_ROW,
    # Teachers: their organisation's groups.
    "groups.index": TEACHER,
    "groups.detail": GROUP_A,
    "groups.renew_code": GROUP_A,
    "groups.settings": GROUP_A,
    "groups.delete_group": GROUP_A,
    "groups.join_sheet": GROUP_A,
    "groups.login_cards": GROUP_A,
    "groups.learner": GROUP_A,
    "groups.rename_learner": GROUP_A,
    "groups.learner_level": GROUP_A,
    "groups.learner_pin": GROUP_A,
    "groups.remove_pin": GROUP_A,
    "groups.remove_learner": GROUP_A,
    "planner.week": GROUP_A,
    "planner.import_csv": GROUP_A,
    "planner.edit": GROUP_A,
    "planner.delete": GROUP_A,
    "planner.assign": GROUP_A,
    "planner.assign_by_date": GROUP_A,
    "planner.unassign": GROUP_A,
    "dashboard.overview": GROUP_A,
    "dashboard.export": GROUP_A,
    # Team management: organisation admins, within their organisation.
    "team.members": ADMIN,
    "team.deactivate": ADMIN_A,
    "team.reactivate": ADMIN_A,
    "team.revoke": ADMIN_A,
    "team.reset_link": ADMIN_A,  # a link for a new password for a teacher of A
    # An organisation's own words; their photos are served by an unguessable name.
    "ownwords.index": TEACHER,
    "ownwords.new": TEACHER,
    "ownwords.import_csv": TEACHER,
    "ownwords.pictogram": TEACHER,
    "ownwords.edit": GROUP_A,  # organisation A's word
    "ownwords.retire": GROUP_A,
    "themes.index": TEACHER,
    "themes.edit": GROUP_A,  # organisation A's theme
    "themes.retire": GROUP_A,
    "ownwords.photo": row(404, 404, 404, 404, 404, 404),  # public by name; no such photo
    # Text → theme.
    "texts.analyse": TEACHER,
    "texts.save": TEACHER,
    # Words from the work floor: a learner of a group sends; that group's teachers read.
    "inbox.flag": LEARNER_PAGE,
    "inbox.sent": LEARNER_PAGE,
    "inbox.index": TEACHER,
    "inbox.handle": GROUP_A,
    "inbox.dismiss": GROUP_A,
    "inbox.audio": GROUP_A,
    "inbox.photo": row(404, OK, 404, 404, OK, OK),  # its sender and its teachers only
}


def _cases(app: Flask, ids: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(endpoint, method, path, expected) for every rule of the app but static files."""
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
            if rule.endpoint == "static":
                continue
            values = {}
            for argument in rule.arguments:
                source = ARGUMENTS.get(rule.endpoint, {}).get(argument, argument)
                values[argument] = source[1:] if source.startswith("=") else ids[source]
            path = url_for(rule.endpoint, **values)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                expected = ROUTES.get(rule.endpoint)
                if expected is not None and method in expected:
                    expected = expected[method]
                yield rule.endpoint, method, path, expected


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The world's database file and the ids in it."""
    folder = tmp_path_factory.mktemp("world")
    content = folder / "content"
    shutil.copytree(FIXTURES, content)
    app = make_app(f"sqlite:///{folder / 'world.sqlite3'}", folder, content)
    ids: dict[str, Any] = {}
    with app.app_context():
        db.create_all()
        build_world(app, ids)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    shutil.copytree(folder / "instance", folder / "instance-world")
    return folder, ids


@pytest.fixture(scope="module")
def matrix_app(world: tuple[Path, dict[str, Any]]) -> Flask:
    """One app for all cases (its templates compile once); each case gets a fresh copy
    of the world's database file under it."""
    folder, _ids = world
    return make_app(
        f"sqlite:///{folder / 'case.sqlite3'}",
        folder,
        folder / "content",
        WTF_CSRF_ENABLED=False,
        RATELIMIT_ENABLED=False,
        CLOCK=lambda: NOW,
    )


def _fresh(app: Flask, world: tuple[Path, dict[str, Any]]) -> Flask:
    folder, _ids = world
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    shutil.copy(folder / "world.sqlite3", folder / "case.sqlite3")
    # Files too: removing a learner deletes the files of the words they flagged.
    shutil.rmtree(folder / "instance")
    shutil.copytree(folder / "instance-world", folder / "instance")
    return app


def _client(app: Flask, role: str, ids: dict[str, Any]) -> FlaskClient:
    client = app.test_client()
    if role == "learner":
        client.set_cookie(DEVICE_COOKIE, ids["device_token"])
    elif role != "anon":
        response = client.post(
            "/account/inloggen", data={"email": EMAILS[role], "password": PASSWORD}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _result(status: int, location: str) -> str | int:
    if status in (301, 302, 303):
        if location.startswith("/account/inloggen"):
            return LOGIN
        if location.startswith("/join?"):
            return JOIN
        return OK
    if status in (200, 201, 204, 400, 422):
        # 400 and 422: the role got through and the (empty) form was refused.
        return OK if status != 400 else 400
    return status


def _matches(expected: Any, got: str | int) -> bool:
    # An empty POST may be refused with 400 after the role got through: that is OK too.
    return got == expected or (expected == OK and got == 400)


def _all_cases() -> list[Any]:
    """The cases as pytest params: built from the app's rules at collection time."""
    scratch = Path(tempfile.mkdtemp(prefix="vaktaal-routes-"))
    app = make_app("sqlite://", scratch, FIXTURES)
    ids: defaultdict[str, Any] = defaultdict(lambda: 1)
    ids.update({"token": "x", "code": "X", "sector": "s", "theme": "t", "term": "t"})
    ids.update({"folder": "f", "name": "n", "device_token": "x"})
    params = []
    for endpoint, method, _path, _expected in _cases(app, ids):
        for role in ROLES:
            params.append(pytest.param(endpoint, method, role, id=f"{endpoint}-{method}-{role}"))
    return params


def test_every_route_is_in_the_table(
    world: tuple[Path, dict[str, Any]], matrix_app: Flask
) -> None:
    app = _fresh(matrix_app, world)
    missing = [
        f"{method} {endpoint}"
        for endpoint, method, _path, expected in _cases(app, world[1])
        if expected is None or set(expected) != set(ROLES)
    ]
    assert missing == []


@pytest.mark.parametrize(("endpoint", "method", "role"), _all_cases())
def test_role_may_or_may_not(
    world: tuple[Path, dict[str, Any]], matrix_app: Flask, endpoint: str, method: str, role: str
) -> None:
    app = _fresh(matrix_app, world)
    ids = world[1]
    case = next(
        (path, expected)
        for name, verb, path, expected in _cases(app, ids)
        if name == endpoint and verb == method
    )
    path, expected = case
    if expected is None:
        pytest.fail(f"{method} {endpoint} has no row in ROUTES")
    client = _client(app, role, ids)
    response = client.open(path, method=method, data={})
    response.close()  # a file sent from disk closes with the response
    got = _result(response.status_code, response.headers.get("Location", ""))
    assert _matches(expected[role], got), (
        f"{role} {method} {path}: expected {expected[role]}, got {response.status_code} "
        f"{response.headers.get('Location', '')}"
    )
    with app.app_context():
        db.session.remove()
        db.engine.dispose()

"""Joining, names, PINs with lockout, login links and remembered phones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.conftest import NOW
from vaktaal.accounts import service
from vaktaal.extensions import db


def group(app: Flask, code: str) -> service.Group:
    found = service.find_group(db.session, code)
    assert found is not None
    return found


def test_join_code_has_no_look_alikes(loaded: Flask, join_code: str) -> None:
    assert len(join_code) == 6
    assert not set(join_code) & set("0O1IL2Z5S6G8BUV")


def test_code_is_found_in_any_case_and_with_spaces(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        typed = f" {join_code[:3].lower()} {join_code[3:].lower()} "
        assert group(loaded, typed).join_code == join_code
        assert service.find_group(db.session, "XXXXXX") is None


def test_join_takes_the_groups_level_and_refuses_a_taken_name(
    loaded: Flask, join_code: str
) -> None:
    with loaded.app_context():
        g = group(loaded, join_code)
        amina = service.join_group(db.session, g, name="  Amina  ", pin=None, now=NOW)
        assert (amina.display_name, amina.level, amina.sector.slug) == ("Amina", "A0", "keuken")
        with pytest.raises(service.AccountError, match="name-taken"):
            service.join_group(db.session, g, name="amina", pin=None, now=NOW)
        with pytest.raises(service.AccountError, match="empty-name"):
            service.join_group(db.session, g, name="   ", pin=None, now=NOW)
        with pytest.raises(service.AccountError, match="bad-pin"):
            service.join_group(db.session, g, name="Yonas", pin="12a4", now=NOW)


def test_pin_login_locks_after_five_wrong_tries(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        service.join_group(db.session, group(loaded, join_code), name="Yonas", pin="4821", now=NOW)

        def attempt(pin: str, minutes: int = 0) -> service.PinResult:
            return service.login_with_pin(
                db.session, code=join_code, name="yonas", pin=pin,
                now=NOW + timedelta(minutes=minutes),
            )  # fmt: skip

        assert attempt("4821").learner is not None
        assert [attempt("0000").error for _ in range(4)] == ["wrong-pin"] * 4
        locked = attempt("0000")
        assert locked.error == "locked"
        assert locked.locked_until == NOW + service.PIN_LOCKOUT
        # Even the right PIN is refused while locked ...
        assert attempt("4821", minutes=5).error == "locked"
        # ... and works again afterwards.
        assert attempt("4821", minutes=16).learner is not None
        assert attempt("1111", minutes=16).error == "wrong-pin"
        assert attempt("4821", minutes=16).learner is not None


def test_pin_login_does_not_tell_which_part_was_wrong(loaded: Flask, join_code: str) -> None:
    with loaded.app_context():
        service.join_group(db.session, group(loaded, join_code), name="Sara", pin=None, now=NOW)
        for code, name in [("XXXXXX", "Sara"), (join_code, "Nobody"), (join_code, "Sara")]:
            result = service.login_with_pin(db.session, code=code, name=name, pin="1234", now=NOW)
            assert result.error == "unknown"


def test_login_link_and_device_tokens_are_stored_hashed_and_revocable(
    loaded: Flask, join_code: str
) -> None:
    with loaded.app_context():
        learner = service.join_group(
            db.session, group(loaded, join_code), name="Sara", pin=None, now=NOW
        )
        token = service.create_login_link(db.session, learner, now=NOW)
        assert service.learner_for_login_link(db.session, token) is learner
        assert service.learner_for_login_link(db.session, token + "x") is None
        assert service.revoke_login_links(db.session, learner, now=NOW) == 1
        assert service.learner_for_login_link(db.session, token) is None

        cookie = service.register_device(db.session, learner, now=NOW)
        device = service.device_for_token(db.session, cookie)
        assert device is not None and device.token_hash != cookie
        service.revoke_device(device, now=NOW)
        assert service.device_for_token(db.session, cookie) is None

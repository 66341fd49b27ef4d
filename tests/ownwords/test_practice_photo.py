"""A learner's phone gets an own word's uploaded photo in practice, and can load it."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import NOW, join
from tests.ownwords.conftest import keuken
from tests.ownwords.test_views import add_word, own_term, png
from vaktaal.accounts.models import Group
from vaktaal.extensions import db
from vaktaal.ownwords import service
from vaktaal.ownwords.models import PracticeExtra


def test_practice_shows_an_uploaded_photo(
    loaded: Flask, teacher_client: FlaskClient, org_id: int, group_id: int
) -> None:
    assert add_word(loaded, teacher_client, photo=png()).status_code == 302
    term = own_term(loaded)
    with loaded.app_context():
        service.create_theme(
            db.session, org_id, sector=keuken(), title="Snijden",
            terms=[db.session.merge(term)], now=NOW,
        )  # fmt: skip
        group = db.session.get(Group, group_id)
        assert group is not None
        code = group.join_code
        # Added to the group's practice (as from the work floor): it comes first.
        db.session.add(PracticeExtra(group_id=group_id, term_id=term.id, added_at=NOW))
        db.session.commit()
    phone = join(loaded, code)
    response = phone.get("/api/v1/next?size=30")
    assert response.status_code == 200, response.get_data(as_text=True)
    pictures = {
        value
        for item in response.json["items"]
        for value in _strings(item)
        if value.startswith("/woordfoto/")
    }
    assert len(pictures) == 1
    photo = phone.get(pictures.pop())
    assert photo.status_code == 200 and photo.mimetype == "image/png"


def _strings(value: object) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []

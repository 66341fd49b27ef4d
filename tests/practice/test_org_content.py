"""Learners practise their organisation's own words and themes, and no one else's."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from tests.conftest import NOW
from tests.practice.test_preteach_practice import batch, learner, words
from tests.teaching.conftest import make_group, make_user
from vaktaal.accounts.models import Group, Learner, Role
from vaktaal.extensions import db
from vaktaal.ownwords import service as ownwords
from vaktaal.ownwords.models import PracticeExtra
from vaktaal.sectors.models import Sector, Term


def _group_learner(app: Flask, group_id: int, name: str) -> Learner:
    group = db.session.get(Group, group_id)
    assert group is not None
    return learner(group.join_code, name)


def _own_term(organisation_id: int, lemma: str, *, group_id: int | None = None) -> Term:
    sector = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
    assert sector is not None
    term = ownwords.create_term(
        db.session, organisation_id, sector=sector, lemma=lemma, article="de", now=NOW
    )
    ownwords.create_theme(
        db.session, organisation_id, sector=sector, title=f"Thema {lemma}", terms=[term],
        group_id=group_id, now=NOW,
    )  # fmt: skip
    return term


def test_own_themes_reach_only_their_organisation_and_group(loaded: Flask) -> None:
    noord = make_user(loaded, "a@noord.nl")
    zuid = make_user(loaded, "b@zuid.nl", organisation="Taalschool Zuid", role=Role.TEACHER)
    first, second = make_group(loaded, noord, "Eerste"), make_group(loaded, noord, "Tweede")
    elsewhere = make_group(loaded, zuid, "Zuid")
    with loaded.app_context():
        org = db.session.get(Group, first)
        assert org is not None and org.organisation_id is not None
        _own_term(org.organisation_id, "snijplank")  # for every group of Noord
        _own_term(org.organisation_id, "deegroller", group_id=first)  # for one group
        seen = {
            name: set(words(batch(_group_learner(loaded, group, name), size=50)))
            for name, group in (("Amina", first), ("Bilal", second), ("Chen", elsewhere))
        }
    prefix = f"org{org.organisation_id}."
    assert {prefix + "snijplank", prefix + "deegroller"} <= seen["Amina"]
    assert prefix + "snijplank" in seen["Bilal"] and prefix + "deegroller" not in seen["Bilal"]
    assert not any(key.startswith("org") for key in seen["Chen"])


def test_a_word_added_from_the_work_floor_comes_first(loaded: Flask) -> None:
    noord = make_user(loaded, "a@noord.nl")
    group_id = make_group(loaded, noord)
    with loaded.app_context():
        amina = _group_learner(loaded, group_id, "Amina")
        bilal = _group_learner(loaded, group_id, "Bilal")
        term = db.session.scalar(select(Term).where(Term.key == "zeep"))
        assert term is not None
        db.session.add(
            PracticeExtra(group_id=group_id, learner_id=amina.id, term_id=term.id, added_at=NOW)
        )
        db.session.flush()
        assert words(batch(amina))[0] == "zeep"
        assert words(batch(bilal))[0] != "zeep"
        db.session.add(PracticeExtra(group_id=group_id, term_id=term.id, added_at=NOW))
        db.session.flush()
        assert words(batch(_group_learner(loaded, group_id, "Chen")))[0] == "zeep"

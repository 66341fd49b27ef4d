from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from tests.conftest import NOW
from vaktaal.accounts.models import Organisation
from vaktaal.extensions import db
from vaktaal.language.terms import KnownTerm, extract_terms
from vaktaal.sectors.models import Sector, Term, Theme, ThemeTerm
from vaktaal.texts.service import UnknownSector, analyse_text, known_terms


def add_term(
    sector: Sector,
    key: str,
    lemma: str,
    *,
    plural: str | None = None,
    theme: Theme | None = None,
    organisation: Organisation | None = None,
) -> Term:
    term = Term(
        sector=sector,
        key=key,
        lemma=lemma,
        word_class="noun",
        article="de",
        plural=plural,
        countable=True,
        abstract=False,
        example=f"Pak de {lemma}.",
        level="A1",
        tags=[],
        organisation_id=organisation.id if organisation else None,
        created_at=NOW,
        updated_at=NOW,
    )
    db.session.add(term)
    db.session.flush()
    if theme is not None:
        db.session.add(ThemeTerm(theme_id=theme.id, term_id=term.id, position=99))
    return term


def werk_pack() -> Sector:
    sector = Sector(
        slug="werk",
        title="Werk",
        description="Overal",
        position=0,
        cross_sector=True,
        created_at=NOW,
        updated_at=NOW,
    )
    db.session.add(sector)
    theme = Theme(
        sector=sector,
        slug="veilig",
        title="Veilig",
        description="",
        level="A1",
        position=1,
        training_topics=[],
        created_at=NOW,
        updated_at=NOW,
    )
    db.session.add(theme)
    db.session.flush()
    add_term(sector, "helm", "helm", plural="helmen", theme=theme)
    add_term(sector, "emmer", "emmer", plural="emmers", theme=theme)
    return sector


def test_known_terms_are_the_sectors_and_the_cross_sector_packs(loaded: Flask) -> None:
    with loaded.app_context():
        werk_pack()
        known = known_terms(db.session, "keuken")
        assert known["emmer"] == KnownTerm("keuken", "basis", "emmer", "emmer", ("emmers",))
        assert known["mop"].forms == ("moppen",)
        assert known["zeep"].theme == "schoon"
        assert known["helm"] == KnownTerm("werk", "veilig", "helm", "helm", ("helmen",))
        assert set(known_terms(db.session, "werk")) == {"helm", "emmer"}


def test_retired_and_other_organisations_words_are_not_known(loaded: Flask) -> None:
    with loaded.app_context():
        keuken = db.session.scalar(select(Sector).where(Sector.slug == "keuken"))
        assert keuken is not None
        ours = Organisation(name="Ons bedrijf", created_at=NOW)
        theirs = Organisation(name="Ander bedrijf", created_at=NOW)
        db.session.add_all([ours, theirs])
        db.session.flush()
        add_term(keuken, f"org{ours.id}.vaatwasser", "vaatwasser", organisation=ours)
        add_term(keuken, f"org{theirs.id}.pannenspons", "pannenspons", organisation=theirs)
        retired = add_term(keuken, "pollepel", "pollepel")
        retired.retired_at = NOW
        db.session.flush()

        assert not {"vaatwasser", "pannenspons", "pollepel"} & set(
            known_terms(db.session, "keuken")
        )
        own = known_terms(db.session, "keuken", organisation_id=ours.id)
        assert own["vaatwasser"].key == f"org{ours.id}.vaatwasser"
        assert own["vaatwasser"].theme is None
        assert "pannenspons" not in own


def test_an_unknown_sector_is_refused(loaded: Flask) -> None:
    with loaded.app_context(), pytest.raises(UnknownSector):
        known_terms(db.session, "ruimtevaart")


def test_a_text_is_analysed_with_the_known_terms_marked(loaded: Flask) -> None:
    text = "Vul de emmers met heet water en zeep. Zet de vaatwasser aan met een vaatwastablet."
    with loaded.app_context():
        candidates = analyse_text(db.session, text, sector_slug="keuken")
    by_lemma = {c.lemma: c for c in candidates}
    assert by_lemma["emmer"].known is not None and by_lemma["emmer"].forms == ("emmers",)
    assert by_lemma["zeep"].known is not None
    assert by_lemma["vaatwastablet"].known is None
    # Being in the sector's lists adds to the score of a common word like "emmer".
    new_emmer = {c.lemma: c for c in extract_terms(text)}["emmer"]
    assert by_lemma["emmer"].score == pytest.approx(new_emmer.score + 0.5)

"""Own terms and themes: validation, keys and slugs, isolation, audio."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests.audio.conftest import FakeEngine
from tests.conftest import NOW
from tests.ownwords.conftest import keuken
from vaktaal.audio.models import AudioClip
from vaktaal.audio.service import term_audio_urls
from vaktaal.extensions import db
from vaktaal.ownwords import service
from vaktaal.ownwords.service import OwnWordsError
from vaktaal.sectors.models import Sector, Term


def _term(org: int, lemma: str = "snijplank", **fields: object) -> Term:
    values: dict[str, object] = {"article": "de", "plural": "snijplanken", **fields}
    return service.create_term(
        db.session,
        org,
        sector=keuken(),
        lemma=lemma,
        now=NOW,
        **values,  # type: ignore[arg-type]
    )


def test_create_term_keys_it_for_the_organisation(loaded: Flask, org_id: int) -> None:
    with loaded.test_request_context():
        term = _term(
            org_id,
            example="Leg de snijplank  op het aanrecht.",
            glosses={"en": " cutting board ", "ar": "", "ti": "ሰሌዳ"},
        )
        assert term.key == f"org{org_id}.snijplank"
        assert term.organisation_id == org_id
        assert term.example == "Leg de snijplank op het aanrecht."
        assert {g.language: (g.text, g.status) for g in term.glosses} == {
            "en": ("cutting board", "draft"),
            "ti": ("ሰሌዳ", "draft"),
        }
        assert term.countable and term.abstract  # a plural; no picture yet
        assert term.tags == [] and term.created_at == term.updated_at == NOW


def test_clashing_keys_get_a_number(loaded: Flask, org_id: int) -> None:
    with loaded.test_request_context():
        keys = [_term(org_id, lemma).key for lemma in ("Snijplank", "snijplank", "snijplank!")]
        assert keys == [
            f"org{org_id}.snijplank",
            f"org{org_id}.snijplank-2",
            f"org{org_id}.snijplank-3",
        ]
        # Letters with accents and signs become a plain slug.
        assert _term(org_id, "Crème fraîche", plural=None).key == f"org{org_id}.creme-fraiche"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"lemma": "  "}, "empty-lemma"),
        ({"lemma": "x" * 81}, "long-lemma"),
        ({"article": "het"}, None),
        ({"article": "een"}, "article"),
        ({"article": None}, "article"),
        ({"word_class": "verb", "article": "de", "plural": None}, "article-not-noun"),
        ({"word_class": "zin"}, "word-class"),
        ({"example": "x" * 301}, "long-example"),
        ({"glosses": {"xx": "bucket"}}, "gloss-language"),
        ({"glosses": {"en": "x" * 201}}, "long-gloss"),
        ({"level": "C2"}, "level"),
        ({"plural": "x" * 81}, "long-plural"),
    ],
)
def test_create_term_validation(
    loaded: Flask, org_id: int, fields: dict[str, object], code: str | None
) -> None:
    with loaded.test_request_context():
        fields = dict(fields)  # the same dict is the parameter of both databases
        lemma = str(fields.pop("lemma", "snijplank"))
        if code is None:
            assert _term(org_id, lemma, **fields).id
            return
        with pytest.raises(OwnWordsError) as problem:
            _term(org_id, lemma, **fields)
        assert problem.value.code == code
        assert problem.value.message  # a Dutch sentence for the page
        assert db.session.scalar(select(Term).where(Term.organisation_id == org_id)) is None


def test_a_verb_needs_no_article_and_gets_an_example(loaded: Flask, org_id: int) -> None:
    with loaded.test_request_context():
        term = _term(org_id, "snijden", word_class="verb", article=None, plural=None)
        assert term.article is None and not term.countable
        assert term.example == "snijden"  # something to speak and to practise


def test_update_term_keeps_the_key_and_marks_changed_glosses_draft(
    loaded: Flask, org_id: int
) -> None:
    with loaded.test_request_context():
        term = _term(org_id, glosses={"en": "board", "ar": "لوح"})
        term.glosses[0].status = "reviewed"  # ar
        term.glosses[1].status = "reviewed"  # en
        later = NOW.replace(hour=9)
        service.update_term(
            db.session, term, lemma="Snijplank", article="de", plural="snijplanken",
            glosses={"en": "cutting board", "ar": "لوح"}, level="A2", now=later,
        )  # fmt: skip
        assert term.key == f"org{org_id}.snijplank" and term.lemma == "Snijplank"
        assert {g.language: g.status for g in term.glosses} == {"ar": "reviewed", "en": "draft"}
        assert term.updated_at == later and term.level == "A2"
        service.update_term(db.session, term, lemma="snijplank", article="de", now=later)
        assert term.glosses == [] and term.plural is None and not term.countable


def test_find_org_term_never_finds_another_organisations(
    loaded: Flask, org_id: int, other_id: int
) -> None:
    from tests.ownwords.conftest import org_of

    other_org = org_of(loaded, other_id)
    with loaded.test_request_context():
        term = _term(org_id)
        content = db.session.scalar(select(Term).where(Term.key == "emmer"))
        assert content is not None
        assert service.find_org_term(db.session, org_id, term.id) is term
        assert service.find_org_term(db.session, other_org, term.id) is None
        assert service.find_org_term(db.session, org_id, content.id) is None
        assert service.organisation_terms(db.session, other_org) == []
        assert service.organisation_terms(db.session, org_id) == [term]
        service.retire_term(term, now=NOW)
        assert service.find_org_term(db.session, org_id, term.id) is None
        assert service.organisation_terms(db.session, org_id) == []


def test_create_theme(loaded: Flask, org_id: int, other_id: int, group_id: int) -> None:
    from tests.ownwords.conftest import org_of

    with loaded.test_request_context():
        sector = keuken()
        own = _term(org_id, level="A2")
        emmer = db.session.scalar(select(Term).where(Term.key == "emmer"))  # A0
        assert emmer is not None
        theme = service.create_theme(
            db.session, org_id, sector=sector, title="Module 3: snijden", terms=[own, emmer, own],
            group_id=group_id, training_topics=["Module 3", " "], now=NOW,
        )  # fmt: skip
        assert theme.slug == f"org{org_id}.module-3-snijden"
        assert theme.level == "A0" and theme.position >= 1000
        assert [tt.term_id for tt in theme.theme_terms] == [own.id, emmer.id]
        assert theme.training_topics == ["Module 3"]
        second = service.create_theme(
            db.session, org_id, sector=sector, title="Module 3 – snijden", terms=[own], now=NOW
        )
        assert second.slug == f"org{org_id}.module-3-snijden-2"
        assert second.position == theme.position + 1 and second.level == "A2"
        # The sector's content themes list only content themes.
        db.session.expire(sector)
        assert all(t.organisation_id is None for t in sector.themes)
        assert service.organisation_themes(db.session, org_id) == [theme, second]
        other_group = service.organisation_themes(db.session, org_id, group_id=group_id + 999)
        assert other_group == [second]

        foreign = _term(org_of(loaded, other_id), "pan")
        with pytest.raises(OwnWordsError) as problem:
            service.create_theme(
                db.session, org_id, sector=sector, title="x", terms=[foreign], now=NOW
            )
        assert problem.value.code == "foreign-term"
        for title, terms, code in [(" ", [own], "empty-title"), ("Leeg", [], "no-terms")]:
            with pytest.raises(OwnWordsError) as problem:
                service.create_theme(
                    db.session, org_id, sector=sector, title=title, terms=terms, now=NOW
                )
            assert problem.value.code == code


def test_audio_is_made_for_a_new_word(loaded: Flask, org_id: int, tmp_path: Path) -> None:
    loaded.config["AUDIO_ENGINE"] = "espeak"
    with loaded.test_request_context():
        term = _term(org_id, example="De snijplank is schoon.")
        assert service.make_term_audio(db.session, term, config=loaded.config, now=NOW)
        clips = db.session.scalars(select(AudioClip).where(AudioClip.term_id == term.id)).all()
        assert {clip.kind for clip in clips} == {"word", "plural", "example"}
        assert {clip.engine for clip in clips} == {"espeak"}
        for clip in clips:
            path = Path(loaded.config["AUDIO_DIR"]) / clip.filename[:2] / clip.filename
            assert path.stat().st_size > 1000
        urls = term_audio_urls(db.session, [term.id])[term.id]
        assert set(urls) == {"word", "plural", "example"}
        assert urls["word"].startswith("/audio/")


def test_audio_failure_keeps_the_word(
    loaded: Flask, org_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "make_engine", lambda name: FakeEngine(name, unavailable=True))
    with loaded.test_request_context():
        term = _term(org_id)
        assert not service.make_term_audio(db.session, term, config=loaded.config, now=NOW)
        assert db.session.get(Term, term.id) is term
        assert term_audio_urls(db.session, [term.id]) == {}


def _sector_with_term(slug: str, *, cross_sector: bool) -> Term:
    sector = Sector(
        slug=slug, title=slug, description="", position=9, cross_sector=cross_sector,
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    term = Term(
        sector=sector, key="pauze", lemma="pauze", word_class="noun", article="de",
        countable=True, abstract=True, example="Om tien uur is het pauze.", level="A0",
        tags=[], created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    db.session.add_all([sector, term])
    db.session.flush()
    return term


def test_a_theme_may_take_words_of_a_cross_sector_pack(loaded: Flask, org_id: int) -> None:
    with loaded.test_request_context():
        pack_word = _sector_with_term("werk", cross_sector=True)
        other_sector_word = _sector_with_term("tuin", cross_sector=False)
        theme = service.create_theme(
            db.session, org_id, sector=keuken(), title="Eerste dag", terms=[pack_word], now=NOW
        )
        assert [tt.term_id for tt in theme.theme_terms] == [pack_word.id]
        with pytest.raises(OwnWordsError) as problem:
            service.create_theme(
                db.session, org_id, sector=keuken(), title="x", terms=[other_sector_word],
                now=NOW,
            )  # fmt: skip
        assert problem.value.code == "foreign-term"

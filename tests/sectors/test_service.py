"""Loading content into the database: idempotent, in place, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from tests.sectors.test_validation import BASIS, edit
from vaktaal.extensions import db
from vaktaal.sectors.models import Dialogue, DialogueLine, Picture, Term, TermGloss, Theme
from vaktaal.sectors.service import content_stats, sync_content
from vaktaal.sectors.validation import check_content

NOW = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 13, 8, 0, tzinfo=UTC)


def sync(app: Flask, content_dir: Path, now: datetime = NOW) -> int:
    report = check_content(content_dir, checker=None)
    assert report.problems == []
    with app.app_context():
        result = sync_content(db.session, report.sectors, now=now)
        db.session.commit()
        return result.changes


def term(key: str) -> Term:
    found = db.session.scalar(select(Term).where(Term.key == key))
    assert found is not None
    return found


def test_first_sync_loads_everything(app: Flask, content_dir: Path) -> None:
    assert sync(app, content_dir) > 0
    with app.app_context():
        emmer = term("emmer")
        assert (emmer.article, emmer.plural, emmer.level) == ("de", "emmers", "A0")
        assert emmer.picture is not None and emmer.picture.key == "openmoji/1FAA3"
        assert emmer.picture.licence == "CC BY-SA 4.0"
        assert {(g.language, g.text, g.status) for g in emmer.glosses} == {
            ("en", "bucket", "draft"),
            ("ar", "دلو", "reviewed"),
        }
        assert term("mop").picture.key == "keuken/mop"  # type: ignore[union-attr]
        assert term("afwassen").level == "A1"
        schoon = db.session.scalar(select(Theme).where(Theme.slug == "schoon"))
        assert schoon is not None
        assert [link.term.key for link in schoon.theme_terms] == ["zeep", "emmer"]
        dialogue = db.session.scalar(select(Dialogue))
        assert dialogue is not None
        assert [line.speaker for line in dialogue.lines] == ["a", "b"]
        assert dialogue.speaker_names == {"a": "Sanne", "b": "Yonas"}
        assert {dt.term_id for dt in dialogue.dialogue_terms} == {
            term("emmer").id,
            term("afwassen").id,
        }
        assert emmer.created_at == NOW


def test_summary_names_only_what_changed(app: Flask, content_dir: Path) -> None:
    report = check_content(content_dir, checker=None)
    with app.app_context():
        result = sync_content(db.session, report.sectors, now=NOW)
    assert "deleted" not in result.summary()
    assert "created: 2 dialogue lines, 2 dialogue terms, 1 dialogues" in result.summary()


def test_second_sync_changes_nothing(app: Flask, content_dir: Path) -> None:
    sync(app, content_dir)
    assert sync(app, content_dir, LATER) == 0
    with app.app_context():
        assert term("emmer").updated_at == NOW


def test_edited_term_is_updated_in_place(app: Flask, content_dir: Path) -> None:
    sync(app, content_dir)
    with app.app_context():
        emmer_id = term("emmer").id
    edit(content_dir, BASIS, "example: Vul de emmer met water.", "example: Zet de emmer neer.")
    edit(content_dir, BASIS, "      en: bucket\n", "      en: pail\n")
    assert sync(app, content_dir, LATER) == 2
    with app.app_context():
        emmer = term("emmer")
        assert emmer.id == emmer_id
        assert emmer.example == "Zet de emmer neer."
        assert emmer.updated_at == LATER
        assert {g.text for g in emmer.glosses if g.language == "en"} == {"pail"}


def test_removed_term_is_retired_and_comes_back(app: Flask, content_dir: Path) -> None:
    sync(app, content_dir)
    original = (content_dir / BASIS).read_text()
    edit(
        content_dir,
        BASIS,
        "  - key: water\n    lemma: water\n    word_class: noun\n    article: het\n"
        "    countable: false\n    example: Het water is heet.\n    picture: openmoji:1F4A7\n",
        "",
    )
    sync(app, content_dir, LATER)
    with app.app_context():
        water = term("water")
        assert water.retired_at == LATER
        water_id = water.id
        assert content_stats(db.session)["sectors"]["keuken"]["terms"] == 4
    (content_dir / BASIS).write_text(original)
    sync(app, content_dir, LATER)
    with app.app_context():
        assert term("water").id == water_id
        assert term("water").retired_at is None


def test_removed_dialogue_lines_are_retired(app: Flask, content_dir: Path) -> None:
    sync(app, content_dir)
    edit(
        content_dir,
        BASIS,
        "      - speaker: b\n        text: Ja, dat doe ik. Waar is de emmer?\n",
        "",
    )
    edit(
        content_dir,
        BASIS,
        "    lines:\n",
        "    lines:\n      - {speaker: b, text: Goedemorgen.}\n",
    )
    sync(app, content_dir, LATER)
    with app.app_context():
        lines = db.session.scalars(select(DialogueLine).order_by(DialogueLine.position)).all()
        assert [(line.text, line.retired_at) for line in lines] == [
            ("Goedemorgen.", None),
            ("Goedemorgen Yonas. Wil jij eerst afwassen?", None),
        ]
        assert lines[0].glosses == []


def test_removed_sector_is_retired(app: Flask, content_dir: Path, tmp_path: Path) -> None:
    sync(app, content_dir)
    empty = tmp_path / "empty"
    empty.mkdir()
    with app.app_context():
        sync_content(db.session, [], now=LATER)
        db.session.commit()
        assert content_stats(db.session) == {"sectors": {}}
        assert term("emmer").retired_at == LATER


def test_a_broken_file_leaves_the_database_unchanged(
    app: Flask, content_dir: Path, runner: object
) -> None:
    sync(app, content_dir)
    edit(content_dir, BASIS, "example: Vul de emmer met water.", "example: Zet de emmer neer.")
    edit(content_dir, "keuken/themes/02-schoon.yaml", "    article: de\n", "    article: dee\n")
    result = app.test_cli_runner().invoke(args=["content", "sync"])
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    with app.app_context():
        assert term("emmer").example == "Vul de emmer met water."


def test_stats_shape(app: Flask, content_dir: Path) -> None:
    sync(app, content_dir)
    with app.app_context():
        assert content_stats(db.session) == {
            "sectors": {
                "keuken": {
                    "themes": 2,
                    "terms": 5,
                    "nouns": 4,
                    "nouns_with_picture": 4,
                    "dialogues": 1,
                    "dialogue_lines": 2,
                    "glosses": {
                        "ar": {"total": 1, "reviewed": 1},
                        "en": {"total": 2, "reviewed": 0},
                    },
                }
            }
        }
        assert db.session.scalar(select(func.count()).select_from(Picture)) == 4
        assert db.session.scalar(select(func.count()).select_from(TermGloss)) == 3


def test_references_to_terms_of_a_later_theme_file(app: Flask, content_dir: Path) -> None:
    edit(content_dir, BASIS, "terms: [emmer, afwassen]", "terms: [emmer, afwassen, zeep]")
    edit(content_dir, BASIS, "dialogues:\n", "includes: [zeep]\ndialogues:\n")
    edit(content_dir, "keuken/themes/02-schoon.yaml", "includes: [emmer]", "")
    sync(app, content_dir)
    with app.app_context():
        dialogue = db.session.scalar(select(Dialogue))
        assert dialogue is not None
        assert term("zeep").id in {dt.term_id for dt in dialogue.dialogue_terms}
        basis = db.session.scalar(select(Theme).where(Theme.slug == "basis"))
        assert basis is not None
        assert [link.term.key for link in basis.theme_terms][-1] == "zeep"

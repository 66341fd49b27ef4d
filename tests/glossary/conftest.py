"""A keuken sector with Tigrinya glosses and a very long word, loaded for the glossary tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from flask import Flask

from tests.conftest import NOW
from vaktaal.extensions import db
from vaktaal.sectors.service import sync_content
from vaktaal.sectors.validation import check_content

LONG_WORD = "veiligheidshandschoenkast"  # 25 letters
URL_BASE = "https://vaktaal.example"


def add_glossary_terms(content_dir: Path) -> None:
    """Give emmer a Tigrinya gloss and add a 25-letter word with three glosses."""
    path = content_dir / "keuken" / "themes" / "01-basis.yaml"
    theme = yaml.safe_load(path.read_text(encoding="utf-8"))
    emmer = next(t for t in theme["terms"] if t["key"] == "emmer")
    emmer["glosses"]["ti"] = "ባልዲ"
    theme["terms"].append(
        {
            "key": "schoenenkast",
            "lemma": LONG_WORD,
            "word_class": "noun",
            "article": "de",
            "plural": LONG_WORD + "en",
            "example": f"De {LONG_WORD} is vol.",
            "picture": "openmoji:1F45E",
            "glosses": {
                "ar": "خزائن أحذية السلامة الكبيرة",
                "ti": "ናይ ድሕንነት ሳእኒ መቐመጢ",
                "fa": "کمدهای کفش ایمنی",
            },
        }
    )
    path.write_text(yaml.safe_dump(theme, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def sheet_app(app: Flask, content_dir: Path) -> Flask:
    """The app with the extended keuken sector loaded and a public BASE_URL."""
    add_glossary_terms(content_dir)
    report = check_content(content_dir, checker=None)
    assert report.problems == []
    app.config["BASE_URL"] = URL_BASE
    with app.app_context():
        sync_content(db.session, report.sectors, now=NOW)
        db.session.commit()
    return app


def add_word_clip(app: Flask, key: str, *, term_key: str = "emmer") -> None:
    """Pretend the audio build made a clip for the word (the file itself is not needed)."""
    from sqlalchemy import select

    from vaktaal.audio.models import AudioClip
    from vaktaal.audio.service import term_texts
    from vaktaal.sectors.models import Term

    with app.app_context():
        term = db.session.scalar(select(Term).where(Term.key == term_key))
        assert term is not None
        db.session.add(
            AudioClip(kind="word", term_id=term.id, text=term_texts(term)["word"], key=key,
                      format="mp3", engine="espeak", voice="nl", size=4000, duration_ms=700,
                      created_at=NOW, updated_at=NOW)
        )  # fmt: skip
        db.session.commit()

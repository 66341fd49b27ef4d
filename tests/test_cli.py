"""`flask translate ...` and the translation catalogues."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask.testing import FlaskCliRunner

from vaktaal import create_app
from vaktaal.cli import POT_FILE, TRANSLATIONS


@pytest.fixture
def runner(tmp_path: Path) -> FlaskCliRunner:
    """These commands touch files only: one app, no database parametrisation."""
    return create_app({"INSTANCE_PATH": tmp_path, "SECRET_KEY": "x"}).test_cli_runner()


def test_extract_finds_the_interface_strings(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["translate", "extract"])
    assert result.exit_code == 0, result.output
    assert 'msgid "Oefen de woorden van je werk"' in POT_FILE.read_text(encoding="utf-8")


def test_compile_writes_the_catalogues(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["translate", "compile"])
    assert result.exit_code == 0, result.output
    assert (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo").is_file()


def test_every_catalogue_is_complete(runner: FlaskCliRunner) -> None:
    runner.invoke(args=["translate", "extract"])
    with POT_FILE.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    for po in Path(TRANSLATIONS).glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        translated = {
            m.id
            for m in catalogue
            if m.id
            and m.string
            and not m.fuzzy
            and all(m.string if isinstance(m.string, tuple) else [m.string])
        }
        missing = {str(i) for i in wanted - translated}
        assert not missing, f"{po}: untranslated {sorted(missing)}"

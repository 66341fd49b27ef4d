from __future__ import annotations

import json
from pathlib import Path

from flask import Flask

TEXT = (
    "Vul de emmers met heet water en zeep. Dweil de vloer met de mop. "
    "Zet daarna de vaatwasser aan met een vaatwastablet. Spoel de mop uit."
)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_terms_prints_the_candidates_best_first(loaded: Flask, tmp_path: Path) -> None:
    path = write(tmp_path, "les.txt", TEXT.encode())
    result = loaded.test_cli_runner().invoke(args=["text", "terms", path, "--sector", "keuken"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("  1. ")
    assert "(known: keuken/basis/mop)" in result.output
    assert "vaatwastablet" in result.output and "(new)" in result.output
    assert "     Dweil de vloer met de mop." in lines


def test_terms_as_json(loaded: Flask, tmp_path: Path) -> None:
    path = write(tmp_path, "les.txt", TEXT.encode())
    result = loaded.test_cli_runner().invoke(
        args=["text", "terms", path, "--sector", "keuken", "--json", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    assert len(candidates) == 3
    assert {"lemma", "count", "score", "known", "forms", "sentence", "theme"} <= set(candidates[0])
    by_lemma = {
        c["lemma"]: c
        for c in json.loads(
            loaded.test_cli_runner()
            .invoke(args=["text", "terms", path, "--sector", "keuken", "--json"])
            .output
        )
    }
    assert by_lemma["emmer"]["known"] is True
    assert by_lemma["emmer"]["theme"] == "basis"
    assert by_lemma["emmer"]["forms"] == ["emmers"]
    assert by_lemma["vaatwastablet"]["known"] is False
    assert by_lemma["mop"]["count"] == 2
    scores = [c["score"] for c in by_lemma.values()]
    assert scores == sorted(scores, reverse=True)


def test_an_unknown_sector_or_unreadable_file_fails(loaded: Flask, tmp_path: Path) -> None:
    runner = loaded.test_cli_runner()
    path = write(tmp_path, "les.txt", TEXT.encode())
    result = runner.invoke(args=["text", "terms", path, "--sector", "ruimtevaart"])
    assert result.exit_code != 0
    assert "No sector 'ruimtevaart'" in result.output

    fake = write(tmp_path, "les.pdf", TEXT.encode())
    result = runner.invoke(args=["text", "terms", fake, "--sector", "keuken"])
    assert result.exit_code != 0
    assert "not-pdf" in result.output

    result = runner.invoke(args=["text", "terms", str(tmp_path / "weg.txt"), "--sector", "keuken"])
    assert result.exit_code != 0
    assert "Cannot read" in result.output

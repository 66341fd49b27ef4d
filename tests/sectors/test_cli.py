"""`flask content check|sync|stats` as an author or operator uses them."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner

from tests.sectors.test_validation import BASIS, edit


def test_check_passes_on_good_content(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "Content OK: 1 sector(s), 5 term(s)." in result.output


def test_check_fails_with_path_and_line(runner: FlaskCliRunner, content_dir: Path) -> None:
    edit(content_dir, BASIS, "    article: de\n    plural: emmers\n", "    plural: emmers\n")
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    path = content_dir / BASIS
    assert f"{path}:8: noun 'emmer' needs an article (de or het)" in result.output
    assert "1 problem(s) found." in result.output


def test_check_fails_on_malformed_yaml(runner: FlaskCliRunner, content_dir: Path) -> None:
    (content_dir / BASIS).write_text("slug: basis\ntitle: [unclosed\n")
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert f"{content_dir / BASIS}:3: YAML syntax error" in result.output


def test_sync_then_stats(runner: FlaskCliRunner, app: Flask) -> None:
    first = runner.invoke(args=["content", "sync"])
    assert first.exit_code == 0, first.output
    assert "Content synced:" in first.output
    second = runner.invoke(args=["content", "sync"])
    assert second.output.strip() == "Content synced: 0 change(s)."
    stats = runner.invoke(args=["content", "stats", "--json"])
    assert stats.exit_code == 0
    numbers = json.loads(stats.output)
    assert numbers["sectors"]["keuken"]["terms"] == 5
    table = runner.invoke(args=["content", "stats"])
    assert "keuken: 2 themes, 5 terms (4/4 nouns with a picture)" in table.output


def test_stats_before_any_sync(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["content", "stats"])
    assert "No content loaded yet" in result.output
    assert json.loads(runner.invoke(args=["content", "stats", "--json"]).output) == {"sectors": {}}

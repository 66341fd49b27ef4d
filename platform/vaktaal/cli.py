"""`flask translate ...`: extract, update and compile the interface translations."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from vaktaal.config import PROJECT_ROOT

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
POT_FILE = PROJECT_ROOT / "messages.pot"


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    result = subprocess.run(command, cwd=PROJECT_ROOT, check=False)
    if result.returncode != 0:
        raise click.ClickException(f"pybabel {args[0]} failed (exit status {result.returncode})")


def _extract() -> None:
    _pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output",
        "--project", "Vaktaal",
        "-o", str(POT_FILE), ".",
    )  # fmt: skip


@click.group()
def translate() -> None:
    """Manage the translations of the interface (Dutch is the source language)."""


@translate.command()
def extract() -> None:
    """Collect every translatable string into messages.pot."""
    _extract()


@translate.command()
@click.argument("language")
def init(language: str) -> None:
    """Start a catalogue for a new LANGUAGE (e.g. ar)."""
    _extract()
    _pybabel("init", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "-l", language)


@translate.command()
def update() -> None:
    """Extract, then merge new strings into every catalogue."""
    _extract()
    _pybabel("update", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "--no-fuzzy-matching")


@translate.command(name="compile")
def compile_() -> None:
    """Compile every catalogue (.po) into the form the app reads (.mo)."""
    _pybabel("compile", "-d", str(TRANSLATIONS))


def echo_stats(
    numbers: dict[str, Any], *, as_json: bool, line: Callable[[str, dict[str, Any]], str]
) -> None:
    """Print per-sector numbers as JSON, or one line per sector made by `line`."""
    if as_json:
        click.echo(json.dumps(numbers, indent=2, ensure_ascii=False))
        return
    if not numbers["sectors"]:
        click.echo("No content loaded yet: run `flask --app app content sync`.")
    for slug, n in numbers["sectors"].items():
        click.echo(line(slug, n))

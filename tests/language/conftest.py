from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from vaktaal.language.pipeline import nlp

TEXTS = Path(__file__).parent / "texts"


@pytest.fixture(scope="session")
def dutch() -> Language:
    """Load the Dutch pipeline once for the whole test session."""
    return nlp()


def read_text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")

"""The content schema: what a sector folder's YAML files may contain."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from vaktaal.srs.exercises import Level

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# Gloss languages: the first languages of the learners in Dutch programmes.
GLOSS_LANGUAGES = ("en", "ar", "ti", "fa", "prs", "tr", "uk", "so", "ku")


class WordClass(StrEnum):
    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    PHRASE = "phrase"
    OTHER = "other"


class Article(StrEnum):
    DE = "de"
    HET = "het"


class GlossStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GlossSchema(Strict):
    text: Text
    status: GlossStatus = GlossStatus.DRAFT


def _glosses(value: Any) -> Any:
    """Accept `en: bucket` as shorthand for `en: {text: bucket, status: draft}`."""
    if isinstance(value, dict):
        return {lang: {"text": g} if isinstance(g, str) else g for lang, g in value.items()}
    return value


def _check_languages(value: dict[str, GlossSchema]) -> dict[str, GlossSchema]:
    unknown = sorted(set(value) - set(GLOSS_LANGUAGES))
    if unknown:
        known = ", ".join(GLOSS_LANGUAGES)
        raise ValueError(f"unknown gloss language {', '.join(unknown)} (use one of {known})")
    return value


class TermSchema(Strict):
    key: Key
    lemma: Text
    word_class: WordClass
    article: Article | None = None
    plural: Text | None = None
    countable: bool = True
    abstract: bool = False
    example: Text
    picture: Text | None = None
    level: Level | None = None
    tags: list[Key] = Field(default_factory=list)
    glosses: dict[str, GlossSchema] = Field(default_factory=dict)

    _normalise_glosses = field_validator("glosses", mode="before")(_glosses)
    _known_languages = field_validator("glosses")(_check_languages)


class SpeakerSchema(Strict):
    key: Key
    name: Text
    role: Text | None = None


class LineSchema(Strict):
    speaker: Key
    text: Text
    glosses: dict[str, GlossSchema] = Field(default_factory=dict)

    _normalise_glosses = field_validator("glosses", mode="before")(_glosses)
    _known_languages = field_validator("glosses")(_check_languages)


class DialogueSchema(Strict):
    key: Key
    title: Text
    setting: Text
    level: Level | None = None
    speakers: list[SpeakerSchema] = Field(min_length=2, max_length=4)
    terms: list[Key] = Field(default_factory=list)
    lines: list[LineSchema] = Field(min_length=2)


class ThemeSchema(Strict):
    slug: Key
    title: Text
    description: Text
    level: Level
    training_topics: list[Text] = Field(default_factory=list)
    terms: list[TermSchema] = Field(default_factory=list)
    includes: list[Key] = Field(default_factory=list)
    dialogues: list[DialogueSchema] = Field(default_factory=list)


class SectorSchema(Strict):
    title: Text
    description: Text
    position: int = 100
    # A cross-sector pack (e.g. `werk`: working in the Netherlands) that groups of every
    # sector practise besides their own sector's themes.
    cross_sector: bool = False

"""The JSON the practice API accepts; anything else gets a 400/422 that says why."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

MAX_BATCH = 500
MAX_RESPONSE_MS = 60 * 60 * 1000
EARLIEST = datetime(2024, 1, 1, tzinfo=UTC)


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    uuid: UUID
    card_id: Annotated[int, Field(gt=0)]
    answered_at: AwareDatetime
    kind: Annotated[str, Field(min_length=1, max_length=24)]
    correct: bool
    response_ms: Annotated[int, Field(ge=0, le=MAX_RESPONSE_MS)]
    hinted: bool = False
    near_miss: bool = False

    @field_validator("answered_at")
    @classmethod
    def _plausible_time(cls, value: datetime) -> datetime:
        if value < EARLIEST:
            raise ValueError("answered_at is before 2024: the phone's clock is wrong")
        return value.astimezone(UTC)


class AnswerBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: Annotated[list[AnswerIn], Field(min_length=1, max_length=MAX_BATCH)]


class NextQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    size: Annotated[int, Field(ge=1, le=30)] = 12

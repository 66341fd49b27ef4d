"""The declarative base with a naming convention and the shared column types."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from sqlalchemy import JSON, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

from vaktaal.core.types import UTCDateTime

# Stable constraint names on every database, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    # Flask-SQLAlchemy subclasses the base, so the type map lives on the registry.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            datetime: UTCDateTime(),
            dict[str, Any]: JSON(),
            list[str]: JSON(),
            list[dict[str, Any]]: JSON(),
        },
    )


intpk = Annotated[int, mapped_column(primary_key=True)]
str80 = Annotated[str, mapped_column(String(80))]
str200 = Annotated[str, mapped_column(String(200))]


class TimestampMixin:
    """When a row was created and last changed, set by the services (which take `now`)."""

    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RetirableMixin:
    """Content removed from the files is retired, never deleted: progress may refer to it."""

    retired_at: Mapped[datetime | None]

    @property
    def active(self) -> bool:
        return self.retired_at is None

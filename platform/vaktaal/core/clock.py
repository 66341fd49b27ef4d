"""The current time for a request: real UTC time, or the app's test clock."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app


def utcnow() -> datetime:
    """Now, aware and in UTC. Tests may set `CLOCK` in the config to a function."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock is not None else datetime.now(UTC)

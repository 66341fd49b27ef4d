"""Configuration, read from the environment in one place."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENTS = ("development", "production", "testing")


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


def database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given in the common short forms."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_path(overrides: Mapping[str, Any] | None, environ: Mapping[str, str]) -> Path:
    """Where the embedded database, the generated secret key and audio live."""
    if overrides and overrides.get("INSTANCE_PATH"):
        return Path(overrides["INSTANCE_PATH"])
    return Path(environ.get("VAKTAAL_INSTANCE_PATH") or PROJECT_ROOT / "instance")


def load_config(
    overrides: Mapping[str, Any] | None, *, environ: Mapping[str, str], instance: Path
) -> dict[str, Any]:
    """Build the app configuration: environment first, then explicit overrides."""
    config: dict[str, Any] = {
        "ENV_NAME": environ.get("VAKTAAL_ENV", "development"),
        "SQLALCHEMY_DATABASE_URI": database_url(
            environ.get("DATABASE_URL") or f"sqlite:///{instance / 'vaktaal.sqlite3'}"
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Where people reach the site; used in links printed by commands and in QR codes.
        "BASE_URL": environ.get("VAKTAAL_BASE_URL", "http://127.0.0.1:5000"),
        "CONTENT_DIR": Path(
            environ.get("VAKTAAL_CONTENT_DIR") or PROJECT_ROOT / "content" / "sectors"
        ),
        # Generated audio files (see vaktaal.audio.storage); may live outside the instance.
        "AUDIO_DIR": Path(environ.get("VAKTAAL_AUDIO_DIR") or instance / "audio"),
        # mp3 plays in every browser; opus is about half the size but not on older iPhones.
        "AUDIO_FORMAT": environ.get("VAKTAAL_AUDIO_FORMAT", "mp3"),
        # The engine that speaks a word a teacher just saved (auto, gtts or espeak, as in
        # `flask audio build --engine`): espeak-ng works offline; deployments choose auto.
        "AUDIO_ENGINE": environ.get("VAKTAAL_AUDIO_ENGINE", "espeak"),
        "HUNSPELL_DICTIONARY": environ.get("VAKTAAL_HUNSPELL_DICTIONARY", "nl_NL"),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        # Rate limits (log-in, PIN, join codes): memory per process by default; use Redis
        # (redis://127.0.0.1:6379) when several app processes run behind a proxy.
        "RATELIMIT_STORAGE_URI": environ.get("VAKTAAL_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
    }
    if environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = environ["SECRET_KEY"]
    config.update(overrides or {})
    config["SQLALCHEMY_DATABASE_URI"] = database_url(config["SQLALCHEMY_DATABASE_URI"])
    config["CONTENT_DIR"] = Path(config["CONTENT_DIR"])
    config["AUDIO_DIR"] = Path(config["AUDIO_DIR"])

    env_name = config["ENV_NAME"]
    if env_name not in ENVIRONMENTS:
        raise ConfigError(
            f"VAKTAAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env_name!r}"
        )
    if env_name == "production":
        config["SESSION_COOKIE_SECURE"] = True
        if not config.get("SECRET_KEY"):
            raise ConfigError("SECRET_KEY must be set in production (VAKTAAL_ENV=production)")
    elif not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = development_secret_key(instance)
    return config


def development_secret_key(instance: Path) -> str:
    """Read the development secret key, generating it once into the instance folder."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Create the file readable by the owner only, and never overwrite a racing writer's key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key

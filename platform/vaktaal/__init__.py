"""Vaktaal: practise workplace Dutch before this week's training."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from vaktaal.config import PROJECT_ROOT, instance_path, load_config


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the app; `config` overrides what the environment says (tests use it)."""
    instance = instance_path(config, os.environ)
    app = Flask(
        __name__,
        instance_path=str(instance),
        static_folder=str(PROJECT_ROOT / "static"),
        static_url_path="/static",
    )
    app.config.from_mapping(load_config(config, environ=os.environ, instance=instance))
    instance.mkdir(parents=True, exist_ok=True)

    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    from vaktaal.accounts import session, staff
    from vaktaal.core import db, i18n, security
    from vaktaal.extensions import csrf, limiter, migrate
    from vaktaal.extensions import db as database

    db.init_app(app)
    migrate.init_app(
        app, database, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    limiter.init_app(app)
    session.init_app(app)
    staff.init_app(app)
    i18n.init_app(app)
    security.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from vaktaal.accounts.views import bp as accounts_bp
    from vaktaal.audio.views import bp as audio_bp
    from vaktaal.core.views import bp as core_bp
    from vaktaal.glossary.employer_views import bp as employer_bp
    from vaktaal.glossary.views import bp as glossary_bp
    from vaktaal.ownwords.inbox_views import bp as inbox_bp
    from vaktaal.ownwords.theme_views import bp as themes_bp
    from vaktaal.ownwords.views import bp as ownwords_bp
    from vaktaal.practice.views import api as api_bp
    from vaktaal.practice.views import bp as practice_bp
    from vaktaal.sectors.views import bp as sectors_bp
    from vaktaal.teaching.dashboard_views import bp as dashboard_bp
    from vaktaal.teaching.group_views import bp as groups_bp
    from vaktaal.teaching.planner_views import bp as planner_bp
    from vaktaal.teaching.team_views import bp as team_bp
    from vaktaal.texts.views import bp as texts_bp

    for blueprint in (
        core_bp,
        sectors_bp,
        audio_bp,
        accounts_bp,
        practice_bp,
        api_bp,
        glossary_bp,
        employer_bp,
        team_bp,
        groups_bp,
        planner_bp,
        dashboard_bp,
        ownwords_bp,
        themes_bp,
        inbox_bp,
        texts_bp,
    ):
        app.register_blueprint(blueprint)


def _register_commands(app: Flask) -> None:
    from vaktaal.accounts.cli import groups, users
    from vaktaal.audio.cli import audio
    from vaktaal.cli import translate
    from vaktaal.glossary.cli import glossary
    from vaktaal.sectors.cli import content
    from vaktaal.texts.cli import text

    for group in (content, groups, users, audio, translate, glossary, text):
        app.cli.add_command(group)

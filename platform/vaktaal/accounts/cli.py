"""`flask groups ...`: make groups and login links until the teacher pages exist.

`flask users ...`: what the operator does for a staff member who cannot ask an admin.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from vaktaal.accounts import service
from vaktaal.accounts.models import Group, Learner, User
from vaktaal.accounts.reset import make_reset_token
from vaktaal.extensions import db
from vaktaal.sectors.models import Sector


def _url(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


def _sector(slug: str) -> Sector:
    sector = db.session.scalar(
        select(Sector).where(Sector.slug == slug, Sector.retired_at.is_(None))
    )
    if sector is None:
        raise click.ClickException(f"no sector {slug!r} (run `content sync` first?)")
    return sector


def _group(code: str) -> Group:
    group = service.find_group(db.session, code)
    if group is None:
        raise click.ClickException(f"no group with code {code!r}")
    return group


@click.group()
def groups() -> None:
    """Groups of learners and their join codes."""


@groups.command()
@click.argument("name")
@click.option("--sector", "sector_slug", required=True, help="Sector slug, e.g. schoonmaak.")
@click.option("--level", default="A0", type=click.Choice(service.LEVELS), show_default=True)
@click.option(
    "--pack",
    "pack_slugs",
    multiple=True,
    help="Cross-sector pack to include (repeatable); default: all of them.",
)
@click.option("--no-packs", is_flag=True, help="Practise the sector only.")
@with_appcontext
def create(
    name: str, sector_slug: str, level: str, pack_slugs: tuple[str, ...], no_packs: bool
) -> None:
    """Create a group NAME and print its join code and join link."""
    sector = _sector(sector_slug)
    packs = [] if no_packs else [_sector(slug) for slug in pack_slugs] if pack_slugs else None
    for pack in packs or []:
        if not pack.cross_sector:
            raise click.ClickException(f"{pack.slug!r} is a sector, not a cross-sector pack")
    group = service.create_group(
        db.session, name=name, sector=sector, level=level, packs=packs, now=datetime.now(UTC)
    )
    db.session.commit()
    click.echo(f"Group {group.name!r} ({sector.slug}, {level}): code {group.join_code}")
    if group.packs:
        click.echo(f"Also practises: {', '.join(pack.slug for pack in group.packs)}")
    click.echo(f"Join link: {_url('/j/' + group.join_code)}")


@groups.command(name="list")
@with_appcontext
def list_() -> None:
    """List groups with their codes and number of learners."""
    rows = db.session.execute(
        select(Group, func.count(Learner.id))
        .outerjoin(Learner, Learner.group_id == Group.id)
        .group_by(Group.id)
        .order_by(Group.created_at)
    ).all()
    if not rows:
        click.echo("No groups yet: `flask --app app groups create NAME --sector SLUG`.")
    for group, learners in rows:
        click.echo(f"{group.join_code}  {group.name}  ({group.sector.slug}, {learners} learners)")


@groups.command()
@click.argument("code")
@with_appcontext
def learners(code: str) -> None:
    """List the learners of the group with join code CODE."""
    for learner in sorted(_group(code).learners, key=lambda x: x.name_key):
        pin = "PIN" if learner.pin_hash else "no PIN"
        click.echo(f"{learner.display_name}  (level {learner.level}, {pin})")


def _learner(code: str, name: str) -> Learner:
    group = _group(code)
    learner = next((x for x in group.learners if x.name_key == service.name_key(name)), None)
    if learner is None:
        raise click.ClickException(f"no learner {name!r} in group {group.join_code}")
    return learner


@groups.command(name="set-level")
@click.argument("code")
@click.argument("name")
@click.argument("level", type=click.Choice(service.LEVELS))
@with_appcontext
def set_level(code: str, name: str, level: str) -> None:
    """Set the level (A0, A1, A2, B1) of learner NAME of group CODE."""
    learner = _learner(code, name)
    service.set_level(learner, level)
    db.session.commit()
    click.echo(f"{learner.display_name}: level {level}")


@groups.command(name="login-link")
@click.argument("code")
@click.argument("name")
@with_appcontext
def login_link(code: str, name: str) -> None:
    """Print a personal login link for learner NAME of group CODE."""
    learner = _learner(code, name)
    token = service.create_login_link(db.session, learner, now=datetime.now(UTC))
    db.session.commit()
    click.echo(_url("/login/" + token))


@click.group()
def users() -> None:
    """Staff accounts (teachers, organisation admins, employers)."""


@users.command(name="reset-link")
@click.argument("email")
@click.option(
    "--base-url",
    default=None,
    help="Address of the site in the link; default: VAKTAAL_BASE_URL or http://127.0.0.1:5000.",
)
@with_appcontext
def reset_link(email: str, base_url: str | None) -> None:
    """Print a link with which the user EMAIL sets a new password (valid 3 days, once).

    For a lone organisation admin or an employer who forgot their password: pass the
    link on yourself, Vaktaal sends no e-mail.
    """
    user = db.session.scalar(select(User).where(User.email == service.email_key(email)))
    if user is None:
        raise click.ClickException(f"no staff account with address {email!r}")
    if not user.is_active:
        raise click.ClickException(f"{user.email} is deactivated; an admin can reactivate it")
    token = make_reset_token(user, current_app.config["SECRET_KEY"], datetime.now(UTC))
    root = (base_url or current_app.config["BASE_URL"]).rstrip("/")
    click.echo(f"{root}/account/nieuw-wachtwoord/{token}")

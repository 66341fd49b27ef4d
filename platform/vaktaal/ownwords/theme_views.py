"""Teachers' own themes (made from a training text, or from the planner): list, change,
remove.

A theme belongs to the teacher's organisation, for everyone or for one of its groups;
another organisation's theme, or a sector's own, is not found (404). Removing a theme
retires it and takes it out of every planning; learners keep what they learned.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import func, select

from vaktaal.accounts.models import Group
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.ownwords import service
from vaktaal.ownwords.forms import RetireForm, ThemeForm
from vaktaal.sectors.models import Sector, Term, Theme
from vaktaal.teaching.access import own_organisation, teacher_required
from vaktaal.teaching.models import ThemeAssignment

bp = Blueprint("themes", __name__, template_folder="templates")

ORGANISATION = "organisatie"  # the audience value for "the whole organisation"


def _own_theme(theme_id: int) -> Theme:
    theme = service.find_org_theme(db.session, own_organisation(), theme_id)
    if theme is None:
        abort(404)
    return theme


def _planned(theme_ids: list[int]) -> dict[int, int]:
    """Theme id → how many plannings (training sessions or dates) it is in."""
    if not theme_ids:
        return {}
    rows = db.session.execute(
        select(ThemeAssignment.theme_id, func.count())
        .where(ThemeAssignment.theme_id.in_(theme_ids))
        .group_by(ThemeAssignment.theme_id)
    )
    return {theme_id: int(count) for theme_id, count in rows}


@bp.get("/docent/themas")
@teacher_required
def index() -> ResponseReturnValue:
    themes = service.organisation_themes(db.session, own_organisation())
    by_sector: dict[int, list[Theme]] = {}
    for theme in themes:
        by_sector.setdefault(theme.sector_id, []).append(theme)
    sectors = db.session.scalars(
        select(Sector).where(Sector.id.in_(by_sector)).order_by(Sector.position)
    )
    groups = {
        g.id: g
        for g in db.session.scalars(
            select(Group).where(Group.organisation_id == own_organisation())
        )
    }
    return render_template(
        "ownwords/themes.html",
        sectors=[(sector, by_sector[sector.id]) for sector in sectors],
        groups=groups,
        planned=_planned([t.id for t in themes]),
        counts={
            t.id: sum(1 for tt in t.theme_terms if tt.term.retired_at is None) for t in themes
        },
    )


def _audiences(theme: Theme) -> list[Group]:
    """The organisation's groups that practise the theme's sector, oldest first."""
    groups = db.session.scalars(
        select(Group)
        .where(Group.organisation_id == own_organisation())
        .order_by(Group.created_at, Group.id)
    )
    return [g for g in groups if g.practises(theme.sector)]


def _words(theme: Theme) -> tuple[list[Term], list[Term]]:
    """The theme's words (in order), and the organisation's own words of the sector that
    it does not have yet, to add."""
    current = [tt.term for tt in theme.theme_terms if tt.term.retired_at is None]
    have = {term.id for term in current}
    own = service.organisation_terms(db.session, own_organisation(), sector_id=theme.sector_id)
    return current, [term for term in own if term.id not in have]


@bp.route("/docent/themas/<int:theme_id>", methods=["GET", "POST"])
@teacher_required
@limiter.limit("60 per minute", methods=["POST"])
def edit(theme_id: int) -> ResponseReturnValue:
    theme = _own_theme(theme_id)
    groups = _audiences(theme)
    form = ThemeForm()
    form.audience.choices = [(ORGANISATION, _("De hele organisatie"))] + [
        (str(g.id), _("De groep %(group)s", group=g.name)) for g in groups
    ]
    current, addable = _words(theme)
    choices = current + addable
    chosen = {term.id for term in current}
    if request.method == "POST":
        ticked = set(request.form.getlist("terms"))
        chosen = {term.id for term in choices if str(term.id) in ticked}
    error: str | None = None
    if request.method == "GET":
        form.title.data = theme.title
        form.audience.data = str(theme.group_id) if theme.group_id else ORGANISATION
    elif form.validate_on_submit():
        group = next((g for g in groups if str(g.id) == form.audience.data), None)
        try:
            service.update_theme(
                db.session, theme, title=form.title.data or "",
                terms=[term for term in choices if term.id in chosen],
                group_id=group.id if group else None, now=utcnow(),
            )  # fmt: skip
        except service.OwnWordsError as problem:
            db.session.rollback()
            error = problem.message
        else:
            flash(_("Het thema %(title)s is opgeslagen.", title=theme.title))
            return redirect(url_for("themes.index"))
    status = 200 if request.method == "GET" else 422
    return render_template(
        "ownwords/theme.html", form=form, theme=theme, current=current, addable=addable,
        chosen=chosen, planned=_planned([theme.id]).get(theme.id, 0), error=error,
    ), status  # fmt: skip


@bp.route("/docent/themas/<int:theme_id>/verwijderen", methods=["GET", "POST"])
@teacher_required
def retire(theme_id: int) -> ResponseReturnValue:
    theme = _own_theme(theme_id)
    form = RetireForm()
    if form.validate_on_submit():
        service.retire_theme(db.session, theme, now=utcnow())
        flash(_("Het thema %(title)s is verwijderd.", title=theme.title))
        return redirect(url_for("themes.index"))
    return render_template(
        "ownwords/theme_retire.html",
        form=form,
        theme=theme,
        planned=_planned([theme.id]).get(theme.id, 0),
    )

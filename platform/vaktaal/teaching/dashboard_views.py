"""The group's progress: activity, readiness for the next session, themes, CSV export."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, render_template, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.utils import secure_filename

from vaktaal.core.clock import utcnow
from vaktaal.extensions import db
from vaktaal.practice.service import LOCAL_TIME
from vaktaal.teaching import dashboard
from vaktaal.teaching.access import own_group, teacher_required
from vaktaal.teaching.chart import Bar, bar_chart_svg

bp = Blueprint("dashboard", __name__, template_folder="templates")


def readiness_label(level: dashboard.ReadinessLevel) -> str:
    return {
        dashboard.ReadinessLevel.READY: _("klaar"),
        dashboard.ReadinessLevel.ALMOST: _("bijna"),
        dashboard.ReadinessLevel.NOT_READY: _("nog niet klaar"),
    }[level]


def activity_label(row: dashboard.LearnerRow) -> str:
    if row.activity is dashboard.Activity.NEVER:
        return _("nog nooit geoefend")
    if row.activity is dashboard.Activity.INACTIVE:
        return _("inactief")
    return _("actief")


def last_active_text(last: datetime | None, now: datetime) -> str:
    """'3 dagen geleden (9 mrt 2026)', counted in Dutch calendar days; '—' for never."""
    if last is None:
        return "—"
    days = (now.astimezone(LOCAL_TIME).date() - last.astimezone(LOCAL_TIME).date()).days
    if days <= 0:
        ago = _("vandaag")
    elif days == 1:
        ago = _("gisteren")
    else:
        ago = ngettext("%(num)d dag geleden", "%(num)d dagen geleden", days)
    return _("%(ago)s (%(date)s)", ago=ago, date=format_date(last, "medium"))


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}\u00a0%"


def percent_number(ready: dashboard.Readiness | None, learner_id: int) -> int | str:
    share = ready.per_learner.get(learner_id) if ready else None
    return "" if share is None else round(share * 100)


@bp.route("/docent/groepen/<int:group_id>/voortgang")
@teacher_required
def overview(group_id: int) -> str:
    group = own_group(group_id)
    now = utcnow()
    cards = dashboard.word_cards(db.session, group, now=now)
    rows = dashboard.group_overview(db.session, group, now=now, cards=cards)
    ready = dashboard.next_readiness(db.session, group, now=now)
    weeks = dashboard.weekly_minutes(db.session, group, now=now)
    chart = bar_chart_svg(
        [Bar(format_date(w.monday, "d MMM"), round(w.minutes)) for w in weeks],
        title=_("Oefenminuten van de groep per week"),
        description=_(
            "Staafdiagram van de laatste %(count)d weken; de getallen staan ook in de tabel.",
            count=len(weeks),
        ),
        chart_id="practice-chart",
    )
    return render_template(
        "teaching/dashboard/overview.html",
        group=group,
        now=now,
        rows=rows,
        ready=ready,
        themes=dashboard.theme_progress(db.session, group, now=now, cards=cards),
        weeks=weeks,
        chart=Markup(chart),  # chart.py escapes every text it draws
        readiness_level=dashboard.readiness_level,
        percent=percent,
        readiness_label=readiness_label,
        activity_label=activity_label,
        last_active_text=last_active_text,
        planner_url=url_for("planner.week", group_id=group.id),
    )


@bp.route("/docent/groepen/<int:group_id>/voortgang.csv")
@teacher_required
def export(group_id: int) -> Response:
    group = own_group(group_id)
    now = utcnow()
    rows = dashboard.group_overview(db.session, group, now=now)
    ready = dashboard.next_readiness(db.session, group, now=now)
    header = [
        _("Naam"),
        _("Laatst actief"),
        _("Oefenminuten deze week"),
        _("Woorden geleerd"),
        _("Woorden gezien"),
        _("Nu te herhalen"),
        _("Activiteit"),
        _("Klaar voor volgende training (%)"),
    ]
    body = dashboard.progress_csv(
        header,
        (
            [
                row.name,
                format_date(row.last_active, "yyyy-MM-dd") if row.last_active else "",
                round(row.minutes_this_week),
                row.words_learned,
                row.words_seen,
                row.due_now,
                activity_label(row),
                percent_number(ready, row.learner_id),
            ]
            for row in rows
        ),
    )
    name = secure_filename(group.name) or "groep"
    response = Response(body, mimetype="text/csv")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="voortgang-{name}.csv"'
    return response

"""The trajectory planner: training sessions, suggested themes, assignments.

Every route is for teachers; the group is looked up within the teacher's organisation
(`own_group`) and every session and assignment within that group: anything else is
"not found".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from wtforms.fields.choices import SelectChoice

from vaktaal.accounts.models import Group
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.teaching import planner
from vaktaal.teaching.access import own_group, teacher, teacher_required
from vaktaal.teaching.calendar_csv import MAX_BYTES, MAX_ROWS, NotText, Problem, decode_upload
from vaktaal.teaching.calendar_csv import parse_calendar_csv as parse_csv

# Importing the models registers their tables.
from vaktaal.teaching.models import ThemeAssignment, TrainingSession
from vaktaal.teaching.planner_forms import (
    PART_OF_DAY_LABELS,
    AssignForm,
    ConfirmForm,
    ConfirmImportForm,
    DatedAssignForm,
    ImportForm,
    SessionForm,
    read_date,
)

bp = Blueprint("planner", __name__, template_folder="templates")

_ISO_WEEK = re.compile(r"(\d{4})-W(\d{1,2})")
PLANNER_LIMIT = "300 per hour"


# --- helpers ------------------------------------------------------------------------


def _week_start(value: str | None, today: date) -> date:
    """The Monday of `2026-W11`; this week's Monday for anything else."""
    if value and (found := _ISO_WEEK.fullmatch(value)):
        try:
            return date.fromisocalendar(int(found[1]), int(found[2]), 1)
        except ValueError:
            pass
    return today - timedelta(days=today.weekday())


def week_key(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_url(group: Group, day: date) -> str:
    return url_for("planner.week", group_id=group.id, week=week_key(day))


def _session_url(group: Group, training: TrainingSession) -> str:
    return _week_url(group, training.day) + f"#les-{training.id}"


def _own_session(group: Group, session_id: int) -> TrainingSession:
    training = planner.group_session(db.session, group, session_id)
    if training is None:
        abort(404)
    return training


def _theme_choices(group: Group) -> list[SelectChoice]:
    choices = [SelectChoice("", _("Kies een thema"))]
    for theme in planner.group_themes(db.session, group):
        label = (
            theme.title
            if theme.sector_id == group.sector_id
            else f"{theme.title} ({theme.sector.title})"
        )
        choices.append(SelectChoice(theme.id, label))
    return choices


@dataclass(frozen=True)
class Week:
    monday: date
    sessions: list[TrainingSession]

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]


# --- the week -----------------------------------------------------------------------


def _week_page(
    group: Group,
    monday: date,
    *,
    session_form: SessionForm | None = None,
    dated_form: DatedAssignForm | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    now = utcnow()
    themes = planner.group_themes(db.session, group)
    week = Week(
        monday, planner.sessions_between(db.session, group, monday, monday + timedelta(days=6))
    )
    if dated_form is None:
        dated_form = DatedAssignForm()
    dated_form.theme_id.choices = _theme_choices(group)
    today = planner.local_today(now)
    return (
        render_template(
            "teaching/planner/week.html",
            group=group,
            week=week,
            previous_week=week_key(monday - timedelta(days=7)),
            next_week=week_key(monday + timedelta(days=7)),
            this_week=week_key(today),
            suggestions=planner.suggest_themes(week.sessions, themes),
            themes=themes,
            upcoming=planner.upcoming_sessions(db.session, group, now=now),
            dated=planner.dated_assignments(db.session, group),
            session_form=session_form or SessionForm(),
            dated_form=dated_form,
            action_form=ConfirmForm(),
            part_labels=PART_OF_DAY_LABELS,
            week_key=week_key,
            start_of=planner.session_start,
        ),
        status,
    )


@bp.route("/docent/groepen/<int:group_id>/planning", methods=["GET", "POST"])
@limiter.limit(PLANNER_LIMIT, methods=["POST"])
@teacher_required
def week(group_id: int) -> ResponseReturnValue:
    """The sessions of one week with their themes; a form to plan a new session."""
    group = own_group(group_id)
    monday = _week_start(request.args.get("week"), planner.local_today(utcnow()))
    form = SessionForm()
    if request.method == "GET":
        return _week_page(group, monday, session_form=form)
    if not form.validate_on_submit():
        return _week_page(group, monday, session_form=form, status=422)
    day = read_date(form.day)
    planner.add_session(
        db.session,
        group,
        day=day,
        part_of_day=form.part_of_day.data or "",
        topic=form.topic.data or "",
        location=form.location.data,
        now=utcnow(),
    )
    flash(_("De les is ingepland."))
    return redirect(_week_url(group, day))


@bp.route(
    "/docent/groepen/<int:group_id>/planning/<int:session_id>/wijzigen", methods=["GET", "POST"]
)
@limiter.limit(PLANNER_LIMIT, methods=["POST"])
@teacher_required
def edit(group_id: int, session_id: int) -> ResponseReturnValue:
    """Change a session's date, part of day, topic or location."""
    group = own_group(group_id)
    training = _own_session(group, session_id)
    form = SessionForm(obj=None if request.method == "POST" else training)
    if request.method == "GET":
        form.day.data = training.day.isoformat()
        form.location.data = training.location or ""
    elif form.validate_on_submit():
        day = read_date(form.day)
        planner.update_session(
            db.session,
            training,
            day=day,
            part_of_day=form.part_of_day.data or "",
            topic=form.topic.data or "",
            location=form.location.data,
        )
        flash(_("De les is gewijzigd."))
        return redirect(_week_url(group, day))
    status = 422 if request.method == "POST" else 200
    return (
        render_template(
            "teaching/planner/edit.html",
            group=group,
            training=training,
            form=form,
            back=_session_url(group, training),
        ),
        status,
    )


@bp.route(
    "/docent/groepen/<int:group_id>/planning/<int:session_id>/verwijderen",
    methods=["GET", "POST"],
)
@limiter.limit(PLANNER_LIMIT, methods=["POST"])
@teacher_required
def delete(group_id: int, session_id: int) -> ResponseReturnValue:
    """Ask, then remove a session and the themes assigned to it."""
    group = own_group(group_id)
    training = _own_session(group, session_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        day = training.day
        planner.delete_session(db.session, training)
        flash(_("De les is verwijderd."))
        return redirect(_week_url(group, day))
    return render_template(
        "teaching/planner/delete.html",
        group=group,
        training=training,
        form=form,
        back=_session_url(group, training),
        part_labels=PART_OF_DAY_LABELS,
    )


# --- assigning themes ---------------------------------------------------------------


def _assign_error(
    group: Group, training: TrainingSession, error: planner.PlannerError
) -> ResponseReturnValue:
    messages = {
        "unknown-theme": _("Dit thema hoort niet bij deze groep. Kies een thema uit de lijst.")
    }
    message = messages.get(error.code, _("Dat ging niet goed. Probeer het opnieuw."))
    back = _session_url(group, training)
    return render_template("teaching/planner/error.html", message=message, back=back), 422


@bp.post("/docent/groepen/<int:group_id>/planning/<int:session_id>/themas")
@limiter.limit(PLANNER_LIMIT)
@teacher_required
def assign(group_id: int, session_id: int) -> ResponseReturnValue:
    """Assign a theme to a session: learned by the session's start."""
    group = own_group(group_id)
    training = _own_session(group, session_id)
    form = AssignForm()
    if not form.validate_on_submit() or form.theme_id.data is None:
        return _assign_error(group, training, planner.PlannerError("unknown-theme"))
    try:
        assignment = planner.assign_theme(
            db.session,
            group,
            theme_id=form.theme_id.data,
            training=training,
            teacher=teacher(),
            now=utcnow(),
        )
    except planner.PlannerError as error:
        return _assign_error(group, training, error)
    flash(_("Thema „%(theme)s” toegewezen aan deze les.", theme=assignment.theme.title))
    return redirect(_session_url(group, training))


@bp.post("/docent/groepen/<int:group_id>/planning/themas")
@limiter.limit(PLANNER_LIMIT)
@teacher_required
def assign_by_date(group_id: int) -> ResponseReturnValue:
    """Assign a theme without a session, to be learned by a chosen date."""
    group = own_group(group_id)
    form = DatedAssignForm()
    form.theme_id.choices = _theme_choices(group)
    monday = _week_start(request.args.get("week"), planner.local_today(utcnow()))
    if not form.validate_on_submit() or form.theme_id.data is None:
        return _week_page(group, monday, dated_form=form, status=422)
    try:
        assignment = planner.assign_theme_by_date(
            db.session,
            group,
            theme_id=form.theme_id.data,
            day=read_date(form.day),
            teacher=teacher(),
            now=utcnow(),
        )
    except planner.PlannerError:
        form.theme_id.errors = [_("Kies een thema uit de lijst.")]
        return _week_page(group, monday, dated_form=form, status=422)
    flash(_("Thema „%(theme)s” toegewezen.", theme=assignment.theme.title))
    return redirect(
        url_for("planner.week", group_id=group.id, week=week_key(monday)) + "#zonder-les"
    )


@bp.post("/docent/groepen/<int:group_id>/planning/toewijzingen/<int:assignment_id>/verwijderen")
@limiter.limit(PLANNER_LIMIT)
@teacher_required
def unassign(group_id: int, assignment_id: int) -> ResponseReturnValue:
    """Take an assigned theme back."""
    group = own_group(group_id)
    assignment: ThemeAssignment | None = planner.group_assignment(db.session, group, assignment_id)
    if assignment is None:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    training = assignment.training_session
    title = assignment.theme.title
    planner.unassign(db.session, assignment)
    flash(_("Thema „%(theme)s” is niet meer toegewezen.", theme=title))
    if training is not None:
        return redirect(_session_url(group, training))
    week = request.args.get("week")
    return redirect(url_for("planner.week", group_id=group.id, week=week) + "#zonder-les")


# --- CSV import ---------------------------------------------------------------------


def problem_message(problem: Problem) -> str:
    """A problem of a calendar file in words; with its line number when it has one."""
    value = problem.value
    messages = {
        "empty": _("Het bestand is leeg."),
        "no-rows": _("Er staan geen lessen onder de kopregel."),
        "too-big": _("Het bestand is te groot (hoogstens %(kb)s kB).", kb=value),
        "too-many-rows": _("Te veel regels: hoogstens %(count)s lessen per keer.", count=value),
        "no-header": _("de kopregel ontbreekt; begin met: datum,dagdeel,onderwerp,locatie"),
        "unknown-column": _(
            "onbekende kolom „%(name)s” (gebruik datum, dagdeel, onderwerp, locatie)", name=value
        ),
        "missing-column": _("de kolom „%(name)s” ontbreekt", name=value),
        "repeated-column": _("de kolom „%(name)s” staat er twee keer", name=value),
        "too-many-columns": _("te veel kolommen"),
        "date-missing": _("de datum ontbreekt"),
        "date-format": _(
            "datum „%(value)s” niet herkend; schrijf 2026-03-12 of 12-03-2026", value=value
        ),
        "date-invalid": _("de datum „%(value)s” bestaat niet", value=value),
        "part-missing": _("het dagdeel ontbreekt (ochtend, middag of avond)"),
        "part-unknown": _("onbekend dagdeel „%(value)s” (ochtend, middag of avond)", value=value),
        "topic-missing": _("het onderwerp ontbreekt"),
        "topic-too-long": _("het onderwerp is te lang (hoogstens %(count)s tekens)", count=value),
        "location-too-long": _("de locatie is te lang (hoogstens %(count)s tekens)", count=value),
    }
    message = messages.get(problem.code, problem.code)
    if problem.line is None:
        return message
    return _("regel %(line)s: %(message)s", line=problem.line, message=message)


def _import_page(
    group: Group,
    form: ImportForm,
    *,
    problems: list[str] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return (
        render_template(
            "teaching/planner/import.html",
            group=group,
            form=form,
            problems=problems or [],
            max_kb=MAX_BYTES // 1000,
            max_rows=MAX_ROWS,
        ),
        status,
    )


def _uploaded_text(form: ImportForm) -> str:
    """The CSV text from the file if one was chosen, else from the text box."""
    upload = form.file.data
    if upload is not None and getattr(upload, "filename", ""):
        data = upload.stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _TooBig
        return decode_upload(data)
    return (form.text.data or "").strip()


class _TooBig(Exception):
    pass


@bp.route("/docent/groepen/<int:group_id>/planning/import", methods=["GET", "POST"])
@limiter.limit("60 per hour", methods=["POST"])
@teacher_required
def import_csv(group_id: int) -> ResponseReturnValue:
    """Upload or paste a calendar; check every row; show what will be imported; import."""
    group = own_group(group_id)
    confirm = ConfirmImportForm()
    if request.method == "POST" and "confirm" in request.form:
        return _confirm_import(group, confirm)
    form = ImportForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return _import_page(group, form, status=status)
    try:
        text = _uploaded_text(form)
    except _TooBig:
        message = problem_message(Problem(None, "too-big", str(MAX_BYTES // 1000)))
        return _import_page(group, form, problems=[message], status=422)
    except NotText:
        message = _(
            "Dit is geen tekstbestand. Bewaar het rooster in Excel als „CSV (gescheiden "
            "door lijstscheidingsteken)” en probeer het opnieuw."
        )
        return _import_page(group, form, problems=[message], status=422)
    if not text:
        message = _("Kies een CSV-bestand of plak de regels in het tekstvak.")
        return _import_page(group, form, problems=[message], status=422)
    rows, problems = parse_csv(text)
    if problems:
        return _import_page(
            group, form, problems=[problem_message(p) for p in problems], status=422
        )
    plan = planner.plan_import(db.session, group, rows)
    confirm.text.data = text
    return render_template(
        "teaching/planner/import_preview.html",
        group=group,
        plan=plan,
        form=confirm,
        part_labels=PART_OF_DAY_LABELS,
    )


def _confirm_import(group: Group, form: ConfirmImportForm) -> ResponseReturnValue:
    if not form.validate_on_submit():
        abort(400)
    # Checked again: the text came back from the browser.
    rows, problems = parse_csv(form.text.data or "")
    if problems or not rows:
        messages = [problem_message(p) for p in problems] or [
            problem_message(Problem(None, "empty"))
        ]
        return _import_page(group, ImportForm(formdata=None), problems=messages, status=422)
    plan = planner.import_sessions(db.session, group, rows, now=utcnow())
    if plan.new:
        flash(ngettext("%(num)s les toegevoegd.", "%(num)s lessen toegevoegd.", len(plan.new)))
    if plan.duplicates:
        flash(
            ngettext(
                "%(num)s les stond al in de planning en is overgeslagen.",
                "%(num)s lessen stonden al in de planning en zijn overgeslagen.",
                len(plan.duplicates),
            )
        )
    first = min((row.day for row in plan.new), default=None)
    if first is None:
        return redirect(url_for("planner.week", group_id=group.id))
    return redirect(_week_url(group, first))

"""A teacher's groups: create, join sheet, learners, login cards.

Every route is for teachers, and every group is looked up within the teacher's
organisation (`own_group`), every learner within that group (`own_learner`): anything
else is "not found".
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.fields.choices import SelectChoice

from vaktaal.accounts.models import Group, Learner
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.teaching import groups
from vaktaal.teaching.access import own_group, own_learner, teacher, teacher_required
from vaktaal.teaching.group_forms import (
    DeleteGroupForm,
    GroupSettingsForm,
    LearnerLevelForm,
    LearnerNameForm,
    LearnerPinForm,
    LoginCardsForm,
    NewGroupForm,
)

bp = Blueprint("groups", __name__, template_folder="templates")


def _message(error: str) -> str:
    messages = {
        "empty-name": _("Typ een naam."),
        "name-too-long": _("Deze naam is te lang."),
        "name-taken": _("Deze naam is al bezet in de groep. Kies een andere naam."),
        "unknown-sector": _("Kies een sector uit de lijst."),
        "unknown-level": _("Kies een niveau."),
        "bad-days": _("Kies een aantal dagen van 1 tot 60."),
        "bad-pin": _("Een pincode is 4 tot 6 cijfers."),
        "no-learners": _("Kies minstens één cursist van deze groep."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))


def _show_error(field: Field, error: groups.GroupError) -> None:
    field.errors = [*field.errors, _message(str(error))]


def _base_url() -> str:
    return str(current_app.config["BASE_URL"])


def _pdf(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Login cards carry secrets: no cache may keep a copy.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/docent", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
@teacher_required
def index() -> ResponseReturnValue:
    """The organisation's groups, and a form to make a new one."""
    form = NewGroupForm()
    sectors = groups.group_sectors(db.session)
    form.sector.choices = [
        SelectChoice("", _("Kies een sector")),
        *(SelectChoice(s.slug, s.title) for s in sectors),
    ]
    if form.validate_on_submit():
        try:
            group = groups.create_teacher_group(
                db.session, teacher(), name=form.name.data or "",
                sector_slug=form.sector.data or "", level=form.level.data or "", now=utcnow(),
            )  # fmt: skip
        except groups.GroupError as error:
            _show_error(form.sector if str(error) == "unknown-sector" else form.name, error)
        else:
            flash(_("De groep %(name)s is gemaakt.", name=group.name))
            return redirect(url_for("groups.detail", group_id=group.id))
    summaries = groups.list_groups(db.session, teacher().organisation_id)
    status = 422 if form.errors else 200
    return render_template(
        "teaching/groups/index.html", form=form, summaries=summaries, has_sectors=bool(sectors)
    ), status


def _detail_page(
    group: Group,
    *,
    settings_form: GroupSettingsForm | None = None,
    cards_form: LoginCardsForm | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    learners = groups.group_learners(db.session, group)
    if settings_form is None:
        settings_form = GroupSettingsForm(
            formdata=None,
            name=group.name,
            level=group.default_level,
            inactive_after_days=group.inactive_after_days,
        )
    if cards_form is None:
        cards_form = LoginCardsForm(formdata=None, learners=[x.id for x in learners])
    cards_form.learners.choices = [SelectChoice(str(x.id), x.display_name) for x in learners]
    return render_template(
        "teaching/groups/detail.html",
        group=group,
        learners=learners,
        code=groups.spaced_code(group.join_code),
        settings_form=settings_form,
        cards_form=cards_form,
    ), status


@bp.get("/docent/groepen/<int:group_id>")
@teacher_required
def detail(group_id: int) -> ResponseReturnValue:
    return _detail_page(own_group(group_id))


@bp.post("/docent/groepen/<int:group_id>/instellingen")
@teacher_required
def settings(group_id: int) -> ResponseReturnValue:
    group = own_group(group_id)
    form = GroupSettingsForm()
    if form.validate_on_submit():
        try:
            groups.update_group(
                db.session, group, name=form.name.data or "", level=form.level.data or "",
                inactive_after_days=form.inactive_after_days.data or 0,
            )  # fmt: skip
        except groups.GroupError as error:
            _show_error(form.name, error)
        else:
            flash(_("De instellingen van de groep zijn bewaard."))
            return redirect(url_for("groups.detail", group_id=group.id))
    return _detail_page(group, settings_form=form, status=422)


@bp.route("/docent/groepen/<int:group_id>/nieuwe-code", methods=["GET", "POST"])
@teacher_required
def renew_code(group_id: int) -> ResponseReturnValue:
    """Ask first (GET), then make a new join code (POST); the old code stops working."""
    group = own_group(group_id)
    form = FlaskForm()  # only the CSRF token
    if form.validate_on_submit():
        code = groups.renew_join_code(db.session, group)
        flash(_("De nieuwe code is %(code)s. De oude code werkt niet meer.", code=code))
        return redirect(url_for("groups.detail", group_id=group.id))
    status = 400 if form.errors else 200
    return render_template("teaching/groups/renew_code.html", group=group, form=form), status


@bp.route("/docent/groepen/<int:group_id>/verwijderen", methods=["GET", "POST"])
@teacher_required
def delete_group(group_id: int) -> ResponseReturnValue:
    """Ask first (GET), then delete the group and all its learners' data (POST).

    The teacher confirms by typing the group's name; the group's own themes stay.
    """
    group = own_group(group_id)
    form = DeleteGroupForm()
    if form.validate_on_submit():
        if groups.confirms_group_name(group, form.name.data or ""):
            name = group.name
            groups.delete_group(db.session, group)
            flash(_("De groep %(name)s is verwijderd, met alle gegevens van de cursisten.",
                    name=name))  # fmt: skip
            return redirect(url_for("groups.index"))
        form.name.errors = [
            *form.name.errors,
            _("Dat is niet de naam van deze groep. Typ: %(name)s", name=group.name),
        ]
    status = 422 if form.errors else 200
    return render_template(
        "teaching/groups/delete_group.html",
        group=group,
        form=form,
        contents=groups.group_contents(db.session, group),
    ), status


@bp.get("/docent/groepen/<int:group_id>/aanmeldblad.pdf")
@limiter.limit("12 per minute")
@teacher_required
def join_sheet(group_id: int) -> ResponseReturnValue:
    group = own_group(group_id)
    data = groups.build_join_sheet_pdf(group, base_url=_base_url())
    return _pdf(data, f"aanmeldblad-{group.join_code}.pdf")


@bp.post("/docent/groepen/<int:group_id>/inlogkaarten.pdf")
@limiter.limit("12 per minute")
@teacher_required
def login_cards(group_id: int) -> ResponseReturnValue:
    """Print login cards: new links for the chosen learners, their older cards stop working."""
    group = own_group(group_id)
    form = LoginCardsForm()
    if form.validate_on_submit():
        try:
            cards = groups.make_login_cards(
                db.session, group, list(form.learners.data or []), base_url=_base_url(),
                now=utcnow(),
            )  # fmt: skip
        except groups.GroupError as error:
            _show_error(form.learners, error)
        else:
            data = groups.build_login_cards_pdf(group, cards)
            return _pdf(data, f"inlogkaarten-{group.join_code}.pdf")
    return _detail_page(group, cards_form=form, status=422)


# One learner of the group.


def _learner_page(
    group: Group,
    learner: Learner,
    *,
    name_form: LearnerNameForm | None = None,
    level_form: LearnerLevelForm | None = None,
    pin_form: LearnerPinForm | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        "teaching/groups/learner.html",
        group=group,
        learner=learner,
        name_form=name_form or LearnerNameForm(formdata=None, name=learner.display_name),
        level_form=level_form or LearnerLevelForm(formdata=None, level=learner.level),
        pin_form=pin_form or LearnerPinForm(formdata=None),
        remove_pin_form=FlaskForm(formdata=None),
    ), status


def _saved(group: Group, message: str) -> ResponseReturnValue:
    flash(message)
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.get("/docent/groepen/<int:group_id>/leerlingen/<int:learner_id>")
@teacher_required
def learner(group_id: int, learner_id: int) -> ResponseReturnValue:
    group = own_group(group_id)
    return _learner_page(group, own_learner(group, learner_id))


@bp.post("/docent/groepen/<int:group_id>/leerlingen/<int:learner_id>/naam")
@teacher_required
def rename_learner(group_id: int, learner_id: int) -> ResponseReturnValue:
    group = own_group(group_id)
    found = own_learner(group, learner_id)
    form = LearnerNameForm()
    if form.validate_on_submit():
        try:
            groups.rename_learner(db.session, found, form.name.data or "")
        except groups.GroupError as error:
            _show_error(form.name, error)
        else:
            return _saved(group, _("De naam is nu %(name)s.", name=found.display_name))
    return _learner_page(group, found, name_form=form, status=422)


@bp.post("/docent/groepen/<int:group_id>/leerlingen/<int:learner_id>/niveau")
@teacher_required
def learner_level(group_id: int, learner_id: int) -> ResponseReturnValue:
    group = own_group(group_id)
    found = own_learner(group, learner_id)
    form = LearnerLevelForm()
    if form.validate_on_submit():
        try:
            groups.set_learner_level(db.session, found, form.level.data or "")
        except groups.GroupError as error:
            _show_error(form.level, error)
        else:
            message = _("%(name)s oefent nu op niveau %(level)s.",
                        name=found.display_name, level=found.level)  # fmt: skip
            return _saved(group, message)
    return _learner_page(group, found, level_form=form, status=422)


@bp.post("/docent/groepen/<int:group_id>/leerlingen/<int:learner_id>/pincode")
@limiter.limit("30 per minute")
@teacher_required
def learner_pin(group_id: int, learner_id: int) -> ResponseReturnValue:
    """Give the learner a new PIN (the old one stops working)."""
    group = own_group(group_id)
    found = own_learner(group, learner_id)
    form = LearnerPinForm()
    if form.validate_on_submit():
        try:
            groups.set_learner_pin(db.session, found, form.pin.data or "")
        except groups.GroupError as error:
            _show_error(form.pin, error)
        else:
            return _saved(group, _("%(name)s heeft een nieuwe pincode.", name=found.display_name))
    return _learner_page(group, found, pin_form=form, status=422)


@bp.post("/docent/groepen/<int:group_id>/leerlingen/<int:learner_id>/pincode-weg")
@teacher_required
def remove_pin(group_id: int, learner_id: int) -> ResponseReturnValue:
    group = own_group(group_id)
    found = own_learner(group, learner_id)
    form = FlaskForm()
    if not form.validate_on_submit():
        return _learner_page(group, found, status=400)
    groups.set_learner_pin(db.session, found, None)
    return _saved(group, _("%(name)s heeft geen pincode meer.", name=found.display_name))


@bp.route(
    "/docent/groepen/<int:group_id>/leerlingen/<int:learner_id>/verwijderen",
    methods=["GET", "POST"],
)
@teacher_required
def remove_learner(group_id: int, learner_id: int) -> ResponseReturnValue:
    """Ask first (GET), then remove the learner and all their practice data (POST)."""
    group = own_group(group_id)
    found = own_learner(group, learner_id)
    form = FlaskForm()
    if form.validate_on_submit():
        name = found.display_name
        groups.remove_learner(db.session, found)
        return _saved(group, _("%(name)s is uit de groep verwijderd.", name=name))
    status = 400 if form.errors else 200
    return render_template(
        "teaching/groups/remove_learner.html", group=group, learner=found, form=form
    ), status

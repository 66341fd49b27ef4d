"""Teacher accounts: sign up a new organisation, invite and deactivate teachers."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_user
from werkzeug.exceptions import NotFound

from vaktaal.accounts import service
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.teaching import team
from vaktaal.teaching.access import admin_required, teacher
from vaktaal.teaching.team_forms import AcceptForm, InviteForm, SchoolRegisterForm

bp = Blueprint("team", __name__, template_folder="templates", url_prefix="/docent")


def _message(error: str) -> str:
    messages = {
        "email-taken": _("Er is al een account met dit e-mailadres."),
        "bad-email": _("Dit is geen geldig e-mailadres."),
        "short-password": _("Een wachtwoord heeft minstens 10 tekens."),
        "empty-organisation": _("Typ de naam van de school of organisatie."),
        "deactivate-self": _(
            "Je kunt je eigen account niet deactiveren. Vraag een andere beheerder."
        ),
        "invitation-used": _("Deze uitnodiging is al gebruikt; intrekken kan niet meer."),
        "reset-self": _("Je eigen wachtwoord verander je via „Wachtwoord veranderen”."),
        "reset-inactive": _("Dit account is gedeactiveerd. Activeer het eerst."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))


@bp.route("/registreren", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def register() -> ResponseReturnValue:
    """A new organisation and its first account, the organisation's admin."""
    form = SchoolRegisterForm()
    if form.validate_on_submit():
        try:
            user = team.register_school(
                db.session, organisation_name=form.organisation.data or "",
                email=form.email.data or "", password=form.password.data or "", now=utcnow(),
            )  # fmt: skip
        except service.AccountError as error:
            field = {"empty-organisation": form.organisation, "short-password": form.password}
            field.get(str(error), form.email).errors = [_message(str(error))]
        else:
            login_user(user)
            return redirect(url_for("groups.index"))
    status = 422 if form.errors else 200
    return render_template("teaching/team/register.html", form=form), status


def _members_page(
    invite_form: InviteForm,
    *,
    link: str | None = None,
    reset_for: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    admin = teacher()
    staff = team.organisation_staff(db.session, admin.organisation_id, now=utcnow())
    return render_template(
        "teaching/team/members.html",
        admin=admin,
        staff=staff,
        invite_form=invite_form,
        link=link,
        reset_for=reset_for,
        error=error,
    ), status


@bp.route("/team", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
@admin_required
def members() -> ResponseReturnValue:
    """The organisation's staff and open invitations; the POST makes an invitation."""
    form = InviteForm()
    if form.validate_on_submit():
        try:
            _invitation, token = team.create_invitation(
                db.session, teacher(), email=form.email.data or "", now=utcnow()
            )
        except service.AccountError as error:
            form.email.errors = [_message(str(error))]
        else:
            # Shown this once: only the token's hash is stored.
            link = url_for("team.accept", token=token, _external=True)
            return _members_page(InviteForm(formdata=None), link=link)
    return _members_page(form, status=422 if form.errors else 200)


@bp.errorhandler(team.NotFound)
def _not_found(_error: team.NotFound) -> ResponseReturnValue:
    """Another organisation's user or invitation: as if it did not exist."""
    return NotFound()


def _refused(error: service.AccountError) -> ResponseReturnValue:
    return _members_page(InviteForm(formdata=None), error=_message(str(error)), status=409)


@bp.post("/team/uitnodigingen/<int:invitation_id>/intrekken")
@admin_required
def revoke(invitation_id: int) -> ResponseReturnValue:
    admin = teacher()
    invitation = team.staff_invitation(db.session, admin, invitation_id)
    try:
        team.revoke_invitation(db.session, admin, invitation, now=utcnow())
    except service.AccountError as error:
        return _refused(error)
    flash(_("De uitnodiging voor %(email)s is ingetrokken.", email=invitation.email))
    return redirect(url_for("team.members"))


@bp.post("/team/<int:user_id>/deactiveren")
@admin_required
def deactivate(user_id: int) -> ResponseReturnValue:
    admin = teacher()
    user = team.staff_member(db.session, admin, user_id)
    try:
        team.deactivate_user(db.session, admin, user, now=utcnow())
    except service.AccountError as error:
        return _refused(error)
    flash(_("%(email)s kan niet meer inloggen.", email=user.email))
    return redirect(url_for("team.members"))


@bp.post("/team/<int:user_id>/activeren")
@admin_required
def reactivate(user_id: int) -> ResponseReturnValue:
    admin = teacher()
    user = team.staff_member(db.session, admin, user_id)
    team.reactivate_user(db.session, admin, user)
    flash(_("%(email)s kan weer inloggen.", email=user.email))
    return redirect(url_for("team.members"))


@bp.post("/team/<int:user_id>/wachtwoordlink")
@limiter.limit("30 per minute")
@admin_required
def reset_link(user_id: int) -> ResponseReturnValue:
    """A link for a new password, shown once on the team page; the admin passes it on."""
    admin = teacher()
    user = team.staff_member(db.session, admin, user_id)
    try:
        token = team.password_reset_token(
            admin, user, secret=current_app.config["SECRET_KEY"], now=utcnow()
        )
    except service.AccountError as error:
        return _refused(error)
    link = url_for("accounts.reset_password", token=token, _external=True)
    return _members_page(InviteForm(formdata=None), link=link, reset_for=user.email)


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def accept(token: str) -> ResponseReturnValue:
    """The invited teacher chooses a password and gets an account in the organisation."""
    try:
        invitation = team.usable_invitation(db.session, token, now=utcnow())
    except team.InvitationUnusable as reason:
        return _unusable(str(reason))
    form = AcceptForm(data={"email": invitation.email})
    if form.validate_on_submit():
        try:
            user = team.accept_invitation(
                db.session, token, email=form.email.data or "",
                password=form.password.data or "", now=utcnow(),
            )  # fmt: skip
        except team.InvitationUnusable as reason:
            return _unusable(str(reason))
        except service.AccountError as error:
            field = form.password if str(error) == "short-password" else form.email
            field.errors = [_message(str(error))]
        else:
            login_user(user)
            return redirect(url_for("groups.index"))
    status = 422 if form.errors else 200
    return render_template(
        "teaching/team/accept.html", form=form, invitation=invitation, token=token
    ), status


def _unusable(reason: str) -> ResponseReturnValue:
    status = 404 if reason == "unknown" else 410
    return render_template("teaching/team/invitation_unusable.html", reason=reason), status

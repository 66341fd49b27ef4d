"""Joining a group, starting alone, and logging in on another phone."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from vaktaal.accounts import reset, service
from vaktaal.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    NameForm,
    NewPasswordForm,
    PinLoginForm,
    RegisterForm,
    StartForm,
    UserLoginForm,
)
from vaktaal.accounts.models import Learner, User
from vaktaal.accounts.session import (
    current_device,
    current_learner,
    forget_device,
    remember_device,
)
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.sectors.models import Sector

bp = Blueprint("accounts", __name__, template_folder="templates")


def _message(error: str) -> str:
    messages = {
        "name-taken": _("Deze naam is al bezet in de groep. Kies een andere naam."),
        "empty-name": _("Typ je naam."),
        "name-too-long": _("Deze naam is te lang."),
        "bad-pin": _("Een pincode is 4 tot 6 cijfers."),
        "unknown-code": _("Deze code kennen we niet. Kijk nog eens goed."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))


def _signed_in(learner: Learner) -> ResponseReturnValue:
    """Remember this phone for the learner and go to practice."""
    token = service.register_device(db.session, learner, now=utcnow())
    return remember_device(redirect(url_for("practice.practise")), token)


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def join() -> ResponseReturnValue:
    form = CodeForm()
    if form.validate_on_submit():
        group = service.find_group(db.session, form.code.data or "")
        if group is not None:
            return redirect(url_for("accounts.join_group", code=group.join_code))
        form.code.errors = [_message("unknown-code")]
    return render_template("accounts/join.html", form=form)


@bp.get("/j/<code>")
def join_link(code: str) -> ResponseReturnValue:
    """The address in a group's QR code."""
    return redirect(url_for("accounts.join_group", code=service.normalise_code(code)))


@bp.route("/join/<code>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def join_group(code: str) -> ResponseReturnValue:
    group = service.find_group(db.session, code)
    if group is None:
        form = CodeForm(data={"code": code})
        form.code.errors = [_message("unknown-code")]
        return render_template("accounts/join.html", form=form), 404
    form = NameForm()
    if form.validate_on_submit():
        try:
            learner = service.join_group(
                db.session, group, name=form.name.data or "", pin=form.pin.data or None,
                now=utcnow(),
            )  # fmt: skip
        except service.AccountError as error:
            form.name.errors = [_message(str(error))]
        else:
            return _signed_in(learner)
    status = 422 if form.errors else 200
    return render_template("accounts/join_group.html", form=form, group=group), status


@bp.route("/start", methods=["GET", "POST"])
def start() -> ResponseReturnValue:
    sectors = db.session.scalars(
        select(Sector).where(Sector.retired_at.is_(None)).order_by(Sector.position)
    ).all()
    form = StartForm()
    form.sector.choices = [(s.slug, s.title) for s in sectors]
    if form.validate_on_submit():
        sector = next(s for s in sectors if s.slug == form.sector.data)
        try:
            learner = service.start_without_group(
                db.session, sector, name=form.name.data or "", now=utcnow()
            )
        except service.AccountError as error:
            form.name.errors = [_message(str(error))]
        else:
            return _signed_in(learner)
    status = 422 if form.errors else 200
    return render_template("accounts/start.html", form=form, sectors=sectors), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> ResponseReturnValue:
    form = PinLoginForm()
    error = None
    if form.validate_on_submit():
        result = service.login_with_pin(
            db.session, code=form.code.data or "", name=form.name.data or "",
            pin=form.pin.data or "", now=utcnow(),
        )  # fmt: skip
        if result.learner is not None:
            return _signed_in(result.learner)
        if result.error == "locked":
            error = _("Te vaak een verkeerde pincode. Probeer het over een kwartier opnieuw.")
        else:
            error = _("De code, de naam of de pincode klopt niet.")
    status = 422 if error or form.errors else 200
    return render_template("accounts/login.html", form=form, error=error), status


@bp.route("/login/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login_link(token: str) -> ResponseReturnValue:
    """A personal login card: confirm with one tap (link previews must not log in)."""
    learner = service.learner_for_login_link(db.session, token)
    if learner is None:
        return render_template("accounts/link_invalid.html"), 404
    form = FlaskForm()  # only the CSRF token
    if form.validate_on_submit():
        return _signed_in(learner)
    return render_template("accounts/login_link.html", learner=learner, form=form)


@bp.post("/uitloggen")
def logout() -> ResponseReturnValue:
    device = current_device()
    if device is None or current_learner() is None:
        abort(400)
    service.revoke_device(device, now=utcnow())
    return forget_device(redirect(url_for("sectors.home")))


# Staff accounts: employers now, teachers later.


@bp.route("/account/registreren", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def register() -> ResponseReturnValue:
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = service.register_user(
                db.session, organisation_name=form.organisation.data or "",
                email=form.email.data or "", password=form.password.data or "", now=utcnow(),
            )  # fmt: skip
        except service.AccountError as error:
            form.email.errors = [_staff_message(str(error))]
        else:
            login_user(user)
            return redirect(url_for("glossary.builder"))
    status = 422 if form.errors else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/account/inloggen", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def user_login() -> ResponseReturnValue:
    form = UserLoginForm()
    error = None
    if form.validate_on_submit():
        user = service.authenticate_user(
            db.session, email=form.email.data or "", password=form.password.data or "",
            now=utcnow(),
        )  # fmt: skip
        # A deactivated account is refused by `login_user` (its `is_active` is False);
        # it gets the same answer as a wrong password, no hint that the address exists.
        if user is not None and login_user(user):
            return redirect(_local_next() or _staff_home(user))
        error = _("Het e-mailadres of het wachtwoord klopt niet.")
    status = 422 if error or form.errors else 200
    return render_template("accounts/user_login.html", form=form, error=error), status


@bp.post("/account/uitloggen")
def user_logout() -> ResponseReturnValue:
    logout_user()
    return redirect(url_for("sectors.home"))


def _staff_home(user: User) -> str:
    """Where staff land after logging in: teachers on their groups, employers on glossaries."""
    return url_for("groups.index") if user.teaches else url_for("glossary.builder")


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@login_required
def change_password() -> ResponseReturnValue:
    user: User = current_user._get_current_object()  # type: ignore[attr-defined]
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            reset.change_password(
                user, current=form.current.data or "", new=form.password.data or ""
            )
        except service.AccountError as error:
            field = form.current if str(error) == "wrong-password" else form.password
            field.errors = [_staff_message(str(error))]
        else:
            login_user(user)  # this session carries on with the new password; others end
            flash(_("Je wachtwoord is veranderd."))
            return redirect(_staff_home(user))
    status = 422 if form.errors else 200
    return render_template("accounts/change_password.html", form=form), status


@bp.route("/account/nieuw-wachtwoord/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def reset_password(token: str) -> ResponseReturnValue:
    """The link an admin made: choose a new password, then be logged in."""
    secret = current_app.config["SECRET_KEY"]
    if reset.user_for_reset_token(db.session, token, secret, now=utcnow()) is None:
        return render_template("accounts/reset_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = reset.reset_password(
                db.session, token, secret, password=form.password.data or "", now=utcnow()
            )
        except reset.ResetLinkUnusable:
            return render_template("accounts/reset_invalid.html"), 404
        except service.AccountError as error:
            form.password.errors = [_staff_message(str(error))]
        else:
            login_user(user)
            flash(_("Je wachtwoord is veranderd."))
            return redirect(_staff_home(user))
    status = 422 if form.errors else 200
    return render_template("accounts/reset_password.html", form=form, token=token), status


def _local_next() -> str | None:
    """The page that asked for a login (`?next=`), only when it is on this site."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _staff_message(error: str) -> str:
    messages = {
        "email-taken": _("Er is al een account met dit e-mailadres."),
        "short-password": _("Een wachtwoord heeft minstens 10 tekens."),
        "wrong-password": _("Dit is niet je huidige wachtwoord."),
        "empty-organisation": _("Typ de naam van het bedrijf."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))

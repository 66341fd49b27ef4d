"""Forms a learner or a staff member fills in: short, with labels that can be read aloud."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from vaktaal.accounts.service import MIN_PASSWORD_LENGTH

PIN = Regexp(r"^[0-9]{4,6}$", message=_l("Een pincode is 4 tot 6 cijfers."))


class CodeForm(FlaskForm):
    code = StringField(
        _l("Groepscode"),
        validators=[DataRequired(_l("Typ de code van je groep.")), Length(max=20)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class NameForm(FlaskForm):
    name = StringField(
        _l("Je naam"),
        validators=[DataRequired(_l("Typ je naam.")), Length(max=40)],
        render_kw={"autocomplete": "given-name"},
    )
    pin = PasswordField(
        _l("Pincode (4 tot 6 cijfers, mag leeg blijven)"),
        validators=[Optional(), PIN],
        render_kw={"inputmode": "numeric", "autocomplete": "new-password"},
    )


class StartForm(FlaskForm):
    sector = SelectField(_l("Sector"), validators=[DataRequired()])
    name = StringField(
        _l("Je naam"),
        validators=[DataRequired(_l("Typ je naam.")), Length(max=40)],
        render_kw={"autocomplete": "given-name"},
    )


class PinLoginForm(CodeForm):
    name = StringField(
        _l("Je naam"), validators=[DataRequired(_l("Typ je naam.")), Length(max=40)]
    )
    pin = PasswordField(
        _l("Pincode"),
        validators=[DataRequired(_l("Typ je pincode.")), PIN],
        render_kw={"inputmode": "numeric", "autocomplete": "current-password"},
    )


def email_field() -> EmailField:
    return EmailField(
        _l("E-mailadres"),
        validators=[DataRequired(_l("Typ je e-mailadres.")), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )


class RegisterForm(FlaskForm):
    organisation = StringField(
        _l("Naam van het bedrijf"),
        validators=[DataRequired(_l("Typ de naam van het bedrijf.")), Length(max=200)],
        render_kw={"autocomplete": "organization"},
    )
    email = email_field()
    password = PasswordField(
        _l("Wachtwoord (minstens 10 tekens)"),
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            Length(min=10, max=200, message=_l("Een wachtwoord heeft minstens 10 tekens.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class UserLoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Wachtwoord"),
        validators=[DataRequired(_l("Typ je wachtwoord.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )


class NewPasswordForm(FlaskForm):
    """A new password, typed twice: a typo would otherwise lock the user out."""

    password = PasswordField(
        _l("Nieuw wachtwoord (minstens 10 tekens)"),
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Een wachtwoord heeft minstens 10 tekens."),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    again = PasswordField(
        _l("Nieuw wachtwoord nog een keer"),
        validators=[
            DataRequired(_l("Typ het nieuwe wachtwoord nog een keer.")),
            EqualTo("password", message=_l("De twee wachtwoorden zijn niet hetzelfde.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(
        _l("Huidig wachtwoord"),
        validators=[DataRequired(_l("Typ je huidige wachtwoord.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )

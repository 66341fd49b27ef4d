"""Forms for teacher accounts: sign up an organisation, invite, accept an invitation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from vaktaal.accounts.forms import email_field


def new_password_field() -> PasswordField:
    return PasswordField(
        _l("Wachtwoord (minstens 10 tekens)"),
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            Length(min=10, max=200, message=_l("Een wachtwoord heeft minstens 10 tekens.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class SchoolRegisterForm(FlaskForm):
    organisation = StringField(
        _l("Naam van de taalschool of organisatie"),
        validators=[
            DataRequired(_l("Typ de naam van de school of organisatie.")),
            Length(max=200),
        ],
        render_kw={"autocomplete": "organization"},
    )
    email = email_field()
    password = new_password_field()


class InviteForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres van de docent"),
        validators=[DataRequired(_l("Typ het e-mailadres van de docent.")), Length(max=254)],
        render_kw={"autocomplete": "off"},
    )


class AcceptForm(FlaskForm):
    email = email_field()
    password = new_password_field()

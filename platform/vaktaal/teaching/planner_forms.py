"""Forms of the trajectory planner; every one carries a CSRF token."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import Field, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from vaktaal.teaching.calendar_csv import MAX_LOCATION, MAX_TOPIC, parse_date
from vaktaal.teaching.models import PartOfDay

PART_OF_DAY_LABELS = {
    PartOfDay.OCHTEND: _l("ochtend (vanaf 8.30 uur)"),
    PartOfDay.MIDDAG: _l("middag (vanaf 13.00 uur)"),
    PartOfDay.AVOND: _l("avond (vanaf 18.30 uur)"),
}


class DateText:
    """A real date, typed as JJJJ-MM-DD (what a date input sends) or DD-MM-JJJJ."""

    def __call__(self, form: FlaskForm, field: Field) -> None:
        value = (field.data or "").strip()
        if not value:
            return
        try:
            day = parse_date(value)
        except ValueError:
            raise ValidationError(_l("Typ een datum als 12-03-2026.")) from None
        if day is None:
            raise ValidationError(_l("Deze datum bestaat niet."))


def read_date(field: StringField) -> date:
    """The date of a field that passed `DateText`."""
    day = parse_date((field.data or "").strip())
    assert day is not None
    return day


def date_field(label: Any) -> StringField:
    return StringField(
        label, validators=[InputRequired(_l("Kies een datum.")), DateText()], default=""
    )


class SessionForm(FlaskForm):
    day = date_field(_l("Datum"))
    part_of_day = SelectField(
        _l("Dagdeel"),
        choices=[SelectChoice(part.value, label) for part, label in PART_OF_DAY_LABELS.items()],
        validate_choice=False,
        validators=[
            InputRequired(_l("Kies een dagdeel.")),
            AnyOf([part.value for part in PartOfDay], message=_l("Kies een dagdeel.")),
        ],
    )
    topic = StringField(
        _l("Onderwerp van de training"),
        validators=[
            DataRequired(_l("Typ het onderwerp, zoals de opleider het noemt.")),
            Length(max=MAX_TOPIC, message=_l("Dit onderwerp is te lang (hoogstens 200 tekens).")),
        ],
    )
    location = StringField(
        _l("Locatie (mag leeg blijven)"),
        validators=[
            Optional(),
            Length(
                max=MAX_LOCATION, message=_l("Deze locatie is te lang (hoogstens 200 tekens).")
            ),
        ],
    )


class AssignForm(FlaskForm):
    """Assign one theme to one session: from a suggestion's button or the list of all."""

    theme_id = IntegerField(_l("Thema"), validators=[InputRequired(_l("Kies een thema."))])


def optional_id(value: object) -> int | None:
    """A row id from a select; None for the empty choice or anything not a number."""
    text = str(value) if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 12 else None


class DatedAssignForm(FlaskForm):
    """Assign a theme without a session: to be learned by a date of choice."""

    # The choices are the group's themes (set by the view); the service checks the value.
    theme_id = SelectField(
        _l("Thema"),
        coerce=optional_id,
        validate_choice=False,
        validators=[InputRequired(_l("Kies een thema."))],
    )
    day = date_field(_l("Kennen op"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV-bestand"))
    text = TextAreaField(_l("Of plak de regels hier"))


class ConfirmImportForm(FlaskForm):
    text = TextAreaField()


class ConfirmForm(FlaskForm):
    """Only the CSRF token: a button that changes something."""

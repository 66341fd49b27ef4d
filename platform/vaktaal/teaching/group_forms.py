"""Forms on the group pages; every one carries a CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from vaktaal.accounts.service import LEVELS, MAX_NAME_LENGTH
from vaktaal.teaching.groups import (
    MAX_GROUP_NAME_LENGTH,
    MAX_INACTIVE_DAYS,
    MIN_INACTIVE_DAYS,
)

LEVEL_HELP = {
    "A0": _l("A0 – begint net: luisteren en plaatjes, bijna niets lezen"),
    "A1": _l("A1 – kent al wat woorden: korte woorden lezen en typen"),
    "A2": _l("A2 – leest korte zinnen: zinnen aanvullen en dialogen"),
    "B1": _l("B1 – leest en schrijft zelfstandig: langere zinnen"),
}
GROUP_LEVEL_CHOICES = [SelectChoice(level, LEVEL_HELP[level]) for level in ("A0", "A1", "A2")]
LEARNER_LEVEL_CHOICES = [SelectChoice(level, LEVEL_HELP[level]) for level in LEVELS]


def group_name_field() -> StringField:
    return StringField(
        _l("Naam van de groep"),
        validators=[
            DataRequired(_l("Typ een naam voor de groep.")),
            Length(max=MAX_GROUP_NAME_LENGTH, message=_l("Deze naam is te lang.")),
        ],
    )


def group_level_field() -> RadioField:
    return RadioField(
        _l("Beginniveau van nieuwe cursisten"),
        choices=GROUP_LEVEL_CHOICES,
        default="A0",
        validate_choice=False,
        validators=[
            InputRequired(_l("Kies een niveau.")),
            AnyOf(
                [choice.value for choice in GROUP_LEVEL_CHOICES], message=_l("Kies een niveau.")
            ),
        ],
    )


class NewGroupForm(FlaskForm):
    name = group_name_field()
    # The choices are the active sectors (set by the view); the service checks the value.
    sector = SelectField(
        _l("Sector"), validate_choice=False, validators=[InputRequired(_l("Kies een sector."))]
    )
    level = group_level_field()


class GroupSettingsForm(FlaskForm):
    name = group_name_field()
    level = group_level_field()
    inactive_after_days = IntegerField(
        _l("Cursist inactief na dit aantal dagen zonder oefenen (1 tot 60)"),
        validators=[
            InputRequired(_l("Typ een aantal dagen.")),
            NumberRange(
                MIN_INACTIVE_DAYS,
                MAX_INACTIVE_DAYS,
                message=_l("Kies een aantal dagen van 1 tot 60."),
            ),
        ],
    )


class LearnerNameForm(FlaskForm):
    name = StringField(
        _l("Naam"),
        validators=[
            DataRequired(_l("Typ een naam.")),
            Length(max=MAX_NAME_LENGTH, message=_l("Deze naam is te lang.")),
        ],
    )


class LearnerLevelForm(FlaskForm):
    level = RadioField(
        _l("Niveau"),
        choices=LEARNER_LEVEL_CHOICES,
        validate_choice=False,
        validators=[
            InputRequired(_l("Kies een niveau.")),
            AnyOf(list(LEVELS), message=_l("Kies een niveau.")),
        ],
    )


class LearnerPinForm(FlaskForm):
    pin = StringField(
        _l("Nieuwe pincode (4 tot 6 cijfers)"),
        validators=[
            DataRequired(_l("Typ een pincode van 4 tot 6 cijfers.")),
            Regexp(r"^[0-9]{4,6}$", message=_l("Een pincode is 4 tot 6 cijfers.")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )


class LoginCardsForm(FlaskForm):
    learners = SelectMultipleField(
        _l("Voor wie?"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,  # the service keeps the choice inside the group
        validators=[DataRequired(_l("Kies minstens één cursist."))],
    )


class DeleteGroupForm(FlaskForm):
    """Typing the group's name is the confirmation (the view compares it)."""

    name = StringField(
        _l("Typ de naam van de groep om te bevestigen"),
        validators=[DataRequired(_l("Typ de naam van de groep."))],
    )

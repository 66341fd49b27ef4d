"""Forms of the work-floor words: the learner's flag, the teacher's link to a term."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from vaktaal.ownwords.inbox import MAX_TEXT_LENGTH


class FlagForm(FlaskForm):
    text = StringField(
        _l("Het woord"),
        validators=[
            Optional(),
            Length(
                max=MAX_TEXT_LENGTH,
                message=_l("Dat is te lang. Typ één woord of een korte zin."),
            ),
        ],
    )
    audio = FileField(_l("Opname van het woord"))
    photo = FileField(_l("Foto (mag ook niet)"))


def practice_field() -> RadioField:
    return RadioField(
        _l("Oefenen"),
        choices=[
            SelectChoice("learner", _l("Alleen deze cursist oefent het woord")),
            SelectChoice("group", _l("De hele groep oefent het woord")),
            SelectChoice("none", _l("Niet extra oefenen")),
        ],
        default="learner",
        validators=[DataRequired()],
    )


class LinkTermForm(FlaskForm):
    """Match a flagged word to a word the sector or organisation already has."""

    term = SelectField(
        _l("Bestaand woord"), coerce=int, validators=[DataRequired(_l("Kies een woord."))]
    )
    practice = practice_field()
    submit = SubmitField(_l("Koppel aan dit woord"))

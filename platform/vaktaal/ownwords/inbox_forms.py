"""Forms of the work-floor words: the learner's flag, the teacher's link to a term."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from vaktaal.ownwords.forms import WordForm, with_glosses
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
    photo = FileField(_l("Foto (mag leeg blijven)"))


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


class FlagTermForm(WordForm):
    """A new word made from a flagged one: the own-words form, in the group's sector."""

    # The sector is the learner's group's; the picture is the learner's photo or none.
    sector = None
    photo = None
    pictogram_query = None
    pictogram = None
    remove_picture = None
    use_photo = BooleanField(_l("Gebruik de foto van de cursist als plaatje"), default=True)
    practice = practice_field()
    submit = SubmitField(_l("Maak het woord"))


def flag_term_form(languages: Iterable[str], **kwargs: Any) -> FlagTermForm:
    """The form with one optional gloss field per gloss language (`gloss_<code>`)."""
    return with_glosses(FlagTermForm, languages, **kwargs)


class LinkTermForm(FlaskForm):
    """Match a flagged word to a word the sector or organisation already has."""

    term = SelectField(
        _l("Bestaand woord"), coerce=int, validators=[DataRequired(_l("Kies een woord."))]
    )
    practice = practice_field()
    submit = SubmitField(_l("Koppel aan dit woord"))

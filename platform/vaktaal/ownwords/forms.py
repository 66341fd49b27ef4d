"""Forms of the own-words pages: a word (with picture and glosses), a CSV word list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from vaktaal.ownwords.csv_import import MAX_EXAMPLE, MAX_GLOSS, MAX_LEMMA, MAX_PLURAL
from vaktaal.ownwords.service import MAX_TITLE

WORD_CLASS_CHOICES = [
    SelectChoice("noun", _l("zelfstandig naamwoord (de/het …)")),
    SelectChoice("verb", _l("werkwoord")),
    SelectChoice("adjective", _l("bijvoeglijk naamwoord")),
    SelectChoice("adverb", _l("bijwoord")),
    SelectChoice("phrase", _l("uitdrukking of zin")),
    SelectChoice("other", _l("anders")),
]
LEVEL_CHOICES = [
    SelectChoice("A0", _l("A0: nog niet lezen")),
    SelectChoice("A1", _l("A1: beginner")),
    SelectChoice("A2", _l("A2")),
    SelectChoice("B1", _l("B1")),
]


class WordForm(FlaskForm):
    sector = SelectField(
        _l("Sector"), coerce=int, validators=[DataRequired(_l("Kies een sector."))]
    )
    lemma = StringField(
        _l("Woord (Nederlands)"),
        validators=[DataRequired(_l("Typ het woord.")), Length(max=MAX_LEMMA)],
    )
    word_class = SelectField(_l("Woordsoort"), choices=WORD_CLASS_CHOICES, default="noun")
    article = SelectField(
        _l("Lidwoord"),
        choices=[
            SelectChoice("", _l("geen (geen zelfstandig naamwoord)")),
            SelectChoice("de", "de"),
            SelectChoice("het", "het"),
        ],
        validators=[Optional()],
    )
    plural = StringField(_l("Meervoud"), validators=[Optional(), Length(max=MAX_PLURAL)])
    example = TextAreaField(_l("Voorbeeldzin"), validators=[Optional(), Length(max=MAX_EXAMPLE)])
    level = SelectField(_l("Niveau"), choices=LEVEL_CHOICES, default="A1")
    photo = FileField(_l("Foto uploaden (JPEG of PNG, hoogstens 5 MB)"))
    pictogram_query = StringField(
        _l("Of zoek een pictogram (Nederlands of Engels)"), validators=[Optional(), Length(max=80)]
    )
    # The chosen pictogram's OpenMoji code: the page renders it as radio buttons, one per
    # search result (a hidden field would be sent along with them).
    pictogram = StringField(validators=[Optional(), Length(max=60)])
    remove_picture = BooleanField(_l("Plaatje weghalen"))


F = TypeVar("F", bound=WordForm)


def with_glosses(form_class: type[F], languages: Iterable[str], **kwargs: Any) -> F:
    """`form_class` with one optional gloss field per gloss language (`gloss_<code>`)."""
    fields = {
        f"gloss_{code}": StringField(code, validators=[Optional(), Length(max=MAX_GLOSS)])
        for code in languages
    }
    return type(form_class.__name__, (form_class,), fields)(**kwargs)


def word_form(languages: Iterable[str], **kwargs: Any) -> WordForm:
    """The word form with one optional gloss field per gloss language (`gloss_<code>`)."""
    return with_glosses(WordForm, languages, **kwargs)


class ImportForm(FlaskForm):
    sector = SelectField(
        _l("Sector"), coerce=int, validators=[DataRequired(_l("Kies een sector."))]
    )
    file = FileField(_l("CSV-bestand (hoogstens 200 kB)"))


class ConfirmImportForm(FlaskForm):
    """The previewed list, sent back whole: it is checked again before anything is saved."""

    sector = HiddenField(validators=[DataRequired()])
    text = HiddenField(validators=[DataRequired()])


class RetireForm(FlaskForm):
    """Only the CSRF token: removing a word is a POST from the confirmation page."""


class ThemeForm(FlaskForm):
    """An own theme's title and audience; its words are checkboxes named `terms`."""

    title = StringField(
        _l("Titel van het thema"),
        validators=[
            DataRequired(_l("Geef het thema een titel.")),
            Length(max=MAX_TITLE, message=_l("De titel is te lang.")),
        ],
        # A text's first line becomes the proposed title: a care plan's may name a client.
        description=_l(
            "Cursisten zien deze titel. Zet er geen namen van cliënten of collega's in."
        ),
    )
    audience = SelectField(_l("Voor wie is het thema?"), validators=[DataRequired()])

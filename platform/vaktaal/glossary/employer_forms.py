"""Forms of an organisation's pages: saving a glossary, adding a company word."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional


class SaveGlossaryForm(FlaskForm):
    name = StringField(
        _l("Naam van de woordenlijst"),
        validators=[DataRequired(_l("Geef de woordenlijst een naam.")), Length(max=200)],
    )


class CompanyWordForm(FlaskForm):
    lemma = StringField(
        _l("Woord (Nederlands)"),
        validators=[DataRequired(_l("Typ het woord.")), Length(max=80)],
    )
    article = SelectField(
        _l("Lidwoord"),
        choices=[
            SelectChoice("", _l("geen")),
            SelectChoice("de", "de"),
            SelectChoice("het", "het"),
        ],
        validators=[Optional()],
    )
    plural = StringField(_l("Meervoud"), validators=[Optional(), Length(max=80)])
    example = StringField(_l("Voorbeeldzin"), validators=[Optional(), Length(max=200)])
    photo = FileField(_l("Foto (JPEG of PNG, hoogstens 5 MB)"))


def company_word_form(languages: Iterable[str], **kwargs: Any) -> CompanyWordForm:
    """The form with one optional gloss field per builder language (`gloss_<code>`)."""

    class Form(CompanyWordForm):
        pass

    for code in languages:
        setattr(
            Form,
            f"gloss_{code}",
            StringField(code, validators=[Optional(), Length(max=200)]),
        )
    return Form(**kwargs)

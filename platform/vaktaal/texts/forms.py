"""Forms of the text → theme page: the text to analyse, and the theme to save.

The candidate words of the second step are a variable list, so their fields (`pick-<n>`,
`lemma-<n>`, `article-<n>` …) are read from the request by the view, next to this form.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from vaktaal.ownwords.forms import ThemeForm
from vaktaal.texts.extract import MAX_TEXT_CHARS


class AnalyseForm(FlaskForm):
    text = TextAreaField(
        _l("Plak de tekst"),
        validators=[
            Optional(),
            Length(max=MAX_TEXT_CHARS, message=_l("De tekst is te lang.")),
        ],
    )
    file = FileField(_l("Of kies een bestand (.txt, .docx of .pdf)"))
    sector = SelectField(_l("Sector"), validators=[DataRequired(_l("Kies een sector."))])
    group = SelectField(_l("Groep (mag leeg blijven)"), validators=[Optional()])


class SaveThemeForm(ThemeForm):
    # The analysed text travels back with the form (not in the session) and is checked
    # and analysed again on saving.
    text = HiddenField(validators=[DataRequired(), Length(max=MAX_TEXT_CHARS)])
    sector = HiddenField(validators=[DataRequired()])
    gloss_language = SelectField(_l("Vertaling van nieuwe woorden in"))

"""Text → theme: a teacher pastes or uploads a training text and saves its work words.

Step one reads the text and shows the candidates (the sector's known words ticked, new
ones suggested with their sentence). Step two saves the ticked words as a theme of one
group or of the whole organisation. The text travels between the steps in a hidden
field, not in the session; on saving it is checked and analysed again, so only words
the analysis found can be saved, and known terms are taken from the database, never
from the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from vaktaal.accounts.models import Group
from vaktaal.core.clock import utcnow
from vaktaal.core.i18n import LANGUAGE_NAMES
from vaktaal.extensions import db, limiter
from vaktaal.language.terms import Candidate
from vaktaal.ownwords import service as ownwords
from vaktaal.ownwords.forms import WORD_CLASS_CHOICES
from vaktaal.ownwords.pictures import Pictogram, openmoji_picture, suggest_pictograms
from vaktaal.sectors.models import Sector, Term, Theme
from vaktaal.sectors.pictures import PictureError
from vaktaal.sectors.schemas import GLOSS_LANGUAGES
from vaktaal.teaching.access import own_organisation, teacher_required
from vaktaal.texts.extract import (
    MAX_UPLOAD_BYTES,
    UploadError,
    clean_text,
    read_limited,
    text_from_upload,
)
from vaktaal.texts.forms import AnalyseForm, SaveThemeForm
from vaktaal.texts.messages import upload_error_message
from vaktaal.texts.service import CROSS_SECTOR_PACK, analyse_text

bp = Blueprint("texts", __name__, template_folder="templates")

# An upload, or a pasted text of up to 100,000 characters (4 bytes each at most in
# UTF-8) with the candidates' fields; anything larger is refused before it is read.
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024
CANDIDATE_LIMIT = 40
PICTOGRAM_CHOICES = 4
TITLE_LENGTH = 80
ORGANISATION = "organisatie"


@bp.url_value_preprocessor
def _limit_body(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    # Runs before the CSRF check reads the body (see glossary.employer_views).
    if endpoint in ("texts.analyse", "texts.save"):
        request.max_content_length = MAX_BODY_BYTES


@dataclass
class Row:
    """One candidate on the page, with what the teacher ticked and typed."""

    index: int
    candidate: Candidate
    term: Term | None  # the sector's (or organisation's) term it already is
    picked: bool
    lemma: str = ""
    word_class: str = "noun"
    article: str = ""
    plural: str = ""
    gloss: str = ""
    example: str = ""
    pictogram: str = ""  # the chosen OpenMoji code; empty: no picture
    pictograms: list[Pictogram] = field(default_factory=list)  # the choices shown
    error: str | None = None

    @property
    def is_new(self) -> bool:
        return self.candidate.known is None

    @property
    def elsewhere(self) -> bool:
        """Known, but from a list this theme cannot take (another sector)."""
        return self.candidate.known is not None and self.term is None


def _sectors() -> list[Sector]:
    return list(
        db.session.scalars(
            select(Sector).where(Sector.retired_at.is_(None)).order_by(Sector.position)
        )
    )


def _groups() -> list[Group]:
    """The organisation's groups, oldest first (the first is the teacher's default)."""
    return list(
        db.session.scalars(
            select(Group)
            .where(Group.organisation_id == own_organisation())
            .order_by(Group.created_at, Group.id)
        )
    )


def _analyse_form(sectors: list[Sector], groups: list[Group], **kwargs: Any) -> AnalyseForm:
    form = AnalyseForm(**kwargs)
    form.sector.choices = [(s.slug, s.title) for s in sectors]
    form.group.choices = [("", _("Geen groep: voor de hele organisatie"))] + [
        (str(g.id), f"{g.name} ({g.sector.title})") for g in groups
    ]
    if request.method == "GET" and groups:
        form.sector.data = groups[0].sector.slug
    return form


def _render_start(form: AnalyseForm, error: str | None, status: int) -> ResponseReturnValue:
    return render_template("texts/analyse.html", form=form, error=error), status


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error: RequestEntityTooLarge) -> ResponseReturnValue:
    form = _analyse_form(_sectors(), _groups(), formdata=None)
    return _render_start(form, upload_error_message(UploadError("too-large")), 413)


@bp.route("/docent/tekst", methods=["GET", "POST"])
@limiter.limit("60 per hour", methods=["POST"])
@teacher_required
def analyse() -> ResponseReturnValue:
    sectors, groups = _sectors(), _groups()
    form = _analyse_form(sectors, groups)
    if not form.validate_on_submit():
        return _render_start(form, None, 422 if form.errors else 200)
    sector = next(s for s in sectors if s.slug == form.sector.data)
    group = next((g for g in groups if str(g.id) == form.group.data), None)
    if group is not None and not group.practises(sector):
        form.group.errors = [
            _(
                "De groep %(group)s oefent %(sector)s. Kies die sector, of geen groep.",
                group=group.name,
                sector=group.sector.title,
            )
        ]
        return _render_start(form, None, 422)
    try:
        text = _read_text(form)
    except UploadError as error:
        return _render_start(form, upload_error_message(error), 422)
    if text is None:
        return _render_start(form, _("Plak een tekst of kies een bestand."), 422)
    candidates = analyse_text(
        db.session, text, sector_slug=sector.slug, organisation_id=own_organisation(),
        limit=CANDIDATE_LIMIT,
    )  # fmt: skip
    rows = _fresh_rows(candidates, sector)
    save_form = _save_form(sector, groups, formdata=None)
    save_form.text.data = text
    save_form.sector.data = sector.slug
    save_form.title.data = default_title(text)
    save_form.audience.data = str(group.id) if group else ORGANISATION
    return _render_review(save_form, sector, rows, None, 200)


def _read_text(form: AnalyseForm) -> str | None:
    upload = form.file.data
    if isinstance(upload, FileStorage) and upload.filename:
        return text_from_upload(upload.filename, read_limited(upload.stream))
    if (form.text.data or "").strip():
        return clean_text(form.text.data or "")
    return None


def default_title(text: str) -> str:
    """The text's first line, cut at a word to at most TITLE_LENGTH characters."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= TITLE_LENGTH:
        return first
    return first[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,.;:-") + "…"


def _known_terms(sector: Sector, candidates: list[Candidate]) -> dict[tuple[str, str], Term]:
    """The known candidates' terms, by (sector slug, key): the sector's own and those of
    the cross-sector packs, which a theme may include too (to pre-teach them in time)."""
    wanted = {(c.known.sector, c.known.key) for c in candidates if c.known}
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Sector.slug, Term)
        .join(Term, Term.sector_id == Sector.id)
        .where(
            (Sector.id == sector.id) | Sector.cross_sector.is_(True),
            Term.key.in_({key for _slug, key in wanted}),
            Term.retired_at.is_(None),
            (Term.organisation_id.is_(None)) | (Term.organisation_id == own_organisation()),
        )
    )
    return {(slug, term.key): term for slug, term in rows if (slug, term.key) in wanted}


def _rows(candidates: list[Candidate], sector: Sector) -> list[Row]:
    """A row per candidate; a known term counts when it is in this sector or a pack."""
    terms = _known_terms(sector, candidates)
    rows = []
    for index, candidate in enumerate(candidates):
        known = candidate.known
        term = terms.get((known.sector, known.key)) if known else None
        rows.append(Row(index, candidate, term, picked=False))
    return rows


def _fresh_rows(candidates: list[Candidate], sector: Sector) -> list[Row]:
    rows = _rows(candidates, sector)
    for row in rows:
        row.picked = row.term is not None
        if row.is_new:
            row.lemma = row.candidate.lemma
            row.word_class = guess_word_class(row.candidate)
            sentence = row.candidate.sentence
            row.example = sentence if len(sentence) <= ownwords.MAX_EXAMPLE else ""
    return rows


def guess_word_class(candidate: Candidate) -> str:
    """A first guess the teacher can change: a phrase, a verb, or (most often) a noun.

    A lemma ending in -en that the text only used in other forms (spoel, begint, tilt)
    is taken for a verb; a noun's lemma is its singular, which the text usually has.
    """
    lemma = candidate.lemma
    if " " in lemma:
        return "phrase"
    if lemma.endswith("en") and lemma not in candidate.forms:
        return "verb"
    return "noun"


def _save_form(sector: Sector, groups: list[Group], **kwargs: Any) -> SaveThemeForm:
    form = SaveThemeForm(**kwargs)
    form.audience.choices = [(ORGANISATION, _("De hele organisatie"))] + [
        (str(g.id), _("De groep %(group)s", group=g.name)) for g in groups if g.practises(sector)
    ]
    form.gloss_language.choices = [(c, LANGUAGE_NAMES.get(c, c)) for c in GLOSS_LANGUAGES]
    if form.gloss_language.data not in GLOSS_LANGUAGES:
        form.gloss_language.data = GLOSS_LANGUAGES[0]
    return form


def _render_review(
    form: SaveThemeForm, sector: Sector, rows: list[Row], error: str | None, status: int
) -> ResponseReturnValue:
    for row in rows:
        if row.is_new:
            row.pictograms = _pictogram_choices(row)
    return render_template(
        "texts/review.html",
        form=form,
        sector=sector,
        known=[r for r in rows if not r.is_new],
        new=[r for r in rows if r.is_new],
        word_classes=WORD_CLASS_CHOICES,
        theme_titles=_theme_titles(sector),
        error=error,
    ), status


def _pictogram_choices(row: Row) -> list[Pictogram]:
    """Pictograms suggested for a new word, with the one already chosen (if any)."""
    choices = suggest_pictograms(db.session, row.candidate.lemma, limit=PICTOGRAM_CHOICES)
    if row.pictogram and all(p.code != row.pictogram for p in choices):
        choices.insert(0, Pictogram(row.pictogram, row.pictogram))
    return choices


def _theme_titles(sector: Sector) -> dict[tuple[str, str], str]:
    """(sector slug, theme slug) → title for the themes a known word can be in: the
    sector's and the cross-sector pack's, and the organisation's own."""
    rows = db.session.execute(
        select(Sector.slug, Theme.slug, Theme.title)
        .join(Theme, Theme.sector_id == Sector.id)
        .where(
            Sector.slug.in_([sector.slug, CROSS_SECTOR_PACK]),
            (Theme.organisation_id.is_(None)) | (Theme.organisation_id == own_organisation()),
        )
    )
    return {(sector_slug, slug): title for sector_slug, slug, title in rows}


@bp.post("/docent/tekst/opslaan")
@limiter.limit("60 per hour")
@teacher_required
def save() -> ResponseReturnValue:
    sector = db.session.scalar(
        select(Sector).where(
            Sector.slug == request.form.get("sector", ""), Sector.retired_at.is_(None)
        )
    )
    if sector is None:
        abort(400)
    groups = _groups()
    form = _save_form(sector, groups)
    try:
        text = clean_text(request.form.get("text", ""))
    except UploadError:
        abort(400)  # the hidden text came from the first step: only tampering breaks it
    candidates = analyse_text(
        db.session, text, sector_slug=sector.slug, organisation_id=own_organisation(),
        limit=CANDIDATE_LIMIT,
    )  # fmt: skip
    rows = _submitted_rows(candidates, sector)
    if not form.validate_on_submit():
        return _render_review(form, sector, rows, None, 422)
    group = next((g for g in groups if str(g.id) == form.audience.data), None)
    language = form.gloss_language.data or GLOSS_LANGUAGES[0]
    now = utcnow()
    terms: list[Term] = []
    new_terms: list[Term] = []
    for row in rows:
        if not row.picked:
            continue
        if row.term is not None:
            terms.append(row.term)
            continue
        try:
            picture = (
                openmoji_picture(db.session, row.pictogram, now=now) if row.pictogram else None
            )
            term = ownwords.create_term(
                db.session, own_organisation(), sector=sector, lemma=row.lemma,
                word_class=row.word_class,
                article=row.article or None, plural=row.plural or None, example=row.example,
                glosses={language: row.gloss} if row.gloss else {}, picture=picture, now=now,
            )  # fmt: skip
        except PictureError:
            row.error = _("Dit pictogram bestaat niet. Kies een ander.")
        except ownwords.OwnWordsError as problem:
            row.error = problem.message
        else:
            terms.append(term)
            new_terms.append(term)
    error = None
    if any(row.error for row in rows):
        error = _("Niet opgeslagen: verbeter de woorden die rood gemarkeerd zijn.")
    else:
        try:
            ownwords.create_theme(
                db.session, own_organisation(), sector=sector, title=form.title.data or "",
                terms=terms,
                group_id=group.id if group else None, now=now,
            )  # fmt: skip
        except ownwords.OwnWordsError as problem:
            error = problem.message
    if error is not None:
        # Words made before a later one failed must not stay: nothing is saved.
        db.session.rollback()
        return _render_review(form, sector, _submitted_rows(candidates, sector, rows), error, 422)
    audio_ok = all(
        [
            ownwords.make_term_audio(db.session, term, config=current_app.config, now=now)
            for term in new_terms
        ]
    )
    if group is not None:
        flash(_("Thema opgeslagen; wijs het toe aan een training"))
    else:
        flash(_("Thema opgeslagen voor de hele organisatie; wijs het toe in een planning"))
    if not audio_ok:
        flash(_("De uitspraak van de nieuwe woorden wordt later gemaakt."))
    if group is not None:
        return redirect(url_for("planner.week", group_id=group.id))
    return redirect(url_for("themes.index"))


def _submitted_rows(
    candidates: list[Candidate], sector: Sector, checked: list[Row] | None = None
) -> list[Row]:
    """The rows as the teacher left them (after a rollback: fresh, with the errors kept)."""
    rows = _rows(candidates, sector)
    errors = {row.index: row.error for row in checked or []}
    form = request.form
    for row in rows:
        row.picked = f"pick-{row.index}" in form and not row.elsewhere
        row.error = errors.get(row.index)
        if row.is_new:
            row.lemma = form.get(f"lemma-{row.index}", row.candidate.lemma).strip()
            row.word_class = form.get(f"word_class-{row.index}", "noun")
            row.article = form.get(f"article-{row.index}", "")
            row.plural = form.get(f"plural-{row.index}", "").strip()
            row.gloss = form.get(f"gloss-{row.index}", "").strip()
            row.example = form.get(f"example-{row.index}", "").strip()
            row.pictogram = form.get(f"pictogram-{row.index}", "").strip().upper()[:60]
    return rows

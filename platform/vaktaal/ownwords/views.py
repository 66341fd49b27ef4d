"""Teachers' own words: list, create, edit, remove, import from CSV; their photos.

Every teacher route works within the teacher's organisation: another organisation's
word is not found (404). The photo route is public on purpose (learners load the photos
on their phones); see ownwords.pictures for why its random names are the access control.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.exceptions import RequestEntityTooLarge

from vaktaal.audio.service import term_audio_urls
from vaktaal.core.cleanup import delete_after_commit
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.glossary import photos
from vaktaal.ownwords import (
    csv_import,
    models,  # noqa: F401  (registers the tables)
    pictures,
    service,
)
from vaktaal.ownwords.forms import (
    WORD_CLASS_CHOICES,
    ConfirmImportForm,
    ImportForm,
    RetireForm,
    WordForm,
    word_form,
)
from vaktaal.sectors.models import Picture, Sector, Term
from vaktaal.sectors.pictures import OPENMOJI_CODE, PictureError, openmoji_directory
from vaktaal.sectors.schemas import GLOSS_LANGUAGES
from vaktaal.sectors.service import list_sectors
from vaktaal.teaching.access import own_organisation, teacher, teacher_required

bp = Blueprint("ownwords", __name__, template_folder="templates")
# Any page may show an own word's uploaded photo as well as a content picture.
bp.add_app_template_global(pictures.picture_url, "picture_url")

# The photo and a few short text fields; anything longer is refused before it is read.
MAX_WORD_BYTES = photos.MAX_PHOTO_BYTES + 64 * 1024
# The CSV file, or (when confirming) its text sent back URL-encoded: up to 3 bytes each.
MAX_IMPORT_BYTES = 3 * csv_import.MAX_BYTES + 64 * 1024
# Audio made at once for an imported list; the rest is made by `flask audio build`.
IMPORT_AUDIO_WORDS = 30
# Where a problem from the service is shown: next to its field, or above the form.
ERROR_FIELDS = {
    "empty-lemma": "lemma",
    "long-lemma": "lemma",
    "word-class": "word_class",
    "article": "article",
    "article-not-noun": "article",
    "long-plural": "plural",
    "long-example": "example",
    "level": "level",
}


@bp.url_value_preprocessor
def _limit_uploads(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    # Runs before the CSRF check reads the body (see glossary.employer_views).
    if endpoint in ("ownwords.new", "ownwords.edit"):
        request.max_content_length = MAX_WORD_BYTES
    elif endpoint == "ownwords.import_csv":
        request.max_content_length = MAX_IMPORT_BYTES


def _own_term(term_id: int) -> Term:
    term = service.find_org_term(db.session, own_organisation(), term_id)
    if term is None:
        abort(404)
    return term


def _photo_folder() -> Path:
    return pictures.photo_folder(current_app.instance_path)


def _sectors() -> list[Sector]:
    return list_sectors(db.session)


# --- list --------------------------------------------------------------------------------


@bp.get("/docent/woorden")
@teacher_required
def index() -> ResponseReturnValue:
    sectors = _sectors()
    chosen = next((s for s in sectors if s.slug == request.args.get("sector")), None)
    terms = service.organisation_terms(
        db.session, own_organisation(), sector_id=chosen.id if chosen else None
    )
    by_sector: dict[int, list[Term]] = {}
    for term in terms:
        by_sector.setdefault(term.sector_id, []).append(term)
    return render_template(
        "ownwords/index.html",
        sectors=sectors,
        chosen=chosen,
        groups=[(s, by_sector[s.id]) for s in sectors if s.id in by_sector],
        audio=term_audio_urls(db.session, [t.id for t in terms]),
        languages=GLOSS_LANGUAGES,
    )


# --- create and edit ---------------------------------------------------------------------


@bp.route("/docent/woorden/nieuw", methods=["GET", "POST"])
@teacher_required
@limiter.limit("60 per minute", methods=["POST"])
def new() -> ResponseReturnValue:
    return _word_page(None)


@bp.route("/docent/woorden/<int:term_id>", methods=["GET", "POST"])
@teacher_required
@limiter.limit("60 per minute", methods=["POST"])
def edit(term_id: int) -> ResponseReturnValue:
    return _word_page(_own_term(term_id))


def _word_page(term: Term | None) -> ResponseReturnValue:
    sectors = _sectors()
    error: str | None = None
    status = 200
    try:
        form = _bound_form(term)
        searching = request.form.get("action") == "search"
    except RequestEntityTooLarge:
        form, error, status = _bound_form(term, formdata=None), _photo_message("too-large"), 413
        searching = False
    form.sector.choices = [(s.id, s.title) for s in sectors]
    if term is not None:
        form.sector.data = term.sector_id  # a word stays in its sector
    found: list[pictures.Pictogram] = []
    if searching:
        found = pictures.search_pictograms(db.session, form.pictogram_query.data or "")
    elif request.method == "POST" and error is None:
        if form.validate_on_submit():
            saved, error = _save(form, term, sectors)
            if saved is not None:
                return saved
        status = 422
    return render_template(
        "ownwords/word.html",
        form=form,
        term=term,
        error=error,
        found=found,
        searched=searching,
        has_sectors=bool(sectors),
        languages=GLOSS_LANGUAGES,
    ), status


def _bound_form(term: Term | None, **kwargs: Any) -> WordForm:
    if term is not None and request.method == "GET":
        glosses = {f"gloss_{g.language}": g.text for g in term.glosses}
        return word_form(GLOSS_LANGUAGES, obj=term, data=glosses, **kwargs)
    return word_form(GLOSS_LANGUAGES, **kwargs)


def _save(
    form: WordForm, term: Term | None, sectors: list[Sector]
) -> tuple[ResponseReturnValue | None, str | None]:
    """Save the word; return the redirect, or None and the problem to show."""
    sector = next((s for s in sectors if s.id == form.sector.data), None)
    if sector is None:
        form.sector.errors = [_("Kies een sector.")]
        return None, None
    now = utcnow()
    try:
        picture = _chosen_picture(form, term, now)
    except photos.PhotoError as problem:
        return None, _photo_message(str(problem))
    except PictureError:
        return None, _("Dit pictogram bestaat niet. Zoek opnieuw.")
    fields = {
        "lemma": form.lemma.data or "",
        "word_class": form.word_class.data,
        "article": form.article.data or None,
        "plural": form.plural.data,
        "example": form.example.data or "",
        "glosses": {c: form[f"gloss_{c}"].data or "" for c in GLOSS_LANGUAGES},
        "picture": picture,
        "level": form.level.data,
        "now": now,
    }
    before = term.picture if term is not None else None
    try:
        if term is None:
            term = service.create_term(db.session, own_organisation(), sector=sector, **fields)
        else:
            service.update_term(db.session, term, **fields)
            if before is not picture:
                unused = pictures.drop_if_unused(db.session, before, folder=_photo_folder())
                if unused is not None:
                    delete_after_commit(db.session, [unused])
    except service.OwnWordsError as problem:
        field = ERROR_FIELDS.get(problem.code)
        if field is None:
            return None, problem.message
        form[field].errors = [*form[field].errors, problem.message]
        return None, None
    if service.make_term_audio(db.session, term, config=current_app.config, now=now):
        flash(_("Het woord %(word)s is opgeslagen, met geluid.", word=term.lemma))
    else:
        flash(
            _(
                "Het woord %(word)s is opgeslagen. Het geluid kon nu niet gemaakt worden; "
                "dat gebeurt later.",
                word=term.lemma,
            )
        )
    return redirect(url_for("ownwords.index", sector=sector.slug)), None


def _chosen_picture(form: WordForm, term: Term | None, now: datetime) -> Picture | None:
    """A new photo wins, then a chosen pictogram; else the word keeps its picture."""
    if form.photo.data:
        photo = photos.clean_photo(photos.read_limited(form.photo.data.stream))
        user = teacher()
        return pictures.save_photo(
            db.session, own_organisation(), photo, folder=_photo_folder(),
            organisation=user.organisation.name, now=now,
        )  # fmt: skip
    code = (form.pictogram.data or "").strip().upper()
    if code:
        return pictures.openmoji_picture(db.session, code, now=now)
    if form.remove_picture.data or term is None:
        return None
    return term.picture


def _photo_message(error: str) -> str:
    messages = {
        "too-large": _("De foto is te groot: hoogstens 5 MB."),
        "not-an-image": _("Dit is geen foto: kies een JPEG- of PNG-bestand."),
        "too-many-pixels": _("De foto heeft te veel pixels."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))


# --- remove ------------------------------------------------------------------------------


@bp.route("/docent/woorden/<int:term_id>/verwijderen", methods=["GET", "POST"])
@teacher_required
def retire(term_id: int) -> ResponseReturnValue:
    term = _own_term(term_id)
    form = RetireForm()
    if form.validate_on_submit():
        service.retire_term(term, now=utcnow())
        flash(_("Het woord %(word)s is verwijderd.", word=term.lemma))
        return redirect(url_for("ownwords.index"))
    return render_template("ownwords/retire.html", form=form, term=term)


# --- import ------------------------------------------------------------------------------


@bp.route("/docent/woorden/importeren", methods=["GET", "POST"])
@teacher_required
@limiter.limit("30 per minute", methods=["POST"])
def import_csv() -> ResponseReturnValue:
    sectors = _sectors()
    choices = [(s.id, s.title) for s in sectors]
    try:
        form = ImportForm()
        form.sector.choices = choices
        confirm = ConfirmImportForm(prefix="confirm")
        confirming = request.method == "POST" and "confirm-text" in request.form
        submitted = not confirming and form.validate_on_submit()
    except RequestEntityTooLarge:
        form = ImportForm(formdata=None)
        form.sector.choices = choices
        return _import_page(
            form, sectors, error=_("Het bestand is te groot: hoogstens 200 kB.")
        ), 413

    if confirming:
        if not confirm.validate():
            abort(400)
        sector = next((s for s in sectors if str(s.id) == confirm.sector.data), None)
        if sector is None:
            abort(400)
        return _do_import(sector, confirm.text.data or "", form)
    if not submitted:
        status = 422 if request.method == "POST" else 200
        return _import_page(form, sectors), status
    sector = next((s for s in sectors if s.id == form.sector.data), None)
    upload = form.file.data
    if sector is None or not upload:
        if not upload:
            form.file.errors = [_("Kies een CSV-bestand.")]
        return _import_page(form, sectors), 422
    data = upload.stream.read(csv_import.MAX_BYTES + 1)
    if len(data) > csv_import.MAX_BYTES:
        return _import_page(
            form, sectors, error=_("Het bestand is te groot: hoogstens 200 kB.")
        ), 413
    try:
        text = csv_import.decode_upload(data)
    except csv_import.NotText:
        return _import_page(
            form, sectors, error=_("Dit is geen CSV-bestand. Sla de lijst op als CSV (UTF-8).")
        ), 422
    return _preview(sector, text, form, sectors)


def _preview(
    sector: Sector, text: str, form: ImportForm, sectors: list[Sector]
) -> ResponseReturnValue:
    rows, problems = csv_import.parse_words_csv(text)
    existing = service.existing_lemmas(db.session, own_organisation(), sector)
    confirm = ConfirmImportForm(prefix="confirm", formdata=None, sector=str(sector.id), text=text)
    new_rows = [row for row in rows if row.lemma.lower() not in existing]
    return _import_page(
        form,
        sectors,
        sector=sector,
        rows=rows,
        problems=[_problem_message(p) for p in problems],
        existing=existing,
        new_count=len(new_rows),
        confirm=confirm if rows and not problems and new_rows else None,
        previewing=True,
    ), (422 if problems else 200)


def _do_import(sector: Sector, text: str, form: ImportForm) -> ResponseReturnValue:
    rows, problems = csv_import.parse_words_csv(text)
    if problems:
        # The preview showed them already: nothing is imported from a list with problems.
        return _preview(sector, text, form, _sectors())
    existing = service.existing_lemmas(db.session, own_organisation(), sector)
    now = utcnow()
    made: list[Term] = []
    for row in rows:
        if row.lemma.lower() in existing:
            continue
        try:
            made.append(
                service.create_term(
                    db.session,
                    own_organisation(),
                    sector=sector,
                    lemma=row.lemma,
                    word_class=row.word_class,
                    article=row.article,
                    plural=row.plural,
                    example=row.example,
                    glosses=row.glosses,
                    level=row.level,
                    now=now,
                )
            )
        except service.OwnWordsError as problem:
            # The parser checks what the service checks; should they ever differ, the
            # 422 rolls back the words made so far: a list is imported whole or not at all.
            message = _("regel %(line)s: %(message)s", line=row.line, message=problem.message)
            return _import_page(form, _sectors(), error=message), 422
        existing[row.lemma.lower()] = "own"
    spoken = [service.make_term_audio(db.session, t, config=current_app.config, now=now)
              for t in made[:IMPORT_AUDIO_WORDS]]  # fmt: skip
    skipped = len(rows) - len(made)
    flash(
        ngettext(
            "%(num)d woord geïmporteerd in %(sector)s.",
            "%(num)d woorden geïmporteerd in %(sector)s.",
            len(made),
            sector=sector.title,
        )
    )
    if skipped:
        flash(
            ngettext(
                "%(num)d overgeslagen: bestond al.", "%(num)d overgeslagen: bestonden al.", skipped
            )
        )
    if len(made) > IMPORT_AUDIO_WORDS or not all(spoken):
        flash(_("Het geluid van sommige woorden wordt later gemaakt."))
    return redirect(url_for("ownwords.index", sector=sector.slug))


def _import_page(
    form: ImportForm, sectors: list[Sector], *, error: str | None = None, **preview: Any
) -> str:
    return render_template(
        "ownwords/import.html",
        form=form,
        error=error,
        previewing=preview.pop("previewing", False),
        has_sectors=bool(sectors),
        languages=GLOSS_LANGUAGES,
        word_classes={choice.value: choice.label for choice in WORD_CLASS_CHOICES},
        **preview,
    )


def _problem_message(problem: csv_import.Problem) -> str:
    value = problem.value
    messages = {
        "too-big": _("Het bestand is te groot: hoogstens %(kb)s kB.", kb=value),
        "empty": _("Het bestand is leeg."),
        "no-rows": _("Er staan geen woorden onder de kopregel."),
        "too-many-rows": _("Te veel woorden: hoogstens %(num)s per bestand.", num=value),
        "no-header": _(
            "De eerste regel moet de kolomnamen geven: woord, lidwoord, meervoud, "
            "voorbeeldzin, woordsoort, niveau."
        ),
        "unknown-column": _("onbekende kolom: %(name)s", name=value),
        "missing-column": _("de kolom „%(name)s” ontbreekt", name=value),
        "repeated-column": _("de kolom „%(name)s” staat er twee keer", name=value),
        "too-many-columns": _("meer cellen dan kolommen"),
        "word-missing": _("het woord ontbreekt"),
        "word-too-long": _("het woord is te lang (hoogstens %(num)s tekens)", num=value),
        "article-unknown": _("lidwoord moet de of het zijn"),
        "article-missing": _("een zelfstandig naamwoord heeft een lidwoord nodig (de of het)"),
        "article-not-noun": _("alleen een zelfstandig naamwoord heeft een lidwoord"),
        "word-class-unknown": _("onbekende woordsoort: %(value)s", value=value),
        "level-unknown": _("niveau moet A0, A1, A2 of B1 zijn, niet %(value)s", value=value),
        "plural-too-long": _("het meervoud is te lang (hoogstens %(num)s tekens)", num=value),
        "example-too-long": _("de voorbeeldzin is te lang (hoogstens %(num)s tekens)", num=value),
        "gloss-too-long": _("de vertaling (%(code)s) is te lang", code=value),
        "repeated-word": _("dit woord staat al op regel %(line)s", line=value),
    }
    message = messages.get(problem.code, problem.code)
    if problem.line is None:
        return message
    return _("regel %(line)s: %(message)s", line=problem.line, message=message)


# --- pictures ----------------------------------------------------------------------------


@bp.get("/woordfoto/<int:organisation_id>/<name>")
def photo(organisation_id: int, name: str) -> ResponseReturnValue:
    """An own word's photo; public, found only by its random name (see ownwords.pictures)."""
    picture = pictures.served_photo(db.session, organisation_id, name)
    if picture is None:
        abort(404)
    path = pictures.upload_file(_photo_folder(), picture)
    if not path.is_file():
        abort(404)
    # Small files (at most 1200 px): read whole, so no file handle outlives the request.
    mimetype = "image/png" if path.suffix == ".png" else "image/jpeg"
    response = Response(path.read_bytes(), mimetype=mimetype)
    # The name never changes its content: phones may keep it (offline practice).
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


@bp.get("/docent/pictogram/<code>.svg")
@teacher_required
def pictogram(code: str) -> ResponseReturnValue:
    """An OpenMoji pictogram to choose from, before any word uses it."""
    if not OPENMOJI_CODE.match(code):
        abort(404)
    path = openmoji_directory() / f"{code}.svg"
    if not path.is_file():
        abort(404)
    response = Response(path.read_bytes(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response

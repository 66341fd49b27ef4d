"""An organisation's own pages: saved glossaries and company words with photos.

Every route needs a logged-in staff user, and every row is looked up within that user's
organisation: another organisation's glossary, word or photo is simply not found (404).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.glossary import photos, service
from vaktaal.glossary.employer_forms import SaveGlossaryForm, company_word_form
from vaktaal.glossary.forms import read_builder_form
from vaktaal.glossary.schemas import Selection
from vaktaal.glossary.views import _build, _pdf_response
from vaktaal.sectors.schemas import GLOSS_LANGUAGES

# The photo and a few short text fields; anything longer is refused before it is read.
MAX_UPLOAD_BYTES = photos.MAX_PHOTO_BYTES + 64 * 1024

bp = Blueprint("employer", __name__, template_folder="templates")


@bp.url_value_preprocessor
def _limit_uploads(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    # URL value preprocessors run before every before_request function, so the limit
    # holds before anything (the CSRF check included) reads the body: a larger body is
    # refused from its Content-Length, or as soon as more than this has been read.
    request.max_content_length = MAX_UPLOAD_BYTES if endpoint == "employer.company_words" else None


def _org() -> int:
    return int(current_user.organisation_id)


@bp.post("/glossary/opslaan")
@login_required
def save() -> ResponseReturnValue:
    form = SaveGlossaryForm()
    selection = read_builder_form(request.form).selection
    if not form.validate_on_submit() or selection is None:
        abort(400)
    try:
        _build(selection, _org())  # only a selection that prints is saved
        service.save_glossary(
            db.session, _org(), selection, name=form.name.data or "", now=utcnow()
        )
    except service.GlossaryError:
        abort(400)  # the builder showed the problem already; its form has no "Opslaan"
    return redirect(url_for("employer.saved_list"))


@bp.get("/account/woordenlijsten")
@login_required
def saved_list() -> ResponseReturnValue:
    saved = service.list_saved_glossaries(db.session, _org())
    return render_template("glossary/saved.html", saved=saved)


@bp.get("/account/woordenlijsten/<int:saved_id>.pdf")
@login_required
@limiter.limit("12 per minute")
def saved_pdf(saved_id: int) -> ResponseReturnValue:
    saved = service.get_saved_glossary(db.session, _org(), saved_id)
    if saved is None:
        abort(404)
    try:
        glossary = _build(Selection.from_dict(saved.selection), _org())
    except (service.GlossaryError, ValueError, KeyError):
        abort(409)
    return _pdf_response(service.build_glossary_pdf(glossary), f"vaktaal-{saved.id}.pdf")


@bp.post("/account/woordenlijsten/<int:saved_id>/verwijderen")
@login_required
def saved_delete(saved_id: int) -> ResponseReturnValue:
    saved = service.get_saved_glossary(db.session, _org(), saved_id)
    if saved is None:
        abort(404)
    db.session.delete(saved)
    return redirect(url_for("employer.saved_list"))


@bp.route("/account/bedrijfswoorden", methods=["GET", "POST"])
@login_required
def company_words() -> ResponseReturnValue:
    error = None
    try:
        form = company_word_form(GLOSS_LANGUAGES)
        submitted = form.validate_on_submit()
    except RequestEntityTooLarge:
        form, submitted = company_word_form(GLOSS_LANGUAGES, formdata=None), False
        error = _photo_message("too-large")
    if submitted:
        try:
            photo_name = None
            if form.photo.data:
                photo = photos.clean_photo(photos.read_limited(form.photo.data.stream))
                photo_name = photos.store_photo(service.photo_folder(), _org(), photo)
            service.add_company_word(
                db.session, _org(), lemma=form.lemma.data or "", article=form.article.data,
                plural=form.plural.data, example=form.example.data,
                glosses={c: getattr(form, f"gloss_{c}").data or "" for c in GLOSS_LANGUAGES},
                photo_name=photo_name, now=utcnow(),
            )  # fmt: skip
        except photos.PhotoError as problem:
            error = _photo_message(str(problem))
        else:
            return redirect(url_for("employer.company_words"))
    words = service.list_company_words(db.session, _org())
    status = 413 if error == _photo_message("too-large") else 422 if error or form.errors else 200
    return render_template(
        "glossary/company_words.html",
        form=form,
        words=words,
        error=error,
        languages=GLOSS_LANGUAGES,
    ), status


@bp.post("/account/bedrijfswoorden/<int:word_id>/verwijderen")
@login_required
def company_word_delete(word_id: int) -> ResponseReturnValue:
    word = service.get_company_word(db.session, _org(), word_id)
    if word is None:
        abort(404)
    service.delete_company_word(db.session, word, folder=service.photo_folder())
    return redirect(url_for("employer.company_words"))


@bp.get("/account/bedrijfswoorden/<int:word_id>/foto")
@login_required
def company_photo(word_id: int) -> ResponseReturnValue:
    word = service.get_company_word(db.session, _org(), word_id)
    if word is None or word.photo_name is None:
        abort(404)
    path = photos.photo_path(service.photo_folder(), word.organisation_id, word.photo_name)
    if not path.is_file():
        abort(404)
    # Small files (at most 1200 px): read whole, so no file handle outlives the request.
    mimetype = "image/png" if path.suffix == ".png" else "image/jpeg"
    response = Response(path.read_bytes(), mimetype=mimetype)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _photo_message(error: str) -> str:
    messages = {
        "too-large": _("De foto is te groot: hoogstens 5 MB."),
        "not-an-image": _("Dit is geen foto: kies een JPEG- of PNG-bestand."),
        "too-many-pixels": _("De foto heeft te veel pixels."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))

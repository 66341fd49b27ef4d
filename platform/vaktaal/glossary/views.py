"""The glossary builder, its PDFs, the tips sheet and the public word pages (QR targets)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from vaktaal.audio.service import term_audio_urls
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.glossary import service
from vaktaal.glossary.employer_forms import SaveGlossaryForm
from vaktaal.glossary.forms import read_builder_form, selection_args
from vaktaal.glossary.models import CompanyWord
from vaktaal.glossary.schemas import MAX_LANGUAGES, Layout, Selection
from vaktaal.ownwords.pictures import picture_url
from vaktaal.sectors.models import Picture, Term
from vaktaal.sectors.schemas import GLOSS_LANGUAGES
from vaktaal.sectors.service import list_sectors

bp = Blueprint("glossary", __name__, template_folder="templates")


@bp.get("/glossary")
def builder() -> ResponseReturnValue:
    form = read_builder_form(request.args)
    org = _organisation_id()
    sector = service.active_sector(db.session, form.sector) if form.sector else None
    found = (
        service.search_terms(db.session, sector, form.query, organisation_id=org)
        if sector and form.query
        else []
    )
    chosen = (
        service.terms_by_key(db.session, sector, form.selection.terms, organisation_id=org)
        if sector and form.selection
        else []
    )
    glossary, error = None, None
    if sector and form.wants_preview:
        assert form.selection is not None
        try:
            glossary = _build(form.selection)
        except service.GlossaryError as problem:
            error = str(problem)
    return render_template(
        "glossary/builder.html",
        form=form,
        sectors=list_sectors(db.session),
        sector=sector,
        themes=service.selectable_themes(db.session, sector, org) if sector else [],
        found=found,
        chosen=chosen,
        languages=GLOSS_LANGUAGES,
        max_languages=MAX_LANGUAGES,
        layouts=list(Layout),
        glossary=glossary,
        pdf_args=selection_args(request.args),
        error=error,
        picture_src=_picture_url,
        photo_src=_photo_url,
        company_words=service.list_company_words(db.session, org) if org else [],
        save_form=SaveGlossaryForm() if org else None,
    )


def _organisation_id() -> int | None:
    """The logged-in staff user's organisation; None for everybody else."""
    if not current_user.is_authenticated:
        return None
    return int(current_user.organisation_id)


def _build(selection: Selection, organisation_id: int | None = None) -> service.Glossary:
    return service.build_glossary(
        db.session,
        selection,
        now=utcnow(),
        word_url=service.public_word_url,
        source=current_app.config["BASE_URL"],
        organisation_id=organisation_id if organisation_id else _organisation_id(),
    )


@bp.get("/glossary/pdf")
@limiter.limit("12 per minute")
def pdf() -> ResponseReturnValue:
    form = read_builder_form(request.args)
    if form.selection is None:
        abort(400)
    try:
        glossary = _build(form.selection)
    except service.GlossaryError as problem:
        return Response(str(problem), status=400, mimetype="text/plain")
    name = f"vaktaal-{form.selection.sector}-{form.selection.layout.value}.pdf"
    return _pdf_response(service.build_glossary_pdf(glossary), name)


@bp.get("/glossary/tips")
def tips() -> ResponseReturnValue:
    return render_template("glossary/tips.html")


@bp.get("/glossary/tips.pdf")
@limiter.limit("12 per minute")
def tips_pdf() -> ResponseReturnValue:
    return _pdf_response(service.build_tips_pdf(), "vaktaal-tips.pdf")


@bp.get("/w/<sector>/<term>")
def word(sector: str, term: str) -> ResponseReturnValue:
    found = service.get_word(db.session, sector, term)
    if found is None or not _may_see_word(found, sector):
        abort(404)
    audio = term_audio_urls(db.session, [found.id]).get(found.id, {})
    sources = {found.picture.source} if found.picture else set()
    return render_template("glossary/word.html", term=found, audio=audio, picture_sources=sources)


def _may_see_word(term: Term, sector: str) -> bool:
    """Content words are public; an organisation's own word needs its printed token."""
    if term.organisation_id is None or term.organisation_id == _organisation_id():
        return True
    return service.word_token_valid(sector, term.key, request.args.get("k"))


def _photo_url(word: CompanyWord) -> str:
    return url_for("employer.company_photo", word_id=word.id)


def _picture_url(picture: Picture) -> str:
    return picture_url(picture)


def _pdf_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""Learner pages (practice, progress) and the JSON API the practice page talks to."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from vaktaal.accounts.session import (
    current_device,
    current_learner,
    forget_device,
    learner_required,
)
from vaktaal.audio.service import line_audio_urls, term_audio_urls
from vaktaal.core.clock import utcnow
from vaktaal.extensions import csrf, db
from vaktaal.ownwords.pictures import picture_url
from vaktaal.practice import service
from vaktaal.practice.openapi import openapi_document
from vaktaal.practice.schemas import AnswerBatch, NextQuery

bp = Blueprint("practice", __name__, template_folder="templates")
api = Blueprint("api", __name__, url_prefix="/api/v1")
# The API is called by our own script with a JSON body: a cross-site form cannot send
# `Content-Type: application/json` without a CORS preflight we never allow, so the
# token-based CSRF check (which expires while a phone is offline) is not needed here.
csrf.exempt(api)

SQLITE_RETRIES = 3


def _urls() -> service.Urls:
    return service.Urls(
        picture=picture_url,  # content pictures, and own words' uploaded photos
        term_audio=lambda ids: term_audio_urls(db.session, ids),
        line_audio=lambda ids: line_audio_urls(db.session, ids),
    )


def _learner() -> Any:
    learner = current_learner()
    assert learner is not None  # guaranteed by @learner_required
    return learner


@bp.get("/oefenen")
@learner_required
def practise() -> ResponseReturnValue:
    return render_template("practice/practise.html", learner=_learner())


@bp.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    """The service worker, served from the root so it may look after every page."""
    response = send_from_directory(
        Path(current_app.static_folder or "") / "js", "sw.js", mimetype="text/javascript",
        max_age=0,
    )  # fmt: skip
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/voortgang")
@learner_required
def progress() -> ResponseReturnValue:
    learner = _learner()
    numbers = service.learner_progress(db.session, learner, now=utcnow())
    return render_template("practice/progress.html", learner=learner, progress=numbers)


def _problem(status: int, error: str, message: str, **extra: Any) -> ResponseReturnValue:
    return jsonify(error=error, message=message, **extra), status


@bp.get("/mijn-gegevens")
@learner_required
def my_data() -> ResponseReturnValue:
    return render_template("practice/my_data.html", learner=_learner(), form=FlaskForm())


@bp.get("/mijn-gegevens.json")
@learner_required
def my_data_download() -> ResponseReturnValue:
    response = jsonify(service.export_learner(db.session, _learner()))
    response.headers["Content-Disposition"] = 'attachment; filename="vaktaal-mijn-gegevens.json"'
    return response


@bp.post("/mijn-gegevens/verwijderen")
@learner_required
def delete_my_data() -> ResponseReturnValue:
    form = FlaskForm()
    if not form.validate_on_submit():
        return redirect(url_for("practice.my_data"))
    service.delete_learner(db.session, _learner())
    return forget_device(redirect(url_for("sectors.home")))


@api.errorhandler(HTTPException)
def _api_http_error(error: HTTPException) -> ResponseReturnValue:
    return _problem(error.code or 500, "http", error.description or error.name)


@api.get("/next")
@learner_required
def next_items() -> ResponseReturnValue:
    try:
        query = NextQuery.model_validate(request.args.to_dict())
    except ValidationError as error:
        return _problem(422, "invalid", _summary(error), details=_details(error))
    items = service.next_batch(
        db.session, _learner(), now=utcnow(), rng=random.Random(), urls=_urls(),
        size=query.size,
    )  # fmt: skip
    return jsonify(items=items)


@api.post("/answers")
@learner_required
def answers() -> ResponseReturnValue:
    if not request.is_json:
        return _problem(400, "not-json", "Send the answers as application/json.")
    payload = request.get_json(silent=True)
    if payload is None:
        return _problem(400, "bad-json", "The body is not valid JSON.")
    try:
        batch = AnswerBatch.model_validate(payload)
    except ValidationError as error:
        return _problem(422, "invalid", _summary(error), details=_details(error))
    learner, device = _learner(), current_device()
    for attempt in range(SQLITE_RETRIES):
        try:
            result = service.record_answers(
                db.session, learner, batch.answers, now=utcnow(), device=device
            )
            # Commit here, not after the request: a busy SQLite must be retried as a whole.
            db.session.commit()
            break
        except service.PracticeError as error:
            db.session.rollback()
            return _problem(422, "invalid", str(error))
        except OperationalError:
            db.session.rollback()
            if attempt == SQLITE_RETRIES - 1:
                raise
            learner, device = _learner(), current_device()
    return jsonify(accepted=result.accepted, duplicates=result.duplicates)


@api.get("/progress")
@learner_required
def progress_json() -> ResponseReturnValue:
    numbers = service.learner_progress(db.session, _learner(), now=utcnow())
    return jsonify(numbers.__dict__)


@api.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document())


def _details(error: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": [str(p) for p in e["loc"]], "message": e["msg"]}
        for e in error.errors(include_url=False, include_input=False)
    ]


def _summary(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])

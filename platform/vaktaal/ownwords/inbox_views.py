"""Words from the work floor: learners flag them, teachers review them in an inbox.

The learner's recording and photo are personal data, kept in the instance folder and
served only by routes that check who asks: the organisation's teachers hear and see
them; the learner who sent a photo sees it again. Anyone else gets 404.
"""

from __future__ import annotations

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
from flask_limiter.util import get_remote_address
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from vaktaal.accounts.models import Learner
from vaktaal.accounts.session import current_learner, learner_required
from vaktaal.core.clock import utcnow
from vaktaal.extensions import db, limiter
from vaktaal.glossary import photos
from vaktaal.ownwords import files, inbox, pictures
from vaktaal.ownwords import service as ownwords
from vaktaal.ownwords.inbox_forms import FlagForm, FlagTermForm, LinkTermForm, flag_term_form
from vaktaal.ownwords.models import FlaggedWord, FlagStatus
from vaktaal.sectors.models import Term
from vaktaal.sectors.schemas import GLOSS_LANGUAGES
from vaktaal.teaching.access import own_organisation, teacher, teacher_required

bp = Blueprint("inbox", __name__, template_folder="templates")

# A recording, a photo and one short text field; a larger body is refused unread.
MAX_FLAG_BYTES = files.MAX_AUDIO_BYTES + photos.MAX_PHOTO_BYTES + 64 * 1024


@bp.url_value_preprocessor
def _limit_uploads(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    # Runs before the CSRF check reads the body (see glossary.employer_views).
    if endpoint == "inbox.flag":
        request.max_content_length = MAX_FLAG_BYTES


def _learner_key() -> str:
    """Count a learner's flags per learner (a whole class may share one wifi address)."""
    learner = current_learner()
    return f"learner:{learner.id}" if learner else get_remote_address()


def _learner() -> Learner:
    learner = current_learner()
    assert learner is not None  # guaranteed by @learner_required
    return learner


def _flag_message(error: str) -> str:
    messages = {
        "no-group": _("Je zit niet in een groep. Er is geen docent om het woord naar te sturen."),
        "empty": _("Typ het woord of neem het op."),
        "too-long": _("Dat is te lang. Typ één woord of een korte zin."),
        "too-large": _(
            "Dat is te groot. Neem korter op (hoogstens 10 seconden) of kies een kleinere foto."
        ),
        "empty-audio": _("De opname is leeg. Neem opnieuw op of typ het woord."),
        "not-audio": _("Deze opname kunnen we niet afspelen. Neem opnieuw op of typ het woord."),
        "not-an-image": _("Dit is geen foto. Kies een JPEG- of PNG-foto."),
        "too-many-pixels": _("De foto is te groot. Kies een kleinere foto."),
    }
    return messages.get(error, _("Dat ging niet goed. Probeer het opnieuw."))


def _upload(field: Any) -> FileStorage | None:
    data = field.data
    return data if isinstance(data, FileStorage) and data.filename else None


def _render_flag(form: FlagForm, error: str | None, status: int) -> ResponseReturnValue:
    return render_template(
        "ownwords/inbox_flag.html", form=form, error=error, learner=_learner(),
        max_seconds=10,
    ), status  # fmt: skip


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error: RequestEntityTooLarge) -> ResponseReturnValue:
    if current_learner() is None:
        return _("Te groot."), 413
    return _render_flag(FlagForm(formdata=None), _flag_message("too-large"), 413)


@bp.route("/woord-melden", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"], key_func=_learner_key)
@learner_required
def flag() -> ResponseReturnValue:
    learner = _learner()
    if learner.group_id is None:
        return render_template("ownwords/inbox_no_group.html", learner=learner)
    form = FlagForm()
    if not form.validate_on_submit():
        return _render_flag(form, None, 422 if form.errors else 200)
    try:
        audio_upload, photo_upload = _upload(form.audio), _upload(form.photo)
        audio = None
        if audio_upload is not None:
            data = audio_upload.stream.read(files.MAX_AUDIO_BYTES + 1)
            audio = (data, files.audio_extension(data))
        text = inbox.check_flag(learner, text=form.text.data, has_audio=audio is not None)
        photo = None
        if photo_upload is not None:
            photo = photos.clean_photo(photos.read_limited(photo_upload.stream))
    except (inbox.InboxError, files.FileError, photos.PhotoError) as problem:
        return _render_flag(form, _flag_message(str(problem)), 422)
    # Only a flag that passed every check leaves files behind.
    folder = files.flag_folder()
    audio_name = files.store_file(folder, *audio) if audio else None
    photo_name = files.store_file(folder, photo.data, photo.extension) if photo else None
    flagged = inbox.flag_word(
        db.session, learner, text=text, audio_name=audio_name, photo_name=photo_name,
        now=utcnow(),
    )  # fmt: skip
    return redirect(url_for("inbox.sent", flag_id=flagged.id))


@bp.get("/woord-melden/verstuurd/<int:flag_id>")
@learner_required
def sent(flag_id: int) -> ResponseReturnValue:
    flagged = db.session.get(FlaggedWord, flag_id)
    if flagged is None or flagged.learner_id != _learner().id:
        abort(404)
    return render_template("ownwords/inbox_sent.html", flag=flagged, learner=_learner())


def _own_flag(flag_id: int) -> FlaggedWord:
    flagged = inbox.find_flag(db.session, own_organisation(), flag_id)
    if flagged is None:
        abort(404)
    return flagged


@bp.get("/docent/werkvloer")
@teacher_required
def index() -> ResponseReturnValue:
    flags = inbox.open_flags(db.session, own_organisation())
    return render_template("ownwords/inbox_index.html", flags=flags, form=FlaskForm())


@bp.post("/docent/werkvloer/<int:flag_id>/negeren")
@teacher_required
def dismiss(flag_id: int) -> ResponseReturnValue:
    flagged = _own_flag(flag_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        inbox.dismiss_flag(flagged, user_id=teacher().id, now=utcnow())
    except inbox.InboxError:
        flash(_("Dit woord is al afgehandeld."))
    else:
        flash(_("Het woord is uit de lijst gehaald."))
    return redirect(url_for("inbox.index"))


@bp.route("/docent/werkvloer/<int:flag_id>", methods=["GET", "POST"])
@teacher_required
def handle(flag_id: int) -> ResponseReturnValue:
    flagged = _own_flag(flag_id)
    group = flagged.group
    assert group is not None  # _own_flag found it through its group
    terms = list(inbox.linkable_terms(db.session, own_organisation(), group.sector_id))
    link_form = LinkTermForm(prefix="link")
    link_form.term.choices = [(t.id, t.with_article) for t in terms]
    new_form = flag_term_form(GLOSS_LANGUAGES, prefix="new")
    if request.method == "GET":
        new_form.lemma.data = flagged.text or ""
    error = None
    term: Term | None = None
    practice = "none"
    try:
        if request.method == "POST" and flagged.status != FlagStatus.OPEN:
            raise inbox.InboxError("handled")  # before a new word (and photo copy) is made
        if link_form.submit.data and link_form.validate_on_submit():
            term = next(t for t in terms if t.id == link_form.term.data)
            practice = link_form.practice.data or "none"
        elif new_form.submit.data and new_form.validate_on_submit():
            term = _new_term(flagged, new_form)
            practice = new_form.practice.data or "none"
        if term is not None:
            inbox.accept_flag(
                db.session, flagged, term, practice=practice, user_id=teacher().id, now=utcnow()
            )
    except inbox.InboxError:
        error = _("Dit woord is al afgehandeld.")
    except ownwords.OwnWordsError as problem:
        error = problem.message
    else:
        if term is not None:
            flash(_accepted_message(term.with_article, practice))
            return redirect(url_for("inbox.index"))
    status = 422 if error or link_form.errors or new_form.errors else 200
    return render_template(
        "ownwords/inbox_handle.html", flag=flagged, link_form=link_form, new_form=new_form,
        languages=GLOSS_LANGUAGES, error=error,
    ), status  # fmt: skip


def _new_term(flagged: FlaggedWord, form: FlagTermForm) -> Term:
    """An own word of the organisation in the group's sector, perhaps with the photo."""
    assert flagged.group is not None
    now = utcnow()
    folder = pictures.photo_folder(current_app.instance_path)
    picture = None
    if form.use_photo.data and flagged.photo_name:
        stored = files.file_path(files.flag_folder(), flagged.photo_name)
        if stored.is_file():
            photo = photos.Photo(stored.read_bytes(), stored.suffix.lstrip("."))
            picture = pictures.save_photo(
                db.session, own_organisation(), photo, folder=folder,
                organisation=teacher().organisation.name, now=now,
            )  # fmt: skip
    try:
        term = ownwords.create_term(
            db.session, own_organisation(), sector=flagged.group.sector,
            lemma=form.lemma.data or "",
            word_class=form.word_class.data or "noun", article=form.article.data or None,
            plural=form.plural.data or None, example=form.example.data or "",
            glosses={c: getattr(form, f"gloss_{c}").data or "" for c in GLOSS_LANGUAGES},
            picture=picture, level=form.level.data or "A1", now=now,
        )  # fmt: skip
    except ownwords.OwnWordsError:
        if picture is not None:
            # The copy of the photo was for this word only: take it away with its row.
            pictures.upload_file(folder, picture).unlink(missing_ok=True)
            db.session.delete(picture)
            db.session.flush()
        raise
    if not ownwords.make_term_audio(db.session, term, config=current_app.config, now=now):
        flash(_("De uitspraak van het woord wordt later gemaakt."))
    return term


def _accepted_message(word: str, practice: str | None) -> str:
    if practice == "learner":
        return _("%(word)s staat nu in de oefeningen van de cursist.", word=word)
    if practice == "group":
        return _("%(word)s staat nu in de oefeningen van de hele groep.", word=word)
    return _("Het woord is gekoppeld aan %(word)s.", word=word)


def _send(name: str) -> Response:
    path = files.file_path(files.flag_folder(), name)
    if not path.is_file():
        abort(404)
    # Small files (at most 1 MB or 1200 px): read whole, so no handle outlives the request.
    response = Response(path.read_bytes(), mimetype=files.mimetype(name))
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/docent/werkvloer/<int:flag_id>/opname")
@teacher_required
def audio(flag_id: int) -> ResponseReturnValue:
    flagged = _own_flag(flag_id)
    if flagged.audio_name is None:
        abort(404)
    return _send(flagged.audio_name)


@bp.get("/werkvloer/<int:flag_id>/foto")
def photo(flag_id: int) -> ResponseReturnValue:
    """The photo, for the organisation's teachers and for the learner who sent it."""
    flagged = db.session.get(FlaggedWord, flag_id)
    if flagged is None or flagged.photo_name is None:
        abort(404)
    learner = current_learner()
    by_sender = learner is not None and learner.id == flagged.learner_id
    by_teacher = (
        current_user.is_authenticated
        and current_user.teaches
        and flagged.group is not None
        and flagged.group.organisation_id == current_user.organisation_id
    )
    if not (by_sender or by_teacher):
        abort(404)
    return _send(flagged.photo_name)

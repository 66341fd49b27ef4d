"""Serve the generated audio files: cached for a year, with ETag and range requests.

A file's name is the hash of what it says and how, so its URL never changes meaning:
browsers, the service worker and a CDN may keep it for as long as they like.
"""

from __future__ import annotations

import hashlib
import io

from flask import Blueprint, abort, current_app, send_file
from flask.typing import ResponseReturnValue

from vaktaal.audio.storage import FORMATS, NAME, storage_for

bp = Blueprint("audio", __name__)

AUDIO_MAX_AGE = 365 * 24 * 3600


@bp.get("/audio/<name>")
def clip(name: str) -> ResponseReturnValue:
    if not NAME.fullmatch(name):
        abort(404)
    data = storage_for(current_app.config).read(name)
    if data is None:
        abort(404)
    # send_file answers If-None-Match with 304 and Range with 206 from a sized buffer.
    response = send_file(
        io.BytesIO(data),
        mimetype=FORMATS[name.rpartition(".")[2]],
        max_age=AUDIO_MAX_AGE,
        etag=hashlib.sha256(data).hexdigest()[:32],
        conditional=True,
    )
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response

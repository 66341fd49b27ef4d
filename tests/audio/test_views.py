"""Serving audio: content type, long caching, ETag and 304, range requests; play buttons."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.audio.conftest import FakeEngine, make_renderer
from tests.sectors.test_service import sync
from vaktaal.audio.service import build_audio
from vaktaal.audio.storage import storage_for
from vaktaal.extensions import db

MP3 = "a1" + "b" * 62 + ".mp3"
OPUS = "c" * 64 + ".opus"
DATA = b"\xff\xf3" + bytes(range(256)) * 20


@pytest.fixture
def stored(app: Flask) -> FlaskClient:
    storage = storage_for(app.config)
    storage.write(MP3, DATA)
    storage.write(OPUS, b"OggS" + DATA)
    return app.test_client()


def test_audio_is_served_with_long_caching(stored: FlaskClient) -> None:
    response = stored.get(f"/audio/{MP3}")
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    assert response.data == DATA
    cache = response.cache_control
    assert cache.max_age == 365 * 24 * 3600 and cache.public and cache.immutable
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["ETag"]


def test_opus_has_its_content_type(stored: FlaskClient) -> None:
    response = stored.get(f"/audio/{OPUS}")
    assert response.headers["Content-Type"] == "audio/ogg; codecs=opus"


def test_etag_gives_304(stored: FlaskClient) -> None:
    etag = stored.get(f"/audio/{MP3}").headers["ETag"]
    response = stored.get(f"/audio/{MP3}", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert stored.get(f"/audio/{MP3}", headers={"If-None-Match": '"other"'}).status_code == 200


def test_range_request(stored: FlaskClient) -> None:
    response = stored.get(f"/audio/{MP3}", headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.data == DATA[100:200]
    assert response.headers["Content-Range"] == f"bytes 100-199/{len(DATA)}"
    tail = stored.get(f"/audio/{MP3}", headers={"Range": "bytes=-10"})
    assert tail.data == DATA[-10:]
    wrong = stored.get(f"/audio/{MP3}", headers={"Range": f"bytes={len(DATA) + 5}-"})
    assert wrong.status_code == 416


@pytest.mark.parametrize(
    "name", ["d" * 64 + ".mp3", "..%2Fvaktaal.sqlite3", "secret_key", "A" * 64 + ".mp3"]
)
def test_unknown_or_malformed_names_are_404(stored: FlaskClient, name: str) -> None:
    assert stored.get(f"/audio/{name}").status_code == 404


def test_theme_page_has_a_play_button_for_every_word_sentence_and_line(
    app: Flask, content_dir: Path
) -> None:
    sync(app, content_dir)
    client = app.test_client()
    page = client.get("/sectors/keuken/themes/basis").get_data(as_text=True)
    assert "data-listen" not in page  # no audio yet: no buttons that do nothing
    storage = storage_for(app.config)
    with app.app_context():
        build_audio(
            db.session,
            renderer=make_renderer(storage, FakeEngine()),  # type: ignore[arg-type]
            accepted=[FakeEngine()],  # type: ignore[list-item]
            storage=storage,
            now=datetime.now(UTC),
        )
        db.session.commit()
    page = client.get("/sectors/keuken/themes/basis").get_data(as_text=True)
    # 4 terms (words, examples), 2 plurals, 2 dialogue lines.
    assert page.count("data-listen") == 4 + 4 + 2 + 2
    assert 'aria-label="Luister: de emmer"' in page
    assert 'aria-label="Luister: de emmers"' in page
    assert 'aria-label="Luister naar de voorbeeldzin bij de emmer"' in page
    assert 'aria-label="Luister naar zin 2 (Yonas)"' in page
    assert 'src="/static/js/play-audio.js"' in page
    link = page.split('class="listen" href="', 1)[1].split('"', 1)[0]
    assert client.get(link).mimetype == "audio/mpeg"
    english = client.get(
        "/sectors/keuken/themes/basis", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert 'aria-label="Listen: de emmer"' in english


def test_the_play_script_is_served(client: FlaskClient) -> None:
    with client.get("/static/js/play-audio.js") as response:
        assert response.status_code == 200
        assert "data-listen" in response.get_data(as_text=True)

"""A learner flags a word met at work: typed, recorded, with a photo; what is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import join
from tests.glossary.test_photos import jpeg_with_exif
from vaktaal.accounts.models import Group
from vaktaal.extensions import db
from vaktaal.ownwords import files
from vaktaal.ownwords.models import FlaggedWord, FlagStatus

# The first bytes of real recordings: an EBML header with doctype "webm", an Ogg page,
# an MP4 "ftyp" box. The server looks at nothing else.
WEBM = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
    b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x00" * 200
)
OGG = b"OggS\x00\x02" + b"\x00" * 20 + b"\x01\x1eOpusHead" + b"\x00" * 200
MP4 = b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00M4A isommp42" + b"\x00" * 200


def learner_client(app: Flask, group_id: int, name: str = "Amina") -> FlaskClient:
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        code = group.join_code
    return join(app, code, name)


@pytest.fixture
def learner(loaded: Flask, group_id: int) -> FlaskClient:
    """Amina, in a group of Taalschool Noord."""
    return learner_client(loaded, group_id)


def send(
    client: FlaskClient,
    *,
    text: str = "",
    audio: tuple[bytes, str] | None = None,
    photo: bytes | None = None,
):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"text": text}
    if audio is not None:
        data["audio"] = FileStorage(io.BytesIO(audio[0]), filename=audio[1])
    if photo is not None:
        data["photo"] = FileStorage(io.BytesIO(photo), filename="foto.jpg")
    # Encoded in memory: the test client would spool a large body to a temporary file
    # and leave it open when the app refuses the body unread.
    boundary, body = encode_multipart(data)
    return client.post(
        "/woord-melden", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def flags(app: Flask) -> list[FlaggedWord]:
    with app.app_context():
        return list(db.session.scalars(select(FlaggedWord).order_by(FlaggedWord.id)))


def stored_files(app: Flask) -> list[Path]:
    folder = Path(app.instance_path) / "flagged-words"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_page_offers_typing_recording_and_a_photo(learner: FlaskClient) -> None:
    page = learner.get("/woord-melden").get_data(as_text=True)
    assert 'name="text"' in page
    assert 'name="audio"' in page
    assert 'capture="environment"' in page and 'accept="image/*"' in page
    assert "flag-word.js" in page


def test_a_typed_word_reaches_the_inbox(loaded: Flask, learner: FlaskClient) -> None:
    response = send(learner, text="  afzuig kap ")
    assert response.status_code == 302
    sent = learner.get(response.headers["Location"])
    assert "Verstuurd! Je docent ziet het woord." in sent.get_data(as_text=True)
    [flag] = flags(loaded)
    assert flag.text == "afzuig kap"
    assert flag.status == FlagStatus.OPEN
    assert flag.audio_name is None and flag.photo_name is None
    assert stored_files(loaded) == []


@pytest.mark.parametrize(
    ("data", "filename", "extension"),
    [(WEBM, "woord.webm", "webm"), (OGG, "woord.ogg", "ogg"), (MP4, "woord.mp4", "m4a")],
    ids=["webm", "ogg", "mp4"],
)
def test_a_recording_alone_is_enough(
    loaded: Flask, learner: FlaskClient, data: bytes, filename: str, extension: str
) -> None:
    assert send(learner, audio=(data, filename)).status_code == 302
    [flag] = flags(loaded)
    assert flag.text is None
    assert flag.audio_name is not None and flag.audio_name.endswith("." + extension)
    [path] = stored_files(loaded)
    assert path.name == flag.audio_name and path.read_bytes() == data


def test_the_type_comes_from_the_bytes_not_the_name(loaded: Flask, learner: FlaskClient) -> None:
    assert send(learner, audio=(OGG, "opname.webm")).status_code == 302
    [flag] = flags(loaded)
    assert flag.audio_name is not None and flag.audio_name.endswith(".ogg")


def test_a_photo_is_cleaned_and_shown_back_to_the_sender(
    loaded: Flask, learner: FlaskClient
) -> None:
    response = send(learner, text="rooster", photo=jpeg_with_exif((1600, 1200)))
    assert response.status_code == 302
    [flag] = flags(loaded)
    assert flag.photo_name is not None and flag.photo_name.endswith(".jpg")
    sent = learner.get(response.headers["Location"]).get_data(as_text=True)
    assert f"/werkvloer/{flag.id}/foto" in sent
    photo = learner.get(f"/werkvloer/{flag.id}/foto")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert b"Secret software" not in photo.data  # the EXIF is gone
    # Another learner of the same group does not see it, nor does a stranger.
    other = learner_client(loaded, flag.group_id or 0, name="Yonas")
    assert other.get(f"/werkvloer/{flag.id}/foto").status_code == 404
    assert other.get(f"/woord-melden/verstuurd/{flag.id}").status_code == 404
    assert loaded.test_client().get(f"/werkvloer/{flag.id}/foto").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message", "status"),
    [
        ({}, "Typ het woord of neem het op.", 422),
        ({"text": "   "}, "Typ het woord of neem het op.", 422),
        ({"audio": (b"", "woord.webm")}, "De opname is leeg", 422),
        ({"audio": (b"ID3\x03\x00" + b"\x00" * 300, "woord.webm")}, "niet afspelen", 422),
        ({"audio": (b"\x1a\x45\xdf\xa3" + b"\x00" * 300, "woord.mkv")}, "niet afspelen", 422),
        ({"audio": (WEBM + b"\x00" * files.MAX_AUDIO_BYTES, "woord.webm")}, "te groot", 422),
        ({"text": "x" * 81}, "te lang", 422),
        ({"text": "rooster", "photo": b"not a photo\n" * 30}, "Dit is geen foto", 422),
        ({"audio": (WEBM, "w.webm"), "photo": b"\xff" * (7 * 1024 * 1024)}, "te groot", 413),
    ],
    ids=[
        "nothing", "spaces", "empty-audio", "mp3", "matroska-not-webm", "audio-too-large",
        "text-too-long", "not-a-photo", "body-too-large",
    ],
)  # fmt: skip
def test_refused_flags_store_nothing(
    loaded: Flask, learner: FlaskClient, fields: dict, message: str, status: int
) -> None:
    response = send(learner, **fields)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert flags(loaded) == []
    assert stored_files(loaded) == []


def test_a_learner_without_a_group_is_told_why(loaded: Flask) -> None:
    client = loaded.test_client()
    loaded.config["WTF_CSRF_ENABLED"] = False
    response = client.post("/start", data={"name": "Sara", "sector": "keuken"})
    assert response.status_code == 302
    page = client.get("/woord-melden").get_data(as_text=True)
    assert "Er is geen docent om het woord naar te sturen" in page
    assert 'name="text"' not in page
    assert send(client, text="rooster").status_code == 200
    assert flags(loaded) == []


def test_strangers_are_sent_to_join(loaded: Flask) -> None:
    response = loaded.test_client().get("/woord-melden")
    assert response.status_code == 302
    assert "/join" in response.headers["Location"]


def test_flags_are_rate_limited_per_learner(loaded: Flask, learner: FlaskClient) -> None:
    for _ in range(20):
        assert send(learner, text="rooster").status_code == 302
    assert send(learner, text="rooster").status_code == 429
    with loaded.app_context():
        assert db.session.scalar(select(func.count()).select_from(FlaggedWord)) == 20


def test_the_practice_page_links_to_flagging(learner: FlaskClient) -> None:
    assert "/woord-melden" in learner.get("/oefenen").get_data(as_text=True)


def test_learner_data_export_and_delete_include_flags(loaded: Flask, learner: FlaskClient) -> None:
    send(learner, text="rooster", audio=(WEBM, "w.webm"), photo=jpeg_with_exif((40, 30)))
    assert len(stored_files(loaded)) == 2
    export = learner.get("/mijn-gegevens.json").get_json()
    [flagged] = export["flagged_words"]
    assert flagged["text"] == "rooster"
    assert flagged["has_recording"] is True and flagged["has_photo"] is True
    assert learner.post("/mijn-gegevens/verwijderen").status_code == 302
    assert flags(loaded) == []
    assert stored_files(loaded) == []

from __future__ import annotations

from flask import Flask

from vaktaal.texts.extract import UploadError
from vaktaal.texts.messages import upload_error_message

CODES = [
    "unsupported-type", "empty", "too-large", "not-text", "not-docx", "not-pdf",
    "encrypted", "unreadable", "no-text", "text-too-long",
]  # fmt: skip


def test_every_refusal_has_its_own_dutch_sentence(app: Flask) -> None:
    with app.test_request_context():
        messages = [upload_error_message(UploadError(code)) for code in CODES]
        assert len(set(messages)) == len(CODES)
        assert "hoogstens 5 MB" in upload_error_message(UploadError("too-large"))
        assert "100.000 tekens" in upload_error_message(UploadError("text-too-long"))
        assert upload_error_message(UploadError("iets-anders")) == upload_error_message(
            UploadError("unreadable")
        )

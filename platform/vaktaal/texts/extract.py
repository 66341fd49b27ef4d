"""Plain text from a teacher's upload (.txt, .docx, .pdf) or from pasted text.

Nothing about the upload is trusted: the size is checked while reading, the type comes
from the content (a `.pdf` must start like a PDF, a `.docx` must be a zip with
`word/document.xml`), and the text that comes out is limited too. A refused upload raises
`UploadError` with a code; `vaktaal.texts.messages` turns the code into a Dutch sentence.
python-docx and pypdf are imported where they are used.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from docx.table import Table

__all__ = [
    "ACCEPTED_SUFFIXES",
    "MAX_TEXT_CHARS",
    "MAX_UPLOAD_BYTES",
    "UploadError",
    "clean_text",
    "read_limited",
    "text_from_upload",
]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# About forty pages: more than one training module is not one theme.
MAX_TEXT_CHARS = 100_000
# A .docx whose parts unpack to more than this is a zip bomb, not a training text.
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
ACCEPTED_SUFFIXES = (".txt", ".docx", ".pdf")
# The PDF header may follow some junk, but must come within the first kilobyte.
_PDF_HEADER_WITHIN = 1024
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A word broken at the end of a PDF line: "valbevei-\nliging".
_BROKEN_WORD = re.compile(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])")


class UploadError(ValueError):
    """A refused upload or text; `code` says why (see vaktaal.texts.messages)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def read_limited(stream: BinaryIO, *, max_bytes: int = MAX_UPLOAD_BYTES) -> bytes:
    """Read at most `max_bytes`; a longer upload is refused without reading the rest."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadError("too-large")
    return data


def text_from_upload(filename: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Return the plain text of an uploaded .txt, .docx or .pdf file."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UploadError("unsupported-type")
    if not data:
        raise UploadError("empty")
    if len(data) > max_bytes:
        raise UploadError("too-large")
    if suffix == ".pdf":
        text = _pdf_text(data)
    elif suffix == ".docx":
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise a text (NFC, line ends, spaces, blank lines) and check it is usable."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if not any(character.isalpha() for character in text):
        raise UploadError("no-text")
    if len(text) > MAX_TEXT_CHARS:
        raise UploadError("text-too-long")
    return text


def _plain_text(data: bytes) -> str:
    if data.startswith((b"%PDF-", b"PK\x03\x04")):
        raise UploadError("not-text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UploadError("not-text") from error
    if b"\x00" in data:
        raise UploadError("not-text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows editors (Kladblok, older Word "Tekst zonder opmaak") still write cp1252.
        return data.decode("cp1252", errors="replace")


def _docx_text(data: bytes) -> str:
    buffer = io.BytesIO(data)
    try:
        with zipfile.ZipFile(buffer) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise UploadError("not-docx") from error
    if "word/document.xml" not in names:
        raise UploadError("not-docx")
    if unpacked > MAX_DOCX_UNPACKED:
        raise UploadError("too-large")

    import docx
    from docx.table import Table

    try:
        document = docx.Document(buffer)
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise UploadError("unreadable") from error
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(_table_text(block))
        else:
            parts.append(block.text)
    return "\n".join(parts)


def _table_text(table: Table) -> list[str]:
    """Each cell once, row by row (a merged cell shows up in several places)."""
    # The XML elements themselves, kept alive here so that lxml hands back the same
    # object for the same cell (an id() of a dropped proxy could be reused).
    seen: set[object] = set()
    cells = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            if cell.text.strip():
                cells.append(cell.text)
    return cells


def _pdf_text(data: bytes) -> str:
    if b"%PDF-" not in data[:_PDF_HEADER_WITHIN]:
        raise UploadError("not-pdf")

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadError("encrypted")
        pages = []
        length = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            pages.append(text)
            length += len(text)
            if length > MAX_TEXT_CHARS:
                raise UploadError("text-too-long")
    except UploadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UploadError("unreadable") from error
    return _BROKEN_WORD.sub("", "\n\n".join(pages))

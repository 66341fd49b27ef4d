from __future__ import annotations

import io
import zipfile

import pytest

from vaktaal.texts.extract import (
    MAX_TEXT_CHARS,
    UploadError,
    clean_text,
    read_limited,
    text_from_upload,
)

SENTENCE = "Draag je harnasgordel op de steiger. Controleer de valbeveiliging."


def make_docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        document.add_paragraph("Na de tabel.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def refused(filename: str, data: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        text_from_upload(filename, data)
    return caught.value.code


def test_a_utf8_text_file_with_windows_line_ends() -> None:
    data = "Veiligheidsschoenen zijn verplicht.\r\n\r\n\r\nDe ladder staat één meter hoger.\r\n"
    assert text_from_upload("les.txt", data.encode()) == (
        "Veiligheidsschoenen zijn verplicht.\n\nDe ladder staat één meter hoger."
    )


def test_a_text_file_with_a_byte_order_mark_or_in_windows_1252() -> None:
    assert text_from_upload("les.TXT", b"\xef\xbb\xbfHygi\xc3\xabne") == "Hygiëne"
    assert text_from_upload("les.txt", "Hygiëne – één".encode("cp1252")) == "Hygiëne – één"
    assert text_from_upload("les.txt", "Hygiëne".encode("utf-16")) == "Hygiëne"


def test_a_word_document_with_paragraphs_and_a_table_in_order() -> None:
    data = make_docx(
        "Werken op hoogte",
        SENTENCE,
        table=[["Middel", "Wanneer"], ["harnasgordel", "boven 2,5 meter"]],
    )
    assert text_from_upload("module.docx", data).split("\n") == [
        "Werken op hoogte",
        SENTENCE,
        "Middel",
        "Wanneer",
        "harnasgordel",
        "boven 2,5 meter",
        "Na de tabel.",
    ]


def test_a_pdf_with_text_and_a_word_broken_at_the_line_end() -> None:
    data = make_pdf(
        f"<h1>Werken op hoogte</h1><p>{SENTENCE}</p>"
        "<p>Gebruik altijd de valbevei-<br>liging. Lees het EHBO-<br>Boekje.</p>"
    )
    text = text_from_upload("module.pdf", data)
    assert "Werken op hoogte" in text
    assert "harnasgordel op de steiger" in text
    assert "Gebruik altijd de valbeveiliging." in text
    assert "EHBO-\nBoekje" in text


def test_a_merged_table_cell_is_read_once() -> None:
    import docx

    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "Persoonlijke beschermingsmiddelen"
    grid.cell(1, 0).text = "helm"
    grid.cell(1, 1).text = "handschoenen"
    out = io.BytesIO()
    document.save(out)
    assert text_from_upload("pbm.docx", out.getvalue()).split("\n") == [
        "Persoonlijke beschermingsmiddelen",
        "helm",
        "handschoenen",
    ]


def test_an_empty_file_is_refused() -> None:
    for name in ("leeg.txt", "leeg.docx", "leeg.pdf"):
        assert refused(name, b"") == "empty"


def test_a_file_with_no_text_is_refused_like_a_scanned_pdf() -> None:
    assert (
        refused("scan.pdf", make_pdf("<div style='height: 3cm; background: black'></div>"))
        == "no-text"
    )
    assert refused("leeg.docx", make_docx("", " ")) == "no-text"
    assert refused("cijfers.txt", b"12 34\n\n--") == "no-text"


def test_a_too_large_file_is_refused_and_read_no_further() -> None:
    assert refused("groot.txt", b"a" * (5 * 1024 * 1024 + 1)) == "too-large"
    stream = io.BytesIO(b"x" * 200)
    with pytest.raises(UploadError, match="too-large"):
        read_limited(stream, max_bytes=100)
    assert stream.tell() == 101
    assert read_limited(io.BytesIO(b"kort"), max_bytes=100) == b"kort"


def test_a_too_long_text_is_refused() -> None:
    long_text = ("woord " * (MAX_TEXT_CHARS // 5)).encode()
    assert refused("lang.txt", long_text) == "text-too-long"
    with pytest.raises(UploadError, match="text-too-long"):
        clean_text("woord " * (MAX_TEXT_CHARS // 5))


def test_a_file_that_is_not_what_its_name_says_is_refused() -> None:
    assert refused("module.pdf", SENTENCE.encode()) == "not-pdf"
    assert refused("module.pdf", make_docx(SENTENCE)) == "not-pdf"
    assert refused("module.docx", make_pdf(f"<p>{SENTENCE}</p>")) == "not-docx"
    assert refused("module.docx", SENTENCE.encode()) == "not-docx"
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    assert refused("module.docx", other_zip.getvalue()) == "not-docx"
    assert refused("module.txt", make_pdf(f"<p>{SENTENCE}</p>")) == "not-text"
    assert refused("module.txt", make_docx(SENTENCE)) == "not-text"
    assert refused("foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == "not-text"


def test_other_file_types_and_damaged_files_are_refused() -> None:
    assert refused("module.doc", b"\xd0\xcf\x11\xe0") == "unsupported-type"
    assert refused("module", SENTENCE.encode()) == "unsupported-type"
    assert refused("kapot.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 20) in {"unreadable", "no-text"}
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("word/document.xml", "dit is geen xml <")
    assert refused("kapot.docx", damaged.getvalue()) == "unreadable"


def test_a_pasted_text_is_cleaned_the_same_way() -> None:
    assert clean_text("  Pak\tde   emmer.\u00a0\r\n\x07") == "Pak de emmer."
    with pytest.raises(UploadError, match="no-text"):
        clean_text("   \n ")

"""The Dutch sentence for each reason an upload or a pasted text is refused."""

from __future__ import annotations

from flask_babel import gettext as _

from vaktaal.texts.extract import MAX_TEXT_CHARS, MAX_UPLOAD_BYTES, UploadError


def upload_error_message(error: UploadError) -> str:
    """Return what to tell the teacher about a refused upload, in their language."""
    megabytes = MAX_UPLOAD_BYTES // (1024 * 1024)
    messages = {
        "unsupported-type": _("Kies een bestand van het type .txt, .docx of .pdf."),
        "empty": _("Het bestand is leeg."),
        "too-large": _("Het bestand is te groot: hoogstens %(mb)s MB.", mb=megabytes),
        "not-text": _("Dit is geen tekstbestand. Kies een .txt-, .docx- of .pdf-bestand."),
        "not-docx": _("Dit is geen Word-bestand (.docx). Sla het in Word op als .docx."),
        "not-pdf": _("Dit is geen PDF-bestand."),
        "encrypted": _("De PDF is beveiligd met een wachtwoord. Kies een PDF zonder wachtwoord."),
        "unreadable": _("Het bestand is beschadigd of kan niet worden gelezen."),
        "no-text": _(
            "Er staat geen tekst in. Is het een scan? Kopieer de tekst dan en plak hem hier."
        ),
        "text-too-long": _(
            "De tekst is te lang: hoogstens %(chars)s tekens. Kies één hoofdstuk of module.",
            chars=f"{MAX_TEXT_CHARS:,}".replace(",", "."),
        ),
    }
    return messages.get(error.code, messages["unreadable"])

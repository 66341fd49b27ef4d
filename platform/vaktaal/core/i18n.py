"""Interface languages: which one a request gets, and its writing direction."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, request

LOCALE_COOKIE = "vaktaal_lang"
# Languages written right to left (Arabic, Farsi, Dari, Sorani Kurdish, Urdu, Hebrew).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ckb", "ur", "he"})
# Names of interface languages in their own language, for the language menu.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "ti": "ትግርኛ",
    "fa": "فارسی",
    "tr": "Türkçe",
    "uk": "Українська",
    "prs": "دری",
    "so": "Soomaali",
    "ku": "Kurdî",
}


def available_locales(app: Flask) -> list[str]:
    """Dutch (the source language) plus every language with a translation catalogue."""
    directory = Path(app.root_path) / "translations"
    found = sorted(p.name for p in directory.iterdir() if (p / "LC_MESSAGES").is_dir())
    return ["nl", *(code for code in found if code != "nl")]


def select_locale() -> str:
    """The interface language: the learner's own choice first, then the browser's."""
    locales = current_app.config["LOCALES"]
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in locales:
        return chosen
    return request.accept_languages.best_match(locales) or "nl"


def text_direction(locale: str) -> str:
    return "rtl" if locale.split("_")[0] in RTL_LANGUAGES else "ltr"


def init_app(app: Flask) -> None:
    from flask_babel import get_locale

    from vaktaal.extensions import babel

    app.config.setdefault("LOCALES", available_locales(app))
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def _language_context() -> dict[str, object]:
        locale = str(get_locale() or "nl")
        return {
            "language_name": lambda code: LANGUAGE_NAMES.get(code, code),
            "locale": locale,
            "text_direction": text_direction(locale),
            "language_names": {
                code: LANGUAGE_NAMES.get(code, code) for code in app.config["LOCALES"]
            },
        }

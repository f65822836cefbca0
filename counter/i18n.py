"""UI language: gettext catalogues, English source strings, zh_CN translation.

Documents (slips, invoices, receipts) are Chinese whatever the UI language;
only the screens and messages follow the chosen language.
"""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "counter"
LANGUAGES = ("zh", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect_language() -> str:
    """The language from COUNTER_LANG or the locale; Chinese locales give zh."""
    lang = os.environ.get("COUNTER_LANG") or os.environ.get("LANG") or ""
    if not lang:
        lang = (locale.getlocale()[0] or "")
    return "zh" if lang.lower().startswith("zh") else "en"


def set_language(lang: str) -> None:
    global _translation, _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    _language = lang
    if lang == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=["zh_CN"])


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet."""
    return message

"""UI language: gettext catalogues, English source strings, zh_CN translation.

Documents (slips, invoices, receipts) are Chinese whatever the UI language;
only the screens and messages follow the chosen language. Report PDFs are
documents too: they are drawn `in_language("zh")`, which holds for the
current thread or task only, so the screens keep their language meanwhile.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "counter"
LANGUAGES = ("zh", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_document: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar("document_translation", default=None)


def detect_language() -> str:
    """The language from COUNTER_LANG or the locale; Chinese locales give zh."""
    lang = os.environ.get("COUNTER_LANG") or os.environ.get("LANG") or ""
    if not lang:
        lang = (locale.getlocale()[0] or "")
    return "zh" if lang.lower().startswith("zh") else "en"


def _load(lang: str) -> gettext.NullTranslations:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=["zh_CN"])


def set_language(lang: str) -> None:
    global _translation, _language
    _translation = _load(lang)
    _language = lang


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Strings in `lang` inside the block, in this thread or task only."""
    token = _document.set((lang, _load(lang)))
    try:
        yield
    finally:
        _document.reset(token)


def current_language() -> str:
    document = _document.get()
    return document[0] if document else _language


def _(message: str) -> str:
    document = _document.get()
    return (document[1] if document else _translation).gettext(message)


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet."""
    return message

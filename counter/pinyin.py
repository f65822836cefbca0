"""Pinyin search keys for product names (洗衣机 -> "xyj", "xiyiji").

pypinyin carries the dictionary for polyphones and is imported only when a
name is written, never on the search path.
"""

from __future__ import annotations

from functools import lru_cache


# Shops list many goods under the same few hundred names; a big import would
# otherwise spend most of its time re-reading the same names.
@lru_cache(maxsize=4096)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of the Chinese in `text`; other characters kept."""
    from pypinyin import Style, lazy_pinyin

    # Non-Chinese runs ("TCL 55") come back whole and are kept whole.
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"))
    full = "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
    return _clean(initials), _clean(full)


def _clean(text: str) -> str:
    return "".join(ch for ch in text.lower() if not ch.isspace())

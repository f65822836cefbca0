"""Text in display columns: a Hanzi (or ￥) takes two columns on a thermal
printer and a terminal, a Latin letter one. Receipts and previews line up by
these widths, not by len().

East Asian "ambiguous" characters (× · ①) count as two: a Chinese printer
prints every two-byte GB character at double width. So does ⊗, which starts
the capitals line: the receipt prints it as a two-cell glyph of its own."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from counter.money import fmt


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if ch == "⊗" or unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def clip(text: str, cols: int) -> str:
    """The longest head of `text` that fits in `cols` columns."""
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > cols:
            break
        out.append(ch)
        used += w
    return "".join(out)


def ljust(text: str, cols: int) -> str:
    text = clip(text, cols)
    return text + " " * (cols - width(text))


def rjust(text: str, cols: int) -> str:
    text = clip(text, cols)
    return " " * (cols - width(text)) + text


def center(text: str, cols: int) -> str:
    text = clip(text, cols)
    left = (cols - width(text)) // 2
    return " " * left + text + " " * (cols - width(text) - left)


def spread(left: str, right: str, cols: int) -> str:
    """`left` and `right` on one line of `cols` columns, the right one kept whole."""
    room = cols - width(right) - 1
    if room < 1:
        return rjust(right, cols)
    return ljust(left, room) + " " + right


def pair(left: str, right: str, cols: int) -> list[str]:
    """`left` and `right` on one line if both fit whole, else `left` wrapped
    and `right` alone at the right edge of the next line."""
    if width(left) + 1 + width(right) <= cols:
        return [spread(left, right, cols)]
    return wrap(left, cols) + [rjust(right, cols)]


def wrap(text: str, cols: int, indent: str = "") -> list[str]:
    """`text` broken into lines of at most `cols` columns (Hanzi may break
    anywhere; Latin words are kept whole where they fit)."""
    lines: list[str] = []
    line, used = "", 0
    for word in _words(text):
        w = width(word)
        if used + w > cols and line.strip():
            lines.append(line.rstrip())
            line, used = indent, width(indent)
            word = word.lstrip()
            w = width(word)
        while w > cols - used:
            head = clip(word, cols - used)
            if not head:
                break
            lines.append(line + head)
            line, used = indent, width(indent)
            word = word[len(head):]
            w = width(word)
        line += word
        used += w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _words(text: str) -> list[str]:
    """Each Hanzi is a word of its own; Latin runs keep their leading space."""
    words: list[str] = []
    current = ""
    for ch in text:
        if char_width(ch) == 2:
            if current:
                words.append(current)
                current = ""
            words.append(ch)
        elif ch == " " and current.strip():
            words.append(current)
            current = ch
        else:
            current += ch
    if current:
        words.append(current)
    return words


def yuan_wide(amount: Decimal) -> str:
    """`￥1,280.50`: the full-width yen (GB2312 A3A4) that Chinese printers
    carry; the half-width ¥ has no two-byte GB code and prints garbled."""
    return fmt(amount).replace("¥", "￥")

"""Plain-text layout for receipt printers (ESC/POS) and terminals: columns
measured in printer cells, where a Chinese character takes two."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from counter.i18n import _
from counter.money import fmt

# Characters per line at the printer's standard font.
WIDTH_58MM = 32
WIDTH_80MM = 48


def signed(amount: Decimal) -> str:
    """A difference with its sign: +¥5.00 over, -¥10.00 short."""
    if amount < 0:
        return "-" + fmt(-amount)
    return ("+" if amount > 0 else "") + fmt(amount)


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, width: int) -> str:
    out, used = [], 0
    for c in text:
        w = cells(c)
        if used + w > width:
            break
        out.append(c)
        used += w
    return "".join(out)


def spread(left: str, right: str, width: int) -> str:
    """`left` and `right` on one line, right-aligned; the left side is cut
    short rather than pushing the amount off the paper."""
    left = clip(left, max(0, width - cells(right) - 1))
    return left + " " * (width - cells(left) - cells(right)) + right


def centre(text: str, width: int) -> str:
    text = clip(text, width)
    pad = (width - cells(text)) // 2
    return " " * pad + text


def rule(width: int, char: str = "-") -> str:
    return char * width


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Breaks `text` into lines of at most `width` cells: at a space where
    there is one, else at any character (Chinese has no spaces to break at)."""
    lines, current = [], indent
    for c in text:
        if cells(current + c) > width:
            cut = current.rfind(" ", len(indent) + 1)
            if cut > len(indent):
                lines.append(current[:cut])
                current = indent + current[cut + 1 :]
            else:
                lines.append(current)
                current = indent
        current += c
    if current.strip():
        lines.append(current)
    return lines


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, most: int, width: int) -> str:
    """A horizontal bar `width` cells long at `most`, in eighths of a cell, so
    small differences still show."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / most))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def promotion_note(line, money=fmt) -> str:
    """A goods line's promotion as documents print it ("" for none): the
    rule as the shop wrote it, and what it took off (in `money`'s form)."""
    if not line.promotion:
        return ""
    return f"促销 {line.promotion}" + (f" 优惠 {money(line.promo)}" if line.promo else "")


def checkpoint_line(point) -> str:
    """The audit chain's head printed on a report: checked later against the store (audit_checkpoint)."""
    return _("Audit checkpoint {at:%Y-%m-%d %H:%M}: {point}").format(at=point.at, point=point.printed)

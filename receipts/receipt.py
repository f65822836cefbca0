"""The receipt (收款小票) for 58 mm (32 columns) and 80 mm (48 columns)
thermal paper: as ESC/POS bytes in GB18030, as plain text, and as a PDF of
the same width for shops without a thermal printer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from counter.money import fmt_capitals
from receipts import columns
from receipts.columns import yuan_wide
from receipts.shop import SLIP_STATUS_ZH, TENDER_ZH, Shop, tail
from receipts.text import promotion_note

# Paper width in mm -> characters per line in the printer's standard font A
# (12 dots a half-width character: 384 dots on 58 mm, 576 on 80 mm).
COLUMNS = {58: 32, 80: 48}


def columns_for(width_mm: int) -> int:
    if width_mm not in COLUMNS:
        raise ValueError(f"receipt paper is 58 or 80 mm wide, not {width_mm}")
    return COLUMNS[width_mm]


@dataclass(frozen=True)
class Line:
    text: str
    # "" plain, "title" double width and height, "big" double height, "bold".
    style: str = ""
    centred: bool = False


def lines(
    slip, payments: Sequence, shop: Shop, width_mm: int = 80, reprint: bool = False,
    serials: dict[int, list[str]] | None = None,
) -> list[Line]:
    """The receipt line by line, every line at most `cols` display columns
    (a title line at most cols/2, as it prints double width). `serials`:
    line number -> the serial numbers of its units (the warranty's proof)."""
    cols = columns_for(width_mm)
    out: list[Line] = []
    if columns.width(shop.name) <= cols // 2:
        out.append(Line(shop.name, "title", True))
    else:
        out += [Line(part, "bold", True) for part in columns.wrap(shop.name, cols)]
    out += [Line(part, centred=True) for part in columns.wrap(shop.address, cols)]
    out.append(Line(f"电话 {shop.phone}", centred=True))
    out.append(Line("收 款 小 票" + ("（重印）" if reprint else ""), "bold", True))
    out += _pair(f"单号 {slip.number}", f"收银 {slip.cashier}", cols)
    when = slip.paid_at or slip.written_at or slip.created_at
    out += _pair(f"时间 {when:%Y-%m-%d %H:%M}", f"营业员 {slip.assistant}", cols)
    station = next((p.station for p in payments if p.station), "")
    if station:  # which counter took the money (issue 15: receipts record their station)
        out.append(Line(f"收银台 {station}"))
    out.append(Line("=" * cols))
    out.append(Line(columns.spread("品名 数量×单价", "金额", cols)))
    out.append(Line("-" * cols))
    for line in slip.lines:
        name = " ".join(p for p in (line.name, line.brand, line.model, line.spec, line.colour) if p)
        out += [Line(part) for part in columns.wrap(name, cols, "  ")]
        out += _pair(f"  {line.quantity} × {yuan_wide(line.unit_price)}", yuan_wide(line.amount), cols)
        if line.promotion:
            out += [Line(part) for part in columns.wrap(f"  {promotion_note(line, yuan_wide)}", cols, "    ")]
        for serial in (serials or {}).get(line.line_no, ()):
            out += [Line(part) for part in columns.wrap(f"  序列号 {serial}", cols, "    ")]
    out.append(Line("-" * cols))
    out.append(Line(columns.spread("件数", str(slip.item_count), cols)))
    promotions = sum((line.promo for line in slip.lines), Decimal(0))
    if promotions:
        out += _pair("促销优惠", "-" + yuan_wide(promotions), cols)
    out += _pair("合计", yuan_wide(slip.total), cols, "big")
    out += [Line(part) for part in columns.wrap(f"大写 {fmt_capitals(slip.total)}", cols, "     ")]
    out.append(Line("-" * cols))
    for p in payments:
        label = TENDER_ZH[str(p.tender)]
        if str(p.tender) == "cash":
            out += _pair(f"{label} 实收", yuan_wide(p.received), cols)
            out += _pair("找零", yuan_wide(p.change), cols, "bold")
        else:
            ref = f" {tail(p.reference)}" if p.reference else ""
            out += _pair(f"{label}{ref}", yuan_wide(p.amount), cols)
            if not p.cleared:
                out.append(Line("  支票待到账，到账后提货"))
    if not payments:
        out.append(Line(f"状态：{SLIP_STATUS_ZH[str(slip.status)]}"))
    out.append(Line("=" * cols))
    out.append(Line("谢谢惠顾，欢迎再次光临", centred=True))
    out.append(Line("凭此小票及盖章销售单提货", centred=True))
    return out


def _pair(left: str, right: str, cols: int, style: str = "") -> list[Line]:
    return [Line(part, style) for part in columns.pair(left, right, cols)]


def text(receipt: list[Line], width_mm: int = 80) -> str:
    cols = columns_for(width_mm)
    out = []
    for line in receipt:
        room = cols // 2 if line.style == "title" else cols
        body = columns.center(line.text, room) if line.centred else line.text
        out.append(body.rstrip())
    return "\n".join(out) + "\n"


# ESC/POS commands python-escpos has no method for.
CHINESE_MODE = b"\x1c\x26"  # FS &: two-byte (GB) characters on
USER_CHARS_ON = b"\x1b%\x01"  # ESC % 1: the downloaded characters replace theirs
USER_CHARS_OFF = b"\x1b%\x00"
ENCODING = "gb18030"
# ⊗ is in neither GB2312 nor GBK (only GB18030's four-byte part, which most
# receipt printers lack), so it is downloaded into two ASCII codes as the
# left and right half of a 24×24 glyph and printed as those two cells.
OTIMES_CODES = b"}~"


def _otimes_glyph() -> bytes:
    """ESC & defining `}` and `~` as the two 12×24 halves of ⊗: a ring
    with a cross, in the column-major, top-bit-first form ESC/POS takes."""
    centre, radius = 11.5, 10.5  # in dots, on a 24×24 grid

    def dark(x: int, y: int) -> bool:
        dx, dy = x - centre, y - centre
        ring = abs((dx * dx + dy * dy) ** 0.5 - radius) < 1.1
        cross = (abs(dx - dy) < 1.2 or abs(dx + dy) < 1.2) and dx * dx + dy * dy < radius * radius
        return ring or cross

    out = b"\x1b&\x03" + OTIMES_CODES[:1] + OTIMES_CODES[1:]
    for half in (0, 1):
        out += bytes([12])
        for x in range(half * 12, half * 12 + 12):
            for band in range(3):
                byte = 0
                for bit in range(8):
                    if dark(x, band * 8 + bit):
                        byte |= 0x80 >> bit
                out += bytes([byte])
    return out


def _encode(text: str) -> bytes:
    parts = text.split("⊗")
    encoded = parts[0].encode(ENCODING)
    for part in parts[1:]:
        encoded += USER_CHARS_ON + OTIMES_CODES + USER_CHARS_OFF + part.encode(ENCODING)
    return encoded


def escpos(receipt: list[Line], *, kick_drawer: bool) -> bytes:
    """The bytes for an ESC/POS printer, built on python-escpos' Dummy.

    Text goes out raw in GB18030 with the printer in Chinese mode: escpos'
    own text() picks single-byte code pages, which print Hanzi as garbage.
    ⊗ goes as a downloaded glyph (see OTIMES_CODES).
    Sizes use GS ! so that Hanzi scale with Latin letters. The drawer is
    kicked after the cut, only when asked (a cash sale, not a reprint)."""
    from escpos.printer import Dummy

    p = Dummy()
    p.hw("INIT")
    p._raw(CHINESE_MODE)
    p._raw(_otimes_glyph())
    for line in receipt:
        size = {"title": (2, 2), "big": (1, 2)}.get(line.style, (1, 1))
        p.set(
            align="center" if line.centred else "left",
            bold=line.style in ("title", "bold", "big"),
            custom_size=True,
            width=size[0],
            height=size[1],
        )
        p._raw(_encode(line.text) + b"\n")
    p.set(align="left", bold=False, custom_size=True, width=1, height=1)
    p.cut()
    if kick_drawer:
        p.cashdraw(2)
    return p.output


def drawer_kick() -> bytes:
    """Only the pulse that opens the cash drawer (on the receipt printer's
    drawer port), for 'open drawer' without printing."""
    from escpos.printer import Dummy

    p = Dummy()
    p.cashdraw(2)
    return p.output


def render_pdf(receipt: list[Line], out: Path | BinaryIO, width_mm: int = 80) -> None:
    """The receipt on a page as wide as the paper roll, in the Mono face
    whose Hanzi are exactly two Latin cells, so the columns line up as on
    the thermal printer."""
    from reportlab.lib.units import mm

    from receipts import pdfkit as k

    cols = columns_for(width_mm)
    margin = 3 * mm
    cell = (width_mm * mm - 2 * margin) / cols  # one half-width column
    size = cell / 0.5
    leading = size * 1.45
    tall = sum(1 for line in receipt if line.style in ("title", "big"))
    height = margin * 2 + leading * (len(receipt) + tall + 1)
    c = k.new_canvas(out, "收款小票", pagesize=(width_mm * mm, height), mono=True)
    y = height - margin - leading
    for line in receipt:
        # (column width, font size, horizontal scale) as the printer's GS ! does it.
        cw, fs, th = {"title": (2 * cell, 2 * size, 1.0), "big": (cell, 2 * size, 0.5)}.get(line.style, (cell, size, 1.0))
        if line.style in ("title", "big"):
            y -= leading
        room = cols // 2 if line.style == "title" else cols
        body = columns.center(line.text, room) if line.centred else line.text
        _cells(c, (k.MONO, k.FONT), body, margin, y, cw, fs, th, bold=line.style != "")
        y -= leading
    c.showPage()
    c.save()


def _cells(
    c, fonts: tuple[str, str], text: str, x: float, y: float, cw: float, fs: float, th: float, bold: bool,
) -> None:
    """Draws `text` so each character takes exactly its 1 or 2 columns of
    `cw`: runs of one width share a text object whose character spacing
    makes up the difference between the glyph's advance and the column.
    Narrow characters come from the Mono face; wide ones from the regular
    face, whose ⊗ sits inside its own cell (the Mono one overhangs)."""
    from reportlab.pdfbase import pdfmetrics

    runs: list[tuple[int, str]] = []
    for ch in text:
        w = columns.char_width(ch)
        if runs and runs[-1][0] == w:
            runs[-1] = (w, runs[-1][1] + ch)
        else:
            runs.append((w, ch))
    c.setLineWidth(0.25)
    for w, run in runs:
        font = fonts[1] if w == 2 else fonts[0]
        t = c.beginText(x, y)
        t.setFont(font, fs)
        t.setHorizScale(th * 100)
        t.setTextRenderMode(2 if bold else 0)
        # PDF scales the character spacing with the horizontal scale too.
        t.setCharSpace(w * cw / th - pdfmetrics.stringWidth(run[0], font, fs))
        t.textOut(run)
        c.drawText(t)
        x += w * cw * len(run)

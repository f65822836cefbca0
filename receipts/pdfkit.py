"""What the slip and invoice PDFs share: the embedded Chinese font, text that
fits its box, the lines table, the red 收款专用章 and the 作废 mark."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from counter.money import fmt
from receipts.text import promotion_note

FONT_FILE = Path(__file__).parent / "fonts" / "wqy-microhei.ttc"
FONT = "WQYMicroHei"
MONO = "WQYMicroHeiMono"

PAGE = landscape(A5)
MARGIN = 12 * mm
RED = colors.Color(0.80, 0.08, 0.08)
INK = colors.Color(0.10, 0.10, 0.12)
RULE = colors.Color(0.45, 0.45, 0.50)


def register_fonts(mono: bool = False) -> None:
    """Registers the embedded font once per process (parsing it takes most of
    a second, so the Mono face only when a receipt needs it); every PDF
    subsets it into the file, so the text renders and extracts on a machine
    without Chinese fonts."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, index, wanted in ((FONT, 0, True), (MONO, 1, mono)):
        if wanted and name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_FILE), subfontIndex=index))


def new_canvas(out: Path | BinaryIO, title: str, pagesize: tuple[float, float] = PAGE, mono: bool = False) -> Canvas:
    """A canvas writing to a file path or a binary stream."""
    register_fonts(mono)
    c = Canvas(str(out) if isinstance(out, Path) else out, pagesize=pagesize, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("Counter")
    c.setCreator("Counter")
    return c


def text_width(text: str, size: float, font: str = FONT) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def fit(
    c: Canvas, text: str, x: float, y: float, w: float, size: float = 9, align: str = "left",
    font: str = FONT, min_size: float = 5.5,
) -> None:
    """Draws `text` inside a box `w` wide at baseline `y`: shrunk to fit down
    to `min_size`, then cut with an ellipsis, so nothing runs into the next cell."""
    while size > min_size and text_width(text, size, font) > w:
        size -= 0.25
    if text_width(text, size, font) > w:
        while text and text_width(text + "…", size, font) > w:
            text = text[:-1]
        text += "…"
    c.setFont(font, size)
    if align == "right":
        c.drawRightString(x + w, y, text)
    elif align == "center":
        c.drawCentredString(x + w / 2, y, text)
    else:
        c.drawString(x, y, text)


def label_value(c: Canvas, label: str, value: str, x: float, y: float, w: float, size: float = 8.5) -> None:
    """`label：value` with the value underlined, as a form field is."""
    c.setFillColor(INK)
    c.setFont(FONT, size)
    c.drawString(x, y, label + "：")
    lw = text_width(label + "：", size)
    fit(c, value, x + lw + 1, y, w - lw - 1, size)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.4)
    c.line(x + lw, y - 2.2, x + w, y - 2.2)


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the table width
    align: str = "left"


LINE_COLUMNS = (
    Column("序号", 0.05, "center"),
    Column("品名", 0.19),
    Column("品牌", 0.10),
    Column("规格型号", 0.23),
    Column("颜色", 0.08),
    Column("数量", 0.07, "right"),
    Column("单价", 0.14, "right"),
    Column("金额", 0.14, "right"),
)


def line_cells(line) -> tuple[str, ...]:
    spec = " ".join(part for part in (line.model, line.spec) if part)
    return (
        str(line.line_no), line.name, line.brand, spec, line.colour, str(line.quantity),
        fmt(line.unit_price), fmt(line.amount),
    )


def lines_table(
    c: Canvas, lines: Sequence, x: float, top: float, w: float, rows: int, row_h: float = 17,
) -> float:
    """The goods table with `rows` ruled rows (blank ones below the goods, as
    on a printed form, so nothing can be written in after). Returns its bottom."""
    widths = [col.width * w for col in LINE_COLUMNS]
    head_h = 15
    bottom = top - head_h - rows * row_h
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.rect(x, bottom, w, top - bottom)
    c.setFillColor(colors.Color(0.93, 0.93, 0.95))
    c.rect(x, top - head_h, w, head_h, stroke=1, fill=1)
    c.setFillColor(INK)
    cx = x
    for col, cw in zip(LINE_COLUMNS, widths, strict=True):
        fit(c, col.title, cx + 2, top - head_h + 4.5, cw - 4, 8, "center")
        cx += cw
        if cx < x + w - 1:
            c.line(cx, top, cx, bottom)
    c.setLineWidth(0.3)
    for i in range(rows):
        y = top - head_h - (i + 1) * row_h
        if i < rows - 1:
            c.line(x, y, x + w, y)
        if i < len(lines):
            cx = x
            note = promotion_note(lines[i])
            for col, cw, cell in zip(LINE_COLUMNS, widths, line_cells(lines[i]), strict=True):
                # A promotion goes in small type under the name and brand, the row's cells above it.
                fit(c, cell, cx + 3, y + (8 if note else 5.5), cw - 6, 8.5, col.align)
                cx += cw
            if note:
                fit(c, note, x + widths[0] + 3, y + 2, widths[1] + widths[2] - 6, 6, "left")
    return bottom


def chunks(items: Sequence, size: int) -> list[Sequence]:
    """Goods split into pages of `size` lines; an empty slip is one page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def paid_stamp(c: Canvas, cx: float, cy: float, shop_name: str, cashier: str, when: str, r: float = 17 * mm) -> None:
    """The red round 收款专用章: the shop's name round the top, a star, the
    words 收款专用章, and who took the money when."""
    c.saveState()
    c.setStrokeColor(RED)
    c.setFillColor(RED)
    c.setFillAlpha(0.85)
    c.setStrokeAlpha(0.85)
    c.setLineWidth(2.4)
    c.circle(cx, cy, r)
    c.setLineWidth(0.6)
    c.circle(cx, cy, r - 3.5)
    name = shop_name[:16]
    size = 11 if len(name) <= 8 else 8.5
    span = min(240, 27 * len(name) * size / 10)
    for i, ch in enumerate(name):
        # Left to right over the top, each character upright to the centre.
        angle = span / 2 - span * (i + 0.5) / len(name)
        c.saveState()
        c.translate(cx, cy)
        c.rotate(angle)
        c.setFont(FONT, size)
        c.drawCentredString(0, r - 6 - size, ch)
        c.restoreState()
    _star(c, cx, cy + r * 0.02, r * 0.2)
    c.setFont(FONT, 8.5)
    c.drawCentredString(cx, cy - r * 0.38, "收款专用章")
    c.setFont(FONT, 6)
    c.drawCentredString(cx, cy - r * 0.56, cashier)
    c.drawCentredString(cx, cy - r * 0.72, when)
    c.restoreState()


def _star(c: Canvas, cx: float, cy: float, r: float) -> None:
    path = c.beginPath()
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        point = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        if i == 0:
            path.moveTo(*point)
        else:
            path.lineTo(*point)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def void_mark(c: Canvas, page: tuple[float, float] = PAGE) -> None:
    """A big diagonal 作废 VOID across the page, see-through so the invoice
    underneath stays readable (a void invoice is kept, not destroyed)."""
    w, h = page
    c.saveState()
    c.translate(w / 2, h / 2)
    c.rotate(math.degrees(math.atan2(h, w)))
    c.setFillColor(RED)
    c.setFillAlpha(0.28)
    c.setFont(FONT, 110)
    c.drawCentredString(0, -5, "作废")
    c.setFont(FONT, 44)
    c.drawCentredString(0, -55, "VOID")
    c.restoreState()


@functools.lru_cache(maxsize=8)
def qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR matrix (level M) of `payload` as (modules a side, dark runs as
    (row, first column, length)). Cached: an invoice draws the same code on
    every page of its three copies, and building it is most of the work."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs = []
    for row, bits in enumerate(matrix):
        col = 0
        while col < len(bits):
            if bits[col]:
                start = col
                while col < len(bits) and bits[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return len(matrix), tuple(runs)


def qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (level M) `size` points square with its lower left at x, y,
    drawn as one path, one rectangle per run of dark modules in a row (the
    qrcode package builds the matrix; reportlab's own widget is ten times
    slower)."""
    modules, runs = qr_runs(payload)
    cell = size / modules
    path = c.beginPath()
    for row, col, length in runs:
        path.rect(x + col * cell, y + size - (row + 1) * cell, length * cell, cell)
    c.saveState()
    c.setFillColor(colors.black)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def money_box(c: Canvas, total: Decimal, capitals: str, x: float, y: float, w: float, h: float = 20) -> None:
    """The total row: 合计（大写）⊗… on the left, （小写）¥… on the right."""
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.rect(x, y, w, h)
    c.setFillColor(INK)
    c.setFont(FONT, 9)
    c.drawString(x + 4, y + 6.5, "合计（大写）")
    fit(c, capitals, x + 4 + text_width("合计（大写）", 9), y + 6, w * 0.62 - 60, 10.5)
    c.setFont(FONT, 9)
    c.drawString(x + w * 0.66, y + 6.5, "（小写）")
    fit(c, fmt(total), x + w * 0.66 + text_width("（小写）", 9), y + 6, w * 0.34 - 48, 11, "right")

"""The sales slip (销售单): what the assistant wrote, what was paid, and once
the money is in, the red 收款专用章 with the cashier and the time."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from counter.money import fmt, fmt_capitals
from receipts import columns
from receipts.shop import PAID_STATUSES, SLIP_STATUS_ZH, TENDER_ZH, Shop, tail
from receipts.text import promotion_note

ROWS_PER_PAGE = 7


def tender_lines(payments: Sequence) -> list[str]:
    """One line per tender, as the cashier announced it (唱收唱找)."""
    out = []
    for p in payments:
        label = TENDER_ZH[str(p.tender)]
        if str(p.tender) == "cash":
            out.append(f"{label} 实收 {fmt(p.received)} 找零 {fmt(p.change)}")
        else:
            ref = f"（{tail(p.reference)}）" if p.reference else ""
            pending = "" if p.cleared else " 待到账"
            out.append(f"{label}{ref} {fmt(p.amount)}{pending}")
    return out


def render_pdf(slip, payments: Sequence, shop: Shop, out: Path | BinaryIO) -> None:
    from receipts import pdfkit as k

    c = k.new_canvas(out, f"销售单 {slip.number}")
    pages = k.chunks(slip.lines, ROWS_PER_PAGE)
    for index, lines in enumerate(pages):
        _page(c, k, slip, payments, shop, lines, index, len(pages))
        c.showPage()
    c.save()


def _page(c, k, slip, payments, shop: Shop, lines, index: int, count: int) -> None:
    w, h = k.PAGE
    left, right = k.MARGIN, w - k.MARGIN
    inner = right - left
    top = h - k.MARGIN

    c.setFillColor(k.INK)
    k.fit(c, shop.name, left, top - 18, inner, 17, "center")
    c.setFont(k.FONT, 8)
    c.drawCentredString(w / 2, top - 31, f"{shop.address}  电话 {shop.phone}")
    c.setFont(k.FONT, 13)
    c.drawCentredString(w / 2, top - 49, "销 售 单" + (f"（第 {index + 1}/{count} 页）" if count > 1 else ""))
    c.setFillColor(k.RED)
    c.setFont(k.FONT, 13)
    c.drawRightString(right, top - 49, f"No.{slip.number}")
    c.setFillColor(k.INK)
    if slip.number:
        _number_barcode(c, slip.number, left, top - 53)

    y = top - 66
    third = inner / 3
    written = slip.written_at or slip.created_at
    k.label_value(c, "开单时间", f"{written:%Y-%m-%d %H:%M}", left, y, third - 8)
    k.label_value(c, "营业员", slip.assistant, left + third, y, third - 8)
    k.label_value(c, "顾客", slip.customer_name or "散客", left + 2 * third, y, third)

    bottom = k.lines_table(c, lines, left, y - 8, inner, ROWS_PER_PAGE, row_h=18)
    y = bottom - 20
    last = index == count - 1
    if last:
        k.money_box(c, slip.total, fmt_capitals(slip.total), left, y, inner)
    else:
        c.setFont(k.FONT, 9)
        c.drawRightString(right, y + 6, "续下页")
    y -= 14
    status = str(slip.status)
    k.label_value(c, "状态", SLIP_STATUS_ZH[status], left, y, third - 8)
    paid_at = f"{slip.paid_at:%Y-%m-%d %H:%M}" if slip.paid_at else ""
    k.label_value(c, "收银员", slip.cashier, left + third, y, third - 8)
    k.label_value(c, "收款时间", paid_at, left + 2 * third, y, third)
    y -= 14
    k.label_value(c, "收款", "；".join(tender_lines(payments)), left, y, inner * 0.68)
    if slip.delivery_address:
        y -= 14
        when = f"{slip.delivery_date:%Y-%m-%d}" if slip.delivery_date else ""
        k.label_value(c, "送货", f"{slip.delivery_address} {slip.delivery_phone} {when}", left, y, inner * 0.68)
    y -= 14
    c.setFont(k.FONT, 7.5)
    c.setFillColor(k.RULE)
    c.drawString(left, y, "收款盖章后凭此单提货。金额以单价×数量减促销优惠为准，涂改无效。")
    if status in PAID_STATUSES and last:
        k.paid_stamp(c, right - 64, k.MARGIN + 52, shop.name, slip.cashier, paid_at)
    if status == "cancelled":
        k.void_mark(c)


def _number_barcode(c, number: str, x: float, y: float) -> None:
    """The slip number as a Code 128 barcode, for the cashier's scanner
    (counter.services.slips.SCAN_PATTERN reads it back)."""
    from reportlab.graphics.barcode.code128 import Code128

    from counter.services.slips import barcode_text

    # 0.9 pt bars (0.32 mm) read well off any laser or inkjet print.
    Code128(barcode_text(number), barWidth=0.9, barHeight=18, humanReadable=False, quiet=False).drawOn(c, x, y)


def text(slip, payments: Sequence, shop: Shop, cols: int = 96) -> str:
    out = [
        columns.center(shop.name, cols),
        columns.center("销 售 单", cols),
        columns.spread(f"开单 {(slip.written_at or slip.created_at):%Y-%m-%d %H:%M}  营业员 {slip.assistant}",
                       f"No.{slip.number}", cols),
        f"顾客 {slip.customer_name or '散客'}",
        "-" * cols,
    ]
    for line in slip.lines:
        spec = " ".join(p for p in (line.brand, line.model, line.spec, line.colour) if p)
        out += columns.wrap(f"{line.line_no}. {line.name} {spec}", cols, "   ")
        out.append(columns.rjust(f"{line.quantity} × {fmt(line.unit_price)} = {fmt(line.amount)}", cols))
        if note := promotion_note(line):
            out.append(columns.rjust(note, cols))
    out += [
        "-" * cols,
        columns.spread(f"合计（大写）{fmt_capitals(slip.total)}", f"（小写）{fmt(slip.total)}", cols),
        f"状态 {SLIP_STATUS_ZH[str(slip.status)]}",
    ]
    out += [f"收款 {line}" for line in tender_lines(payments)]
    if slip.delivery_address:
        when = f"{slip.delivery_date:%Y-%m-%d}" if slip.delivery_date else ""
        out.append(f"送货 {slip.delivery_address} {slip.delivery_phone} {when}")
    if str(slip.status) in PAID_STATUSES and slip.paid_at:
        out.append(f"【收款专用章 · {slip.cashier} · {slip.paid_at:%Y-%m-%d %H:%M}】")
    return "\n".join(line.rstrip() for line in out) + "\n"

"""The invoice (发票): three labelled copies, every field of SPEC §1.5, the
QR code of its number and total, and 作废 across a void one."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from counter.money import fmt, fmt_capitals
from receipts import columns
from receipts.shop import Shop
from receipts.text import promotion_note

# (copy, name, what it is for): one page each, in this order.
COPIES = (
    ("第一联", "财务联", "销售方记账凭证"),
    ("第二联", "底联", "存根备查"),
    ("第三联", "用户联", "交购买方"),
)
ROWS_PER_PAGE = 7


def qr_payload(invoice, shop: Shop) -> str:
    """What the QR code holds: enough to look the invoice up and check its sum."""
    return (
        f"INV:{invoice.number_text};TOTAL:{invoice.total:.2f};"
        f"DATE:{invoice.issued_at:%Y%m%d};TAXID:{shop.tax_id}"
    )


def remarks(invoice) -> list[str]:
    """The 备注 lines: 补开 with the sale date, the void it replaces, and why
    this one is void."""
    lines = [part.strip() for part in invoice.remarks.split(";") if part.strip()]
    if invoice.reissued_late and not any("补开" in part for part in lines):
        lines.insert(0, f"补开 (销售日期 {invoice.sale_date:%Y-%m-%d})")
    if invoice.replaces_number is not None and not any(f"{invoice.replaces_number:08d}" in p for p in lines):
        lines.append(f"代替作废发票 {invoice.replaces_number:08d}")
    if str(invoice.status) == "void":
        lines.append(f"本发票已作废 VOID：{invoice.void_reason}（{invoice.voided_by}）")
    return lines


def render_pdf(invoice, shop: Shop, out: Path | BinaryIO) -> None:
    from receipts import pdfkit as k

    c = k.new_canvas(out, f"发票 {invoice.number_text}")
    pages = k.chunks(invoice.lines, ROWS_PER_PAGE)
    for copy in COPIES:
        for index, lines in enumerate(pages):
            _page(c, k, invoice, shop, copy, lines, index, len(pages))
            c.showPage()
    c.save()


def _page(c, k, invoice, shop: Shop, copy: tuple[str, str, str], lines, index: int, count: int) -> None:
    w, h = k.PAGE
    left, right = k.MARGIN, w - k.MARGIN
    inner = right - left
    top = h - k.MARGIN
    ordinal, name, purpose = copy
    colour = {"财务联": k.colors.Color(0.1, 0.3, 0.6), "底联": k.INK, "用户联": k.RED}[name]

    qr_size = 58
    k.qr(c, qr_payload(invoice, shop), left - 4, top - qr_size + 4, qr_size)

    c.setFillColor(k.INK)
    k.fit(c, f"{shop.name} 销售发票", left + 100, top - 20, inner - 200, 17, "center")
    c.setStrokeColor(k.INK)
    c.setLineWidth(0.8)
    c.line(w / 2 - 90, top - 25, w / 2 + 90, top - 25)
    c.line(w / 2 - 90, top - 27.5, w / 2 + 90, top - 27.5)
    c.setFont(k.FONT, 8.5)
    c.drawCentredString(w / 2, top - 39, f"{ordinal} {name}（{purpose}）" + (f"  第 {index + 1}/{count} 页" if count > 1 else ""))

    c.setFillColor(k.RED)
    c.setFont(k.FONT, 9)
    c.drawRightString(right, top - 8, "发票号码")
    c.setFont(k.FONT, 15)
    c.drawRightString(right, top - 24, f"No.{invoice.number_text}")
    c.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setLineWidth(1.2)
    c.roundRect(right - 62, top - 48, 62, 18, 3)
    c.setFont(k.FONT, 11)
    c.drawCentredString(right - 31, top - 43, name)

    y = top - 62
    half = inner / 2 - 6
    k.label_value(c, "购买方", invoice.customer_name, left, y, half)
    k.label_value(c, "开票日期", f"{invoice.issued_at:%Y年%m月%d日 %H:%M}", left + half + 12, y, half)
    y -= 14
    k.label_value(c, "地址", invoice.customer_address, left, y, half)
    k.label_value(c, "销售日期", f"{invoice.sale_date:%Y年%m月%d日}", left + half + 12, y, half / 2 - 4)
    k.label_value(c, "销售单号", invoice.slip_number, left + half + 12 + half / 2 + 4, y, half / 2 - 4)
    y -= 14
    k.label_value(c, "电话", invoice.customer_phone, left, y, half)
    k.label_value(c, "销售方", f"{shop.name}  税号 {shop.tax_id}", left + half + 12, y, half)

    y -= 8
    bottom = k.lines_table(c, lines, left, y, inner, ROWS_PER_PAGE, row_h=19)
    last = index == count - 1
    y = bottom - 20
    if last:
        k.money_box(c, invoice.total, fmt_capitals(invoice.total), left, y, inner)
    else:
        c.setFont(k.FONT, 9)
        c.drawRightString(right, y + 6, "续下页")
    y -= 14
    c.setFillColor(k.INK)
    k.fit(c, "备注：" + "；".join(remarks(invoice)), left, y, inner, 8.5)
    y -= 17
    quarter = inner / 4
    k.label_value(c, "销售方地址电话", f"{shop.address} {shop.phone}", left, y, inner)
    y -= 17
    k.label_value(c, "开票人", invoice.filled_by, left, y, quarter - 10)
    k.label_value(c, "收款人", invoice.cashier, left + quarter, y, quarter - 10)
    k.label_value(c, "顾客签名", "", left + 2 * quarter, y, 2 * quarter)

    if str(invoice.status) == "void":
        k.void_mark(c)


def text(invoice, shop: Shop, cols: int = 96) -> str:
    """The invoice as text: what the screen preview shows (one copy; the
    PDF prints all three)."""
    out = [
        columns.center(f"{shop.name} 销售发票", cols),
        columns.center("财务联 / 底联 / 用户联（三联）", cols),
        columns.spread(f"开票日期 {invoice.issued_at:%Y-%m-%d %H:%M}", f"发票号码 No.{invoice.number_text}", cols),
        columns.spread(f"销售日期 {invoice.sale_date:%Y-%m-%d}", f"销售单号 {invoice.slip_number}", cols),
    ]
    if str(invoice.status) == "void":
        out.append(columns.center("*** 作废 VOID ***", cols))
    out += [
        f"购买方  {invoice.customer_name}",
        f"地址    {invoice.customer_address}",
        f"电话    {invoice.customer_phone}",
        f"销售方  {shop.name}  税号 {shop.tax_id}",
        "-" * cols,
        _row(("序号", "品名", "品牌", "规格型号", "颜色", "数量", "单价", "金额"), cols),
        "-" * cols,
    ]
    for line in invoice.lines:
        spec = " ".join(p for p in (line.model, line.spec) if p)
        out.append(_row((str(line.line_no), line.name, line.brand, spec, line.colour, str(line.quantity),
                         fmt(line.unit_price), fmt(line.amount)), cols))
        if note := promotion_note(line):
            out.append(" " * 4 + note)
    out += [
        "-" * cols,
        columns.spread(f"合计（大写）{fmt_capitals(invoice.total)}", f"（小写）{fmt(invoice.total)}", cols),
    ]
    out += [f"备注    {line}" for line in remarks(invoice)] or ["备注"]
    out.append(f"开票人 {invoice.filled_by}    收款人 {invoice.cashier}    顾客签名 ____________")
    return "\n".join(line.rstrip() for line in out) + "\n"


_TEXT_COLUMNS = ((4, "l"), (16, "l"), (8, "l"), (26, "l"), (6, "l"), (4, "r"), (12, "r"), (13, "r"))


def _row(cells: tuple[str, ...], cols: int) -> str:
    parts = []
    for (w, align), cell in zip(_TEXT_COLUMNS, cells, strict=True):
        parts.append(columns.rjust(cell, w) if align == "r" else columns.ljust(cell, w))
    return columns.clip(" ".join(parts), cols)

"""The day's e-fapiao requests as a workbook for the tax portal's batch
import (批量开具), and that workbook read back.

The layout follows the portal's batch template as it is publicly described:
sheet 1 发票基本信息 (one row an invoice), sheet 2 发票明细信息 (one row a
line), joined by 发票流水号 (our request number). Portals revise the
template; the column lists below are the one place to change when a shop's
portal offers different headings. A 折扣行 is a line row of its own with a
negative amount, right after its goods row. Red requests are not batch
imported (the portal reverses through a 红字确认单); they stay on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from counter.domain.vat import rate_label
from counter.services.fapiao import RequestView
from models import BuyerType

INVOICES = "1-发票基本信息"
LINES = "2-发票明细信息"
INVOICE_COLUMNS = (
    "发票流水号", "发票类型", "是否含税", "受票方自然人标识", "购买方名称", "购买方纳税人识别号",
    "购买方地址电话", "购买方开户银行及账号", "购买方手机", "购买方邮箱", "备注",
)
LINE_COLUMNS = (
    "发票流水号", "项目名称", "商品和服务税收分类编码", "规格型号", "单位", "数量", "单价", "金额", "税率", "税额",
    "是否折扣行",
)


def invoice_row(r: RequestView) -> tuple[object, ...]:
    person = r.buyer.type == BuyerType.PERSON
    return (
        r.number, "普通发票", "是", "是" if person else "否", r.buyer.name, r.buyer.tax_id, r.buyer.address,
        r.buyer.bank, r.buyer.phone, r.buyer.email, r.remarks,
    )


def line_rows(r: RequestView) -> list[tuple[object, ...]]:
    return [
        (
            r.number, l.name, l.tax_code, l.spec, l.unit, l.quantity or None,
            l.unit_price or None, l.amount, rate_label(l.rate_bp), l.tax,
            "是" if l.discount else "否",
        )
        for l in r.lines
    ]


def write_export(requests: Sequence[RequestView], path: Path) -> Path:
    book = Workbook()
    invoices = book.active
    invoices.title = INVOICES
    lines = book.create_sheet(LINES)
    for sheet, columns in ((invoices, INVOICE_COLUMNS), (lines, LINE_COLUMNS)):
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for r in requests:
        invoices.append(invoice_row(r))
        for row in line_rows(r):
            lines.append(row)
    for sheet in (invoices, lines):
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column) * 2 + 2
            sheet.column_dimensions[column[0].column_letter].width = min(width, 60)
    for row in lines.iter_rows(min_row=2, min_col=7, max_col=10):
        for cell in row:
            cell.number_format = "0.00"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def read_export(path: Path) -> dict[str, list[dict[str, object]]]:
    """Both sheets as lists of {heading: value}: to check a file before upload."""
    book = load_workbook(path, read_only=True)
    out = {}
    for name in (INVOICES, LINES):
        rows = list(book[name].iter_rows(values_only=True))
        out[name] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    book.close()
    return out

"""Report documents read back: the PDFs carry their Chinese text (pdftotext
extracts it) whatever the UI language, and the shift receipt fits the till
printer's paper."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest

from counter.demo.shifts import notes_for
from counter.services import payments, reports, returns, shifts, slips
from counter.services.payments import TenderIn
from models import CashMovementKind, Tender
from receipts.daily_report_pdf import daily_report_pdf
from receipts.daily_report_text import daily_report_text
from receipts.shift_report import shift_report_pdf, shift_report_text
from receipts.text import WIDTH_58MM, WIDTH_80MM, cells
from tests.orders_helpers import take

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture
def closed_shift(store, staff, products):
    cashier, manager = staff["C01"], staff["M01"]
    draft = slips.current_draft(store.uow(), staff["A01"])
    slips.add_line(store.uow(), staff["A01"], draft.id, products["XYJ-1"], 1)
    slip = slips.write_slip(store.uow(), staff["A01"], draft.id)
    payments.take_payment(store.uow(), cashier, slip.id, [TenderIn(Tender.CASH, Decimal("3300"))])
    shifts.record_cash_movement(store.uow(), cashier, CashMovementKind.PAYOUT, Decimal("35"), "同城快递费<加急>", manager)
    shift = shifts.current_shift(store.uow(), cashier)
    expected = shifts.count_drawer(store.uow(), cashier, shift.id, {}).expected
    return shifts.close_shift(store.uow(), cashier, shift.id, notes_for(int(expected * 100) - 1000),
                              reason="找零时多找了10元 & 已登记", approver=manager)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("width", [WIDTH_58MM, WIDTH_80MM])
def test_the_shift_receipt_fits_the_paper(closed_shift, width):
    receipt = shift_report_text(closed_shift, width)
    assert all(cells(line) <= width for line in receipt.splitlines())
    assert "-¥10.00" in receipt and "找零时多找了10元" in receipt and "¥3,299.00" in receipt


@needs_pdftotext
def test_shift_report_pdf_reads_back_with_its_chinese_text(closed_shift, tmp_path):
    text = pdf_text(shift_report_pdf(closed_shift, tmp_path / "shift.pdf"))
    for expected in ("交班报表", "李秀梅", "周明远", "找零时多找了10元 & 已登记", "同城快递费<加急>", "-¥10.00", "¥3,299.00"):
        assert expected in text


@needs_pdftotext
def test_daily_report_pdf_reads_back_with_charts_and_figures(store, staff, closed_shift, tmp_path):
    report = reports.daily_report(store.uow(), staff["M01"], date.today())
    path = daily_report_pdf(report, tmp_path / "daily.pdf", "演示电器商行")
    text = pdf_text(path)
    for expected in ("销售日报", "演示电器商行", "按时段统计", "按品类统计", "洗衣机",
                     "滚筒洗衣机", "王丽娟", "¥3,299.00", "找零时多找了10元"):
        assert expected in text
    assert daily_report_text(report).count("█") >= 2  # a bar for the hour and one for the category


@pytest.fixture
def returns_and_orders(store, staff, products, sell):
    """Today: a phone order taken, and a return refunded in cash with one
    line restocked and one written off."""
    take(store, staff, products)
    slip = sell({"PJ-1": 2, "DFB-1": 1})
    returns.take_return(store.uow(), staff["C01"], slip.id,
                        [returns.ReturnLineIn(1, 1), returns.ReturnLineIn(2, 1, write_off=True)],
                        "电饭煲内胆有划痕", returns.RefundIn(Tender.CASH), staff["M01"])
    return reports.daily_report(store.uow(), staff["M01"], date.today())


def test_daily_report_text_shows_phone_orders_and_returns(returns_and_orders):
    text = daily_report_text(returns_and_orders)
    for expected in ("Phone orders", "Orders taken", "Orders overdue", "Returns taken", "Goods returned",
                     "Refunded: cash", "Written off", "¥488.90", "¥399.00"):
        assert expected in text


@needs_pdftotext
def test_daily_report_pdf_reads_back_phone_orders_and_returns(returns_and_orders, tmp_path):
    text = pdf_text(daily_report_pdf(returns_and_orders, tmp_path / "daily.pdf"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for expected in ("新接订单 1", "已结订单 0", "逾期订单 0", "退货单数 1",
                     "退回商品 2 ¥488.90", "退款：现金 1 ¥488.90", "报废 1 ¥399.00"):
        assert any(expected in line for line in lines), expected


@needs_pdftotext
def test_a_report_pdf_can_be_asked_for_in_english(closed_shift, tmp_path):
    text = pdf_text(shift_report_pdf(closed_shift, tmp_path / "shift.pdf", lang="en"))
    assert "Shift report" in text and "交班报表" not in text


def overlapping_words(path) -> list[tuple[str, str]]:
    """Pairs of words drawn over each other (pdftotext's word boxes)."""
    import re

    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pairs = []
    for page in html.split("<page")[1:]:
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
        for i, (x0, y0, x1, y1, w) in enumerate(words):
            for u0, v0, u1, v1, other in words[i + 1:]:
                if x0 < u1 - 0.5 and u0 < x1 - 0.5 and y0 < v1 - 0.5 and v0 < y1 - 0.5:
                    pairs.append((w, other))
    return pairs


@needs_pdftotext
def test_a_long_reason_wraps_in_its_cell_and_leaves_the_approvers_name_readable(store, staff, products, tmp_path):
    cashier, manager = staff["C01"], staff["M01"]
    reason = "顾客付款时一张一百元假币未能当场识别事后点钞发现已交公安机关登记处理并由店长确认"
    shifts.record_cash_movement(store.uow(), cashier, CashMovementKind.PAYOUT, Decimal("12"), reason, manager)
    shift = shifts.current_shift(store.uow(), cashier)
    expected = shifts.count_drawer(store.uow(), cashier, shift.id, {}).expected
    closed = shifts.close_shift(store.uow(), cashier, shift.id, notes_for(int(expected * 100) - 1000),
                                reason=reason, approver=manager)
    for path in (shift_report_pdf(closed, tmp_path / "shift.pdf"),
                 daily_report_pdf(reports.daily_report(store.uow(), manager, shift.opened_at.date()), tmp_path / "day.pdf")):
        assert "周明远" in pdf_text(path)
        assert overlapping_words(path) == []

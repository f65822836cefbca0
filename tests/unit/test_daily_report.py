"""The daily sales report (销售日报): every figure equals the sum of the rows
it comes from, computed here independently from the store's rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from counter.demo_shifts import notes_for
from counter.errors import BadInput, NotPermitted
from counter.money import from_fen, round_fen
from counter.services import invoices, payments, reports, shifts, slips
from counter.services.payments import TenderIn
from models import Invoice, Payment, Product, Slip, SlipLine, Staff, Tender
from models.clock import frozen_at
from tests.conftest import SHIFT_FLOAT

DAY = date(2026, 3, 2)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def sell(store, assistant, products, *items):
    draft = slips.current_draft(store.uow(), assistant)
    for sku, quantity in items:
        slips.add_line(store.uow(), assistant, draft.id, products[sku], quantity)
    return slips.write_slip(store.uow(), assistant, draft.id)


@pytest.fixture
def trading_day(store, staff, products):
    """A day of mixed sales by two assistants and two takers of payment, a
    cancelled slip, a cheque awaiting funds, a voided invoice, a refund, a
    short drawer; and sales the day before and after that must not count."""
    a1, a2, cashier, manager = staff["A01"], staff["A02"], staff["C01"], staff["M01"]
    pay = lambda who, slip, *t: payments.take_payment(store.uow(), who, slip.id, list(t))  # noqa: E731
    with frozen_at(at(18, day=DAY - timedelta(days=1))):
        pay(cashier, sell(store, a1, products, ("PJ-1", 2)), TenderIn(Tender.CASH, Decimal("200")))
    with frozen_at(at(9, 5)):
        s = sell(store, a1, products, ("XYJ-1", 1), ("PJ-1", 1))
        paid = pay(cashier, s, TenderIn(Tender.CASH, Decimal("3400")))
        invoice = invoices.issue_invoice(
            store.uow(), cashier, s.id, invoices.InvoiceDetails("张三丰", "北京市海淀区1号", "13800138000"))
    with frozen_at(at(9, 40)):
        pay(cashier, sell(store, a2, products, ("XYJ-2", 1)),
            TenderIn(Tender.CARD, Decimal("1000"), reference="1"), TenderIn(Tender.CASH, Decimal("600")))
    with frozen_at(at(11, 15)):
        invoices.void_invoice(store.uow(), manager, invoice.id, "客户名称写错")
        pay(manager, sell(store, a2, products, ("PJ-1", 3)), TenderIn(Tender.MOBILE, Decimal("269.70"), reference="42"))
    with frozen_at(at(14, 0)):
        pay(cashier, sell(store, a1, products, ("XYJ-3", 1)), TenderIn(Tender.CHEQUE, Decimal("3599"), reference="ZP1"))
        cancelled = sell(store, a2, products, ("DFB-1", 1))
        slips.cancel_slip(store.uow(), a2, cancelled.id, "顾客改变主意")
    with frozen_at(at(16, 30)):
        sell(store, a1, products, ("PJ-1", 1))  # written, not paid: in the cashier's queue
        shifts.record_cash_movement(store.uow(), cashier, shifts.CashMovementKind.REFUND, Decimal("89.90"),
                                    "底座退货", manager, slip_id=paid.slip.id)
    with frozen_at(at(21)):
        shift = shifts.current_shift(store.uow(), cashier)
        expected = shifts.count_drawer(store.uow(), cashier, shift.id, {}).expected
        shifts.close_shift(store.uow(), cashier, shift.id, notes_for(int(expected * 100) - 500),
                           reason="少5元", approver=manager)
        shifts.open_shift(store.uow(), cashier, SHIFT_FLOAT)
    with frozen_at(at(9, day=DAY + timedelta(days=1))):
        pay(cashier, sell(store, a2, products, ("PJ-1", 1)), TenderIn(Tender.CASH, Decimal("100")))


def independently(store, start: date, end: date) -> dict:
    """The report's figures, worked out row by row in Python."""
    since, until = datetime.combine(start, datetime.min.time()), datetime.combine(end + timedelta(days=1), datetime.min.time())
    inside = lambda moment: moment is not None and since <= moment < until  # noqa: E731
    with store.uow() as u:
        all_slips = u.session.exec(select(Slip)).all()
        lines = u.session.exec(select(SlipLine)).all()
        pays = u.session.exec(select(Payment)).all()
        product = {p.id: p for p in u.session.exec(select(Product))}
        names = {s.id: s.full_name for s in u.session.exec(select(Staff))}
        voided = [i for i in u.session.exec(select(Invoice)) if i.status == "void" and inside(i.voided_at)]
    paid = [s for s in all_slips if inside(s.paid_at)]
    paid_ids = {s.id for s in paid}
    tender, assistant, hour, category, quantity = (defaultdict(int) for _ in range(5))
    for p in pays:
        if inside(p.created_at):
            tender[p.tender] += p.amount_fen
    for s in paid:
        assistant[names[s.assistant_id]] += s.total_fen
        hour[s.paid_at.hour] += s.total_fen
    for line in lines:
        if line.slip_id in paid_ids:
            category[product[line.product_id].category] += line.amount_fen
            quantity[line.product_id] += line.quantity
    return {
        "written": sum(inside(s.written_at) for s in all_slips),
        "paid": len(paid),
        "cancelled": sum(inside(s.cancelled_at) for s in all_slips),
        "sales": from_fen(sum(s.total_fen for s in paid)),
        "tender": {t: from_fen(v) for t, v in tender.items()},
        "uncleared": from_fen(sum(p.amount_fen for p in pays if inside(p.created_at) and not p.cleared)),
        "assistant": {k: from_fen(v) for k, v in assistant.items()},
        "hour": {k: from_fen(v) for k, v in hour.items()},
        "category": {k: from_fen(v) for k, v in category.items()},
        "quantity": Counter(quantity),
        "voids": sorted(i.number for i in voided),
    }


def figures(report: reports.DailyReport) -> dict:
    return {
        "written": report.slips_written,
        "paid": report.slips_paid,
        "cancelled": report.slips_cancelled,
        "sales": report.sales_total,
        "tender": {r.key: r.amount for r in report.by_tender},
        "uncleared": report.uncleared_cheques,
        "assistant": {r.label: r.amount for r in report.by_assistant},
        "hour": {int(r.key): r.amount for r in report.by_hour},
        "category": {r.key: r.amount for r in report.by_category},
        "quantity": Counter({b.product_id: b.quantity for b in report.best_sellers}),
        "voids": sorted(v.number for v in report.voids),
    }


def test_daily_report_figures_equal_the_sum_of_their_rows(store, staff, trading_day):
    report = reports.daily_report(store.uow(), staff["M01"], DAY)
    assert figures(report) == independently(store, DAY, DAY)
    # and the day itself, as a person would check it
    assert (report.slips_written, report.slips_paid, report.slips_cancelled) == (6, 4, 1)
    assert report.sales_total == Decimal("3388.90") + Decimal("1599.00") + Decimal("269.70") + Decimal("3599.00")
    assert report.takings == report.sales_total
    assert report.average_ticket == round_fen(report.sales_total / 4)
    assert report.uncleared_cheques == Decimal("3599.00")
    assert report.items_sold == 7
    assert [r.label for r in report.by_hour] == ["09", "11", "14"]
    assert report.best_sellers[0].name == "洗衣机底座"
    assert [(v.reason, v.voided_by) for v in report.voids] == [("客户名称写错", "周明远")]
    assert (report.refunds, report.payouts) == (Decimal("89.90"), Decimal("0.00"))
    assert report.shifts_closed == 1
    assert [(d.cashier, d.difference, d.reason, d.approved_by) for d in report.cash_differences] == [
        ("李秀梅", Decimal("-5.00"), "少5元", "周明远")]


def test_a_range_report_adds_up_its_days(store, staff, trading_day):
    start, end = DAY - timedelta(days=1), DAY + timedelta(days=1)
    report = reports.daily_report(store.uow(), staff["M01"], start, end)
    assert figures(report) == independently(store, start, end)
    days = [reports.daily_report(store.uow(), staff["M01"], start + timedelta(days=i)) for i in range(3)]
    assert report.sales_total == sum(d.sales_total for d in days)
    assert report.slips_paid == sum(d.slips_paid for d in days) == 6


def test_an_empty_day_reports_zeros(store, staff):
    report = reports.daily_report(store.uow(), staff["M01"], date(2020, 1, 1))
    assert (report.sales_total, report.slips_paid, report.average_ticket) == (0, 0, Decimal("0.00"))
    assert report.by_tender == report.by_hour == report.best_sellers == ()


def test_only_a_manager_reads_the_daily_report(store, staff):
    with pytest.raises(NotPermitted):
        reports.daily_report(store.uow(), staff["C01"], DAY)


def test_a_range_that_ends_before_it_starts_is_refused(store, staff):
    with pytest.raises(BadInput, match="ends"):
        reports.daily_report(store.uow(), staff["M01"], DAY, DAY - timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-03-08", date(2026, 3, 8)), ("20260308", date(2026, 3, 8)), ("2026/3/8", date(2026, 3, 8)),
     ("today", date(2026, 3, 10)), ("", date(2026, 3, 10)), ("昨天", date(2026, 3, 9))],
)
def test_days_are_read_as_typed(text, day):
    assert reports.parse_day(text, today=date(2026, 3, 10)) == day


def test_a_day_that_is_not_a_date_is_refused_with_an_example():
    with pytest.raises(BadInput, match="YYYY-MM-DD"):
        reports.parse_day("March 8")

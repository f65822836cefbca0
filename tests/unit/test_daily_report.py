"""The daily sales report (销售日报): every figure equals the sum of the rows
it comes from, computed here independently from the store's rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from counter.demo.shifts import notes_for
from counter.errors import BadInput, NotPermitted
from counter.money import from_fen, round_fen
from counter.services import handover, invoices, orders, payments, reports, returns, shifts, slips
from counter.services.payments import TenderIn
from models import (
    Invoice,
    OrderEvent,
    OrderStatus,
    Payment,
    PhoneOrder,
    Product,
    Refund,
    ReturnLine,
    Shift,
    Slip,
    SlipLine,
    SlipReturn,
    Staff,
    Tender,
)
from models.clock import frozen_at
from tests.conftest import SHIFT_FLOAT
from tests.orders_helpers import advance, confirmed, take
from tests.orders_helpers import pay as pay_order

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
    cancelled slip, a cheque awaiting funds, a voided invoice, a return with a
    cash refund and one written off, a short drawer, a phone order taken, one
    closed and one overdue; and sales, orders and a cancellation the days
    before and after that must not count."""
    a1, a2, cashier, manager = staff["A01"], staff["A02"], staff["C01"], staff["M01"]
    pay = lambda who, slip, *t: payments.take_payment(store.uow(), who, slip.id, list(t))  # noqa: E731
    with frozen_at(at(10, day=DAY - timedelta(days=3))):
        # Delivered three days before and closed on the day.
        delivered = advance(store, staff, confirmed(store, staff, products), OrderStatus.DISPATCHED)
        pay_order(store, staff, delivered)
        orders.deliver(store.uow(), staff["T01"], delivered.id)
        # Wished for the day before: overdue on the day, cancelled the day after.
        late = confirmed(store, staff, products, phone="13900139000", name="钱女士", goods=(("PJ-1", 1),))
    assert late.due == DAY - timedelta(days=1)
    with frozen_at(at(10)):
        orders.close_order(store.uow(), staff["T01"], delivered.id)
        take(store, staff, products, phone="13700137000", name="李先生", goods=(("DFB-1", 1),))
    with frozen_at(at(10, day=DAY + timedelta(days=1))):
        orders.cancel_order(store.uow(), staff["T01"], late.id, "顾客不要了")
    with frozen_at(at(18, day=DAY - timedelta(days=1))):
        pay(cashier, sell(store, a1, products, ("PJ-1", 2)), TenderIn(Tender.CASH, Decimal("200")))
    with frozen_at(at(9, 5)):
        s = sell(store, a1, products, ("XYJ-1", 1), ("PJ-1", 1))
        paid = pay(cashier, s, TenderIn(Tender.CASH, Decimal("3400")))
        invoice = invoices.issue_invoice(
            store.uow(), cashier, s.id, invoices.InvoiceDetails("张三丰", "北京市海淀区1号", "13800138000"))
    with frozen_at(at(9, 40)):
        card_and_cash = pay(cashier, sell(store, a2, products, ("XYJ-2", 1)),
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
        hand_over(store, a1, paid.slip)
        returns.take_return(store.uow(), cashier, paid.slip.id, [returns.ReturnLineIn(2, 1)], "底座退货",
                            returns.RefundIn(Tender.CASH), manager)
    with frozen_at(at(16, 40)):
        hand_over(store, a2, card_and_cash.slip)
        returns.take_return(store.uow(), cashier, card_and_cash.slip.id, [returns.ReturnLineIn(1, 1, write_off=True)],
                            "外壳压坏", returns.RefundIn(Tender.CARD, "622848"), manager)
    with frozen_at(at(21)):
        shift = shifts.current_shift(store.uow(), cashier)
        expected = shifts.count_drawer(store.uow(), cashier, shift.id, {}).expected
        shifts.close_shift(store.uow(), cashier, shift.id, notes_for(int(expected * 100) - 500),
                           reason="少5元", approver=manager)
        shifts.open_shift(store.uow(), cashier, SHIFT_FLOAT)
    with frozen_at(at(9, day=DAY + timedelta(days=1))):
        pay(cashier, sell(store, a2, products, ("PJ-1", 1)), TenderIn(Tender.CASH, Decimal("100")))


def hand_over(store, assistant, slip) -> None:
    for line in slip.lines:
        handover.pack_line(store.uow(), assistant, slip.id, line.line_no)
    handover.hand_over(store.uow(), assistant, slip.id)


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
        phone_orders = u.session.exec(select(PhoneOrder)).all()
        events = u.session.exec(select(OrderEvent).order_by(OrderEvent.at, OrderEvent.id)).all()
        slip_returns = {r.id: r for r in u.session.exec(select(SlipReturn)) if inside(r.at)}
        returned = [l for l in u.session.exec(select(ReturnLine)) if l.return_id in slip_returns]
        refunds = [r for r in u.session.exec(select(Refund)) if inside(r.at)]
    status_then = {e.order_id: e.to_status for e in events if e.at < until}
    last_day = min(end, date.today())
    ended = Counter(o.status for o in phone_orders if inside(o.status_at))
    refunded = defaultdict(int)
    for r in refunds:
        refunded[r.tender] += r.amount_fen
    written_off = [l for l in returned if l.disposition == "write_off"]
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
        "orders": (
            sum(inside(o.created_at) for o in phone_orders),
            ended["closed"],
            ended["cancelled"] + ended["rejected"],
            sum(o.created_at < until and orders.is_overdue(o.model_copy(update={"status": status_then[o.id]}), last_day)
                for o in phone_orders),
        ),
        "returns": (len(slip_returns), sum(l.quantity for l in returned), from_fen(sum(l.amount_fen for l in returned))),
        "refunds": {t: from_fen(v) for t, v in refunded.items()},
        "written_off": (sum(l.quantity for l in written_off), from_fen(sum(l.amount_fen for l in written_off))),
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
        "orders": (report.phone_orders.opened, report.phone_orders.closed, report.phone_orders.cancelled,
                   report.phone_orders.overdue),
        "returns": (report.returns.count, report.returns.items, report.returns.goods_value),
        "refunds": {r.key: r.amount for r in report.returns.refunds},
        "written_off": (report.returns.written_off_items, report.returns.written_off),
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
    assert (report.phone_orders.opened, report.phone_orders.closed, report.phone_orders.cancelled,
            report.phone_orders.overdue) == (1, 1, 0, 1)
    assert (report.returns.count, report.returns.items, report.returns.goods_value) == (2, 2, Decimal("1688.90"))
    assert [(r.key, r.count, r.amount) for r in report.returns.refunds] == [
        ("cash", 1, Decimal("89.90")), ("card", 1, Decimal("1599.00"))]
    assert (report.returns.written_off_items, report.returns.written_off) == (1, Decimal("1599.00"))
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


def test_an_order_counts_as_overdue_as_the_board_showed_it_that_day(store, staff, trading_day):
    day_before, day_after = (reports.daily_report(store.uow(), staff["M01"], DAY + timedelta(days=d)) for d in (-1, 1))
    # Due the day before: not yet late that day; cancelled the day after, so no longer late.
    assert (day_before.phone_orders.overdue, day_after.phone_orders.overdue) == (0, 0)
    assert day_after.phone_orders.cancelled == 1


def test_a_cash_refund_counts_once_in_the_report_and_once_in_its_drawer(store, staff, trading_day):
    report = reports.daily_report(store.uow(), staff["M01"], DAY)
    with store.uow() as u:
        closed = u.session.exec(select(Shift).where(Shift.status == "closed")).one()
    drawer = shifts.shift_report(store.uow(), staff["M01"], closed.id).drawer
    assert report.refunds == report.returns.refunded_in(Tender.CASH) == drawer.refunds == Decimal("89.90")
    assert drawer.expected == (drawer.float + drawer.cash_received - drawer.change - drawer.refunds - drawer.payouts)

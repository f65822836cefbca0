"""Demo history for returns, account customers and complaints.

`with_returns` wraps the counter's weeks of sales: account customers buy on
account months before them (so the aging list has every bucket filled, and
slip and invoice numbers still run in date order), then returns and
complaints follow sales from the last weeks. All through the services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import select

from counter.auth import Actor, actor_of
from counter.demo.clock import demo_today
from counter.services import accounts, complaints, invoices, payments, returns, shifts, slips
from counter.services.customers import CustomerView, add_customer
from models import Channel, Role, SlipStatus, Staff, Tender
from models.clock import frozen_at, now

if TYPE_CHECKING:
    from counter.demo.build import DemoHistory

# (name, phone, address, credit limit)
ACCOUNT_CUSTOMERS = [
    ("广州市明华贸易有限公司", "020-87654321", "广州市天河区天河北路233号中信广场18楼", Decimal(30000)),
    ("佛山市顺德区美佳酒店", "0757-22334455", "佛山市顺德区大良街道南国东路8号", Decimal(10000)),
]


def with_returns(history: DemoHistory, days: int) -> None:
    """The counter's history with account sales before it and returns and
    complaints after it."""
    today = demo_today()
    firm, hotel = _account_customers(history, today - timedelta(days=130))
    # 明华 buys on account every few weeks and pays late: something in every aging bucket.
    for back, sku_index in ((118, 0), (96, 1), (74, 2), (47, 3), (26, 4)):
        _sale_on_account(history, firm, today - timedelta(days=back), sku_index)
    _repay(history, firm, today - timedelta(days=100), Tender.CARD, Decimal(1000), "622848******0017")
    _repay(history, firm, today - timedelta(days=55), Tender.MOBILE, Decimal(500), "4200001234202505550001")
    # 美佳 paid its one account sale in full: settled, not on the aging list.
    slip = _sale_on_account(history, hotel, today - timedelta(days=35), 5)
    _repay(history, hotel, today - timedelta(days=28), Tender.CASH, slip.total, "")
    history.counter_sales(days)
    _returns(history, today)
    _complaints(history, today)


def _account_customers(history: DemoHistory, day: date) -> tuple[CustomerView, CustomerView]:
    made = []
    with frozen_at(datetime.combine(day, time(10))):
        for name, phone, address, limit in ACCOUNT_CUSTOMERS:
            customer = add_customer(history.uow(), history.assistants[0], name, phone, address)
            accounts.set_credit_limit(history.uow(), history.manager, customer.id, limit)
            made.append(customer)
    return made[0], made[1]


@contextmanager
def _drawers_open(history: DemoHistory, day: date) -> Iterator[None]:
    """Money moves only within a cashier's shift: open the day's, then close it."""
    history.shifts.open_day(day)
    yield
    history.shifts.close_day(day)


def _sale_on_account(history: DemoHistory, customer: CustomerView, day: date, sku_index: int) -> slips.SlipView:
    with _drawers_open(history, day):
        return _account_sale(history, customer, day, sku_index)


def _account_sale(history: DemoHistory, customer: CustomerView, day: date, sku_index: int) -> slips.SlipView:
    assistant, cashier = history.assistants[0], history.cashiers[0]
    moment = datetime.combine(day, time(14, 30))
    with frozen_at(moment):
        draft = slips.current_draft(history.uow(), assistant)
        product_id = history.product_ids[(sku_index * 7) % len(history.product_ids)]
        slips.add_line(history.uow(), assistant, draft.id, product_id, 1)
        slips.set_customer(history.uow(), assistant, draft.id, customer.id)
        slip = slips.write_slip(history.uow(), assistant, draft.id)
    with frozen_at(moment + timedelta(minutes=5)):
        paid = payments.take_payment(
            history.uow(), cashier, slip.id, [payments.TenderIn(Tender.ACCOUNT, slip.total)]
        ).slip
        details = invoices.InvoiceDetails(customer.name, customer.address, customer.phone)
        invoices.issue_invoice(history.uow(), cashier, paid.id, details)
    with frozen_at(moment + timedelta(minutes=15)):
        history.hand_over(assistant, paid, deliver=False, day=day)
    return paid


def _repay(history: DemoHistory, customer: CustomerView, day: date, tender: Tender, amount: Decimal, ref: str) -> None:
    with _drawers_open(history, day), frozen_at(datetime.combine(day, time(11, 20))):
        accounts.repay(history.uow(), history.cashiers[0], customer.id, tender, amount, ref)


def _closed_slips(history: DemoHistory, today: date) -> list[slips.SlipView]:
    """Counter sales of 3 to 9 days ago whose goods went home, oldest first."""
    closed = slips.slips_with_status(history.uow(), SlipStatus.CLOSED, limit=10000)
    return [s for s in closed if s.paid_at and 3 <= (today - s.paid_at.date()).days <= 9]


def _returns(history: DemoHistory, today: date) -> None:
    cashier, manager = history.cashiers[0], history.manager
    candidates = [s for s in _closed_slips(history, today) if not _bought_on_account(history, s)]
    with_invoice = [s for s in candidates if _issued(history, s) and (len(s.lines) > 1 or s.lines[0].quantity > 1)]
    # A partial return of an invoiced sale, refunded in cash: the invoice is
    # voided and reissued for the kept goods. Cash leaves a drawer only within
    # an open shift, and the past days' shifts are closed, so it comes back
    # this morning, while today's shifts are open and hold the morning's takings.
    holds = _drawer_holds(history, cashier)
    fits = [s for s in with_invoice if s.lines[-1].unit_price <= holds]
    # Damaged on delivery, days ago: written off, refunded by mobile payment.
    others = [s for s in candidates if not fits or s.id != fits[0].id]
    if others:
        slip = others[-1]
        line = slip.lines[0]
        with frozen_at(_after(slip, days=1, at=time(10, 40))):
            returns.take_return(
                history.uow(), cashier, slip.id, [returns.ReturnLineIn(line.line_no, 1, write_off=True)],
                "外壳运输途中压坏", returns.RefundIn(Tender.MOBILE, "4200009876202505170042"), manager,
            )
    if fits:
        slip = fits[0]
        line = slip.lines[-1]
        with frozen_at(datetime.combine(today, time(10, 30))):
            returns.take_return(
                history.uow(), cashier, slip.id, [returns.ReturnLineIn(line.line_no, 1)],
                "顾客家中尺寸不合适，商品未拆封", returns.RefundIn(Tender.CASH), manager,
            )


def _drawer_holds(history: DemoHistory, cashier: Actor) -> Decimal:
    shift = shifts.current_shift(history.uow(), cashier)
    return shifts.count_drawer(history.uow(), cashier, shift.id, {}).expected


def _after(slip: slips.SlipView, days: int, at: time) -> datetime:
    return min(datetime.combine(slip.paid_at.date() + timedelta(days=days), at), now() - timedelta(hours=1))


def _bought_on_account(history: DemoHistory, slip: slips.SlipView) -> bool:
    return any(p.tender == Tender.ACCOUNT for p in payments.payments_of(history.uow(), slip.id))


def _issued(history: DemoHistory, slip: slips.SlipView) -> bool:
    return any(i.status == "issued" for i in invoices.invoices_of_slip(history.uow(), slip.id))


def _order_tracker(history: DemoHistory) -> Actor:
    with history.uow() as uow:
        return actor_of(uow.session.exec(select(Staff).where(Staff.role == Role.ORDER_TRACKER)).first())


def _complaints(history: DemoHistory, today: date) -> None:
    tracker = _order_tracker(history)
    manager, assistant = history.manager, history.assistants[-1]
    recent = _closed_slips(history, today)
    slip_number = recent[0].number if recent else ""

    start = datetime.combine(today - timedelta(days=6), time(15, 5))
    with frozen_at(start):
        noisy = complaints.log_complaint(
            history.uow(), tracker, "洗衣机脱水时噪音很大，怀疑安装不平", Channel.PHONE,
            contact="陈先生 13922221111", slip_number=slip_number,
        )
    with frozen_at(start + timedelta(minutes=20)):
        complaints.assign_complaint(history.uow(), manager, noisy.id, assistant.code)
    with frozen_at(start + timedelta(hours=2)):
        complaints.follow_up(history.uow(), assistant, noisy.id, "已电话联系顾客，约好明天上午上门检查")
    with frozen_at(start + timedelta(days=1, hours=-4)):
        complaints.follow_up(history.uow(), assistant, noisy.id, "上门检查：底座未调平，已调整，试机正常")
        complaints.close_complaint(history.uow(), assistant, noisy.id, "调平底座并试机，顾客表示满意")

    with frozen_at(datetime.combine(today - timedelta(days=2), time(11, 30))):
        late = complaints.log_complaint(
            history.uow(), tracker, "送货比约定时间晚了三个小时，没有提前通知", Channel.PHONE,
            contact="刘女士 13600001234",
        )
        complaints.assign_complaint(history.uow(), manager, late.id, tracker.code)
    with frozen_at(datetime.combine(today - timedelta(days=2), time(14))):
        complaints.follow_up(history.uow(), tracker, late.id, "已向物流核实原因，待回复顾客")

    with frozen_at(datetime.combine(today, time(9, 15))):
        complaints.log_complaint(
            history.uow(), history.cashiers[0], "收银台排队时间长，希望增开收银通道", Channel.COUNTER,
            contact="一位路过的顾客",
        )

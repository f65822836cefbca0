"""The daily sales report (销售日报) for a day or a range of days.

Every figure is one SQL aggregate (GROUP BY over indexed time columns), so a
year of history reports as fast as a day: Python only rolls up the few
hundred per-product groups into categories and names the rows.

Besides the counter's slips, payments, invoices and drawers it counts the
phone orders opened, closed and overdue (overdue as the order board defines
it, in counter.services.orders) and the returns: goods taken back, refunds by
tender and goods written off.

Refunds are counted from the Refund rows, one per return, whatever the
tender; the drawer's CashMovement of a cash refund only makes the shift's
expected cash drop. So a cash refund is counted once here and once in its
drawer, never twice in either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func
from sqlmodel import Session, col, select

from counter import audit_checkpoint
from counter.audit_checkpoint import Checkpoint
from counter.auth import Actor, require
from counter.errors import BadInput
from counter.i18n import _
from counter.money import from_fen, round_fen
from counter.services.goods_lines import promotion_label
from counter.services.orders import UNDELIVERED, overdue_clause
from counter.services.payments import tender_label
from counter.store.uow import UnitOfWork
from models import (
    CashMovement,
    CashMovementKind,
    Disposition,
    Invoice,
    InvoiceStatus,
    OrderEvent,
    OrderStatus,
    Payment,
    PhoneOrder,
    Product,
    Refund,
    ReturnLine,
    Shift,
    ShiftStatus,
    Slip,
    SlipLine,
    SlipReturn,
    Staff,
    Station,
    Tender,
)
from models.clock import now
from models.ids import id_of

BEST_SELLERS = 10
# The longest range one report covers; a year and a bit, so "last year" fits.
MAX_DAYS = 400


@dataclass(frozen=True)
class Row:
    """One bar of a breakdown. `count` is slips (tender: payments; category:
    items sold); `amount` is what they came to."""

    key: str
    label: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class BestSeller:
    product_id: int
    name: str
    brand: str
    model: str
    quantity: int
    amount: Decimal


@dataclass(frozen=True)
class VoidedInvoice:
    number: int
    slip_number: str
    total: Decimal
    reason: str
    voided_by: str
    voided_at: datetime


@dataclass(frozen=True)
class CashDifference:
    shift_id: int
    cashier: str
    closed_at: datetime
    expected: Decimal
    counted: Decimal
    difference: Decimal
    reason: str
    approved_by: str


@dataclass(frozen=True)
class PhoneOrderFigures:
    opened: int  # taken in the period
    closed: int  # closed in the period, after delivery
    cancelled: int  # cancelled or rejected in the period
    # Overdue at the end of the period (or now, for a period not yet over),
    # as the order board would have shown them then.
    overdue: int


@dataclass(frozen=True)
class ReturnFigures:
    count: int  # returns taken
    items: int  # goods that came back
    goods_value: Decimal  # what those goods were sold for
    refunds: tuple[Row, ...]  # refunded, by tender (count: refunds)
    written_off_items: int  # damaged: kept off the shelf
    written_off: Decimal

    @property
    def refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds), Decimal(0))

    def refunded_in(self, tender: Tender) -> Decimal:
        return sum((r.amount for r in self.refunds if r.key == tender), Decimal("0.00"))


@dataclass(frozen=True)
class DailyReport:
    start: date
    end: date
    sales_total: Decimal  # the paid slips' totals
    slips_written: int
    slips_paid: int
    slips_cancelled: int
    items_sold: int
    by_tender: tuple[Row, ...]
    uncleared_cheques: Decimal
    by_assistant: tuple[Row, ...]
    by_category: tuple[Row, ...]
    by_hour: tuple[Row, ...]  # only hours with sales, in order
    best_sellers: tuple[BestSeller, ...]
    voids: tuple[VoidedInvoice, ...]
    payouts: Decimal  # petty cash paid out of the drawers
    shifts_closed: int
    cash_differences: tuple[CashDifference, ...]  # closed shifts that did not match
    phone_orders: PhoneOrderFigures
    returns: ReturnFigures
    # Takings by the station (counter) that took them; empty in a shop without stations.
    by_station: tuple[Row, ...] = ()
    # What each promotion gave on the paid slips (count: slips; a gift gives ¥0).
    promotions: tuple[Row, ...] = ()
    # The audit chain's head when the report was made, printed on it (see audit_checkpoint).
    checkpoint: Checkpoint | None = None

    @property
    def refunds(self) -> Decimal:
        """Cash refunded from the drawers: the returns' cash refunds."""
        return self.returns.refunded_in(Tender.CASH)

    @property
    def promotions_total(self) -> Decimal:
        return sum((r.amount for r in self.promotions), Decimal("0.00"))

    @property
    def takings(self) -> Decimal:
        return sum((r.amount for r in self.by_tender), Decimal(0))

    @property
    def average_ticket(self) -> Decimal:
        return round_fen(self.sales_total / self.slips_paid) if self.slips_paid else Decimal("0.00")

    @property
    def cash_difference_total(self) -> Decimal:
        return sum((d.difference for d in self.cash_differences), Decimal(0))

    @property
    def is_one_day(self) -> bool:
        return self.start == self.end


def check_range(start: date, end: date | None) -> tuple[date, date]:
    end = end or start
    if end < start:
        raise BadInput(_("The range ends ({end}) before it starts ({start}).").format(start=start, end=end))
    if (end - start).days >= MAX_DAYS:
        raise BadInput(_("A report covers at most {days} days; choose a shorter range.").format(days=MAX_DAYS))
    return start, end


def parse_day(text: str, today: date | None = None) -> date:
    """A day as typed: 2026-03-08, 20260308, or "today" / "yesterday"."""
    text = text.strip().lower()
    today = today or now().date()
    if text in ("today", "今天", ""):
        return today
    if text in ("yesterday", "昨天"):
        return today - timedelta(days=1)
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise BadInput(_("Type a date as YYYY-MM-DD, e.g. 2026-03-08; {text!r} is not one.").format(text=text))


def daily_report(uow: UnitOfWork, actor: Actor, start: date, end: date | None = None) -> DailyReport:
    """The counter's figures for the days start..end (both included)."""
    require(actor, "view_reports")
    start, end = check_range(start, end)
    since, until = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
    with uow.for_reading():
        session = uow.session
        paid = (col(Slip.paid_at) >= since) & (col(Slip.paid_at) < until)
        # One pass over the paid slips, grouped by assistant and hour; the
        # totals, per-assistant and per-hour figures are rolled up from it.
        hour = func.extract("hour", col(Slip.paid_at))
        cells = session.exec(
            select(Slip.assistant_id, hour, func.count(), func.sum(Slip.total_fen))
            .where(paid)
            .group_by(col(Slip.assistant_id), hour)
        ).all()
        products, items_sold = _products(session, paid)
        differences = _cash_differences(session, since, until)
        shifts_closed = session.exec(
            select(func.count()).where(
                Shift.status == ShiftStatus.CLOSED, col(Shift.closed_at) >= since, col(Shift.closed_at) < until
            )
        ).one()
        payouts = session.exec(
            select(func.coalesce(func.sum(CashMovement.amount_fen), 0)).where(
                CashMovement.kind == CashMovementKind.PAYOUT,
                col(CashMovement.created_at) >= since,
                col(CashMovement.created_at) < until,
            )
        ).one()
        by_tender, uncleared = _by_tender(session, since, until)
        return DailyReport(
            start=start,
            end=end,
            sales_total=from_fen(sum(fen for _a, _h, _n, fen in cells)),
            slips_written=_count_between(session, Slip.written_at, since, until),
            slips_paid=sum(n for _a, _h, n, _fen in cells),
            slips_cancelled=_count_between(session, Slip.cancelled_at, since, until),
            items_sold=items_sold,
            by_tender=by_tender,
            uncleared_cheques=uncleared,
            by_assistant=_by_assistant(session, cells),
            by_category=_by_category(products),
            by_hour=_by_hour(cells),
            best_sellers=_best_sellers(products),
            voids=_voids(session, since, until),
            payouts=from_fen(payouts),
            shifts_closed=shifts_closed,
            cash_differences=differences,
            phone_orders=_phone_orders(session, since, until, min(end, now().date())),
            returns=_returns(session, since, until),
            by_station=_by_station(session, since, until),
            promotions=_promotions(session, paid),
            checkpoint=audit_checkpoint.take(session),
        )


def _count_between(session: Session, column: Any, since: datetime, until: datetime) -> int:
    return session.exec(select(func.count()).where(col(column) >= since, col(column) < until)).one()


# A payment undone at the desk has a reversing row (negative amount): it
# takes one off the count as it takes its money off the sum.
_NET_COUNT = func.sum(case((col(Payment.amount_fen) < 0, -1), else_=1))


def _by_tender(session: Session, since: datetime, until: datetime) -> tuple[tuple[Row, ...], Decimal]:
    rows = session.exec(
        select(
            Payment.tender,
            _NET_COUNT,
            func.sum(Payment.amount_fen),
            func.coalesce(func.sum(Payment.amount_fen).filter(col(Payment.cleared) == False), 0),  # noqa: E712
        )
        .where(col(Payment.created_at) >= since, col(Payment.created_at) < until)
        .group_by(col(Payment.tender))
    ).all()
    found = {Tender(t): (n, a, u) for t, n, a, u in rows}
    tenders = tuple(
        Row(str(t), tender_label(t), found[t][0], from_fen(found[t][1])) for t in Tender if t in found
    )
    return tenders, from_fen(sum(u for _n, _a, u in found.values()))


def _by_station(session: Session, since: datetime, until: datetime) -> tuple[Row, ...]:
    """Takings by station, biggest first; payments taken at no station are
    listed as such, and only when some station took money."""
    rows = session.exec(
        select(Station.name, _NET_COUNT, func.sum(Payment.amount_fen))
        .select_from(Payment)
        .join(Station, col(Station.id) == Payment.station_id, isouter=True)
        .where(col(Payment.created_at) >= since, col(Payment.created_at) < until)
        .group_by(col(Station.name))
    ).all()
    if all(name is None for name, _n, _fen in rows):
        return ()
    ordered = sorted(rows, key=lambda r: (-r[2], r[0] or ""))
    return tuple(Row(name or "", name or _("(no station)"), n, from_fen(fen)) for name, n, fen in ordered)


def _rolled_up(cells: Sequence[Any], index: int) -> list[tuple[int, int, int]]:
    """(key, slips, fen) per distinct value of cells[index]."""
    totals: dict[int, list[int]] = {}
    for cell in cells:
        figures = totals.setdefault(int(cell[index]), [0, 0])
        figures[0] += cell[2]
        figures[1] += cell[3]
    return [(key, n, fen) for key, (n, fen) in totals.items()]


def _by_assistant(session: Session, cells: Sequence[Any]) -> tuple[Row, ...]:
    rows = _rolled_up(cells, 0)
    staff = {s.id: s for s in session.exec(select(Staff).where(col(Staff.id).in_([r[0] for r in rows])))}
    ordered = sorted(rows, key=lambda r: (-r[2], staff[r[0]].code))
    return tuple(Row(staff[sid].code, staff[sid].full_name, n, from_fen(fen)) for sid, n, fen in ordered)


def _by_hour(cells: Sequence[Any]) -> tuple[Row, ...]:
    return tuple(Row(str(h), f"{h:02d}", n, from_fen(fen)) for h, n, fen in sorted(_rolled_up(cells, 1)))


@dataclass(frozen=True)
class _ProductSales:
    product_id: int
    category: str
    name: str
    brand: str
    model: str
    quantity: int
    amount_fen: int


def _products(session: Session, paid: ColumnElement[bool]) -> tuple[list[_ProductSales], int]:
    """Quantity and amount sold per product: the one pass over the lines,
    with what the report shows of each product joined in (loading a day's
    2,000-odd products as entities took most of the report's time)."""
    grouped = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel's select is typed for up to 4 columns
            col(Product.id), Product.category, Product.name, Product.brand, Product.model,
            func.sum(SlipLine.quantity), func.sum(SlipLine.amount_fen),
        )
        .select_from(SlipLine)
        .join(Slip, col(Slip.id) == SlipLine.slip_id)
        .join(Product, col(Product.id) == SlipLine.product_id)
        .where(paid)
        .group_by(col(Product.id))
    ).all()
    sales = [_ProductSales(pid, cat, name, brand, model, int(q), int(a)) for pid, cat, name, brand, model, q, a in grouped]
    return sales, sum(s.quantity for s in sales)


def _by_category(sales: list[_ProductSales]) -> tuple[Row, ...]:
    totals: dict[str, list[int]] = {}
    for s in sales:
        figures = totals.setdefault(s.category, [0, 0])
        figures[0] += s.quantity
        figures[1] += s.amount_fen
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1][1], kv[0]))
    return tuple(Row(cat, cat or _("(no category)"), q, from_fen(fen)) for cat, (q, fen) in ordered)


def _promotions(session: Session, paid: ColumnElement[bool]) -> tuple[Row, ...]:
    """Each promotion applied on the paid slips: on how many, and what it took off."""
    rows = session.exec(
        select(SlipLine.promotion, func.count(func.distinct(SlipLine.slip_id)), func.sum(SlipLine.promo_fen))
        .join(Slip, col(Slip.id) == SlipLine.slip_id)
        .where(paid, SlipLine.promotion != "")
        .group_by(col(SlipLine.promotion))
    ).all()
    ordered = sorted(rows, key=lambda r: (-r[2], r[0]))
    return tuple(Row(text, promotion_label(text), n, from_fen(int(fen))) for text, n, fen in ordered)


def _best_sellers(sales: list[_ProductSales]) -> tuple[BestSeller, ...]:
    top = sorted(sales, key=lambda s: (-s.quantity, -s.amount_fen, s.product_id))[:BEST_SELLERS]
    return tuple(
        BestSeller(s.product_id, s.name, s.brand, s.model, s.quantity, from_fen(s.amount_fen))
        for s in top
    )


def _voids(session: Session, since: datetime, until: datetime) -> tuple[VoidedInvoice, ...]:
    rows = session.exec(
        select(Invoice, Slip.number, Staff.full_name)
        .join(Slip, col(Slip.id) == Invoice.slip_id)
        .join(Staff, col(Staff.id) == Invoice.voided_by_id, isouter=True)
        .where(
            Invoice.status == InvoiceStatus.VOID,
            col(Invoice.voided_at) >= since,
            col(Invoice.voided_at) < until,
        )
        .order_by(col(Invoice.voided_at))
    ).all()
    # voided_at is set on every row the query found (voided in the period).
    return tuple(
        VoidedInvoice(i.number, number or "", from_fen(i.total_fen), i.void_reason, name or "", i.voided_at or i.issued_at)
        for i, number, name in rows
    )


def _cash_differences(session: Session, since: datetime, until: datetime) -> tuple[CashDifference, ...]:
    shifts = session.exec(
        select(Shift)
        .where(
            Shift.status == ShiftStatus.CLOSED,
            col(Shift.closed_at) >= since,
            col(Shift.closed_at) < until,
            Shift.difference_fen != 0,
        )
        .order_by(col(Shift.closed_at))
    ).all()
    ids = {s.cashier_id for s in shifts} | {s.approved_by_id for s in shifts if s.approved_by_id}
    found = session.exec(select(Staff.id, Staff.full_name).where(col(Staff.id).in_(ids))).all() if ids else []
    names = {id_: name for id_, name in found if id_ is not None}
    # A closed shift has its closing time and figures (the query found closed ones only).
    return tuple(
        CashDifference(
            id_of(s), names.get(s.cashier_id, ""), s.closed_at or s.opened_at, from_fen(s.expected_fen or 0),
            from_fen(s.counted_fen or 0), from_fen(s.difference_fen or 0), s.difference_reason,
            names.get(s.approved_by_id or 0, ""),
        )
        for s in shifts
    )


def _phone_orders(session: Session, since: datetime, until: datetime, last_day: date) -> PhoneOrderFigures:
    opened = _count_between(session, PhoneOrder.created_at, since, until)
    # Closed, cancelled and rejected are final: status_at is when the order got there.
    ended = dict(
        session.exec(
            select(PhoneOrder.status, func.count())
            .where(
                col(PhoneOrder.status).in_((OrderStatus.CLOSED, OrderStatus.CANCELLED, OrderStatus.REJECTED)),
                col(PhoneOrder.status_at) >= since,
                col(PhoneOrder.status_at) < until,
            )
            .group_by(col(PhoneOrder.status))
        ).all()
    )
    # The status each order had when the period ended: its last change before then.
    status_then = (
        select(OrderEvent.to_status)
        .where(OrderEvent.order_id == PhoneOrder.id, col(OrderEvent.at) < until)
        .order_by(col(OrderEvent.at).desc(), col(OrderEvent.id).desc())
        .limit(1)
        .correlate(PhoneOrder)
        .scalar_subquery()
    )
    # Only an order undelivered now, or changed since, can have been undelivered
    # then: the cheap test on the current row spares the others the subquery.
    maybe = col(PhoneOrder.status).in_(UNDELIVERED) | (col(PhoneOrder.status_at) >= until)
    overdue = session.exec(
        select(func.count()).where(
            col(PhoneOrder.created_at) < until, maybe, overdue_clause(last_day, status_then)
        )
    ).one()
    return PhoneOrderFigures(
        opened=opened,
        closed=ended.get(OrderStatus.CLOSED, 0),
        cancelled=ended.get(OrderStatus.CANCELLED, 0) + ended.get(OrderStatus.REJECTED, 0),
        overdue=overdue,
    )


def _returns(session: Session, since: datetime, until: datetime) -> ReturnFigures:
    in_period = (col(SlipReturn.at) >= since) & (col(SlipReturn.at) < until)
    written_off = col(ReturnLine.disposition) == Disposition.WRITE_OFF
    count = session.exec(select(func.count()).where(in_period)).one()
    items, value, off_items, off_value = session.exec(
        select(
            func.coalesce(func.sum(ReturnLine.quantity), 0),
            func.coalesce(func.sum(ReturnLine.amount_fen), 0),
            func.coalesce(func.sum(ReturnLine.quantity).filter(written_off), 0),
            func.coalesce(func.sum(ReturnLine.amount_fen).filter(written_off), 0),
        )
        .join(SlipReturn, col(SlipReturn.id) == ReturnLine.return_id)
        .where(in_period)
    ).one()
    refunds = dict(
        (Tender(t), (n, fen))
        for t, n, fen in session.exec(
            select(Refund.tender, func.count(), func.sum(Refund.amount_fen))
            .where(col(Refund.at) >= since, col(Refund.at) < until)
            .group_by(col(Refund.tender))
        ).all()
    )
    return ReturnFigures(
        count=count,
        items=int(items),
        goods_value=from_fen(value),
        refunds=tuple(
            Row(str(t), tender_label(t), refunds[t][0], from_fen(refunds[t][1])) for t in Tender if t in refunds
        ),
        written_off_items=int(off_items),
        written_off=from_fen(off_value),
    )

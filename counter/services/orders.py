"""Phone orders (电话订货, §5.2.9 and §5.3): taken on a call, read back to the
caller, reviewed, fulfilled, tracked and followed up.

    taken ──read back, confirmed──▶ read_back_confirmed ──accept──▶ accepted ─▶ picking
      ▲            (an edit sends it back to taken)     └─reject──▶ rejected
    picking ─▶ scheduled ⇄ dispatched ─▶ delivered ─▶ closed
    cancelled: from any state before delivered, with a reason.

Every change is an OrderEvent saying who and when, and an audit event.

Stock is reserved exactly once: accepting an order writes its slip with
`slips.write_in`, which reserves the goods in the same transaction.
Cancelling releases them through the slip; delivering takes them out through
`handover.stock_out` and closes the slip. Payment (in advance or on
delivery) and the invoice go through `payments` and `invoices` on that slip,
by a cashier, like any counter sale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.domain.lines import line_to_add_to, next_line_no, renumbered
from counter.domain.promotions import rule_of
from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.i18n import _
from counter.money import MAX_AMOUNT, capitals, fmt, from_fen, line_amount_fen, to_fen
from counter.services import handover, invoices, payments, slips
from counter.services.customers import check_phone
from counter.services.goods_lines import GoodsLineView, goods_fields, reprice
from counter.services.slip_rows import SlipRows
from counter.store.sequences import bump
from counter.store.uow import UnitOfWork, retrying
from models import (
    Call,
    Customer,
    FollowUp,
    Invoice,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Payment,
    PhoneOrder,
    Product,
    ReadBack,
    ReadBackOutcome,
    Role,
    Slip,
    SlipLine,
    SlipStatus,
    Staff,
)
from models.clock import now
from models.ids import id_of, referred

S = OrderStatus
ORDER_SEQUENCE = "phone_order"
# 回访: the shop calls the customer back this many days after delivery.
FOLLOW_UP_AFTER_DAYS = 3

NEXT: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    S.TAKEN: (S.CONFIRMED, S.CANCELLED),
    S.CONFIRMED: (S.TAKEN, S.ACCEPTED, S.REJECTED, S.CANCELLED),
    S.ACCEPTED: (S.PICKING, S.CANCELLED),
    S.PICKING: (S.SCHEDULED, S.CANCELLED),
    # A scheduled delivery may be moved; a failed one goes back to scheduled.
    S.SCHEDULED: (S.SCHEDULED, S.DISPATCHED, S.CANCELLED),
    S.DISPATCHED: (S.SCHEDULED, S.DELIVERED, S.CANCELLED),
    S.DELIVERED: (S.CLOSED,),
    S.REJECTED: (),
    S.CLOSED: (),
    S.CANCELLED: (),
}
OPEN = (S.TAKEN, S.CONFIRMED, S.ACCEPTED, S.PICKING, S.SCHEDULED, S.DISPATCHED, S.DELIVERED)
# Orders that still owe the customer their goods: these can be overdue.
UNDELIVERED = (S.TAKEN, S.CONFIRMED, S.ACCEPTED, S.PICKING, S.SCHEDULED, S.DISPATCHED)
EDITABLE = (S.TAKEN, S.CONFIRMED)


def status_label(status: OrderStatus | str) -> str:
    return {
        "taken": _("taken"),
        "read_back_confirmed": _("confirmed"),
        "accepted": _("accepted"),
        "rejected": _("rejected"),
        "picking": _("picking"),
        "scheduled": _("scheduled"),
        "dispatched": _("out for delivery"),
        "delivered": _("delivered"),
        "closed": _("closed"),
        "cancelled": _("cancelled"),
    }[str(status)]


def _done_to(status: OrderStatus) -> str:
    """What an order moved into `status` has been, for messages."""
    return {
        S.TAKEN: _("changed"),
        S.CONFIRMED: _("confirmed"),
        S.ACCEPTED: _("accepted"),
        S.REJECTED: _("rejected"),
        S.PICKING: _("picked"),
        S.SCHEDULED: _("scheduled for delivery"),
        S.DISPATCHED: _("dispatched"),
        S.DELIVERED: _("marked delivered"),
        S.CLOSED: _("closed"),
        S.CANCELLED: _("cancelled"),
    }[status]


def parse_status(text: str) -> OrderStatus:
    """A status as typed on the command line: its value or its label."""
    text = text.strip().lower()
    for status in OrderStatus:
        if text in (status.value, status_label(status).lower()):
            return status
    raise BadInput(
        _("{text!r} is not an order status; use one of: {statuses}.").format(
            text=text, statuses=", ".join(s.value for s in OrderStatus)
        )
    )


@dataclass(frozen=True)
class OrderLineView(GoodsLineView):
    price_approved_by: str


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    status: OrderStatus
    customer_id: int
    customer_name: str
    customer_phone: str
    assistant: str  # 客户归属: the assistant the customer belongs to
    delivery_phone: str
    delivery_address: str
    wished_date: date | None
    notes: str
    lines: tuple[OrderLineView, ...]
    total: Decimal
    taken_by: str
    created_at: datetime
    status_at: datetime
    reviewed_by: str
    reason: str
    slip_id: int | None
    slip_number: str
    slip_status: SlipStatus | None
    delivery_date: date | None
    deliverer: str
    overdue: bool

    @property
    def due(self) -> date | None:
        """The day the customer expects the goods: the scheduled day, else the wished one."""
        return self.delivery_date or self.wished_date

    @property
    def paid(self) -> bool:
        return self.slip_status in (SlipStatus.PAID, SlipStatus.CLOSED)

    @property
    def status_text(self) -> str:
        return status_label(self.status)

    @property
    def goods(self) -> str:
        return goods_summary(self.lines)


def goods_summary(lines: Iterable[OrderLineView | OrderLine | SlipLine]) -> str:
    return ", ".join(f"{line.name}×{line.quantity}" for line in lines)


def _names(session: Session) -> dict[int, str]:
    return {sid: name for sid, name in session.exec(select(Staff.id, Staff.full_name)) if sid is not None}


def _name(names: dict[int, str], staff_id: int | None, missing: str = "") -> str:
    return names.get(staff_id, missing) if staff_id is not None else missing


def _lines(session: Session, order_id: int) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(col(OrderLine.line_no))))


def is_overdue(order: PhoneOrder, today: date) -> bool:
    due = order.delivery_date or order.wished_date
    return order.status in UNDELIVERED and due is not None and due < today


def overdue_clause(today: date, status: ColumnElement[str] | None = None) -> ColumnElement[bool]:
    """`is_overdue` as a SQL condition, for counting without loading orders.
    `status` may be the order's status at some moment instead of its current one."""
    current = status if status is not None else col(PhoneOrder.status)
    due = func.coalesce(PhoneOrder.delivery_date, PhoneOrder.wished_date)
    return current.in_(UNDELIVERED) & (due < today)


def order_view(session: Session, order: PhoneOrder, names: dict[int, str] | None = None) -> OrderView:
    names = names if names is not None else _names(session)
    customer = referred(session.get(Customer, order.customer_id))
    slip = session.get(Slip, order.slip_id) if order.slip_id else None
    lines = tuple(
        OrderLineView(**goods_fields(line), price_approved_by=_name(names, line.price_approved_by_id))
        for line in _lines(session, id_of(order))
    )
    return OrderView(
        id=id_of(order),
        number=order.number,
        status=OrderStatus(order.status),
        customer_id=order.customer_id,
        customer_name=customer.name,
        customer_phone=customer.phone,
        assistant=_name(names, customer.assistant_id),
        delivery_phone=order.delivery_phone,
        delivery_address=order.delivery_address,
        wished_date=order.wished_date,
        notes=order.notes,
        lines=lines,
        total=from_fen(order.total_fen),
        taken_by=_name(names, order.created_by_id),
        created_at=order.created_at,
        status_at=order.status_at,
        reviewed_by=_name(names, order.reviewed_by_id),
        reason=order.reason,
        slip_id=order.slip_id,
        slip_number=slip.number or "" if slip else "",
        slip_status=SlipStatus(slip.status) if slip else None,
        delivery_date=order.delivery_date,
        deliverer=order.deliverer,
        overdue=is_overdue(order, now().date()),
    )


def _load(session: Session, order_id: int) -> PhoneOrder:
    order = session.get(PhoneOrder, order_id)
    if order is None:
        raise NotFound(_("No phone order with id {id}.").format(id=order_id))
    return order


def refusal(order: PhoneOrder, to: OrderStatus) -> InvalidState:
    """Why `order` cannot move to `to` now, and what it can do instead."""
    current = OrderStatus(order.status)
    allowed = [s for s in NEXT[current] if s not in (current, S.TAKEN)]
    if current == S.TAKEN and to not in (S.CANCELLED, S.CONFIRMED):
        hint = _("Read it back to the customer and mark it confirmed first.")
    elif allowed:
        hint = _("From here it can only be: {next}.").format(next=", ".join(status_label(s) for s in allowed))
    else:
        hint = _("It is finished; nothing more can be done to it.")
    return InvalidState(
        _("Order {number} is {status}: it cannot be {done} now. {hint}").format(
            number=order.number, status=status_label(current), done=_done_to(to), hint=hint
        )
    )


def _move(session: Session, actor: Actor, order: PhoneOrder, to: OrderStatus, note: str = "") -> None:
    current = OrderStatus(order.status)
    if to not in NEXT[current]:
        raise refusal(order, to)
    order.status = to
    order.status_at = now()
    session.add(order)
    session.add(OrderEvent(order_id=id_of(order), by_id=actor.id, from_status=current, to_status=to, note=note))
    audit.record(
        session, actor.id, f"order.{to.value}", "phone_order", order.number,
        before={"status": current.value}, after={"status": to.value, "note": note} if note else {"status": to.value},
    )


def new_order(session: Session, actor: Actor, customer: Customer, call: Call) -> PhoneOrder:
    """A phone order started on `call`, inside the call's transaction."""
    order = PhoneOrder(
        number=f"P{bump(session, ORDER_SEQUENCE):06d}",
        customer_id=id_of(customer),
        delivery_phone=call.phone,
        delivery_address=customer.address,
        created_by_id=actor.id,
    )
    session.add(order)
    session.flush()
    session.add(OrderEvent(order_id=id_of(order), by_id=actor.id, to_status=S.TAKEN,
                           note=_("call from {phone}").format(phone=call.phone)))
    audit.record(session, actor.id, "order.taken", "phone_order", order.number, after={"customer": customer.id})
    return order


def get_order(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderView:
    require(actor, "take_calls")
    with uow:
        return order_view(uow.session, _load(uow.session, order_id))


# Taking the order ----------------------------------------------------------


def _editable(session: Session, actor: Actor, order_id: int) -> PhoneOrder:
    require(actor, "take_calls")
    order = _load(session, order_id)
    if order.status not in EDITABLE:
        raise refusal(order, S.TAKEN)
    return order


def _changed(session: Session, actor: Actor, order: PhoneOrder) -> None:
    """After an edit: prices (promotions) and totals again, and a confirmed
    order must be read back again."""
    lines = _lines(session, id_of(order))
    reprice(session, lines)
    total = sum(line.amount_fen for line in lines)
    if from_fen(total) > MAX_AMOUNT:
        raise BadInput(_("The order total would pass the largest a slip allows."))
    order.total_fen = total
    session.add(order)
    if order.status == S.CONFIRMED:
        _move(session, actor, order, S.TAKEN, _("changed after the read-back: read it back again"))


def _done(uow: UnitOfWork, order: PhoneOrder) -> OrderView:
    view = order_view(uow.session, order)
    uow.commit()
    return view


@retrying
def add_line(uow: UnitOfWork, actor: Actor, order_id: int, product_id: int, quantity: object = 1) -> OrderView:
    """Goods the caller wants; the same goods at list price add to their line."""
    quantity = slips.check_quantity(quantity)
    with uow:
        session = uow.session
        order = _editable(session, actor, order_id)
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_("No product with id {id}.").format(id=product_id))
        lines = _lines(session, id_of(order))
        same = line_to_add_to(lines, product_id, product.unit_price_fen)
        if same is not None:
            same.quantity = slips.check_quantity(same.quantity + quantity)
            session.add(same)
        else:
            session.add(
                OrderLine(
                    order_id=id_of(order),
                    line_no=next_line_no(lines),
                    product_id=id_of(product),
                    name=product.name,
                    brand=product.brand,
                    model=product.model,
                    spec=product.spec,
                    colour=product.colour,
                    list_price_fen=product.unit_price_fen,
                    unit_price_fen=product.unit_price_fen,
                    quantity=quantity,
                    amount_fen=line_amount_fen(quantity, product.unit_price_fen),
                    promotion=product.promotion if rule_of(product.promotion) else "",
                )
            )
        session.flush()
        _changed(session, actor, order)
        return _done(uow, order)


def _line(session: Session, order: PhoneOrder, line_no: int) -> OrderLine:
    line = session.exec(
        select(OrderLine).where(OrderLine.order_id == order.id, OrderLine.line_no == line_no)
    ).first()
    if line is None:
        raise NotFound(_("Order {number} has no line {n}.").format(number=order.number, n=line_no))
    return line


@retrying
def set_quantity(uow: UnitOfWork, actor: Actor, order_id: int, line_no: int, quantity: object) -> OrderView:
    quantity = slips.check_quantity(quantity)
    with uow:
        session = uow.session
        order = _editable(session, actor, order_id)
        line = _line(session, order, line_no)
        line.quantity = quantity
        session.add(line)
        session.flush()
        _changed(session, actor, order)
        return _done(uow, order)


@retrying
def remove_line(uow: UnitOfWork, actor: Actor, order_id: int, line_no: int) -> OrderView:
    with uow:
        session = uow.session
        order = _editable(session, actor, order_id)
        line = _line(session, order, line_no)
        session.delete(line)
        session.flush()
        # Renumbered as the counter's slip is: accepting the order writes its
        # lines onto a slip, which reads 1, 2, 3 … with no hole.
        for kept, n in renumbered([l for l in _lines(session, id_of(order)) if id_of(l) != id_of(line)]):
            kept.line_no = n
            session.add(kept)
        session.flush()
        _changed(session, actor, order)
        return _done(uow, order)


@retrying
def set_unit_price(
    uow: UnitOfWork,
    actor: Actor,
    order_id: int,
    line_no: int,
    unit_price: Decimal,
    approver: Actor | None = None,
) -> OrderView:
    """A special price for a line. Anything below the list price needs a
    manager: the actor if they are one, else `approver` (code and PIN)."""
    if unit_price <= 0:
        raise BadInput(_("A special price must be more than zero."))
    with uow:
        session = uow.session
        order = _editable(session, actor, order_id)
        line = _line(session, order, line_no)
        list_price = from_fen(line.list_price_fen)
        if unit_price > list_price:
            raise BadInput(_("A special price cannot be above the list price {price}.").format(price=fmt(list_price)))
        approved_by = None
        if unit_price != list_price:
            if actor.role == Role.MANAGER:
                approved_by = actor.id
            elif approver is None:
                raise NotPermitted(_("A special price needs a manager's approval."))
            else:
                require(approver, "approve_discount")
                approved_by = approver.id
        before = line.unit_price_fen
        line.unit_price_fen = to_fen(unit_price)
        line.price_approved_by_id = approved_by
        session.add(line)
        session.flush()
        audit.record(
            session, actor.id, "order.special_price", "phone_order_line", line.id,
            before={"unit_price_fen": before}, after={"unit_price_fen": line.unit_price_fen, "approved_by": approved_by},
        )
        _changed(session, actor, order)
        return _done(uow, order)


@retrying
def set_delivery(
    uow: UnitOfWork,
    actor: Actor,
    order_id: int,
    address: str,
    wished_date: date | None,
    notes: str = "",
    phone: str | None = None,
) -> OrderView:
    """Where and when the caller wants the goods, and anything to remember."""
    address = address.strip()
    if not address:
        raise BadInput(_("Write the delivery address."))
    if wished_date is None:
        raise BadInput(_("Write the day the customer wants the goods, e.g. {day}.").format(
            day=(now().date() + timedelta(days=2)).isoformat()))
    if wished_date < now().date():
        raise BadInput(_("The wished date {day} has passed; agree a later day with the customer.").format(
            day=wished_date.isoformat()))
    if phone is not None:
        phone = check_phone(phone)
    with uow:
        session = uow.session
        order = _editable(session, actor, order_id)
        changed = (address, wished_date, notes.strip(), phone or order.delivery_phone) != (
            order.delivery_address, order.wished_date, order.notes, order.delivery_phone)
        order.delivery_address = address
        order.wished_date = wished_date
        order.notes = notes.strip()
        if phone:
            order.delivery_phone = phone
        session.add(order)
        if changed:
            _changed(session, actor, order)
        return _done(uow, order)


def parse_day(text: str) -> date:
    """A day as typed: 2025-06-01, 6-1 (this year), +2 (in two days), or
    today / tomorrow."""
    text = text.strip().lower()
    today = now().date()
    words = {"today": 0, "tomorrow": 1, "今天": 0, "明天": 1, "后天": 2}
    try:
        if text in words:
            return today + timedelta(days=words[text])
        if text.startswith("+") and text[1:].isdigit():
            return today + timedelta(days=int(text[1:]))
        parts = [int(p) for p in text.replace("/", "-").replace(".", "-").split("-")]
        if len(parts) == 2:
            return date(today.year, parts[0], parts[1])
        if len(parts) == 3:
            return date(parts[0], parts[1], parts[2])
    except ValueError:
        pass
    raise BadInput(_("{text!r} is not a day: write 2025-06-01, 6-1, +2 or tomorrow.").format(text=text))


# Reading it back -----------------------------------------------------------


def read_back_script(order: OrderView) -> str:
    """What the tracker reads to the caller, word for word (电话确认)."""
    lines = [
        _("Order {number} for {name}; let me read it back to you:").format(
            number=order.number, name=order.customer_name
        )
    ]
    for line in order.lines:
        lines.append(
            _("{n}. {goods} {spec} {colour}: {qty} at {price} each, {amount}").format(
                n=line.line_no, goods=line.label, spec=line.spec, colour=line.colour, qty=line.quantity,
                price=fmt(line.unit_price), amount=fmt(line.amount),
            ).replace("  ", " ")
        )
    lines.append(_("Total {total}, in words {words}.").format(total=fmt(order.total), words=capitals(order.total)))
    lines.append(
        _("Delivered to {address} on {day}; we call {phone} before we come.").format(
            address=order.delivery_address or "—",
            day=order.wished_date.isoformat() if order.wished_date else "—",
            phone=order.delivery_phone,
        )
    )
    if order.notes:
        lines.append(_("Noted: {notes}.").format(notes=order.notes))
    lines.append(_("Is all of that right?"))
    return "\n".join(lines)


def _ready_to_read(order: PhoneOrder, session: Session) -> None:
    if not _lines(session, id_of(order)):
        raise InvalidState(_("Order {number} has no goods yet: add what the caller wants first.").format(
            number=order.number))
    if not order.delivery_address or order.wished_date is None:
        raise InvalidState(_("Order {number} needs the delivery address and the wished date before it is read back.")
                           .format(number=order.number))


def prepare_read_back(uow: UnitOfWork, actor: Actor, order_id: int) -> tuple[OrderView, str]:
    """The order and its read-back script, once it is complete enough to read."""
    require(actor, "take_calls")
    with uow:
        order = _load(uow.session, order_id)
        if order.status != S.TAKEN:
            raise refusal(order, S.CONFIRMED)
        _ready_to_read(order, uow.session)
        view = order_view(uow.session, order)
        return view, read_back_script(view)


@retrying
def record_read_back(
    uow: UnitOfWork, actor: Actor, order_id: int, confirmed: bool, correction: str = ""
) -> OrderView:
    """Records one reading of the script: confirmed by the customer (the order
    may go to review), or corrected (what they said; fix it and read again)."""
    require(actor, "take_calls")
    correction = correction.strip()
    if not confirmed and not correction:
        raise BadInput(_("Write what the customer corrected, then fix the order and read it again."))
    with uow:
        session = uow.session
        order = _load(session, order_id)
        if order.status != S.TAKEN:
            raise refusal(order, S.CONFIRMED)
        _ready_to_read(order, session)
        script = read_back_script(order_view(session, order))
        session.add(
            ReadBack(
                order_id=id_of(order),
                script=script,
                outcome=ReadBackOutcome.CONFIRMED if confirmed else ReadBackOutcome.CORRECTED,
                correction=correction,
                by_id=actor.id,
            )
        )
        if confirmed:
            _move(session, actor, order, S.CONFIRMED)
        else:
            audit.record(session, actor.id, "order.read_back_corrected", "phone_order", order.number,
                         after={"correction": correction})
        return _done(uow, order)


@dataclass(frozen=True)
class ReadBackView:
    at: datetime
    by: str
    outcome: ReadBackOutcome
    correction: str
    script: str


def read_backs(uow: UnitOfWork, actor: Actor, order_id: int) -> list[ReadBackView]:
    require(actor, "take_calls")
    with uow:
        names = _names(uow.session)
        rows = uow.session.exec(select(ReadBack).where(ReadBack.order_id == order_id).order_by(col(ReadBack.id)))
        return [ReadBackView(r.at, _name(names, r.by_id), ReadBackOutcome(r.outcome), r.correction, r.script)
                for r in rows]


# Review --------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewCheck:
    """订单评审: what the reviewer must see before accepting."""

    order: OrderView
    shortages: tuple[str, ...]
    prices: tuple[str, ...]
    dates: tuple[str, ...]

    @property
    def flags(self) -> tuple[str, ...]:
        return self.shortages + self.prices + self.dates

    @property
    def can_accept(self) -> bool:
        return not self.shortages


def review(uow: UnitOfWork, actor: Actor, order_id: int) -> ReviewCheck:
    """Checks stock, price and delivery date of a confirmed order."""
    require(actor, "review_orders")
    with uow:
        session = uow.session
        order = _load(session, order_id)
        shortages, prices, dates = [], [], []
        wanted: dict[int, int] = {}
        for line in _lines(session, id_of(order)):
            wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity
        for line in _lines(session, id_of(order)):
            product = referred(session.get(Product, line.product_id))
            available = product.stock_on_hand - product.reserved
            if wanted.pop(line.product_id, 0) > available:
                shortages.append(
                    _("Short: {goods} — {wanted} wanted, {available} available.").format(
                        goods=f"{line.name} {line.model}", wanted=line.quantity, available=max(available, 0))
                )
            if product.unit_price_fen != line.list_price_fen:
                prices.append(
                    _("Price: {goods} now lists at {now}, the order has {then}.").format(
                        goods=f"{line.name} {line.model}", now=fmt(from_fen(product.unit_price_fen)),
                        then=fmt(from_fen(line.list_price_fen)))
                )
            if line.unit_price_fen != line.list_price_fen:
                prices.append(
                    _("Special price: {goods} at {price} (list {list_price}), approved by {manager}.").format(
                        goods=f"{line.name} {line.model}", price=fmt(from_fen(line.unit_price_fen)),
                        list_price=fmt(from_fen(line.list_price_fen)),
                        manager=_name(_names(session), line.price_approved_by_id, "—"))
                )
        if order.wished_date is not None and order.wished_date < now().date():
            dates.append(_("Date: the wished date {day} has passed; agree a new day when scheduling.").format(
                day=order.wished_date.isoformat()))
        return ReviewCheck(order_view(session, order), tuple(shortages), tuple(prices), tuple(dates))


@retrying
def accept_order(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderView:
    """Accepts a confirmed order: writes its slip (numbered, in the cashier's
    queue) and so reserves the stock, all in one transaction."""
    require(actor, "review_orders")
    with uow:
        session = uow.session
        order = _load(session, order_id)
        _move(session, actor, order, S.ACCEPTED)
        rows = SlipRows(session)
        slip = rows.insert(
            assistant_id=order.created_by_id,
            customer_id=order.customer_id,
            total_fen=order.total_fen,
            delivery_phone=order.delivery_phone,
            delivery_address=order.delivery_address,
            delivery_date=order.wished_date,
        )
        for line in _lines(session, id_of(order)):
            rows.add_line(dict(
                slip_id=slip.id, line_no=line.line_no, product_id=line.product_id, name=line.name,
                brand=line.brand, model=line.model, spec=line.spec, colour=line.colour,
                list_price_fen=line.list_price_fen, unit_price_fen=line.unit_price_fen,
                quantity=line.quantity, promotion=line.promotion, promo_fen=line.promo_fen,
                amount_fen=line.amount_fen, discount_approved_by_id=line.price_approved_by_id,
            ))
        slips.write_in(session, actor, slip)
        order.slip_id = slip.id
        order.reviewed_by_id = actor.id
        order.reviewed_at = now()
        session.add(order)
        return _done(uow, order)


@retrying
def reject_order(uow: UnitOfWork, actor: Actor, order_id: int, reason: str) -> OrderView:
    require(actor, "review_orders")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the order is rejected; the customer will be told."))
    with uow:
        session = uow.session
        order = _load(session, order_id)
        _move(session, actor, order, S.REJECTED, reason)
        order.reason = reason
        order.reviewed_by_id = actor.id
        order.reviewed_at = now()
        session.add(order)
        return _done(uow, order)


# Fulfilment ----------------------------------------------------------------


@retrying
def start_picking(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderView:
    require(actor, "fulfil_orders")
    with uow:
        order = _load(uow.session, order_id)
        _move(uow.session, actor, order, S.PICKING)
        return _done(uow, order)


@retrying
def schedule_delivery(
    uow: UnitOfWork, actor: Actor, order_id: int, when: date, address: str, deliverer: str
) -> OrderView:
    """Sets (or moves) the delivery: the day, the address and who delivers."""
    require(actor, "fulfil_orders")
    address, deliverer = address.strip(), deliverer.strip()
    if not address:
        raise BadInput(_("A delivery needs the address."))
    if not deliverer:
        raise BadInput(_("Say who delivers (a name or the van)."))
    if when < now().date():
        raise BadInput(_("The delivery date {day} has passed.").format(day=when.isoformat()))
    with uow:
        session = uow.session
        order = _load(session, order_id)
        note = _("{day} to {address} by {deliverer}").format(day=when.isoformat(), address=address, deliverer=deliverer)
        _move(session, actor, order, S.SCHEDULED, note)
        order.delivery_date, order.delivery_address, order.deliverer = when, address, deliverer
        session.add(order)
        slip = referred(session.get(Slip, order.slip_id))
        slip.delivery_address, slip.delivery_date = address, when
        session.add(slip)
        return _done(uow, order)


@retrying
def dispatch(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderView:
    require(actor, "fulfil_orders")
    with uow:
        order = _load(uow.session, order_id)
        _move(uow.session, actor, order, S.DISPATCHED, order.deliverer)
        return _done(uow, order)


def _order_slip(session: Session, order: PhoneOrder) -> Slip:
    if order.slip_id is None:
        raise InvalidState(
            _("Order {number} is {status}: it has no slip until it is reviewed and accepted.").format(
                number=order.number, status=status_label(order.status))
        )
    return referred(session.get(Slip, order.slip_id))


def order_numbers_in(session: Session, slip_ids: Iterable[int]) -> dict[int, str]:
    """Slip id -> the number of the phone order it was written for, for the
    slips among `slip_ids` that were: the cashier's queue shows it."""
    wanted = list(slip_ids)
    if not wanted:
        return {}
    found = session.exec(select(PhoneOrder.slip_id, PhoneOrder.number).where(col(PhoneOrder.slip_id).in_(wanted))).all()
    return {slip_id: number for slip_id, number in found if slip_id is not None}


def pay_order(
    uow: UnitOfWork,
    cashier: Actor,
    order_id: int,
    tenders: list[payments.TenderIn],
    rejected: Sequence[payments.NoteRejected] = (),
) -> payments.PaymentResult:
    """Payment in advance or on delivery: the cashier takes it on the order's
    slip, by the counter's own rules (查 数 验 唱)."""
    with uow:
        order = _load(uow.session, order_id)
        slip_id = id_of(_order_slip(uow.session, order))
        if order.status not in UNDELIVERED:
            raise InvalidState(_("Order {number} is {status}: there is nothing to pay.").format(
                number=order.number, status=status_label(order.status)))
    return payments.take_payment(uow, cashier, slip_id, tenders, list(rejected))


def invoice_order(
    uow: UnitOfWork, cashier: Actor, order_id: int, details: invoices.InvoiceDetails | None = None
) -> invoices.InvoiceView:
    """The invoice for a paid order's slip; by default made out to the
    customer at the delivery address."""
    require(cashier, "issue_invoice")
    with uow:
        order = _load(uow.session, order_id)
        slip = _order_slip(uow.session, order)
        if details is None:
            customer = referred(uow.session.get(Customer, order.customer_id))
            details = invoices.InvoiceDetails(customer.name, order.delivery_address, order.delivery_phone)
    return invoices.issue_invoice(uow, cashier, id_of(slip), details)


@retrying
def deliver(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderView:
    """The goods reached the customer: they leave the stock, the slip closes,
    and a follow-up call (回访) is put in the diary."""
    require(actor, "fulfil_orders")
    with uow:
        session = uow.session
        order = _load(session, order_id)
        if order.status != S.DISPATCHED:
            raise refusal(order, S.DELIVERED)
        slip = _order_slip(session, order)
        if slip.status == SlipStatus.AWAITING_FUNDS:
            raise InvalidState(
                _("Order {number} was paid by a cheque that has not cleared; clear it before the goods are handed over.")
                .format(number=order.number))
        if slip.status != SlipStatus.PAID:
            raise InvalidState(
                _("Order {number} is not paid (slip {slip}): take the payment first, then mark it delivered.")
                .format(number=order.number, slip=slip.number))
        _move(session, actor, order, S.DELIVERED)
        handover.stock_out(session, actor, slip, list(session.exec(select(SlipLine).where(SlipLine.slip_id == slip.id))))
        slip.status = SlipStatus.CLOSED
        slip.closed_at = now()
        slip.handed_over_by_id = actor.id
        slip.delivery_phone = order.delivery_phone
        session.add(slip)
        audit.record(session, actor.id, "slip.handed_over", "slip", slip.number,
                     after={"delivery": True, "order": order.number})
        session.add(FollowUp(order_id=id_of(order), due=now().date() + timedelta(days=FOLLOW_UP_AFTER_DAYS),
                             scheduled_by_id=actor.id))
        return _done(uow, order)


@retrying
def close_order(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderView:
    require(actor, "fulfil_orders")
    with uow:
        order = _load(uow.session, order_id)
        _move(uow.session, actor, order, S.CLOSED)
        return _done(uow, order)


@retrying
def cancel_order(uow: UnitOfWork, actor: Actor, order_id: int, reason: str) -> OrderView:
    """Cancels an order at any step before delivery. Its slip, if written, is
    cancelled too and the reserved goods go back on sale."""
    require(actor, "fulfil_orders")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the order is cancelled."))
    with uow:
        session = uow.session
        order = _load(session, order_id)
        if order.status not in UNDELIVERED:
            raise refusal(order, S.CANCELLED)
        rows = SlipRows(session)
        slip = rows.get(order.slip_id) if order.slip_id is not None else None
        # A slip already cancelled at the counter has given its goods back.
        if slip is not None and slip.status != SlipStatus.CANCELLED:
            if slip.status != SlipStatus.WRITTEN:
                raise InvalidState(
                    _("Order {number} is already paid (slip {slip}): the money must be refunded as a return, "
                      "with a manager, before it can be cancelled.").format(number=order.number, slip=slip.number))
            slips.release_stock(session, actor, slip.id)
            rows.update(slip.id, status=SlipStatus.CANCELLED, cancelled_at=now(), cancel_reason=reason)
            audit.record(session, actor.id, "slip.cancelled", "slip", slip.number,
                         after={"reason": reason, "order": order.number})
        _move(session, actor, order, S.CANCELLED, reason)
        order.reason = reason
        session.add(order)
        return _done(uow, order)


# Tracking ------------------------------------------------------------------


def board(
    uow: UnitOfWork,
    actor: Actor,
    statuses: Iterable[OrderStatus] = OPEN,
    overdue_only: bool = False,
    text: str = "",
    limit: int = 500,
) -> list[OrderView]:
    """Orders by status, the ones due soonest first; `text` matches the
    number, customer, phone, address or goods."""
    require(actor, "take_calls")
    statuses = tuple(statuses)
    text = text.strip().lower()
    with uow:
        session = uow.session
        names = _names(session)
        rows = session.exec(
            select(PhoneOrder).where(col(PhoneOrder.status).in_(statuses)).order_by(col(PhoneOrder.id)).limit(limit)
        )
        views = [order_view(session, o, names) for o in rows]
    if overdue_only:
        views = [v for v in views if v.overdue]
    if text:
        views = [
            v for v in views
            if text in " ".join((v.number, v.customer_name, v.customer_phone, v.delivery_address, v.goods)).lower()
        ]
    views.sort(key=lambda v: (v.due or date.max, v.number))
    return views


def orders_in(uow: UnitOfWork, actor: Actor, *statuses: OrderStatus) -> list[OrderView]:
    """The queue for one step (review, fulfil), oldest first."""
    require(actor, "take_calls")
    with uow:
        names = _names(uow.session)
        rows = uow.session.exec(
            select(PhoneOrder).where(col(PhoneOrder.status).in_(statuses)).order_by(col(PhoneOrder.id))
        )
        return [order_view(uow.session, o, names) for o in rows]


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    what: str


def history(uow: UnitOfWork, actor: Actor, order_id: int) -> list[HistoryEntry]:
    """Everything that happened to an order, oldest first: status changes,
    read-backs, payments, invoices and follow-up calls, each with who and when."""
    require(actor, "take_calls")
    with uow:
        session = uow.session
        order = _load(session, order_id)
        names = _names(session)
        entries: list[HistoryEntry] = []
        for e in session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(col(OrderEvent.id))):
            what = status_label(e.to_status) if not e.from_status else _("{before} → {after}").format(
                before=status_label(e.from_status), after=status_label(e.to_status))
            entries.append(HistoryEntry(e.at, _name(names, e.by_id), f"{what}: {e.note}" if e.note else what))
        for r in session.exec(select(ReadBack).where(ReadBack.order_id == order.id)):
            what = (_("read back: confirmed") if r.outcome == ReadBackOutcome.CONFIRMED
                    else _("read back: corrected — {correction}").format(correction=r.correction))
            entries.append(HistoryEntry(r.at, _name(names, r.by_id), what))
        if order.slip_id:
            for p in session.exec(select(Payment).where(Payment.slip_id == order.slip_id)):
                entries.append(HistoryEntry(p.created_at, _name(names, p.cashier_id), _("paid {amount} by {tender}").format(
                    amount=fmt(from_fen(p.amount_fen)), tender=payments.tender_label(p.tender))))
            for i in session.exec(select(Invoice).where(Invoice.slip_id == order.slip_id)):
                entries.append(HistoryEntry(i.issued_at, _name(names, i.filled_by_id),
                                            _("invoice {number} issued").format(number=f"{i.number:08d}")))
        for f in session.exec(select(FollowUp).where(FollowUp.order_id == order.id)):
            entries.append(HistoryEntry(f.scheduled_at, _name(names, f.scheduled_by_id),
                                        _("follow-up call due {day}").format(day=f.due.isoformat())))
            if f.done_at:
                entries.append(HistoryEntry(f.done_at, _name(names, f.done_by_id),
                                            _("follow-up call: {feedback}").format(feedback=f.feedback)))
        entries.sort(key=lambda e: e.at)
        return entries


# Follow-up calls (回访) -----------------------------------------------------


@dataclass(frozen=True)
class FollowUpView:
    id: int
    order_id: int
    order_number: str
    customer_name: str
    phone: str
    due: date
    done_at: datetime | None
    done_by: str
    feedback: str

    @property
    def overdue(self) -> bool:
        return self.done_at is None and self.due < now().date()


def _follow_up_view(session: Session, f: FollowUp, names: dict[int, str]) -> FollowUpView:
    order = referred(session.get(PhoneOrder, f.order_id))
    customer = referred(session.get(Customer, order.customer_id))
    return FollowUpView(id_of(f), id_of(order), order.number, customer.name, order.delivery_phone or customer.phone, f.due,
                        f.done_at, _name(names, f.done_by_id), f.feedback)


@retrying
def schedule_follow_up(uow: UnitOfWork, actor: Actor, order_id: int, due: date) -> FollowUpView:
    require(actor, "take_calls")
    if due < now().date():
        raise BadInput(_("A follow-up call cannot be due in the past ({day}).").format(day=due.isoformat()))
    with uow:
        session = uow.session
        order = _load(session, order_id)
        if order.status not in (S.DELIVERED, S.CLOSED):
            raise InvalidState(_("Order {number} is {status}: follow-up calls are made after delivery.").format(
                number=order.number, status=status_label(order.status)))
        follow_up = FollowUp(order_id=id_of(order), due=due, scheduled_by_id=actor.id)
        session.add(follow_up)
        session.flush()
        view = _follow_up_view(session, follow_up, _names(session))
        uow.commit()
        return view


@retrying
def record_follow_up(uow: UnitOfWork, actor: Actor, follow_up_id: int, feedback: str) -> FollowUpView:
    """The follow-up call was made: what the customer said."""
    require(actor, "take_calls")
    feedback = feedback.strip()
    if not feedback:
        raise BadInput(_("Write what the customer said on the follow-up call."))
    with uow:
        session = uow.session
        follow_up = session.get(FollowUp, follow_up_id)
        if follow_up is None:
            raise NotFound(_("No follow-up call with id {id}.").format(id=follow_up_id))
        if follow_up.done_at is not None:
            raise InvalidState(_("That follow-up call was already made on {day}.").format(
                day=follow_up.done_at.date().isoformat()))
        follow_up.done_at = now()
        follow_up.done_by_id = actor.id
        follow_up.feedback = feedback
        session.add(follow_up)
        audit.record(session, actor.id, "order.follow_up", "follow_up", follow_up.id, after={"feedback": feedback})
        view = _follow_up_view(session, follow_up, _names(session))
        uow.commit()
        return view


def follow_ups(
    uow: UnitOfWork, actor: Actor, order_id: int | None = None, pending_only: bool = False
) -> list[FollowUpView]:
    """Follow-up calls of one order, or of all orders; the pending ones soonest first."""
    require(actor, "take_calls")
    with uow:
        session = uow.session
        query = select(FollowUp)
        if order_id is not None:
            query = query.where(FollowUp.order_id == order_id)
        if pending_only:
            query = query.where(col(FollowUp.done_at).is_(None))
        names = _names(session)
        rows = session.exec(query.order_by(col(FollowUp.due), col(FollowUp.id)))
        return [_follow_up_view(session, f, names) for f in rows]

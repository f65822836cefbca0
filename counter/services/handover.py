"""Handing over the goods (取货、打包): only against a slip stamped paid;
each line ticked as checked and packed; then carried out or delivered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput, InvalidState, NotPermitted
from counter.i18n import _
from counter.services.customers import check_phone
from counter.services.slips import SlipView, load_slip, lock_products, slip_view, status_label
from counter.store.uow import UnitOfWork, retrying
from models import PhoneOrder, Product, Slip, SlipLine, SlipStatus
from models.clock import now


@dataclass(frozen=True)
class Delivery:
    phone: str
    address: str
    when: date


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_delivery_date(text: str) -> date:
    """A delivery date as typed: YYYY-MM-DD and a real day of the calendar."""
    text = text.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(
            _("{text!r} is not a date: type the delivery day as YYYY-MM-DD, e.g. {example}.").format(
                text=text, example=(now().date() + timedelta(days=1)).isoformat()
            )
        ) from None


def _not_a_phone_order(session: Session, slip: Slip) -> None:
    """A phone order's slip may be paid at the counter, but its goods go out
    through the order's own delivery: handed over here, the order could never
    be marked delivered."""
    order = session.exec(select(PhoneOrder.number).where(PhoneOrder.slip_id == slip.id)).first()
    if order is not None:
        raise InvalidState(
            _("Slip {slip} belongs to phone order {order}: its goods go out with the order's delivery "
              "(Fulfil phone orders), not at the counter.").format(slip=slip.number, order=order)
        )


def waiting(uow: UnitOfWork, actor: Actor, limit: int = 200) -> list[SlipView]:
    """The paid slips to hand over at the counter, oldest first; a phone
    order's slip is not among them (see _not_a_phone_order)."""
    require(actor, "hand_over")
    with uow:
        for_orders = select(PhoneOrder.slip_id).where(col(PhoneOrder.slip_id).is_not(None))
        paid = uow.session.exec(
            select(Slip)
            .where(Slip.status == SlipStatus.PAID, col(Slip.id).not_in(for_orders))
            .order_by(col(Slip.written_at))
            .limit(limit)
        )
        return [slip_view(uow.session, s) for s in paid]


def _releasable(slip: Slip, override_by: Actor | None) -> None:
    if slip.status == SlipStatus.PAID:
        return
    if slip.status == SlipStatus.AWAITING_FUNDS:
        if override_by is None:
            raise NotPermitted(
                _("Slip {number} is paid by a cheque that has not cleared: goods go out only with a manager's override.").format(
                    number=slip.number
                )
            )
        require(override_by, "release_unpaid")
        return
    raise InvalidState(
        _("Slip {number} is {status}: goods are handed over only against a slip stamped paid.").format(
            number=slip.number or slip.id, status=status_label(slip.status)
        )
    )


def open_for_hand_over(uow: UnitOfWork, actor: Actor, slip_id: int, override_by: Actor | None = None) -> SlipView:
    require(actor, "hand_over")
    with uow:
        slip = load_slip(uow.session, slip_id)
        _not_a_phone_order(uow.session, slip)
        _releasable(slip, override_by)
        return slip_view(uow.session, slip)


def _serials_in(session: Session, line: SlipLine) -> None:
    """Serialised goods go out only with a serial number scanned for each unit."""
    from counter.services.serials import missing

    product = session.get(Product, line.product_id)
    assert product is not None  # a line's goods are never deleted (foreign key)
    wanted = missing(session, line, product)
    if wanted:
        raise InvalidState(
            _("Line {n} ({name}): scan the serial number of each unit first ({left} to go).").format(
                n=line.line_no, name=line.name, left=wanted)
        )


@retrying
def pack_line(uow: UnitOfWork, actor: Actor, slip_id: int, line_no: int, packed: bool = True) -> SlipView:
    """Ticks a line as checked and packed (or unticks it)."""
    require(actor, "hand_over")
    with uow:
        session = uow.session
        slip = load_slip(session, slip_id)
        if slip.status not in (SlipStatus.PAID, SlipStatus.AWAITING_FUNDS):
            raise InvalidState(_("Slip {number} is not waiting to be handed over.").format(number=slip.number))
        _not_a_phone_order(session, slip)
        line = session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id, SlipLine.line_no == line_no)).first()
        if line is None:
            raise BadInput(_("The slip has no line {n}.").format(n=line_no))
        if packed:
            _serials_in(session, line)
        line.packed = packed
        session.add(line)
        view = slip_view(session, slip)
        uow.commit()
        return view


@retrying
def hand_over(
    uow: UnitOfWork,
    actor: Actor,
    slip_id: int,
    delivery: Delivery | None = None,
    override_by: Actor | None = None,
) -> SlipView:
    """Releases the goods: stock leaves the shop, the slip closes. With a
    delivery, the phone, address and date are kept on the slip."""
    require(actor, "hand_over")
    if delivery is not None:
        if not delivery.address.strip():
            raise BadInput(_("A delivery needs the address."))
        if delivery.when < now().date():
            raise BadInput(_("The delivery date {date} has passed.").format(date=delivery.when))
        delivery = Delivery(check_phone(delivery.phone), delivery.address.strip(), delivery.when)
    with uow:
        session = uow.session
        slip = load_slip(session, slip_id)
        _not_a_phone_order(session, slip)
        _releasable(slip, override_by)
        lines = list(session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id)))
        unpacked = [l.line_no for l in lines if not l.packed]
        if unpacked:
            raise InvalidState(
                _("Tick every line as checked and packed first (lines {lines}).").format(
                    lines=", ".join(map(str, unpacked))
                )
            )
        for line in lines:
            _serials_in(session, line)
        stock_out(session, actor, slip, lines)
        if override_by is not None and slip.status == SlipStatus.AWAITING_FUNDS:
            slip.release_override_by_id = override_by.id
        slip.handed_over_by_id = actor.id
        slip.closed_at = now()
        if delivery is not None:
            slip.delivery_phone = delivery.phone
            slip.delivery_address = delivery.address
            slip.delivery_date = delivery.when
        # A cheque sale released on override stays awaiting funds until cleared.
        if slip.status == SlipStatus.PAID:
            slip.status = SlipStatus.CLOSED
        session.add(slip)
        audit.record(
            session, actor.id, "slip.handed_over", "slip", slip.number,
            after={"delivery": bool(delivery), "override_by": override_by.id if override_by else None},
        )
        view = slip_view(session, slip)
        uow.commit()
        return view


def stock_out(session: Session, actor: Actor, slip: Slip, lines: list[SlipLine]) -> None:
    """The slip's goods leave the shop: off the shelf and out of the reservation
    `write_slip` made. Shared by the counter's hand-over and phone-order delivery."""
    stock = lock_products(session, [line.product_id for line in lines])
    for line in lines:
        product = stock[line.product_id]
        before = {"on_hand": product.stock_on_hand, "reserved": product.reserved}
        product.stock_on_hand -= line.quantity
        product.reserved -= line.quantity
        session.add(product)
        audit.record(
            session, actor.id, "stock.out", "product", product.id, before=before,
            after={"on_hand": product.stock_on_hand, "reserved": product.reserved, "slip": slip.number},
        )

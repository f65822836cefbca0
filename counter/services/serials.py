"""Serial numbers of serialised goods: one scanned per unit at hand-over,
unique per product among the units out there, printed on the receipt and
the e-fapiao request, and found again for a warranty claim.

A unit that comes back in a return is marked returned, so the same unit can
be sold again; which units come back is not asked: the last ones recorded on
the line are taken to be them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput, InvalidState, NotFound
from counter.i18n import _
from counter.services.goods import product_to_change
from counter.services.slips import load_slip
from counter.store.uow import UnitOfWork, retrying
from models import Customer, Product, Slip, SlipLine, SlipStatus, UnitSerial
from models.clock import now
from models.ids import id_of

# Printable ASCII without spaces: what a Code 128 label carries.
_SERIAL = re.compile(r"^[!-~]{3,64}$")


@retrying
def set_serialised(uow: UnitOfWork, actor: Actor, sku: str, serialised: bool) -> None:
    """Marks goods as carrying a serial number per unit (a manager's call)."""
    require(actor, "manage_goods")
    with uow:
        session = uow.session
        product = product_to_change(session, sku)
        before, product.serialised = product.serialised, serialised
        session.add(product)
        audit.record(session, actor.id, "product.serialised", "product", product.id,
                     before={"serialised": before}, after={"serialised": serialised})
        uow.commit()


def check_serial(text: str) -> str:
    serial = text.strip().upper()
    if not _SERIAL.match(serial):
        raise BadInput(_("{serial!r} is not a serial number: 3 to 64 letters, digits or signs, no spaces.").format(
            serial=text.strip()))
    return serial


def _live(session: Session, product_id: int, serial: str) -> UnitSerial | None:
    return session.exec(
        select(UnitSerial).where(
            UnitSerial.product_id == product_id, UnitSerial.serial == serial, col(UnitSerial.returned_at).is_(None)
        )
    ).first()


def missing(session: Session, line: SlipLine, product: Product) -> int:
    """How many of the line's units still want a serial number."""
    if not product.serialised:
        return 0
    have = session.exec(
        select(UnitSerial.id).where(UnitSerial.slip_line_id == line.id, col(UnitSerial.returned_at).is_(None))
    ).all()
    return max(line.quantity - len(have), 0)


def _at_hand_over(session: Session, slip_id: int) -> Slip:
    """The slip, locked, while its goods wait at the counter: serials change only then."""
    slip = load_slip(session, slip_id)
    if slip.status not in (SlipStatus.PAID, SlipStatus.AWAITING_FUNDS):
        raise InvalidState(_("Slip {number} is not waiting to be handed over.").format(number=slip.number))
    return slip


@retrying
def record_serial(uow: UnitOfWork, actor: Actor, slip_id: int, text: str) -> tuple[int, str]:
    """Records a scanned serial on the first line of the slip whose goods are
    serialised and still want one; returns (line number, serial)."""
    require(actor, "hand_over")
    serial = check_serial(text)
    with uow:
        session = uow.session
        slip = _at_hand_over(session, slip_id)
        rows = session.exec(
            select(SlipLine, Product).join(Product, col(Product.id) == SlipLine.product_id)
            .where(SlipLine.slip_id == slip_id).order_by(col(SlipLine.line_no))
        ).all()
        wanting = [(line, product) for line, product in rows if missing(session, line, product)]
        if not wanting:
            raise InvalidState(_("No goods on slip {number} want a serial number now.").format(number=slip.number))
        line, product = next(((l, p) for l, p in wanting if _live(session, id_of(p), serial) is None), wanting[0])
        taken = _live(session, id_of(product), serial)
        if taken is not None:
            where = session.get(Slip, taken.slip_id)
            raise BadInput(_("Serial {serial} of {name} is already on slip {slip}.").format(
                serial=serial, name=product.name, slip=where.number if where else "?"))
        session.add(UnitSerial(product_id=id_of(product), serial=serial, slip_id=id_of(slip), slip_line_id=id_of(line),
                               recorded_by_id=actor.id))
        audit.record(session, actor.id, "serial.recorded", "slip", slip.number,
                     after={"line": line.line_no, "product": product.id, "serial": serial})
        try:
            uow.commit()
        except IntegrityError:
            # Another counter recorded the same unit a moment ago.
            raise BadInput(_("Serial {serial} of {name} was just recorded on another slip.").format(
                serial=serial, name=product.name)) from None
        return line.line_no, serial


@retrying
def remove_serial(uow: UnitOfWork, actor: Actor, slip_id: int, text: str) -> None:
    """Takes back a serial scanned by mistake, before the goods go out."""
    require(actor, "hand_over")
    serial = text.strip().upper()
    with uow:
        session = uow.session
        slip = _at_hand_over(session, slip_id)
        row = session.exec(
            select(UnitSerial).where(UnitSerial.slip_id == slip_id, UnitSerial.serial == serial,
                                     col(UnitSerial.returned_at).is_(None))
        ).first()
        if row is None:
            raise NotFound(_("Slip {number} has no serial {serial}.").format(number=slip.number, serial=serial))
        session.delete(row)
        audit.record(session, actor.id, "serial.removed", "slip", slip.number, before={"serial": serial})
        uow.commit()


def serials_in(session: Session, slip_id: int) -> dict[int, list[str]]:
    """Slip line number -> serials of the units still out, in scan order."""
    rows = session.exec(
        select(SlipLine.line_no, UnitSerial.serial)
        .join(SlipLine, col(SlipLine.id) == UnitSerial.slip_line_id)
        .where(UnitSerial.slip_id == slip_id, col(UnitSerial.returned_at).is_(None))
        .order_by(col(UnitSerial.id))
    )
    out: dict[int, list[str]] = {}
    for line_no, serial in rows:
        out.setdefault(line_no, []).append(serial)
    return out


def serials_of_slip(uow: UnitOfWork, slip_id: int) -> dict[int, list[str]]:
    with uow:
        return serials_in(uow.session, slip_id)


def wanted(uow: UnitOfWork, slip_id: int) -> dict[int, int]:
    """Slip line number -> serial numbers still to scan, for the lines that want any."""
    with uow:
        session = uow.session
        rows = session.exec(
            select(SlipLine, Product).join(Product, col(Product.id) == SlipLine.product_id)
            .where(SlipLine.slip_id == slip_id)
        ).all()
        return {line.line_no: n for line, product in rows if (n := missing(session, line, product))}


def free_returned(session: Session, slip_return_id: int, line: SlipLine, quantity: int) -> None:
    """Inside a return: the last `quantity` units recorded on the line come back."""
    rows = session.exec(
        select(UnitSerial).where(UnitSerial.slip_line_id == line.id, col(UnitSerial.returned_at).is_(None))
        .order_by(col(UnitSerial.id).desc()).limit(quantity)
    ).all()
    for row in rows:
        row.returned_at, row.return_id = now(), slip_return_id
        session.add(row)


@dataclass(frozen=True)
class WarrantyView:
    serial: str
    product: str
    model: str
    slip_number: str
    paid_at: datetime | None
    handed_over_at: datetime | None
    customer: str
    returned_at: datetime | None


def find_serial(uow: UnitOfWork, actor: Actor, text: str) -> list[WarrantyView]:
    """Units whose serial holds `text` (the whole or a part), newest first."""
    require(actor, "view_customers")
    needle = text.strip().upper()
    if len(needle) < 3:
        raise BadInput(_("Type at least 3 characters of the serial number."))
    with uow.for_reading():
        rows = uow.session.exec(
            select(UnitSerial, Product, Slip, Customer)
            .join(Product, col(Product.id) == UnitSerial.product_id)
            .join(Slip, col(Slip.id) == UnitSerial.slip_id)
            .join(Customer, col(Customer.id) == Slip.customer_id, isouter=True)
            .where(col(UnitSerial.serial).contains(needle, autoescape=True))
            .order_by(col(UnitSerial.id).desc())
            .limit(50)
        ).all()
        return [
            WarrantyView(u.serial, f"{p.brand} {p.name}".strip(), p.model, s.number or "", s.paid_at, s.closed_at,
                         c.name if c else "", u.returned_at)
            for u, p, s, c in rows
        ]

"""Customer records (客户档案): who they are, where they live, whose they are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from counter import audit
from counter.auth import Actor, may, require
from counter.errors import BadInput, NotFound
from counter.i18n import _
from counter.store.uow import UnitOfWork, retrying
from models import Customer, Staff
from models.ids import id_of

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,18}[0-9]$")


def check_phone(phone: str) -> str:
    """A phone number as typed: digits, spaces, dashes, a leading +; 7–20 long."""
    phone = phone.strip()
    if not _PHONE.match(phone):
        raise BadInput(_("{phone!r} is not a phone number: use digits, e.g. 13800138000 or 020-88880000.").format(phone=phone))
    return phone


def phone_key(phone: str) -> str:
    return re.sub(r"[^0-9]", "", phone)


def mask_phone(phone: str) -> str:
    """138****8000: for customer-facing paper."""
    digits = phone_key(phone)
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "****"


# An address as shown to a role that may not see it.
HIDDEN_ADDRESS = "****"
# A phone number inside free text (a complaint's "name and phone").
_PHONE_IN_TEXT = re.compile(r"\+?[0-9][0-9 \-]{5,18}[0-9]")


def sees_contact(actor: Actor) -> bool:
    return may(actor, "view_customer_contact")


def shown_phone(actor: Actor, phone: str) -> str:
    """A customer's phone as `actor` may see it: in full or masked."""
    return phone if not phone or sees_contact(actor) else mask_phone(phone)


def shown_address(actor: Actor, address: str) -> str:
    return address if not address.strip() or sees_contact(actor) else HIDDEN_ADDRESS


def shown_text(actor: Actor, text: str) -> str:
    """Free text with any phone number in it masked for `actor` if need be."""
    return text if sees_contact(actor) else _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    phone: str
    address: str
    assistant: str


def _view(session: Session, customer: Customer, actor: Actor) -> CustomerView:
    staff = session.get(Staff, customer.assistant_id) if customer.assistant_id else None
    return CustomerView(
        id_of(customer), customer.name, shown_phone(actor, customer.phone), shown_address(actor, customer.address),
        staff.full_name if staff else "",
    )


@retrying
def add_customer(
    uow: UnitOfWork, actor: Actor, name: str, phone: str, address: str = "", assistant_id: int | None = None
) -> CustomerView:
    require(actor, "edit_customers")
    name = name.strip()
    if not name:
        raise BadInput(_("A customer needs a name."))
    phone = check_phone(phone)
    with uow:
        customer = Customer(name=name, phone=phone, address=address.strip(), assistant_id=assistant_id or actor.id)
        uow.session.add(customer)
        uow.session.flush()
        audit.record(uow.session, actor.id, "customer.added", "customer", customer.id)
        view = _view(uow.session, customer, actor)
        uow.commit()
        return view


def find_customers(uow: UnitOfWork, actor: Actor, query: str, limit: int = 20) -> list[CustomerView]:
    """By phone (any part of the digits) or name."""
    require(actor, "view_customers")
    query = query.strip()
    if not query:
        return []
    with uow:
        digits = phone_key(query)
        conditions = [col(Customer.name).contains(query)]
        if len(digits) >= 3:
            conditions.append(col(Customer.phone).contains(digits))
        rows = uow.session.exec(select(Customer).where(or_(*conditions)).order_by(col(Customer.name)).limit(limit))
        return [_view(uow.session, c, actor) for c in rows]


def get_customer(uow: UnitOfWork, actor: Actor, customer_id: int) -> CustomerView:
    require(actor, "view_customers")
    with uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(_("No customer with id {id}.").format(id=customer_id))
        return _view(uow.session, customer, actor)

"""The call log (来电登记): every incoming call, whoever calls and whatever
comes of it. A caller is matched to a customer by phone; a new caller becomes
a customer record; a call that orders something starts a phone order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput
from counter.i18n import _
from counter.money import from_fen
from counter.services.customers import CustomerView, check_phone, phone_key
from counter.services.orders import goods_summary, new_order, status_label
from counter.services.slips import status_label as slip_status_label
from counter.store.uow import UnitOfWork, retrying
from models import Call, CallPurpose, Customer, OrderLine, PhoneOrder, Slip, SlipLine, SlipStatus, Staff
from models.clock import now
from models.ids import id_of


def purpose_label(purpose: CallPurpose | str) -> str:
    return {
        "order": _("order"),
        "enquiry": _("enquiry"),
        "complaint": _("complaint"),
        "follow_up": _("follow-up"),
        "other": _("other"),
    }[str(purpose)]


@dataclass(frozen=True)
class PastDeal:
    """One line of a returning customer's history: a slip or a phone order."""

    kind: str  # "slip" or "order"
    number: str
    at: datetime
    total: Decimal
    status: str  # already a label
    goods: str


@dataclass(frozen=True)
class CallerView:
    phone: str
    customer: CustomerView | None
    history: tuple[PastDeal, ...]
    calls_before: int

    @property
    def returning(self) -> bool:
        return self.customer is not None


@dataclass(frozen=True)
class CallView:
    id: int
    at: datetime
    phone: str
    caller_name: str
    customer_id: int | None
    purpose: CallPurpose
    outcome: str
    taken_by: str
    order_id: int | None
    order_number: str


def _customer_view(session: Session, customer: Customer) -> CustomerView:
    staff = session.get(Staff, customer.assistant_id) if customer.assistant_id else None
    return CustomerView(id_of(customer), customer.name, customer.phone, customer.address, staff.full_name if staff else "")


def customer_by_phone(session: Session, phone: str) -> Customer | None:
    """The customer whose phone has exactly these digits ("138-0013-8000" is
    13800138000); the longest-standing one if a household shares a phone."""
    key = phone_key(phone)
    if len(key) < 7:
        return None
    candidates = session.exec(
        select(Customer).where(col(Customer.phone).contains(key[-7:])).order_by(col(Customer.id))
    )
    return next((c for c in candidates if phone_key(c.phone) == key), None)


def customer_history(session: Session, customer_id: int, limit: int = 12) -> tuple[PastDeal, ...]:
    deals: list[PastDeal] = []
    slips = session.exec(
        select(Slip)
        .where(Slip.customer_id == customer_id, col(Slip.number).is_not(None))
        .order_by(col(Slip.written_at).desc())
        .limit(limit)
    )
    for slip in slips:
        lines = session.exec(select(SlipLine).where(SlipLine.slip_id == slip.id).order_by(col(SlipLine.line_no))).all()
        deals.append(
            PastDeal("slip", slip.number or "", slip.written_at or slip.created_at, from_fen(slip.total_fen),
                     slip_status_label(SlipStatus(slip.status)), goods_summary(lines))
        )
    orders = session.exec(
        select(PhoneOrder)
        .where(PhoneOrder.customer_id == customer_id)
        .order_by(col(PhoneOrder.created_at).desc())
        .limit(limit)
    )
    for order in orders:
        order_lines = session.exec(
            select(OrderLine).where(OrderLine.order_id == order.id).order_by(col(OrderLine.line_no))
        ).all()
        deals.append(
            PastDeal("order", order.number, order.created_at, from_fen(order.total_fen), status_label(order.status),
                     goods_summary(order_lines))
        )
    deals.sort(key=lambda d: d.at, reverse=True)
    return tuple(deals[:limit])


def lookup_caller(uow: UnitOfWork, actor: Actor, phone: str) -> CallerView:
    """Who is calling, as the tracker types the number: a returning customer
    with their history and the assistant they belong to, or nobody yet."""
    require(actor, "take_calls")
    with uow:
        session = uow.session
        customer = customer_by_phone(session, phone)
        if customer is None:
            return CallerView(phone.strip(), None, (), 0)
        calls = len(session.exec(select(Call.id).where(Call.customer_id == customer.id)).all())
        return CallerView(
            phone.strip(), _customer_view(session, customer), customer_history(session, id_of(customer)), calls
        )


@retrying
def log_call(
    uow: UnitOfWork,
    actor: Actor,
    phone: str,
    caller_name: str,
    purpose: CallPurpose | str,
    outcome: str = "",
    address: str = "",
) -> CallView:
    """Logs a call. An order call also starts a phone order for the caller,
    in the same transaction; any other call needs its outcome written down."""
    require(actor, "take_calls")
    phone = check_phone(phone)
    caller_name = caller_name.strip()
    outcome = outcome.strip()
    try:
        purpose = CallPurpose(purpose)
    except ValueError:
        raise BadInput(_("Choose what the call is about.")) from None
    if purpose != CallPurpose.ORDER and not outcome:
        raise BadInput(_("Write down what came of the call (its outcome) before logging it."))
    with uow:
        session = uow.session
        customer = customer_by_phone(session, phone)
        if customer is None:
            if not caller_name:
                raise BadInput(_("A new caller: ask their name, so they become a customer record."))
            customer = Customer(name=caller_name, phone=phone, address=address.strip(), assistant_id=actor.id)
            session.add(customer)
            session.flush()
            audit.record(session, actor.id, "customer.added", "customer", customer.id, after={"by": "call"})
        elif address.strip() and not customer.address:
            customer.address = address.strip()
            session.add(customer)
        call = Call(
            phone=phone,
            caller_name=caller_name or customer.name,
            customer_id=customer.id,
            purpose=purpose,
            outcome=outcome,
            taken_by_id=actor.id,
        )
        session.add(call)
        session.flush()
        if purpose == CallPurpose.ORDER:
            order = new_order(session, actor, customer, call)
            call.order_id = order.id
            session.add(call)
        view = _call_view(session, call)
        uow.commit()
        return view


def _call_view(session: Session, call: Call) -> CallView:
    staff = session.get(Staff, call.taken_by_id)
    order = session.get(PhoneOrder, call.order_id) if call.order_id else None
    # An order call's outcome is the order itself: said in the reader's
    # language when shown, never stored in the one it was taken in.
    outcome = call.outcome or (_("order {number} taken").format(number=order.number) if order else "")
    return CallView(
        id_of(call), call.at, call.phone, call.caller_name, call.customer_id, CallPurpose(call.purpose), outcome,
        staff.full_name if staff else "", call.order_id, order.number if order else "",
    )


def recent_calls(uow: UnitOfWork, actor: Actor, days: int = 1, limit: int = 200) -> list[CallView]:
    """Calls since the start of the day `days - 1` days ago, newest first."""
    require(actor, "take_calls")
    since = datetime.combine(now().date() - timedelta(days=days - 1), datetime.min.time())
    with uow:
        rows = uow.session.exec(
            select(Call).where(Call.at >= since).order_by(col(Call.at).desc(), col(Call.id).desc()).limit(limit)
        )
        return [_call_view(uow.session, c) for c in rows]


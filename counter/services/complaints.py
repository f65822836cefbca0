"""Complaints (顾客异议处理单): logged at the counter or from a call, linked
to the customer, slip or phone order, assigned to someone, followed up with
dated notes, and closed with an outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, may, require
from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.i18n import _
from counter.services.customers import shown_text
from counter.services.slips import find_slip
from counter.store.sequences import bump
from counter.store.uow import UnitOfWork, retrying
from models import Channel, Complaint, ComplaintNote, ComplaintStatus, Customer, Slip, Staff
from models.clock import now
from models.ids import id_of


@dataclass(frozen=True)
class NoteView:
    at: datetime
    by: str
    text: str


@dataclass(frozen=True)
class ComplaintView:
    id: int
    number: str
    channel: Channel
    status: ComplaintStatus
    summary: str
    contact: str
    customer_id: int | None
    customer_name: str
    slip_number: str
    phone_order_id: int | None
    logged_by: str
    logged_at: datetime
    assigned_to: str
    assigned_to_code: str
    notes: tuple[NoteView, ...]
    outcome: str
    closed_by: str
    closed_at: datetime | None


def channel_label(channel: Channel | str) -> str:
    return {"counter": _("at the counter"), "phone": _("by phone")}[str(channel)]


def status_label(status: ComplaintStatus | str) -> str:
    return {"open": _("open"), "closed": _("closed")}[str(status)]


def _staff(session: Session, staff_id: int | None) -> Staff | None:
    return session.get(Staff, staff_id) if staff_id else None


def _view(session: Session, c: Complaint, actor: Actor) -> ComplaintView:
    customer = session.get(Customer, c.customer_id) if c.customer_id else None
    slip = session.get(Slip, c.slip_id) if c.slip_id else None
    assignee = _staff(session, c.assigned_to_id)
    notes = session.exec(
        select(ComplaintNote, Staff.full_name)
        .join(Staff, col(Staff.id) == ComplaintNote.by_id)
        .where(ComplaintNote.complaint_id == c.id)
        .order_by(col(ComplaintNote.at), col(ComplaintNote.id))
    )
    logged_by = _staff(session, c.logged_by_id)
    closed_by = _staff(session, c.closed_by_id)
    return ComplaintView(
        id=id_of(c),
        number=c.number,
        channel=Channel(c.channel),
        status=ComplaintStatus(c.status),
        summary=c.summary,
        contact=shown_text(actor, c.contact),
        customer_id=c.customer_id,
        customer_name=customer.name if customer else "",
        slip_number=(slip.number or "") if slip else "",
        phone_order_id=c.phone_order_id,
        logged_by=logged_by.full_name if logged_by else "",
        logged_at=c.logged_at,
        assigned_to=assignee.full_name if assignee else "",
        assigned_to_code=assignee.code if assignee else "",
        notes=tuple(NoteView(n.at, name, n.text) for n, name in notes),
        outcome=c.outcome,
        closed_by=closed_by.full_name if closed_by else "",
        closed_at=c.closed_at,
    )


def _load(session: Session, complaint_id: int) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound(_("No complaint with id {id}.").format(id=complaint_id))
    return complaint


def _staff_by_code(session: Session, code: str) -> Staff:
    staff = session.exec(select(Staff).where(Staff.code == code.strip().upper())).first()
    if staff is None or not staff.active:
        raise NotFound(_("No staff member with code {code}.").format(code=code.strip() or "—"))
    return staff


def _open(complaint: Complaint) -> None:
    if complaint.status != ComplaintStatus.OPEN:
        raise InvalidState(_("Complaint {number} is closed.").format(number=complaint.number))


def _handler(actor: Actor, complaint: Complaint) -> None:
    """Follow-ups and the outcome come from the person it is assigned to, or a manager."""
    require(actor, "log_complaint")
    if complaint.assigned_to_id not in (None, actor.id) and not may(actor, "assign_complaint"):
        raise NotPermitted(
            _("Complaint {number} is assigned to someone else: they or a manager follow it up.").format(
                number=complaint.number
            )
        )


def phone_order_id_of(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise BadInput(_("A phone order number is digits only; got {text!r}.").format(text=text))
    return int(text)


@retrying
def log_complaint(
    uow: UnitOfWork,
    actor: Actor,
    summary: str,
    channel: Channel,
    contact: str = "",
    customer_id: int | None = None,
    slip_number: str = "",
    phone_order_id: int | None = None,
) -> ComplaintView:
    require(actor, "log_complaint")
    summary = summary.strip()
    if not summary:
        raise BadInput(_("Write down what the customer complains about."))
    contact = contact.strip()
    if not contact and customer_id is None:
        raise BadInput(_("Note who complains: a customer, or a name and phone."))
    with uow:
        session = uow.session
        if customer_id is not None and session.get(Customer, customer_id) is None:
            raise NotFound(_("No customer with id {id}.").format(id=customer_id))
        slip = find_slip(session, slip_number) if slip_number.strip() else None
        complaint = Complaint(
            number=f"K{bump(session, 'complaint'):06d}",
            channel=Channel(channel),
            summary=summary,
            contact=contact,
            customer_id=customer_id,
            slip_id=slip.id if slip else None,
            phone_order_id=phone_order_id,
            logged_by_id=actor.id,
            logged_at=now(),
        )
        session.add(complaint)
        session.flush()
        audit.record(
            session, actor.id, "complaint.logged", "complaint", complaint.number,
            after={"channel": str(channel), "customer": customer_id, "slip": slip.number if slip else None,
                   "phone_order": phone_order_id},
        )
        view = _view(session, complaint, actor)
        uow.commit()
        return view


@retrying
def assign_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, staff_code: str) -> ComplaintView:
    require(actor, "assign_complaint")
    with uow:
        session = uow.session
        complaint = _load(session, complaint_id)
        _open(complaint)
        staff = _staff_by_code(session, staff_code)
        before = complaint.assigned_to_id
        complaint.assigned_to_id = staff.id
        session.add(complaint)
        audit.record(
            session, actor.id, "complaint.assigned", "complaint", complaint.number,
            before={"assigned_to": before}, after={"assigned_to": staff.id},
        )
        view = _view(session, complaint, actor)
        uow.commit()
        return view


@retrying
def follow_up(uow: UnitOfWork, actor: Actor, complaint_id: int, text: str) -> ComplaintView:
    """跟进: a dated note of what was done or said."""
    text = text.strip()
    if not text:
        raise BadInput(_("Write what was done or said."))
    with uow:
        session = uow.session
        complaint = _load(session, complaint_id)
        _handler(actor, complaint)
        _open(complaint)
        session.add(ComplaintNote(complaint_id=id_of(complaint), text=text, by_id=actor.id, at=now()))
        audit.record(session, actor.id, "complaint.followed_up", "complaint", complaint.number, after={"note": text})
        session.flush()
        view = _view(session, complaint, actor)
        uow.commit()
        return view


@retrying
def close_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, outcome: str) -> ComplaintView:
    outcome = outcome.strip()
    if not outcome:
        raise BadInput(_("Write the outcome: what was agreed with the customer."))
    with uow:
        session = uow.session
        complaint = _load(session, complaint_id)
        _handler(actor, complaint)
        _open(complaint)
        complaint.status = ComplaintStatus.CLOSED
        complaint.outcome = outcome
        complaint.closed_by_id = actor.id
        complaint.closed_at = now()
        session.add(complaint)
        audit.record(session, actor.id, "complaint.closed", "complaint", complaint.number, after={"outcome": outcome})
        view = _view(session, complaint, actor)
        uow.commit()
        return view


def complaints(uow: UnitOfWork, actor: Actor, status: ComplaintStatus | None = None, limit: int = 200) -> list[ComplaintView]:
    """Newest first; open ones only, closed ones only, or all."""
    require(actor, "log_complaint")
    with uow:
        query = select(Complaint).order_by(col(Complaint.id).desc()).limit(limit)
        if status is not None:
            query = query.where(Complaint.status == status)
        return [_view(uow.session, c, actor) for c in uow.session.exec(query)]


def get_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int) -> ComplaintView:
    require(actor, "log_complaint")
    with uow:
        return _view(uow.session, _load(uow.session, complaint_id), actor)

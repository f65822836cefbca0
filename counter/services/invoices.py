"""Issuing the invoice (开发票): only for a paid slip, numbers unique and
gapless, never edited — a wrong one is voided (废), kept, and replaced."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.domain.refunds import kept_fen
from counter.errors import BadInput, InvalidState, NotFound
from counter.i18n import _
from counter.money import from_fen, to_fen
from counter.services.customers import check_phone
from counter.services.slips import LineView, load_slip, slip_view, status_label
from counter.store.sequences import bump
from counter.store.uow import UnitOfWork, retrying
from models import Invoice, InvoiceStatus, ReturnLine, Slip, SlipLine, SlipReturn, SlipStatus, Staff
from models.clock import now
from models.ids import id_of

PAID_STATES = (SlipStatus.PAID, SlipStatus.CLOSED)


@dataclass(frozen=True)
class InvoiceDetails:
    """What the customer asks to be written on the invoice."""

    customer_name: str
    customer_address: str
    customer_phone: str


@dataclass(frozen=True)
class InvoiceView:
    id: int
    number: int
    status: InvoiceStatus
    slip_number: str
    customer_name: str
    customer_address: str
    customer_phone: str
    issued_at: datetime
    sale_date: date
    reissued_late: bool
    remarks: str
    lines: tuple[LineView, ...]
    total: Decimal
    filled_by: str
    cashier: str
    replaces_number: int | None
    void_reason: str
    voided_by: str

    @property
    def number_text(self) -> str:
        return f"{self.number:08d}"


def _name(session: Session, staff_id: int | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id else None
    return staff.full_name if staff else ""


def kept_lines(session: Session, slip: Slip, invoice_number: int | None = None) -> tuple[LineView, ...]:
    """The slip's lines less the goods returned before invoice `invoice_number`
    was issued (before now, when None): what that invoice bills. An invoice
    replacing one voided by a return bills only the goods the customer kept."""
    query = (
        select(SlipLine.line_no, ReturnLine.quantity)
        .join(ReturnLine, col(ReturnLine.slip_line_id) == SlipLine.id)
        .join(SlipReturn, col(SlipReturn.id) == ReturnLine.return_id)
        .where(SlipReturn.slip_id == slip.id)
    )
    if invoice_number is not None:
        query = query.where(SlipReturn.invoice_seq < invoice_number)
    returned: dict[int, int] = {}
    for line_no, quantity in session.exec(query):
        returned[line_no] = returned.get(line_no, 0) + quantity
    kept = []
    for line in slip_view(session, slip).lines:
        back = returned.get(line.line_no, 0)
        if line.quantity > back:
            quantity, amount_fen = line.quantity - back, kept_fen(to_fen(line.amount), line.quantity, back)
            promo = from_fen(quantity * line.unit_price_fen - amount_fen)
            kept.append(replace(line, quantity=quantity, amount=from_fen(amount_fen), promo=promo))
    return tuple(kept)


def invoice_view(session: Session, invoice: Invoice) -> InvoiceView:
    slip = session.get(Slip, invoice.slip_id)
    assert slip is not None  # an invoice's slip is never deleted (foreign key)
    replaces = session.get(Invoice, invoice.replaces_id) if invoice.replaces_id else None
    return InvoiceView(
        id=id_of(invoice),
        number=invoice.number,
        status=InvoiceStatus(invoice.status),
        slip_number=slip.number or "",
        customer_name=invoice.customer_name,
        customer_address=invoice.customer_address,
        customer_phone=invoice.customer_phone,
        issued_at=invoice.issued_at,
        sale_date=invoice.sale_date,
        reissued_late=invoice.reissued_late,
        remarks=invoice.remarks,
        lines=kept_lines(session, slip, invoice.number),
        total=from_fen(invoice.total_fen),
        filled_by=_name(session, invoice.filled_by_id),
        cashier=_name(session, invoice.cashier_id),
        replaces_number=replaces.number if replaces else None,
        void_reason=invoice.void_reason,
        voided_by=_name(session, invoice.voided_by_id),
    )


def check_details(details: InvoiceDetails) -> InvoiceDetails:
    name = details.customer_name.strip()
    address = details.customer_address.strip()
    if len(name) < 2:
        raise BadInput(_("Write the customer's full name on the invoice."))
    if not address:
        raise BadInput(_("Write the customer's address on the invoice."))
    return InvoiceDetails(name, address, check_phone(details.customer_phone))


@retrying
def issue_invoice(uow: UnitOfWork, actor: Actor, slip_id: int, details: InvoiceDetails) -> InvoiceView:
    """Issues the next invoice number for a paid slip. If the slip's last
    invoice was voided, the new one says which number it replaces."""
    require(actor, "issue_invoice")
    details = check_details(details)
    with uow:
        session = uow.session
        invoice = issue_in_session(session, actor, load_slip(session, slip_id), details)
        view = invoice_view(session, invoice)
        uow.commit()
        return view


def issue_in_session(
    session: Session, actor: Actor, slip: Slip, details: InvoiceDetails, remarks: tuple[str, ...] = ()
) -> Invoice:
    """The invoice rules inside the caller's transaction (a return voids and
    reissues in the same one). It bills the goods the customer still has."""
    require(actor, "issue_invoice")
    if slip.status not in PAID_STATES:
        raise InvalidState(
            _("Slip {number} is {status}: an invoice is issued only for a paid slip.").format(
                number=slip.number or slip.id, status=status_label(slip.status)
            )
        )
    previous = session.exec(
        select(Invoice).where(Invoice.slip_id == slip.id).order_by(col(Invoice.number).desc())
    ).first()
    if previous is not None and previous.status == InvoiceStatus.ISSUED:
        raise InvalidState(
            _("Slip {slip} already has invoice {number}; void it first to issue a new one.").format(
                slip=slip.number, number=f"{previous.number:08d}"
            )
        )
    total_fen = sum(to_fen(line.amount) for line in kept_lines(session, slip))
    if total_fen == 0:
        raise InvalidState(
            _("Every line of slip {number} was returned: there is nothing left to invoice.").format(number=slip.number)
        )
    issued_at = now()
    assert slip.paid_at is not None and slip.cashier_id is not None  # checked paid above
    sale_date = slip.paid_at.date()
    late = issued_at.date() > sale_date
    notes = []
    if late:
        notes.append(f"补开 (销售日期 {sale_date:%Y-%m-%d})")
    if previous is not None:
        notes.append(f"代替作废发票 {previous.number:08d}")
    notes.extend(remarks)
    invoice = Invoice(
        number=bump(session, "invoice"),
        slip_id=id_of(slip),
        customer_name=details.customer_name,
        customer_address=details.customer_address,
        customer_phone=details.customer_phone,
        issued_at=issued_at,
        sale_date=sale_date,
        reissued_late=late,
        remarks="; ".join(notes),
        total_fen=total_fen,
        filled_by_id=actor.id,
        cashier_id=slip.cashier_id,
        replaces_id=previous.id if previous else None,
    )
    session.add(invoice)
    session.flush()
    audit.record(
        session,
        actor.id,
        "invoice.issued",
        "invoice",
        invoice.number,
        after={"slip": slip.number, "total_fen": invoice.total_fen, "replaces": previous.number if previous else None},
    )
    return invoice


@retrying
def void_invoice(uow: UnitOfWork, manager: Actor, invoice_id: int, reason: str) -> InvoiceView:
    """Marks an invoice 废 (VOID). It keeps its number and stays on file."""
    require(manager, "void_invoice")
    with uow:
        session = uow.session
        # Locked, so two managers voiding it at once do it once.
        invoice = session.get(Invoice, invoice_id, with_for_update=True, populate_existing=True)
        if invoice is None:
            raise NotFound(_("No invoice with id {id}.").format(id=invoice_id))
        void_in_session(session, manager, invoice, reason)
        view = invoice_view(session, invoice)
        uow.commit()
        return view


def void_in_session(session: Session, manager: Actor, invoice: Invoice, reason: str) -> None:
    """The void rules inside the caller's transaction."""
    require(manager, "void_invoice")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the invoice is void."))
    if invoice.status == InvoiceStatus.VOID:
        raise InvalidState(_("Invoice {number} is already void.").format(number=f"{invoice.number:08d}"))
    invoice.status = InvoiceStatus.VOID
    invoice.void_reason = reason
    invoice.voided_by_id = manager.id
    invoice.voided_at = now()
    session.add(invoice)
    audit.record(session, manager.id, "invoice.voided", "invoice", invoice.number, after={"reason": reason})


def invoices_of_slip(uow: UnitOfWork, slip_id: int) -> list[InvoiceView]:
    with uow:
        rows = uow.session.exec(select(Invoice).where(Invoice.slip_id == slip_id).order_by(col(Invoice.number)))
        return [invoice_view(uow.session, i) for i in rows]


def get_invoice(uow: UnitOfWork, number: int) -> InvoiceView:
    with uow:
        invoice = uow.session.exec(select(Invoice).where(Invoice.number == number)).first()
        if invoice is None:
            raise NotFound(_("No invoice numbered {number}.").format(number=number))
        return invoice_view(uow.session, invoice)


def parse_invoice_number(text: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise BadInput(_("An invoice number is digits only, e.g. 00000012."))
    return int(text)

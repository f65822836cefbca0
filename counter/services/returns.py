"""Returns (退货): goods come back against the slip they were sold on.

A return names the lines and quantities (never more than was sold, less what
earlier returns took back), a reason and the manager who approved it. Goods
go back on the shelf or, when damaged, are written off. The money goes back
through a tender — to the account, for goods bought on account. If the slip
has an invoice, it is voided (作废, keeping its number) and, when the customer
keeps some of the goods, a new invoice for those is issued at once with the
next number: the paper shop's 红冲 and reissue, with no gap in the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, may, require
from counter.domain.refunds import refund_fen, returnable
from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.i18n import _
from counter.money import from_fen, to_fen
from counter.printing import DocKind, Document
from counter.services import accounts, fapiao, invoices, serials, shifts
from counter.services.slips import (
    SlipView,
    check_quantity,
    find_slip,
    load_slip,
    lock_products,
    slip_view,
    status_label,
)
from counter.store.sequences import bump, peek
from counter.store.uow import UnitOfWork, retrying
from models import (
    CashMovementKind,
    Disposition,
    Invoice,
    InvoiceStatus,
    Payment,
    Product,
    Refund,
    ReturnLine,
    Slip,
    SlipLine,
    SlipReturn,
    SlipStatus,
    Staff,
    Tender,
)
from models.clock import now
from models.ids import id_of

# Money goes back as it came in; a cheque is never written out at the counter.
REFUND_TENDERS = (Tender.CASH, Tender.CARD, Tender.MOBILE, Tender.ACCOUNT)


@dataclass(frozen=True)
class ReturnLineIn:
    line_no: int
    quantity: int
    write_off: bool = False  # damaged: not put back on sale


@dataclass(frozen=True)
class RefundIn:
    tender: Tender
    reference: str = ""  # card slip or WeChat/Alipay refund number


@dataclass(frozen=True)
class ReturnableLine:
    line_no: int
    name: str
    brand: str
    model: str
    colour: str
    unit_price: Decimal
    sold: int
    returned: int
    amount: Decimal  # what the whole line paid, after its promotion

    @property
    def returnable(self) -> int:
        return returnable(self.sold, self.returned)

    def refund(self, back: int) -> Decimal:
        """What `back` more units coming back refund."""
        return from_fen(refund_fen(to_fen(self.amount), self.sold, self.returned, back))


@dataclass(frozen=True)
class ReturnableSlip:
    slip: SlipView
    lines: tuple[ReturnableLine, ...]
    tenders: tuple[Tender, ...]
    invoice_number: int | None  # the slip's issued invoice, if any

    @property
    def on_account(self) -> bool:
        return Tender.ACCOUNT in self.tenders


@dataclass(frozen=True)
class ReturnedLine:
    line_no: int
    name: str
    model: str
    quantity: int
    amount: Decimal
    disposition: Disposition


@dataclass(frozen=True)
class ReturnView:
    id: int
    number: str
    slip_number: str
    at: datetime
    reason: str
    taken_by: str
    approved_by: str
    lines: tuple[ReturnedLine, ...]
    refund: Decimal
    tender: Tender
    reference: str
    voided_invoice: int | None
    replacement_invoice: int | None

    @property
    def documents(self) -> list[Document]:
        """The refund slip the customer signs and keeps, and the replacement
        invoice a partial return issues at once (the voided one keeps its
        number and is reprinted marked 作废)."""
        docs = [Document(DocKind.REFUND, self.number)]
        if self.voided_invoice:
            docs.append(Document(DocKind.INVOICE, f"{self.voided_invoice:08d}"))
        if self.replacement_invoice:
            docs.append(Document(DocKind.INVOICE, f"{self.replacement_invoice:08d}"))
        return docs


def _name(session: Session, staff_id: int | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id else None
    return staff.full_name if staff else ""


def _returned(session: Session, slip_id: int) -> dict[int, int]:
    """Slip line id -> quantity already returned."""
    rows = session.exec(
        select(ReturnLine.slip_line_id, func.sum(ReturnLine.quantity))
        .join(SlipReturn, col(SlipReturn.id) == ReturnLine.return_id)
        .where(SlipReturn.slip_id == slip_id)
        .group_by(col(ReturnLine.slip_line_id))
    )
    return {line_id: int(quantity) for line_id, quantity in rows}


def _lines(session: Session, slip_id: int) -> list[SlipLine]:
    return list(session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id).order_by(col(SlipLine.line_no))))


def _tenders(session: Session, slip_id: int) -> tuple[Tender, ...]:
    return tuple(Tender(t) for t in session.exec(select(Payment.tender).where(Payment.slip_id == slip_id)))


def _issued_invoice(session: Session, slip_id: int) -> Invoice | None:
    return session.exec(
        select(Invoice).where(Invoice.slip_id == slip_id, Invoice.status == InvoiceStatus.ISSUED)
    ).first()


def _returnable_slip(session: Session, slip: Slip) -> None:
    if slip.status == SlipStatus.CLOSED:
        if Tender.SUBSIDY in _tenders(session, id_of(slip)):
            # The refund would owe the programme its part: that goes through its own claim.
            raise InvalidState(_("Slip {number} was sold with a trade-in subsidy: its return goes through the "
                                 "subsidy programme (withdraw the claim first), not the counter.").format(number=slip.number))
        return
    if slip.status == SlipStatus.PAID:
        raise InvalidState(
            _("The goods on slip {number} have not been handed over yet: hand them over first, then take the return.").format(
                number=slip.number
            )
        )
    raise InvalidState(
        _("Slip {number} is {status}: only a paid slip whose goods were handed over can take a return.").format(
            number=slip.number or slip.id, status=status_label(slip.status)
        )
    )


def open_for_return(uow: UnitOfWork, actor: Actor, number: str) -> ReturnableSlip:
    """The original slip by number, with what each line may still return."""
    require(actor, "take_return")
    with uow:
        session = uow.session
        slip = find_slip(session, number)
        _returnable_slip(session, slip)
        returned = _returned(session, id_of(slip))
        lines = tuple(
            ReturnableLine(
                l.line_no, l.name, l.brand, l.model, l.colour, from_fen(l.unit_price_fen), l.quantity,
                returned.get(id_of(l), 0), from_fen(l.amount_fen),
            )
            for l in _lines(session, id_of(slip))
        )
        invoice = _issued_invoice(session, id_of(slip))
        return ReturnableSlip(
            slip_view(session, slip, actor=actor), lines, _tenders(session, id_of(slip)), invoice.number if invoice else None
        )


def _check_refund(session: Session, slip: Slip, refund: RefundIn) -> RefundIn:
    if refund.tender not in REFUND_TENDERS:
        raise BadInput(_("A refund is paid in cash, to a bank card, by mobile payment or to the customer's account."))
    on_account = Tender.ACCOUNT in _tenders(session, id_of(slip))
    if on_account and refund.tender != Tender.ACCOUNT:
        raise BadInput(_("Slip {number} was bought on account: the refund goes back to the account.").format(
            number=slip.number))
    if not on_account and refund.tender == Tender.ACCOUNT:
        raise BadInput(_("Slip {number} was not bought on account: refund in cash, to a card or by mobile.").format(
            number=slip.number))
    reference = refund.reference.strip()
    if refund.tender == Tender.MOBILE and not reference:
        raise BadInput(_("A mobile refund needs its reference number."))
    return RefundIn(refund.tender, reference)


def pay_refund(
    session: Session, actor: Actor, approver: Actor, slip: Slip, slip_return: SlipReturn, refund: RefundIn
) -> Refund:
    """The money side of a return, in one place: a Refund row and its audit
    event; for goods bought on account, a credit on the account; for cash,
    the cash out of the cashier's open drawer (refused without an open shift
    or when the drawer holds less), all in the return's transaction.

    The Refund row is what the daily report counts as refunded (every tender,
    tied to its return); the drawer's CashMovement only makes the shift's
    expected cash drop, so a cash refund is counted once in each."""
    amount = from_fen(slip_return.refund_fen)
    if refund.tender == Tender.CASH:
        shifts.cash_out(
            session, actor, CashMovementKind.REFUND, amount, f"退货 {slip_return.number}: {slip_return.reason}",
            approver, slip_id=slip.id, reference=slip_return.number, at=slip_return.at,
        )
    row = Refund(
        slip_id=id_of(slip),
        return_id=id_of(slip_return),
        tender=refund.tender,
        amount_fen=slip_return.refund_fen,
        reference=refund.reference,
        by_id=actor.id,
        approved_by_id=approver.id,
        at=slip_return.at,
    )
    session.add(row)
    if refund.tender == Tender.ACCOUNT:
        accounts.credit_return(session, actor, slip, amount)
    audit.record(
        session, actor.id, "refund.paid", "slip", slip.number,
        after={"return": slip_return.number, "tender": str(refund.tender), "amount_fen": row.amount_fen,
               "approved_by": approver.id},
    )
    return row


def _approver(actor: Actor, approver: Actor | None) -> Actor:
    if approver is None and may(actor, "approve_return"):
        approver = actor
    if approver is None:
        raise NotPermitted(_("A return needs a manager's approval: ask a manager for their code and PIN."))
    require(approver, "approve_return")
    return approver


@retrying
def take_return(
    uow: UnitOfWork,
    actor: Actor,
    slip_id: int,
    lines: list[ReturnLineIn],
    reason: str,
    refund: RefundIn,
    approver: Actor | None = None,
) -> ReturnView:
    """Takes goods back against a handed-over slip, refunds them and puts the
    invoice right, all in one transaction."""
    require(actor, "take_return")
    approver = _approver(actor, approver)
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the goods come back."))
    if not lines:
        raise BadInput(_("Choose at least one line to return."))
    if len({l.line_no for l in lines}) != len(lines):
        raise BadInput(_("Each line of the slip is listed once in a return."))
    wanted = [(l, check_quantity(l.quantity)) for l in lines]
    with uow:
        session = uow.session
        slip = load_slip(session, slip_id)
        _returnable_slip(session, slip)
        refund = _check_refund(session, slip, refund)
        by_no = {l.line_no: l for l in _lines(session, id_of(slip))}
        returned = _returned(session, id_of(slip))
        # The goods first, all in one statement, then the return's number (lock_order).
        stock = lock_products(session, [by_no[l.line_no].product_id for l, _q in wanted if l.line_no in by_no])
        at = now()
        slip_return = SlipReturn(
            number=f"R{bump(session, 'return'):06d}",
            slip_id=id_of(slip),
            reason=reason,
            taken_by_id=actor.id,
            approved_by_id=approver.id,
            at=at,
            refund_fen=0,
            invoice_seq=peek(session, "invoice"),
        )
        session.add(slip_return)
        session.flush()
        for line_in, quantity in wanted:
            line = by_no.get(line_in.line_no)
            if line is None:
                raise NotFound(_("Slip {number} has no line {n}.").format(number=slip.number, n=line_in.line_no))
            left = returnable(line.quantity, returned.get(id_of(line), 0))
            if quantity > left:
                raise BadInput(
                    _("Line {n} ({name}): {sold} sold, {returned} already returned; at most {left} can come back.").format(
                        n=line.line_no, name=line.name, sold=line.quantity, returned=returned.get(id_of(line), 0), left=left
                    )
                )
            amount_fen = refund_fen(line.amount_fen, line.quantity, returned.get(id_of(line), 0), quantity)
            disposition = Disposition.WRITE_OFF if line_in.write_off else Disposition.RESTOCK
            session.add(
                ReturnLine(
                    return_id=id_of(slip_return), slip_line_id=id_of(line), product_id=line.product_id, quantity=quantity,
                    amount_fen=amount_fen, disposition=disposition,
                )
            )
            slip_return.refund_fen += amount_fen
            serials.free_returned(session, id_of(slip_return), line, quantity)
            _stock_back(session, actor, stock[line.product_id], quantity, disposition, slip_return.number)
        session.add(slip_return)
        session.flush()
        pay_refund(session, actor, approver, slip, slip_return, refund)
        _put_invoice_right(session, actor, approver, slip, slip_return)
        fapiao.after_return(session, actor, slip, slip_return)
        audit.record(
            session, actor.id, "slip.returned", "slip", slip.number,
            after={
                "return": slip_return.number,
                "reason": reason,
                "lines": [(l.line_no, q, "write_off" if l.write_off else "restock") for l, q in wanted],
                "refund_fen": slip_return.refund_fen,
                "approved_by": approver.id,
            },
        )
        view = _view(session, slip_return)
        uow.commit()
        return view


def _stock_back(
    session: Session, actor: Actor, product: Product, quantity: int, disposition: Disposition, number: str
) -> None:
    if disposition == Disposition.RESTOCK:
        before = product.stock_on_hand
        product.stock_on_hand += quantity
        session.add(product)
        audit.record(
            session, actor.id, "stock.returned", "product", product.id,
            before={"on_hand": before}, after={"on_hand": product.stock_on_hand, "return": number},
        )
    else:
        # Damaged goods stay off the shelf; the event is the write-off's record.
        audit.record(
            session, actor.id, "stock.written_off", "product", product.id,
            after={"quantity": quantity, "on_hand": product.stock_on_hand, "return": number},
        )


def _put_invoice_right(session: Session, actor: Actor, approver: Actor, slip: Slip, slip_return: SlipReturn) -> None:
    invoice = _issued_invoice(session, id_of(slip))
    if invoice is None:
        return
    invoices.void_in_session(session, approver, invoice, f"退货 {slip_return.number}: {slip_return.reason}")
    slip_return.voided_invoice_id = invoice.id
    if invoices.kept_lines(session, slip):
        details = invoices.InvoiceDetails(invoice.customer_name, invoice.customer_address, invoice.customer_phone)
        issuer = actor if may(actor, "issue_invoice") else approver
        replacement = invoices.issue_in_session(session, issuer, slip, details, (f"退货单 {slip_return.number}",))
        slip_return.replacement_invoice_id = replacement.id
    session.add(slip_return)


def _view(session: Session, slip_return: SlipReturn) -> ReturnView:
    slip = session.get(Slip, slip_return.slip_id)
    assert slip is not None  # a return's slip is never deleted (foreign key)
    refund = session.exec(select(Refund).where(Refund.return_id == slip_return.id)).one()
    rows = session.exec(
        select(ReturnLine, SlipLine)
        .join(SlipLine, col(SlipLine.id) == ReturnLine.slip_line_id)
        .where(ReturnLine.return_id == slip_return.id)
        .order_by(col(SlipLine.line_no))
    )
    voided = session.get(Invoice, slip_return.voided_invoice_id) if slip_return.voided_invoice_id else None
    replacement = session.get(Invoice, slip_return.replacement_invoice_id) if slip_return.replacement_invoice_id else None
    return ReturnView(
        id=id_of(slip_return),
        number=slip_return.number,
        slip_number=slip.number or "",
        at=slip_return.at,
        reason=slip_return.reason,
        taken_by=_name(session, slip_return.taken_by_id),
        approved_by=_name(session, slip_return.approved_by_id),
        lines=tuple(
            ReturnedLine(sl.line_no, sl.name, sl.model, rl.quantity, from_fen(rl.amount_fen), Disposition(rl.disposition))
            for rl, sl in rows
        ),
        refund=from_fen(slip_return.refund_fen),
        tender=Tender(refund.tender),
        reference=refund.reference,
        voided_invoice=voided.number if voided else None,
        replacement_invoice=replacement.number if replacement else None,
    )


def get_return(uow: UnitOfWork, number: str) -> ReturnView:
    """A return by its number, as its refund slip shows it."""
    with uow:
        found = uow.session.exec(select(SlipReturn).where(SlipReturn.number == number.strip().upper())).first()
        if found is None:
            raise NotFound(_("No return numbered {number}.").format(number=number.strip()))
        return _view(uow.session, found)


def returns_of_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> list[ReturnView]:
    require(actor, "take_return")
    with uow:
        rows = uow.session.exec(select(SlipReturn).where(SlipReturn.slip_id == slip_id).order_by(col(SlipReturn.id)))
        return [_view(uow.session, r) for r in rows]


def recent_returns(uow: UnitOfWork, actor: Actor, limit: int = 50) -> list[ReturnView]:
    require(actor, "take_return")
    with uow:
        rows = uow.session.exec(select(SlipReturn).order_by(col(SlipReturn.id).desc()).limit(limit))
        return [_view(uow.session, r) for r in rows]

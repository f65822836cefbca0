"""Undoing a payment taken by mistake (the wrong slip, the wrong tender):
the cashier's own last payment, within the same shift, with a reason, while
the goods are still at the counter and no invoice has been made for it.

Nothing is deleted. Each tender gets a reversing row (negative amount,
received and change) in the cashier's open shift, so the drawer count, the
shift report and the day's takings all net to what really stayed; the slip
goes back to the queue, written, its goods still reserved; the audit log
keeps who, when and why.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput, InvalidState, NotFound
from counter.i18n import _
from counter.services.shifts import open_shift_id
from counter.services.slips import SlipView, load_slip, slip_view
from counter.store.uow import UnitOfWork, retrying
from models import FapiaoRequest, Invoice, InvoiceStatus, Payment, Slip, SlipLine, SlipStatus, Tender
from models.clock import now
from models.ids import id_of

# Money that can be handed back at the desk; an account charge, a cheque or
# a trade-in subsidy claimed is put right by a return.
UNDOABLE = (Tender.CASH, Tender.CARD, Tender.MOBILE)


@retrying
def undo_last_payment(uow: UnitOfWork, actor: Actor, reason: str) -> SlipView:
    require(actor, "take_payment")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say why the payment is undone."))
    with uow:
        session = uow.session
        shift_id = open_shift_id(session, actor)
        last = session.exec(
            select(Payment).where(Payment.cashier_id == actor.id, Payment.shift_id == shift_id)
            .order_by(col(Payment.id).desc())
        ).first()
        if last is None or last.amount_fen < 0:
            raise NotFound(_("You have taken no payment in this shift that can be undone."))
        slip = load_slip(session, last.slip_id)
        payments = session.exec(select(Payment).where(Payment.slip_id == slip.id).order_by(col(Payment.id))).all()
        _refuse_unless_undoable(session, slip, list(payments))
        for p in payments:
            session.add(Payment(
                slip_id=id_of(slip), tender=p.tender, amount_fen=-p.amount_fen, received_fen=-p.received_fen,
                change_fen=-p.change_fen, reference=f"撤销 {p.reference}".strip(), cashier_id=actor.id,
                shift_id=shift_id, station_id=p.station_id, cleared=True,
            ))
        before = {"status": slip.status, "paid_at": str(slip.paid_at), "cashier": slip.cashier_id}
        slip.status, slip.paid_at, slip.cashier_id = SlipStatus.WRITTEN, None, None
        session.add(slip)
        audit.record(
            session, actor.id, "slip.payment_undone", "slip", slip.number, before=before,
            after={"reason": reason, "tenders": [(str(p.tender), p.amount_fen) for p in payments], "at": str(now())},
        )
        view = slip_view(session, slip, actor=actor)
        uow.commit()
        return view


def _refuse_unless_undoable(session: Session, slip: Slip, payments: list[Payment]) -> None:
    number = slip.number
    if slip.status != SlipStatus.PAID:
        raise InvalidState(_("Slip {number}'s goods are already handed over: a return puts it right.").format(
            number=number) if slip.status == SlipStatus.CLOSED else
            _("Slip {number} is not paid: there is no payment to undo.").format(number=number))
    if any(Tender(p.tender) not in UNDOABLE for p in payments):
        raise InvalidState(_("Slip {number} was paid on account, by cheque or with a trade-in subsidy: a manager's return puts it right.").format(
            number=number))
    packed = session.exec(select(SlipLine.id).where(SlipLine.slip_id == slip.id, SlipLine.packed == True)).first()  # noqa: E712
    if packed is not None:
        raise InvalidState(_("Slip {number}'s goods are being handed over: a return puts it right.").format(
            number=number))
    invoiced = session.exec(
        select(Invoice.id).where(Invoice.slip_id == slip.id, Invoice.status == InvoiceStatus.ISSUED)
    ).first()
    if invoiced is not None or session.exec(
        select(FapiaoRequest.id).where(FapiaoRequest.slip_id == slip.id, FapiaoRequest.state != "withdrawn")
    ).first() is not None:
        raise InvalidState(_("Slip {number} has an invoice or an e-fapiao request: a return puts it right.").format(
            number=number))

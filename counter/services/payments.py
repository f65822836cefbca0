"""Taking payment (收款): 查 check, 数 count, 验 verify, 唱 announce.

A payment is one call that records every tender, any rejected notes and the
slip's new status together; nothing is half-recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Row
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.domain.drawer import counted_fen
from counter.domain.tenders import change_fen
from counter.errors import BadInput, InvalidState
from counter.i18n import _
from counter.money import fmt, from_fen, to_fen
from counter.printing import DocKind, Document
from counter.services import claims, subsidies
from counter.services.accounts import charge_account
from counter.services.goods_lines import priced
from counter.services.slip_rows import SlipRows
from counter.services.slips import (
    SlipView,
    digest,
    slip_view,
    status_label,
)
from counter.store.engine import refuse_what_cannot_be_held
from counter.store.uow import UnitOfWork, retrying
from models import Payment, RejectedNote, Slip, SlipStatus, Station, Tender
from models.clock import now
from models.ids import id_of, table_of

# Notes and coins a cashier counts, in fen.
DENOMINATIONS_FEN = (10000, 5000, 2000, 1000, 500, 100, 50, 10)

# Why a note is refused at 验, as stored; reason_label() says it in the UI language.
REJECT_REASONS = ("suspect", "damaged")


class SlipTampered(InvalidState):
    """查 found the slip's lines or totals do not add up to what was written."""


@dataclass(frozen=True)
class TenderIn:
    tender: Tender
    # Cash: what the customer handed over. Others: what this tender pays.
    amount: Decimal
    reference: str = ""
    # Cash counted by note: {denomination in fen: count}. Must add up to amount.
    counted: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class NoteRejected:
    denomination_fen: int
    reason: str  # one of REJECT_REASONS or a cashier's words


@dataclass(frozen=True)
class PaymentResult:
    slip: SlipView
    received: Decimal
    change: Decimal
    awaiting_funds: bool

    @property
    def documents(self) -> list[Document]:
        """The receipt, printed right after the payment (it kicks the drawer for cash)."""
        return [Document(DocKind.RECEIPT, self.slip.number, after_payment=True)]

    @property
    def announcement(self) -> str:
        """唱收唱找: what the cashier says aloud."""
        return _("Received {received}, change {change}").format(received=fmt(self.received), change=fmt(self.change))


def tender_label(tender: Tender | str) -> str:
    labels = {
        "cash": _("cash"),
        "card": _("bank card"),
        "mobile": _("mobile"),
        "cheque": _("cheque"),
        "account": _("on account"),
        "subsidy": _("trade-in subsidy"),
    }
    return labels[str(tender)]


def reason_label(reason: str) -> str:
    return {"suspect": _("suspect"), "damaged": _("damaged")}.get(reason, reason)


def count_cash(counted: dict[int, int]) -> Decimal:
    """数: the value of a count by denomination."""
    for denomination, count in counted.items():
        if denomination not in DENOMINATIONS_FEN:
            raise BadInput(_("{value} is not a note or coin we count.").format(value=fmt(from_fen(denomination))))
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10000:
            raise BadInput(_("A count of notes must be a whole number from 0 to 10000."))
    return from_fen(counted_fen(counted))


def parse_counted(text: str) -> dict[int, int]:
    """"100x3 50x1 0.5x2" -> {10000: 3, 5000: 1, 50: 2}."""
    counted: dict[int, int] = {}
    for part in text.replace(",", " ").replace("×", "x").replace("*", "x").split():
        value, sep, count = part.lower().partition("x")
        try:
            fen = to_fen(Decimal(value))
            n = int(count) if sep else 1
        except Exception:
            raise BadInput(
                _("Count notes as value x count, e.g. 100x3 50x1; {part!r} is not that.").format(part=part)
            ) from None
        counted[fen] = counted.get(fen, 0) + n
    count_cash(counted)
    return counted


def check_tenders(total: Decimal, tenders: Sequence[TenderIn]) -> tuple[Decimal, Decimal]:
    """The rules tenders keep even before they add up to the slip (so a split
    payment is checked as each tender is listed): every tender is more than
    zero, a count by note adds up to its amount, mobile and cheque carry their
    reference, and card, mobile and cheque never pay past the total.
    Returns (cash, everything else)."""
    cash = Decimal(0)
    other = Decimal(0)
    for t in tenders:
        # to_fen first: it refuses NaN and infinities, which cannot be compared.
        if to_fen(t.amount) <= 0:
            raise BadInput(_("Each tender must be more than zero."))
        if t.counted and count_cash(t.counted) != t.amount:
            raise BadInput(_("The notes counted come to {counted}, not {amount}.").format(
                counted=fmt(count_cash(t.counted)), amount=fmt(t.amount)))
        if t.tender == Tender.CASH:
            cash += t.amount
        else:
            if t.tender == Tender.SUBSIDY and not t.reference.strip():
                raise BadInput(_("The trade-in subsidy needs the buyer's ID number."))
            if t.tender in (Tender.MOBILE, Tender.CHEQUE) and not t.reference.strip():
                raise BadInput(
                    _("A {tender} payment needs its reference number.").format(tender=tender_label(t.tender))
                )
            other += t.amount
    if other > total:
        raise BadInput(
            _("Card, mobile and cheque together may not pay more than the slip's {total}; change is given only from cash.").format(
                total=fmt(total)
            )
        )
    return cash, other


def check_rejected(note: NoteRejected) -> NoteRejected:
    """验: a rejected note is one we would have counted, with a reason."""
    if note.denomination_fen not in DENOMINATIONS_FEN:
        raise BadInput(
            _("{value} is not a note or coin we count.").format(value=fmt(from_fen(note.denomination_fen)))
        )
    if not note.reason.strip():
        raise BadInput(_("Say why the note is rejected: suspect or damaged."))
    return note


def check_slip(session: Session, slip: Slip | Row[Any]) -> list[Row[Any]]:
    """查: every line's amount is quantity × unit price less the promotion its
    rule gives, the total is their sum, and the lines are the ones written.
    Returns the lines it checked."""
    lines = SlipRows(session).lines(id_of(slip))
    prices = priced(lines)
    for line in lines:
        if prices[line.line_no] != (line.promo_fen, line.amount_fen):
            raise SlipTampered(
                _("Slip {number} line {n}: amount is not quantity × unit price less its promotion. "
                  "Refused; call a manager.").format(
                    number=slip.number, n=line.line_no
                )
            )
    if sum(l.amount_fen for l in lines) != slip.total_fen or digest(lines) != slip.check_digest:
        raise SlipTampered(
            _("Slip {number} has changed since it was written. Refused; call a manager.").format(number=slip.number)
        )
    return lines


_INSERTS = {model: table_of(model).insert() for model in (Payment, RejectedNote)}


def _insert(session: Session, model: type[Payment] | type[RejectedNote], **values: object) -> None:
    """A row written with Core (the sale's path skips ORM objects), checked
    as the flush would check it."""
    refuse_what_cannot_be_held(model, values.get)
    session.connection().execute(_INSERTS[model], values)


def payable_slip(session: Session, slip_id: int) -> Row[Any]:
    slip = SlipRows(session).locked(slip_id)
    if slip.status in (SlipStatus.DRAFT, SlipStatus.HELD) and slip.number:
        raise InvalidState(
            _("Slip {number} is being changed by its assistant (改单); it is back in the queue once written "
              "again.").format(number=slip.number)
        )
    if slip.status != SlipStatus.WRITTEN:
        raise InvalidState(
            _("Slip {number} is {status}: only a written slip waiting for payment can be paid.").format(
                number=slip.number or slip.id, status=status_label(slip.status)
            )
        )
    return slip


@retrying
def verify_slip(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """查 on its own: what the cashier sees after opening a slip. Opening it
    claims it for this counter (see claims); another counter's claim refuses it."""
    require(actor, "take_payment")
    with uow:
        slip = payable_slip(uow.session, slip_id)
        claims.refuse_if_claimed(uow.session, uow.station, actor, slip.id, slip.number)
        view = slip_view(uow.session, slip, check_slip(uow.session, slip), actor)
        claims.claim_in(uow.session, uow.station, actor, slip.id)
        uow.commit()
        return view


def renew_claim(uow: UnitOfWork, actor: Actor, slip_id: int) -> None:
    """The open slip's heartbeat: this counter still has it (claims.LEASE)."""
    require(actor, "take_payment")
    with uow:
        slip = payable_slip(uow.session, slip_id)
        claims.refuse_if_claimed(uow.session, uow.station, actor, slip.id, slip.number)
        claims.claim_in(uow.session, uow.station, actor, slip.id)
        uow.commit()


@retrying
def take_payment(
    uow: UnitOfWork,
    actor: Actor,
    slip_id: int,
    tenders: list[TenderIn],
    rejected: Sequence[NoteRejected] = (),
) -> PaymentResult:
    """Records the tenders for a written slip and stamps it PAID (收款专用章),
    or AWAITING_FUNDS while a cheque in it has not cleared. Every tender goes
    into the cashier's open shift; without one, no payment is taken."""
    # Imported here: shifts counts its float with this module's count_cash.
    from counter.services.shifts import open_shift_id

    require(actor, "take_payment")
    if not tenders:
        raise BadInput(_("Give at least one tender."))
    for note in rejected:
        check_rejected(note)
    with uow:
        session = uow.session
        # The slip's row before the shift's (lock_order: the thing acted on first).
        slip = payable_slip(session, slip_id)
        claimed = claims.refuse_if_claimed(uow.session, uow.station, actor, slip.id, slip.number)
        shift_id = open_shift_id(session, actor)
        station_id = uow.station.id if uow.station else None
        lines = check_slip(session, slip)
        total = from_fen(slip.total_fen)
        cash, other = check_tenders(total, tenders)
        received = cash + other
        if received < total:
            raise BadInput(
                _("Underpaid: the slip is {total}, received {received}; {short} more is needed.").format(
                    total=fmt(total), received=fmt(received), short=fmt(total - received)
                )
            )
        change = from_fen(change_fen(to_fen(total), [to_fen(received)]))
        if cash and change == cash:
            raise BadInput(_("The other tenders already pay the whole slip; take no cash."))
        if cash:
            # All cash is one drawer movement: received, change, and what stays.
            counted: dict[int, int] = {}
            for t in tenders:
                for denomination, n in t.counted.items() if t.tender == Tender.CASH else ():
                    counted[denomination] = counted.get(denomination, 0) + n
            _insert(
                session,
                Payment,
                slip_id=slip.id,
                tender=Tender.CASH,
                amount_fen=to_fen(cash - change),
                received_fen=to_fen(cash),
                change_fen=to_fen(change),
                counted=" ".join(f"{from_fen(d)}x{n}" for d, n in sorted(counted.items(), reverse=True) if n),
                cashier_id=actor.id,
                shift_id=shift_id,
                station_id=station_id,
            )
        awaiting = False
        for t in tenders:
            if t.tender == Tender.CASH:
                continue
            is_cheque = t.tender == Tender.CHEQUE
            awaiting |= is_cheque
            reference = t.reference.strip()
            if t.tender == Tender.SUBSIDY:  # the buyer's ID number is kept with the claim, masked here
                reference = subsidies.claim_in(session, actor, slip, t.amount, reference)
            _insert(
                session,
                Payment,
                slip_id=slip.id,
                tender=t.tender,
                amount_fen=to_fen(t.amount),
                reference=reference,
                cleared=not is_cheque,
                cashier_id=actor.id,
                shift_id=shift_id,
                station_id=station_id,
            )
            if t.tender == Tender.ACCOUNT:
                charge_account(session, actor, slip, t.amount)
        for note in rejected:
            _insert(
                session,
                RejectedNote,
                slip_id=slip.id,
                denomination_fen=note.denomination_fen,
                reason=note.reason,
                cashier_id=actor.id,
            )
        slip = SlipRows(session).update(
            slip.id,
            status=SlipStatus.AWAITING_FUNDS if awaiting else SlipStatus.PAID,
            cashier_id=actor.id,
            paid_at=now(),
        )
        audit.record(
            session,
            actor.id,
            "slip.paid" if not awaiting else "slip.awaiting_funds",
            "slip",
            slip.number,
            after={"total_fen": slip.total_fen, "tenders": [(str(t.tender), str(t.amount)) for t in tenders]},
        )
        if claimed:
            claims.release_in(session, slip.id)
        result = PaymentResult(slip_view(session, slip, lines, actor), received, change, awaiting)
        uow.commit()
        return result


@retrying
def clear_cheque(uow: UnitOfWork, actor: Actor, slip_id: int) -> SlipView:
    """Marks the slip's cheques as cleared (funds arrived); the slip is then PAID."""
    require(actor, "clear_cheque")
    with uow:
        session = uow.session
        rows = SlipRows(session)
        slip = rows.locked(slip_id)
        if slip.status != SlipStatus.AWAITING_FUNDS:
            raise InvalidState(_("Slip {number} has no cheque awaiting funds.").format(number=slip.number))
        for payment in session.exec(select(Payment).where(Payment.slip_id == slip.id, Payment.cleared == False)):  # noqa: E712
            payment.cleared = True
            payment.cleared_at = now()
            session.add(payment)
        slip = rows.update(slip_id, status=SlipStatus.PAID)
        audit.record(session, actor.id, "cheque.cleared", "slip", slip.number)
        view = slip_view(session, slip, actor=actor)
        uow.commit()
        return view


@dataclass(frozen=True)
class PaymentView:
    tender: Tender
    amount: Decimal
    received: Decimal
    change: Decimal
    reference: str
    cleared: bool
    counted: str
    station: str = ""  # the counter it was taken at, if it ran as a station


def payments_of(uow: UnitOfWork, slip_id: int) -> list[PaymentView]:
    with uow:
        rows = uow.session.exec(
            select(Payment, Station.name)
            .join(Station, col(Station.id) == Payment.station_id, isouter=True)
            .where(Payment.slip_id == slip_id)
            .order_by(col(Payment.id))
        )
        kept: list[tuple[Payment, str | None]] = []
        for p, station in rows:
            if p.amount_fen < 0:  # undone at the desk (payment_undo): it and its payment drop out
                undone = [i for i, (k, _s) in enumerate(kept) if (k.tender, k.amount_fen) == (p.tender, -p.amount_fen)]
                if undone:
                    del kept[undone[-1]]
                continue
            kept.append((p, station))
        return [
            PaymentView(
                Tender(p.tender), from_fen(p.amount_fen), from_fen(p.received_fen), from_fen(p.change_fen),
                p.reference, p.cleared, p.counted, station or "",
            )
            for p, station in kept
        ]

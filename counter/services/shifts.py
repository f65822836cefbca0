"""Shift and drawer (交班/日结): a cashier opens a shift with a counted float,
takes every payment, refund and payout within it, and closes it by counting
the drawer by denomination. Expected vs counted is recorded; a difference
needs a reason and a manager's sign-off.

The drawer's expected cash is always computed from the rows (float + cash
received − change − refunds − payouts), never kept as a running balance, so
it cannot drift from what was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, func
from sqlmodel import Session, col, select

from counter import audit, audit_checkpoint
from counter.audit_checkpoint import Checkpoint
from counter.auth import Actor, require
from counter.domain.drawer import difference_fen, expected_fen
from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.i18n import _
from counter.money import fmt, from_fen, to_fen
from counter.services.payments import count_cash
from counter.store.uow import UnitOfWork, retrying
from models import CashMovement, CashMovementKind, Payment, Role, Shift, ShiftStatus, Staff, Tender
from models.clock import now
from models.ids import id_of


class NoOpenShift(InvalidState):
    """The cashier has no open shift, so no money may go in or out."""


class SignOffNeeded(InvalidState):
    """The drawer does not match: a reason and a manager's sign-off are needed."""


@dataclass(frozen=True)
class ShiftView:
    id: int
    cashier_id: int
    cashier: str
    status: ShiftStatus
    opened_at: datetime
    float: Decimal
    float_counted: str
    closed_at: datetime | None
    closed_by: str
    expected: Decimal | None
    counted: Decimal | None
    counted_text: str
    difference: Decimal | None
    difference_reason: str
    approved_by: str

    @property
    def is_open(self) -> bool:
        return self.status == ShiftStatus.OPEN


@dataclass(frozen=True)
class DrawerCount:
    """Expected vs counted: what the close screen and the report show."""

    float: Decimal
    cash_received: Decimal
    change: Decimal
    refunds: Decimal
    payouts: Decimal
    expected: Decimal
    counted: Decimal | None  # None while the shift is open and not yet counted

    @property
    def cash_taken(self) -> Decimal:
        return self.cash_received - self.change

    @property
    def difference(self) -> Decimal | None:
        """Counted − expected: negative is short (短款), positive is over (长款)."""
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class TenderTotal:
    tender: Tender
    payments: int
    amount: Decimal
    # Cheques recorded but not yet cleared: counted in amount, not yet funds.
    uncleared: Decimal


@dataclass(frozen=True)
class CashMovementView:
    id: int
    kind: CashMovementKind
    amount: Decimal
    reason: str
    reference: str
    cashier: str
    approved_by: str
    at: datetime


@dataclass(frozen=True)
class ShiftReport:
    shift: ShiftView
    takings: tuple[TenderTotal, ...]
    drawer: DrawerCount
    movements: tuple[CashMovementView, ...]
    slips_paid: int
    # The audit chain's head when the report was made, printed on it (see audit_checkpoint).
    checkpoint: Checkpoint | None = None

    @property
    def total_takings(self) -> Decimal:
        return sum((t.amount for t in self.takings), Decimal(0))


def kind_label(kind: CashMovementKind | str) -> str:
    return {"refund": _("refund"), "payout": _("payout")}[str(kind)]


def counted_text(counted: dict[int, int]) -> str:
    """{10000: 3, 50: 2} -> "100x3 0.5x2": how a count is written down."""
    return " ".join(
        f"{from_fen(d).normalize():f}x{n}" for d, n in sorted(counted.items(), reverse=True) if n
    )


def _names(session: Session, *ids: int | None) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    found = session.exec(select(Staff.id, Staff.full_name).where(col(Staff.id).in_(wanted))).all()
    return {id_: name for id_, name in found if id_ is not None}


def _money(fen: int | None) -> Decimal | None:
    return None if fen is None else from_fen(fen)


def shift_view(session: Session, shift: Shift) -> ShiftView:
    names = _names(session, shift.cashier_id, shift.closed_by_id, shift.approved_by_id)
    money = _money
    return ShiftView(
        id=id_of(shift),
        cashier_id=shift.cashier_id,
        cashier=names.get(shift.cashier_id, ""),
        status=ShiftStatus(shift.status),
        opened_at=shift.opened_at,
        float=from_fen(shift.float_fen),
        float_counted=shift.float_counted,
        closed_at=shift.closed_at,
        closed_by=names.get(shift.closed_by_id or 0, ""),
        expected=money(shift.expected_fen),
        counted=money(shift.counted_fen),
        counted_text=shift.counted,
        difference=money(shift.difference_fen),
        difference_reason=shift.difference_reason,
        approved_by=names.get(shift.approved_by_id or 0, ""),
    )


def _no_open_shift(actor: Actor) -> NoOpenShift:
    return NoOpenShift(
        _("{name} has no open shift: open a shift and count the float before taking or paying out money.").format(
            name=actor.full_name
        )
    )


def open_shift_of(session: Session, actor: Actor) -> Shift:
    """The actor's open shift, locked for this transaction, or NoOpenShift.

    Payments and cash movements call this inside their own unit of work, so
    the money and the shift it belongs to commit together."""
    shift = session.exec(
        select(Shift).where(Shift.cashier_id == actor.id, Shift.status == ShiftStatus.OPEN).with_for_update()
    ).first()
    if shift is None:
        raise _no_open_shift(actor)
    return shift


# Shared: payments into one shift go side by side; closing it (FOR UPDATE)
# waits for them, and they for it.
_OPEN_SHIFT_ID = (
    select(Shift.id)
    .where(Shift.cashier_id == bindparam("cashier_id"), Shift.status == ShiftStatus.OPEN)
    .with_for_update(read=True)
)


def open_shift_id(session: Session, actor: Actor) -> int:
    """open_shift_of's id alone, as a payment needs it: read without loading
    an ORM object, which cost more than the rest of the read."""
    shift_id: int | None = session.connection().execute(_OPEN_SHIFT_ID, {"cashier_id": actor.id}).scalar()
    if shift_id is None:
        raise _no_open_shift(actor)
    return shift_id


def _load(session: Session, shift_id: int) -> Shift:
    shift = session.get(Shift, shift_id, with_for_update=True)
    if shift is None:
        raise NotFound(_("No shift with number {id}.").format(id=shift_id))
    return shift


def _may_see(actor: Actor, shift: Shift) -> None:
    """A cashier works only their own drawer; a manager may see or close any."""
    require(actor, "open_drawer")
    if actor.role != Role.MANAGER and shift.cashier_id != actor.id:
        raise NotPermitted(_("Shift {id} is another cashier's: only they or a manager may work it.").format(id=shift.id))


@retrying
def open_shift(uow: UnitOfWork, actor: Actor, float_counted: dict[int, int]) -> ShiftView:
    """Opens the actor's shift with the float counted into the drawer by note."""
    require(actor, "open_drawer")
    float_amount = count_cash(float_counted)
    with uow:
        session = uow.session
        existing = session.exec(
            select(Shift).where(Shift.cashier_id == actor.id, Shift.status == ShiftStatus.OPEN)
        ).first()
        if existing is not None:
            raise InvalidState(
                _("{name} already has shift {id} open since {time}: close it before opening another.").format(
                    name=actor.full_name, id=existing.id, time=existing.opened_at.strftime("%Y-%m-%d %H:%M")
                )
            )
        shift = Shift(
            cashier_id=actor.id,
            opened_at=now(),
            float_fen=to_fen(float_amount),
            float_counted=counted_text(float_counted),
            station_id=uow.station.id if uow.station else None,
        )
        session.add(shift)
        session.flush()
        audit.record(
            session, actor.id, "shift.opened", "shift", shift.id,
            after={"float_fen": shift.float_fen, "counted": shift.float_counted},
        )
        view = shift_view(session, shift)
        uow.commit()
        return view


def current_shift(uow: UnitOfWork, actor: Actor) -> ShiftView | None:
    """The actor's open shift, if any."""
    require(actor, "open_drawer")
    with uow:
        shift = uow.session.exec(
            select(Shift).where(Shift.cashier_id == actor.id, Shift.status == ShiftStatus.OPEN)
        ).first()
        return shift_view(uow.session, shift) if shift else None


def _drawer(session: Session, shift: Shift, counted: Decimal | None) -> DrawerCount:
    received, change = session.exec(
        select(func.coalesce(func.sum(Payment.received_fen), 0), func.coalesce(func.sum(Payment.change_fen), 0)).where(
            Payment.shift_id == shift.id, Payment.tender == Tender.CASH
        )
    ).one()
    out = dict(
        session.exec(
            select(CashMovement.kind, func.sum(CashMovement.amount_fen))
            .where(CashMovement.shift_id == shift.id)
            .group_by(col(CashMovement.kind))
        ).all()
    )
    refunds, payouts = out.get(CashMovementKind.REFUND, 0), out.get(CashMovementKind.PAYOUT, 0)
    expected = expected_fen(shift.float_fen, received, change, refunds, payouts)
    return DrawerCount(
        float=from_fen(shift.float_fen),
        cash_received=from_fen(received),
        change=from_fen(change),
        refunds=from_fen(refunds),
        payouts=from_fen(payouts),
        expected=from_fen(expected),
        counted=counted,
    )


def cash_out(
    session: Session,
    actor: Actor,
    kind: CashMovementKind,
    amount: Decimal,
    reason: str,
    approver: Actor | None,
    *,
    slip_id: int | None = None,
    reference: str = "",
    at: datetime | None = None,
) -> CashMovement:
    """Takes cash out of the actor's open drawer (a refund or a payout) inside
    the caller's transaction: a return's service calls this so the return
    and its refund commit together. Needs a reason and a manager's approval,
    and never more than the drawer should hold. `at`: the time of what the
    cash goes out for (a return's), so both records say the same moment."""
    require(actor, "open_drawer")
    reason = reason.strip()
    if not reason:
        raise BadInput(_("Say what the cash is paid out for."))
    if amount <= 0:
        raise BadInput(_("The amount paid out must be more than zero."))
    if approver is None:
        raise NotPermitted(_("Cash out of the drawer needs a manager's approval."))
    require(approver, "approve_cash_out")
    amount_fen = to_fen(amount)
    shift = open_shift_of(session, actor)
    drawer = _drawer(session, shift, None)
    if amount > drawer.expected:
        raise InvalidState(
            _("The drawer should hold only {held}; it cannot pay out {amount}.").format(
                held=fmt(drawer.expected), amount=fmt(amount)
            )
        )
    movement = CashMovement(
        shift_id=id_of(shift),
        kind=kind,
        amount_fen=amount_fen,
        reason=reason,
        reference=reference.strip(),
        slip_id=slip_id,
        cashier_id=actor.id,
        approved_by_id=approver.id,
        created_at=at or now(),
    )
    session.add(movement)
    session.flush()
    audit.record(
        session, actor.id, f"cash.{kind}", "shift", shift.id,
        after={"amount_fen": amount_fen, "reason": reason, "reference": movement.reference,
               "slip_id": slip_id, "approved_by": approver.code},
    )
    return movement


@retrying
def record_cash_movement(
    uow: UnitOfWork,
    actor: Actor,
    kind: CashMovementKind,
    amount: Decimal,
    reason: str,
    approver: Actor | None,
    *,
    slip_id: int | None = None,
    reference: str = "",
) -> CashMovementView:
    """A payout on its own (see `cash_out`). Cash goes back to a customer only
    through a return, which records the goods coming back and the Refund the
    daily report counts; a refund made here would leave the drawer without
    ever reaching the report."""
    if kind == CashMovementKind.REFUND:
        raise BadInput(_("Cash is refunded through a return, which takes the goods back too: use Returns."))
    with uow:
        session = uow.session
        movement = cash_out(session, actor, kind, amount, reason, approver, slip_id=slip_id, reference=reference)
        view = _movement_view(session, movement)
        uow.commit()
        return view


def _movement_view(session: Session, m: CashMovement) -> CashMovementView:
    names = _names(session, m.cashier_id, m.approved_by_id)
    return CashMovementView(
        id=id_of(m), kind=CashMovementKind(m.kind), amount=from_fen(m.amount_fen), reason=m.reason,
        reference=m.reference, cashier=names.get(m.cashier_id, ""), approved_by=names.get(m.approved_by_id, ""),
        at=m.created_at,
    )


def count_drawer(uow: UnitOfWork, actor: Actor, shift_id: int, counted: dict[int, int]) -> DrawerCount:
    """Expected vs counted for an open shift, without closing it."""
    amount = count_cash(counted)
    with uow:
        shift = _load(uow.session, shift_id)
        _may_see(actor, shift)
        return _drawer(uow.session, shift, amount)


@retrying
def close_shift(
    uow: UnitOfWork,
    actor: Actor,
    shift_id: int,
    counted: dict[int, int],
    reason: str = "",
    approver: Actor | None = None,
) -> ShiftReport:
    """Closes a shift on the drawer counted by note. When counted and expected
    differ, a reason and another person's manager sign-off are required."""
    amount = count_cash(counted)
    reason = reason.strip()
    with uow:
        session = uow.session
        shift = _load(session, shift_id)
        _may_see(actor, shift)
        if shift.status != ShiftStatus.OPEN:
            raise InvalidState(_("Shift {id} is already closed.").format(id=shift.id))
        drawer = _drawer(session, shift, amount)
        difference = drawer.difference
        if difference:
            figures = _("expected {expected}, counted {counted}, difference {difference}").format(
                expected=fmt(drawer.expected), counted=fmt(amount), difference=signed(difference)
            )
            if not reason:
                raise SignOffNeeded(
                    _("The drawer does not match ({figures}): say why, and have a manager sign it off.").format(
                        figures=figures
                    )
                )
            if approver is None:
                raise SignOffNeeded(
                    _("The drawer does not match ({figures}): a manager must sign it off.").format(figures=figures)
                )
            require(approver, "sign_off_drawer")
            if approver.id == shift.cashier_id:
                raise NotPermitted(_("A cash difference is signed off by a manager other than the shift's cashier."))
        shift.status = ShiftStatus.CLOSED
        shift.closed_at = now()
        shift.closed_by_id = actor.id
        shift.expected_fen = to_fen(drawer.expected)
        shift.counted_fen = to_fen(amount)
        shift.counted = counted_text(counted)
        shift.difference_fen = difference_fen(shift.expected_fen, shift.counted_fen)
        shift.difference_reason = reason if difference else ""
        shift.approved_by_id = approver.id if approver is not None and difference else None
        session.add(shift)
        audit.record(
            session, actor.id, "shift.closed", "shift", shift.id,
            after={
                "expected_fen": shift.expected_fen, "counted_fen": shift.counted_fen,
                "difference_fen": shift.difference_fen, "reason": shift.difference_reason,
                "approved_by": approver.code if approver is not None and difference else None,
            },
        )
        session.flush()
        report = _report(session, shift)
        uow.commit()
        return report


def signed(amount: Decimal) -> str:
    """A difference with its sign: +¥5.00 over, −¥10.00 short."""
    if amount < 0:
        return "−" + fmt(-amount)
    return ("+" if amount > 0 else "") + fmt(amount)


def _report(session: Session, shift: Shift) -> ShiftReport:
    rows = session.exec(
        select(
            Payment.tender,
            func.count(),
            func.sum(Payment.amount_fen),
            func.coalesce(func.sum(Payment.amount_fen).filter(col(Payment.cleared) == False), 0),  # noqa: E712
        )
        .where(Payment.shift_id == shift.id)
        .group_by(col(Payment.tender))
    ).all()
    by_tender = {Tender(t): TenderTotal(Tender(t), n, from_fen(a), from_fen(u)) for t, n, a, u in rows}
    slips_paid = session.exec(
        select(func.count(func.distinct(Payment.slip_id))).where(Payment.shift_id == shift.id)
    ).one()
    movements = session.exec(
        select(CashMovement).where(CashMovement.shift_id == shift.id).order_by(col(CashMovement.id))
    ).all()
    counted = from_fen(shift.counted_fen) if shift.counted_fen is not None else None
    return ShiftReport(
        shift=shift_view(session, shift),
        takings=tuple(by_tender[t] for t in Tender if t in by_tender),
        drawer=_drawer(session, shift, counted),
        movements=tuple(_movement_view(session, m) for m in movements),
        slips_paid=slips_paid,
        checkpoint=audit_checkpoint.take(session),
    )


def shift_report(uow: UnitOfWork, actor: Actor, shift_id: int) -> ShiftReport:
    """Takings by tender and the drawer, for an open shift (so far) or a closed one."""
    with uow.for_reading():
        shift = _load(uow.session, shift_id)
        _may_see(actor, shift)
        return _report(uow.session, shift)


def recent_shifts(uow: UnitOfWork, actor: Actor, limit: int = 20) -> list[ShiftView]:
    """The latest shifts: the actor's own, or everyone's for a manager."""
    require(actor, "open_drawer")
    with uow:
        query = select(Shift).order_by(col(Shift.id).desc()).limit(limit)
        if actor.role != Role.MANAGER:
            query = query.where(Shift.cashier_id == actor.id)
        return [shift_view(uow.session, s) for s in uow.session.exec(query)]


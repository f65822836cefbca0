"""The demo's returns follow the drawer's rules: a cash refund comes out of
a cashier's shift that was open at the time."""

from __future__ import annotations

from sqlmodel import select

from counter.demo.build import build_demo
from counter.store import Store
from models import CashMovement, CashMovementKind, Refund, Shift, SlipReturn, Tender


def test_the_demos_cash_refund_comes_out_of_a_shift_open_at_the_time(settings):
    build_demo(settings, days=4)
    store = Store.open(settings)
    try:
        with store.uow() as u:
            s = u.session
            cash = s.exec(select(Refund, SlipReturn).join(SlipReturn, SlipReturn.id == Refund.return_id)
                          .where(Refund.tender == Tender.CASH)).all()
            assert cash, "the demo has a cash refund to show"
            for refund, slip_return in cash:
                movement = s.exec(select(CashMovement).where(CashMovement.reference == slip_return.number)).one()
                shift = s.get(Shift, movement.shift_id)
                assert (movement.kind, movement.amount_fen) == (CashMovementKind.REFUND, refund.amount_fen)
                assert shift.opened_at <= movement.created_at
                assert shift.closed_at is None or movement.created_at <= shift.closed_at
    finally:
        store.engine.dispose()

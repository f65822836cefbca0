"""Shift and drawer (交班/日结): payments only within an open shift, cash out
with a manager, and a close that records expected vs counted and needs a
reason and a manager's sign-off for any difference."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from counter import audit
from counter.demo.shifts import notes_for
from counter.errors import BadInput, InvalidState, NotPermitted
from counter.money import to_fen
from counter.services import handover, payments, returns, shifts, slips
from counter.services.payments import TenderIn
from models import AuditEvent, CashMovement, CashMovementKind, Payment, Shift, ShiftStatus, SlipStatus, Tender
from models.clock import frozen_at
from tests.conftest import SHIFT_FLOAT

FLOAT = Decimal("500.00")


def sell(store, staff, products, *items: tuple[str, int]) -> slips.SlipView:
    assistant = staff["A01"]
    draft = slips.current_draft(store.uow(), assistant)
    for sku, quantity in items:
        slips.add_line(store.uow(), assistant, draft.id, products[sku], quantity)
    return slips.write_slip(store.uow(), assistant, draft.id)


def close_seeded_shift(store, actor) -> None:
    """Closes the shift the seed opened: the drawer still holds just the float."""
    shift = shifts.current_shift(store.uow(), actor)
    shifts.close_shift(store.uow(), actor, shift.id, SHIFT_FLOAT)


def test_seeded_float_is_five_hundred():
    assert payments.count_cash(SHIFT_FLOAT) == FLOAT


def test_payment_without_an_open_shift_is_refused(store, staff, products):
    cashier = staff["C01"]
    close_seeded_shift(store, cashier)
    slip = sell(store, staff, products, ("PJ-1", 1))
    with pytest.raises(shifts.NoOpenShift, match="李秀梅 has no open shift"):
        payments.take_payment(store.uow(), cashier, slip.id, [TenderIn(Tender.CASH, Decimal("100"))])
    with store.uow() as u:
        assert u.session.exec(select(Payment)).all() == []
    assert slips.get_slip(store.uow(), slip_id=slip.id).status == SlipStatus.WRITTEN


def test_every_tender_is_tied_to_the_cashiers_open_shift(store, staff, products):
    cashier = staff["C01"]
    shift = shifts.current_shift(store.uow(), cashier)
    slip = sell(store, staff, products, ("PJ-1", 2))
    tenders = [TenderIn(Tender.CARD, Decimal("100.00"), reference="1"), TenderIn(Tender.CASH, Decimal("100"))]
    payments.take_payment(store.uow(), cashier, slip.id, tenders)
    with store.uow() as u:
        rows = u.session.exec(select(Payment).where(Payment.slip_id == slip.id)).all()
    assert {p.tender for p in rows} == {"card", "cash"}
    assert {p.shift_id for p in rows} == {shift.id}


def test_a_cashier_has_one_open_shift_at_a_time(store, staff):
    with pytest.raises(InvalidState, match="already has shift"):
        shifts.open_shift(store.uow(), staff["C01"], SHIFT_FLOAT)


def test_assistants_do_not_work_the_drawer(store, staff):
    with pytest.raises(NotPermitted):
        shifts.open_shift(store.uow(), staff["A01"], SHIFT_FLOAT)


def test_a_float_counted_in_notes_we_do_not_count_is_refused(store, staff):
    close_seeded_shift(store, staff["C01"])
    with pytest.raises(BadInput, match="not a note or coin"):
        shifts.open_shift(store.uow(), staff["C01"], {3000: 1})
    assert shifts.current_shift(store.uow(), staff["C01"]) is None


def test_cash_out_needs_a_reason_a_manager_and_cash_in_the_drawer(store, staff):
    cashier, manager = staff["C01"], staff["M01"]
    payout = CashMovementKind.PAYOUT
    with pytest.raises(BadInput, match="what the cash is paid out for"):
        shifts.record_cash_movement(store.uow(), cashier, payout, Decimal("20"), " ", manager)
    with pytest.raises(NotPermitted, match="manager's approval"):
        shifts.record_cash_movement(store.uow(), cashier, payout, Decimal("20"), "快递费", None)
    with pytest.raises(NotPermitted):
        shifts.record_cash_movement(store.uow(), cashier, payout, Decimal("20"), "快递费", staff["A01"])
    with pytest.raises(InvalidState, match="should hold only ¥500.00"):
        shifts.record_cash_movement(store.uow(), cashier, payout, Decimal("500.01"), "快递费", manager)
    with store.uow() as u:
        assert u.session.exec(select(CashMovement)).all() == []
    moved = shifts.record_cash_movement(store.uow(), cashier, payout, Decimal("20"), "快递费", manager)
    assert (moved.amount, moved.approved_by) == (Decimal("20.00"), "周明远")


def test_cash_goes_back_to_a_customer_only_through_a_return(store, staff):
    with pytest.raises(BadInput, match="refunded through a return"):
        shifts.record_cash_movement(
            store.uow(), staff["C01"], CashMovementKind.REFUND, Decimal("10"), "退货", staff["M01"]
        )
    with store.uow() as u:
        assert u.session.exec(select(CashMovement)).all() == []


def test_a_refund_inside_the_callers_transaction_rolls_back_with_it(store, staff):
    """The returns service calls cash_out in its own unit of work: no commit,
    no refund."""
    with store.uow() as u:
        shifts.cash_out(u.session, staff["C01"], CashMovementKind.REFUND, Decimal("10"), "退货", staff["M01"])
    with store.uow() as u:
        assert u.session.exec(select(CashMovement)).all() == []


def test_a_full_day_at_the_drawer(store, staff, products):
    """Open with a float, sell with mixed tenders, pay out and refund cash,
    then close ¥10 short: refused until there is a reason and another
    person's manager sign-off; every figure lands in the shift report."""
    cashier, manager = staff["C01"], staff["M01"]
    close_seeded_shift(store, cashier)
    day = datetime(2026, 3, 2)
    with frozen_at(day.replace(hour=8, minute=50)):
        opened = shifts.open_shift(store.uow(), cashier, SHIFT_FLOAT)
    assert (opened.float, opened.float_counted) == (FLOAT, "100x2 50x3 20x3 10x5 5x4 1x15 0.5x8 0.1x10")

    with frozen_at(day.replace(hour=10)):
        washer = sell(store, staff, products, ("XYJ-1", 1))  # ¥3,299.00
        paid = payments.take_payment(store.uow(), cashier, washer.id, [TenderIn(Tender.CASH, Decimal("3300"))])
        assert paid.change == Decimal("1.00")
    with frozen_at(day.replace(hour=11)):
        two = sell(store, staff, products, ("XYJ-2", 1), ("PJ-1", 1))  # ¥1,688.90
        payments.take_payment(
            store.uow(), cashier, two.id,
            [TenderIn(Tender.CARD, Decimal("1500"), reference="889911"), TenderIn(Tender.CASH, Decimal("200"))],
        )
    with frozen_at(day.replace(hour=14)):
        stand = sell(store, staff, products, ("PJ-1", 3))  # ¥269.70
        payments.take_payment(
            store.uow(), cashier, stand.id, [TenderIn(Tender.MOBILE, Decimal("269.70"), reference="4200000001")]
        )
        shifts.record_cash_movement(
            store.uow(), cashier, CashMovementKind.PAYOUT, Decimal("25"), "快递费", manager, reference="SF123"
        )
        for line in two.lines:
            handover.pack_line(store.uow(), staff["A01"], two.id, line.line_no)
        handover.hand_over(store.uow(), staff["A01"], two.id)
        returns.take_return(store.uow(), cashier, two.id, [returns.ReturnLineIn(2, 1)], "底座退货",
                            returns.RefundIn(Tender.CASH), manager)

    # float 500 + cash received 3300 + 200 - change 1.00 + 11.10 - refund 89.90 - payout 25
    expected = Decimal("500") + Decimal("3500") - Decimal("1.00") - Decimal("11.10") - Decimal("89.90") - Decimal("25")
    short = notes_for(to_fen(expected) - 1000)
    with frozen_at(day.replace(hour=20, minute=30)):
        preview = shifts.count_drawer(store.uow(), cashier, opened.id, short)
        assert (preview.expected, preview.difference) == (expected, Decimal("-10.00"))
        with pytest.raises(shifts.SignOffNeeded, match="say why"):
            shifts.close_shift(store.uow(), cashier, opened.id, short)
        with pytest.raises(shifts.SignOffNeeded, match="a manager must sign it off"):
            shifts.close_shift(store.uow(), cashier, opened.id, short, reason="找零多找10元")
        with pytest.raises(NotPermitted):
            shifts.close_shift(store.uow(), cashier, opened.id, short, reason="找零多找10元", approver=cashier)
        assert shifts.current_shift(store.uow(), cashier).id == opened.id  # still open after each refusal
        report = shifts.close_shift(store.uow(), cashier, opened.id, short, reason="找零多找10元", approver=manager)

    assert report.shift.status == ShiftStatus.CLOSED
    assert (report.shift.expected, report.shift.counted, report.shift.difference) == (
        expected, expected - 10, Decimal("-10.00"))
    assert (report.shift.difference_reason, report.shift.approved_by) == ("找零多找10元", "周明远")
    takings = {t.tender: t.amount for t in report.takings}
    assert takings == {
        Tender.CASH: Decimal("3299.00") + Decimal("188.90"),
        Tender.CARD: Decimal("1500.00"),
        Tender.MOBILE: Decimal("269.70"),
    }
    assert report.total_takings == Decimal("3299.00") + Decimal("1688.90") + Decimal("269.70")
    assert report.slips_paid == 3
    assert (report.drawer.refunds, report.drawer.payouts) == (Decimal("89.90"), Decimal("25.00"))
    assert [m.kind for m in report.movements] == [CashMovementKind.PAYOUT, CashMovementKind.REFUND]
    with store.uow() as u:
        row = u.session.get(Shift, opened.id)
        assert (row.difference_fen, row.approved_by_id, row.closed_at) == (-1000, manager.id, day.replace(hour=20, minute=30))
        closed = u.session.exec(select(AuditEvent).where(AuditEvent.action == "shift.closed").order_by(AuditEvent.id)).all()[-1]
        assert '"difference_fen": -1000' in closed.after
        assert audit.verify_chain(u.session) is None
    with pytest.raises(InvalidState, match="already closed"):
        shifts.close_shift(store.uow(), cashier, opened.id, short, reason="x", approver=manager)
    with pytest.raises(shifts.NoOpenShift):
        payments.take_payment(store.uow(), cashier, sell(store, staff, products, ("PJ-1", 1)).id,
                              [TenderIn(Tender.CASH, Decimal("90"))])


def test_a_matching_drawer_closes_without_sign_off(store, staff):
    report = shifts.close_shift(store.uow(), staff["C01"], shifts.current_shift(store.uow(), staff["C01"]).id,
                                SHIFT_FLOAT, reason="ignored")
    assert report.shift.difference == Decimal("0.00")
    assert (report.shift.difference_reason, report.shift.approved_by) == ("", "")


def test_a_cashier_may_not_close_another_cashiers_shift_but_a_manager_may(store, staff):
    manager_shift = shifts.current_shift(store.uow(), staff["M01"])
    with pytest.raises(NotPermitted, match="another cashier's"):
        shifts.close_shift(store.uow(), staff["C01"], manager_shift.id, SHIFT_FLOAT)
    cashier_shift = shifts.current_shift(store.uow(), staff["C01"])
    shifts.close_shift(store.uow(), staff["M01"], cashier_shift.id, SHIFT_FLOAT)
    with store.uow() as u:
        assert u.session.get(Shift, cashier_shift.id).closed_by_id == staff["M01"].id


def test_a_manager_may_not_sign_off_their_own_shortage(store, staff):
    manager = staff["M01"]
    shift = shifts.current_shift(store.uow(), manager)
    with pytest.raises(NotPermitted, match="other than the shift's cashier"):
        shifts.close_shift(store.uow(), manager, shift.id, notes_for(to_fen(FLOAT) - 100), reason="少1元", approver=manager)

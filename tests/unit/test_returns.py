"""Returns (退货): what may come back, who approves, where the goods and the
money go, and how the invoice is put right."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from counter.demo.shifts import notes_for
from counter.errors import BadInput, InvalidState, NotPermitted
from counter.money import to_fen
from counter.services import invoices, shifts
from counter.services.payments import TenderIn
from counter.services.returns import RefundIn, ReturnLineIn, open_for_return, take_return
from models import (
    AuditEvent,
    CashMovement,
    CashMovementKind,
    Invoice,
    InvoiceStatus,
    Product,
    Refund,
    ReturnLine,
    SlipReturn,
    Tender,
)

CASH = RefundIn(Tender.CASH)
DETAILS = invoices.InvoiceDetails("张伟", "广州市天河区体育西路1号", "13800138000")


def on_hand(store, product_id: int) -> int:
    with store.uow() as u:
        return u.session.get(Product, product_id).stock_on_hand


def test_return_of_more_than_sold_is_refused(store, staff, sell):
    slip = sell({"PJ-1": 2})
    with pytest.raises(BadInput, match="at most 2 can come back"):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 3)], "不合适", CASH, staff["M01"])


def test_second_return_counts_what_the_first_took_back(store, staff, sell):
    slip = sell({"PJ-1": 3})
    c, m = staff["C01"], staff["M01"]
    take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 2)], "多买了", CASH, m)
    with pytest.raises(BadInput, match="2 already returned; at most 1"):
        take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 2)], "多买了", CASH, m)
    assert open_for_return(store.uow(), c, slip.number).lines[0].returnable == 1
    take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 1)], "多买了", CASH, m)
    with store.uow() as u:
        assert sum(u.session.exec(select(ReturnLine.quantity))) == 3


def test_return_without_a_manager_is_refused(store, staff, sell, products):
    slip = sell({"PJ-1": 1})
    before = on_hand(store, products["PJ-1"])
    with pytest.raises(NotPermitted, match="manager's approval"):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", CASH)
    with pytest.raises(NotPermitted):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", CASH, staff["C01"])
    assert on_hand(store, products["PJ-1"]) == before
    with store.uow() as u:
        assert u.session.exec(select(Refund)).first() is None


def test_assistant_may_not_take_a_return(store, staff, sell):
    slip = sell({"PJ-1": 1})
    with pytest.raises(NotPermitted):
        take_return(store.uow(), staff["A01"], slip.id, [ReturnLineIn(1, 1)], "不合适", CASH, staff["M01"])


def test_return_needs_a_reason(store, staff, sell):
    slip = sell({"PJ-1": 1})
    with pytest.raises(BadInput, match="Say why"):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "  ", CASH, staff["M01"])


def test_goods_not_yet_handed_over_cannot_be_returned(store, staff, sell):
    slip = sell({"PJ-1": 1}, hand_over=False)
    with pytest.raises(InvalidState, match="not been handed over"):
        open_for_return(store.uow(), staff["C01"], slip.number)


def test_restocked_goods_go_back_on_hand_and_written_off_do_not(store, staff, sell, products):
    slip = sell({"PJ-1": 2, "XYJ-2": 1})
    pj, xyj = on_hand(store, products["PJ-1"]), on_hand(store, products["XYJ-2"])
    done = take_return(
        store.uow(), staff["C01"], slip.id,
        [ReturnLineIn(1, 2), ReturnLineIn(2, 1, write_off=True)], "运输损坏", CASH, staff["M01"],
    )
    assert on_hand(store, products["PJ-1"]) == pj + 2
    assert on_hand(store, products["XYJ-2"]) == xyj
    assert [(l.line_no, l.quantity, str(l.disposition)) for l in done.lines] == [(1, 2, "restock"), (2, 1, "write_off")]
    assert done.refund == Decimal("89.90") * 2 + Decimal("1599.00")
    with store.uow() as u:
        actions = [e.action for e in u.session.exec(select(AuditEvent).order_by(AuditEvent.id))]
        refund = u.session.exec(select(Refund)).one()
    assert "stock.returned" in actions and "stock.written_off" in actions and "refund.paid" in actions
    assert (refund.tender, refund.amount_fen, refund.approved_by_id) == (Tender.CASH, 17980 + 159900, staff["M01"].id)


def test_partial_return_voids_the_invoice_and_reissues_for_kept_goods(store, staff, sell):
    slip = sell({"PJ-1": 2, "XYJ-2": 1})
    c, m = staff["C01"], staff["M01"]
    first = invoices.issue_invoice(store.uow(), c, slip.id, DETAILS)
    done = take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 1)], "多买了一个", RefundIn(Tender.CARD, "889900"), m)
    assert done.voided_invoice == first.number
    assert done.replacement_invoice == first.number + 1
    old, new = invoices.invoices_of_slip(store.uow(), slip.id)
    assert old.status == InvoiceStatus.VOID and "R000001" in old.void_reason
    assert old.total == Decimal("1778.80") and [l.quantity for l in old.lines] == [2, 1]
    assert new.status == InvoiceStatus.ISSUED and new.replaces_number == old.number
    assert new.total == Decimal("1688.90") and [l.quantity for l in new.lines] == [1, 1]
    assert "退货单 R000001" in new.remarks and new.customer_name == "张伟"
    # The next invoice for any slip takes the next number: no gap.
    other = sell({"DFB-1": 1})
    assert invoices.issue_invoice(store.uow(), c, other.id, DETAILS).number == new.number + 1
    with store.uow() as u:
        numbers = sorted(u.session.exec(select(Invoice.number)))
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_full_return_voids_the_invoice_without_a_replacement(store, staff, sell):
    slip = sell({"PJ-1": 1})
    invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    done = take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "质量问题", CASH, staff["M01"])
    assert done.voided_invoice is not None and done.replacement_invoice is None
    with pytest.raises(InvalidState, match="nothing left to invoice"):
        invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)


def test_invoice_asked_for_after_a_return_bills_only_the_kept_goods(store, staff, sell):
    slip = sell({"PJ-1": 2})
    take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "多买了", CASH, staff["M01"])
    issued = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    assert issued.total == Decimal("89.90") and issued.lines[0].quantity == 1


def test_mobile_refund_needs_its_reference(store, staff, sell):
    slip = sell({"PJ-1": 1})
    with pytest.raises(BadInput, match="reference"):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", RefundIn(Tender.MOBILE), staff["M01"])


def test_a_manager_taking_a_return_approves_it_themselves(store, staff, sell):
    slip = sell({"PJ-1": 1})
    done = take_return(store.uow(), staff["M01"], slip.id, [ReturnLineIn(1, 1)], "不合适", CASH)
    assert done.approved_by == staff["M01"].full_name and done.number == "R000001"


def drawer(store, cashier) -> shifts.DrawerCount:
    shift = shifts.current_shift(store.uow(), cashier)
    return shifts.count_drawer(store.uow(), cashier, shift.id, {})


def test_a_cash_refund_comes_out_of_the_cashiers_open_drawer_once(store, staff, sell):
    slip = sell({"PJ-1": 2})  # ¥179.80 in cash, exact
    cashier = staff["C01"]
    before = drawer(store, cashier)
    done = take_return(store.uow(), cashier, slip.id, [ReturnLineIn(1, 1)], "多买了", CASH, staff["M01"])
    after = drawer(store, cashier)
    assert after.refunds == before.refunds + Decimal("89.90") == done.refund
    assert after.expected == before.expected - Decimal("89.90")
    with store.uow() as u:
        movement = u.session.exec(select(CashMovement)).one()
        refund = u.session.exec(select(Refund)).one()
    assert (movement.kind, movement.amount_fen, movement.slip_id, movement.reference) == (
        CashMovementKind.REFUND, 8990, slip.id, "R000001")
    assert movement.approved_by_id == staff["M01"].id and "多买了" in movement.reason
    assert (refund.tender, refund.amount_fen, refund.at) == (Tender.CASH, 8990, movement.created_at)


def test_a_cash_refund_without_an_open_shift_is_refused_and_nothing_comes_back(store, staff, sell, products):
    slip = sell({"PJ-1": 1})
    cashier = staff["C01"]
    shift = shifts.current_shift(store.uow(), cashier)
    shifts.close_shift(store.uow(), cashier, shift.id, notes_for(to_fen(drawer(store, cashier).expected)))
    stock = on_hand(store, products["PJ-1"])
    with pytest.raises(shifts.NoOpenShift, match="李秀梅 has no open shift"):
        take_return(store.uow(), cashier, slip.id, [ReturnLineIn(1, 1)], "不合适", CASH, staff["M01"])
    assert on_hand(store, products["PJ-1"]) == stock
    with store.uow() as u:
        assert u.session.exec(select(SlipReturn)).all() == []
        assert u.session.exec(select(Refund)).all() == []
        assert u.session.exec(select(CashMovement)).all() == []
    # A card refund needs no drawer.
    done = take_return(store.uow(), cashier, slip.id, [ReturnLineIn(1, 1)], "不合适", RefundIn(Tender.CARD, "1"),
                       staff["M01"])
    assert done.tender == Tender.CARD


def test_a_cash_refund_larger_than_the_drawer_holds_is_refused(store, staff, sell):
    slip = sell({"XYJ-1": 1}, tenders=[TenderIn(Tender.CARD, Decimal("3299"), reference="1")])
    with pytest.raises(InvalidState, match="should hold only ¥500.00"):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", CASH, staff["M01"])
    with store.uow() as u:
        assert u.session.exec(select(SlipReturn)).all() == []


def test_card_mobile_and_account_refunds_leave_the_drawer_alone(store, staff, sell):
    slip = sell({"PJ-1": 2})
    before = drawer(store, staff["C01"])
    take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", RefundIn(Tender.CARD, "1"),
                staff["M01"])
    take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", RefundIn(Tender.MOBILE, "42"),
                staff["M01"])
    assert drawer(store, staff["C01"]) == before
    with store.uow() as u:
        assert u.session.exec(select(CashMovement)).all() == []

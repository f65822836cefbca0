"""Undoing the cashier's last payment: reversed, not deleted, so the drawer,
the shift and the day's takings net to what stayed; refused once the goods,
an invoice or another shift stand on it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from counter.errors import BadInput, InvalidState, NotFound
from counter.services import handover, invoices, payments, reports, shifts, slips
from counter.services.payment_undo import undo_last_payment
from counter.services.payments import TenderIn
from models import AuditEvent, Payment, SlipStatus, Tender
from models.clock import now
from tests.conftest import row_counts


def drawer_expected(store, cashier) -> Decimal:
    shift = shifts.current_shift(store.uow(), cashier)
    return shifts.count_drawer(store.uow(), cashier, shift.id, {}).expected


def test_a_cash_payment_undone_is_reversed_and_the_slip_waits_again(store, staff, sell):
    c = staff["C01"]
    float_only = drawer_expected(store, c)
    slip = sell({"PJ-1": 1}, tenders=[TenderIn(Tender.CASH, Decimal("100.00"))], hand_over=False)  # ¥89.90
    assert drawer_expected(store, c) == float_only + Decimal("89.90")
    back = undo_last_payment(store.uow(), c, "收错了单")
    assert back.status == SlipStatus.WRITTEN and back.number == slip.number
    with store.uow() as u:
        rows = [(p.amount_fen, p.received_fen, p.change_fen) for p in u.session.exec(select(Payment).order_by(Payment.id))]
        assert rows == [(8990, 10000, 1010), (-8990, -10000, -1010)]
        [event] = u.session.exec(select(AuditEvent).where(AuditEvent.action == "slip.payment_undone")).all()
        assert "收错了单" in event.after
    assert drawer_expected(store, c) == float_only
    day = reports.daily_report(store.uow(), staff["M01"], now().date())
    assert (day.slips_paid, day.takings, [(r.key, r.count) for r in day.by_tender]) == (0, Decimal(0), [("cash", 0)])
    # Paid again, rightly: its receipt lists only that payment.
    payments.take_payment(store.uow(), c, slip.id, [TenderIn(Tender.CARD, Decimal("89.90"), reference="1234")])
    assert [(p.tender, p.amount) for p in payments.payments_of(store.uow(), slip.id)] == [(Tender.CARD, Decimal("89.90"))]


def test_only_while_the_goods_and_the_invoice_are_not_yet_made(store, staff, sell):
    c = staff["C01"]
    slip = sell({"PJ-1": 1}, hand_over=False)
    handover.pack_line(store.uow(), staff["A01"], slip.id, 1)
    before = row_counts(store)
    with pytest.raises(InvalidState, match="being handed over"):
        undo_last_payment(store.uow(), c, "错了")
    handover.pack_line(store.uow(), staff["A01"], slip.id, 1, packed=False)
    invoices.issue_invoice(store.uow(), c, slip.id, invoices.InvoiceDetails("张伟", "天河路1号", "13800138000"))
    before = row_counts(store)
    with pytest.raises(InvalidState, match="invoice or an e-fapiao"):
        undo_last_payment(store.uow(), c, "错了")
    closed = sell({"PJ-1": 1})
    with pytest.raises(InvalidState, match="already handed over"):
        undo_last_payment(store.uow(), c, "错了")
    assert slips.get_slip(store.uow(), slip_id=closed.id).status == SlipStatus.CLOSED
    with pytest.raises(BadInput, match="Say why"):
        undo_last_payment(store.uow(), c, "  ")
    assert row_counts(store)["payment"] == before["payment"] + 1


def test_only_the_last_payment_of_this_cashier_in_this_shift(store, staff, sell):
    with pytest.raises(NotFound, match="no payment in this shift"):
        undo_last_payment(store.uow(), staff["C01"], "错了")
    first = sell({"PJ-1": 1}, hand_over=False)
    second = sell({"DFB-1": 1}, hand_over=False)
    assert undo_last_payment(store.uow(), staff["C01"], "错了").number == second.number
    # The one before is not "the last payment" once the last was undone.
    with pytest.raises(NotFound):
        undo_last_payment(store.uow(), staff["C01"], "错了")
    assert slips.get_slip(store.uow(), slip_id=first.id).status == SlipStatus.PAID


def test_an_account_sale_is_put_right_by_a_return_not_an_undo(store, staff, sell):
    from counter.services import accounts, customers

    customer = customers.add_customer(store.uow(), staff["A01"], "明华公司", "020-88880000", "天河路1号")
    accounts.set_credit_limit(store.uow(), staff["M01"], customer.id, Decimal(1000))
    sell({"PJ-1": 1}, tenders=[TenderIn(Tender.ACCOUNT, Decimal("89.90"))], customer_id=customer.id, hand_over=False)
    with pytest.raises(InvalidState, match="on account, by cheque or with a trade-in subsidy"):
        undo_last_payment(store.uow(), staff["C01"], "错了")

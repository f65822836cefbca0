"""The counter sale through the services: every refusal, stock reservation
and release, gapless invoice numbers across voids, and drafts that survive."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import func, select

from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.services import handover, invoices, payments, slips
from counter.services.handover import Delivery
from counter.services.invoices import InvoiceDetails
from counter.services.payments import TenderIn
from models import AuditEvent, Invoice, InvoiceStatus, Payment, Product, SlipStatus, Tender
from models.clock import frozen_at, now

DETAILS = InvoiceDetails("杭州明远贸易有限公司", "杭州市西湖区文三路 90 号", "13800138000")


def stock(store, product_id: int) -> tuple[int, int]:
    with store.uow() as uow:
        p = uow.session.get(Product, product_id)
        return p.stock_on_hand, p.reserved


def written_slip(store, staff, products, *items: tuple[str, int]) -> slips.SlipView:
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    for sku, qty in items:
        slips.add_line(store.uow(), a, draft.id, products[sku], qty)
    return slips.write_slip(store.uow(), a, draft.id)


def paid_slip(store, staff, products, *items) -> slips.SlipView:
    slip = written_slip(store, staff, products, *items)
    return payments.take_payment(store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CARD, slip.total)]).slip


# --- writing the slip -------------------------------------------------------


def test_line_amount_is_quantity_times_unit_price_and_total_their_sum(store, staff, products):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"], 2)
    view = slips.add_line(store.uow(), a, draft.id, products["PJ-1"], 3)
    assert [l.amount for l in view.lines] == [Decimal("6598.00"), Decimal("269.70")]
    assert view.total == Decimal("6867.70")


def test_the_same_goods_again_add_to_their_line(store, staff, products):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["PJ-1"])
    view = slips.add_line(store.uow(), a, draft.id, products["PJ-1"])
    assert [(l.line_no, l.quantity) for l in view.lines] == [(1, 2)]


@pytest.mark.parametrize("qty", [0, -1, 10000, "1.5", "two", "", True])
def test_bad_quantities_are_refused(store, staff, products, qty):
    draft = slips.current_draft(store.uow(), staff["A01"])
    view = slips.add_line(store.uow(), staff["A01"], draft.id, products["PJ-1"])
    with pytest.raises(BadInput, match="Quantity must be a whole number"):
        slips.set_quantity(store.uow(), staff["A01"], draft.id, view.lines[0].line_no, qty)
    assert slips.get_slip(store.uow(), slip_id=draft.id).lines[0].quantity == 1


def test_removing_a_line_renumbers_the_rest(store, staff, products):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    for sku in ("XYJ-1", "PJ-1", "DFB-1"):
        slips.add_line(store.uow(), a, draft.id, products[sku])
    view = slips.remove_line(store.uow(), a, draft.id, 2)
    assert [(l.line_no, l.name) for l in view.lines] == [(1, "滚筒洗衣机"), (2, "电饭煲")]
    assert view.total == Decimal("3698.00")


def test_a_cashier_may_not_write_slips(store, staff):
    with pytest.raises(NotPermitted):
        slips.current_draft(store.uow(), staff["C01"])


def test_discount_within_limit_shows_the_real_unit_price(store, staff, products):
    a = staff["A01"]  # limit 5%
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"], 2)
    view = slips.set_unit_price(store.uow(), a, draft.id, 1, Decimal("3200.00"))
    line = view.lines[0]
    assert (line.list_price, line.unit_price, line.amount) == (Decimal("3299.00"), Decimal("3200.00"), Decimal("6400.00"))


def test_discount_past_the_limit_needs_a_manager(store, staff, products):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"])
    with pytest.raises(NotPermitted, match="manager must approve"):
        slips.set_unit_price(store.uow(), a, draft.id, 1, Decimal("2999.00"))
    with pytest.raises(NotPermitted):
        slips.set_unit_price(store.uow(), a, draft.id, 1, Decimal("2999.00"), approver=staff["C01"])
    view = slips.set_unit_price(store.uow(), a, draft.id, 1, Decimal("2999.00"), approver=staff["M01"])
    assert view.lines[0].unit_price == Decimal("2999.00")
    with store.uow() as uow:
        event = uow.session.exec(select(AuditEvent).where(AuditEvent.action == "slip.discount")).one()
        assert f'"approved_by": {staff["M01"].id}' in event.after


@pytest.mark.parametrize("price", ["0", "3300.00"])
def test_discount_cannot_be_zero_or_raise_the_price(store, staff, products, price):
    draft = slips.current_draft(store.uow(), staff["A01"])
    slips.add_line(store.uow(), staff["A01"], draft.id, products["XYJ-1"])
    with pytest.raises(BadInput):
        slips.set_unit_price(store.uow(), staff["M01"], draft.id, 1, Decimal(price))


def test_writing_numbers_the_slip_and_reserves_its_stock(store, staff, products):
    slip = written_slip(store, staff, products, ("XYJ-1", 2), ("PJ-1", 1))
    assert slip.status == SlipStatus.WRITTEN and slip.number.isdigit() and len(slip.number) == 6
    assert stock(store, products["XYJ-1"]) == (10, 2)
    assert stock(store, products["PJ-1"]) == (40, 1)
    queue = slips.slips_with_status(store.uow(), SlipStatus.WRITTEN)
    assert [s.number for s in queue] == [slip.number]


def test_an_empty_slip_cannot_be_written(store, staff):
    draft = slips.current_draft(store.uow(), staff["A01"])
    with pytest.raises(InvalidState, match="no lines"):
        slips.write_slip(store.uow(), staff["A01"], draft.id)


def test_a_slip_wanting_more_than_is_available_is_refused(store, staff, products):
    written_slip(store, staff, products, ("BX-1", 2))  # the last two
    draft = slips.current_draft(store.uow(), staff["A02"])
    slips.add_line(store.uow(), staff["A02"], draft.id, products["BX-1"])
    with pytest.raises(InvalidState, match="Only 0 of 对开门冰箱"):
        slips.write_slip(store.uow(), staff["A02"], draft.id)
    assert stock(store, products["BX-1"]) == (2, 2)


def test_cancelling_a_written_slip_returns_its_stock(store, staff, products):
    slip = written_slip(store, staff, products, ("XYJ-2", 3))
    with pytest.raises(BadInput, match="why"):
        slips.cancel_slip(store.uow(), staff["A01"], slip.id, "  ")
    view = slips.cancel_slip(store.uow(), staff["A01"], slip.id, "customer changed mind")
    assert view.status == SlipStatus.CANCELLED
    assert stock(store, products["XYJ-2"]) == (5, 0)


def test_a_paid_slip_cannot_be_cancelled_or_edited(store, staff, products):
    slip = paid_slip(store, staff, products, ("PJ-1", 1))
    with pytest.raises(InvalidState, match="only an unpaid slip"):
        slips.cancel_slip(store.uow(), staff["M01"], slip.id, "oops")
    with pytest.raises(InvalidState, match="only a draft can be changed"):
        slips.add_line(store.uow(), staff["A01"], slip.id, products["PJ-1"])


def test_hold_and_resume_keep_every_line(store, staff, products):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["PJ-1"], 2)
    slips.hold_slip(store.uow(), a, draft.id)
    fresh = slips.current_draft(store.uow(), a)
    assert fresh.id != draft.id and not fresh.lines
    assert [s.id for s in slips.held_slips(store.uow(), a)] == [draft.id]
    slips.add_line(store.uow(), a, fresh.id, products["DFB-1"])
    resumed = slips.resume_slip(store.uow(), a, draft.id)
    assert resumed.status == SlipStatus.DRAFT and resumed.lines[0].quantity == 2
    # The draft typed meanwhile was put on hold, not lost.
    assert [s.id for s in slips.held_slips(store.uow(), a)] == [fresh.id]


def test_a_draft_survives_the_app_being_killed_and_restarted(settings, staff, products):
    from counter.store import Store

    first = Store.open(settings)
    draft = slips.current_draft(first.uow(), staff["A01"])
    slips.add_line(first.uow(), staff["A01"], draft.id, products["XYJ-1"])
    first.engine.dispose()  # the process dies; only committed rows remain
    second = Store.open(settings)
    again = slips.current_draft(second.uow(), staff["A01"])
    assert again.id == draft.id and [l.name for l in again.lines] == ["滚筒洗衣机"]


def test_slip_numbers_as_typed_or_scanned(store):
    assert slips.normalise_number("12") == "000012"
    assert slips.normalise_number(" S000012 ") == "000012"
    for bad in ("", "12a", "-1", "1" * 13):
        with pytest.raises(BadInput):
            slips.normalise_number(bad)
    with pytest.raises(NotFound):
        slips.get_slip(store.uow(), number="999999")


# --- invoices ---------------------------------------------------------------


def test_an_invoice_only_for_a_paid_slip(store, staff, products):
    slip = written_slip(store, staff, products, ("PJ-1", 1))
    with pytest.raises(InvalidState, match="only for a paid slip"):
        invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)


def test_invoice_carries_the_customer_lines_total_and_names(store, staff, products):
    slip = paid_slip(store, staff, products, ("XYJ-1", 1), ("PJ-1", 2))
    inv = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    assert (inv.customer_name, inv.customer_phone) == (DETAILS.customer_name, DETAILS.customer_phone)
    assert inv.total == Decimal("3478.80") == sum(l.amount for l in inv.lines)
    assert (inv.filled_by, inv.cashier) == ("李秀梅", "李秀梅")
    assert [(l.brand, l.spec, l.colour) for l in inv.lines][0] == ("海尔", "10公斤 1400转", "白色")
    assert not inv.reissued_late and inv.remarks == ""


@pytest.mark.parametrize(
    "details, message",
    [
        (InvoiceDetails("王", "杭州", "13800138000"), "full name"),
        (InvoiceDetails("王小明", " ", "13800138000"), "address"),
        (InvoiceDetails("王小明", "杭州", "call me"), "not a phone number"),
    ],
)
def test_invoice_needs_full_name_address_and_phone(store, staff, products, details, message):
    slip = paid_slip(store, staff, products, ("PJ-1", 1))
    with pytest.raises(BadInput, match=message):
        invoices.issue_invoice(store.uow(), staff["C01"], slip.id, details)


def test_one_live_invoice_per_slip(store, staff, products):
    slip = paid_slip(store, staff, products, ("PJ-1", 1))
    invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    with pytest.raises(InvalidState, match="void it first"):
        invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)


def test_void_keeps_the_invoice_and_the_reissue_refers_to_it(store, staff, products):
    slip = paid_slip(store, staff, products, ("PJ-1", 1))
    first = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    with pytest.raises(NotPermitted):
        invoices.void_invoice(store.uow(), staff["C01"], first.id, "wrong name")
    voided = invoices.void_invoice(store.uow(), staff["M01"], first.id, "wrong name")
    assert voided.status == InvoiceStatus.VOID and voided.voided_by == "周明远"
    with pytest.raises(InvalidState, match="already void"):
        invoices.void_invoice(store.uow(), staff["M01"], first.id, "again")
    second = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    assert second.number == first.number + 1
    assert second.replaces_number == first.number
    assert f"{first.number:08d}" in second.remarks
    assert [i.status for i in invoices.invoices_of_slip(store.uow(), slip.id)] == ["void", "issued"]


def test_invoice_numbers_are_gapless_across_voids_and_refusals(store, staff, products):
    numbers = []
    for i in range(4):
        slip = paid_slip(store, staff, products, ("PJ-1", 1))
        inv = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
        numbers.append(inv.number)
        with pytest.raises(BadInput):  # a refused issue takes no number
            invoices.issue_invoice(store.uow(), staff["C01"], slip.id, InvoiceDetails("", "", ""))
        if i % 2 == 0:
            invoices.void_invoice(store.uow(), staff["M01"], inv.id, "typo")
            numbers.append(invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS).number)
    with store.uow() as uow:
        stored = sorted(uow.session.exec(select(Invoice.number)))
    assert stored == numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_an_invoice_issued_after_the_sale_day_says_bukai(store, staff, products):
    yesterday = now() - timedelta(days=1)
    with frozen_at(yesterday):
        slip = paid_slip(store, staff, products, ("PJ-1", 1))
    inv = invoices.issue_invoice(store.uow(), staff["C01"], slip.id, DETAILS)
    assert inv.reissued_late and inv.sale_date == yesterday.date()
    assert f"补开 (销售日期 {yesterday:%Y-%m-%d})" in inv.remarks


# --- hand-over --------------------------------------------------------------


def test_an_unpaid_slip_is_not_handed_over(store, staff, products):
    slip = written_slip(store, staff, products, ("PJ-1", 1))
    with pytest.raises(InvalidState, match="stamped paid"):
        handover.open_for_hand_over(store.uow(), staff["A01"], slip.id)
    with pytest.raises(InvalidState):
        handover.hand_over(store.uow(), staff["A01"], slip.id)


def test_every_line_is_packed_before_the_goods_go(store, staff, products):
    slip = paid_slip(store, staff, products, ("XYJ-1", 1), ("PJ-1", 1))
    ticked = handover.pack_line(store.uow(), staff["A01"], slip.id, 1)
    assert [line.packed for line in ticked.lines] == [True, False]  # the slip as it now is
    with pytest.raises(InvalidState, match=r"lines 2\)"):
        handover.hand_over(store.uow(), staff["A01"], slip.id)
    handover.pack_line(store.uow(), staff["A01"], slip.id, 2)
    closed = handover.hand_over(store.uow(), staff["A01"], slip.id)
    assert closed.status == SlipStatus.CLOSED
    assert stock(store, products["XYJ-1"]) == (9, 0)
    assert stock(store, products["PJ-1"]) == (39, 0)


def test_delivery_needs_phone_address_and_a_date_not_past(store, staff, products):
    slip = paid_slip(store, staff, products, ("XYJ-1", 1))
    handover.pack_line(store.uow(), staff["A01"], slip.id, 1)
    today = now().date()
    with pytest.raises(BadInput, match="not a phone number"):
        handover.hand_over(store.uow(), staff["A01"], slip.id, Delivery("abc", "杭州", today))
    with pytest.raises(BadInput, match="address"):
        handover.hand_over(store.uow(), staff["A01"], slip.id, Delivery("13800138000", "", today))
    with pytest.raises(BadInput, match="has passed"):
        handover.hand_over(store.uow(), staff["A01"], slip.id, Delivery("13800138000", "杭州", today - timedelta(days=1)))
    view = handover.hand_over(store.uow(), staff["A01"], slip.id, Delivery("13800138000", "杭州市文三路", today + timedelta(days=2)))
    assert (view.delivery_address, view.delivery_date) == ("杭州市文三路", today + timedelta(days=2))


def test_a_cheque_sale_waits_for_funds_unless_a_manager_releases_it(store, staff, products):
    slip = written_slip(store, staff, products, ("DFB-1", 1))
    result = payments.take_payment(
        store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CHEQUE, slip.total, reference="ZP0001")]
    )
    assert result.awaiting_funds and result.slip.status == SlipStatus.AWAITING_FUNDS
    handover.pack_line(store.uow(), staff["A01"], slip.id, 1)
    with pytest.raises(NotPermitted, match="has not cleared"):
        handover.hand_over(store.uow(), staff["A01"], slip.id)
    with pytest.raises(NotPermitted):
        handover.hand_over(store.uow(), staff["A01"], slip.id, override_by=staff["C01"])
    view = handover.hand_over(store.uow(), staff["A01"], slip.id, override_by=staff["M01"])
    assert view.status == SlipStatus.AWAITING_FUNDS  # still owed; goods gone on the manager's word
    assert stock(store, products["DFB-1"]) == (0, 0)


def test_cleared_cheque_makes_the_slip_paid(store, staff, products):
    slip = written_slip(store, staff, products, ("DFB-1", 1))
    payments.take_payment(store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CHEQUE, slip.total, reference="ZP2")])
    view = payments.clear_cheque(store.uow(), staff["C01"], slip.id)
    assert view.status == SlipStatus.PAID
    with store.uow() as uow:
        assert uow.session.exec(select(Payment.cleared).where(Payment.slip_id == slip.id)).all() == [True]


# --- payment ----------------------------------------------------------------


def test_cash_payment_records_received_and_change(store, staff, products):
    slip = written_slip(store, staff, products, ("DFB-1", 1))  # ¥399.00
    result = payments.take_payment(store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CASH, Decimal("500"))])
    assert (result.received, result.change) == (Decimal("500"), Decimal("101.00"))
    assert result.announcement == "Received ¥500.00, change ¥101.00"
    assert result.slip.status == SlipStatus.PAID and result.slip.cashier == "李秀梅"
    with store.uow() as uow:
        p = uow.session.exec(select(Payment).where(Payment.slip_id == slip.id)).one()
        assert (p.amount_fen, p.received_fen, p.change_fen) == (39900, 50000, 10100)


def test_split_card_and_cash_gives_change_only_from_cash(store, staff, products):
    slip = written_slip(store, staff, products, ("XYJ-1", 1))  # ¥3299
    result = payments.take_payment(
        store.uow(), staff["C01"], slip.id,
        [TenderIn(Tender.CARD, Decimal("3000")), TenderIn(Tender.CASH, Decimal("300"), counted={10000: 3})],
    )
    assert result.change == Decimal("1.00")
    with store.uow() as uow:
        rows = {p.tender: p for p in uow.session.exec(select(Payment).where(Payment.slip_id == slip.id))}
        assert rows["card"].amount_fen + rows["cash"].amount_fen == 329900
        assert rows["cash"].counted == "100.00x3"


def test_a_paid_slip_cannot_be_paid_twice(store, staff, products):
    slip = paid_slip(store, staff, products, ("PJ-1", 1))
    with pytest.raises(InvalidState, match="only a written slip"):
        payments.take_payment(store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CASH, Decimal("100"))])
    with store.uow() as uow:
        assert uow.session.exec(select(func.count()).select_from(Payment).where(Payment.slip_id == slip.id)).one() == 1


def test_payment_and_stock_commit_together_with_their_audit(store, staff, products):
    slip = paid_slip(store, staff, products, ("PJ-1", 2))
    with store.uow() as uow:
        actions = [e.action for e in uow.session.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-3:] == ["stock.reserved", "slip.written", "slip.paid"]
    assert datetime.now() - timedelta(minutes=5) < slip.paid_at

"""Handing over the goods: only against a paid slip, each line ticked packed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from counter.app import make_app
from counter.services import customers, payments, slips
from models import Product, Slip, SlipStatus, Tender
from models.clock import now
from screens.ask import Ask
from screens.hand_over import HandOverScreen
from screens.manager_pin import ManagerApproval
from tests.tui.helpers import open_flow, rows_of, text_of, until


def written_slip(store, staff, products, skus: list[str], customer_id: int | None = None) -> slips.SlipView:
    assistant = staff["A02"]
    draft = slips.current_draft(store.uow(), assistant)
    for sku in skus:
        slips.add_line(store.uow(), assistant, draft.id, products[sku])
    if customer_id is not None:
        slips.set_customer(store.uow(), assistant, draft.id, customer_id)
    return slips.write_slip(store.uow(), assistant, draft.id)


def paid(store, staff, slip: slips.SlipView, tender: Tender = Tender.CASH) -> slips.SlipView:
    reference = "ZP00000001" if tender == Tender.CHEQUE else ""
    tenders = [payments.TenderIn(tender, slip.total, reference=reference)]
    return payments.take_payment(store.uow(), staff["C01"], slip.id, tenders).slip


def slip_row(store, slip_id: int) -> Slip:
    with store.uow() as u:
        return u.session.get(Slip, slip_id)


def stock(store, sku: str) -> tuple[int, int]:
    with store.uow() as u:
        product = u.session.exec(select(Product).where(Product.sku == sku)).one()
        return product.stock_on_hand, product.reserved


async def open_hand_over(pilot) -> HandOverScreen:
    await open_flow(pilot, "A01", "1111", "f4", HandOverScreen)
    return pilot.app.screen


async def test_an_unpaid_slip_is_refused_at_hand_over(settings, store, staff, products):
    slip = written_slip(store, staff, products, ["DFB-1"])
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_hand_over(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: "stamped paid" in text_of(pilot, "#message"), "the refusal")
        assert "waiting for payment" in text_of(pilot, "#message")
        assert screen.slip is None and rows_of(pilot, "#lines") == []
        assert screen.query_one("#number").value == slip.number  # kept for a retry
        assert slip_row(store, slip.id).status == SlipStatus.WRITTEN
        assert stock(store, "DFB-1") == (1, 1)


async def test_a_cheque_slip_is_held_back_until_a_manager_overrides(settings, store, staff, products):
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-2"]), Tender.CHEQUE)
    assert slip.status == SlipStatus.AWAITING_FUNDS
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_hand_over(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: isinstance(app.screen, ManagerApproval), "the manager's PIN")
        await pilot.press("escape")  # no manager to hand: the goods stay
        await until(pilot, lambda: "has not cleared" in text_of(pilot, "#message"), "the refusal")
        assert screen.slip is None

        await pilot.press("enter")  # the number is still typed
        await until(pilot, lambda: isinstance(app.screen, ManagerApproval), "the manager's PIN")
        await pilot.press(*"M01", "enter", *"9999", "enter")
        await until(pilot, lambda: screen.slip is not None, "the opened slip")
        assert "周明远's override" in text_of(pilot, "#message")
        assert "awaiting funds" in text_of(pilot, "#slip-head")
        await pilot.press("f5")  # not packed yet: refused
        await until(pilot, lambda: "Tick every line" in text_of(pilot, "#message"), "the packing rule")
        await pilot.press("space")
        await until(pilot, lambda: "[✓]" in rows_of(pilot, "#lines")[0], "the ticked line")
        await pilot.press("f5")
        await until(pilot, lambda: "handed over" in text_of(pilot, "#message"), "the hand-over")
        assert "still awaiting funds" in text_of(pilot, "#message")
    row = slip_row(store, slip.id)
    assert row.release_override_by_id == staff["M01"].id and row.handed_over_by_id == staff["A01"].id
    assert row.status == SlipStatus.AWAITING_FUNDS and row.closed_at is not None
    assert stock(store, "XYJ-2") == (4, 0)


@pytest.mark.postgres
async def test_a_paid_slip_is_ticked_and_handed_over_with_delivery(settings, store, staff, products):
    customer = customers.add_customer(store.uow(), staff["A02"], "张伟", "13857162048", "杭州市文三路259号")
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-1", "PJ-1"], customer.id))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_hand_over(pilot)
        waiting = screen.query_one("#waiting")
        await until(pilot, lambda: waiting.option_count == 1, "the paid slip in the list")
        assert slip.number in str(waiting.get_option_at_index(0).prompt)
        await pilot.press("tab", "enter")  # pick it from the list
        await until(pilot, lambda: screen.slip is not None, "the opened slip")
        assert "[ ]" in rows_of(pilot, "#lines")[0] and "滚筒洗衣机" in rows_of(pilot, "#lines")[0]
        await pilot.press("space", "space")
        await until(pilot, lambda: "Every line is checked and packed" in text_of(pilot, "#message"), "all packed")
        assert all("[✓]" in row for row in rows_of(pilot, "#lines"))

        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the delivery form")
        form = app.screen
        assert form.query_one("#phone").value == "13857162048"
        assert form.query_one("#address").value == "杭州市文三路259号"
        await pilot.press("enter", *"3号门", "enter", *"2030-02-30", "enter")  # no such day; a key edits the address
        assert form.query_one("#address").value == "杭州市文三路259号3号门"
        await until(pilot, lambda: "YYYY-MM-DD" in text_of(pilot, "#message"), "the date refusal")
        assert form.query_one("#date").value == "2030-02-30"
        assert form.query_one("#address").value == "杭州市文三路259号3号门"
        when = (now().date() + timedelta(days=2)).isoformat()
        await pilot.press(*["backspace"] * 10, *when, "enter")
        await until(pilot, lambda: "delivery to" in text_of(pilot, "#message"), "the scheduled delivery")
        assert "The sale is closed." in text_of(pilot, "#message")
        await until(pilot, lambda: waiting.option_count == 0 or slip.number not in str(waiting.get_option_at_index(0).prompt),
                    "the slip gone from the list")
    row = slip_row(store, slip.id)
    assert row.status == SlipStatus.CLOSED and row.handed_over_by_id == staff["A01"].id
    assert (row.delivery_phone, row.delivery_address, row.delivery_date.isoformat()) == (
        "13857162048", "杭州市文三路259号3号门", when,
    )
    assert stock(store, "XYJ-1") == (9, 0) and stock(store, "PJ-1") == (39, 0)
    assert slip.total == Decimal("3388.90")


async def test_a_phone_orders_slip_is_paid_at_the_counter_but_not_handed_over_there(settings, store, staff, products):
    from tests.orders_helpers import S, advance, confirmed
    from tests.tui.test_cashier import open_payment, shown

    order = advance(store, staff, confirmed(store, staff, products), S.SCHEDULED)
    order_slip = slips.get_slip(store.uow(), slip_id=order.slip_id)
    counter_slip = paid(store, staff, written_slip(store, staff, products, ["PJ-1"]))

    # The customer comes in to pay: the cashier sees whose order the slip is.
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_payment(pilot)
        assert f"{order_slip.number}" in shown(app, "#queue")
        assert f"phone order {order.number}" in shown(app, "#queue")
        await pilot.press(*order_slip.number, "enter")
        await until(pilot, lambda: f"phone order {order.number}" in text_of(pilot, "#slip-head"), "the order number")
        await pilot.press(*"6598", "enter")
        await until(pilot, lambda: "Received ¥6,598.00" in shown(app, "#say"), "the payment")
    assert slip_row(store, order.slip_id).status == SlipStatus.PAID

    # At the counter's hand-over the order's slip is not listed, and typed in it is refused.
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_hand_over(pilot)
        await until(pilot, lambda: screen.waiting, "the paid slips")
        assert [s.id for s in screen.waiting] == [counter_slip.id]
        listed = screen.query_one("#waiting")
        assert listed.option_count == 1 and counter_slip.number in str(listed.get_option_at_index(0).prompt)
        await pilot.press(*order_slip.number, "enter")
        await until(pilot, lambda: f"belongs to phone order {order.number}" in text_of(pilot, "#message"), "the refusal")
        assert "(Fulfil phone orders)" in text_of(pilot, "#message")
        assert screen.slip is None and rows_of(pilot, "#lines") == []
    assert slip_row(store, order.slip_id).status == SlipStatus.PAID
    assert slip_row(store, order.slip_id).handed_over_by_id is None
    assert stock(store, "XYJ-1") == (10, 2)


async def test_a_serialised_units_serial_is_scanned_before_it_is_ticked_and_printed_on_the_receipt(
    settings, store, staff, products
):
    from pathlib import Path

    from counter.services import serials
    from models import UnitSerial

    serials.set_serialised(store.uow(), staff["M01"], "XYJ-1", True)
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-1", "PJ-1"]))
    taken = paid(store, staff, written_slip(store, staff, products, ["XYJ-1"]))
    serials.record_serial(store.uow(), staff["A01"], taken.id, "HR2025A0007")
    app = make_app(settings, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_hand_over(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: "Scan the serial number of each unit (line 1: 1)" in text_of(pilot, "#message"),
                    "the serial asked for")
        assert screen.focused is screen.query_one("#serial")
        await pilot.press(*"hr2025a0007", "enter")  # the unit on the other slip
        await until(pilot, lambda: f"already on slip {taken.number}" in text_of(pilot, "#message"), "a duplicate refused")
        assert screen.query_one("#serial").value == "hr2025a0007"  # kept, to look at
        screen.query_one("#lines").focus()
        await pilot.press("space")  # line 1 before its serial: refused, back to the serial field
        await until(pilot, lambda: "1 to go" in text_of(pilot, "#message"), "the tick refused")
        await until(pilot, lambda: screen.focused is screen.query_one("#serial"), "the serial field focused")
        screen.add_serial("HR2025A0008")  # as the scan router hands over a Code 128 label
        await until(pilot, lambda: "Every serial number is in" in text_of(pilot, "#message"), "the serial recorded")
        await pilot.press("space", "space", "f5")
        await until(pilot, lambda: "handed over" in text_of(pilot, "#message"), "the hand-over")
        receipt = Path(settings.documents_dir) / f"receipt-{slip.number}-80mm.txt"
        await until(pilot, lambda: receipt.exists() and "序列号 HR2025A0008" in receipt.read_text(), "the receipt")
    with store.uow() as u:
        assert [s.serial for s in u.session.exec(select(UnitSerial).where(UnitSerial.slip_id == slip.id))] == ["HR2025A0008"]


async def test_a_serial_scanned_by_mistake_comes_off_with_f7(settings, store, staff, products):
    from counter.services import serials

    serials.set_serialised(store.uow(), staff["M01"], "XYJ-1", True)
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-1"]))
    app = make_app(settings, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_hand_over(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.wanted, "the serial asked for")
        await pilot.press(*"BOX-LABEL-1", "enter")
        await until(pilot, lambda: not screen.wanted, "the serial recorded")
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, Ask), "which serial")
        await pilot.press(*"box-label-1", "enter")
        await until(pilot, lambda: app.screen is screen and screen.wanted == {1: 1}, "the serial taken off")
        assert "Serial BOX-LABEL-1 taken off." in text_of(pilot, "#message")
    assert serials.serials_of_slip(store.uow(), slip.id) == {}

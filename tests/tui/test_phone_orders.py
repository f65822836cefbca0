"""The phone-order flow at the terminal, as an order tracker works it:
keys pressed, then what the screen shows and what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from counter.app import make_app
from counter.services import orders
from models import Call, FollowUp, Invoice, OrderStatus, Payment, PhoneOrder, ReadBack, Slip, SlipStatus
from tests.orders_helpers import advance, assert_stock_agrees_with_slips, confirmed, pay, stock, take
from tests.tui.helpers import until
from tests.tui.test_sign_in import sign_in

S = OrderStatus



def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def card(app) -> str:
    """The order card as plain text, the way it reads on screen."""
    from rich.console import Console

    console = Console(width=100, record=True, file=open("/dev/null", "w"))
    console.print(app.screen.query_one("#card").content)
    return console.export_text()


def cells(app, selector: str) -> list[str]:
    table = app.screen.query_one(selector, DataTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def type_into(pilot, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await paste(pilot, value, field)


async def paste(pilot, value: str, field: Input | None = None) -> None:
    """Text into the focused field at once, as a paste or a scanner gives it
    (key by key is only slower, and the fields behave the same)."""
    await pilot.pause()
    (field or pilot.app.focused).insert_text_at_cursor(value)
    await pilot.pause()


async def signed_in_tracker(pilot) -> None:
    await sign_in(pilot, "T01", "3333")
    assert pilot.app.actor.code == "T01"


def the_order(store) -> PhoneOrder:
    with store.uow() as u:
        return u.session.exec(select(PhoneOrder).order_by(PhoneOrder.id.desc())).first()


@pytest.mark.postgres
async def test_a_call_goes_from_ringing_to_delivered_paid_and_invoiced(settings, store, products):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("t")
        await paste(pilot, "13912345678")
        await until(pilot, lambda: "New caller" in text(app, "#caller"))
        await type_into(pilot, "#name", "Sun Ming")
        await type_into(pilot, "#address", "Hangzhou Wensan Road 259")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderEntryScreen")
        assert "P000001 · taken · Sun Ming" in text(app, "#order-head")

        await type_into(pilot, "#search", "EG100MATE55")
        await pilot.press("enter")
        assert "滚筒洗衣机" in cells(app, "#lines")[0]
        app.screen.query_one("#lines", DataTable).focus()
        await pilot.press("plus")
        assert "Total ¥6,598.00" in text(app, "#total")
        await type_into(pilot, "#wished", "+2")
        await pilot.press("enter", "enter")

        await pilot.press("f5")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReadBackScreen")
        script = text(app, "#script")
        assert "2 at ¥6,598.00" not in script and "Total ¥6,598.00, in words 陆仟伍佰玖拾捌元整" in script
        assert "Hangzhou Wensan Road 259" in script
        await pilot.press("y")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CallScreen")
        assert the_order(store).status == S.CONFIRMED
        assert any("P000001" in row for row in cells(app, "#calls"))

        await pilot.press("escape", "v")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReviewScreen")
        assert "Checked: stock, price and date are fine" in card(app)
        await pilot.press("a")
        assert "accepted: its slip is written" in text(app, "#message")
        assert stock(store, products, "XYJ-1") == (10, 2)

        await pilot.press("escape", "f")
        await until(pilot, lambda: app.screen.__class__.__name__ == "FulfilScreen")
        await pilot.press("p", "s")
        await until(pilot, lambda: app.screen.__class__.__name__ == "Ask")
        await paste(pilot, "Xiao Liu")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "FulfilScreen")
        assert "P000001 scheduled" in text(app, "#message")
        await pilot.press("d")
        assert the_order(store).status == S.DISPATCHED

        # Payment on delivery: the deliverer brings the money back to the cashier.
        await pilot.press("v")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderPayment")
        await pilot.press(*"C01", "enter", *"2222", "enter")
        app.screen.query_one("#reference", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "FulfilScreen")
        await until(pilot, lambda: "delivered" in text(app, "#message"))
        # The payment's receipt and the invoice issued with it are kept (and printed) at once.
        kept = Path(settings.documents_dir)
        await until(pilot, lambda: any(kept.glob("receipt-*")) and any(kept.glob("invoice-*")))

        order = the_order(store)
        assert order.status == S.DELIVERED
        with store.uow() as u:
            slip = u.session.get(Slip, order.slip_id)
            payment = u.session.exec(select(Payment).where(Payment.slip_id == slip.id)).one()
            invoice = u.session.exec(select(Invoice).where(Invoice.slip_id == slip.id)).one()
        assert slip.status == SlipStatus.CLOSED and payment.amount_fen == 659800
        assert (invoice.customer_name, invoice.total_fen) == ("Sun Ming", 659800)
        assert stock(store, products, "XYJ-1") == (8, 0)
        assert_stock_agrees_with_slips(store)


async def test_a_corrected_read_back_is_fixed_and_read_again(settings, store, staff, products):
    order = take(store, staff, products)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen")
        await pilot.press("e")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderEntryScreen")
        await pilot.press("f5")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReadBackScreen")
        assert "2 at ¥3,299.00 each" in text(app, "#script")
        await pilot.press("n")
        await paste(pilot, "only one")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderEntryScreen")
        assert "Correct the order" in text(app, "#message")
        await pilot.press("minus")
        await pilot.press("f5")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReadBackScreen")
        assert "1 at ¥3,299.00 each" in text(app, "#script")
        assert "only one" in cells(app, "#readings")[0]
        await pilot.press("y")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen")
        assert "confirmed" in cells(app, "#board")[0]
    with store.uow() as u:
        rows = u.session.exec(select(ReadBack).where(ReadBack.order_id == order.id).order_by(ReadBack.id)).all()
    assert [(r.outcome, r.correction) for r in rows] == [("corrected", "only one"), ("confirmed", "")]
    assert orders.get_order(store.uow(), staff["T01"], order.id).lines[0].quantity == 1


async def test_a_rejected_review_says_why_and_reserves_nothing(settings, store, staff, products):
    order = confirmed(store, staff, products, goods=(("DFB-1", 2),))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("v")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReviewScreen")
        assert "2 wanted, 1 available" in card(app)
        await pilot.press("a")
        assert "Only 1 of 电饭煲" in text(app, "#message")
        await pilot.press("r")
        await pilot.press("enter")
        assert "Say why" in text(app, "#message")
        await paste(pilot, "out of stock")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReviewScreen")
        assert f"Order {order.number} rejected" in text(app, "#message")
        assert app.screen.query_one("#queue", DataTable).row_count == 0
    view = orders.get_order(store.uow(), staff["T01"], order.id)
    assert (view.status, view.reason, view.slip_id) == (S.REJECTED, "out of stock", None)
    assert stock(store, products, "DFB-1") == (1, 0)


async def test_cancelling_an_accepted_order_puts_its_stock_back(settings, store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.SCHEDULED)
    assert stock(store, products, "XYJ-1") == (10, 2)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("f")
        await until(pilot, lambda: app.screen.__class__.__name__ == "FulfilScreen")
        await pilot.press("c")
        await paste(pilot, "customer moved")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "FulfilScreen")
        assert "cancelled; its goods are back on sale" in text(app, "#message")
    view = orders.get_order(store.uow(), staff["T01"], order.id)
    assert (view.status, view.reason, view.slip_status) == (S.CANCELLED, "customer moved", SlipStatus.CANCELLED)
    assert stock(store, products, "XYJ-1") == (10, 0)
    assert_stock_agrees_with_slips(store)


async def test_a_follow_up_call_is_recorded_from_the_board(settings, store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.DISPATCHED)
    pay(store, staff, order)
    orders.deliver(store.uow(), staff["T01"], order.id)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen")
        assert order.number in cells(app, "#diary")[0]
        await pilot.press("g")
        await paste(pilot, "installed, happy")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen")
        assert "Follow-up call for" in text(app, "#message")
        assert app.screen.query_one("#diary", DataTable).row_count == 0
        assert any("follow-up call: installed, happy" in row for row in cells(app, "#history"))
    with store.uow() as u:
        done = u.session.exec(select(FollowUp).where(FollowUp.order_id == order.id)).one()
    assert done.feedback == "installed, happy" and done.done_by_id == staff["T01"].id


async def test_a_returning_caller_is_shown_and_a_call_that_orders_nothing_is_logged(settings, store, staff, products):
    take(store, staff, products, phone="13857162048", name="张伟")
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("t")
        await paste(pilot, "138-5716-2048")
        await until(pilot, lambda: "Returning customer: 张伟" in text(app, "#caller"))
        assert "Belongs to: 赵国庆" in text(app, "#caller")
        assert "滚筒洗衣机×2" in cells(app, "#history")[0]
        assert app.screen.query_one("#name", Input).value == "张伟"
        await pilot.press("ctrl+s")
        assert "Ctrl+O" in text(app, "#message")
        app.screen.query_one("#purpose").value = "enquiry"
        await pilot.press("ctrl+s")
        assert "outcome" in text(app, "#message")
        assert app.screen.query_one("#phone", Input).value == "138-5716-2048"
        await type_into(pilot, "#outcome", "asked about delivery times")
        await pilot.press("ctrl+s")
        assert "logged" in text(app, "#message")
        assert any("asked about delivery times" in row for row in cells(app, "#calls"))
    with store.uow() as u:
        call = u.session.exec(select(Call).where(Call.purpose == "enquiry")).one()
    assert (call.outcome, call.order_id, call.caller_name) == ("asked about delivery times", None, "张伟")


async def test_a_special_price_on_the_phone_needs_a_managers_code_and_pin(settings, store, staff, products):
    order = take(store, staff, products)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen")
        await pilot.press("e")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderEntryScreen")
        app.screen.query_one("#lines", DataTable).focus()
        await pilot.press("f3")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ManagerApproval")
        await pilot.press(*"M01", "enter", *"9999", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "Ask")
        app.screen.query_one("#answer", Input).value = ""
        await paste(pilot, "3000")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderEntryScreen")
        assert "¥3,000.00*" in cells(app, "#lines")[0]
        assert "Total ¥6,000.00" in text(app, "#total")
    line = orders.get_order(store.uow(), staff["T01"], order.id).lines[0]
    assert (line.unit_price, line.price_approved_by) == (3000, "周明远")


async def test_the_boards_total_stays_on_screen_at_80_columns(settings, store, staff, products):
    """Issue 17 items 4-5: the total stood after the goods and ran off the pane at 80×24."""
    order = confirmed(store, staff, products, goods=(("XYJ-1", 1), ("PJ-1", 3), ("BX-1", 1), ("DFB-1", 1)))
    app = make_app(settings, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen" and cells(app, "#board"))
        board = app.screen.query_one("#board", DataTable)
        widths = [column.get_render_width(board) for column in board.columns.values()]
        labels = [str(column.label) for column in board.columns.values()]
        total_ends = sum(widths[: labels.index("Total") + 1])
        assert total_ends <= board.size.width, (labels, widths, board.size.width)
        assert f"{order.total:,.2f}" in cells(app, "#board")[0]

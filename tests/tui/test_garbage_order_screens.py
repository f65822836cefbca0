"""Garbage typed into every field of the phone-order screens (the call, the
order, the board) and their dialogs (quantity, cancel, schedule, payment):
each stays up, says what is wrong, keeps what was typed, writes nothing."""

from __future__ import annotations

from counter.app import make_app
from models import OrderStatus
from screens.ask import Ask
from screens.order_board import BoardScreen
from screens.order_calls import CallScreen
from screens.order_dialogs import OrderPayment
from screens.order_entry import OrderEntryScreen
from screens.order_fulfil import FulfilScreen
from tests.conftest import row_counts
from tests.orders_helpers import advance, confirmed, take
from tests.tui.garbage import SAMPLE, hammer, hammer_all
from tests.tui.helpers import open_flow, settled, until
from tests.tui.test_sign_in import sign_in

# No one's phone, day or amount.
NO_MATCH = ["'; DROP TABLE slip; --", "{0}{name}%s%n", "🧾 ßé", "NaN", "[/b][bold red]x[/]", "名x" * 100]


async def test_garbage_at_the_call_screen_logs_no_call(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "T01", "3333", "t", CallScreen)
        before = row_counts(store)
        await hammer_all(pilot, ["#phone", "#name", "#outcome", "#address"], submit=("ctrl+o",), texts=NO_MATCH)
        assert row_counts(store) == before


async def test_garbage_in_the_order_and_its_dialogs_changes_nothing(settings, store, staff, products):
    order = take(store, staff, products)
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await sign_in(pilot, "T01", "3333")
        app.push_screen(OrderEntryScreen(order.id))
        await until(pilot, lambda: isinstance(app.screen, OrderEntryScreen), "the order")
        await settled(pilot, screen_only=True)
        before = row_counts(store)
        await hammer_all(pilot, ["#search"], texts=NO_MATCH)
        # The wished day is garbage too: the delivery is refused whole.
        await hammer_all(pilot, ["#address", "#wished", "#notes"], texts=NO_MATCH)
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the quantity dialog")
        await hammer_all(pilot, ["#answer"], texts=SAMPLE)
        await pilot.press("escape")
        await settled(pilot, screen_only=True)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the cancel dialog")
        await hammer_all(pilot, ["#answer"], texts=["   ", " " * 30])
        assert row_counts(store) == before


async def test_garbage_at_scheduling_and_order_payment_is_refused(settings, store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), OrderStatus.PICKING)
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "f", FulfilScreen)
        await settled(pilot, screen_only=True)
        before = row_counts(store)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the schedule questions")
        await hammer_all(pilot, ["#day", "#address", "#deliverer"], texts=NO_MATCH)
        await pilot.press("escape")
        app.push_screen(OrderPayment(order))
        await settled(pilot, screen_only=True)
        # A refused sign-in empties the PIN, as at the sign-in screen.
        await hammer_all(pilot, ["#code", "#pin", "#amount", "#reference"], texts=SAMPLE, cleared=("#pin",))
        assert row_counts(store) == before


async def test_garbage_in_the_board_filter_is_kept_and_finds_nothing(settings, store, staff, products):
    take(store, staff, products)
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "T01", "3333", "b", BoardScreen)
        before = row_counts(store)
        async for _text in hammer(pilot, ["#filter"], texts=NO_MATCH, message=None):
            assert app.screen.query_one("#board").row_count == 0
        assert row_counts(store) == before

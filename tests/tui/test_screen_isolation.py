"""Every screen draws the same whichever screens were shown before it
(issue 17 item 3: after a shift report, every invoice preview was 50
columns wide, since Textual keeps each loaded stylesheet for the whole app).

Each screen is drawn in a fresh app, then again in one app that has first
shown every other screen (and so loaded every stylesheet): the widgets must
lie in the same places, the same sizes, shown or hidden alike."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from counter.app import make_app
from models.clock import frozen_at
from tests.tui import test_snapshots
from tests.tui.helpers import settled
from tests.tui.test_sign_in import sign_in
from tests.tui.test_snapshots import MOMENT, Shop

shop = test_snapshots.shop  # the same data the snapshots show


def openers(made: Shop, shift_id: int) -> dict[str, Callable[[], Screen[object]]]:
    from screens.accounts import AccountsScreen
    from screens.audit_log import AuditLogScreen
    from screens.complaints import ComplaintsScreen
    from screens.daily_report import DailyReportScreen
    from screens.documents import DocumentsScreen
    from screens.fapiao import FapiaoScreen
    from screens.finder import FinderScreen
    from screens.hand_over import HandOverScreen
    from screens.invoice import InvoiceScreen
    from screens.order_board import BoardScreen
    from screens.order_calls import CallScreen
    from screens.order_entry import OrderEntryScreen
    from screens.order_queue import OrderQueueScreen
    from screens.order_read_back import ReadBackScreen
    from screens.payment import PaymentScreen
    from screens.printer_settings import PrinterSettingsScreen
    from screens.returns import ReturnScreen
    from screens.shift_close import ShiftCloseScreen
    from screens.shift_open import ShiftOpenScreen
    from screens.shift_report import ShiftReportScreen
    from screens.stations import StationsScreen
    from screens.warranty import WarrantyScreen

    return {
        "accounts": AccountsScreen,
        "audit_log": AuditLogScreen,
        "complaints": ComplaintsScreen,
        "daily_report": lambda: DailyReportScreen(MOMENT.date()),
        "documents": DocumentsScreen,
        "fapiao": FapiaoScreen,
        "finder": FinderScreen,
        "hand_over": HandOverScreen,
        "invoice": lambda: InvoiceScreen(made.paid),
        "order_board": BoardScreen,
        "order_calls": CallScreen,
        "order_entry": lambda: OrderEntryScreen(made.order_id),
        "order_queue": OrderQueueScreen,
        "read_back": lambda: ReadBackScreen(made.order_id),
        "payment": PaymentScreen,
        "printer_settings": PrinterSettingsScreen,
        "returns": ReturnScreen,
        "shift_close": ShiftCloseScreen,
        "shift_open": ShiftOpenScreen,
        "shift_report": lambda: ShiftReportScreen(shift_id),
        "stations": StationsScreen,
        "warranty": WarrantyScreen,
    }


def drawn(screen: Screen[object]) -> list[tuple[object, ...]]:
    """Where each widget lies and whether it shows: what a leaked style moves."""
    return [
        (type(w).__name__, w.id, tuple(w.region), w.display, w.visible)
        for w in screen.walk_children(with_self=True)
    ]


async def show(pilot, make: Callable[[], Screen[object]]) -> list[tuple[object, ...]]:
    app = pilot.app
    await app.push_screen(make())
    await settled(pilot)
    seen = drawn(app.screen)
    app.pop_screen()
    await settled(pilot)
    return seen


async def test_every_screen_draws_the_same_after_every_other_screen(settings, store, shop):
    screens = openers(shop, shop.shift_id)
    fresh: dict[str, list[tuple[object, ...]]] = {}
    with frozen_at(MOMENT):
        for name, make in screens.items():
            app = make_app(settings, store)
            async with app.run_test(size=(120, 36)) as pilot:
                await sign_in(pilot, "M01", "9999")
                fresh[name] = await show(pilot, make)
        app = make_app(settings, store)
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "M01", "9999")
            for make in screens.values():  # every stylesheet loaded
                await show(pilot, make)
            after = {name: await show(pilot, make) for name, make in screens.items()}
    changed = [name for name in screens if after[name] != fresh[name]]
    assert not changed, "drawn differently after the other screens: " + ", ".join(changed)
    assert all(len(seen) > 3 for seen in fresh.values())  # each screen really drew its widgets

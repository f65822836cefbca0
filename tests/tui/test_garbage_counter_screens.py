"""Garbage typed into every field of the counter screens (sale, customer,
payment, invoices, hand-over, returns, shifts, documents, the drawer): each
screen stays up, says what is wrong, keeps what was typed and writes
nothing. One app session per screen; see test_garbage_coverage for the list
of fields."""

from __future__ import annotations

from textual.widgets import Input

from counter.app import make_app
from counter.services import slips
from screens.ask import Ask
from screens.customer_picker import CustomerPicker
from screens.daily_report import DailyReportScreen
from screens.documents import DocumentsScreen
from screens.finder import FinderScreen
from screens.hand_over import HandOverScreen
from screens.invoice import InvoiceScreen
from screens.manager_pin import ManagerApproval
from screens.open_drawer import OpenDrawer
from screens.payment import PaymentScreen
from screens.reject_note import RejectNote
from screens.returns import ReturnScreen
from screens.shift_close import ShiftCloseScreen
from screens.shift_open import ShiftOpenScreen
from screens.void_reason import VoidReason
from tests.conftest import row_counts
from tests.tui.garbage import EVERY, SAMPLE, hammer, hammer_all, message_of, still_running, type_into
from tests.tui.helpers import open_flow, settled, until
from tests.tui.test_cashier import write_slip
from tests.tui.test_hand_over import paid, written_slip

# Garbage that leaves a digits-only field empty or 0: a count or quantity
# that must be refused, not a good number in disguise.
NOT_A_COUNT = ["   ", "１２３４", "🧾 ßé", "0", "NaN", "[/b][bold red]x[/]", "名x" * 100]
# Garbage that is no one's phone, name or slip number.
NO_MATCH = ["'; DROP TABLE slip; --", "{0}{name}%s%n", "🧾 ßé", "-1e999", "NaN", "[/b][bold red]x[/]", "名x" * 100]


async def push(pilot, screen) -> None:
    pilot.app.push_screen(screen)
    await settled(pilot, screen_only=True)


async def test_garbage_at_the_finder_adds_nothing_and_its_dialogs_refuse_it(settings, store, staff, products):
    draft = slips.current_draft(store.uow(), staff["A01"])
    (draft_line,) = slips.add_line(store.uow(), staff["A01"], draft.id, products["XYJ-1"], 1).lines
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "A01", "1111", "f2", FinderScreen)
        before = row_counts(store)
        # Enter empties the search box on purpose: a scanner's next code starts clean.
        await hammer_all(pilot, ["#search"], texts=NO_MATCH, cleared=("#search",))
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the quantity dialog")
        await hammer_all(pilot, ["#quantity"], texts=NOT_A_COUNT)
        await pilot.press("escape")
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the discount dialog")
        await hammer_all(pilot, ["#price"], texts=NO_MATCH)
        await pilot.press("escape")
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the cancel dialog")
        await hammer_all(pilot, ["#number", "#reason"], texts=SAMPLE)
        await pilot.press("escape")
        await settled(pilot, screen_only=True)
        assert isinstance(app.screen, FinderScreen) and still_running(pilot)
        assert row_counts(store) == before
    after = slips.current_draft(store.uow(), staff["A01"])
    assert [(line.quantity, line.unit_price) for line in after.lines] == [(1, draft_line.unit_price)]


async def test_garbage_in_the_customer_picker_and_new_customer_form_adds_no_one(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "A01", "1111", "f2", FinderScreen)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, CustomerPicker), "the customer picker")
        before = row_counts(store)
        await hammer_all(pilot, ["#query"], texts=NO_MATCH)
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the new customer form")
        await hammer_all(pilot, ["#name", "#phone", "#address"], texts=SAMPLE)
        assert row_counts(store) == before


async def test_garbage_at_payment_opens_no_slip_and_takes_no_money(settings, store, staff, products):
    write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "f3", PaymentScreen)
        before = row_counts(store)
        # (Enter on a blank number opens the top of the queue, on purpose.)
        async for _text in hammer(pilot, ["#number"], texts=[t for t in EVERY if t.strip()]):
            assert app.screen.slip is None
        await type_into(pilot, "#number", "")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.slip is not None, "the slip")
        await hammer_all(pilot, ["#amount"], texts=NO_MATCH)
        await pilot.press("f4")  # mobile: an amount and a reference
        await hammer_all(pilot, ["#amount", "#reference"], texts=NO_MATCH)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, RejectNote), "the reject-note dialog")
        await hammer_all(pilot, ["#value"], texts=EVERY)
        assert row_counts(store) == before


async def test_garbage_at_invoices_issues_and_voids_nothing(settings, store, staff, products):
    write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "f5", InvoiceScreen)
        before = row_counts(store)
        await hammer_all(pilot, ["#slip"], texts=EVERY)
        await hammer_all(pilot, ["#lookup"], texts=EVERY)
        await hammer_all(pilot, ["#find"], texts=NO_MATCH, message=None)
        # No paid slip is open: the details are refused and kept.
        await hammer_all(pilot, ["#name", "#address", "#phone"], texts=SAMPLE)
        await push(pilot, VoidReason("00000001"))
        await hammer_all(pilot, ["#reason"], texts=["   ", " " * 30])
        assert row_counts(store) == before


async def test_garbage_at_hand_over_opens_no_slip(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "A01", "1111", "f4", HandOverScreen)
        before = row_counts(store)
        await hammer_all(pilot, ["#number"], texts=[t for t in EVERY if t.strip()])
        assert row_counts(store) == before


async def test_garbage_in_the_delivery_form_hands_nothing_over(settings, store, staff, products):
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-1"]))
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "A01", "1111", "f4", HandOverScreen)
        screen = app.screen
        await type_into(pilot, "#number", slip.number)
        await pilot.press("enter")
        await until(pilot, lambda: screen.slip is not None, "the paid slip")
        await pilot.press("space")
        await until(pilot, lambda: "Every line is checked" in message_of(pilot), "all packed")
        before = row_counts(store)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the delivery form")
        # The delivery date is garbage too: nothing leaves the shop.
        await hammer_all(pilot, ["#phone", "#address", "#date"], texts=NO_MATCH)
        assert row_counts(store) == before


async def test_garbage_at_returns_opens_no_slip_and_refunds_nothing(settings, store, sell):
    sold = sell({"XYJ-1": 1})
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "r", ReturnScreen)
        before = row_counts(store)
        async for _text in hammer(pilot, ["#slip-number"], texts=EVERY):
            assert app.screen.original is None
        await type_into(pilot, "#slip-number", sold.number)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.original is not None, "the sold slip")
        # Nothing chosen to return yet: F9 refuses, whatever the reason says.
        await hammer_all(pilot, ["#reason", "#reference"], submit=("f9",), texts=SAMPLE)
        assert row_counts(store) == before


async def test_garbage_counts_are_refused_at_shift_open(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "o", ShiftOpenScreen)
        before = row_counts(store)
        boxes = [f"#{box.id}" for box in app.screen.query(".count")]
        # C01 already has a shift open: nothing opens, whatever is counted.
        await hammer_all(pilot, boxes, submit=("ctrl+s",), texts=EVERY)
        assert row_counts(store) == before


async def test_garbage_at_shift_close_needs_a_manager_and_closes_nothing(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "z", ShiftCloseScreen)
        screen = app.screen
        before = row_counts(store)
        boxes = [f"#{box.id}" for box in screen.query(".count")]
        await hammer_all(pilot, boxes, submit=("ctrl+s",), texts=NOT_A_COUNT)
        for text in SAMPLE:
            await type_into(pilot, "#reason", text)
            await pilot.press("enter")
            await settled(pilot, screen_only=True)
            assert still_running(pilot), text
            if text.strip():
                assert isinstance(app.screen, ManagerApproval), text
                await pilot.press("escape")
                await settled(pilot, screen_only=True)
            assert app.screen is screen and message_of(pilot), text
            assert screen.query_one("#reason", Input).value == text, text
        assert row_counts(store) == before


async def test_garbage_dates_at_the_daily_report_are_refused_and_kept(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "d", DailyReportScreen)
        await pilot.press("g")
        before = row_counts(store)
        # (A blank day is today, on purpose.)
        async for _text in hammer(pilot, ["#go-to"], texts=[t for t in EVERY if t.strip()]):
            assert app.screen.query_one("#go-to", Input).display
        assert row_counts(store) == before


async def test_garbage_numbers_at_documents_are_refused_plainly(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "f7", DocumentsScreen)
        before = row_counts(store)
        await hammer_all(pilot, ["#number"], texts=EVERY)
        assert row_counts(store) == before


async def test_a_blank_reason_opens_no_drawer_and_garbage_is_recorded_as_typed(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "C01", "2222", "f8", OpenDrawer)
        before = row_counts(store)
        await hammer_all(pilot, ["#reason"], texts=["   "])
        assert row_counts(store) == before
        # Any words are a reason: the opening is recorded whole, the screen stays.
        await hammer_all(pilot, ["#reason"], texts=["[/b][bold red]x[/]", "名x" * 100])


async def test_garbage_serial_numbers_at_hand_over_and_warranty_are_refused_and_kept(settings, store, staff, sell):
    from counter.services import serials
    from screens.warranty import WarrantyScreen

    serials.set_serialised(store.uow(), staff["M01"], "XYJ-1", True)
    slip = sell({"XYJ-1": 1}, hand_over=False)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_flow(pilot, "A01", "1111", "f4", HandOverScreen)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: pilot.app.screen.wanted, "the serial asked for")
        before = row_counts(store)
        # Garbage that is not a serial is refused; garbage that could be one would be recorded, so only the former.
        await hammer_all(pilot, ["#serial"], texts=[t for t in EVERY if not t.strip().isascii() or " " in t.strip()
                                                    or len(t.strip()) < 3 or len(t.strip()) > 64])
        assert row_counts(store) == before
        await pilot.press("escape", "escape")
        await until(pilot, lambda: pilot.app.screen.__class__.__name__ == "HomeScreen", "home")
        await pilot.press("w")
        await until(pilot, lambda: isinstance(pilot.app.screen, WarrantyScreen), "the warranty screen")
        await hammer_all(pilot, ["#serial"], texts=EVERY)
        assert row_counts(store) == before

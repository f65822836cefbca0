"""The scan router, driven as a keyboard-wedge scanner drives it: keys posted
to the app with their own time stamps (a scanner's a few ms apart, a
person's a hundred and more), so the timing is the test's, not the
machine's. Whatever has focus, a scan lands in no field and becomes no
quantity; a person's typing reaches the field as before."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from sqlmodel import select
from textual import events
from textual.widgets import Input

from counter.app import make_app
from counter.config import Scanner
from counter.services.slips import barcode_text
from models import Payment, SlipStatus, Tender
from screens.ask import Ask
from screens.hand_over import HandOverScreen
from tests.tui.helpers import open_flow, settled, text_of, until
from tests.tui.test_cashier import open_payment, payment_rows, slip_status, write_slip
from tests.tui.test_finder import FRIDGE_BARCODE, lines_in_store, open_finder
from tests.tui.test_hand_over import paid, written_slip


@pytest.fixture
def settings(settings):
    """The wedge's timing as shipped (tests/conftest.py turns it off for Pilot's fast typing)."""
    return replace(settings, scanner=Scanner())


WECHAT_CODE = "134567890123456789"
ALIPAY_CODE = "2851234567890123"


class Keys:
    """Key events with time stamps the test chooses, posted in one go (so
    the app reads them all in order, before any of its timers)."""

    def __init__(self, app) -> None:
        self.app, self.at = app, 1000.0

    def post(self, text: str, *, gap_ms: float, enter: bool = False, then: str = "") -> None:
        for char in text:
            self.key(char if char.isalnum() else "minus", char, gap_ms)
        if enter:
            self.key("enter", "\r", gap_ms)
        if then:
            self.key(then, None, gap_ms)

    def key(self, name: str, char: str | None, gap_ms: float) -> None:
        event = events.Key(name, char)
        self.at += gap_ms / 1000
        event.time = self.at
        self.app.post_message(event)

    def scan(self, code: str) -> None:
        self.at += 0.5  # a scan starts a while after any key before it
        self.post(code, gap_ms=4, enter=True)

    def type(self, text: str, *, enter: bool = False) -> None:
        self.post(text, gap_ms=150, enter=enter)


def toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


@pytest.mark.postgres
async def test_a_goods_scan_adds_one_unit_and_leaves_the_search_box_as_typed(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        keys = Keys(app)
        keys.type("xyj")
        await until(pilot, lambda: screen.query_one("#search", Input).value == "xyj", "xyj typed")
        keys.scan(FRIDGE_BARCODE)
        await until(pilot, lambda: screen.draft.item_count == 1, "the fridge on the slip")
        await settled(pilot)
        search = screen.query_one("#search", Input)
        assert search.value == "xyj" and search.cursor_position == 3
        [line] = lines_in_store(store, screen.draft.id)
        assert line.quantity == 1 and "Added 西门子 对开门冰箱" in text_of(pilot, "#message")
        # Again: one more unit, never a quantity typed anywhere.
        keys.scan(FRIDGE_BARCODE)
        await until(pilot, lambda: screen.draft.item_count == 2 and not screen.pending, "two fridges, stored")
        [line] = lines_in_store(store, screen.draft.id)
        assert line.quantity == 2
        assert screen.query_one("#search", Input).value == "xyj"


@pytest.mark.postgres
async def test_an_unknown_barcode_is_named_and_nothing_lands_in_the_box(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        Keys(app).scan("4006381333931")  # a real EAN-13, not goods of this shop
        await until(pilot, lambda: "4006381333931" in text_of(pilot, "#message"), "the message")
        assert "No goods with barcode 4006381333931" in text_of(pilot, "#message")
        assert screen.query_one("#search", Input).value == ""
        assert screen.draft.item_count == 0


@pytest.mark.postgres
async def test_a_scan_never_becomes_a_quantity(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        keys = Keys(app)
        keys.scan(FRIDGE_BARCODE)
        await until(pilot, lambda: screen.draft.item_count == 1, "the fridge on the slip")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the quantity dialog")
        field = app.screen.query_one(Input)
        assert field.value == "1"
        keys.scan(FRIDGE_BARCODE)
        await until(pilot, lambda: "scan goods on the sale screen" in toasts(app), "where to scan goods")
        await settled(pilot)  # the scan fully handled: the quantity must not have taken it
        assert field.value == "1"
        assert isinstance(app.screen, Ask)
        [line] = lines_in_store(store, screen.draft.id)
        assert line.quantity == 1


@pytest.mark.postgres
async def test_a_person_typing_a_barcode_slowly_types_it(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        keys = Keys(app)
        keys.type(FRIDGE_BARCODE)
        search = screen.query_one("#search", Input)
        await until(pilot, lambda: search.value == FRIDGE_BARCODE, "every key in the box")
        # A fast typist's two quick keys, then a pause: both still arrive.
        keys.post("12", gap_ms=10)
        await until(pilot, lambda: search.value == FRIDGE_BARCODE + "12", "the quick keys too")
        assert screen.draft.item_count == 0


@pytest.mark.postgres
async def test_a_slip_barcode_at_the_queue_opens_that_slip(settings, store, staff, products):
    first = write_slip(store, staff, products, ("XYJ-1", 1))
    second = write_slip(store, staff, products, ("PJ-1", 2))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await until(pilot, lambda: len(screen.queue) == 2, "the queue")
        Keys(app).scan(barcode_text(second.number))
        await until(pilot, lambda: screen.slip is not None, "the slip open")
        assert screen.slip.number == second.number != first.number
        assert screen.query_one("#number", Input).value == second.number
        # Textual moves the focus once the screen has handled the check: wait for it.
        await until(pilot, lambda: app.focused is screen.query_one("#amount", Input), "the amount field focused")
        assert screen.query_one("#amount", Input).value == ""


@pytest.mark.postgres
@pytest.mark.parametrize(("code", "channel"), [(WECHAT_CODE, "微信"), (ALIPAY_CODE, "支付宝")])
async def test_a_payment_code_prepares_a_mobile_tender_the_cashier_confirms(settings, store, staff, products, code, channel):
    slip = write_slip(store, staff, products, ("XYJ-1", 1), ("PJ-1", 2))  # ¥3,478.80
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        keys = Keys(app)
        keys.type(slip.number, enter=True)
        await until(pilot, lambda: screen.slip is not None, "the slip open")
        keys.scan(code)
        await until(pilot, lambda: screen.kind == Tender.MOBILE, "a mobile tender")
        await settled(pilot)
        assert screen.query_one("#amount", Input).value == "3478.80"
        assert screen.query_one("#reference", Input).value == f"{channel} {code}"
        assert "press Enter to take it" in text_of(pilot, "#message")
        # Not paid by the scan alone.
        assert payment_rows(store, slip.id) == [] and slip_status(store, slip.id) == SlipStatus.WRITTEN
        await pilot.press("enter")
        await until(pilot, lambda: screen.result is not None, "the payment taken")
    [row] = payment_rows(store, slip.id)
    assert (row.tender, row.amount_fen, row.reference) == (Tender.MOBILE, 347880, f"{channel} {code}")
    assert slip_status(store, slip.id) == SlipStatus.PAID


@pytest.mark.postgres
async def test_a_payment_code_with_no_slip_open_is_refused_on_the_screen(settings, store, staff, products):
    write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        Keys(app).scan(WECHAT_CODE)
        await until(pilot, lambda: "Open the slip first" in text_of(pilot, "#message"), "the refusal")
        assert screen.query_one("#number", Input).value == ""
        assert screen.slip is None
    with store.uow() as u:
        assert u.session.exec(select(Payment)).all() == []


@pytest.mark.postgres
async def test_a_scan_elsewhere_says_what_it_was_and_where_to_scan_it(settings, store, staff, products):
    slip = write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        Keys(app).scan(barcode_text(slip.number))
        await until(pilot, lambda: "Scanned slip number" in toasts(app), "the toast")
        assert "Take payment (F3)" in toasts(app)
        assert screen.query_one("#search", Input).value == ""
        Keys(app).scan(WECHAT_CODE)
        await until(pilot, lambda: "WeChat Pay code …6789" in toasts(app), "the payment code, masked")
        assert WECHAT_CODE not in toasts(app)


@pytest.mark.postgres
async def test_the_prefix_marks_a_scan_however_slow(settings, store):
    settings = replace(settings, scanner=Scanner(prefix="~", max_gap_ms=0))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        keys = Keys(app)
        keys.post("~" + FRIDGE_BARCODE, gap_ms=80, enter=True)
        await until(pilot, lambda: screen.draft.item_count == 1, "the fridge on the slip")
        assert screen.query_one("#search", Input).value == ""
        # With the timing off, a fast burst without the prefix is typing.
        keys.post("123456", gap_ms=2)
        search = screen.query_one("#search", Input)
        await until(pilot, lambda: search.value == "123456", "the keys typed")


@pytest.mark.postgres
async def test_a_suffix_ends_a_scan_and_the_enter_after_it_is_the_scanners(settings, store, staff, products):
    slip = write_slip(store, staff, products, ("XYJ-1", 1))
    settings = replace(settings, scanner=Scanner(suffix="#"))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        Keys(app).post(barcode_text(slip.number) + "#", gap_ms=4, enter=True)
        await until(pilot, lambda: screen.slip is not None, "the slip open")
        assert screen.slip.number == slip.number


@pytest.mark.postgres
async def test_text_typed_after_a_tab_lands_in_the_next_field(settings, store):
    """Issue 17, item 15: keys read in a burst after a Tab went into the field it left."""
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_finder(pilot)
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the cancel dialog")
        number, reason = app.screen.query(Input)
        number.value = ""
        Keys(app).post("12", gap_ms=60, then="tab")
        Keys(app).post("lost", gap_ms=60)
        await until(pilot, lambda: reason.value == "lost", "the reason typed")
        assert number.value == "12"


@pytest.mark.postgres
async def test_a_serial_port_scanner_feeds_the_same_router(settings, store, staff, products):
    """The scanner on a pseudo-terminal pair: what it sends opens the slip."""
    slip = write_slip(store, staff, products, ("XYJ-1", 1))
    master, slave = os.openpty()
    try:
        settings = replace(settings, scanner=Scanner(port=os.ttyname(slave)))
        app = make_app(settings, store)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_payment(pilot)
            os.write(master, f"{barcode_text(slip.number)}\r\n".encode())
            await until(pilot, lambda: screen.slip is not None, "the slip open")
            assert screen.slip.number == slip.number
            assert screen.query_one("#number", Input).value == slip.number
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.postgres
async def test_a_serial_port_that_cannot_be_opened_is_said(settings, store, tmp_path):
    settings = replace(settings, scanner=Scanner(port=str(tmp_path / "no-such-port")))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: "cannot be read" in toasts(app), "the port's failure")


@pytest.mark.postgres
async def test_the_slip_barcode_at_hand_over_opens_the_slip(settings, store, staff, products):
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-1"]))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_flow(pilot, "A02", "1122", "f4", HandOverScreen)
        screen = app.screen
        Keys(app).scan(barcode_text(slip.number))
        await until(pilot, lambda: screen.slip is not None, "the slip open")
        assert screen.slip.number == slip.number
        assert screen.query_one("#number", Input).value == ""


@pytest.mark.postgres
async def test_a_scan_on_a_screen_whose_letters_are_keys_presses_none_of_them(settings, store):
    """Home binds single letters (s = Stations, d = Daily report, …): a serial
    number scanned there opens nothing; a person's letter still does."""
    from screens.home import HomeScreen
    from screens.stations import StationsScreen
    from tests.tui.test_sign_in import sign_in

    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        home = app.screen
        assert isinstance(home, HomeScreen)
        keys = Keys(app)
        keys.scan("SDU2024KD0001")
        await until(pilot, lambda: "serial numbers are scanned at Hand over goods" in toasts(app), "the toast")
        await settled(pilot)  # the scan fully handled: none of its letters may open a screen
        assert app.screen is home
        keys.type("s")
        await until(pilot, lambda: isinstance(app.screen, StationsScreen), "the stations screen")


@pytest.mark.postgres
async def test_a_serial_label_scanned_at_hand_over_is_recorded_whatever_has_focus(settings, store, staff, products):
    from counter.services import serials
    from models import UnitSerial

    serials.set_serialised(store.uow(), staff["M01"], "XYJ-1", True)
    slip = paid(store, staff, written_slip(store, staff, products, ["XYJ-1"]))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_flow(pilot, "A02", "1122", "f4", HandOverScreen)
        screen = app.screen
        keys = Keys(app)
        keys.scan(barcode_text(slip.number))
        await until(pilot, lambda: "Scan the serial number" in text_of(pilot, "#message"), "the serial asked for")
        screen.query_one("#lines").focus()  # not the serial field: the scan still goes in
        keys.scan("HR2025A0042")
        await until(pilot, lambda: "Every serial number is in" in text_of(pilot, "#message"), "the serial recorded")
        assert screen.query_one("#serial", Input).value == ""
        assert screen.query_one("#number", Input).value == ""
    with store.uow() as u:
        assert [s.serial for s in u.session.exec(select(UnitSerial).where(UnitSerial.slip_id == slip.id))] == ["HR2025A0042"]


@pytest.mark.postgres
async def test_a_goods_scan_on_a_phone_order_adds_one_unit(settings, store, staff, products):
    from tests.orders_helpers import take
    from tests.tui.test_phone_orders import cells, signed_in_tracker

    take(store, staff, products)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in_tracker(pilot)
        await pilot.press("b")
        await until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen", "the board")
        await until(pilot, lambda: app.screen.selected is not None, "the order on the board")
        await pilot.press("e")
        await until(pilot, lambda: app.screen.__class__.__name__ == "OrderEntryScreen", "the order")
        Keys(app).scan(FRIDGE_BARCODE)
        await until(pilot, lambda: any("对开门冰箱" in row for row in cells(app, "#lines")), "the fridge on the order")
        assert app.screen.query_one("#search", Input).value == ""
        Keys(app).scan("4006381333931")
        await until(pilot, lambda: "No goods with barcode 4006381333931" in text_of(pilot, "#message"), "the message")


@pytest.mark.postgres
async def test_a_field_that_asks_for_a_scan_gets_it(settings, store, staff, products):
    """The cancel dialog's slip number says "or scan it": a slip barcode read
    while it has focus fills it; the reason field below never takes one."""
    slip = write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_finder(pilot)
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the cancel dialog")
        number, reason = app.screen.query(Input)
        keys = Keys(app)
        keys.scan(barcode_text(slip.number))
        await until(pilot, lambda: number.value == barcode_text(slip.number), "the scanned number")
        reason.focus()
        await pilot.pause()
        keys.scan(barcode_text(slip.number))
        await until(pilot, lambda: "Scanned slip number" in toasts(app), "where to scan it")
        assert reason.value == ""
        keys.type("changed mind", enter=True)
        await until(pilot, lambda: not isinstance(app.screen, Ask), "the slip cancelled")
    with store.uow() as u:
        from models import Slip

        assert u.session.get(Slip, slip.id).status == SlipStatus.CANCELLED


async def test_a_scanned_id_number_lands_in_the_subsidy_dialog_not_as_a_wechat_tender(settings, store, staff, products):
    """A resident ID from Beijing (11…) is 18 digits starting 10–15, as a WeChat code is."""
    from counter.services import goods_tax

    goods_tax.set_tax_details(store.uow(), staff["M01"], "XYJ-1", goods_tax.TaxDetails(energy_class=1))
    slip = write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.slip is not None, "the slip")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the ID asked for")
        Keys(app).scan("110105194912310021")
        await until(pilot, lambda: app.screen.query_one("#answer", Input).value == "110105194912310021", "the ID typed in")
        assert screen.tenders == []  # no WeChat tender prepared

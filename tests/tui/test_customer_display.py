"""The station's customer display (顾客显示屏): the slip's total when the
cashier opens it, the change when it is paid; a display that fails is said
once and the sale goes on (issue 15: a station's optional customer display)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from counter.app import make_app
from counter.services import stations
from counter.services.stations import StationIn
from counter.store import Store
from receipts.customer_display import Lamp, frame
from tests.tui.helpers import settled, until
from tests.tui.test_cashier import open_payment, payment_rows, shown, write_slip


def station_store(settings, store, staff, display: str) -> tuple:
    stations.add_station(store.uow(), staff["M01"], StationIn("收银台1", customer_display=display))
    settings = replace(settings, station="收银台1")
    return settings, Store.open(settings)


async def test_the_display_shows_the_total_then_the_change(settings, store, staff, products, tmp_path):
    device = tmp_path / "display.bin"
    settings, till = station_store(settings, store, staff, f"escpos-file:{device}")
    slip = write_slip(store, staff, products, ("DFB-1", 1))  # ¥399.00
    app = make_app(settings, till)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.slip is not None, "the slip checked")
        await until(pilot, lambda: device.exists() and device.read_bytes() == frame(Lamp.TOTAL, Decimal("399.00")),
                    "the total on the display")
        await pilot.press(*"400", "enter")
        await until(pilot, lambda: device.read_bytes() == frame(Lamp.CHANGE, Decimal("1.00")), "the change on the display")
    assert device.read_bytes() == b"\x1b@\x0c\x1bs4\x1bQA1.00\r"


async def test_a_display_that_is_off_is_said_once_and_the_sale_goes_on(settings, store, staff, products):
    settings, till = station_store(settings, store, staff, "escpos-net:127.0.0.1:9")  # nothing listens there
    slip = write_slip(store, staff, products, ("DFB-1", 1))
    app = make_app(settings, till)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: "Customer display:" in shown(app, "#message"), "the display's failure")
        assert "refused the connection" in shown(app, "#message")
        await pilot.press(*"400", "enter")
        await until(pilot, lambda: screen.result is not None, "the payment taken")
        await settled(pilot)  # the display's jobs done too: none may say its failure again
        assert shown(app, "#change") == "1.00"
        assert "Customer display:" not in shown(app, "#message")  # said once, not at every figure
    assert [p.amount_fen for p in payment_rows(store, slip.id)] == [39900]

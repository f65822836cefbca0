"""The warranty look-up, as a cashier meets a customer with a broken unit:
the serial scanned or typed, the slip, the days and the customer shown."""

from __future__ import annotations

from counter.app import make_app
from counter.services import customers, serials
from screens.warranty import WarrantyScreen
from tests.tui.helpers import open_flow, rows_of, text_of, until


async def test_a_serial_finds_the_slip_the_days_and_the_customer(settings, store, staff, sell):
    serials.set_serialised(store.uow(), staff["M01"], "XYJ-1", True)
    who = customers.add_customer(store.uow(), staff["A01"], "张伟", "13800138000", "天河路1号")
    slip = sell({"XYJ-1": 1}, customer_id=who.id, hand_over=False)
    serials.record_serial(store.uow(), staff["A01"], slip.id, "HR2025A0001")
    app = make_app(settings, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flow(pilot, "C01", "2222", "w", WarrantyScreen)
        await pilot.press(*"a0001", "enter")
        await until(pilot, lambda: rows_of(pilot, "#units"), "the unit found")
        [row] = rows_of(pilot, "#units")
        assert "HR2025A0001" in row and slip.number in row and "张伟" in row and "not yet" in row
        assert "1 unit(s) found" in text_of(pilot, "#message")
        await pilot.press(*["backspace"] * 5, *"zzz9", "enter")
        await until(pilot, lambda: "No unit with a serial number like zzz9" in text_of(pilot, "#message"), "none found")
        await pilot.press(*["backspace"] * 4, *"hr", "enter")
        await until(pilot, lambda: "at least 3" in text_of(pilot, "#message"), "too short refused")

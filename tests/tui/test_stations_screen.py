"""The manager's Stations screen: add one, see it listed and in the store;
a bad width keeps what was typed and says why."""

from __future__ import annotations

from counter.app import make_app
from counter.services import stations
from screens.ask import Ask
from screens.stations import StationsScreen
from tests.tui.helpers import open_flow, rows_of, text_of, until


async def test_a_manager_adds_a_station_on_the_screen(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "s", StationsScreen)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the station form")
        await pilot.press(*"Counter 2", "enter", *"folder", "enter", "enter", "backspace", "backspace", *"70", "enter",
                          "enter")
        await until(pilot, lambda: "58 or 80" in text_of(pilot, "#message"), "the width refused")
        assert isinstance(app.screen, Ask)  # nothing typed is lost
        app.screen.query_one("#width").focus()
        await pilot.pause()
        await pilot.press("backspace", "backspace", *"58", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, StationsScreen) and rows_of(pilot, "#stations"), "the list")
        assert "Counter 2" in rows_of(pilot, "#stations")[0] and "58 mm" in rows_of(pilot, "#stations")[0]
    assert [(s.name, s.receipt_printer, s.receipt_width) for s in stations.list_stations(store.uow())] == [
        ("Counter 2", "folder", 58)
    ]

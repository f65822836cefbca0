"""A store call made again on a screen cancels the one before (run_store's
`exclusive`): the older call's thread runs on, but its answer is not shown
over the newer one when it comes back last (the cashier typing a second
slip number while the first is being checked must see the second)."""

from __future__ import annotations

import threading

from textual.app import App

from screens.base import CounterScreen
from tests.tui.helpers import settled


class Lookups(CounterScreen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.release_first = threading.Event()

    def look_up(self, number: str, wait: threading.Event | None = None) -> None:
        def call() -> str:
            if wait is not None:
                wait.wait(10)
            return number

        self.run_store(call, self.shown.append, group="check", exclusive=True)


async def test_an_answer_to_a_superseded_call_is_not_shown():
    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Lookups())

    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen
        screen.look_up("000123", screen.release_first)  # slow: still checking
        await pilot.pause()
        screen.look_up("000124")  # the cashier typed the next number
        await pilot.pause()
        screen.release_first.set()  # the first answer comes back last
        await settled(pilot)
        assert screen.shown == ["000124"]

"""Driving the counter screens as staff would, for the Pilot tests."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.content import Content
from textual.widgets import DataTable, Static

from tests.tui.test_sign_in import sign_in


async def until(pilot, check: Callable[[], object], what: str = "what the test waits for") -> None:
    """Lets the app work (threads, workers) until `check` holds."""
    for _ in range(1000):
        await pilot.pause(0.02)
        if check():
            return
    raise AssertionError(f"the screen never showed {what}")


async def open_flow(pilot, code: str, pin: str, key: str, screen: type) -> None:
    await sign_in(pilot, code, pin)
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, screen), screen.__name__)


def text_of(pilot, selector: str) -> str:
    """The words a Static shows, whether it holds text or a Rich table."""
    content = pilot.app.screen.query_one(selector, Static).content
    if isinstance(content, str | Content):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


def rows_of(pilot, selector: str) -> list[str]:
    from screens.slip_lines import SlipLines

    widget = pilot.app.screen.query_one(selector)
    if isinstance(widget, SlipLines):
        return [widget.row_text(i) for i in range(widget.row_count)]
    table = pilot.app.screen.query_one(selector, DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]

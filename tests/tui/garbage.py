"""Typing garbage into a screen's fields, as a careless or curious person
would: for Pilot tests of every input field. The app must show a message,
keep what was typed, and never crash.

    async for text in garbage_rounds(pilot, ["#code", "#pin"]):
        assert message_of(pilot) ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from textual.widgets import Input, Static

# Printable garbage only: control characters would be read as shortcut keys.
GARBAGE = [
    "   ",
    "名字名字名字名字名字名字名字名字名字",
    "'; DROP TABLE slip; --",
    "{0}{name}%s%n",
    "１２３４",
    "🧾 ßé",
    "Ａ０１ ａ",
    "-1e999",
    "x" * 40,
    "A01 ",
]


async def type_into(pilot, selector: str, text: str) -> None:  # noqa: ANN001
    """Clears the field and types `text` key by key (restrict and max_length apply)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def settle(pilot) -> None:  # noqa: ANN001
    """Waits for the screen's workers (sign-in, checks) and the redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def message_of(pilot, selector: str = "#message") -> str:  # noqa: ANN001
    return str(pilot.app.screen.query_one(selector, Static).render()).strip()


def still_running(pilot) -> bool:  # noqa: ANN001
    return pilot.app.is_running and pilot.app._exception is None


async def garbage_rounds(
    pilot, fields: list[str], submit: tuple[str, ...] = ("enter",), texts: list[str] = GARBAGE  # noqa: ANN001
) -> AsyncIterator[str]:
    """For each garbage text: types it into every field in turn, presses
    `submit`, waits, checks the app is alive, and yields the text so the
    caller can assert on the screen and the store."""
    for text in texts:
        for selector in fields:
            await type_into(pilot, selector, text)
        await pilot.press(*submit)
        await settle(pilot)
        assert still_running(pilot), f"the app died on {text!r}"
        yield text

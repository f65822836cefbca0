"""Typing garbage into a screen's fields, as a careless or curious person
would: for Pilot tests of every input field. The app must show a message,
keep what was typed, and never crash.

    async for text in garbage_rounds(pilot, ["#code", "#pin"]):
        assert message_of(pilot) ...
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, Static

from tests.tui.helpers import settled

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

# More for fields that take numbers, dates, amounts or free text; typed
# with GARBAGE by `hammer` (a representative mix keeps the run short).
NUMBERS_AND_MARKUP = [
    "0",
    "-1",
    "1e9",
    "NaN",
    "99999999999999999999",
    "1,000.5.5",
    "[/b][bold red]x[/]",
    "2025-13-45",
    "\\N{x} %d",
    "名x" * 100,
]
EVERY = GARBAGE + NUMBERS_AND_MARKUP
SAMPLE = ["   ", "'; DROP TABLE slip; --", "１２３４", "🧾 ßé", "-1e999", "0", "NaN", "[/b][bold red]x[/]", "名x" * 100]


def _send_keys(pilot, selector: str, text: str) -> None:
    """Focuses the field, clears it and queues a key event a character,
    for the app's own key dispatch and the field's key handling (restrict,
    max_length). Queued in order, behind the focus change, and not waited
    for: Pilot's press() waits for the whole process to sit idle after
    every key, which made these tests the slowest of the suite. A person
    typing very fast sends the same events."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    app = pilot.app
    for ch in text:
        event = events.Key(ch if ch.isalnum() else _character_to_key(ch), ch)
        event.set_sender(app)
        app.post_message(event)


async def type_into(pilot, selector: str, text: str) -> None:
    """Clears the field and types `text` key by key (restrict and max_length apply)."""
    _send_keys(pilot, selector, text)
    await pilot.pause()


def message_of(pilot, selector: str = "#message") -> str:
    return str(pilot.app.screen.query_one(selector, Static).render()).strip()


def still_running(pilot) -> bool:
    return pilot.app.is_running and pilot.app._exception is None


def typed_value(field: Input, text: str) -> str:
    """What key-by-key typing leaves in an empty field: a key that would
    break its restrict or max_length is refused, the rest are kept."""
    value = ""
    for ch in text:
        candidate = value + ch
        if field.max_length and len(candidate) > field.max_length:
            continue
        if field.restrict and re.fullmatch(field.restrict, candidate) is None:
            continue
        value = candidate
    return value


async def hammer(
    pilot,
    fields: list[str],
    submit: tuple[str, ...] = ("enter",),
    texts: list[str] = SAMPLE,
    *,
    message: str | None = "#message",
    cleared: tuple[str, ...] = (),
) -> AsyncIterator[str]:
    """garbage_rounds with the checks every field owes its user: the same
    screen stays up, each field holds exactly what its keys let in (nothing
    typed is lost; `cleared` fields are emptied on purpose, like a PIN), and
    a message is shown."""
    screen = pilot.app.screen
    for text in texts:
        for selector in fields:
            _send_keys(pilot, selector, text)
        await pilot.pause()
        typed = {s: screen.query_one(s, Input).value for s in fields}
        for selector, value in typed.items():
            assert value == typed_value(screen.query_one(selector, Input), text), f"{selector} lost keys of {text!r}"
        await pilot.press(*submit)
        await settled(pilot, screen_only=True)
        assert still_running(pilot), f"the app died on {text!r}"
        # A modal may ask again as a new screen of its kind, holding the text.
        assert type(pilot.app.screen) is type(screen), f"{type(screen).__name__} closed on {text!r}"
        screen = pilot.app.screen
        for selector, value in typed.items():
            if selector not in cleared:
                assert screen.query_one(selector, Input).value == value, f"{selector} lost {text!r}"
        if message:
            assert message_of(pilot, message), f"no message after {text!r}"
        yield text


async def hammer_all(pilot, fields: list[str], **options) -> None:
    """hammer, every text in turn, where the caller checks nothing more per text."""
    async for _text in hammer(pilot, fields, **options):
        pass


async def garbage_rounds(
    pilot, fields: list[str], submit: tuple[str, ...] = ("enter",), texts: list[str] = GARBAGE
) -> AsyncIterator[str]:
    """For each garbage text: types it into every field in turn, presses
    `submit`, waits, checks the app is alive, and yields the text so the
    caller can assert on the screen and the store."""
    for text in texts:
        for selector in fields:
            _send_keys(pilot, selector, text)
        await pilot.pause()
        await pilot.press(*submit)
        await settled(pilot, screen_only=True)
        assert still_running(pilot), f"the app died on {text!r}"
        yield text

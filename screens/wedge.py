"""A keyboard-wedge scanner told from a person, whatever has focus.

A scanner "types" its code as a burst of keys far faster than anyone types
(keys under `max_gap_ms` apart, at least `min_length` of them, then Enter),
or with a configured prefix (and suffix). The app hands every key to
`Wedge.key` before Textual routes it; a burst that turns out to be a scan is
never delivered, so it never becomes a quantity, a binding or a field's text:

- the first key of a run goes through at once when a text field has focus
  (a person's typing is never delayed) and is taken back out of the field if
  the run becomes a scan: the field's text and selection are noted in the
  field's own message queue before the key and put back after the burst, so
  the field is exactly as it was;
- anywhere else (a list, a screen whose letters are keys) and for every
  later key of a fast run, keys are held; they go on, in order, when the run
  turns out to be a person's (a slow key, a key that is not text, or no key
  for `max_gap_ms`).

Timing is read from each key's own time stamp (taken when the terminal
delivered it), so a busy app does not turn a scan into typing or typing into
a scan.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

from counter.config import Scanner

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

# A scan that starts with the configured prefix may come slowly (over a
# remote terminal); held keys go on if nothing follows for this long.
PREFIX_WAIT_S = 1.0


class Wedge:
    def __init__(
        self,
        app: App[object],
        settings: Scanner,
        deliver: Callable[[events.Key], Awaitable[object]],
        scanned: Callable[[str], object],
    ) -> None:
        self.app, self.settings = app, settings
        self.deliver, self.scanned = deliver, scanned
        self.text = ""  # the current run's characters
        self.held: list[events.Key] = []  # its keys not yet delivered
        self.last = 0.0  # the time stamp of its last key
        self.field: Input | None = None  # where its first key went, to be put back
        self.before: list[tuple[str, object]] = []  # that field as it was, noted in its queue
        self.timer: Timer | None = None
        self.round = 0  # which wait a timer belongs to: a stale one does nothing
        self.scanned_at: float | None = None  # the time stamp of the last scan's end

    @property
    def timing(self) -> bool:
        return self.settings.max_gap_ms > 0

    async def key(self, event: events.Key) -> bool:
        """True when the key is the wedge's (held, or ending a scan)."""
        char, prefix, suffix = event.character, self.settings.prefix, self.settings.suffix
        # A prefix or suffix may be a control character (STX, ETX, Tab).
        if char and (event.is_printable or (not self.text and char in prefix) or (self.text and char in suffix)):
            return await self.printable(event, char)
        if event.key == "enter":
            if self.text and self.is_scan(event.time):
                self.finish(event.time)
                return True
            if suffix and not self.text and self.after_scan(event.time):
                self.scanned_at = None
                return True  # the Enter a scanner sends after its suffix
        await self.flush()
        return False

    def after_scan(self, at: float) -> bool:
        return self.scanned_at is not None and (at - self.scanned_at) * 1000 <= max(self.settings.max_gap_ms, 100)

    async def printable(self, event: events.Key, char: str) -> bool:
        prefix, suffix = self.settings.prefix, self.settings.suffix
        if self.text and (self.prefixed or self.prefix_so_far(self.text + char) or self.fast(event.time)):
            self.text += char
            self.held.append(event)
            self.last = event.time
            if suffix and self.text.endswith(suffix) and self.is_scan(event.time, ending=True):
                self.finish(event.time)
            else:
                self.wait()
            return True
        await self.flush()
        self.text, self.last = char, event.time
        if prefix and prefix.startswith(char):
            self.held.append(event)
            self.wait()
            return True
        if not self.timing:
            self.text = ""
            return False
        focused = self.app.focused
        if isinstance(focused, Input):
            self.note(focused)
            return False  # delivered now; taken back if this becomes a scan
        self.held.append(event)
        self.wait()
        return True

    @property
    def prefixed(self) -> bool:
        return bool(self.settings.prefix) and self.text.startswith(self.settings.prefix)

    def prefix_so_far(self, text: str) -> bool:
        return bool(self.settings.prefix) and self.settings.prefix.startswith(text)

    def fast(self, at: float) -> bool:
        return self.timing and (at - self.last) * 1000 <= self.settings.max_gap_ms

    def code(self) -> str:
        code = self.text.removeprefix(self.settings.prefix) if self.prefixed else self.text
        return code.removesuffix(self.settings.suffix) if self.settings.suffix else code

    def is_scan(self, at: float, *, ending: bool = False) -> bool:
        if self.prefixed:
            return bool(self.code())
        if self.settings.suffix and not ending and not self.text.endswith(self.settings.suffix):
            return False  # a scanner set to send a suffix always sends it
        return self.fast(at) and len(self.code()) >= self.settings.min_length

    def note(self, field: Input) -> None:
        """Notes the field's text and selection in its own queue, so after
        any keys already on their way to it and before this run's."""
        before: list[tuple[str, object]] = []
        self.field, self.before = field, before

        def noted() -> None:
            before[:] = [("value", field.value), ("selection", field.selection)]

        field.call_later(noted)

    def finish(self, at: float) -> None:
        """The run is a scan: nothing of it stays where it went."""
        code = self.code()
        field, before = self.field, self.before
        self.reset()
        self.scanned_at = at
        if field is None:
            self.scanned(code)
            return

        def put_back() -> None:
            for name, value in before:
                setattr(field, name, value)
            # Only now: what the screen does with the scan (a field filled in)
            # comes after the field is as it was.
            self.scanned(code)

        field.call_later(put_back)

    def wait(self) -> None:
        """After a held key: if no other follows in time, the run was a person's."""
        if self.timer is not None:
            self.timer.stop()
        self.round += 1
        round_ = self.round

        async def timed_out() -> None:
            if round_ == self.round:  # no key came since: else a later wait decides
                await self.flush()

        # Twice the gap: a scanner's next key, late through a busy event loop,
        # still finds its run; a person's held key waits at most this long.
        delay = PREFIX_WAIT_S if self.prefixed or self.prefix_so_far(self.text) else 2 * self.settings.max_gap_ms / 1000
        self.timer = self.app.set_timer(delay, timed_out, name="wedge")

    async def flush(self) -> None:
        """The run was typed by a person: its held keys go on, in order."""
        held = self.held
        self.reset()
        if not self.app.screen_stack:
            return  # the app is closing: nothing to type into
        for event in held:
            await self.deliver(event)

    def reset(self) -> None:
        self.round += 1
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.text, self.held, self.field, self.before = "", [], None, []

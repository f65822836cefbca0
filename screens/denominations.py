"""Counting a drawer by denomination: one box per note and coin, the total
kept up to date as the cashier types."""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from counter.domain.drawer import counted_fen
from counter.i18n import _
from counter.money import fmt, from_fen
from counter.services.payments import DENOMINATIONS_FEN


def denomination_label(fen: int) -> str:
    return f"¥{from_fen(fen).normalize():f}"


class CountBox(Input):
    """A count of one note. Enter moves down to the next note at once, as
    Tab does: a cashier counts note by note without reaching for Tab."""

    BINDINGS = [Binding("enter", "next_box", show=False)]

    def action_next_box(self) -> None:
        self.screen.focus_next()


class DenominationCount(Widget):
    """Posts `Changed` with the count whenever a box changes."""

    DEFAULT_CSS = """
    DenominationCount { height: auto; }
    DenominationCount Grid { grid-size: 4; grid-columns: 8 12 8 12; grid-rows: 3; height: auto; }
    DenominationCount Label { content-align: right middle; width: 100%; height: 3; padding-right: 1; }
    DenominationCount Input { width: 12; }
    DenominationCount #count-total { text-style: bold; padding: 0 1; height: 1; }
    """

    class Changed(Message):
        def __init__(self, counted: dict[int, int], total: Decimal) -> None:
            super().__init__()
            self.counted = counted
            self.total = total

    def compose(self) -> ComposeResult:
        with Grid():
            for fen in DENOMINATIONS_FEN:
                yield Label(denomination_label(fen))
                yield CountBox(placeholder="0", id=f"d{fen}", restrict=r"[0-9]*", max_length=5, classes="count")
        yield Static("", id="count-total", markup=False)

    def on_mount(self) -> None:
        self._show()

    @property
    def counted(self) -> dict[int, int]:
        counted = {}
        for fen in DENOMINATIONS_FEN:
            value = self.query_one(f"#d{fen}", Input).value
            if value:
                counted[fen] = int(value)
        return counted

    @property
    def total(self) -> Decimal:
        return from_fen(counted_fen(self.counted))

    def focus_first(self) -> None:
        self.query_one(f"#d{DENOMINATIONS_FEN[0]}", Input).focus()

    def _show(self) -> None:
        self.query_one("#count-total", Static).update(_("Counted: {total}").format(total=fmt(self.total)))

    @on(Input.Changed, ".count")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()
        self.post_message(self.Changed(self.counted, self.total))

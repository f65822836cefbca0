"""The slip on the sale screen: its lines (SlipLines, only the changed rows
redrawn) and, once written, its number in large digits for the customer to
take to the cashier. It draws what the screen gives it; the screen keeps the
draft and its edits."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from counter.domain.discounts import discount_percent
from counter.i18n import _
from counter.money import fmt, fmt_capitals, to_fen
from counter.services.slips import LineView, SlipView
from screens.cells import promoted
from screens.slip_lines import Column, SlipLines


def slip_columns() -> list[Column]:
    return [
        Column(_("No."), right=True), Column(_("Name")), Column(_("Brand")), Column(_("Model / spec")),
        Column(_("Colour")), Column(_("Unit price"), right=True), Column(_("Qty"), right=True),
        Column(_("Amount"), right=True),
    ]


def slip_cells(line: LineView) -> tuple[Text, ...]:
    return (
        Text(str(line.line_no)),
        promoted(line.name, line),
        Text(line.brand),
        Text(" ".join(x for x in (line.model, line.spec) if x)),
        Text(line.colour),
        unit_price_cell(line),
        Text(str(line.quantity), justify="right"),
        Text(fmt(line.amount), justify="right"),
    )


def unit_price_cell(line: LineView) -> Text:
    """The real unit price; a discounted line also shows how far below list."""
    text = Text(fmt(line.unit_price), justify="right")
    if line.discounted:
        off = discount_percent(to_fen(line.list_price), line.unit_price_fen)
        text.append(f" ↓{off:.1f}%", style="yellow")
    return text


class SlipPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield SlipLines(slip_columns(), id="slip")
        with Vertical(id="written"):
            yield Static(_("Slip written — the customer takes this number to the cashier:"), id="written-title", markup=False)
            yield Digits("", id="written-number")
            yield Static("", id="written-total", markup=False)

    def on_mount(self) -> None:
        self.query_one("#slip").border_title = _("Slip")

    @property
    def cursor_row(self) -> int:
        return self.query_one("#slip", SlipLines).cursor_row

    def move(self, step: int) -> None:
        table = self.query_one("#slip", SlipLines)
        table.move_cursor(table.cursor_row + step)

    def show(self, before: Sequence[LineView], view: SlipView, line_no: int | None, *, written: bool) -> None:
        """`view`'s lines, after `before` was shown; `written`: the number of
        the slip just written stands in their place until goods are added."""
        table = self.query_one("#slip", SlipLines)
        keep = table.cursor_row
        if [(l.line_no, l.product_id) for l in before] == [(l.line_no, l.product_id) for l in view.lines]:
            # The same lines (the usual edit: one more of an item, a new
            # quantity or price): only the changed cells are redrawn, so a long
            # slip costs no more than a short one.
            for index, (old, line) in enumerate(zip(before, view.lines, strict=True)):
                if old != line:
                    table.set_row(index, slip_cells(line))
        else:
            table.set_rows([slip_cells(line) for line in view.lines])
        if view.lines:
            rows = [l.line_no for l in view.lines]
            table.move_cursor(rows.index(line_no) if line_no in rows else min(keep, len(rows) - 1), centre=True)
        if table.display == written:  # only a change of what shows needs a new layout
            self.query_one("#written").display = written
            table.display = not written

    def show_written(self, slip: SlipView) -> None:
        self.query_one("#written-number", Digits).update(slip.number)
        self.query_one("#written-total", Static).update(
            f"{fmt(slip.total)}   {fmt_capitals(slip.total)}   ·   " + _("{items} items").format(items=slip.item_count)
        )

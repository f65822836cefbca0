"""Warranty look-up (保修查询): type or scan a unit's serial number (or a part
of it) to see the goods, the slip, when it was paid and handed over, and
the customer — what a repair claim needs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Input, Static

from counter.i18n import N_, _
from counter.services import serials
from counter.services.serials import WarrantyView
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable


class WarrantyScreen(CounterScreen[None]):
    CSS_PATH = "warranty.tcss"
    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Input(placeholder=_("Serial number (or 3 characters of it) — Enter finds it"), id="serial", max_length=64)
        yield PlainTable(id="units", cursor_type="row", zebra_stripes=True)
        yield Static(_("Scan the unit's label or type its serial number."), id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#units", DataTable).add_columns(
            _("Serial number"), _("Goods"), _("Slip"), _("Paid"), _("Handed over"), _("Customer"))
        self.query_one("#serial", Input).focus()

    def say(self, message: str, error: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(error, "error")

    def store_failed(self, error: str) -> None:
        self.say(error, error=True)

    @on(Input.Submitted, "#serial")
    def _find(self, event: Input.Submitted) -> None:
        store, actor, text = self.store, self.actor, event.value
        self.run_store(lambda: serials.find_serial(store.uow(), actor, text), lambda found: self.show(text, found),
                       group="find", exclusive=True)

    def show(self, text: str, found: list[WarrantyView]) -> None:
        table = self.query_one("#units", DataTable)
        table.clear()
        for u in found:
            customer = u.customer or "—"
            if u.returned_at:
                customer += "  " + _("(returned {day})").format(day=f"{u.returned_at:%Y-%m-%d}")
            table.add_row(
                u.serial, f"{u.product} {u.model}".strip(), u.slip_number,
                f"{u.paid_at:%Y-%m-%d}" if u.paid_at else "—",
                f"{u.handed_over_at:%Y-%m-%d}" if u.handed_over_at else _("not yet"), customer,
            )
        if found:
            self.say(_("{n} unit(s) found for {serial}.").format(n=len(found), serial=text.strip()))
        else:
            self.say(_("No unit with a serial number like {serial}.").format(serial=text.strip()), error=True)

    def action_back(self) -> None:
        self.app.pop_screen()

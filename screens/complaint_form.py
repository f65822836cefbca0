"""Logging a complaint: how it came in, who complains, about which slip or
phone order, and what about. Dismisses with the logged complaint's view."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from counter.i18n import N_, _
from counter.services.complaints import ComplaintView, channel_label, log_complaint, phone_order_id_of
from counter.services.customers import find_customers
from models import Channel
from screens.base import CounterModal


class ComplaintForm(CounterModal[ComplaintView | None]):
    DEFAULT_CSS = """
    ComplaintForm { align: center middle; }
    ComplaintForm > Vertical { width: 80; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    ComplaintForm #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel")), Binding("f9", "save", N_("Log it"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Came in"))
            yield Select([(channel_label(c), c) for c in Channel], value=Channel.COUNTER, allow_blank=False, id="channel")
            yield Label(_("Who complains: name and phone (a known customer is linked by phone)"))
            yield Input(id="contact", max_length=128)
            yield Label(_("Slip number (if any)"))
            yield Input(id="slip", max_length=14)
            yield Label(_("Phone order number (if any)"))
            yield Input(id="order", max_length=12)
            yield Label(_("What about"))
            yield Input(id="summary", max_length=500)
            yield Static(_("Enter in the last field or F9 logs it."), id="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#contact", Input).focus()

    @on(Input.Submitted, "#summary")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value for name in ("contact", "slip", "order", "summary")}
        channel = self.query_one("#channel", Select).value
        store, actor = self.store, self.actor

        def customer_id() -> int | None:
            """The customer whose phone is in what was typed, if exactly one matches."""
            digits = "".join(ch for ch in value["contact"] if ch.isdigit())
            if len(digits) < 7:
                return None
            found = find_customers(store.uow(), actor, digits)
            return found[0].id if len(found) == 1 else None

        def log() -> ComplaintView:
            return log_complaint(
                store.uow(), actor, value["summary"], channel, contact=value["contact"], customer_id=customer_id(),
                slip_number=value["slip"], phone_order_id=phone_order_id_of(value["order"]),
            )

        self.run_store(log, self.dismiss)

    def store_failed(self, error: str) -> None:
        self.query_one("#message", Static).update(error)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Why an invoice is voided, asked before a manager approves it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from counter.i18n import N_, _
from screens.base import CounterModal


class VoidReason(CounterModal[str | None]):
    """Dismisses with the reason, or None if cancelled."""

    DEFAULT_CSS = """
    VoidReason { align: center middle; }
    VoidReason > Vertical { width: 60; height: auto; border: thick $error; padding: 1 2; background: $surface; }
    VoidReason #title { text-style: bold; margin-bottom: 1; }
    VoidReason #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, invoice_number: str) -> None:
        super().__init__()
        self.invoice_number = invoice_number

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                _("Void invoice {number} (废): it is kept, and a new number replaces it.").format(
                    number=self.invoice_number
                ),
                id="title", markup=False,
            )
            yield Label(_("Reason"))
            yield Input(id="reason", max_length=200)
            yield Static("", id="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            # Asked here, before a manager is called over to type a PIN.
            self.query_one("#message", Static).update(_("Say why the invoice is void."))
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

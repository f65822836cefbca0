"""A repayment against an account: tender, amount and reference. Dismisses
with (tender, amount text, reference) for the caller's service to check."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from counter.i18n import N_, _
from counter.services.accounts import REPAYMENT_TENDERS
from counter.services.payments import tender_label
from models import Tender
from screens.base import CounterModal


class RepaymentForm(CounterModal[tuple[Tender, str, str] | None]):
    DEFAULT_CSS = """
    RepaymentForm { align: center middle; }
    RepaymentForm > Vertical { width: 64; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    RepaymentForm #who { text-style: bold; margin-bottom: 1; }
    RepaymentForm #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, who: str, message: str = "", amount: str = "", reference: str = "") -> None:
        super().__init__()
        self.who, self.message, self.amount, self.reference = who, message, amount, reference

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.who, id="who", markup=False)
            yield Label(_("Paid by"))
            yield Select([(tender_label(t), t) for t in REPAYMENT_TENDERS], value=Tender.CASH, allow_blank=False, id="tender")
            yield Label(_("Amount"))
            yield Input(self.amount, placeholder="500.00", id="amount", max_length=16)
            yield Label(_("Reference (card slip / mobile)"))
            yield Input(self.reference, id="reference", max_length=64)
            yield Static(self.message, id="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        tender = self.query_one("#tender", Select).value
        self.dismiss((tender, self.query_one("#amount", Input).value, self.query_one("#reference", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)

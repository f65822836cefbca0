"""Who the e-fapiao is made out to: a compact form, one line a field, so it
fits at 80×24. A taxpayer number makes the buyer a business; without one
the buyer is a person. The service checks it all (the number's check
character too); its message shows here and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Footer, Input, Label, Static

from counter.i18n import N_, _
from counter.services.fapiao import Buyer, RequestView
from models import BuyerType
from screens.base import CounterModal

FIELDS = (
    ("slip", N_("Paid slip number")),
    ("name", N_("Buyer's name")),
    ("tax_id", N_("Taxpayer number")),
    ("phone", N_("Mobile phone")),
    ("email", N_("Email")),
    ("address", N_("Address, phone")),
    ("bank", N_("Bank, account")),
)


class BuyerForm(CounterModal[RequestView | None]):
    """Dismisses with the request made, or None if cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]
    CSS_PATH = "fapiao_buyer.tcss"

    def __init__(self, submit: Callable[[str, Buyer], RequestView], slip_number: str = "") -> None:
        super().__init__()
        self.submit = submit
        self.slip_number = slip_number

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Ask for an e-fapiao (开票申请)"), id="title")
            with Grid():
                for field, label in FIELDS:
                    yield Label(_(label))
                    yield Input(self.slip_number if field == "slip" else "", id=field, max_length=200)
            yield Static(
                _("With a taxpayer number the buyer is a business; without, a person. "
                  "The platform sends the invoice to the mobile or the email."),
                id="hint",
            )
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name" if self.slip_number else "#slip", Input).focus()

    def values(self) -> dict[str, str]:
        return {field: self.query_one(f"#{field}", Input).value for field, _label in FIELDS}

    @on(Input.Submitted)
    def _next_or_submit(self, event: Input.Submitted) -> None:
        ids = [field for field, _label in FIELDS]
        at = ids.index(event.input.id or "")
        if at + 1 < len(ids):
            self.query_one(f"#{ids[at + 1]}", Input).focus()
        else:
            self.send(self.values())

    def send(self, values: dict[str, str]) -> None:
        kind = BuyerType.BUSINESS if values["tax_id"].strip() else BuyerType.PERSON
        buyer = Buyer(kind, values["name"], values["tax_id"], values["address"], values["bank"], values["phone"],
                      values["email"])
        self.run_store(lambda: self.submit(values["slip"], buyer), self.dismiss, failed=self.show, exclusive=True)

    def show(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def action_cancel(self) -> None:
        self.dismiss(None)

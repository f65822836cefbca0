"""The phone order's payment dialog. It runs its service calls itself, so a
refusal is shown in the dialog and nothing typed is lost."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from counter.errors import CounterError
from counter.i18n import N_, _
from counter.money import fmt, parse_amount
from counter.printing import DocKind, Document
from counter.services import orders, payments
from counter.services.orders import OrderView
from counter.store.faults import SAID, words_for
from models import Tender
from screens.base import CounterModal

TENDERS = [(payments.tender_label(t), t) for t in Tender]


@dataclass(frozen=True)
class OrderPaid:
    """What the dialog took: the words to say, and the receipt (and invoice) to print."""

    announcement: str
    documents: list[Document]


class OrderPayment(CounterModal[OrderPaid | None]):
    """The cashier takes the payment for a phone order (in advance, or the
    money the deliverer brings back) and, if asked, issues the invoice.
    The cashier signs with their own code and PIN: money is theirs to count.
    Dismisses with what the cashier announces (收您…找您…)."""

    CSS_PATH = "order_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, order: OrderView) -> None:
        super().__init__()
        self.order = order

    def compose(self) -> ComposeResult:
        o = self.order
        with Vertical(classes="dialog wide"):
            yield Static(
                _("Payment for {number}: {total}").format(number=o.number, total=fmt(o.total)), classes="dialog-title", markup=False,
            )
            yield Label(_("Cashier code"))
            yield Input(id="code", max_length=16, compact=True)
            yield Label(_("PIN"))
            yield Input(id="pin", password=True, max_length=8, restrict=r"[0-9]*", compact=True)
            yield Label(_("Tender"))
            yield Select(TENDERS, value=Tender.CASH, allow_blank=False, id="tender", compact=True)
            yield Label(_("Amount (cash: what was handed over)"))
            yield Input(value=str(o.total), id="amount", compact=True)
            yield Label(_("Reference (card slip, WeChat/Alipay or cheque number)"))
            yield Input(id="reference", compact=True)
            yield Checkbox(_("Issue the invoice to {name}").format(name=o.customer_name), value=True, id="invoice", compact=True)
            yield Static("", id="message", classes="dialog-message", markup=False)
            yield Static(_("Enter in the last field: take the payment · Esc: cancel"), classes="dialog-hint", markup=False)

    @on(Input.Submitted, "#code")
    def _to_pin(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def _to_tender(self) -> None:
        self.query_one("#tender", Select).focus()

    @on(Input.Submitted, "#amount")
    def _to_reference(self) -> None:
        self.query_one("#reference", Input).focus()

    @on(Input.Submitted, "#reference")
    def _submit(self) -> None:
        value = {i.id: i.value for i in self.query(Input)}
        try:
            amount = parse_amount(value["amount"])
        except CounterError as e:
            self.query_one("#message", Static).update(str(e))
            self.query_one("#amount", Input).focus()
            return
        tender = self.query_one("#tender", Select).value
        self.take(value["code"], value["pin"], tender, amount, value["reference"], self.query_one("#invoice", Checkbox).value)

    @work(thread=True, exclusive=True)
    def take(self, code: str, pin: str, tender: Tender, amount: Decimal, reference: str, invoice: bool) -> None:
        store = self.store
        try:
            cashier = store.sign_in(code, pin)
            paid = orders.pay_order(store.uow(), cashier, self.order.id, [payments.TenderIn(tender, amount, reference)])
        except SAID as e:
            self.app.call_from_thread(self._refused, words_for(e))
            return
        said, documents = paid.announcement, list(paid.documents)
        if invoice and not paid.awaiting_funds:
            try:
                issued = orders.invoice_order(store.uow(), cashier, self.order.id)
                said += " · " + _("invoice {number}").format(number=issued.number_text)
                documents.append(Document(DocKind.INVOICE, issued.number_text))
            except SAID as e:
                said += " · " + words_for(e)
        self.app.call_from_thread(self.dismiss, OrderPaid(said, documents))

    def _refused(self, message: str) -> None:
        self.query_one("#message", Static).update(message)
        pin = self.query_one("#pin", Input)
        pin.value = ""

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Returns (退货): open the original slip by number, choose lines and
quantities, say why, restock or write off, choose the refund tender, and a
manager approves with their code and PIN."""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from counter.auth import may
from counter.i18n import N_, _
from counter.money import fmt
from counter.services.payments import tender_label
from counter.services.returns import RefundIn, ReturnableSlip, ReturnLineIn, ReturnView, open_for_return, take_return
from models import Tender
from screens.base import CounterScreen
from screens.documents import print_documents
from screens.header import ShopHeader
from screens.plain import PlainTable


class ReturnScreen(CounterScreen[None]):
    CSS_PATH = "returns.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("plus,equals_sign", "more", N_("Return one more")),
        Binding("minus", "fewer", N_("One fewer")),
        Binding("w", "write_off", N_("Damaged: write off")),
        Binding("f9", "take", N_("Take the return")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.original: ReturnableSlip | None = None
        self.quantities: dict[int, int] = {}
        self.written_off: set[int] = set()

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="find"):
            yield Label(_("Slip number "))
            yield Input(placeholder="000123", id="slip-number", max_length=14)
        yield Static(_("Type the number on the customer's slip and press Enter."), id="slip-info", markup=False)
        table = PlainTable(id="lines", cursor_type="row", zebra_stripes=True)
        table.add_columns(
            _("Line"), _("Goods"), _("Model"), _("Unit price"), _("Sold"), _("Returned before"), _("Return now"),
            _("Goods go"),
        )
        yield table
        with Horizontal(id="form"):
            yield Input(placeholder=_("Reason for the return"), id="reason", max_length=200)
            yield Select([], id="tender", allow_blank=True, prompt=_("Refund by"))
            yield Input(placeholder=_("Card / mobile refund reference"), id="reference", max_length=64)
        yield Static("", id="refund", markup=False)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#slip-number", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("more", "fewer", "write_off", "take"):
            return self.original is not None
        return True

    def say(self, message: str, done: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(done, "done")

    @on(Input.Submitted, "#slip-number")
    def _open(self, event: Input.Submitted) -> None:
        store, actor, number = self.store, self.actor, event.value
        self.run_store(lambda: open_for_return(store.uow(), actor, number), self.opened, failed=self.not_opened)

    def not_opened(self, error: str) -> None:
        self.original = None
        self.say(error)
        self.refresh_bindings()

    def store_failed(self, error: str) -> None:
        self.say(error)

    def opened(self, original: ReturnableSlip) -> None:
        self.original = original
        self.quantities = {}
        self.written_off = set()
        slip = self.original.slip
        invoice = (
            _("invoice {number}").format(number=f"{self.original.invoice_number:08d}")
            if self.original.invoice_number
            else _("no invoice")
        )
        self.query_one("#slip-info", Static).update(
            _("Slip {number} · paid {paid:%Y-%m-%d %H:%M} · {total} · {customer} · {invoice}").format(
                number=slip.number, paid=slip.paid_at, total=fmt(slip.total),
                customer=slip.customer_name or _("walk-in customer"), invoice=invoice,
            )
        )
        tenders = (Tender.ACCOUNT,) if self.original.on_account else (Tender.CASH, Tender.CARD, Tender.MOBILE)
        select = self.query_one("#tender", Select)
        select.set_options([(tender_label(t), t) for t in tenders])
        select.value = tenders[0]
        self.say("")
        self.redraw()
        self.refresh_bindings()
        self.query_one("#lines", DataTable).focus()

    def redraw(self) -> None:
        table = self.query_one("#lines", DataTable)
        row = table.cursor_row
        table.clear()
        if self.original is None:
            return
        for line in self.original.lines:
            quantity = self.quantities.get(line.line_no, 0)
            goes = "" if not quantity else (_("written off") if line.line_no in self.written_off else _("back on sale"))
            table.add_row(
                str(line.line_no), line.name, line.model, fmt(line.unit_price), str(line.sold), str(line.returned),
                str(quantity) if quantity else "", goes, key=str(line.line_no),
            )
        table.move_cursor(row=min(row, len(self.original.lines) - 1))
        refund = sum((l.refund(self.quantities.get(l.line_no, 0)) for l in self.original.lines), Decimal(0))
        self.query_one("#refund", Static).update(_("Refund {amount}").format(amount=fmt(refund)))

    def _current(self):
        table = self.query_one("#lines", DataTable)
        if self.original is None or not self.original.lines:
            return None
        return self.original.lines[table.cursor_row]

    def action_more(self) -> None:
        line = self._current()
        if line is None:
            return
        quantity = self.quantities.get(line.line_no, 0)
        if quantity >= line.returnable:
            self.say(_("Line {n}: only {left} can come back.").format(n=line.line_no, left=line.returnable))
            return
        self.quantities[line.line_no] = quantity + 1
        self.say("")
        self.redraw()

    def action_fewer(self) -> None:
        line = self._current()
        if line is None or not self.quantities.get(line.line_no):
            return
        self.quantities[line.line_no] -= 1
        self.redraw()

    def action_write_off(self) -> None:
        line = self._current()
        if line is None:
            return
        self.written_off ^= {line.line_no}
        self.redraw()

    def _request(self) -> tuple[list[ReturnLineIn], str, RefundIn]:
        lines = [
            ReturnLineIn(no, quantity, no in self.written_off) for no, quantity in sorted(self.quantities.items()) if quantity
        ]
        tender = self.query_one("#tender", Select).value
        refund = RefundIn(tender if isinstance(tender, Tender) else Tender.CASH, self.query_one("#reference", Input).value)
        return lines, self.query_one("#reason", Input).value, refund

    def action_take(self) -> None:
        if self.original is None:
            return
        lines, reason, refund = self._request()
        if not lines:
            self.say(_("Choose the goods that come back: + on a line adds one."))
            return
        if not reason.strip():
            self.say(_("Say why the goods come back."))
            self.query_one("#reason", Input).focus()
            return
        if may(self.actor, "approve_return"):
            self._take(self.actor)
            return
        from screens.manager_pin import ManagerApproval

        why = _("Approve return of slip {number}: {reason}").format(number=self.original.slip.number, reason=reason)
        self.app.push_screen(ManagerApproval(why), self._take)

    def _take(self, manager) -> None:
        if manager is None:
            self.say(_("Not approved: the return was not taken."))
            return
        lines, reason, refund = self._request()
        store, actor, slip_id = self.store, self.actor, self.original.slip.id
        self.run_store(lambda: take_return(store.uow(), actor, slip_id, lines, reason, refund, manager), self.taken)

    def taken(self, done: ReturnView) -> None:
        print_documents(self, done.documents)
        message = _("Return {number} taken, approved by {manager}. Refund {amount} by {tender}.").format(
            number=done.number, manager=done.approved_by, amount=fmt(done.refund), tender=tender_label(done.tender)
        )
        if done.voided_invoice:
            message += " " + _("Invoice {number} is void.").format(number=f"{done.voided_invoice:08d}")
        if done.replacement_invoice:
            message += " " + _("New invoice {number} for the goods kept.").format(number=f"{done.replacement_invoice:08d}")
        self.original = None
        self.quantities, self.written_off = {}, set()
        self.redraw()
        self.query_one("#refund", Static).update("")
        self.query_one("#reason", Input).value = ""
        self.query_one("#reference", Input).value = ""
        self.query_one("#slip-number", Input).value = ""
        self.refresh_bindings()
        self.say(message, done=True)
        self.query_one("#slip-number", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

"""Issue the invoice (开发票) for a paid slip, look one up by number, and
void (废) and reissue a wrong one. Rules are in `counter.services.invoices`."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from counter.auth import Actor, may
from counter.i18n import N_, _
from counter.money import fmt, fmt_capitals
from counter.services import customers, invoices, slips
from counter.services.customers import CustomerView
from counter.services.invoices import InvoiceDetails, InvoiceView
from counter.services.slips import SlipView
from models import InvoiceStatus
from screens.base import CounterScreen
from screens.cells import pad, promoted
from screens.documents import print_in_background
from screens.fixed_size import FixedInput, FixedOptionList
from screens.header import ShopHeader
from screens.plain import plain_row

# The three copies of every invoice, as printed on each.
COPIES = (("财务联", "finance"), ("底联", "stub"), ("用户联", "customer"))


def copy_label(copy: str) -> str:
    return {"finance": _("finance"), "stub": _("stub"), "customer": _("customer")}[copy]


def render_invoice(view: InvoiceView) -> Group:
    """The invoice as the customer will see it, every field SPEC §1.5 lists."""
    void = view.status == InvoiceStatus.VOID
    title = Text.assemble(
        ("发票 ", "bold"), (_("INVOICE"), "bold"), f"   No. {view.number_text}", style="strike" if void else ""
    )
    if void:
        title.append("   废 " + _("VOID"), style="bold reverse red")
    head = Table.grid(padding=(0, 2))
    head.add_column(style="dim")
    head.add_column()
    plain_row(head, _("Date of issue"), f"{view.issued_at:%Y-%m-%d %H:%M}")
    plain_row(head, _("Slip"), view.slip_number)
    plain_row(head, _("Customer"), view.customer_name)
    plain_row(head, _("Address"), view.customer_address)
    plain_row(head, _("Phone"), view.customer_phone)
    lines = Table(expand=True, show_edge=False, pad_edge=False)
    lines.add_column(_("Brand"), overflow="fold")
    lines.add_column(_("Goods"), ratio=3, overflow="fold")
    lines.add_column(_("Spec"), ratio=2, overflow="fold")
    lines.add_column(_("Colour"), overflow="fold")
    for heading in (_("Unit price"), _("Qty"), _("Amount")):
        lines.add_column(heading, justify="right", no_wrap=True)
    for line in view.lines:
        plain_row(
            lines,
            line.brand, promoted(f"{line.name} {line.model}".strip(), line), line.spec, line.colour,
            fmt(line.unit_price), str(line.quantity), fmt(line.amount),
        )
    notes = []
    if view.remarks:
        notes.append(Text(_("Remarks") + ": " + view.remarks))
    if view.reissued_late:
        notes.append(Text(_("补开 issued late: sale date {date}").format(date=f"{view.sale_date:%Y-%m-%d}")))
    if view.replaces_number is not None:
        notes.append(Text(_("Replaces void invoice {number}").format(number=f"{view.replaces_number:08d}")))
    if void:
        notes.append(
            Text(
                _("VOID: {reason} (approved by {manager})").format(reason=view.void_reason, manager=view.voided_by),
                style="bold red",
            )
        )
    people = Table.grid(padding=(0, 4))
    plain_row(
        people, _("Filled by: {name}").format(name=view.filled_by), _("Cashier: {name}").format(name=view.cashier)
    )
    return Group(
        title,
        Text(),
        head,
        Text(),
        lines,
        Text.assemble(
            (_("Total") + f"  {fmt(view.total)}", "bold"), "   ", (fmt_capitals(view.total), "bold")
        ),
        Text(),
        *notes,
        people,
        Text(_("Customer signature") + ": ______________________"),
        Text(),
        Text(
            _("Copies") + ": " + " · ".join(f"{zh} {copy_label(en)}" for zh, en in COPIES),
            style="dim",
        ),
    )


class InvoiceScreen(CounterScreen[None]):
    CSS_PATH = "invoice.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("f9", "issue", N_("Issue invoice")),
        Binding("f8", "void", N_("Void invoice")),
        Binding("f2", "focus_field('slip')", N_("Slip")),
        Binding("f3", "focus_field('lookup')", N_("Look up invoice")),
        Binding("f4", "focus_field('find')", N_("Find customer")),
    ]

    def __init__(self, slip_number: str | None = None) -> None:
        super().__init__()
        self.start_number = slip_number
        self.slip: SlipView | None = None
        self.invoice: InvoiceView | None = None
        self.matches: list[CustomerView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Label(_("Slip number"))
                yield Input(placeholder="000123", id="slip", max_length=16)
                yield Label(_("Or look up an invoice by number"))
                yield Input(placeholder="00000012", id="lookup", max_length=16)
                yield Label(_("Find a customer by phone or name"), id="find-label")
                yield FixedInput(id="find", max_length=40)
                yield FixedOptionList(id="found")
                yield Label(_("Customer full name"))
                yield Input(id="name", max_length=128, select_on_focus=False)
                yield Label(_("Address"))
                yield Input(id="address", max_length=256, select_on_focus=False)
                yield Label(_("Phone"))
                yield Input(id="phone", max_length=32, select_on_focus=False)
                yield Static("", id="message", markup=False)
            with VerticalScroll(id="paper"):
                yield Static(_("Open a paid slip by number to issue its invoice."), id="invoice", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#found", OptionList).display = False
        if self.start_number:
            self.query_one("#slip", Input).value = self.start_number
            self.open_slip(self.start_number)
        else:
            self.query_one("#slip", Input).focus()

    # ---- showing ------------------------------------------------------

    def say(self, message: str, *, error: bool = True) -> None:
        widget = self.query_one("#message", Static)
        widget.set_class(error, "error")
        widget.update(message)

    def show_invoice(self, view: InvoiceView | None) -> None:
        self.invoice = view
        paper = self.query_one("#invoice", Static)
        paper.set_class(view is not None and view.status == InvoiceStatus.VOID, "void")
        if view is not None:
            paper.update(render_invoice(view))
        self.refresh_bindings()

    def fill(self, name: str, address: str, phone: str) -> None:
        for field, value in (("#name", name), ("#address", address), ("#phone", phone)):
            self.query_one(field, Input).value = value

    def fill_customer(self, customer: customers.CustomerView) -> str:
        """The customer's record on the invoice. A role that sees it masked
        asks the customer for the address and phone (§5.2.7.1): the hint to show."""
        if customers.sees_contact(self.actor):
            self.fill(customer.name, customer.address, customer.phone)
            return ""
        self.fill(customer.name, "", "")
        return _("Ask {name} for the address and phone to write on the invoice.").format(name=customer.name)

    # ---- opening a slip or an invoice ---------------------------------

    @on(Input.Submitted, "#slip")
    def _slip_entered(self, event: Input.Submitted) -> None:
        self.open_slip(event.value)

    def store_failed(self, error: str) -> None:
        self.say(error)

    def open_slip(self, number: str) -> None:
        store, actor = self.store, self.actor

        def read() -> tuple[SlipView, InvoiceView | None, CustomerView | None]:
            slip = slips.get_slip(store.uow(), actor=actor, number=number)
            issued = invoices.invoices_of_slip(store.uow(), slip.id)
            customer = None
            if not issued and slip.customer_id is not None:
                customer = customers.get_customer(store.uow(), actor, slip.customer_id)
            return slip, issued[-1] if issued else None, customer

        self.run_store(read, lambda opened: self.show_opened(*opened), group="open", exclusive=True)

    def show_opened(self, slip: SlipView, latest: InvoiceView | None, customer: CustomerView | None) -> None:
        self.slip = slip
        self.query_one("#slip", Input).value = slip.number
        hint = ""
        if latest is not None:
            self.fill(latest.customer_name, latest.customer_address, latest.customer_phone)
        elif customer is not None:
            hint = self.fill_customer(customer)
        else:
            self.fill("", "", "")
        self.show_invoice(latest)
        if latest is not None and latest.status == InvoiceStatus.ISSUED:
            self.say(
                _("Slip {slip} has invoice {number}. F8 voids it, to issue a new one.").format(
                    slip=slip.number, number=latest.number_text
                ),
                error=False,
            )
        else:
            if latest is None:
                self.query_one("#invoice", Static).update(
                    _("Slip {number} · {total} · no invoice yet. Fill in the customer and press Enter on the phone, or F9.").format(
                        number=slip.number, total=fmt(slip.total)
                    )
                )
            self.say(hint, error=False)
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#lookup")
    def _lookup(self, event: Input.Submitted) -> None:
        store, actor, typed = self.store, self.actor, event.value

        def read() -> tuple[InvoiceView, SlipView]:
            view = invoices.get_invoice(store.uow(), invoices.parse_invoice_number(typed))
            return view, slips.get_slip(store.uow(), actor=actor, number=view.slip_number)

        self.run_store(read, lambda found: self.show_looked_up(*found), group="open", exclusive=True)

    def show_looked_up(self, view: InvoiceView, slip: SlipView) -> None:
        self.slip = slip
        self.query_one("#slip", Input).value = view.slip_number
        self.fill(view.customer_name, view.customer_address, view.customer_phone)
        self.show_invoice(view)
        self.say("", error=False)

    # ---- the customer -------------------------------------------------

    def action_focus_field(self, name: str) -> None:
        field = self.query_one(f"#{name}", Input)
        field.focus()
        field.action_select_all()

    @on(Input.Changed, "#find")
    def _search(self, event: Input.Changed) -> None:
        found = self.query_one("#found", OptionList)
        found.clear_options()
        if len(event.value.strip()) < 2:
            found.display = False
            return
        store, actor, typed = self.store, self.actor, event.value
        self.run_store(lambda: customers.find_customers(store.uow(), actor, typed), self.show_matches,
                       group="find", exclusive=True)

    def show_matches(self, matches: list[CustomerView]) -> None:
        found = self.query_one("#found", OptionList)
        found.clear_options()
        self.matches = matches
        found.add_options(
            [Option(Text(f"{pad(c.name, 10)}{c.phone:<16}{c.address}"), id=str(i)) for i, c in enumerate(matches)]
        )
        found.display = bool(matches)
        if matches:
            found.highlighted = 0

    @on(Input.Submitted, "#find")
    def _to_found(self) -> None:
        found = self.query_one("#found", OptionList)
        if found.option_count:
            found.focus()
        else:
            self.say(_("No customer matches; type the details below."), error=False)
            self.query_one("#name", Input).focus()

    @on(OptionList.OptionSelected, "#found")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.say(self.fill_customer(self.matches[int(event.option.id or 0)]), error=False)
        self.query_one("#found", OptionList).display = False
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def _to_address(self) -> None:
        self.query_one("#address", Input).focus()

    @on(Input.Submitted, "#address")
    def _to_phone(self) -> None:
        self.query_one("#phone", Input).focus()

    @on(Input.Submitted, "#phone")
    def _phone_entered(self) -> None:
        self.action_issue()

    # ---- issue, void --------------------------------------------------

    def action_issue(self) -> None:
        if self.slip is None:
            self.say(_("Open a paid slip first: type its number."))
            self.query_one("#slip", Input).focus()
            return
        details = InvoiceDetails(*(self.query_one(f, Input).value for f in ("#name", "#address", "#phone")))
        store, actor, slip_id = self.store, self.actor, self.slip.id
        self.run_store(lambda: invoices.issue_invoice(store.uow(), actor, slip_id, details), self.issued)

    def issued(self, view: InvoiceView) -> None:
        self.show_invoice(view)
        self.say(_("Invoice {number} issued.").format(number=view.number_text), error=False)
        print_in_background(self, "invoice", view.number)

    def action_void(self) -> None:
        invoice = self.invoice
        if invoice is None or invoice.status != InvoiceStatus.ISSUED:
            return
        from screens.void_reason import VoidReason

        def with_reason(reason: str | None) -> None:
            if reason is None:
                return
            if may(self.actor, "void_invoice"):
                self.void(invoice, reason, self.actor)
                return
            from screens.manager_pin import ManagerApproval

            why = _("Void invoice {number}: {reason}").format(number=invoice.number_text, reason=reason)
            self.app.push_screen(
                ManagerApproval(why), lambda manager: self.void(invoice, reason, manager) if manager else None
            )

        self.app.push_screen(VoidReason(invoice.number_text), with_reason)

    def void(self, invoice: InvoiceView, reason: str, manager: Actor) -> None:
        store = self.store
        self.run_store(lambda: invoices.void_invoice(store.uow(), manager, invoice.id, reason), self.voided)

    def voided(self, view: InvoiceView) -> None:
        self.show_invoice(view)
        self.fill(view.customer_name, view.customer_address, view.customer_phone)
        self.say(
            _("Invoice {number} is void (废). Correct the details and press F9 to issue its replacement.").format(
                number=view.number_text
            ),
            error=False,
        )
        # After the modals close, once the screen has taken its focus back.
        self.call_after_refresh(self.query_one("#name", Input).focus)

    def action_back(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "void":
            return self.invoice is not None and self.invoice.status == InvoiceStatus.ISSUED
        if action == "issue":
            return self.slip is not None and (self.invoice is None or self.invoice.status == InvoiceStatus.VOID)
        return True

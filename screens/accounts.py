"""Account customers (应收款): credit limits, repayments, and the aging list
of what is owed and since when, for the 催收 calls."""

from __future__ import annotations

from typing import cast

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from counter.auth import may
from counter.i18n import N_, _
from counter.money import fmt, parse_amount
from counter.services import accounts
from counter.services.customers import CustomerView
from counter.services.payments import tender_label
from models import Tender
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable


class AccountsScreen(CounterScreen[None]):
    CSS_PATH = "accounts.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("a", "toggle_aging", N_("Aging list / accounts")),
        Binding("p", "repay", N_("Repayment")),
        Binding("l", "limit", N_("Credit limit")),
        Binding("n", "new_account", N_("New account")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.aging = False
        self.customer_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static("", id="title", markup=False)
        yield PlainTable(id="accounts", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#accounts", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("limit", "new_account"):
            return may(self.actor, "manage_credit")
        if action == "repay":
            return may(self.actor, "take_payment")
        return True

    def say(self, message: str, done: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(done, "done")

    def store_failed(self, error: str) -> None:
        self.say(error)

    def reload(self) -> None:
        store, actor, aging = self.store, self.actor, self.aging

        def read() -> list[accounts.AgingRow] | list[accounts.AccountView]:
            return accounts.aging(store.uow(), actor) if aging else accounts.accounts(store.uow(), actor)

        self.run_store(read, self.show_rows, group="list", exclusive=True)

    def show_rows(self, found: list[accounts.AgingRow] | list[accounts.AccountView]) -> None:
        table = self.query_one("#accounts", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        if self.aging:
            self.query_one("#title", Static).update(_("Aging list: what is owed, oldest first"))
            table.add_columns(
                _("Customer"), _("Phone"), _("Owed"), *[accounts.bucket_label(i) for i in range(4)], _("Owed since"),
                _("Last repaid"),
            )
            rows = cast(list[accounts.AgingRow], found)
            self.customer_ids = [r.customer_id for r in rows]
            for r in rows:
                table.add_row(
                    Text(r.name), r.phone, fmt(r.owed), *[fmt(b) if b else "" for b in r.buckets],
                    f"{r.since:%Y-%m-%d}" if r.since else "", f"{r.last_repaid:%Y-%m-%d}" if r.last_repaid else "",
                )
        else:
            self.query_one("#title", Static).update(_("Account customers"))
            table.add_columns(_("Customer"), _("Phone"), _("Credit limit"), _("Owed"), _("Still available"))
            views = cast(list[accounts.AccountView], found)
            self.customer_ids = [v.customer_id for v in views]
            for v in views:
                table.add_row(Text(v.name), v.phone, fmt(v.limit), fmt(v.owed), fmt(v.available))
        if self.customer_ids:
            table.move_cursor(row=min(row, len(self.customer_ids) - 1))
        self._show(table.cursor_row)
        self.refresh_bindings()

    def _selected(self) -> int | None:
        row = self.query_one("#accounts", DataTable).cursor_row
        return self.customer_ids[row] if 0 <= row < len(self.customer_ids) else None

    @on(DataTable.RowHighlighted, "#accounts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, row: int) -> None:
        detail = self.query_one("#detail", Static)
        if not 0 <= row < len(self.customer_ids):
            detail.update(_("No account customers yet.") if not self.aging else _("Nobody owes anything."))
            return
        store, actor, customer_id = self.store, self.actor, self.customer_ids[row]
        self.run_store(lambda: accounts.statement(store.uow(), actor, customer_id), self.show_statement,
                       group="statement", exclusive=True)

    def show_statement(self, entries: list[accounts.EntryView]) -> None:
        detail = self.query_one("#detail", Static)
        kinds = {"charge": _("bought on account"), "repayment": _("repaid"), "return": _("returned goods")}
        lines = [
            escape(
                f"{e.at:%Y-%m-%d %H:%M}  {kinds[str(e.kind)]:<18} {fmt(e.amount):>14}  "
                f"{e.slip_number or (tender_label(e.tender) if e.tender else '')} {e.reference}  {e.by}"
            )
            for e in entries[-8:]
        ]
        detail.update("\n".join(lines) or _("Nothing on this account yet."))

    def action_toggle_aging(self) -> None:
        self.aging = not self.aging
        self.reload()

    def action_repay(self) -> None:
        customer_id = self._selected()
        if customer_id is None:
            self.say(_("Choose an account first."))
            return
        self._ask_repayment(customer_id)

    def _ask_repayment(self, customer_id: int, message: str = "", amount: str = "", reference: str = "") -> None:
        from screens.repayment import RepaymentForm

        store, actor = self.store, self.actor

        def ask(view: accounts.AccountView) -> None:
            who = _("{name} owes {owed}").format(name=view.name, owed=fmt(view.owed))
            self.app.push_screen(RepaymentForm(who, message, amount, reference), done)

        def done(answer: tuple[Tender, str, str] | None) -> None:
            if answer is None:
                return
            tender, amount_text, ref = answer
            self.run_store(
                lambda: accounts.repay(store.uow(), actor, customer_id, tender, parse_amount(amount_text), ref),
                repaid,
                failed=lambda error: self._ask_repayment(customer_id, error, amount_text, ref),
            )

        def repaid(paid: accounts.AccountView) -> None:
            self.say(_("Repayment taken: {name} now owes {owed}.").format(name=paid.name, owed=fmt(paid.owed)), done=True)
            self.reload()

        self.run_store(lambda: accounts.account_of(store.uow(), actor, customer_id), ask)

    def action_limit(self) -> None:
        customer_id = self._selected()
        if customer_id is None:
            self.say(_("Choose an account first."))
            return
        self._ask_limit(customer_id)

    def action_new_account(self) -> None:
        from screens.customer_picker import CustomerPicker

        def chosen(customer: CustomerView | None) -> None:
            if customer is not None:
                self._ask_limit(customer.id)

        self.app.push_screen(CustomerPicker(_("Customer for the new account: type a phone number or name")), chosen)

    def _ask_limit(self, customer_id: int) -> None:

        store, actor = self.store, self.actor
        self.run_store(lambda: accounts.account_of(store.uow(), actor, customer_id),
                       lambda view: self._limit_asked(view, customer_id))

    def _limit_asked(self, view: accounts.AccountView, customer_id: int) -> None:
        from screens.ask import Ask

        store, actor = self.store, self.actor
        question = _("Credit limit for {name} (owes {owed})").format(name=view.name, owed=fmt(view.owed))

        def set_limit(answer: str) -> accounts.AccountView:
            return accounts.set_credit_limit(store.uow(), actor, customer_id, parse_amount(answer))

        def done(changed: accounts.AccountView | None) -> None:
            if changed is not None:
                self.say(_("{name} may now owe up to {limit}.").format(name=changed.name, limit=fmt(changed.limit)),
                         done=True)
                self.reload()

        self.app.push_screen(Ask.one(question, set_limit, str(view.limit), placeholder="5000"), done)

    def action_back(self) -> None:
        self.app.pop_screen()

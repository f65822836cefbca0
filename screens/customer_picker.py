"""Find a customer (for a slip, an account...) by phone or name as you type,
or add a new one."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from counter.errors import CounterError
from counter.i18n import N_, _
from counter.services import customers
from counter.services.customers import CustomerView, phone_key
from screens.ask import Ask, Question
from screens.base import CounterModal
from screens.fixed_size import FixedInput, FixedOptionList


class CustomerPicker(CounterModal[CustomerView | None]):
    """Dismisses with the chosen (or newly added) customer, or None."""

    DEFAULT_CSS = """
    CustomerPicker { align: center middle; }
    CustomerPicker > Vertical { width: 90; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    CustomerPicker #title { text-style: bold; margin-bottom: 1; }
    CustomerPicker OptionList { height: 10; }
    CustomerPicker #message { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("f2", "new", N_("New customer")),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, title: str = "") -> None:
        super().__init__()
        self.title_text = title or _("Customer for this slip: type a phone number or name")
        self.found: list[CustomerView] = []
        self.found_for: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="title", markup=False)
            yield FixedInput(placeholder=_("phone or name"), id="query")
            yield FixedOptionList(id="customers")
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(exclusive=True, group="customers")
    async def search(self, query: str, pick_first: bool = False) -> None:
        if not pick_first:
            await asyncio.sleep(0.05)  # one look-up per burst of keys
        try:
            found = await self.in_thread(customers.find_customers, self.store.uow(), self.actor, query)
        except CounterError as e:
            self.query_one("#message", Static).update(str(e))
            return
        self.found, self.found_for = found, query
        if pick_first and found:
            self.dismiss(found[0])
            return
        options = self.query_one("#customers", OptionList)
        options.set_options(
            Option(Text(f"{c.name}  {c.phone}  {c.address}" + (f"  ({c.assistant})" if c.assistant else "")), id=str(i))
            for i, c in enumerate(found)
        )
        if found:
            options.highlighted = 0
            self.query_one("#message", Static).update("")
        elif query.strip():
            self.query_one("#message", Static).update(_("No customer matches; F2 adds a new one."))

    def action_move(self, step: int) -> None:
        options = self.query_one("#customers", OptionList)
        if options.option_count:
            options.highlighted = max(0, min(options.option_count - 1, (options.highlighted or 0) + step))

    @on(Input.Submitted, "#query")
    def _enter(self, event: Input.Submitted) -> None:
        highlighted = self.query_one("#customers", OptionList).highlighted
        if self.found_for != event.value:
            self.search(event.value, pick_first=True)
        elif highlighted is not None and highlighted < len(self.found):
            self.dismiss(self.found[highlighted])
        else:
            self.query_one("#message", Static).update(_("No customer matches; F2 adds a new one."))

    @on(OptionList.OptionSelected, "#customers")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[int(event.option.id)])

    def action_new(self) -> None:
        typed = self.query_one("#query", Input).value.strip()
        looks_like_phone = len(phone_key(typed)) >= 3 and not any(ch.isalpha() for ch in typed)
        store, actor = self.store, self.actor

        def add(values: dict[str, str], _approver) -> CustomerView:
            return customers.add_customer(store.uow(), actor, values["name"], values["phone"], values["address"])

        questions = [
            Question("name", _("Full name (it goes on the invoice)"), "" if looks_like_phone else typed),
            Question("phone", _("Phone"), typed if looks_like_phone else "", placeholder=_("e.g. 13800138000")),
            Question("address", _("Address")),
        ]
        self.app.push_screen(Ask(_("New customer"), questions, add), self._added)

    def _added(self, customer: CustomerView | None) -> None:
        if customer is not None:
            self.dismiss(customer)

    def action_cancel(self) -> None:
        self.dismiss(None)

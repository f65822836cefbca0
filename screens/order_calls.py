"""Take a call (客户电话受理, 来电登记): the number finds a returning customer
with their history and assistant; every call is logged, whether it orders
something (then the order is taken next) or not."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from counter.i18n import N_, _
from counter.money import fmt
from counter.services import calls
from counter.services.calls import CallerView
from counter.store.faults import SAID, words_for
from models import CallPurpose
from screens.base import CounterScreen
from screens.fixed_size import FixedInput
from screens.header import ShopHeader
from screens.plain import PlainTable

PURPOSES = [(calls.purpose_label(p), p) for p in CallPurpose]


class CallScreen(CounterScreen[None]):
    CSS_PATH = "order_calls.tcss"
    BINDINGS = [
        Binding("ctrl+o", "take_order", N_("Take the order")),
        Binding("ctrl+s", "log_call", N_("Log the call")),
        Binding("escape", "back", N_("Back")),
    ]

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="top"):
            with Vertical(id="form"):
                yield Static(_("Incoming call"), classes="title", markup=False)
                yield Label(_("Phone"))
                yield FixedInput(placeholder="13800138000", id="phone", max_length=32, compact=True)
                yield Label(_("Caller's name"))
                yield Input(id="name", max_length=64, compact=True)
                yield Label(_("About"))
                yield Select(PURPOSES, value=CallPurpose.ORDER, allow_blank=False, id="purpose", compact=True)
                yield Label(_("Outcome (for a call that orders nothing)"))
                yield Input(id="outcome", compact=True)
                yield Label(_("Address (a new caller)"))
                yield Input(id="address", compact=True)
                yield Static("", id="message", markup=False)
            with Vertical(id="caller-box"):
                yield Static(_("Type the caller's number to find them."), id="caller", markup=False)
                yield PlainTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Static(_("Today's calls"), classes="title", markup=False)
        yield PlainTable(id="calls", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history", DataTable).add_columns(_("Kind"), _("Number"), _("Date"), _("Goods"), _("Total"),
                                                          _("Status"))
        self.query_one("#calls", DataTable).add_columns(_("Time"), _("Phone"), _("Caller"), _("About"), _("Outcome"),
                                                        _("Order"), _("Taken by"))
        self.refresh_calls()
        self.query_one("#phone", Input).focus()

    def show(self, message: str, error: bool = False) -> None:
        message_box = self.query_one("#message", Static)
        message_box.set_class(error, "error")
        message_box.update(message)

    def store_failed(self, error: str) -> None:
        self.show(error, True)

    def refresh_calls(self) -> None:
        store, actor = self.store, self.actor
        self.run_store(lambda: calls.recent_calls(store.uow(), actor), self.show_calls, group="calls", exclusive=True)

    def show_calls(self, recent: list[calls.CallView]) -> None:
        table = self.query_one("#calls", DataTable)
        table.clear()
        for c in recent:
            table.add_row(c.at.strftime("%H:%M"), c.phone, c.caller_name, calls.purpose_label(c.purpose), c.outcome,
                          c.order_number, c.taken_by)

    @on(Input.Changed, "#phone")
    def _phone_typed(self, event: Input.Changed) -> None:
        if sum(ch.isdigit() for ch in event.value) >= 7:
            self.look_up(event.value)
        else:
            self.show_caller(None)

    @work(thread=True, exclusive=True, group="lookup")
    def look_up(self, phone: str) -> None:
        try:
            caller = calls.lookup_caller(self.store.uow(), self.actor, phone)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e), True)
            return
        self.app.call_from_thread(self.show_caller, caller)

    def show_caller(self, caller: CallerView | None) -> None:
        box = self.query_one("#caller", Static)
        table = self.query_one("#history", DataTable)
        table.clear()
        if caller is None:
            box.update(_("Type the caller's number to find them."))
            return
        if caller.customer is None:
            box.update(_("New caller: ask their name; they become a customer record."))
            return
        c = caller.customer
        box.update(
            _("Returning customer: {name} · {phone}\n{address}\nBelongs to: {assistant} · {calls} call(s) before").format(
                name=c.name, phone=c.phone, address=c.address or "—", assistant=c.assistant or "—",
                calls=caller.calls_before,
            )
        )
        name = self.query_one("#name", Input)
        if not name.value:
            name.value = c.name
        for deal in caller.history:
            table.add_row(_("slip") if deal.kind == "slip" else _("phone order"), deal.number,
                          deal.at.strftime("%Y-%m-%d"), deal.goods, fmt(deal.total), deal.status)

    def _values(self) -> dict[str, str]:
        return {i.id: i.value for i in self.query(Input)}

    def _log(self, purpose: CallPurpose, then: Callable[[calls.CallView], None]) -> None:
        v = self._values()
        store, actor = self.store, self.actor
        self.run_store(
            lambda: calls.log_call(store.uow(), actor, v["phone"], v["name"], purpose, v["outcome"], v["address"]), then
        )

    def _clear(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#purpose", Select).value = CallPurpose.ORDER
        self.show_caller(None)
        self.refresh_calls()
        self.query_one("#phone", Input).focus()

    def action_take_order(self) -> None:
        self._log(CallPurpose.ORDER, self._order_started)

    def _order_started(self, call: calls.CallView) -> None:
        from screens.order_entry import OrderEntryScreen

        self._clear()
        self.show(_("Call logged; order {number} started.").format(number=call.order_number))
        self.app.push_screen(OrderEntryScreen(call.order_id), lambda _r: self.refresh_calls())

    def action_log_call(self) -> None:
        purpose = self.query_one("#purpose", Select).value
        if purpose == CallPurpose.ORDER:
            self.show(_("An order call is logged with Ctrl+O (take the order); choose what else the call was about."),
                      True)
            self.query_one("#purpose", Select).focus()
            return
        self._log(purpose, self._logged)

    def _logged(self, call: calls.CallView) -> None:
        self._clear()
        self.show(_("Call from {phone} logged.").format(phone=call.phone))

    def action_back(self) -> None:
        self.app.pop_screen()

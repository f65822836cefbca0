"""Read back (电话确认): the script to read to the caller, word for word.
The customer confirms it, or says what is wrong; either way the reading is
recorded, and an order goes on only once confirmed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from counter.i18n import N_, _
from counter.services import orders
from counter.services.orders import OrderView
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable


class ReadBackScreen(CounterScreen[bool | None]):
    """Dismisses with True when confirmed, False when corrected."""

    CSS_PATH = "order_read_back.tcss"
    BINDINGS = [
        Binding("y", "confirmed", N_("Confirmed by the customer")),
        Binding("n", "corrected", N_("Customer corrects it")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, order_id: int) -> None:
        super().__init__()
        self.order_id = order_id

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static(_("Read this to the caller:"), classes="title", markup=False)
        yield Static("", id="script", markup=False)
        yield Static(_("Earlier readings"), classes="title", markup=False)
        yield PlainTable(id="readings", cursor_type="row")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#readings", DataTable).add_columns(_("Time"), _("By"), _("Outcome"), _("Correction"))
        store, actor = self.store, self.actor

        def read() -> tuple[OrderView, str, list[orders.ReadBackView]]:
            order, script = orders.prepare_read_back(store.uow(), actor, self.order_id)
            return order, script, orders.read_backs(store.uow(), actor, self.order_id)

        self.run_store(read, lambda got: self.show_script(*got))

    def store_failed(self, error: str) -> None:
        self.query_one("#message", Static).update(error)

    def show_script(self, order: OrderView, script: str, readings: list[orders.ReadBackView]) -> None:
        self.order = order
        self.query_one("#script", Static).update(script)
        table = self.query_one("#readings", DataTable)
        for r in readings:
            table.add_row(r.at.strftime("%m-%d %H:%M"), r.by,
                          _("confirmed") if r.outcome == "confirmed" else _("corrected"), r.correction)

    def action_confirmed(self) -> None:
        store, actor = self.store, self.actor
        self.run_store(lambda: orders.record_read_back(store.uow(), actor, self.order_id, confirmed=True),
                       lambda _done: self.dismiss(True))

    def action_corrected(self) -> None:
        from screens.ask import Ask

        store, actor = self.store, self.actor

        def apply(correction: str) -> bool:
            orders.record_read_back(store.uow(), actor, self.order_id, confirmed=False,
                                    correction=correction)
            return False

        def done(result: bool | None) -> None:
            if result is not None:
                self.dismiss(False)

        self.app.push_screen(Ask.one(_("The customer corrects the order"), apply, label=_("What did they correct?")), done)

    def action_back(self) -> None:
        self.dismiss(None)

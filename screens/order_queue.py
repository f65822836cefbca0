"""What the review and fulfil screens share: a queue of phone orders in
some statuses, the selected one shown in full, and a message line."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Static

from counter.i18n import _
from counter.money import fmt
from counter.services import orders
from counter.services.orders import OrderView
from models import OrderStatus
from screens.base import CounterScreen
from screens.feed import StoreChanged
from screens.header import ShopHeader
from screens.order_card import OrderCard
from screens.plain import PlainTable


class OrderQueueScreen(CounterScreen[None]):
    CSS_PATH = "order_queue.tcss"
    STATUSES: tuple[OrderStatus, ...] = ()
    HEADING = ""

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[OrderView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static(self.HEADING, classes="title", markup=False)
        with Horizontal(id="panes"):
            yield PlainTable(id="queue", cursor_type="row", zebra_stripes=True)
            yield OrderCard(id="card")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # The money second: at 80 columns the last columns run off the pane, never the total.
        self.query_one("#queue", DataTable).add_columns(_("Order"), _("Total"), _("Status"), _("Due"), _("Customer"),
                                                        _("Paid"))
        self.reload()
        self.query_one("#queue", DataTable).focus()

    def show(self, message: str, error: bool = False) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(message)

    def store_failed(self, error: str) -> None:
        self.show(error, True)

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.touches("phone_order", "slip"):  # an order moved on at another counter
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        store, actor = self.store, self.actor
        self.run_store(
            lambda: orders.orders_in(store.uow(), actor, *self.STATUSES),
            lambda queue: self.show_queue(queue, select_id),
            group="queue",
            exclusive=True,
        )

    def show_queue(self, queue: list[OrderView], select_id: int | None) -> None:
        self.queue = queue
        table = self.query_one("#queue", DataTable)
        row = table.cursor_row
        table.clear()
        for o in self.queue:
            due = (o.due.isoformat() if o.due else "—") + (" !" if o.overdue else "")
            style = "bold red" if o.overdue else ""
            table.add_row(
                Text(o.number, style=style), Text(fmt(o.total), style=style, justify="right"),
                *(Text(c, style=style) for c in (o.status_text, due, o.customer_name, _("paid") if o.paid else "")),
                key=str(o.id),
            )
        ids = [o.id for o in self.queue]
        if select_id in ids:
            row = ids.index(select_id)
        if self.queue:
            table.move_cursor(row=min(row, len(self.queue) - 1))
        self.show_selected()

    @property
    def selected(self) -> OrderView | None:
        if not self.queue:
            return None
        return self.queue[min(self.query_one("#queue", DataTable).cursor_row, len(self.queue) - 1)]

    @on(DataTable.RowHighlighted, "#queue")
    def _highlighted(self) -> None:
        self.show_selected()

    def show_selected(self) -> None:
        self.query_one("#card", OrderCard).show(self.selected)

    def run(self, change: Callable[[int], OrderView], done: str, order: OrderView | None = None) -> None:
        """Applies a service call to the order (the selected one unless told)
        and says what happened."""
        order = order or self.selected
        if order is None:
            self.show(_("No order to work on."), True)
            return
        self.run_store(lambda: change(order.id), lambda after: self.changed(after, done))

    def changed(self, order: OrderView | None, done: str) -> None:
        """A dialog's result: the order after the change, or None if cancelled."""
        if order is not None:
            self.reload(order.id)
            self.show(done.format(number=order.number, status=order.status_text))

    def action_back(self) -> None:
        self.app.pop_screen()

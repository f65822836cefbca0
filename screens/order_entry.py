"""Take the order: goods by the same finder as the counter (name, brand,
model, pinyin initials, barcode), quantities, special prices with a
manager's approval, delivery address, wished date and notes."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Static
from textual.worker import get_current_worker

from counter.domain.scans import Scan, ScanKind
from counter.i18n import N_, _
from counter.money import fmt, fmt_capitals, parse_amount
from counter.services import catalog, orders
from counter.services.catalog import ProductView
from counter.services.orders import OrderView
from counter.store.faults import SAID, words_for
from screens.base import CounterScreen
from screens.cells import promoted
from screens.fixed_size import FixedInput
from screens.header import ShopHeader
from screens.plain import PlainTable


class OrderEntryScreen(CounterScreen[None]):
    CSS_PATH = "order_entry.tcss"
    BINDINGS = [
        Binding("plus", "more", N_("+1")),
        Binding("minus", "less", N_("−1")),
        Binding("f2", "quantity", N_("Quantity")),
        Binding("f3", "special_price", N_("Special price")),
        Binding("f4,delete", "remove", N_("Remove line")),
        Binding("f5", "read_back", N_("Read back")),
        Binding("f8", "cancel_order", N_("Cancel order")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, order_id: int) -> None:
        super().__init__()
        self.order_id = order_id
        self.order: OrderView | None = None
        self.found: list[ProductView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static("", id="order-head", markup=False)
        with Horizontal(id="panes"):
            with Vertical(id="finder"):
                yield FixedInput(placeholder=_("Find goods: name, model, pinyin (xyj) or scan"), id="search")
                yield PlainTable(id="results", cursor_type="row", zebra_stripes=True)
            with Vertical(id="order"):
                yield PlainTable(id="lines", cursor_type="row", zebra_stripes=True)
                yield Static("", id="total", markup=False)
                yield Label(_("Delivery address"))
                yield Input(id="address", compact=True)
                yield Label(_("Wished date (2025-06-01, 6-1, +2, tomorrow)"))
                yield Input(id="wished", compact=True)
                yield Label(_("Notes"))
                yield Input(id="notes", compact=True)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # Figures first and the goods' description last: in a narrow pane it is
        # the description that runs off the edge, never a price or an amount.
        self.query_one("#results", DataTable).add_columns(_("Price"), _("Available"), _("Goods"), _("Model"))
        self.query_one("#lines", DataTable).add_columns("#", _("Qty"), _("Unit price"), _("Amount"), _("Goods"))
        self.query_one("#search", Input).focus()
        self.run_store(self.read_order, self.show_opened)

    def read_order(self) -> OrderView:
        return orders.get_order(self.store.uow(), self.actor, self.order_id)

    def show_opened(self, order: OrderView) -> None:
        self.query_one("#address", Input).value = order.delivery_address
        self.query_one("#wished", Input).value = order.wished_date.isoformat() if order.wished_date else ""
        self.query_one("#notes", Input).value = order.notes
        self.show_order(order)

    def store_failed(self, error: str) -> None:
        self.show(error, True)

    def show(self, message: str, error: bool = False) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(message)

    def show_order(self, order: OrderView, keep_line: int | None = None) -> None:
        self.order = order
        self.query_one("#order-head", Static).update(
            _("{number} · {status} · {name} {phone}").format(
                number=order.number, status=order.status_text, name=order.customer_name, phone=order.delivery_phone
            )
        )
        table = self.query_one("#lines", DataTable)
        row = table.cursor_row
        table.clear()
        for line in order.lines:
            price = fmt(line.unit_price) + ("*" if line.discounted else "")
            table.add_row(str(line.line_no), str(line.quantity), Text(price, justify="right"),
                          Text(fmt(line.amount), justify="right"), promoted(f"{line.label} {line.colour}", line),
                          key=str(line.line_no))
        if order.lines:
            table.move_cursor(row=min(row, len(order.lines) - 1))
        self.query_one("#total", Static).update(
            _("Total {total}  {words}").format(total=fmt(order.total), words=fmt_capitals(order.total))
        )

    # The finder -------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.find(event.value)

    @work(thread=True, exclusive=True, group="find")
    def find(self, query: str) -> None:
        try:
            found = catalog.find_products(self.store.uow(), query, limit=30)
        except SAID as e:
            self.app.call_from_thread(self.store_failed, words_for(e))
            return
        if not get_current_worker().is_cancelled:  # hits for what is typed now, not for a key ago
            self.app.call_from_thread(self.show_found, found)

    def show_found(self, found: list[ProductView]) -> None:
        self.found = found
        table = self.query_one("#results", DataTable)
        table.clear()
        for p in found:
            table.add_row(Text(fmt(p.unit_price), justify="right"), str(p.available), f"{p.brand} {p.name}", p.model,
                          key=str(p.id))

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        query, store = event.value, self.store
        # Not exclusive: each Enter's goods are added, however quickly they come.
        self.run_store(lambda: catalog.find_products(store.uow(), query, limit=30),
                       lambda found: self.searched(query, found), group="submit")

    def searched(self, query: str, found: list[ProductView]) -> None:
        self.show_found(found)
        if len(found) == 1:  # a scanned barcode, or a query only one product fits
            self.add(found[0].id)
        elif found:
            self.query_one("#results", DataTable).focus()
        else:
            self.show(_("Nothing matches {query!r}.").format(query=query), True)

    def take_scan(self, scan: Scan) -> bool:
        """A goods barcode scanned whatever has focus: one unit on the order."""
        if scan.kind != ScanKind.GOODS:
            return False
        store, code = self.store, scan.code

        def found(product: ProductView | None) -> None:
            if product is None:
                self.show(_("No goods with barcode {barcode}.").format(barcode=code), True)
            else:
                self.add(product.id)

        self.run_store(lambda: catalog.find_by_barcode(store.uow(), code), found)
        return True

    @on(DataTable.RowSelected, "#results")
    def _picked(self, event: DataTable.RowSelected) -> None:
        self.add(int(event.row_key.value))

    def add(self, product_id: int) -> None:
        store, actor = self.store, self.actor
        self.run_store(lambda: orders.add_line(store.uow(), actor, self.order_id, product_id, 1), self.added)

    def added(self, order: OrderView) -> None:
        self.show_order(order)
        self.query_one("#lines", DataTable).move_cursor(row=len(order.lines) - 1)
        self.show(_("Added. +/− change the quantity; F5 reads the order back."))
        search = self.query_one("#search", Input)
        search.value = ""
        search.focus()

    # Lines ------------------------------------------------------------------

    def _line(self):
        if self.order is None or not self.order.lines:
            self.show(_("The order has no lines yet: find the goods first."), True)
            return None
        table = self.query_one("#lines", DataTable)
        return self.order.lines[min(table.cursor_row, len(self.order.lines) - 1)]

    def _apply(self, change: Callable[[], OrderView]) -> None:
        self.run_store(change, self.show_order)

    def action_more(self) -> None:
        line = self._line()
        if line:
            self._apply(lambda: orders.set_quantity(self.store.uow(), self.actor, self.order_id, line.line_no,
                                                    line.quantity + 1))

    def action_less(self) -> None:
        line = self._line()
        if line and line.quantity > 1:
            self._apply(lambda: orders.set_quantity(self.store.uow(), self.actor, self.order_id, line.line_no,
                                                    line.quantity - 1))

    def action_quantity(self) -> None:
        from screens.ask import Ask

        line = self._line()
        if line:
            self.app.push_screen(
                Ask.one(_("Quantity"),
                        lambda text: orders.set_quantity(self.store.uow(), self.actor, self.order_id,
                                                         line.line_no, text), str(line.quantity), line.label),
                self._changed,
            )

    def action_remove(self) -> None:
        line = self._line()
        if line:
            self._apply(lambda: orders.remove_line(self.store.uow(), self.actor, self.order_id, line.line_no))

    def action_special_price(self) -> None:
        from screens.manager_pin import ManagerApproval

        line = self._line()
        if not line:
            return
        if self.actor.role == "manager":
            self._ask_price(line, None)
            return
        why = _("A special price for {goods} (list {price}) needs a manager.").format(
            goods=line.label, price=fmt(line.list_price))
        self.app.push_screen(ManagerApproval(why), lambda manager: manager and self._ask_price(line, manager))

    def _ask_price(self, line, manager) -> None:
        from screens.ask import Ask

        def apply(text: str) -> OrderView:
            return orders.set_unit_price(self.store.uow(), self.actor, self.order_id, line.line_no,
                                         parse_amount(text), approver=manager)

        self.app.push_screen(Ask.one(_("Special price"), apply, str(line.unit_price),
                                     _("Unit price for {goods}").format(goods=line.label)), self._changed)

    def _changed(self, order: OrderView | None) -> None:
        if order is not None:
            self.show_order(order)
            self.show(_("Changed."))

    # Delivery, read-back ------------------------------------------------------

    @on(Input.Submitted, "#address")
    def _to_wished(self) -> None:
        self.query_one("#wished", Input).focus()

    @on(Input.Submitted, "#wished")
    def _to_notes(self) -> None:
        self.query_one("#notes", Input).focus()

    @on(Input.Submitted, "#notes")
    def _delivery_done(self) -> None:
        self.save_delivery(lambda: self.show(_("Delivery noted. F5 reads the order back to the caller.")))

    def save_delivery(self, then: Callable[[], object], read_back: bool = False) -> None:
        """Stores the delivery fields (and, for F5, checks the order can be
        read back), then `then()`; a refusal is shown at the field to fix."""
        values = {i.id: i.value for i in self.query(Input)}
        store, actor = self.store, self.actor

        def save() -> OrderView:
            wished = orders.parse_day(values["wished"]) if values["wished"].strip() else None
            order = orders.set_delivery(store.uow(), actor, self.order_id, values["address"], wished, values["notes"])
            if read_back:
                orders.prepare_read_back(store.uow(), actor, self.order_id)
            return order

        def refused(error: str) -> None:
            self.show(error, True)
            blank = next((f for f in ("address", "wished") if not values[f].strip()), "wished")
            self.query_one(f"#{blank}", Input).focus()

        def saved(order: OrderView) -> None:
            self.show_order(order)
            then()

        self.run_store(save, saved, failed=refused)

    def action_read_back(self) -> None:
        from screens.order_read_back import ReadBackScreen

        self.save_delivery(lambda: self.app.push_screen(ReadBackScreen(self.order_id), self._read_back_done),
                           read_back=True)

    def _read_back_done(self, confirmed: bool | None) -> None:
        self.run_store(self.read_order, lambda order: self.read_back_shown(order, confirmed))

    def read_back_shown(self, order: OrderView, confirmed: bool | None) -> None:
        self.show_order(order)
        if confirmed:
            self.app.notify(_("Order {number} confirmed by the customer; it waits for review.").format(
                number=order.number))
            self.dismiss(None)
        else:
            self.show(_("Correct the order, then read it back again (F5)."))
            self.query_one("#lines", DataTable).focus()

    def action_cancel_order(self) -> None:
        from screens.ask import Ask

        def apply(reason: str) -> OrderView:
            return orders.cancel_order(self.store.uow(), self.actor, self.order_id, reason)

        def done(order: OrderView | None) -> None:
            if order is not None:
                self.app.notify(_("Order {number} cancelled.").format(number=order.number))
                self.dismiss(None)

        self.app.push_screen(Ask.one(_("Cancel the order"), apply, label=_("Why is it cancelled?")), done)

    def action_back(self) -> None:
        self.dismiss(None)

"""The phone-order board: every open order by status, sortable and
filterable, overdue ones in red; the full history of the selected order
(who did what, when); and the follow-up calls (回访) to make."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Static

from counter.i18n import N_, _
from counter.money import fmt
from counter.services import orders
from counter.services.orders import FollowUpView, OrderView
from models import OrderStatus
from screens.base import CounterScreen
from screens.feed import StoreChanged
from screens.fixed_size import FixedInput
from screens.header import ShopHeader
from screens.plain import PlainTable

# The status filters "t" cycles through: all open orders, then each status.
FILTERS: list[tuple[str, tuple[OrderStatus, ...]]] = [(N_("open"), orders.OPEN)] + [
    (s.value, (s,)) for s in OrderStatus
]
SORTS = [
    (N_("due"), lambda o: (o.due.toordinal() if o.due else 10**7, o.number)),
    (N_("number"), lambda o: o.number),
    (N_("status"), lambda o: (list(OrderStatus).index(o.status), o.number)),
    (N_("customer"), lambda o: (o.customer_name, o.number)),
    (N_("total"), lambda o: (-o.total, o.number)),
    (N_("last change"), lambda o: (-o.status_at.timestamp(), o.number)),
]


class BoardScreen(CounterScreen[None]):
    CSS_PATH = "order_board.tcss"
    BINDINGS = [
        Binding("slash", "filter", N_("Filter")),
        Binding("t", "next_status", N_("Status")),
        Binding("o", "overdue", N_("Overdue only")),
        Binding("s", "next_sort", N_("Sort")),
        Binding("e", "edit", N_("Open order")),
        Binding("f", "schedule_follow_up", N_("Plan follow-up")),
        Binding("g", "record_follow_up", N_("Follow-up done")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_filter = 0
        self.sort = 0
        self.overdue_only = False
        self.rows: list[OrderView] = []
        self.diary: list[FollowUpView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="bar"):
            yield FixedInput(placeholder=_("/ filter: number, customer, phone, address, goods"), id="filter", compact=True)
            yield Static("", id="state", markup=False)
        yield PlainTable(id="board", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="below"):
            with Vertical(id="history-box"):
                yield Static("", id="history-title", classes="title", markup=False)
                yield PlainTable(id="history", cursor_type="row")
            with Vertical(id="diary-box"):
                yield Static(_("Follow-up calls to make"), classes="title", markup=False)
                yield PlainTable(id="diary", cursor_type="row")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#board", DataTable).add_columns(
            # The money before the goods: a long list of goods may run off the
            # edge at 80 columns, the total must not.
            _("Order"), _("Status"), _("Due"), _("Customer"), _("Phone"), _("Total"), _("Goods"), _("Taken by"))
        self.query_one("#history", DataTable).add_columns(_("When"), _("Who"), _("What"))
        self.query_one("#diary", DataTable).add_columns(_("Due"), _("Order"), _("Customer"), _("Phone"))
        self.reload()
        self.reload_diary()
        self.query_one("#board", DataTable).focus()

    def show(self, message: str, error: bool = False) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(message)

    # The board ----------------------------------------------------------------

    def store_failed(self, error: str) -> None:
        self.show(error, True)

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.touches("phone_order", "slip"):  # an order moved on at another counter
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        _label, statuses = FILTERS[self.status_filter]
        text = self.query_one("#filter", Input).value
        store, actor, overdue_only = self.store, self.actor, self.overdue_only
        self.run_store(
            lambda: orders.board(store.uow(), actor, statuses, overdue_only, text),
            lambda rows: self.show_board(rows, select_id),
            group="board",
            exclusive=True,
        )

    def show_board(self, rows: list[OrderView], select_id: int | None) -> None:
        label, _statuses = FILTERS[self.status_filter]
        sort_label, key = SORTS[self.sort]
        self.rows = sorted(rows, key=key)
        status_text = _(label) if self.status_filter == 0 else orders.status_label(label)
        self.query_one("#state", Static).update(
            _("{status} · sorted by {sort}{overdue} · {count} order(s), {late} overdue").format(
                status=status_text, sort=_(sort_label), overdue=" · " + _("overdue only") if self.overdue_only else "",
                count=len(self.rows), late=sum(o.overdue for o in self.rows))
        )
        table = self.query_one("#board", DataTable)
        previous = self.selected.id if select_id is None and self.selected else select_id
        table.clear()
        for o in self.rows:
            style = "bold red" if o.overdue else ""
            due = (o.due.isoformat() if o.due else "—") + (" !" if o.overdue else "")
            cells = [o.number, o.status_text, due, o.customer_name, o.delivery_phone]
            table.add_row(
                *(Text(c, style=style) for c in cells), Text(fmt(o.total), style=style, justify="right"),
                Text(o.goods, style=style), Text(o.taken_by, style=style), key=str(o.id),
            )
        ids = [o.id for o in self.rows]
        if previous in ids:
            table.move_cursor(row=ids.index(previous))
        self.show_history()

    @property
    def selected(self) -> OrderView | None:
        if not self.rows:
            return None
        return self.rows[min(self.query_one("#board", DataTable).cursor_row, len(self.rows) - 1)]

    @on(DataTable.RowHighlighted, "#board")
    def _highlighted(self) -> None:
        self.show_history()

    @on(DataTable.HeaderSelected, "#board")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        by_column = {0: 1, 1: 2, 2: 0, 3: 3, 6: 4}
        if event.column_index in by_column:
            self.sort = by_column[event.column_index]
            self.reload()

    def show_history(self) -> None:
        order = self.selected
        table = self.query_one("#history", DataTable)
        table.clear()
        title = self.query_one("#history-title", Static)
        if order is None:
            title.update(_("History"))
            return
        title.update(_("History of {number} · {name}").format(number=order.number, name=order.customer_name))
        store, actor = self.store, self.actor
        self.run_store(
            lambda: orders.history(store.uow(), actor, order.id),
            self.show_entries,
            group="history",
            exclusive=True,
        )

    def show_entries(self, entries: list[orders.HistoryEntry]) -> None:
        table = self.query_one("#history", DataTable)
        table.clear()
        for entry in entries:
            table.add_row(entry.at.strftime("%m-%d %H:%M"), entry.who, entry.what)
        table.move_cursor(row=table.row_count - 1)

    @on(Input.Changed, "#filter")
    def _filter_typed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#board", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_next_status(self) -> None:
        self.status_filter = (self.status_filter + 1) % len(FILTERS)
        self.reload()

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.reload()

    def action_next_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self.reload()

    def action_edit(self) -> None:
        from screens.order_entry import OrderEntryScreen

        order = self.selected
        if order is None:
            return
        if order.status not in orders.EDITABLE:
            self.show(_("Order {number} is {status}: only an order not yet reviewed can be changed.").format(
                number=order.number, status=order.status_text), True)
            return
        self.app.push_screen(OrderEntryScreen(order.id), lambda _r: self.reload(order.id))

    # Follow-up calls ----------------------------------------------------------

    def reload_diary(self) -> None:
        store, actor = self.store, self.actor
        self.run_store(
            lambda: orders.follow_ups(store.uow(), actor, pending_only=True), self.show_diary, group="diary", exclusive=True
        )

    def show_diary(self, diary: list[FollowUpView]) -> None:
        self.diary = diary
        table = self.query_one("#diary", DataTable)
        table.clear()
        for f in self.diary:
            style = "bold red" if f.overdue else ""
            cells = [f.due.isoformat(), f.order_number, f.customer_name, f.phone]
            table.add_row(*(Text(c, style=style) for c in cells), key=str(f.id))

    def action_schedule_follow_up(self) -> None:
        from screens.ask import Ask

        order = self.selected
        if order is None:
            return
        store, actor = self.store, self.actor

        def apply(text: str) -> FollowUpView:
            return orders.schedule_follow_up(store.uow(), actor, order.id, orders.parse_day(text))

        self.app.push_screen(
            Ask.one(_("Follow-up call for {number}").format(number=order.number), apply, "+3",
                    _("Call the customer on (2025-06-01, +3, tomorrow)")),
            self._follow_up_changed,
        )

    def action_record_follow_up(self) -> None:
        from screens.ask import Ask

        if not self.diary:
            self.show(_("No follow-up calls are waiting."), True)
            return
        table = self.query_one("#diary", DataTable)
        follow_up = self.diary[min(table.cursor_row, len(self.diary) - 1)]
        store, actor = self.store, self.actor

        def apply(feedback: str) -> FollowUpView:
            return orders.record_follow_up(store.uow(), actor, follow_up.id, feedback)

        self.app.push_screen(
            Ask.one(_("Follow-up call: {name} {phone} ({number})").format(
                name=follow_up.customer_name, phone=follow_up.phone, number=follow_up.order_number),
                apply, label=_("What did the customer say?")),
            self._follow_up_changed,
        )

    def _follow_up_changed(self, follow_up: FollowUpView | None) -> None:
        if follow_up is None:
            return
        self.reload_diary()
        self.show_history()
        self.show(_("Follow-up call for {number} noted.").format(number=follow_up.order_number))

    def action_back(self) -> None:
        self.app.pop_screen()



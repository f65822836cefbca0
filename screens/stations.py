"""Stations (manager): the shop's named counters, their receipt printers,
drawers, receipt widths and customer displays. `a` adds, `e` edits the
highlighted one, `x` removes it (refused once it has taken money). A till
runs as a station with `counter --station NAME`; its header shows the name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from counter.errors import BadInput
from counter.i18n import N_, _
from counter.services import stations
from counter.services.stations import StationIn, StationView
from screens.ask import Ask, Question
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable


def _width(text: str) -> int:
    text = text.strip() or "80"
    if not text.isdigit():
        raise BadInput(_("The receipt width is 58 or 80 (mm), not {width}.").format(width=text))
    return int(text)


class StationsScreen(CounterScreen[None]):
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("a", "add", N_("Add a station")),
        Binding("e", "edit", N_("Edit")),
        Binding("x", "remove", N_("Remove")),
    ]
    DEFAULT_CSS = """
    StationsScreen #message { height: auto; margin: 1 1; }
    StationsScreen #message.error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[StationView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield PlainTable(id="stations", cursor_type="row", zebra_stripes=True)
        yield Static(_("A till runs as a station with: counter --station NAME"), id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stations", DataTable).add_columns(
            _("Station"), _("Receipt printer"), _("Drawer"), _("Width"), _("Customer display"))
        self.reload()
        self.query_one("#stations", DataTable).focus()

    def say(self, message: str, error: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(error, "error")

    def store_failed(self, error: str) -> None:
        self.say(error, error=True)

    def reload(self) -> None:
        store = self.store
        self.run_store(lambda: stations.list_stations(store.uow()), self.show_rows, group="list", exclusive=True)

    def show_rows(self, rows: list[StationView]) -> None:
        self.rows = rows
        table = self.query_one("#stations", DataTable)
        row = table.cursor_row
        table.clear()
        for s in self.rows:
            table.add_row(s.name, s.receipt_printer or _("(this machine's)"), s.drawer or _("(receipt printer)"),
                          f"{s.receipt_width} mm", s.customer_display)
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))

    def chosen(self) -> StationView | None:
        if not self.rows:
            self.say(_("No station yet: press a to add one."), error=True)
            return None
        return self.rows[self.query_one("#stations", DataTable).cursor_row]

    def ask(self, title: str, now: StationView | None, save) -> None:
        questions = [
            Question("name", _("Name"), now.name if now else "", _("e.g. Counter 2"), max_length=40),
            Question("receipt", _("Receipt printer (empty: this machine's)"), now.receipt_printer if now else "",
                     "escpos-net:192.168.1.50:9100", max_length=200),
            Question("drawer", _("Drawer (empty: through the receipt printer)"), now.drawer if now else "", max_length=200),
            Question("width", _("Receipt width, mm (58 or 80)"), str(now.receipt_width if now else 80), restrict=r"\d*",
                     max_length=2),
            Question("display", _("Customer display (optional)"), now.customer_display if now else "", max_length=200),
        ]

        def submit(values: dict[str, str], _approver) -> StationView:
            new = StationIn(values["name"], values["receipt"], values["drawer"], _width(values["width"]), values["display"])
            return save(new)

        def done(view: StationView | None) -> None:
            if view is not None:
                self.reload()
                self.say(_("Station {name} saved.").format(name=view.name))

        self.app.push_screen(Ask(title, questions, submit), done)

    def action_add(self) -> None:
        self.ask(_("A new station"), None, lambda new: stations.add_station(self.store.uow(), self.actor, new))

    def action_edit(self) -> None:
        station = self.chosen()
        if station is not None:
            self.ask(_("Station {name}").format(name=station.name), station,
                     lambda new: stations.edit_station(self.store.uow(), self.actor, station.name, new))

    def action_remove(self) -> None:
        station = self.chosen()
        if station is None:
            return
        store, actor = self.store, self.actor

        def removed(_none: None) -> None:
            self.reload()
            self.say(_("Station {name} removed.").format(name=station.name))

        self.run_store(lambda: stations.remove_station(store.uow(), actor, station.name), removed)

    def action_back(self) -> None:
        self.app.pop_screen()

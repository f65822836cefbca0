"""The audit log, for a manager: events filtered by action, person and date,
each with what it changed (before → after); and a check of the hash chain."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Static

from counter.i18n import N_, _
from counter.services.audit_log import ChainReport, EventView, action_label, list_events, parse_day, readable, verify
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable


class AuditLogScreen(CounterScreen[None]):
    CSS_PATH = "audit_log.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("f5", "reload", N_("Filter")),
        Binding("f6", "verify", N_("Check the chain")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.events: list[EventView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Horizontal(id="filters"):
            yield Input(placeholder=_("Action, e.g. slip or refund.paid"), id="action")
            yield Input(placeholder=_("Staff code or name"), id="person")
            yield Input(placeholder=_("From YYYY-MM-DD"), id="since", max_length=10)
            yield Input(placeholder=_("To YYYY-MM-DD"), id="until", max_length=10)
        table = PlainTable(id="events", cursor_type="row", zebra_stripes=True)
        table.add_columns(_("No."), _("When"), _("Who"), _("Action"), _("What"))
        yield table
        yield Static("", id="detail")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()
        self.query_one("#events", DataTable).focus()

    def say(self, message: str, done: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(done, "done")

    @on(Input.Submitted)
    def _filter(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value for name in ("action", "person", "since", "until")}
        store, actor = self.store, self.actor

        def read() -> list[EventView]:
            since = parse_day(value["since"]) if value["since"].strip() else None
            until = parse_day(value["until"]) if value["until"].strip() else None
            return list_events(store.uow(), actor, action=value["action"], person=value["person"], since=since, until=until)

        self.run_store(read, self.show_events, group="events", exclusive=True)

    def store_failed(self, error: str) -> None:
        self.say(error)

    def show_events(self, events: list[EventView]) -> None:
        self.events = events
        table = self.query_one("#events", DataTable)
        table.clear()
        for e in self.events:
            who = f"{e.staff_code} {e.staff_name}".strip() or "—"
            table.add_row(str(e.id), f"{e.at:%Y-%m-%d %H:%M:%S}", who, action_label(e.action), f"{e.entity} {e.entity_id}",
                          key=str(e.id))
        self.say(_("{count} events shown, newest first.").format(count=len(self.events)), done=True)
        self._show(0)

    @on(DataTable.RowHighlighted, "#events")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, row: int) -> None:
        detail = self.query_one("#detail", Static)
        if not self.events or row >= len(self.events):
            detail.update("")
            return
        e = self.events[row]
        lines = [f"[b]{escape(action_label(e.action))}[/b] ({escape(e.action)})  {escape(e.entity)} {escape(e.entity_id)}"]
        lines.append(escape(_("before: {value}").format(value=readable(e.before) or "—")))
        lines.append(escape(_("after: {value}").format(value=readable(e.after) or "—")))
        detail.update("\n".join(lines))

    def action_verify(self) -> None:
        store = self.store
        self.say(_("Checking the chain…"), done=True)
        self.run_store(lambda: verify(store.uow()), self.show_verified, group="verify", exclusive=True)

    def show_verified(self, report: ChainReport) -> None:
        if report.broken is None:
            self.say(_("Chain intact: {count} events, none edited or removed.").format(count=report.events), done=True)
        else:
            self.say(
                _("Chain broken at event {id}: {why}").format(id=report.broken.event_id, why=_(report.broken.why))
            )

    def action_back(self) -> None:
        self.app.pop_screen()

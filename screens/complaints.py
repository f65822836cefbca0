"""Complaints (顾客异议处理单): log one, assign it, follow it up, close it
with an outcome."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from counter.auth import may
from counter.i18n import N_, _
from counter.services import complaints
from counter.services.complaints import ComplaintView, channel_label, status_label
from models import ComplaintStatus
from screens.base import CounterScreen
from screens.header import ShopHeader
from screens.plain import PlainTable


class ComplaintsScreen(CounterScreen[None]):
    CSS_PATH = "complaints.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("n", "log", N_("New complaint")),
        Binding("a", "assign", N_("Assign")),
        Binding("f", "follow_up", N_("Follow up")),
        Binding("c", "close", N_("Close with outcome")),
        Binding("o", "toggle_open", N_("Open only / all")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True
        self.shown: list[ComplaintView] = []

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static("", id="title", markup=False)
        table = PlainTable(id="complaints", cursor_type="row", zebra_stripes=True)
        table.add_columns(_("No."), _("Logged"), _("Came in"), _("Who"), _("What about"), _("Assigned to"), _("Status"))
        yield table
        yield Static("", id="detail")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#complaints", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "assign":
            return may(self.actor, "assign_complaint")
        return True

    def say(self, message: str, done: bool = False) -> None:
        widget = self.query_one("#message", Static)
        widget.update(message)
        widget.set_class(done, "done")

    def store_failed(self, error: str) -> None:
        self.say(error)

    def reload(self, select_id: int | None = None) -> None:
        status = ComplaintStatus.OPEN if self.open_only else None
        store, actor = self.store, self.actor
        self.run_store(lambda: complaints.complaints(store.uow(), actor, status),
                       lambda shown: self.show_list(shown, select_id), group="list", exclusive=True)

    def show_list(self, shown: list[ComplaintView], select_id: int | None) -> None:
        self.shown = shown
        self.query_one("#title", Static).update(_("Open complaints") if self.open_only else _("All complaints"))
        table = self.query_one("#complaints", DataTable)
        row = table.cursor_row
        table.clear()
        for c in self.shown:
            who = c.customer_name or c.contact
            table.add_row(
                c.number, f"{c.logged_at:%m-%d %H:%M}", channel_label(c.channel), Text(who), Text(c.summary[:30]),
                c.assigned_to, status_label(c.status), key=str(c.id),
            )
        ids = [c.id for c in self.shown]
        if select_id in ids:
            row = ids.index(select_id)
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        self._show(table.cursor_row)

    def _selected(self) -> ComplaintView | None:
        row = self.query_one("#complaints", DataTable).cursor_row
        if 0 <= row < len(self.shown):
            return self.shown[row]
        self.say(_("Choose a complaint first."))
        return None

    @on(DataTable.RowHighlighted, "#complaints")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, row: int) -> None:
        detail = self.query_one("#detail", Static)
        if not 0 <= row < len(self.shown):
            detail.update(_("No complaints here."))
            return
        c = self.shown[row]
        links = [c.customer_name or c.contact]
        if c.slip_number:
            links.append(_("slip {number}").format(number=c.slip_number))
        if c.phone_order_id:
            links.append(_("phone order {id}").format(id=c.phone_order_id))
        lines = [
            escape(f"{c.number} · {' · '.join(links)}"),
            escape(c.summary),
            escape(_("Logged {at:%Y-%m-%d %H:%M} by {who}").format(at=c.logged_at, who=c.logged_by)),
        ]
        lines += [escape(f"  {n.at:%Y-%m-%d %H:%M}  {n.by}: {n.text}") for n in c.notes]
        if c.status == ComplaintStatus.CLOSED:
            lines.append(
                escape(
                    _("Closed {at:%Y-%m-%d %H:%M} by {who}: {outcome}").format(
                        at=c.closed_at, who=c.closed_by, outcome=c.outcome
                    )
                )
            )
        detail.update("\n".join(lines))

    def action_log(self) -> None:
        from screens.complaint_form import ComplaintForm

        def logged(view: ComplaintView | None) -> None:
            if view is not None:
                self.say(_("Complaint {number} logged.").format(number=view.number), done=True)
                self.reload(view.id)

        self.app.push_screen(ComplaintForm(), logged)

    def _ask(self, question: str, run, value: str = "") -> None:
        """Asks for text and runs the service with it; a refusal is shown in
        the question, with the text kept."""
        from screens.ask import Ask

        def done(view: ComplaintView | None) -> None:
            if view is not None:
                self.say(_("Complaint {number} updated.").format(number=view.number), done=True)
                self.reload(view.id)

        self.app.push_screen(Ask.one(question, run, value), done)

    def action_assign(self) -> None:
        c = self._selected()
        if c is not None:
            self._ask(
                _("Assign {number} to (staff code)").format(number=c.number),
                lambda code: complaints.assign_complaint(self.store.uow(), self.actor, c.id, code),
                c.assigned_to_code,
            )

    def action_follow_up(self) -> None:
        c = self._selected()
        if c is not None:
            self._ask(
                _("Follow-up on {number}: what was done or said").format(number=c.number),
                lambda text: complaints.follow_up(self.store.uow(), self.actor, c.id, text),
            )

    def action_close(self) -> None:
        c = self._selected()
        if c is not None:
            self._ask(
                _("Close {number}: the outcome agreed with the customer").format(number=c.number),
                lambda text: complaints.close_complaint(self.store.uow(), self.actor, c.id, text),
            )

    def action_toggle_open(self) -> None:
        self.open_only = not self.open_only
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

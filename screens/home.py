"""Home: the flows the signed-in role may start, each on a key."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from counter.auth import may, role_label
from counter.i18n import N_, _
from screens.base import CounterScreen
from screens.header import ShopHeader


@dataclass(frozen=True)
class Flow:
    key: str
    label: str  # marked with N_, translated when shown
    action: str  # the permission that opens it
    screen: str  # "module:Class" in screens/


# Each flow a role may start. A flow's screen is imported only when opened.
FLOWS: list[Flow] = [
    # shop assistant
    Flow("f2", N_("Sell: find goods and write the slip"), "write_slip", "screens.finder:FinderScreen"),
    Flow("f4", N_("Hand over goods"), "hand_over", "screens.hand_over:HandOverScreen"),
    # cashier
    Flow("f3", N_("Take payment"), "take_payment", "screens.payment:PaymentScreen"),
    Flow("f5", N_("Invoices"), "issue_invoice", "screens.invoice:InvoiceScreen"),
    Flow("e", N_("E-fapiao requests"), "issue_invoice", "screens.fapiao:FapiaoScreen"),
    Flow("o", N_("Open shift (count the float)"), "open_drawer", "screens.shift_open:ShiftOpenScreen"),
    Flow("z", N_("Close shift (count the drawer)"), "open_drawer", "screens.shift_close:ShiftCloseScreen"),
    Flow("r", N_("Returns"), "take_return", "screens.returns:ReturnScreen"),
    Flow("k", N_("Account customers"), "view_accounts", "screens.accounts:AccountsScreen"),
    # order tracker
    Flow("t", N_("Take a call"), "take_calls", "screens.order_calls:CallScreen"),
    Flow("v", N_("Review phone orders"), "review_orders", "screens.order_review:ReviewScreen"),
    Flow("f", N_("Fulfil phone orders"), "fulfil_orders", "screens.order_fulfil:FulfilScreen"),
    Flow("b", N_("Phone order board"), "take_calls", "screens.order_board:BoardScreen"),
    # everyone
    Flow("y", N_("Complaints"), "log_complaint", "screens.complaints:ComplaintsScreen"),
    Flow("w", N_("Warranty: find a serial number"), "view_customers", "screens.warranty:WarrantyScreen"),
    Flow("f7", N_("Documents: preview and reprint"), "print_documents", "screens.documents:DocumentsScreen"),
    Flow("f8", N_("Open the cash drawer"), "open_drawer", "screens.open_drawer:OpenDrawer"),
    Flow("f9", N_("Printers"), "set_up_printers", "screens.printer_settings:PrinterSettingsScreen"),
    # manager
    Flow("d", N_("Daily sales report"), "view_reports", "screens.daily_report:DailyReportScreen"),
    Flow("u", N_("Audit log"), "view_audit", "screens.audit_log:AuditLogScreen"),
    Flow("s", N_("Stations (counters)"), "manage_stations", "screens.stations:StationsScreen"),
]


def flows_for(actor) -> list[Flow]:
    return [f for f in FLOWS if may(actor, f.action)]


def open_flow(app, flow: Flow) -> None:
    module, name = flow.screen.split(":")
    app.push_screen(getattr(importlib.import_module(module), name)())


class HomeScreen(CounterScreen[None]):
    BINDINGS = [Binding(f.key, f"open('{f.key}')", f.label) for f in FLOWS]
    CSS_PATH = "home.tcss"

    def compose(self) -> ComposeResult:
        actor = self.actor
        yield ShopHeader()
        yield Static(
            _("{name} · {role}").format(name=actor.full_name, role=role_label(actor.role)), id="who", markup=False
        )
        flows = flows_for(actor)
        yield OptionList(
            *[Option(f"[b]{f.key.upper()}[/b]  {_(f.label)}", id=str(i)) for i, f in enumerate(flows)],
            id="flows",
        )
        if not flows:
            yield Static(_("No flows are open to your role yet."), id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#flows", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Every flow has its key; only the role's own show and work.
        if action == "open":
            actor = self.counter.actor  # None for a moment while signing out
            return actor is not None and any(f.key == parameters[0] for f in flows_for(actor))
        return True

    def action_open(self, key: str) -> None:
        flow = next(f for f in flows_for(self.actor) if f.key == key)
        open_flow(self.app, flow)

    @on(OptionList.OptionSelected, "#flows")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        open_flow(self.app, flows_for(self.actor)[int(event.option.id)])

"""Slips paid by cheque and awaiting funds: the cashier picks one whose funds
have arrived, to mark it cleared."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from counter.i18n import N_, _
from counter.money import fmt
from counter.services import payments, slips
from counter.services.slips import SlipView
from models import SlipStatus, Tender
from screens.base import CounterModal
from screens.cells import pad


class AwaitingCheques(CounterModal[int | None]):
    """Dismisses with the id of the slip whose cheque has cleared, or None."""

    DEFAULT_CSS = """
    AwaitingCheques { align: center middle; }
    AwaitingCheques > Vertical { width: 80; height: auto; max-height: 80%; border: thick $accent; padding: 1 2; background: $surface; }
    AwaitingCheques #title { text-style: bold; margin-bottom: 1; }
    AwaitingCheques #cheques { height: auto; max-height: 20; }
    AwaitingCheques #empty { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Cheques awaiting funds: Enter marks the chosen one cleared"), id="title", markup=False)
            yield OptionList(id="cheques")
            yield Static(_("Looking for cheques…"), id="empty", markup=False)

    def on_mount(self) -> None:
        self.query_one("#cheques", OptionList).focus()
        store = self.store

        def read() -> list[tuple[SlipView, str]]:
            waiting = slips.slips_with_status(store.uow(), SlipStatus.AWAITING_FUNDS)
            return [
                (slip, ", ".join(p.reference for p in payments.payments_of(store.uow(), slip.id) if p.tender == Tender.CHEQUE))
                for slip in waiting
            ]

        self.run_store(read, self.show_cheques)

    def store_failed(self, error: str) -> None:
        self.query_one("#empty", Static).update(error)

    def show_cheques(self, waiting: list[tuple[SlipView, str]]) -> None:
        options = []
        for slip, reference in waiting:
            paid = f"{slip.paid_at:%m-%d %H:%M}" if slip.paid_at else ""
            options.append(
                Option(
                    Text(f"{slip.number}  {pad(slip.assistant, 8)}{fmt(slip.total):>14}  {paid}  {_('cheque')} {reference}"),
                    id=str(slip.id),
                )
            )
        listed = self.query_one("#cheques", OptionList)
        listed.set_options(options)
        if options:
            listed.highlighted = 0
        empty = self.query_one("#empty", Static)
        empty.update(_("No cheque is awaiting funds."))
        empty.display = not options

    @on(OptionList.OptionSelected, "#cheques")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Opening a shift (交班): the cashier counts the float into the drawer by
note; payments can be taken only once a shift is open."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from counter.i18n import N_, _
from counter.store.faults import SAID, words_for
from screens.base import CounterScreen
from screens.denominations import DenominationCount
from screens.header import ShopHeader


class ShiftOpenScreen(CounterScreen[None]):
    CSS_PATH = "shift_open.tcss"
    BINDINGS = [
        Binding("ctrl+s", "open_shift", N_("Open shift")),
        Binding("escape", "back", N_("Back")),
    ]

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with Vertical(id="box"):
            yield Static(_("Open a shift"), id="title", markup=False)
            yield Static(_("Count the float into the drawer, note by note, then press Ctrl+S."), id="hint", markup=False)
            yield DenominationCount(id="float")
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DenominationCount).focus_first()
        self.check_open()

    @work(thread=True, exclusive=True, group="shift")
    def check_open(self) -> None:
        from counter.services.shifts import current_shift

        try:
            shift = current_shift(self.store.uow(), self.actor)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        if get_current_worker().is_cancelled:  # Ctrl+S came first: its own answer is the one to show
            return
        if shift is not None:
            self.app.call_from_thread(
                self.show,
                _("You already have shift {id} open since {time}: close it first.").format(
                    id=shift.id, time=shift.opened_at.strftime("%Y-%m-%d %H:%M")
                ),
            )

    def show(self, message: str, error: bool = True) -> None:
        message_box = self.query_one("#message", Static)
        message_box.set_class(error, "error")
        message_box.update(message)

    def action_open_shift(self) -> None:
        self.open_shift(self.query_one(DenominationCount).counted)

    @work(thread=True, exclusive=True, group="shift")
    def open_shift(self, counted: dict[int, int]) -> None:
        from counter.money import fmt
        from counter.services.shifts import open_shift

        try:
            shift = open_shift(self.store.uow(), self.actor, counted)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        done = _("Shift {id} is open with a float of {amount}.").format(id=shift.id, amount=fmt(shift.float))
        self.app.call_from_thread(self.app.notify, done, title=_("Shift open"))
        self.app.call_from_thread(self.app.pop_screen)

    def action_back(self) -> None:
        self.app.pop_screen()

"""Closing a shift (日结): the cashier counts the drawer by note; the screen
shows expected vs counted vs difference. A difference needs a reason and a
manager's sign-off before the shift closes."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Static

from counter.i18n import N_, _
from counter.store.faults import SAID, words_for
from screens.base import CounterScreen
from screens.denominations import DenominationCount
from screens.header import ShopHeader


class ShiftCloseScreen(CounterScreen[None]):
    CSS_PATH = "shift_close.tcss"
    BINDINGS = [
        Binding("ctrl+s", "close_shift", N_("Count and close")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shift_id: int | None = None

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static(_("Close the shift"), id="title", markup=False)
        with Horizontal():
            with Vertical(id="count-box"):
                yield Static(_("Count the drawer, note by note, then press Ctrl+S."), id="hint", markup=False)
                yield DenominationCount(id="drawer")
            with Vertical(id="figures-box"):
                yield Static("", id="figures", markup=False)
                yield Label(_("Reason for the difference"), id="reason-label")
                yield Input(id="reason", max_length=200)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reason-label").display = False
        self.query_one("#reason").display = False
        self.query_one(DenominationCount).focus_first()
        self.load()

    @work(thread=True, exclusive=True, group="shift")
    def load(self) -> None:
        from counter.services.shifts import current_shift

        try:
            shift = current_shift(self.store.uow(), self.actor)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        self.app.call_from_thread(self._loaded, shift)

    def _loaded(self, shift) -> None:
        if shift is None:
            self.show(_("You have no open shift to close."))
            return
        self.shift_id = shift.id
        self.query_one("#title", Static).update(
            _("Close shift {id} · opened {time}").format(id=shift.id, time=shift.opened_at.strftime("%Y-%m-%d %H:%M"))
        )

    def show(self, message: str, error: bool = True) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(message)

    @on(DenominationCount.Changed)
    def _recount(self) -> None:
        # A new count must be checked again before it can close the shift.
        self.query_one("#figures", Static).update("")

    @on(Input.Submitted, "#reason")
    def _reason_given(self) -> None:
        self.action_close_shift()

    def action_close_shift(self) -> None:
        if self.shift_id is None:
            self.show(_("You have no open shift to close."))
            return
        self.count(self.shift_id, self.query_one(DenominationCount).counted, self.query_one("#reason", Input).value)

    @work(thread=True, exclusive=True, group="shift")
    def count(self, shift_id: int, counted: dict[int, int], reason: str) -> None:
        from counter.services.shifts import count_drawer

        try:
            drawer = count_drawer(self.store.uow(), self.actor, shift_id, counted)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        self.app.call_from_thread(self._counted, shift_id, counted, reason, drawer)

    def _counted(self, shift_id: int, counted: dict[int, int], reason: str, drawer) -> None:
        from receipts.shift_report import drawer_rows
        from receipts.text import signed

        self.query_one("#figures", Static).update(
            "\n".join(f"{label}: {amount}" for label, amount in drawer_rows(drawer))
        )
        if not drawer.difference:
            self.close(shift_id, counted, "", None)
            return
        reason_box = self.query_one("#reason", Input)
        self.query_one("#reason-label").display = True
        reason_box.display = True
        if not reason.strip():
            self.show(_("The drawer does not match: type the reason, then press Enter for a manager's sign-off."))
            reason_box.focus()
            return
        from screens.manager_pin import ManagerApproval

        why = _("Sign off a cash difference of {amount}: {reason}").format(
            amount=signed(drawer.difference), reason=reason.strip()
        )

        def approved(manager) -> None:
            if manager is None:
                self.show(_("Not signed off: the shift stays open."))
                return
            self.close(shift_id, counted, reason, manager)

        self.app.push_screen(ManagerApproval(why), approved)

    @work(thread=True, exclusive=True, group="shift")
    def close(self, shift_id: int, counted: dict[int, int], reason: str, manager) -> None:
        from counter.services.shifts import close_shift

        try:
            close_shift(self.store.uow(), self.actor, shift_id, counted, reason, manager)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        self.app.call_from_thread(self._after_close, shift_id)

    def _after_close(self, shift_id: int) -> None:
        from screens.shift_report import ShiftReportScreen

        self.app.notify(_("Shift {id} is closed.").format(id=shift_id), title=_("Shift closed"))
        self.app.switch_screen(ShiftReportScreen(shift_id))

    def action_back(self) -> None:
        self.app.pop_screen()

"""A manager's code and PIN, asked for at the counter to approve something
(a discount past the limit, a void, releasing goods on an uncleared cheque)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from counter.auth import Actor
from counter.i18n import N_, _
from counter.store.faults import SAID, words_for
from screens.base import CounterModal


class ManagerApproval(CounterModal[Actor | None]):
    """Dismisses with the approving manager, or None if cancelled."""

    DEFAULT_CSS = """
    ManagerApproval { align: center middle; }
    ManagerApproval > Vertical { width: 50; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    ManagerApproval #why { text-style: bold; margin-bottom: 1; }
    ManagerApproval #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.why, id="why", markup=False)
            yield Label(_("Manager code"))
            yield Input(id="code", max_length=16)
            yield Label(_("PIN"))
            yield Input(id="pin", password=True, max_length=8, restrict=r"[0-9]*")
            yield Static("", id="message", markup=False)

    @on(Input.Submitted, "#code")
    def _to_pin(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def _submit(self) -> None:
        self.check(self.query_one("#code", Input).value, self.query_one("#pin", Input).value)

    @work(thread=True, exclusive=True)
    def check(self, code: str, pin: str) -> None:

        try:
            manager = self.store.verify_manager(code, pin)
        except SAID as e:
            self.app.call_from_thread(self._refused, words_for(e))
            return
        self.app.call_from_thread(self.dismiss, manager)

    def _refused(self, message: str) -> None:
        self.query_one("#message", Static).update(message)
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

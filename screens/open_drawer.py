"""Open the cash drawer without a sale: the cashier says why, the opening is
recorded (who, when, why) and the drawer kicks open on the receipt printer.
Pushed from home, and by any counter screen that needs the drawer."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from counter.i18n import N_, _
from counter.store.faults import SAID, words_for
from screens.base import CounterModal


class OpenDrawer(CounterModal[bool]):
    """Dismisses with True once the drawer was sent the kick, else False."""

    DEFAULT_CSS = """
    OpenDrawer { align: center middle; }
    OpenDrawer > Vertical { width: 60; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    OpenDrawer #title { text-style: bold; margin-bottom: 1; }
    OpenDrawer #message { height: auto; margin-top: 1; }
    OpenDrawer #message.error { color: $error; }
    """
    BINDINGS = [Binding("escape", "close", N_("Close"))]

    def __init__(self) -> None:
        super().__init__()
        self.opened = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Open the cash drawer"), id="title", markup=False)
            yield Label(_("Why? (recorded with your name and the time)"))
            yield Input(id="reason", max_length=200, placeholder=_("change for a customer"))
            yield Static("", id="message", markup=False)

    @on(Input.Submitted, "#reason")
    def _submitted(self, event: Input.Submitted) -> None:
        self.open_it(event.value)

    @work(thread=True, exclusive=True)
    def open_it(self, reason: str) -> None:
        from counter.printing import open_drawer

        app = self.app
        try:
            outcome = open_drawer(app.store.uow(), app.settings, app.actor, reason)
        except SAID as e:
            app.call_from_thread(self._say, words_for(e), True)
            return
        self.opened = outcome.ok
        app.call_from_thread(self._say, outcome.message + "  " + _("Esc closes."), not outcome.ok)

    def _say(self, message: str, error: bool) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(Text(message))  # plain: a message may hold [brackets]

    def action_close(self) -> None:
        self.dismiss(self.opened)

"""Find a customer by phone or name; dismisses with their id, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from counter.errors import CounterError
from counter.i18n import _
from counter.services.customers import find_customers


class PickCustomer(ModalScreen[int | None]):
    DEFAULT_CSS = """
    PickCustomer { align: center middle; }
    PickCustomer > Vertical { width: 80; height: 24; border: thick $accent; padding: 1 2; background: $surface; }
    PickCustomer OptionList { height: 1fr; }
    PickCustomer #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Customer's phone or name, then Enter"))
            yield Input(id="query", max_length=40)
            yield OptionList(id="found")
            yield Static("", id="message", markup=False)

    @on(Input.Submitted, "#query")
    def _search(self, event: Input.Submitted) -> None:
        found = self.query_one("#found", OptionList)
        found.clear_options()
        try:
            customers = find_customers(self.app.store.uow(), self.app.actor, event.value)
        except CounterError as e:
            self.query_one("#message", Static).update(str(e))
            return
        if not customers:
            self.query_one("#message", Static).update(_("No customer matches {query!r}.").format(query=event.value))
            return
        self.query_one("#message", Static).update("")
        found.add_options([Option(f"{c.name}  {c.phone}  {c.address}", id=str(c.id)) for c in customers])
        found.highlighted = 0
        found.focus()

    @on(OptionList.OptionSelected, "#found")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Asks for one line of text (a note, an outcome, a staff code, an amount)
and dismisses with it, or with None when cancelled. The caller checks the
value with its service; on a refusal it asks again with the message."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from counter.i18n import _


class Prompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical { width: 70; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    Prompt #question { text-style: bold; margin-bottom: 1; }
    Prompt #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, question: str, value: str = "", message: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.message, self.placeholder = question, value, message, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static(self.message, id="message", markup=False)

    @on(Input.Submitted, "#answer")
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

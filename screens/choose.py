"""Pick one of a short list (a held slip to resume, ...): Enter picks."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from counter.i18n import N_
from screens.base import CounterModal

T = TypeVar("T")


class Choose(CounterModal[T | None], Generic[T]):
    """Dismisses with the chosen value, or None if cancelled."""

    DEFAULT_CSS = """
    Choose { align: center middle; }
    Choose > Vertical { width: 90; height: auto; max-height: 80%; border: thick $accent; padding: 1 2; background: $surface; }
    Choose #title { text-style: bold; margin-bottom: 1; }
    Choose OptionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel")), Binding("enter", "pick", N_("Pick"))]

    def __init__(self, title: str, choices: list[tuple[str, T]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="title", markup=False)
            yield OptionList(*[Option(Text(label), id=str(i)) for i, (label, _v) in enumerate(self.choices)])
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id)][1])

    def action_pick(self) -> None:
        self.query_one(OptionList).action_select()

    def action_cancel(self) -> None:
        self.dismiss(None)

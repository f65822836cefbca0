"""验 verify: the cashier records a note refused as suspect or damaged."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from counter.errors import CounterError
from counter.i18n import N_, _
from counter.money import parse_amount, to_fen
from counter.services.payments import REJECT_REASONS, NoteRejected, check_rejected, reason_label
from screens.base import CounterModal


class RejectNote(CounterModal[NoteRejected | None]):
    """Dismisses with the rejected note, or None if cancelled."""

    DEFAULT_CSS = """
    RejectNote { align: center middle; }
    RejectNote > Vertical { width: 50; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    RejectNote #title { text-style: bold; margin-bottom: 1; }
    RejectNote #reasons { height: auto; margin-top: 1; }
    RejectNote #message { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("验 Reject a note: it is recorded and not counted."), id="title", markup=False)
            yield Label(_("Note value, e.g. 100"))
            yield Input(id="value", max_length=12)
            yield Label(_("Why"))
            yield OptionList(*[Option(reason_label(r), id=r) for r in REJECT_REASONS], id="reasons")
            yield Static("", id="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    def _note(self, reason: str) -> NoteRejected:
        return check_rejected(NoteRejected(to_fen(parse_amount(self.query_one("#value", Input).value)), reason))

    @on(Input.Submitted, "#value")
    def _to_reason(self) -> None:
        try:
            self._note(REJECT_REASONS[0])
        except CounterError as e:
            self.query_one("#message", Static).update(str(e))
            return
        self.query_one("#message", Static).update("")
        reasons = self.query_one("#reasons", OptionList)
        reasons.highlighted = 0
        reasons.focus()

    @on(OptionList.OptionSelected, "#reasons")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        try:
            note = self._note(event.option.id or "")
        except CounterError as e:
            self.query_one("#message", Static).update(str(e))
            self.query_one("#value", Input).focus()
            return
        self.dismiss(note)

    def action_cancel(self) -> None:
        self.dismiss(None)

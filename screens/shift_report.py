"""A shift's report: takings by tender and the drawer count, as it prints on
the till receipt; saved as PDF and text to the documents folder."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from counter.i18n import N_, _, in_language
from counter.store.faults import SAID, words_for
from screens.base import CounterScreen
from screens.header import ShopHeader


class ShiftReportScreen(CounterScreen[None]):
    CSS_PATH = "shift_report.tcss"
    BINDINGS = [
        Binding("p", "save", N_("Save PDF")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, shift_id: int) -> None:
        super().__init__()
        self.shift_id = shift_id
        self.report = None

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        with VerticalScroll(id="paper-box"):
            yield Static("", id="paper", markup=False)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        from counter.services.shifts import shift_report
        from receipts.shift_report import shift_report_text
        from receipts.text import WIDTH_80MM

        try:
            report = shift_report(self.store.uow(), self.actor, self.shift_id)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        self.report = report
        self.app.call_from_thread(self.query_one("#paper", Static).update, shift_report_text(report, WIDTH_80MM))

    def show(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def action_save(self) -> None:
        if self.report is not None:
            self.save(self.report)

    @work(thread=True, exclusive=True, group="save")
    def save(self, report) -> None:
        from receipts.shift_report import shift_report_pdf, shift_report_text

        folder = Path(self.app.settings.documents_dir) / "shifts"
        try:
            pdf = shift_report_pdf(report, folder / f"shift-{report.shift.id}.pdf")
            with in_language("zh"):  # the .txt is for the receipt printer: a document
                text = shift_report_text(report)
            (folder / f"shift-{report.shift.id}.txt").write_text(text, encoding="utf-8")
        except OSError as e:
            self.app.call_from_thread(self.show, _("Could not save the report: {error}").format(error=e))
            return
        self.app.call_from_thread(self.show, _("Saved to {path}").format(path=pdf))

    def action_back(self) -> None:
        self.app.pop_screen()

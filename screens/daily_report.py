"""The daily sales report (销售日报) on screen: the day's figures, sales by
hour and by category as bar charts, and the breakdowns. Days and ranges are
chosen from the keyboard; P saves the same report as a PDF."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from counter.i18n import N_, _
from counter.store.faults import SAID, words_for
from models.clock import now
from screens.base import CounterScreen
from screens.header import ShopHeader


class DailyReportScreen(CounterScreen[None]):
    CSS_PATH = "daily_report.tcss"
    BINDINGS = [
        # Brackets, not arrows: the arrows scroll the figures.
        Binding("left_square_bracket", "shift(-1)", N_("Earlier"), key_display="["),
        Binding("right_square_bracket", "shift(1)", N_("Later"), key_display="]"),
        Binding("t", "today", N_("Today")),
        Binding("d", "one_day", N_("One day")),
        Binding("w", "week", N_("7 days")),
        Binding("m", "month", N_("Month")),
        Binding("g", "go_to", N_("Go to date")),
        Binding("p", "save", N_("Save PDF")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, start: date | None = None, end: date | None = None) -> None:
        super().__init__()
        self.start = start or now().date()
        self.end = end or self.start
        self.report = None

    def compose(self) -> ComposeResult:
        yield ShopHeader()
        yield Static("", id="range", markup=False)
        yield Input(placeholder=_("YYYY-MM-DD, or YYYY-MM-DD..YYYY-MM-DD for a range"), id="go-to")
        with Horizontal():
            with VerticalScroll(id="figures-box"):
                yield Static("", id="figures", markup=False)
            with Vertical(id="charts"):
                yield Static("", id="hours", markup=False)
                yield Static("", id="categories", markup=False)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#go-to").display = False
        self.query_one("#figures-box").focus()
        self.load()

    def show(self, message: str, error: bool = True) -> None:
        box = self.query_one("#message", Static)
        box.set_class(error, "error")
        box.update(message)

    def _set_range(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.load()

    def action_shift(self, direction: int) -> None:
        length = (self.end - self.start).days + 1
        if self.end == self.start + timedelta(days=length - 1) and self.start.day == 1 and (
            self.end + timedelta(days=1)
        ).day == 1:
            # A whole month moves by months, not by its number of days.
            if direction < 0:
                end = self.start - timedelta(days=1)
                start = end.replace(day=1)
            else:
                start = self.end + timedelta(days=1)
                end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
            self._set_range(start, end)
            return
        step = timedelta(days=length * direction)
        self._set_range(self.start + step, self.end + step)

    def action_today(self) -> None:
        self._set_range(now().date(), now().date())

    def action_one_day(self) -> None:
        self._set_range(self.end, self.end)

    def action_week(self) -> None:
        self._set_range(self.end - timedelta(days=6), self.end)

    def action_month(self) -> None:
        first = self.end.replace(day=1)
        self._set_range(first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))

    def action_go_to(self) -> None:
        box = self.query_one("#go-to", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#go-to")
    def _go(self, event: Input.Submitted) -> None:
        from counter.errors import CounterError
        from counter.services.reports import check_range, parse_day

        first, _sep, last = event.value.replace("～", "..").replace("~", "..").partition("..")
        try:
            start = parse_day(first)
            start, end = check_range(start, parse_day(last) if last.strip() else start)
        except CounterError as e:
            self.show(str(e))  # the typed text stays in the box to be corrected
            return
        event.input.display = False
        self.query_one("#figures-box").focus()
        self._set_range(start, end)

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        from counter.services.reports import daily_report

        self.app.call_from_thread(self.show, _("Adding up ..."), False)
        try:
            report = daily_report(self.store.uow(), self.actor, self.start, self.end)
        except SAID as e:
            self.app.call_from_thread(self.show, words_for(e))
            return
        self.app.call_from_thread(self._shown, report)

    def _shown(self, report) -> None:
        from receipts.daily_report_text import categories, daily_report_text, hours, range_label

        self.report = report
        self.show("", False)
        self.query_one("#range", Static).update(
            Text.assemble((_("Daily sales report") + "  ", "bold"), (range_label(report), "bold reverse"))
        )
        # As wide as the figures' own pane (inside its border and scroll bar):
        # wider, every line wrapped in two at 80 columns.
        width = max(28, self.query_one("#figures-box").scrollable_content_region.width - 1)
        text = daily_report_text(report, width=min(width, 64))
        # The charts have their own panels on the right; the text keeps the figures.
        self.query_one("#figures", Static).update(_figures_only(text))
        room = self.query_one("#hours", Static).content_region.width
        self.query_one("#hours", Static).update(_chart(_("Sales by hour"), hours(report), "steel_blue", room))
        self.query_one("#categories", Static).update(
            _chart(_("Sales by category"), categories(report), "dark_orange", room)
        )

    def action_save(self) -> None:
        if self.report is not None:
            self.save(self.report)

    @work(thread=True, exclusive=True, group="save")
    def save(self, report) -> None:
        from receipts.daily_report_pdf import daily_report_pdf

        name = f"daily-{report.start:%Y%m%d}" + ("" if report.is_one_day else f"-{report.end:%Y%m%d}") + ".pdf"
        try:
            path = daily_report_pdf(report, Path(self.app.settings.documents_dir) / "reports" / name,
                                    self.app.settings.shop_name)
        except OSError as e:
            self.app.call_from_thread(self.show, _("Could not save the report: {error}").format(error=e))
            return
        self.app.call_from_thread(self.show, _("Saved to {path}").format(path=path), False)

    def action_back(self) -> None:
        if self.query_one("#go-to").display:
            self.query_one("#go-to").display = False
            self.query_one("#figures-box").focus()
            return
        self.app.pop_screen()


def _figures_only(text: str) -> str:
    """The report text without its two chart sections (shown as charts)."""
    skip = {_("Sales by hour"), _("Sales by category")}
    out, skipping = [], False
    for line in text.splitlines():
        if line in skip:
            skipping = True
            continue
        if skipping and not line.strip():
            skipping = False
            continue
        if not skipping:
            out.append(line)
    return "\n".join(out)


def _chart(title: str, rows, colour: str, width: int) -> Text:
    from counter.money import fmt
    from receipts.text import bar, cells, clip

    chart = Text(title + "\n", style="bold")
    if not rows:
        chart.append("  " + _("No sales"), style="dim")
        return chart
    label_cells = min(10, max(cells(label) for label, _a in rows))
    most = max(int(amount) for _l, amount in rows)
    # The bars take what the labels and the largest amount leave of the panel, so no row wraps.
    bar_cells = min(30, max(4, width - label_cells - max(cells(fmt(a)) for _l, a in rows) - 4))
    for label, amount in rows:
        label = clip(label, label_cells)
        chart.append(" " + label + " " * (label_cells - cells(label)) + " ")
        drawn = bar(int(amount), most, bar_cells)
        chart.append(drawn + " " * (bar_cells - cells(drawn)), style=colour)
        chart.append(" " + fmt(amount) + "\n")
    return chart

"""`counter report ...`: the daily sales report and shift reports from the
command line. Thin entry points: sign in, call the service, print or save."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from counter.errors import CounterError

report_app = typer.Typer(help="Reports: the daily sales report (销售日报) and shift reports (交班).")

StaffOption = Annotated[
    str | None, typer.Option("--staff", help="Your staff code (env COUNTER_STAFF; PIN from COUNTER_PIN or asked).")
]
PdfOption = Annotated[Path | None, typer.Option("--pdf", help="Also save the report as a PDF at this path.")]


@report_app.command("daily")
def daily(
    day: Annotated[str | None, typer.Option("--date", help="The day, YYYY-MM-DD (default: today).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day of a range, YYYY-MM-DD.")] = None,
    pdf: PdfOption = None,
    staff: StaffOption = None,
) -> None:
    """The daily sales report for a day or a range of days (a manager's)."""
    from counter.cli import common as cli
    from counter.services.reports import daily_report, parse_day
    from counter.store import Store
    from receipts.daily_report_text import daily_report_text

    try:
        settings = cli.settings()
        start = parse_day(day or "today")
        end = parse_day(to) if to else start
        store = Store.open(settings)
        actor = cli.sign_in_from_cli(store, staff)
        report = daily_report(store.uow(), actor, start, end)
        typer.echo(daily_report_text(report, shop_name=settings.shop_name), nl=False)
        if pdf is not None:
            from receipts.daily_report_pdf import daily_report_pdf

            typer.echo(f"PDF saved to {daily_report_pdf(report, pdf, settings.shop_name)}")
    except CounterError as e:
        raise cli.fail(e) from None


@report_app.command("shift")
def shift(
    number: Annotated[int, typer.Argument(help="The shift's number.")],
    width: Annotated[int, typer.Option(help="Receipt width in characters: 32 (58 mm) or 48 (80 mm).")] = 32,
    pdf: PdfOption = None,
    staff: StaffOption = None,
) -> None:
    """A shift's report: takings by tender and the drawer count, as a receipt."""
    from counter.cli import common as cli
    from counter.services.shifts import shift_report
    from counter.store import Store
    from receipts.shift_report import shift_report_text

    try:
        store = Store.open(cli.settings())
        actor = cli.sign_in_from_cli(store, staff)
        report = shift_report(store.uow(), actor, number)
        typer.echo(shift_report_text(report, width), nl=False)
        if pdf is not None:
            from receipts.shift_report import shift_report_pdf

            typer.echo(f"PDF saved to {shift_report_pdf(report, pdf)}")
    except CounterError as e:
        raise cli.fail(e) from None

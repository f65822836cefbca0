"""The daily sales report (counter.services.reports.daily_report) over a year
of history."""

from __future__ import annotations

from datetime import timedelta

from bench.context import Run
from bench.harness import Figure, median, ms, timed

LIMIT = 1.0  # seconds
FLOOR_TIMES = 20


def daily_report(run: Run) -> list[Figure]:
    from sqlalchemy import text

    from counter.services import reports

    data = run.data
    manager = data.staff["M01"]
    repeat = run.repeat(7, 2)

    def count_lines() -> None:
        with data.store.uow() as uow:
            uow.session.execute(text("SELECT count(*) FROM slipline")).scalar()

    count_lines()
    floor = median(timed(count_lines, repeat))
    day = data.last_day
    figures = []
    for label, first, judged in (("one day", day, True), ("30 days", day - timedelta(days=29), False)):
        report = reports.daily_report(data.store.uow(), manager, first, day)
        took = median(timed(lambda first=first: reports.daily_report(data.store.uow(), manager, first, day), repeat))
        figure = Figure(
            f"daily report, {label} ({data.scale.slips:,} slips / {data.scale.lines:,} lines of history)",
            f"count(*) over lines {ms(floor)}",
            f"≤ 1 s and ≤ {FLOOR_TIMES}× floor ({ms(FLOOR_TIMES * floor)})" if judged else "shown for reference",
            result=f"{ms(took)} ({took / floor:.1f}× floor; {report.slips_paid:,} slips paid)",
            numbers={"seconds": took, "floor": floor, "slips_paid": report.slips_paid,
                     "categories": len(report.by_category)},
        )
        if judged:
            figure.judge(took <= LIMIT and took <= FLOOR_TIMES * floor and report.slips_paid > 0)
        else:
            figure.status = "info"
        figures.append(figure)
    return figures

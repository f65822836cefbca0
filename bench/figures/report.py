"""The daily sales report over a year of history."""

from __future__ import annotations

from datetime import timedelta

from bench.context import Run
from bench.harness import Figure, median, ms, timed

LIMIT = 1.0  # seconds
FLOOR_TIMES = 20


def daily_report(run: Run) -> list[Figure]:
    # Swapped for counter.services.reports.daily_report at merge.
    from sqlalchemy import text

    from bench.report_query import sales_totals

    data = run.data
    repeat = run.repeat(7, 2)

    def count_lines() -> None:
        with data.store.uow() as uow:
            uow.session.execute(text("SELECT count(*) FROM slipline")).scalar()

    count_lines()
    floor = median(timed(count_lines, repeat))
    day = data.last_day
    figures = []
    for label, first in (("one day", day), ("30 days", day - timedelta(days=29))):
        totals = sales_totals(data.store.uow(), first, day)
        took = median(timed(lambda first=first: sales_totals(data.store.uow(), first, day), repeat))
        figures.append(
            Figure(
                f"daily report, {label} (stand-in query; {data.scale.slips:,} slips / {data.scale.lines:,} lines)",
                f"count(*) over lines {ms(floor)}",
                f"≤ 1 s and ≤ {FLOOR_TIMES}× floor ({ms(FLOOR_TIMES * floor)})",
                result=f"{ms(took)} ({took / floor:.1f}× floor)",
                note="bench/report_query.py until counter.services.reports is merged",
                numbers={"seconds": took, "floor": floor, "categories": len(totals.by_category),
                         "tender_hours": len(totals.by_tender_hour)},
            ).judge(took <= LIMIT and took <= FLOOR_TIMES * floor and bool(totals.by_category))
        )
    return figures

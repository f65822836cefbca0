"""The demo's clock. Its "today" holds a morning of sales (9:00 to about
11:00), so before 11:30 the demo's today is yesterday: nothing it writes
lies later than the moment it is built."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from models.clock import now

MORNING_DONE = time(11, 30)


def demo_today() -> date:
    current = now()
    return current.date() if current.time() >= MORNING_DONE else current.date() - timedelta(days=1)


def not_after_now(moment: datetime) -> datetime:
    """`moment`, or a little before now if it would lie ahead."""
    return min(moment, now() - timedelta(minutes=20))

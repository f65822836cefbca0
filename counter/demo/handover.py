"""Demo history for the hand-over screen: this morning's paid slips whose
goods have not yet gone out, so the list of slips waiting is not empty."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from counter.demo.clock import demo_today
from models.clock import frozen_at


def paid_awaiting_hand_over(history) -> None:
    """Two slips written and paid late this morning, one cash and one card,
    the customers still at the counter waiting for their goods."""
    start = datetime.combine(demo_today(), time(10, 50))
    for i, kind in enumerate(("cash", "card")):
        moment = start + timedelta(minutes=4 * i)
        assistant = history.assistants[i % len(history.assistants)]
        with frozen_at(moment):
            slip = history.write(assistant, 2)
        with frozen_at(moment + timedelta(minutes=2)):
            history.pay(history.cashiers[i % len(history.cashiers)], slip, kind)

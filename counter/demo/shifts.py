"""The demo's drawers: each cashier opens a shift in the morning with a float
and closes it in the evening by counting the drawer, through the shift
services. One evening a drawer is ¥10 short and the manager signs it off;
one afternoon a delivery fee is paid out of a drawer."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from counter.demo.clock import demo_today
from counter.money import to_fen
from counter.services import shifts
from counter.services.payments import DENOMINATIONS_FEN
from models import CashMovementKind
from models.clock import frozen_at

if TYPE_CHECKING:
    from counter.demo.build import DemoHistory

# The morning float, by note: ¥500.00.
FLOAT = {10000: 2, 5000: 3, 2000: 3, 1000: 5, 500: 4, 100: 15, 50: 8, 10: 10}
SHORT_DAY = 4  # days back: the evening a drawer comes up ¥10 short
PAYOUT_DAY = 2  # days back: the afternoon a delivery fee is paid from a drawer


def notes_for(fen: int) -> dict[int, int]:
    """A drawer holding `fen`, in the fewest notes and coins: how the demo
    (and the tests) count a drawer that matches."""
    counted = {}
    for denomination in DENOMINATIONS_FEN:
        counted[denomination], fen = divmod(fen, denomination)
    if fen:
        raise ValueError("amounts are counted to the jiao (0.1)")
    return {d: n for d, n in counted.items() if n}


class DemoShifts:
    def __init__(self, history: DemoHistory) -> None:
        self.history = history

    def open_day(self, day: date) -> None:
        for i, cashier in enumerate(self.history.cashiers):
            with frozen_at(datetime.combine(day, time(8, 45)) + timedelta(minutes=5 * i)):
                shifts.open_shift(self.history.uow(), cashier, FLOAT)
        if (demo_today() - day).days == PAYOUT_DAY:
            cashier = self.history.cashiers[0]
            with frozen_at(datetime.combine(day, time(8, 55))):
                shifts.record_cash_movement(
                    self.history.uow(), cashier, CashMovementKind.PAYOUT, Decimal("35.00"), "同城快递费",
                    self.history.manager, reference="SF-DEMO-01",
                )

    def close_day(self, day: date) -> None:
        short = (demo_today() - day).days == SHORT_DAY
        for i, cashier in enumerate(self.history.cashiers):
            with frozen_at(datetime.combine(day, time(21, 0)) + timedelta(minutes=10 * i)):
                shift = shifts.current_shift(self.history.uow(), cashier)
                expected = shifts.count_drawer(self.history.uow(), cashier, shift.id, {}).expected
                if short and i == 0:
                    counted = notes_for(to_fen(expected) - 1000)
                    shifts.close_shift(
                        self.history.uow(), cashier, shift.id, counted,
                        reason="找零时多找了10元", approver=self.history.manager,
                    )
                else:
                    shifts.close_shift(self.history.uow(), cashier, shift.id, notes_for(to_fen(expected)))

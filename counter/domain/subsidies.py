"""The trade-in subsidy (以旧换新补贴) as the 2025 national programme for
household appliances sets it: a buyer gets 20 % of the price of a grade-1
energy-efficient appliance and 15 % of a grade-2 one, at most ¥2,000 per
unit; goods of grade 3 to 5, or without a grade, get nothing. A province may
vary the rates; they are the constants below.

The buyer is identified by the resident identity card number (GB 11643-1999):
17 digits — region, birth date, sequence — and a check character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

RATE_BY_CLASS = {1: Decimal("0.20"), 2: Decimal("0.15")}
CAP_PER_UNIT_FEN = 200_000
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class Unit:
    """What the rule reads of a slip line."""

    line_no: int
    quantity: int
    unit_price_fen: int
    energy_class: int


def per_unit_fen(unit_price_fen: int, energy_class: int) -> int:
    """The subsidy on one unit: the rate of its price, to the fen below, capped."""
    rate = RATE_BY_CLASS.get(energy_class)
    if rate is None or unit_price_fen <= 0:
        return 0
    return min(int((Decimal(unit_price_fen) * rate).to_integral_value(rounding=ROUND_DOWN)), CAP_PER_UNIT_FEN)


def subsidy_fen(units: Iterable[Unit]) -> dict[int, int]:
    """Line number -> its subsidy, for the lines that get one."""
    out = {}
    for u in units:
        amount = u.quantity * per_unit_fen(u.unit_price_fen, u.energy_class)
        if amount:
            out[u.line_no] = amount
    return out


def id_problem(number: str) -> str | None:
    """Why `number` (upper case, no spaces) is not a resident ID number, or None."""
    if len(number) != 18:
        return "length"
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        return "character"
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "birth date"
    total = sum(int(c) * w for c, w in zip(number[:17], _WEIGHTS, strict=True))
    if _CHECK[total % 11] != number[17]:
        return "check"
    return None


def mask_id(number: str) -> str:
    """As shown anywhere but the subsidy claim itself: 110***********123X."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:] if len(number) > 7 else "*" * len(number)

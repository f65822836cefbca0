"""The cash drawer: a count by note and coin, and what it should hold."""

from __future__ import annotations

from collections.abc import Mapping


def counted_fen(counted: Mapping[int, int]) -> int:
    """数: the value of a count by denomination (fen -> how many)."""
    return sum(denomination * count for denomination, count in counted.items())


def expected_fen(float_fen: int, received_fen: int, change_fen: int, refunds_fen: int, payouts_fen: int) -> int:
    """What the drawer should hold: the float, plus the cash taken, less the
    change given, the cash refunds and the payouts."""
    return float_fen + received_fen - change_fen - refunds_fen - payouts_fen


def difference_fen(expected: int, counted: int) -> int:
    """Counted − expected: negative is short (短款), positive is over (长款)."""
    return counted - expected

"""Returns: what may still come back of a line, and what it refunds."""

from __future__ import annotations

from collections.abc import Iterable

from counter.domain.lines import amount_fen


def returnable(sold: int, returned_before: int) -> int:
    """Never more than was sold, less what earlier returns took back."""
    return max(sold - returned_before, 0)


def refund_fen(back: Iterable[tuple[int, int]]) -> int:
    """The refund for (quantity coming back, unit price paid in fen) pairs:
    each line at the price it was sold at, discount included."""
    return sum(amount_fen(quantity, price) for quantity, price in back)

"""Lines of goods on a slip or a phone order. Amounts are integer fen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class GoodsLine(Protocol):
    """What the rules read of a line, whether a stored row or a view."""

    @property
    def line_no(self) -> int: ...

    @property
    def product_id(self) -> int: ...

    @property
    def unit_price_fen(self) -> int: ...

    @property
    def quantity(self) -> int: ...


L = TypeVar("L", bound=GoodsLine)


def amount_fen(quantity: int, unit_price_fen: int) -> int:
    """A line's amount: quantity × unit price, exact to the fen."""
    return quantity * unit_price_fen


def line_to_add_to(lines: Iterable[L], product_id: int, unit_price_fen: int) -> L | None:
    """The same goods at the same unit price add to their line; at another
    price (a discounted line) they start a line of their own."""
    return next((l for l in lines if l.product_id == product_id and l.unit_price_fen == unit_price_fen), None)


def next_line_no(lines: Iterable[GoodsLine]) -> int:
    return max((l.line_no for l in lines), default=0) + 1


def renumbered(lines: Sequence[L]) -> list[tuple[L, int]]:
    """After a line is removed the lines read 1, 2, 3 … with no hole: the
    lines whose number changes, each with its new number (in line order)."""
    ordered = sorted(lines, key=lambda l: l.line_no)
    return [(l, n) for n, l in enumerate(ordered, start=1) if l.line_no != n]

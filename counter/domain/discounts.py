"""Discounts: the real unit price after a discount, against the list price."""

from __future__ import annotations

from decimal import Decimal


def discount_percent(list_price_fen: int, unit_price_fen: int) -> Decimal:
    """How far below list a price is, in percent (0 for a free list price)."""
    if list_price_fen == 0:
        return Decimal(0)
    return Decimal(list_price_fen - unit_price_fen) * 100 / Decimal(list_price_fen)


def needs_approval(list_price_fen: int, unit_price_fen: int, limit_pct: Decimal | int) -> bool:
    """A discount past the person's own limit needs a manager's approval."""
    return discount_percent(list_price_fen, unit_price_fen) > limit_pct

"""Returns: what may still come back of a line, and what it refunds."""

from __future__ import annotations


def returnable(sold: int, returned_before: int) -> int:
    """Never more than was sold, less what earlier returns took back."""
    return max(sold - returned_before, 0)


def paid_for(amount_fen: int, quantity: int, units: int) -> int:
    """What `units` of a line of `quantity` paid, out of the line's amount
    after its discount and promotion: in proportion (按实际支付金额分摊),
    rounded half up, so the whole line pays exactly its amount."""
    if quantity <= 0:
        return 0
    return (2 * amount_fen * units + quantity) // (2 * quantity)


def refund_fen(amount_fen: int, sold: int, returned_before: int, back: int) -> int:
    """The refund for `back` units of a line sold for `amount_fen`, after
    `returned_before` came back earlier: what those units paid. All the
    returns of a line together refund exactly its amount."""
    return paid_for(amount_fen, sold, returned_before + back) - paid_for(amount_fen, sold, returned_before)


def kept_fen(amount_fen: int, sold: int, returned: int) -> int:
    """What the units the customer kept paid."""
    return amount_fen - paid_for(amount_fen, sold, returned)

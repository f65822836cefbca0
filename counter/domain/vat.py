"""VAT on a tax-inclusive price, split the way the tax platform splits it.

Rule (数电票, tax-inclusive lines): each line's tax is
    tax = amount × rate ÷ (1 + rate), rounded to the fen, half away from zero,
and its net amount is amount − tax, so net + tax is always the line's amount
to the fen. The invoice's tax is the sum of its lines' taxes, never the tax of
the total recomputed. Each line's |net × rate − tax| stays under one fen,
well inside the platform's 6-fen line tolerance, and the sum differs from the
tax on the whole total by at most half a fen per line (the old tax-control
limit on that difference is ¥1.27). A discount line (折扣行) and a red
(negative) line are split the same way, so a red reversal mirrors its blue
line to the fen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# The rates a shop may put on goods, in basis points (1300 = 13 %): the general
# rate for appliances, the lower general rates, and the small-scale 3 % / 1 %.
RATES_BP = (1300, 900, 600, 300, 100, 0)
DEFAULT_RATE_BP = 1300
LINE_TOLERANCE_FEN = 6
INVOICE_TOLERANCE_FEN = 127


@dataclass(frozen=True)
class Split:
    amount_fen: int  # tax-inclusive
    net_fen: int
    tax_fen: int


def rate(rate_bp: int) -> Decimal:
    return Decimal(rate_bp) / 10000


def split(amount_fen: int, rate_bp: int) -> Split:
    r = rate(rate_bp)
    tax = int((Decimal(amount_fen) * r / (1 + r)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Split(amount_fen, amount_fen - tax, tax)


def total_tax_fen(splits: Iterable[Split]) -> int:
    return sum(s.tax_fen for s in splits)


def rate_label(rate_bp: int) -> str:
    """As the invoice prints it: 13%, 1%, 0% (免税 is a separate flag we do not use)."""
    whole, part = divmod(rate_bp, 100)
    return f"{whole}%" if not part else f"{rate_bp / 100:g}%"

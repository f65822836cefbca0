"""An e-fapiao request (开票申请): its lines and the states it moves through.

Lines are tax-inclusive, as the slip is. A goods line is written at its list
price and a discount it was sold at follows it as a 折扣行 (negative amount,
same tax code and rate), which is how the platform wants discounts shown. A
red reversal (部分冲红) is the same lines with the quantities returned,
negated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from counter.domain.vat import split


class State(StrEnum):
    REQUESTED = "requested"  # waiting in the outbox for the platform
    SUBMITTED = "submitted"  # handed to the platform (exported, copied or sent)
    ISSUED = "issued"  # the platform gave it a 20-digit number
    DELIVERED = "delivered"  # sent to the buyer's phone or email
    WITHDRAWN = "withdrawn"  # taken back before it was issued


# An issued 数电票 is never voided: it is reversed by a red request.
NEXT: dict[State, frozenset[State]] = {
    State.REQUESTED: frozenset({State.SUBMITTED, State.WITHDRAWN}),
    State.SUBMITTED: frozenset({State.ISSUED, State.REQUESTED, State.WITHDRAWN}),
    State.ISSUED: frozenset({State.DELIVERED}),
    State.DELIVERED: frozenset(),
    State.WITHDRAWN: frozenset(),
}


def can_move(old: State, new: State) -> bool:
    return new in NEXT[old]


def number_problem(number: str) -> str | None:
    """A 数电票 number is 20 digits: year (2), tax bureau (2), channel (1), serial (15)."""
    if len(number) != 20:
        return "length"
    if not (number.isascii() and number.isdigit()):
        return "digits"
    return None


@dataclass(frozen=True)
class SoldLine:
    """What the request reads of one slip line and its goods."""

    slip_line_id: int
    name: str
    tax_name: str  # 商品和服务税收分类简称, e.g. 家用电器
    tax_code: str
    spec: str
    unit: str
    quantity: int
    list_price_fen: int
    paid_fen: int  # what these units paid, after discount and promotion
    rate_bp: int


@dataclass(frozen=True)
class InvoiceLine:
    slip_line_id: int
    discount: bool
    name: str
    tax_code: str
    spec: str
    unit: str
    quantity: int  # 0 on a discount line
    unit_price_fen: int  # tax-inclusive; 0 on a discount line
    amount_fen: int
    rate_bp: int
    tax_fen: int


def project_name(tax_name: str, name: str) -> str:
    """The 项目名称 as printed: *简称*name."""
    return f"*{tax_name}*{name}" if tax_name else name


def invoice_lines(sold: Iterable[SoldLine], sign: int = 1) -> list[InvoiceLine]:
    """Goods lines with their 折扣行; sign −1 for a red reversal."""
    out: list[InvoiceLine] = []
    for s in sold:
        if s.quantity <= 0:
            continue
        name = project_name(s.tax_name, s.name)
        gross = sign * s.quantity * s.list_price_fen
        goods = split(gross, s.rate_bp)
        out.append(
            InvoiceLine(s.slip_line_id, False, name, s.tax_code, s.spec, s.unit, sign * s.quantity,
                        s.list_price_fen, gross, s.rate_bp, goods.tax_fen)
        )
        off = sign * (s.quantity * s.list_price_fen - s.paid_fen)
        if off:
            discount = split(-off, s.rate_bp)
            out.append(
                InvoiceLine(s.slip_line_id, True, name, s.tax_code, s.spec, s.unit, 0, 0, -off, s.rate_bp,
                            discount.tax_fen)
            )
    return out


def totals(lines: Iterable[InvoiceLine]) -> tuple[int, int]:
    """(amount incl. tax, tax) of a request: sums of its lines."""
    items = list(lines)
    return sum(l.amount_fen for l in items), sum(l.tax_fen for l in items)

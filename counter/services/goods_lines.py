"""The view of one line of goods, shared by slips and phone orders: both
tables copy the product's description into a models.goods_line.GoodsLine."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from counter.money import from_fen, to_fen
from models.goods_line import GoodsLine


@dataclass(frozen=True)
class GoodsLineView:
    line_no: int
    product_id: int
    name: str
    brand: str
    model: str
    spec: str
    colour: str
    list_price: Decimal
    unit_price: Decimal
    quantity: int
    amount: Decimal

    @property
    def discounted(self) -> bool:
        """Sold at other than the list price (a discount or a special price)."""
        return self.unit_price != self.list_price

    @property
    def unit_price_fen(self) -> int:
        return to_fen(self.unit_price)

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.brand, self.name, self.model) if p)


def goods_fields(line: GoodsLine) -> dict[str, Any]:
    """A GoodsLineView's fields from a slip or order line, fen as money."""
    return {
        "line_no": line.line_no,
        "product_id": line.product_id,
        "name": line.name,
        "brand": line.brand,
        "model": line.model,
        "spec": line.spec,
        "colour": line.colour,
        "list_price": from_fen(line.list_price_fen),
        "unit_price": from_fen(line.unit_price_fen),
        "quantity": line.quantity,
        "amount": from_fen(line.amount_fen),
    }

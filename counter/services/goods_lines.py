"""The view of one line of goods, shared by slips and phone orders: both
tables copy the product's description into a models.goods_line.GoodsLine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlmodel import Session

from counter.domain.promotions import Kind, PricedLine, line_promotions, rule_of
from counter.i18n import _, current_language
from counter.money import fmt, from_fen, line_amount_fen, to_fen
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
    amount: Decimal  # after the promotion
    promotion: str
    promo: Decimal  # what the promotion took off

    @property
    def discounted(self) -> bool:
        """Sold at other than the list price (a discount or a special price)."""
        return self.unit_price != self.list_price

    @property
    def unit_price_fen(self) -> int:
        return to_fen(self.unit_price)

    @property
    def list_price_fen(self) -> int:
        return to_fen(self.list_price)

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.brand, self.name, self.model) if p)


def goods_fields(line: GoodsLine | Row[Any]) -> dict[str, Any]:
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
        "promotion": line.promotion,
        "promo": from_fen(line.promo_fen),
    }


def priced(lines: Sequence[PricedLine]) -> dict[int, tuple[int, int]]:
    """Each line's (promo_fen, amount_fen) as its slip or order now stands:
    a promotion can depend on the other lines (满减), so every change to a
    slip's lines prices them all again."""
    off = line_promotions(lines)
    return {
        l.line_no: (off[l.line_no], line_amount_fen(l.quantity, l.unit_price_fen) - off[l.line_no])
        for l in lines
    }


def reprice(session: Session, lines: Sequence[GoodsLine]) -> None:
    """priced, set on ORM lines (only those that change are written)."""
    prices = priced(lines)
    for line in lines:
        promo_fen, amount_fen = prices[line.line_no]
        if (line.promo_fen, line.amount_fen) != (promo_fen, amount_fen):
            line.promo_fen, line.amount_fen = promo_fen, amount_fen
            session.add(line)



def promotion_label(text: str) -> str:
    """A promotion as the screen's language says it: in Chinese as the shop
    wrote it, in English by its rule. "" for no promotion (or text that is
    no rule, which is not applied)."""
    rule = rule_of(text)
    if rule is None:
        return ""
    if current_language() == "zh":
        return rule.text
    return {
        Kind.SECOND_HALF: _("2nd at half price"),
        Kind.BUY_GET_ONE: _("buy {n} get 1 free").format(n=rule.a),
        Kind.CUT: _("{amount} off each").format(amount=fmt(from_fen(rule.a))),
        Kind.SPECIAL: _("special price {amount}").format(amount=fmt(from_fen(rule.a))),
        Kind.SPEND_SAVE: _("spend {a}, save {b}").format(a=fmt(from_fen(rule.a)), b=fmt(from_fen(rule.b))),
        Kind.GIFT: _("gift: {text}").format(text=rule.text),
    }[rule.kind]

"""Promotions (促销) as rules: the text on a product is the rule itself, parsed
here, so no promotion is shown that the slip does not apply. Amounts are
integer fen.

Kinds, as a shop writes them:
- 第二件半价: every second unit of the line at half its price;
- 买二送一 (买N送一): every (N+1)th unit free;
- 直降50元 (also 限时直降50元): that much off each unit;
- 特价399元: each unit at that price;
- 满199减20: once a slip's goods carrying this rule reach ¥199 together,
  ¥20 off them, shared across their lines by amount;
- 赠送… / 免费…: a gift or a service, no money, printed under the line.

A line the assistant has discounted by hand keeps its own price and gets no
promotion (促销不与其他优惠同享), so a promotion never stacks on a discount.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Kind(StrEnum):
    SECOND_HALF = "second_half"
    BUY_GET_ONE = "buy_get_one"
    CUT = "cut"
    SPECIAL = "special"
    SPEND_SAVE = "spend_save"
    GIFT = "gift"


@dataclass(frozen=True)
class Rule:
    kind: Kind
    text: str  # as written on the card, slip and receipt
    a: int = 0  # units to buy (BUY_GET_ONE), fen off or price (CUT, SPECIAL), threshold (SPEND_SAVE)
    b: int = 0  # fen off (SPEND_SAVE)


class NotARule(ValueError):
    """The text is not a promotion the counter can apply."""


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YUAN = r"(\d{1,7}(?:\.\d{1,2})?)"


def _fen(yuan: str) -> int:
    whole, _dot, cents = yuan.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS[text]


def parse(text: str) -> Rule | None:
    """The rule a promotion text states; None for no promotion. Raises
    NotARule for text that states none of the kinds above."""
    text = text.strip()
    if not text:
        return None
    if text == "第二件半价":
        return Rule(Kind.SECOND_HALF, text)
    if m := re.fullmatch(r"买([2-9二两三四五六七八九])送[1一]", text):
        return Rule(Kind.BUY_GET_ONE, text, a=_count(m[1]))
    if m := re.fullmatch(rf"(?:限时)?直降{_YUAN}元", text):
        off = _fen(m[1])
        if off > 0:
            return Rule(Kind.CUT, text, a=off)
    if m := re.fullmatch(rf"(?:限时)?特价{_YUAN}元", text):
        price = _fen(m[1])
        if price > 0:
            return Rule(Kind.SPECIAL, text, a=price)
    if m := re.fullmatch(rf"满{_YUAN}减{_YUAN}", text):
        threshold, off = _fen(m[1]), _fen(m[2])
        if 0 < off < threshold:
            return Rule(Kind.SPEND_SAVE, text, a=threshold, b=off)
    if re.fullmatch(r"(赠送?|免费)\S.{0,36}", text):
        return Rule(Kind.GIFT, text)
    raise NotARule(text)


def rule_of(text: str) -> Rule | None:
    """parse, but text that is no rule counts as no promotion (a row written
    before rules were checked)."""
    try:
        return parse(text)
    except NotARule:
        return None


def gives_away(rule: Rule, unit_price_fen: int) -> bool:
    """A cut that takes the whole price, or a special price not below it."""
    return rule.kind in (Kind.CUT, Kind.SPECIAL) and rule.a >= unit_price_fen


class PricedLine(Protocol):
    @property
    def line_no(self) -> int: ...

    @property
    def quantity(self) -> int: ...

    @property
    def list_price_fen(self) -> int: ...

    @property
    def unit_price_fen(self) -> int: ...

    @property
    def promotion(self) -> str: ...


def _half_up(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator rounded half up, for non-negative numbers."""
    return (2 * numerator + denominator) // (2 * denominator)


def _per_line(rule: Rule, quantity: int, unit_fen: int) -> int:
    if rule.kind is Kind.SECOND_HALF:
        return (quantity // 2) * (unit_fen - _half_up(unit_fen, 2))
    if rule.kind is Kind.BUY_GET_ONE:
        return (quantity // (rule.a + 1)) * unit_fen
    if rule.kind is Kind.CUT:
        return quantity * min(rule.a, unit_fen)
    if rule.kind is Kind.SPECIAL:
        return quantity * max(unit_fen - rule.a, 0)
    return 0


def share(total: int, weights: Sequence[int]) -> list[int]:
    """`total` fen split in proportion to `weights` (largest remainder, ties
    to the earlier): the shares add up to `total` exactly."""
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    exact = [total * w for w in weights]
    shares = [e // whole for e in exact]
    left = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] % whole), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def line_promotions(lines: Iterable[PricedLine]) -> dict[int, int]:
    """Each line's promotion, in fen off its quantity × unit price, keyed by
    line number (0 for a line with none)."""
    off: dict[int, int] = {}
    pools: dict[Rule, list[PricedLine]] = defaultdict(list)
    for line in lines:
        off[line.line_no] = 0
        rule = rule_of(line.promotion)
        if rule is None or line.unit_price_fen != line.list_price_fen:
            continue
        if rule.kind is Kind.SPEND_SAVE:
            pools[rule].append(line)
        else:
            off[line.line_no] = _per_line(rule, line.quantity, line.unit_price_fen)
    for rule, pooled in pools.items():
        amounts = [l.quantity * l.unit_price_fen for l in pooled]
        if sum(amounts) >= rule.a:
            for line, part in zip(pooled, share(rule.b, amounts), strict=True):
                off[line.line_no] = part
    return off


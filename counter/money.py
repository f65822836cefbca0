"""Money: the one place amounts are checked, converted, rounded and written.

Amounts are `Decimal` yuan in Python and integer fen (1 yuan = 100 fen) in the
store. Floats are refused everywhere with TypeError: a float cannot hold 0.10
exactly, so letting one in would make slips and invoices disagree by a fen.
Plain ints are accepted as whole yuan; bools are not.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from counter.errors import BadInput
from counter.i18n import _

FEN = Decimal("0.01")
MAX_AMOUNT = Decimal("99999999.99")  # the largest slip, line or invoice total
MAX_FEN = 9_999_999_999  # MAX_AMOUNT in fen


class MoneyError(BadInput):
    """An amount that cannot be used; `str(e)` says what is wrong and what to do."""


def _decimal(value: object, what: str = "amount") -> Decimal:
    """`value` as a finite Decimal; TypeError for floats, bools and non-numbers."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(_("Not a number: {amount}. Type digits, e.g. 1280.50").format(amount=value))
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"{what} must be a Decimal or int, not {type(value).__name__}")


def _within_fen(amount: Decimal) -> bool:
    """No non-zero digit below the fen (read from the digits, so exact at any size)."""
    _, digits, exponent = amount.as_tuple()
    below = -exponent - 2
    return below <= 0 or not any(digits[-below:])


def _exact(value: object) -> Decimal:
    """A finite amount of at most MAX_AMOUNT (either sign) to the fen, quantized."""
    amount = _decimal(value)
    if abs(amount) > MAX_AMOUNT:
        raise MoneyError(_("Amount too large: {amount}. The most allowed is {max}.").format(
            amount=amount, max=fmt(MAX_AMOUNT)))
    if not _within_fen(amount):
        raise MoneyError(_("Amount has more than 2 decimal places: {amount}. Round it to 0.01.")
                         .format(amount=amount))
    return amount.quantize(FEN) + 0  # "+ 0" turns -0.00 into 0.00


def _checked(value: object) -> Decimal:
    """An amount a slip may hold: 0 <= amount <= MAX_AMOUNT, to the fen."""
    amount = _decimal(value)
    if amount < 0:
        raise MoneyError(_("Amount must not be negative: {amount}").format(amount=amount))
    return _exact(amount)


def to_fen(amount: Decimal) -> int:
    """The exact number of fen in `amount` (never rounds)."""
    return int(_checked(amount).scaleb(2))


def from_fen(fen: int) -> Decimal:
    """`fen` as yuan with exactly two decimal places."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"fen must be an int, not {type(fen).__name__}")
    return Decimal(f"{fen}E-2")  # built from text, so exact whatever the context precision


# Full-width forms (what a Chinese IME types) to their ASCII twins; ￥ to ¥.
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: " ", 0xFFE5: "¥"}
# Digits with optional well-formed thousands commas, then an optional fraction.
_AMOUNT_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?", re.ASCII)


def parse_amount(text: str) -> Decimal:
    """What a person typed in a price or cash field, as a checked amount.

    Accepts "1280.5", "1,280.50", "¥1,280.50", "￥12", " 12 " and full-width
    digits. Refuses empty text, a minus sign, letters, badly placed commas,
    more than 2 decimal places and amounts over MAX_AMOUNT.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    cleaned = text.translate(_HALF_WIDTH).strip().removeprefix("¥").strip()
    if not cleaned:
        raise MoneyError(_("Enter an amount, e.g. 1280.50"))
    if cleaned.startswith("-"):
        raise MoneyError(_("Amount must not be negative: {amount}").format(amount=text.strip()))
    match = _AMOUNT_RE.fullmatch(cleaned)
    if match is None or not (match[1] or match[2]):
        raise MoneyError(_("Not an amount: {text}. Type digits, e.g. 1280.50").format(text=text.strip()))
    return _checked(Decimal(match[1].replace(",", "") + "." + (match[2] or "")))


def line_amount(quantity: int, unit_price: Decimal) -> Decimal:
    """Quantity × unit price, exactly (computed in fen, so no precision limit bites)."""
    return from_fen(line_amount_fen(quantity, to_fen(unit_price)))


def line_amount_fen(quantity: int, unit_price_fen: int) -> int:
    """line_amount in fen, for prices already in fen (a slip's lines): the
    same checks without the trip through Decimal."""
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        raise TypeError(f"quantity must be an int, not {type(quantity).__name__}")
    if quantity < 1:
        raise MoneyError(_("Quantity must be at least 1: {quantity}").format(quantity=quantity))
    if not isinstance(unit_price_fen, int) or isinstance(unit_price_fen, bool):
        raise TypeError(f"unit_price_fen must be an int, not {type(unit_price_fen).__name__}")
    if unit_price_fen < 0:
        raise MoneyError(_("Amount must not be negative: {amount}").format(amount=from_fen(unit_price_fen)))
    fen = quantity * unit_price_fen
    if fen > MAX_FEN:
        raise MoneyError(_("Line amount too large: {quantity} × {price}. The most allowed is {max}.").format(
            quantity=quantity, price=fmt(from_fen(unit_price_fen)), max=fmt(MAX_AMOUNT)))
    return fen


def round_fen(amount: Decimal) -> Decimal:
    """THE rounding rule: half up (0.005 → 0.01) to the fen. Use nothing else."""
    value = _decimal(amount)
    if abs(value) > MAX_AMOUNT:
        raise MoneyError(_("Amount too large: {amount}. The most allowed is {max}.").format(
            amount=value, max=fmt(MAX_AMOUNT)))
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def apply_discount(unit_price: Decimal, percent_off: Decimal) -> Decimal:
    """The real unit price after `percent_off` % off (0..100), rounded by round_fen."""
    price = _checked(unit_price)
    percent = _decimal(percent_off, "percent_off")
    if not 0 <= percent <= 100:
        raise MoneyError(_("Discount must be from 0 to 100 percent: {percent}").format(percent=percent))
    keep = 100 - percent
    with localcontext() as ctx:
        # Enough digits for the exact product, so the only rounding is round_fen's.
        ctx.prec = len(price.as_tuple().digits) + len(keep.as_tuple().digits)
        exact = (price * keep).scaleb(-2)
    return round_fen(exact)


def fmt(amount: Decimal) -> str:
    """`¥1,280.50`: yen sign U+00A5, thousands commas, always two decimals.

    Not limited to MAX_AMOUNT and may be negative (`-¥5.00`), so day totals
    and drawer differences print too; more than 2 decimals is refused.
    """
    value = _decimal(amount)
    if not _within_fen(value):
        raise MoneyError(_("Amount has more than 2 decimal places: {amount}. Round it to 0.01.")
                         .format(amount=value))
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")


def _group_capitals(group: int) -> str:
    """One 4-digit group (1..9999) without leading 零; one 零 per inner zero run."""
    out, zero_run = [], False
    for place in range(3, -1, -1):
        digit = group // 10**place % 10
        if digit == 0:
            zero_run = bool(out)
        else:
            if zero_run:
                out.append("零")
                zero_run = False
            out.append(_DIGITS[digit] + _UNITS[place])
    return "".join(out)


def _yuan_capitals(yuan: int) -> str:
    groups = []
    while yuan:
        yuan, group = divmod(yuan, 10000)
        groups.append(group)
    out, zero_pending = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        # A run of zeros reaching into this group's 仟 place needs one 零;
        # zeros only at the end of the group above (万 place 0, 仟 place
        # non-zero: 壹拾万柒仟) are absorbed by the group unit.
        if out and (zero_pending or group < 1000):
            out += "零"
        out += _group_capitals(group) + _GROUPS[index]
        zero_pending = False
    return out


def capitals(amount: Decimal) -> str:
    """The amount in Chinese capitals (大写), following the PBOC writing rules.

    Rules chosen where the PBOC rules leave a choice:
    - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, groups 万 亿, then 元 角 分;
      10–19 are written 壹拾…;
    - one 零 stands for a run of zeros between non-zero digits, also across
      the 万 boundary when the run reaches the 仟 place (1000001 → 壹佰万零壹元整,
      10010 → 壹万零壹拾元整); a run ending at the 万 place before a non-zero
      仟 gets no 零 (107000.53 → 壹拾万柒仟元伍角叁分);
    - a 0 in the 元 place before a non-zero 角 gets no 零 (1000.25 → 壹仟元贰角伍分);
    - a 0 in the 角 place between yuan and a non-zero 分 gets 零 (1.05 → 壹元零伍分);
    - under one yuan starts at the 角 or 分 (0.50 → 伍角整, 0.05 → 伍分);
      zero is 零元整;
    - 整 ends the amount exactly when there are no 分.
    """
    fen_total = to_fen(amount)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if fen_total == 0:
        return "零元整"
    out = _yuan_capitals(yuan) + "元" if yuan else ""
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan and fen:
        out += "零"
    return out + (_DIGITS[fen] + "分" if fen else "整")


def fmt_capitals(amount: Decimal) -> str:
    """`⊗壹仟贰佰捌拾元伍角整`: capitals as printed on slips and invoices."""
    return "⊗" + capitals(amount)

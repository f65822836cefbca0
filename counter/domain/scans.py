"""What a scanned code is, from its characters alone: goods (EAN-13, EAN-8,
UPC-A with a correct check digit), a slip number, a WeChat Pay or Alipay
payment code, or anything else (Code 128 text such as a serial number).

Payment codes come first: they are long digit runs that can never be goods
(18 digits, or 16–24), and a digit run that fails its check digit is not
goods, so a misread barcode never adds the wrong product."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ScanKind(StrEnum):
    GOODS = "goods"
    SLIP = "slip"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    OTHER = "other"


# Digits -> the goods symbology with that length.
GOODS_LENGTHS = {13: "EAN-13", 8: "EAN-8", 12: "UPC-A"}


@dataclass(frozen=True)
class Scan:
    kind: ScanKind
    code: str
    symbology: str = ""  # for goods: EAN-13, EAN-8 or UPC-A

    @property
    def payment(self) -> bool:
        return self.kind in (ScanKind.WECHAT, ScanKind.ALIPAY)


def check_digit(payload: str) -> int:
    """The GS1 check digit of `payload` (the code without its last digit):
    weights 3, 1, 3, … from the right, the digit that makes the sum a
    multiple of ten. The same rule serves EAN-13, EAN-8 and UPC-A."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


def is_goods_code(code: str) -> bool:
    return (
        len(code) in GOODS_LENGTHS
        and code.isascii()
        and code.isdigit()
        and check_digit(code[:-1]) == int(code[-1])
    )


def classify(code: str, *, slip_pattern: re.Pattern[str] | str) -> Scan:
    """The kind of `code`; `slip_pattern` is the shop's slip number as
    scanned (the store owns its format)."""
    code = code.strip()
    digits = code.isascii() and code.isdigit()
    if digits and len(code) == 18 and 10 <= int(code[:2]) <= 15:
        return Scan(ScanKind.WECHAT, code)
    if digits and 16 <= len(code) <= 24 and 25 <= int(code[:2]) <= 30:
        return Scan(ScanKind.ALIPAY, code)
    if is_goods_code(code):
        return Scan(ScanKind.GOODS, code, GOODS_LENGTHS[len(code)])
    if code and re.fullmatch(slip_pattern, code):
        return Scan(ScanKind.SLIP, code)
    return Scan(ScanKind.OTHER, code)

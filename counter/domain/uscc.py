"""The unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters: registration authority (1), organisation type (1),
administrative division (6 digits), organisation code (9), check character (1).
The check character is 31 − (Σ value × weight mod 31), from the 31-character
set below (no I, O, Z, S, V), with weights 3^i mod 31.
"""

from __future__ import annotations

from enum import StrEnum

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Registration authorities and, for each, the organisation types they register.
AUTHORITIES = {
    "1": "139",  # 机构编制
    "5": "1239",  # 民政
    "9": "123",  # 工商: 企业, 个体工商户, 农民专业合作社
    "Y": "1",  # 其他
    "2": "19",  # 外交
    "3": "1234589",  # 司法行政
    "4": "1239",  # 文化
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业
}


class UsccProblem(StrEnum):
    LENGTH = "length"  # not 18 characters
    CHARACTER = "character"  # a character outside the code's set
    AUTHORITY = "authority"  # first two characters name no registration authority
    DIVISION = "division"  # characters 3–8 are not a six-digit division code
    CHECK = "check"  # the check character does not match


def normalise(code: str) -> str:
    """What a person or a scanner typed, as the code is written: upper case, no spaces."""
    return "".join(code.split()).upper()


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> UsccProblem | None:
    """Why `code` (normalised) is not a unified social credit code, or None."""
    if len(code) != 18:
        return UsccProblem.LENGTH
    if any(c not in CHARSET for c in code):
        return UsccProblem.CHARACTER
    if code[1] not in AUTHORITIES.get(code[0], ""):
        return UsccProblem.AUTHORITY
    if not code[2:8].isdigit():
        return UsccProblem.DIVISION
    if check_character(code[:17]) != code[17]:
        return UsccProblem.CHECK
    return None

"""The scan router's classification: real-format codes, and the check digit
as a property (a valid code is goods; one digit changed never is)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.scans import ScanKind, check_digit, classify
from counter.services.slips import SCAN_PATTERN, barcode_text


def kind(code: str) -> ScanKind:
    return classify(code, slip_pattern=SCAN_PATTERN).kind


@pytest.mark.parametrize(
    ("code", "expected", "symbology"),
    [
        # Goods: published examples with their check digits.
        ("6901234567892", ScanKind.GOODS, "EAN-13"),  # GS1 China example
        ("4006381333931", ScanKind.GOODS, "EAN-13"),  # the Wikipedia EAN-13 example
        ("6920152400111", ScanKind.GOODS, "EAN-13"),
        ("96385074", ScanKind.GOODS, "EAN-8"),  # the Wikipedia EAN-8 example
        ("73513537", ScanKind.GOODS, "EAN-8"),
        ("036000291452", ScanKind.GOODS, "UPC-A"),  # the Wikipedia UPC-A example
        ("012345678905", ScanKind.GOODS, "UPC-A"),
        # A wrong check digit is never goods.
        ("6901234567893", ScanKind.OTHER, ""),
        ("4006381333930", ScanKind.OTHER, ""),
        ("96385075", ScanKind.OTHER, ""),
        ("036000291453", ScanKind.OTHER, ""),
        # Slip numbers: the printed barcode ("S" + number), and the six figures.
        ("S000123", ScanKind.SLIP, ""),
        (barcode_text("004711"), ScanKind.SLIP, ""),
        ("S1000000", ScanKind.SLIP, ""),
        ("000123", ScanKind.SLIP, ""),
        # WeChat Pay: 18 digits, 10–15 first.
        ("134567890123456789", ScanKind.WECHAT, ""),
        ("101234567890123456", ScanKind.WECHAT, ""),
        ("151234567890123456", ScanKind.WECHAT, ""),
        # Alipay: 16–24 digits, 25–30 first.
        ("2851234567890123", ScanKind.ALIPAY, ""),
        ("286123456789012345", ScanKind.ALIPAY, ""),
        ("301234567890123456789012", ScanKind.ALIPAY, ""),
        ("25123456789012345678", ScanKind.ALIPAY, ""),
        # Neither: the prefix or the length is wrong.
        ("164567890123456789", ScanKind.OTHER, ""),  # 18 digits, 16 first
        ("13456789012345678", ScanKind.OTHER, ""),  # 17 digits, WeChat prefix
        ("285123456789012", ScanKind.OTHER, ""),  # 15 digits
        ("3012345678901234567890123", ScanKind.OTHER, ""),  # 25 digits
        ("311234567890123456", ScanKind.OTHER, ""),  # 31 first
        # Code 128 text: serial numbers at hand-over.
        ("SN2024HAIER0001", ScanKind.OTHER, ""),
        ("BCD-215STPA-20240311-0042", ScanKind.OTHER, ""),
        ("1234567", ScanKind.OTHER, ""),
        ("", ScanKind.OTHER, ""),
    ],
)
def test_real_format_codes(code: str, expected: ScanKind, symbology: str) -> None:
    scan = classify(code, slip_pattern=SCAN_PATTERN)
    assert scan.kind == expected
    assert scan.symbology == symbology
    assert scan.code == code


def test_a_payment_code_is_a_payment() -> None:
    assert classify("134567890123456789", slip_pattern=SCAN_PATTERN).payment
    assert not classify("6901234567892", slip_pattern=SCAN_PATTERN).payment


def test_the_slip_pattern_is_the_callers() -> None:
    assert kind("000123") == ScanKind.SLIP
    assert classify("000123", slip_pattern=r"X\d+").kind == ScanKind.OTHER


def test_surrounding_blanks_are_not_part_of_the_code() -> None:
    assert classify(" 6901234567892\n", slip_pattern=SCAN_PATTERN).code == "6901234567892"


payloads = st.sampled_from([12, 7, 11]).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))


@given(payloads)
def test_a_code_with_its_computed_check_digit_is_goods(payload: str) -> None:
    code = payload + str(check_digit(payload))
    scan = classify(code, slip_pattern=SCAN_PATTERN)
    assert scan.kind == ScanKind.GOODS
    assert scan.symbology == {13: "EAN-13", 8: "EAN-8", 12: "UPC-A"}[len(code)]


@given(payloads, st.data())
def test_one_digit_changed_is_never_goods(payload: str, data) -> None:
    code = payload + str(check_digit(payload))
    at = data.draw(st.integers(0, len(code) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != code[at]]))
    changed = code[:at] + digit + code[at + 1 :]
    assert classify(changed, slip_pattern=SCAN_PATTERN).kind != ScanKind.GOODS

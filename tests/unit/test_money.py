"""counter.money: exact amounts, one rounding rule, ¥ figures and 大写 capitals."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from counter import i18n
from counter.errors import BadInput
from counter.money import (
    FEN,
    MAX_AMOUNT,
    MoneyError,
    apply_discount,
    capitals,
    fmt,
    fmt_capitals,
    from_fen,
    line_amount,
    line_amount_fen,
    parse_amount,
    round_fen,
    to_fen,
)

MAX_FEN = 9_999_999_999
fen_amounts = st.integers(0, MAX_FEN)
# Random integers seldom have runs of zeros, where the 零 rules live; build
# 10-digit fen values from mostly zeros as well.
zero_heavy_fen = st.lists(st.sampled_from([0, 0, 0, 1, 5, 9]), min_size=10, max_size=10).map(
    lambda digits: int("".join(map(str, digits))))
any_amount = st.one_of(fen_amounts, zero_heavy_fen).map(from_fen)


@pytest.fixture(autouse=True)
def english_messages():
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


# --- constants and the error type ---------------------------------------------

def test_constants():
    assert FEN == D("0.01")
    assert MAX_AMOUNT == D("99999999.99")
    assert to_fen(MAX_AMOUNT) == MAX_FEN


def test_money_error_is_bad_input_and_value_error():
    assert issubclass(MoneyError, BadInput)
    assert issubclass(MoneyError, ValueError)


# --- floats never get in ----------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: to_fen(1.5),
    lambda: from_fen(150.0),
    lambda: parse_amount(1.5),
    lambda: line_amount(2.0, D("1.00")),
    lambda: line_amount(2, 1.5),
    lambda: round_fen(1.005),
    lambda: apply_discount(1.5, D("10")),
    lambda: apply_discount(D("1.50"), 10.0),
    lambda: fmt(1.5),
    lambda: capitals(1.5),
    lambda: fmt_capitals(1.5),
], ids=["to_fen", "from_fen", "parse_amount", "line_qty", "line_price", "round_fen",
        "discount_price", "discount_percent", "fmt", "capitals", "fmt_capitals"])
def test_float_input_raises_type_error(call):
    with pytest.raises(TypeError):
        call()


@given(st.floats())
def test_any_float_raises_type_error(value):
    with pytest.raises(TypeError):
        to_fen(value)


@pytest.mark.parametrize("call", [
    lambda: line_amount(True, D("1.00")),
    lambda: from_fen(True),
    lambda: to_fen(True),
    lambda: to_fen("1.00"),
])
def test_bools_and_strings_are_not_amounts(call):
    with pytest.raises(TypeError):
        call()


# --- to_fen / from_fen: exact conversion -------------------------------------------

@pytest.mark.parametrize("amount, fen", [
    (D("0"), 0),
    (D("0.01"), 1),
    (D("1280.50"), 128050),
    (D("1280.5"), 128050),
    (D("1.230"), 123),  # extra zeros below the fen lose nothing
    (D("-0"), 0),
    (12, 1200),
    (MAX_AMOUNT, MAX_FEN),
])
def test_to_fen_is_exact(amount, fen):
    assert to_fen(amount) == fen


@pytest.mark.parametrize("amount", [
    D("1.005"), D("0.001"), D("-0.01"), D("-1"), D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity"),
    D("100000000.00"), D("1E+30"),
])
def test_to_fen_rejects_sub_fen_negative_non_finite_and_too_large(amount):
    with pytest.raises(MoneyError):
        to_fen(amount)


@pytest.mark.parametrize("fen, text", [(0, "0.00"), (5, "0.05"), (128050, "1280.50"), (MAX_FEN, "99999999.99")])
def test_from_fen_has_two_decimal_places(fen, text):
    assert str(from_fen(fen)) == text


@given(fen_amounts)
def test_fen_round_trip(fen):
    amount = from_fen(fen)
    assert amount.as_tuple().exponent == -2
    assert to_fen(amount) == fen
    assert from_fen(to_fen(amount)) == amount


# --- parse_amount: what people type ----------------------------------------------

@pytest.mark.parametrize("text, amount", [
    ("1280.5", D("1280.50")),
    ("1,280.50", D("1280.50")),
    ("¥1,280.50", D("1280.50")),
    ("￥12", D("12.00")),
    (" 12 ", D("12.00")),
    ("１２３", D("123.00")),
    ("１，２８０．５", D("1280.50")),
    ("¥ 12", D("12.00")),
    ("0", D("0.00")),
    (".5", D("0.50")),
    ("12.", D("12.00")),
    ("1,234,567.89", D("1234567.89")),
    ("99999999.99", MAX_AMOUNT),
])
def test_parse_amount_accepts_typed_amounts(text, amount):
    parsed = parse_amount(text)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2


@pytest.mark.parametrize("text, problem", [
    ("", "Enter an amount"),
    ("   ", "Enter an amount"),
    ("¥", "Enter an amount"),
    ("-5", "negative"),
    ("¥-5", "negative"),
    ("－５", "negative"),
    ("1.005", "2 decimal places"),
    ("12abc", "Not an amount"),
    ("abc", "Not an amount"),
    ("1e5", "Not an amount"),
    ("NaN", "Not an amount"),
    ("1,28", "Not an amount"),
    ("1.2.3", "Not an amount"),
    (".", "Not an amount"),
    ("١٢٣", "Not an amount"),  # Arabic-Indic digits: Decimal() would take them, we don't
    ("100000000", "too large"),
    ("99999999.999", "too large"),
])
def test_parse_amount_rejects_with_message_naming_problem(text, problem):
    with pytest.raises(MoneyError, match=problem):
        parse_amount(text)


@given(any_amount)
def test_parse_amount_reads_back_fmt(amount):
    assert parse_amount(fmt(amount)) == amount


@given(st.one_of(st.text(), st.from_regex(r"[¥￥ ]?[-0-9,.１２，．]{0,14}", fullmatch=True)))
@example("9" * 5000)
@example("0." + "0" * 5000 + "1")
def test_parse_amount_garbage_gives_amount_or_money_error(text):
    try:
        amount = parse_amount(text)
    except MoneyError as error:
        assert str(error)
    else:
        assert D(0) <= amount <= MAX_AMOUNT
        assert amount.as_tuple().exponent == -2


# --- line_amount: quantity × unit price, exactly -------------------------------------

@pytest.mark.parametrize("quantity, price, amount", [
    (1, D("1280.50"), D("1280.50")),
    (3, D("19.99"), D("59.97")),
    (7, D("0.10"), D("0.70")),
    (1, MAX_AMOUNT, MAX_AMOUNT),
    (9_999_999_999, D("0.01"), MAX_AMOUNT),
    (5, D("0"), D("0.00")),
])
def test_line_amount_is_exact_product(quantity, price, amount):
    assert line_amount(quantity, price) == amount


@pytest.mark.parametrize("quantity, price", [
    (2, MAX_AMOUNT), (10_000_000_000, D("0.01")), (0, D("1")), (-1, D("1")), (1, D("-1")), (1, D("1.001")),
])
def test_line_amount_rejects_bad_quantity_price_or_total_over_max(quantity, price):
    with pytest.raises(MoneyError):
        line_amount(quantity, price)


@given(st.integers(1, 10**12), fen_amounts)
def test_line_amount_equals_exact_decimal_product(quantity, price_fen):
    price = from_fen(price_fen)
    if quantity * price_fen > MAX_FEN:
        with pytest.raises(MoneyError, match="too large"):
            line_amount(quantity, price)
    else:
        amount = line_amount(quantity, price)
        assert Fraction(amount) == quantity * Fraction(price)
        assert to_fen(amount) == quantity * to_fen(price)


@given(st.integers(-3, 10**12), st.integers(-10**3, 10**10))
def test_line_amount_in_fen_agrees_with_the_decimal_one(quantity, price_fen):
    """The sale's fen-only path (a slip line's price is already in fen) keeps
    every check of line_amount."""
    if price_fen < 0:
        with pytest.raises(MoneyError):
            line_amount_fen(quantity, price_fen)
        return
    try:
        expected = to_fen(line_amount(quantity, from_fen(price_fen)))
    except MoneyError:
        with pytest.raises(MoneyError):
            line_amount_fen(quantity, price_fen)
    else:
        assert line_amount_fen(quantity, price_fen) == expected


@pytest.mark.parametrize("quantity, price_fen", [(True, 100), (2, D("1.00")), (2, 1.0)])
def test_line_amount_in_fen_takes_whole_fen_only(quantity, price_fen):
    with pytest.raises(TypeError):
        line_amount_fen(quantity, price_fen)


# --- round_fen / apply_discount: the one rounding rule ------------------------------

@pytest.mark.parametrize("amount, rounded", [
    (D("0.005"), D("0.01")),
    (D("0.0049999"), D("0.00")),
    (D("2.675"), D("2.68")),  # the classic float trap
    (D("1.025"), D("1.03")),  # half up, not banker's (which gives 1.02)
    (D("1.035"), D("1.04")),
    (D("12"), D("12.00")),
    (D("-0.005"), D("-0.01")),  # half away from zero
])
def test_round_fen_rounds_half_up(amount, rounded):
    result = round_fen(amount)
    assert result == rounded
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize("amount", [D("NaN"), D("Infinity"), D("1E+40")])
def test_round_fen_rejects_non_finite_and_too_large(amount):
    with pytest.raises(MoneyError):
        round_fen(amount)


@pytest.mark.parametrize("price, percent, real", [
    (D("100"), D("15"), D("85.00")),
    (D("99.99"), D("15"), D("84.99")),  # 84.9915
    (D("10.05"), D("10"), D("9.05")),  # 9.045 rounds half up
    (D("0.01"), D("50"), D("0.01")),  # 0.005 rounds half up
    (D("1280.50"), D("0"), D("1280.50")),
    (D("1280.50"), D("100"), D("0.00")),
    (D("3.00"), D("33.3333333333333333333333333333333"), D("2.00")),
    (MAX_AMOUNT, D("12.5"), D("87499999.99")),  # 87499999.99125
])
def test_apply_discount_gives_real_unit_price_rounded_by_round_fen(price, percent, real):
    assert apply_discount(price, percent) == real


@pytest.mark.parametrize("price, percent", [(D("10"), D("-1")), (D("10"), D("100.01")), (D("-10"), D("5")),
                                            (D("10"), D("NaN"))])
def test_apply_discount_rejects_percent_outside_0_to_100_and_bad_price(price, percent):
    with pytest.raises(MoneyError):
        apply_discount(price, percent)


@given(fen_amounts, st.decimals(0, 100, places=8))
@example(1, D("50"))
@example(MAX_FEN, D("0.00000001"))
def test_apply_discount_matches_exact_half_up_of_exact_product(price_fen, percent):
    exact_fen = price_fen * (100 - Fraction(percent)) / 100
    expected_fen = int(exact_fen + Fraction(1, 2))  # floor(x + ½): half up for x >= 0
    assert to_fen(apply_discount(from_fen(price_fen), percent)) == expected_fen


# --- fmt: figures -----------------------------------------------------------------

@pytest.mark.parametrize("amount, text", [
    (D("1280.50"), "¥1,280.50"),
    (D("1280.5"), "¥1,280.50"),
    (D("0"), "¥0.00"),
    (D("-0.00"), "¥0.00"),
    (D("12"), "¥12.00"),
    (1000, "¥1,000.00"),
    (D("999.99"), "¥999.99"),
    (MAX_AMOUNT, "¥99,999,999.99"),
    (D("-5"), "-¥5.00"),  # drawer shortfalls print too
])
def test_fmt_yen_sign_commas_two_decimals(amount, text):
    assert fmt(amount) == text


def test_fmt_uses_ascii_range_yen_sign():
    assert fmt(D("1"))[0] == "\u00a5"


def test_fmt_rejects_sub_fen_amounts():
    with pytest.raises(MoneyError, match="2 decimal places"):
        fmt(D("1.001"))


# --- capitals: 大写 ----------------------------------------------------------------

CAPITALS_EXAMPLES = [
    ("1280.50", "壹仟贰佰捌拾元伍角整"),
    ("10", "壹拾元整"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("0.05", "伍分"),
    ("0.50", "伍角整"),
    ("0", "零元整"),
    ("1.05", "壹元零伍分"),
    ("100.10", "壹佰元壹角整"),
    ("20000000.00", "贰仟万元整"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),
    ("100000.00", "壹拾万元整"),
    ("1000001", "壹佰万零壹元整"),
    ("10010", "壹万零壹拾元整"),
    ("1000.25", "壹仟元贰角伍分"),
    ("1010.05", "壹仟零壹拾元零伍分"),
    ("15", "壹拾伍元整"),
    ("0.55", "伍角伍分"),
    ("10000.01", "壹万元零壹分"),
    ("1000100", "壹佰万零壹佰元整"),
    ("1001000", "壹佰万壹仟元整"),
    ("99999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize("amount, text", CAPITALS_EXAMPLES)
def test_capitals_follow_pboc_rules(amount, text):
    assert capitals(D(amount)) == text


def test_fmt_capitals_prefixes_cross_sign():
    assert fmt_capitals(D("1280.50")) == "⊗壹仟贰佰捌拾元伍角整"


@pytest.mark.parametrize("amount", [D("-0.01"), D("100000000"), D("1.001"), D("NaN")])
def test_capitals_rejects_negative_too_large_and_sub_fen(amount):
    with pytest.raises(MoneyError):
        capitals(amount)


_DIGIT_VALUES = {c: n for n, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_PLACE_VALUES = {"拾": 10, "佰": 100, "仟": 1000}
_GROUP_VALUES = {"万": 10**4, "亿": 10**8}
ALLOWED_CAPITALS = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


def decode_capitals(text: str) -> D:
    """Reads 大写 back into an amount, written apart from counter.money on purpose."""
    body = text.removesuffix("整")
    yuan_text, _, small_text = body.rpartition("元")
    total = section = digit = 0
    for char in yuan_text:
        if char in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[char]
        elif char in _PLACE_VALUES:
            section += digit * _PLACE_VALUES[char]
            digit = 0
        else:
            total += (section + digit) * _GROUP_VALUES[char]
            section = digit = 0
    fen = (total + section + digit) * 100
    for value_char, unit in zip(small_text.replace("零", "")[::2], small_text.replace("零", "")[1::2], strict=True):
        fen += _DIGIT_VALUES[value_char] * {"角": 10, "分": 1}[unit]
    return from_fen(fen)


@pytest.mark.parametrize("amount, text", CAPITALS_EXAMPLES)
def test_decoder_reads_the_examples(amount, text):
    assert decode_capitals(text) == D(amount)


@given(any_amount)
@example(D("0"))
@example(MAX_AMOUNT)
def test_capitals_decode_back_to_the_amount(amount):
    assert decode_capitals(capitals(amount)) == amount


def test_capitals_decode_back_for_every_yuan_to_twenty_thousand():
    for yuan in range(20_001):
        amount = D(yuan)
        assert decode_capitals(capitals(amount)) == amount, amount


@given(any_amount)
def test_capitals_use_only_allowed_characters(amount):
    assert set(capitals(amount)) <= ALLOWED_CAPITALS


@given(any_amount)
def test_capitals_never_have_two_adjacent_zeros(amount):
    assert "零零" not in capitals(amount)


@given(any_amount)
def test_capitals_start_with_zero_only_for_zero(amount):
    assert capitals(amount).startswith("零") == (amount == 0)


@given(any_amount)
def test_capitals_zero_always_precedes_a_nonzero_digit(amount):
    text = capitals(amount)
    if amount != 0:
        for index, char in enumerate(text):
            if char == "零":
                assert text[index + 1] in "壹贰叁肆伍陆柒捌玖", text


@given(any_amount)
def test_capitals_end_with_zheng_iff_no_fen(amount):
    assert capitals(amount).endswith("整") == (to_fen(amount) % 10 == 0)


@given(any_amount)
def test_fmt_capitals_is_cross_plus_capitals(amount):
    assert fmt_capitals(amount) == "⊗" + capitals(amount)

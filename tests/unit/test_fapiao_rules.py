"""The e-fapiao's pure rules: the taxpayer number's check character, the
tax split, the lines a request carries and the states it moves through."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain import uscc
from counter.domain.fapiao import NEXT, SoldLine, State, can_move, invoice_lines, number_problem, totals
from counter.domain.vat import INVOICE_TOLERANCE_FEN, RATES_BP, rate, split

# Published codes: GB 32100-2015's own example, and codes printed on large
# companies' public business licences.
VALID = ["91350100M000100Y43", "91110108551385082Q", "91440300708461136T", "91330100799655058B", "914403001922038216"]
INVALID = [
    ("91350100M000100Y4", uscc.UsccProblem.LENGTH),
    ("91350100M000100Y430", uscc.UsccProblem.LENGTH),
    ("91350100M000100Y4I", uscc.UsccProblem.CHARACTER),  # I is not in the set
    ("91350100M0001O0Y43", uscc.UsccProblem.CHARACTER),  # O neither
    ("Z1350100M000100Y43", uscc.UsccProblem.CHARACTER),
    ("94350100M000100Y43", uscc.UsccProblem.AUTHORITY),  # 工商 registers types 1–3 only
    ("913501A0M000100Y43", uscc.UsccProblem.DIVISION),
    ("91350100M000100Y44", uscc.UsccProblem.CHECK),
    ("91110108551385082R", uscc.UsccProblem.CHECK),
    ("91440300708461163T", uscc.UsccProblem.CHECK),  # two digits swapped
]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_pass(code):
    assert uscc.problem(code) is None


@pytest.mark.parametrize(("code", "why"), INVALID)
def test_wrong_codes_are_refused_with_the_reason(code, why):
    assert uscc.problem(code) == why


def test_a_code_typed_in_lower_case_with_spaces_is_read_as_written():
    assert uscc.normalise(" 91350100m000100y43 ") == "91350100M000100Y43"


body = st.tuples(
    st.sampled_from("9"), st.sampled_from("123"), st.text("0123456789", min_size=6, max_size=6),
    st.text(uscc.CHARSET, min_size=9, max_size=9),
).map("".join)


@given(body)
def test_any_body_with_its_computed_check_character_passes(first17):
    assert uscc.problem(first17 + uscc.check_character(first17)) is None


@given(body, st.integers(0, 16), st.sampled_from(uscc.CHARSET))
def test_changing_one_character_is_always_caught(first17, at, new):
    code = first17 + uscc.check_character(first17)
    changed = code[:at] + new + code[at + 1 :]
    if changed != code:
        assert uscc.problem(changed) is not None


amounts = st.integers(-10_000_000_00, 10_000_000_00)


@given(amounts, st.sampled_from(RATES_BP))
def test_net_and_tax_add_up_to_the_amount_and_the_tax_is_the_rounded_exact_tax(amount, bp):
    s = split(amount, bp)
    assert s.net_fen + s.tax_fen == amount
    exact = Decimal(amount) * rate(bp) / (1 + rate(bp))
    assert abs(Decimal(s.tax_fen) - exact) <= Decimal("0.5")
    # The platform's line check: net × rate against the tax, within 6 fen; ours within 1.
    assert abs(Decimal(s.net_fen) * rate(bp) - s.tax_fen) < 1


@given(amounts, st.sampled_from(RATES_BP))
def test_a_red_line_mirrors_its_blue_line_to_the_fen(amount, bp):
    assert split(-amount, bp).tax_fen == -split(amount, bp).tax_fen


@given(st.lists(st.integers(1, 5_000_000_00), min_size=1, max_size=60), st.sampled_from(RATES_BP))
def test_the_lines_taxes_sum_within_half_a_fen_a_line_of_the_tax_on_the_total(amounts, bp):
    line_tax = sum(split(a, bp).tax_fen for a in amounts)
    whole = Decimal(sum(amounts)) * rate(bp) / (1 + rate(bp))
    whole_tax = int(whole.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert abs(line_tax - whole_tax) <= (len(amounts) + 1) // 2 + 1
    assert abs(line_tax - whole_tax) <= INVOICE_TOLERANCE_FEN


def test_a_known_split():
    # ¥3,299.00 at 13 %: 329900 × 0.13 / 1.13 = 37953.0973… → ¥379.53 tax, ¥2,919.47 net.
    s = split(329900, 1300)
    assert (s.net_fen, s.tax_fen) == (291947, 37953)


def sold(quantity=2, list_fen=329900, unit_fen=329900, line_id=1, promo_fen=0):
    return SoldLine(line_id, "海尔滚筒洗衣机", "家用电器", "1090416010000000000", "EG100MATE55", "台",
                    quantity, list_fen, quantity * unit_fen - promo_fen, 1300)


def test_a_discounted_line_is_written_at_list_price_with_a_discount_line_after_it():
    goods, discount = invoice_lines([sold(2, 329900, 299900)])
    assert goods.name == "*家用电器*海尔滚筒洗衣机" and not goods.discount
    assert (goods.quantity, goods.unit_price_fen, goods.amount_fen) == (2, 329900, 659800)
    assert discount.discount and discount.amount_fen == -60000 and discount.tax_code == goods.tax_code
    assert totals([goods, discount])[0] == 2 * 299900


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 900000), st.integers(0, 900000)), min_size=1, max_size=8))
def test_request_lines_always_total_what_the_customer_paid_and_red_mirrors_blue(rows):
    lines = [sold(q, lp, max(1, lp - off), i) for i, (q, lp, off) in enumerate(rows, 1)]
    paid = sum(l.paid_fen for l in lines)
    blue, red = invoice_lines(lines), invoice_lines(lines, sign=-1)
    assert totals(blue)[0] == paid
    assert totals(red) == (-totals(blue)[0], -totals(blue)[1])


def test_a_promotion_is_a_discount_line_too():
    # 第二件半价 on two at ¥199: ¥99.50 off, the customer paid ¥298.50.
    goods, discount = invoice_lines([sold(2, 19900, 19900, promo_fen=9950)])
    assert (goods.amount_fen, discount.amount_fen) == (39800, -9950)
    assert totals([goods, discount])[0] == 29850


def test_every_state_change_allowed_and_refused():
    allowed = {
        (State.REQUESTED, State.SUBMITTED), (State.REQUESTED, State.WITHDRAWN),
        (State.SUBMITTED, State.ISSUED), (State.SUBMITTED, State.REQUESTED), (State.SUBMITTED, State.WITHDRAWN),
        (State.ISSUED, State.DELIVERED),
    }
    for old in State:
        for new in State:
            assert can_move(old, new) == ((old, new) in allowed), (old, new)
    assert not NEXT[State.ISSUED] & {State.WITHDRAWN}  # an issued 数电票 is reversed, never voided


@pytest.mark.parametrize(("number", "problem"), [
    ("25442000000123456789", None), ("2544200000012345678", "length"), ("2544200000012345678X", "digits"),
])
def test_fapiao_numbers_are_twenty_digits(number, problem):
    assert number_problem(number) == problem

"""Promotions as rules (counter/domain/promotions.py): what each kind takes
off, and the sums a shop relies on."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.domain.promotions import Kind, NotARule, Rule, gives_away, line_promotions, parse, share


@dataclass(frozen=True)
class Line:
    line_no: int
    quantity: int
    list_price_fen: int
    unit_price_fen: int
    promotion: str


def line(quantity, price, promotion, line_no=1, unit=None):
    return Line(line_no, quantity, price, price if unit is None else unit, promotion)


@pytest.mark.parametrize(("text", "rule"), [
    ("第二件半价", Rule(Kind.SECOND_HALF, "第二件半价")),
    ("买二送一", Rule(Kind.BUY_GET_ONE, "买二送一", a=2)),
    ("买3送1", Rule(Kind.BUY_GET_ONE, "买3送1", a=3)),
    ("限时直降50元", Rule(Kind.CUT, "限时直降50元", a=5000)),
    ("直降99.5元", Rule(Kind.CUT, "直降99.5元", a=9950)),
    ("特价399元", Rule(Kind.SPECIAL, "特价399元", a=39900)),
    ("满199减20", Rule(Kind.SPEND_SAVE, "满199减20", a=19900, b=2000)),
    ("赠送钢化膜", Rule(Kind.GIFT, "赠送钢化膜")),
    ("免费送货上门", Rule(Kind.GIFT, "免费送货上门")),
    ("", None),
])
def test_the_kinds_a_shop_writes(text, rule):
    assert parse(text) == rule


@pytest.mark.parametrize("text", ["12期免息", "以旧换新补贴300元", "满20减199", "直降0元", "half price", "买一送一"])
def test_text_that_states_no_rule_is_refused(text):
    with pytest.raises(NotARule):
        parse(text)


def test_second_unit_at_half_price():
    # Two at ¥499: ¥249.50 off; three: still one half; four: two halves.
    assert line_promotions([line(2, 49900, "第二件半价")]) == {1: 24950}
    assert line_promotions([line(3, 49900, "第二件半价")]) == {1: 24950}
    assert line_promotions([line(4, 49900, "第二件半价")]) == {1: 49900}
    # An odd fen: the half charged is rounded up, so the promotion never gives more than half.
    assert line_promotions([line(2, 999, "第二件半价")]) == {1: 499}


def test_buy_two_get_one_free():
    assert line_promotions([line(2, 2990, "买二送一")]) == {1: 0}
    assert line_promotions([line(3, 2990, "买二送一")]) == {1: 2990}
    assert line_promotions([line(7, 2990, "买二送一")]) == {1: 5980}


def test_cut_and_special_price_per_unit():
    assert line_promotions([line(2, 39900, "限时直降50元")]) == {1: 10000}
    assert line_promotions([line(3, 59900, "特价499元")]) == {1: 30000}
    assert line_promotions([line(1, 49900, "特价599元")]) == {1: 0}  # never raises a price


def test_spend_and_save_pools_the_lines_that_carry_it_once_per_slip():
    lines = [line(1, 12900, "满199减20", 1), line(1, 9900, "满199减20", 2), line(1, 29900, "", 3)]
    off = line_promotions(lines)
    assert off[1] + off[2] == 2000 and off[3] == 0
    assert off == {1: 1132, 2: 868, 3: 0}  # by amount: 2000 × 129/228 = 1131.6, × 99/228 = 868.4
    assert line_promotions(lines[1:]) == {2: 0, 3: 0}  # ¥99 of it is not ¥199
    # Twice the threshold is still ¥20 off: 满减 here is once, not 每满.
    assert line_promotions([line(2, 19900, "满199减20")]) == {1: 2000}


def test_a_line_discounted_by_hand_gets_no_promotion():
    assert line_promotions([line(2, 49900, "第二件半价", unit=45000)]) == {1: 0}
    # ... and is not counted towards a 满减 either.
    assert line_promotions([line(1, 19900, "满199减20", 1, unit=19000), line(1, 100, "满199减20", 2)]) == {1: 0, 2: 0}


def test_gifts_and_no_promotion_take_nothing_off():
    assert line_promotions([line(3, 9900, "赠送钢化膜"), line(1, 100, "", 2), line(1, 100, "12期免息", 3)]) == {
        1: 0, 2: 0, 3: 0,
    }


def test_a_cut_that_would_give_the_goods_away_is_named():
    assert gives_away(Rule(Kind.CUT, "直降50元", a=5000), 5000)
    assert gives_away(Rule(Kind.SPECIAL, "特价50元", a=5000), 4900)
    assert not gives_away(Rule(Kind.CUT, "直降50元", a=5000), 5001)


PROMOS = st.sampled_from(["", "第二件半价", "买二送一", "买3送1", "直降50元", "特价99元", "满199减20", "满500减60", "赠送安装"])


@given(st.lists(st.tuples(st.integers(1, 50), st.integers(1, 2_000_000), PROMOS, st.booleans()), max_size=10))
def test_a_promotion_never_takes_more_than_the_line_and_never_less_than_nothing(rows):
    lines = [
        line(q, price, promo, n, unit=max(1, price - 100) if discounted else None)
        for n, (q, price, promo, discounted) in enumerate(rows, 1)
    ]
    off = line_promotions(lines)
    assert set(off) == {l.line_no for l in lines}
    for l in lines:
        assert 0 <= off[l.line_no] <= l.quantity * l.unit_price_fen
        if l.unit_price_fen != l.list_price_fen:
            assert off[l.line_no] == 0
    pooled = [l for l in lines if l.promotion == "满199减20" and l.unit_price_fen == l.list_price_fen]
    reached = sum(l.quantity * l.unit_price_fen for l in pooled) >= 19900
    assert sum(off[l.line_no] for l in pooled) == (2000 if reached else 0)


@given(st.integers(0, 10**8), st.lists(st.integers(0, 10**9), min_size=1, max_size=12))
def test_a_share_adds_up_exactly_and_follows_the_weights(total, weights):
    parts = share(total, weights)
    if sum(weights) == 0:
        assert parts == [0] * len(weights)
        return
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part * sum(weights) - total * weight) < sum(weights)  # within a fen of its exact share

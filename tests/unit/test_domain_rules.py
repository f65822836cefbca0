"""counter.domain owns the shop's money and line rules: properties that hold
for any slip, tender, return or drawer count (hypothesis), plus the cases a
cashier would name."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from counter.domain import discounts, drawer, lines, refunds, tenders

FEN = st.integers(min_value=0, max_value=10**10)
PRICE = st.integers(min_value=1, max_value=10**8)
QTY = st.integers(min_value=1, max_value=999)


@dataclass(frozen=True)
class Line:
    line_no: int
    product_id: int
    unit_price_fen: int
    quantity: int


LINES = st.lists(st.tuples(st.integers(1, 20), PRICE, QTY), max_size=20).map(
    lambda rows: [Line(n, p, price, q) for n, (p, price, q) in enumerate(rows, start=1)]
)


@given(LINES, st.data())
def test_removing_any_line_renumbers_the_rest_one_to_n_in_order(slip, data):
    if not slip:
        return
    gone = data.draw(st.sampled_from(slip))
    kept = [l for l in slip if l is not gone]
    new = dict((id(l), n) for l, n in lines.renumbered(kept))
    numbers = [new.get(id(l), l.line_no) for l in kept]
    assert numbers == list(range(1, len(kept) + 1))
    # only the lines after the hole move
    assert all(l.line_no > gone.line_no for l, _n in lines.renumbered(kept))


@given(LINES, st.integers(1, 20), PRICE)
def test_the_same_goods_at_the_same_price_add_to_their_line_else_a_new_one(slip, product_id, price):
    found = lines.line_to_add_to(slip, product_id, price)
    if found is None:
        assert all((l.product_id, l.unit_price_fen) != (product_id, price) for l in slip)
        assert lines.next_line_no(slip) == len(slip) + 1
    else:
        assert (found.product_id, found.unit_price_fen) == (product_id, price)


@given(QTY, PRICE)
def test_a_line_amount_is_quantity_times_unit_price_to_the_fen(quantity, price):
    assert lines.amount_fen(quantity, price) == quantity * price
    assert lines.amount_fen(quantity + 1, price) - lines.amount_fen(quantity, price) == price


@given(FEN, st.lists(FEN, max_size=5))
def test_remaining_and_change_add_up_to_what_was_tendered(due, tendered):
    remaining, change = tenders.remaining_fen(due, tendered), tenders.change_fen(due, tendered)
    assert remaining >= 0 and change >= 0 and min(remaining, change) == 0
    assert sum(tendered) + remaining - change == due


@given(FEN)
def test_rounding_up_to_notes_is_never_below_what_is_due_and_in_whole_hundreds(due):
    notes = tenders.round_up_to_notes(due)
    assert notes >= due and notes % 100_00 == 0 and notes - due < 100_00


def test_round_up_as_the_cashier_says_it():
    assert tenders.round_up_to_notes(347880) == 350000  # ¥3,478.80 is paid with ¥3,500
    assert tenders.round_up_to_notes(39900) == 40000


@given(st.integers(1, 10**9), FEN)
def test_an_over_tender_always_means_at_least_a_hundred_in_change_and_twice_the_due(due, tendered):
    if tenders.is_over_tender(due, tendered):
        assert tendered - due >= 100_00 and tendered > 2 * due
    # the usual ways of paying are never questioned
    assert not tenders.is_over_tender(due, due)
    assert not tenders.is_over_tender(due, tenders.round_up_to_notes(due))


def test_over_tenders_a_cashier_would_ask_about():
    assert tenders.is_over_tender(39900, 4_000_000)  # ¥40,000 for ¥399
    assert tenders.is_over_tender(39900, 100_000)  # ¥1,000 for ¥399
    assert tenders.is_over_tender(1200, 20000)  # ¥200 for ¥12
    assert not tenders.is_over_tender(39900, 50000)  # ¥500 for ¥399
    assert not tenders.is_over_tender(347880, 400000)  # ¥4,000 for ¥3,478.80
    assert not tenders.is_over_tender(1200, 10000)  # a ¥100 note for ¥12


@given(QTY, PRICE, st.integers(0, 999), st.integers(0, 999))
def test_a_line_at_one_price_refunds_each_unit_at_that_price(sold, price, before, back):
    before, back = min(before, sold), min(back, refunds.returnable(sold, min(before, sold)))
    assert refunds.refund_fen(sold * price, sold, before, back) == back * price


@given(QTY, st.integers(0, 10**9), st.lists(st.integers(1, 50), max_size=12))
def test_returns_of_a_line_refund_its_amount_exactly_and_each_never_less_than_zero(sold, amount, batches):
    returned, refunded = 0, 0
    for batch in batches:
        back = min(batch, refunds.returnable(sold, returned))
        refund = refunds.refund_fen(amount, sold, returned, back)
        assert 0 <= refund <= amount - refunded
        returned, refunded = returned + back, refunded + refund
        assert refunds.kept_fen(amount, sold, returned) == amount - refunded
    if returned == sold:
        assert refunded == amount


def test_half_of_a_second_half_pair_back_refunds_half_what_the_pair_paid():
    # Two at ¥199 with 第二件半价 paid ¥298.50; one back refunds ¥149.25 (按实际支付分摊).
    assert refunds.refund_fen(29850, 2, 0, 1) == 14925
    assert refunds.refund_fen(29850, 2, 1, 1) == 14925


@given(st.dictionaries(st.sampled_from([10000, 5000, 2000, 1000, 500, 100, 50, 10]), st.integers(0, 10000)))
def test_a_drawer_count_is_the_sum_of_each_note_times_how_many(counted):
    assert drawer.counted_fen(counted) == sum(d * n for d, n in counted.items())


@given(FEN, FEN, FEN, FEN, FEN, FEN)
def test_short_and_over_are_counted_less_expected(float_, received, change, refunds_, payouts, counted):
    expected = drawer.expected_fen(float_, received, change, refunds_, payouts)
    assert expected == float_ + received - change - refunds_ - payouts
    assert drawer.difference_fen(expected, counted) + expected == counted


@given(PRICE, st.data())
def test_a_discount_percent_is_how_far_below_list_and_approval_follows_the_limit(list_price, data):
    price = data.draw(st.integers(1, list_price))
    limit = data.draw(st.integers(0, 100))
    pct = discounts.discount_percent(list_price, price)
    assert 0 <= pct < 100
    assert discounts.needs_approval(list_price, price, limit) == (pct > limit)
    assert discounts.discount_percent(list_price, list_price) == 0

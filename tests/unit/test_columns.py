"""Receipt columns count display width: a Hanzi, ￥ or ⊗ is two columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from receipts import columns

TEXT = st.text(alphabet=st.sampled_from("洗衣机海尔 ABC123-.￥⊗"), max_size=60)


def test_hanzi_and_full_width_yen_are_two_columns():
    assert columns.width("洗衣机") == 6
    assert columns.width("￥12.00") == 7
    assert columns.width("⊗壹元整") == 8  # ⊗ prints double width on a Chinese printer
    assert columns.width("EG100") == 5


def test_padding_counts_display_columns():
    assert columns.ljust("洗衣机", 8) == "洗衣机  "
    assert columns.rjust("￥1.00", 8) == "  ￥1.00"
    assert columns.clip("洗衣机", 5) == "洗衣"  # never half a Hanzi


def test_pair_keeps_the_amount_whole_and_moves_it_down_when_crowded():
    assert columns.pair("合计", "￥5.00", 16) == ["合计      ￥5.00"]
    assert columns.pair("时间 2025-03-14 10:30", "营业员 王丽娟", 28) == ["时间 2025-03-14 10:30", " " * 15 + "营业员 王丽娟"]


@given(TEXT, st.integers(min_value=4, max_value=48))
def test_wrapped_lines_fit_and_lose_nothing(text, cols):
    lines = columns.wrap(text, cols)
    assert all(columns.width(line) <= cols for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(TEXT, TEXT, st.integers(min_value=16, max_value=48))
def test_spread_lines_are_exactly_the_width(left, right, cols):
    line = columns.spread(left, right.strip() or "0", cols)
    assert columns.width(line) == cols or columns.width(right.strip()) >= cols

"""Receipt text layout: lines never run off the paper, Chinese counts double."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from receipts.text import bar, cells, spread, wrap

texts = st.text(alphabet=st.sampled_from("ab 1¥找零钱多收已登记 "), max_size=120)


@given(texts, st.integers(min_value=8, max_value=64))
def test_wrapped_lines_fit_and_lose_no_characters(text, width):
    lines = wrap(text, width, " ")
    assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(texts, st.sampled_from(["¥0.00", "¥3,299.00", "-¥10.00"]), st.integers(min_value=16, max_value=64))
def test_spread_keeps_the_amount_whole_at_the_right_edge(left, right, width):
    line = spread(left, right, width)
    assert cells(line) == width and line.endswith(right)


def test_chinese_characters_take_two_cells():
    assert cells("找零") == 4 and cells("ab") == 2


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**9), st.integers(1, 60))
def test_a_bar_is_never_longer_than_the_largest(value, most, width):
    value = min(value, most)
    drawn = bar(value, most, width)
    assert len(drawn) <= width
    assert (drawn == "") == (value == 0)

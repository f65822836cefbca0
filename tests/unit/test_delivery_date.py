"""The delivery date as the assistant types it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.errors import BadInput
from counter.services.handover import parse_delivery_date


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_calendar_day_reads_back_from_yyyy_mm_dd(day):
    assert parse_delivery_date(f"  {day.isoformat()} ") == day


@pytest.mark.parametrize("typed", ["", "2030-02-30", "2030-13-01", "30-01-2030", "2030/01/05", "20300105", "tomorrow", "２０３０-01-05"])
def test_a_bad_delivery_date_is_refused_with_the_format_to_use(typed):
    with pytest.raises(BadInput, match="YYYY-MM-DD"):
        parse_delivery_date(typed)


@given(st.text(max_size=12))
def test_any_text_either_reads_as_a_date_or_is_refused_clearly(typed):
    try:
        assert isinstance(parse_delivery_date(typed), date)
    except BadInput:
        pass

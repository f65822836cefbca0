"""Garbage and extremes into every parser: a value, or a CounterError with a
message a person can read; never another exception (a traceback)."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from counter.config import load_settings, normalise_db_url
from counter.errors import CounterError
from counter.money import MAX_AMOUNT, parse_amount
from counter.services.catalog import check_barcode
from counter.services.customers import check_phone, mask_phone
from counter.services.importer import read_products_csv
from counter.services.invoices import InvoiceDetails, check_details, parse_invoice_number
from counter.services.payments import DENOMINATIONS_FEN, parse_counted
from counter.services.slips import MAX_QUANTITY, check_quantity, normalise_number

# What people, scanners and pasted text bring: any Unicode, plus the
# extremes random text seldom hits.
NASTY = [
    "", " ", "\x00", "\t\n", "-1", "0", "1e9", "1E+999999", "NaN", "-Infinity", "sNaN", "9" * 5000, "²", "١٢٣",
    "１２３", "½", "1_000", "0x10", "١٠٠x٢", "100x", "x3", "100x-1", "100x99999", "\u202e123", "🙂" * 300, "1,2,3",
    "Ⅻ", "𝟗𝟗", "'; DROP TABLE slip; --", "%s%s%n", "{0}", "\\", "\ufeff12",
]
any_text = st.one_of(st.text(), st.sampled_from(NASTY), st.text(alphabet="0123456789 .,-x×*¥+", max_size=30))
FAST = settings(max_examples=200, deadline=None)


def refused_or(call, *args):
    """The call's value, or None if it raised a CounterError with a message."""
    try:
        return call(*args)
    except CounterError as e:
        assert str(e).strip(), f"{call.__name__}{args!r} raised {type(e).__name__} with no message"
        return None


@FAST
@given(any_text)
@example("9" * 5000)
def test_parse_amount_never_crashes_and_stays_in_range(text):
    amount = refused_or(parse_amount, text)
    assert amount is None or Decimal(0) <= amount <= MAX_AMOUNT


@FAST
@given(st.one_of(any_text, st.integers(), st.none(), st.booleans(), st.floats(), st.decimals()))
@example("9" * 5000)
@example(" 12 ")
def test_quantity_is_a_whole_number_from_1_to_the_max_or_refused(value):
    quantity = refused_or(check_quantity, value)
    assert quantity is None or (type(quantity) is int and 1 <= quantity <= MAX_QUANTITY)


@FAST
@given(any_text)
def test_slip_number_is_six_digits_or_refused(text):
    number = refused_or(normalise_number, text)
    assert number is None or (number.isascii() and number.isdigit() and len(number) >= 6)


@FAST
@given(any_text)
def test_invoice_number_is_a_positive_int_or_refused(text):
    number = refused_or(parse_invoice_number, text)
    assert number is None or (type(number) is int and number >= 0)


@FAST
@given(any_text)
def test_phone_is_kept_as_typed_or_refused_and_masks_never_show_the_middle(text):
    phone = refused_or(check_phone, text)
    if phone is not None:
        assert phone == text.strip()
        masked = mask_phone(phone)
        digits = "".join(c for c in phone if c.isdigit())
        # At most the first 3 and last 4 digits show (a digit-in-string check
        # fails on numbers like 00000000, whose middle digit repeats outside it).
        shown = sum(c.isdigit() for c in masked)
        assert "****" in masked and shown <= (7 if len(digits) >= 8 else 0)


@FAST
@given(any_text)
def test_barcode_is_6_to_14_ascii_digits_or_refused(text):
    barcode = refused_or(check_barcode, text)
    assert barcode is None or barcode == "" or (barcode.isascii() and barcode.isdigit() and 6 <= len(barcode) <= 14)


@FAST
@given(any_text)
@example("1E+999999x1")
@example("100x" + "9" * 5000)
def test_counted_notes_are_known_denominations_or_refused(text):
    counted = refused_or(parse_counted, text)
    assert counted is None or all(d in DENOMINATIONS_FEN and 0 <= n <= 10000 for d, n in counted.items())


@FAST
@given(any_text, any_text, any_text)
def test_invoice_details_are_checked_or_refused(name, address, phone):
    details = refused_or(check_details, InvoiceDetails(name, address, phone))
    assert details is None or (len(details.customer_name) >= 2 and details.customer_address)


csv_cell = st.one_of(any_text, st.decimals(allow_nan=False, allow_infinity=False).map(str)).map(
    lambda s: s.replace('"', '""')
)


@FAST
@given(st.lists(st.lists(csv_cell, min_size=0, max_size=5), max_size=6), st.booleans())
@example([["x" * 200_000]], True)
@example([["S1", "name", "1.00", "²"]], True)
def test_product_csv_rows_are_read_or_reported_by_line(rows, with_header):
    header = "sku,name,unit_price,stock,barcode\n" if with_header else ""
    text = header + "\n".join(",".join(f'"{c}"' for c in row) for row in rows)
    result = refused_or(read_products_csv, text)
    if result is not None:
        good, errors = result
        assert all(msg.strip() for _line, msg in errors)
        assert all(p.sku and p.name and p.stock >= 0 for _line, p in good)


@FAST
@given(any_text)
@example("x\x00y")
def test_typed_database_location_is_a_url_or_refused(text):
    url = refused_or(normalise_db_url, text)
    assert url is None or "://" in url


toml_values = st.one_of(
    st.integers(), st.text(max_size=20), st.booleans(), st.floats(allow_nan=False), st.lists(st.integers(), max_size=2)
)
KEYS = ["db_url", "lang", "busy_timeout_ms", "shop_name", "nonsense"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(any_text, st.dictionaries(st.sampled_from(KEYS), toml_values, max_size=4)), st.booleans())
@example("counter = 1", False)
@example({"busy_timeout_ms": 10**30}, False)
@example({"busy_timeout_ms": -3}, False)
def test_any_config_file_loads_or_is_refused_with_a_message(tmp_path, monkeypatch, content, as_table):
    for name in list(os.environ):
        if name.startswith("COUNTER_"):
            monkeypatch.delenv(name)
    path = tmp_path / "config.toml"
    if isinstance(content, dict):
        import json

        body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in content.items())
        content = ("[counter]\n" if as_table else "") + body
    path.write_text(content, encoding="utf-8")
    loaded = refused_or(load_settings, path)
    if loaded is not None:
        assert 1 <= loaded.busy_timeout_ms <= 10 * 60 * 1000


@pytest.mark.parametrize(
    "env, value",
    [("COUNTER_BUSY_TIMEOUT_MS", "ten"), ("COUNTER_BUSY_TIMEOUT_MS", "9" * 5000), ("COUNTER_BUSY_TIMEOUT_MS", "0"),
     ("COUNTER_BUSY_TIMEOUT_MS", "-1"), ("COUNTER_LANG", "fr"), ("COUNTER_DB", "   ")],
)
def test_bad_environment_settings_are_refused_with_a_message(tmp_path, monkeypatch, env, value):
    monkeypatch.setenv(env, value)
    with pytest.raises(CounterError) as refused:
        load_settings(tmp_path / "none.toml")
    assert str(refused.value).strip()


def test_config_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CounterError, match="config"):
        load_settings(path)
    with pytest.raises(CounterError, match="config"):
        load_settings(Path(tmp_path))  # a folder, not a file

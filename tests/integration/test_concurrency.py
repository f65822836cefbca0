"""Many counters, one store: tills in separate processes sell the same few
goods at full speed. Run on SQLite, and on PostgreSQL when COUNTER_TEST_DB
names one (CI runs both). The longer soak: README "Soak tests"."""

from __future__ import annotations

from bench.soak import concurrency_soak


def test_many_tills_at_once_never_oversell_double_pay_or_skip_a_number(db_url, capsys):
    report = concurrency_soak(db_url, processes=4, actions=50, stock=10)
    with capsys.disabled():
        print("\n" + report.text(f"concurrency soak ({db_url.split(':')[0]})"))
    assert report.errors == []
    assert report.problems == []
    figures = report.figures
    assert figures["tills that died"] == 0
    assert figures["stock below zero"] == 0
    # The goods ran out, so tills really fought over the last units.
    assert figures["refused: out of stock"] > 0
    assert figures["slips paid"] > 0 and figures["invoices issued"] > 0

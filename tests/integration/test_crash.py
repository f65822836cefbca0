"""A till killed (SIGKILL) in the middle of sales and payments, again and
again: nothing half-recorded, nothing paid twice, stock as the slips say,
drafts back as they were, invoice numbers gapless, and nothing the till was
told was saved has gone. The longer soak: README "Soak tests"."""

from __future__ import annotations

from bench.soak import crash_soak


def test_killed_tills_lose_nothing_and_leave_nothing_half_done(db_url, capsys):
    report = crash_soak(db_url, workers=2, kills=12, stock=40, seed=3, longest=1.0)
    with capsys.disabled():
        print("\n" + report.text(f"crash soak ({db_url.split(':')[0]})"))
    assert report.errors == []
    assert report.problems == []
    figures = report.figures
    assert figures["kills"] == 12 + 2
    assert figures["drafts lost"] == 0 and figures["told done but lost"] == 0
    assert figures["drafts back as they were"] > 0
    assert figures["told done: pay"] > 0

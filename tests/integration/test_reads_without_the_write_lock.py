"""Reads never wait for the write lock (issue 16: a long import made an open
till wait 32 s for a plain read, then "store is busy"; verifying the log
stalled sales): while another counter holds the write lock, the reports,
the audit log and its verification, and the e-fapiao and warranty lists
still answer at once."""

from __future__ import annotations

import sqlite3
import time

import pytest

from counter.services import audit_log, fapiao, reports, serials, shifts
from models.clock import now


def test_reads_answer_while_another_counter_holds_the_write_lock(store, staff, sell, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL reads never wait for writers (MVCC)")
    sell({"PJ-1": 1})
    m = staff["M01"]
    shift = shifts.current_shift(store.uow(), staff["C01"])
    writer = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long import, say, mid-transaction
    try:
        started = time.monotonic()
        assert audit_log.verify(store.uow()).broken is None
        assert audit_log.list_events(store.uow(), m)
        assert reports.daily_report(store.uow(), m, now().date()).slips_paid == 1
        assert shifts.shift_report(store.uow(), m, shift.id).slips_paid == 1
        assert fapiao.requests(store.uow(), staff["C01"]) == []
        assert serials.find_serial(store.uow(), m, "NONE") == []
        # Each would have waited the busy timeout (8 s) and more before.
        assert time.monotonic() - started < store.settings.busy_timeout_ms / 1000
    finally:
        writer.execute("ROLLBACK")
        writer.close()

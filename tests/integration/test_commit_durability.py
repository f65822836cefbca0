"""Which commits wait for the disk: a draft's edits need only survive the
app being killed (SQLite synchronous=NORMAL under WAL; PostgreSQL
synchronous_commit off for that transaction); writing a slip and taking its
payment must survive a power cut too (synchronous=FULL; synchronous_commit on)."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from counter.services import payments, slips
from counter.services.payments import TenderIn
from counter.store.engine import is_sqlite
from models import Tender

NORMAL, FULL = 1, 2


@pytest.fixture
def synchronous_at_commit(store):
    """The level each commit ran under, in order (PostgreSQL's as SQLite's)."""
    seen: list[int] = []

    def as_a_shop_server(dbapi_connection, record, proxy) -> None:
        # The test server runs with synchronous_commit off for speed; a shop's has it on.
        dbapi_connection.execute("SET synchronous_commit TO on")
        dbapi_connection.commit()

    if not is_sqlite(store.engine):
        store.engine.dispose()
        event.listen(store.engine, "checkout", as_a_shop_server)

    def at_commit(conn) -> None:
        if is_sqlite(store.engine):
            seen.append(conn.exec_driver_sql("PRAGMA synchronous").scalar())
        else:
            seen.append(NORMAL if conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "off" else FULL)

    event.listen(store.engine, "commit", at_commit)
    yield seen
    event.remove(store.engine, "commit", at_commit)
    if not is_sqlite(store.engine):
        event.remove(store.engine, "checkout", as_a_shop_server)


def test_draft_edits_commit_without_waiting_for_the_disk(store, staff, products, synchronous_at_commit):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"], 1)
    slips.add_line(store.uow(), a, draft.id, products["BX-1"], 1)
    slips.set_quantity(store.uow(), a, draft.id, 1, 2)
    slips.remove_line(store.uow(), a, draft.id, 2)
    assert synchronous_at_commit == [NORMAL] * 5
    assert [(line.line_no, line.quantity) for line in slips.get_slip(store.uow(), slip_id=draft.id).lines] == [(1, 2)]


def test_writing_and_paying_a_slip_commit_durably(store, staff, products, synchronous_at_commit):
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"], 1)
    synchronous_at_commit.clear()
    written = slips.write_slip(store.uow(), a, draft.id)
    payments.take_payment(store.uow(), staff["C01"], written.id, [TenderIn(Tender.CARD, written.total)])
    assert synchronous_at_commit == [FULL, FULL]


def test_a_unit_of_work_used_again_is_durable_again(store, staff, products, synchronous_at_commit):
    a = staff["A01"]
    uow = store.uow()
    draft = slips.current_draft(uow, a)
    slips.add_line(uow, a, draft.id, products["XYJ-1"], 1)
    slips.write_slip(uow, a, draft.id)
    assert synchronous_at_commit == [NORMAL, NORMAL, FULL]

"""Stations, claims, the change feed and the lock order, at the service level."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from counter import audit
from counter.errors import BadInput, CounterError, InvalidState, NotFound
from counter.services import claims, payments, reports, shifts, slips, stations
from counter.services.claims import SlipClaimed
from counter.services.stations import StationIn
from counter.store import Store, feed, lock_order
from counter.store import uow as uow_module
from counter.store.uow import UnitOfWork, retrying
from models import Payment, SlipClaim, Station, Tender
from models.clock import now


def written(store, staff, products, sku="XYJ-1") -> slips.SlipView:
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products[sku])
    return slips.write_slip(store.uow(), a, draft.id)


def reported(seen: list, number: str, seconds: float = 5) -> bool:
    """Whether the feed reported slip `number` within `seconds`."""
    deadline = time.monotonic() + seconds
    while not any(f"slip:{number}" in c.ids for c in seen) and time.monotonic() < deadline:
        time.sleep(0.02)
    return any(f"slip:{number}" in c.ids for c in seen)


def as_station(settings, name: str) -> Store:
    return Store.open(replace(settings, station=name))


def test_a_manager_registers_edits_and_removes_stations(store, staff):
    m = staff["M01"]
    stations.add_station(store.uow(), m, StationIn("  Counter   2 ", receipt_printer="escpos-file:/tmp/r2", receipt_width=58))
    assert [(s.name, s.receipt_printer, s.receipt_width) for s in stations.list_stations(store.uow())] == [
        ("Counter 2", "escpos-file:/tmp/r2", 58)
    ]
    with pytest.raises(InvalidState, match="already a station named Counter 2"):
        stations.add_station(store.uow(), m, StationIn("Counter 2"))
    with pytest.raises(BadInput, match="58 or 80"):
        stations.add_station(store.uow(), m, StationIn("Counter 3", receipt_width=70))
    with pytest.raises(BadInput):
        stations.add_station(store.uow(), m, StationIn("Counter 3", receipt_printer="carrier-pigeon"))
    stations.edit_station(store.uow(), m, "Counter 2", StationIn("Front desk", receipt_width=80))
    assert stations.get_station(store.uow(), "Front desk").receipt_width == 80
    stations.remove_station(store.uow(), m, "Front desk")
    assert stations.list_stations(store.uow()) == []
    with store.uow() as u:
        assert [e.action for e in u.session.exec(select(audit.AuditEvent).where(audit.AuditEvent.entity == "station"))] == [
            "station.added", "station.edited", "station.removed"
        ]


def test_a_till_runs_as_its_station_with_its_printers(settings, store, staff):
    stations.add_station(store.uow(), staff["M01"], StationIn("Counter 2", receipt_printer="escpos-file:/tmp/r2", receipt_width=58))
    till = as_station(settings, "Counter 2")
    try:
        assert till.station.name == "Counter 2"
        assert till.settings.printers.receipt == "escpos-file:/tmp/r2" and till.settings.printers.receipt_width == 58
        # What the machine's config says for the rest stays.
        assert till.settings.printers.invoice == settings.printers.invoice
    finally:
        till.engine.dispose()
    with pytest.raises(NotFound, match="No station named Counter 9"):
        as_station(settings, "Counter 9")


def test_payments_shifts_and_the_daily_report_name_the_station(settings, store, staff, products):
    stations.add_station(store.uow(), staff["M01"], StationIn("Counter 2"))
    till = as_station(settings, "Counter 2")
    try:
        slip = written(store, staff, products)
        payments.take_payment(till.uow(), staff["C01"], slip.id, [payments.TenderIn(Tender.CASH, slip.total)])
        with store.uow() as u:  # the seeded store has the manager's shift open: closed here, to open one as Counter 2
            u.session.execute(update(shifts.Shift).where(shifts.Shift.cashier_id == staff["M01"].id).values(status="closed"))
            u.commit()
        shift = shifts.open_shift(till.uow(), staff["M01"], {10000: 1})
        with store.uow() as u:
            station_id = u.session.exec(select(Station.id)).one()
            assert u.session.exec(select(Payment.station_id).where(Payment.slip_id == slip.id)).one() == station_id
            assert u.session.get(shifts.Shift, shift.id).station_id == station_id
        report = reports.daily_report(store.uow(), staff["M01"], now().date())
        assert [(r.label, r.count, r.amount) for r in report.by_station] == [("Counter 2", 1, slip.total)]
        with pytest.raises(InvalidState, match="stays"):
            stations.remove_station(store.uow(), staff["M01"], "Counter 2")
    finally:
        till.engine.dispose()


def test_a_slip_being_paid_at_one_station_is_refused_at_another_until_its_lease_runs_out(settings, store, staff, products):
    m, c = staff["M01"], staff["C01"]
    for name in ("Counter 2", "Counter 3"):
        stations.add_station(store.uow(), m, StationIn(name))
    two, three = as_station(settings, "Counter 2"), as_station(settings, "Counter 3")
    try:
        slip = written(store, staff, products)
        payments.verify_slip(two.uow(), c, slip.id)
        assert claims.claimed(three.uow(), m, [slip.id]) == {slip.id: "being paid at Counter 2"}
        assert claims.claimed(two.uow(), c, [slip.id]) == {}  # not news to the counter holding it
        with pytest.raises(SlipClaimed, match="being paid at Counter 2"):
            payments.verify_slip(three.uow(), m, slip.id)
        with pytest.raises(SlipClaimed):
            payments.take_payment(three.uow(), m, slip.id, [payments.TenderIn(Tender.CASH, slip.total)])
        # Looking is allowed: the slip reads as any other.
        assert slips.get_slip(three.uow(), slip_id=slip.id).total == slip.total
        # The till holding it crashed: its heartbeat stops, the lease runs out.
        with store.uow() as u:
            u.session.execute(update(SlipClaim).values(until=now() - timedelta(seconds=1)))
            u.commit()
        payments.verify_slip(three.uow(), m, slip.id)
        with pytest.raises(SlipClaimed, match="being paid at Counter 3"):
            payments.renew_claim(two.uow(), c, slip.id)
        payments.take_payment(three.uow(), m, slip.id, [payments.TenderIn(Tender.CASH, slip.total)])
        with store.uow() as u:
            assert u.session.exec(select(SlipClaim)).all() == []  # paid: the claim goes with it
    finally:
        two.engine.dispose()
        three.engine.dispose()


def test_letting_a_slip_go_frees_it_at_once(store, staff, products):
    slip = written(store, staff, products)
    payments.verify_slip(store.uow(), staff["C01"], slip.id)
    with pytest.raises(SlipClaimed, match="being paid by"):
        payments.verify_slip(store.uow(), staff["M01"], slip.id)
    claims.release(store.uow(), staff["C01"], slip.id)
    payments.verify_slip(store.uow(), staff["M01"], slip.id)


def test_the_feed_reads_what_changed_since_an_event(store, staff, products):
    with store.engine.connect() as conn:
        start = feed.newest_id(conn)
    slip = written(store, staff, products)
    with store.engine.connect() as conn:
        changes = feed.changes_since(conn, start)
        assert {"slip", "product"} <= changes.kinds and f"slip:{slip.number}" in changes.ids
        assert feed.changes_since(conn, changes.last_id).ids == frozenset()


def test_the_watcher_wakes_when_another_connection_commits(store, staff, products):
    seen: list[feed.Changes] = []
    woke = threading.Event()
    watcher = feed.Watcher(store.engine, lambda c: (seen.append(c), woke.set()))
    watcher.start()
    try:
        time.sleep(0.3)  # listening
        began = time.monotonic()
        slip = written(store, staff, products)
        assert woke.wait(5)
        assert time.monotonic() - began < 2
        assert reported(seen, slip.number)
    finally:
        watcher.stop()
        watcher.join(5)


def test_a_lock_out_of_order_is_caught(store):
    with store.engine.connect() as conn:
        conn.begin()
        lock_order.reached(conn, lock_order.GOODS)
        with pytest.raises(lock_order.LockOrderBroken, match="second time"):
            lock_order.reached(conn, lock_order.GOODS)
        conn.rollback()
        conn.begin()
        lock_order.reached(conn, lock_order.SEQUENCE, "invoice")
        with pytest.raises(lock_order.LockOrderBroken, match="step 2 after step 4"):
            lock_order.reached(conn, lock_order.GOODS)
        conn.rollback()
        conn.begin()
        lock_order.reached(conn, lock_order.SEQUENCE, "invoice")
        with pytest.raises(lock_order.LockOrderBroken, match="'return' after invoice"):
            lock_order.reached(conn, lock_order.SEQUENCE, "return")
        conn.rollback()


class _Deadlock(Exception):
    sqlstate = "40P01"


def test_a_unit_of_work_that_loses_a_deadlock_runs_again(store, monkeypatch):
    monkeypatch.setattr(uow_module, "RETRY_BACKOFF_S", 0)
    tries = []

    @retrying
    def flaky(uow: UnitOfWork, fail_times: int) -> str:
        with uow:
            tries.append(1)
            if len(tries) <= fail_times:
                raise OperationalError("SELECT …", {}, _Deadlock("deadlock detected"))
            return "done"

    assert flaky(store.uow(), 2) == "done" and len(tries) == 3
    tries.clear()
    with pytest.raises(CounterError, match="busy"):
        flaky(store.uow(), 99)
    assert len(tries) == uow_module.RETRIES + 1
    # Anything else is not run again.
    tries.clear()

    @retrying
    def broken(uow: UnitOfWork) -> None:
        tries.append(1)
        raise OperationalError("SELECT …", {}, ValueError("no"))

    with pytest.raises(OperationalError):
        broken(store.uow())
    assert len(tries) == 1



def test_the_receipt_names_the_station_and_its_drawer_opens_on_its_own_printer(settings, store, staff, products, tmp_path):
    from counter.printing import open_drawer, print_document
    from receipts.receipt import drawer_kick

    drawer = tmp_path / "drawer.escpos"
    stations.add_station(store.uow(), staff["M01"], StationIn("Counter 2", drawer=f"escpos-file:{drawer}"))
    till = as_station(settings, "Counter 2")
    try:
        slip = written(store, staff, products)
        payments.take_payment(till.uow(), staff["C01"], slip.id, [payments.TenderIn(Tender.CASH, slip.total)])
        outcome = print_document(till.uow(), till.settings, "receipt", slip.number, to=tmp_path / "r.txt")
        assert outcome.ok and "收银台 Counter 2" in (tmp_path / "r.txt").read_text(encoding="utf-8")
        opened = open_drawer(till.uow(), till.settings, staff["C01"], "change for a customer")
        assert opened.ok and drawer.read_bytes() == drawer_kick()
    finally:
        till.engine.dispose()

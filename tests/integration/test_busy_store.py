"""Another counter holding the SQLite store's write lock past the busy
timeout: the write is tried again once the lock is gone, and if it never
goes the person reads that the store is busy (no traceback, nothing saved)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import func, select

from counter.config import load_settings
from counter.errors import CounterError
from counter.services import customers
from counter.store import Store
from counter.store import engine as db
from models import Customer
from tests.conftest import PINS


@pytest.fixture
def busy_store(settings, sqlite_url):
    """A store that waits only 1 ms for the write lock before retrying."""
    store = Store.open(replace(settings, db_url=sqlite_url, busy_timeout_ms=1))
    yield store
    store.engine.dispose()


@pytest.fixture
def other_counter(sqlite_url):
    """A second connection to the same file, holding the write lock."""
    conn = sqlite3.connect(make_url(sqlite_url).database, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.rollback()
    conn.close()


def _customers(store) -> int:
    with store.uow() as uow:
        uow.session.connection(execution_options={db.READ_ONLY: True})  # a reader waits for no writer
        return uow.session.exec(select(func.count()).select_from(Customer)).one()


def test_a_write_waiting_for_another_counter_is_retried_and_saved_once_the_lock_is_released(
    busy_store, staff, other_counter, monkeypatch
):
    waits: list[float] = []

    def other_counter_finishes(seconds: float) -> None:
        waits.append(seconds)
        other_counter.commit()

    monkeypatch.setattr(db.time, "sleep", other_counter_finishes)
    before = _customers(busy_store)
    view = customers.add_customer(busy_store.uow(), staff["T01"], "林小姐", "13800138000", "广州市天河路 1 号")
    assert view.name == "林小姐"
    assert waits == [db.BUSY_BACKOFF_S]  # one retry, after the first try found the store locked
    assert _customers(busy_store) == before + 1


def test_a_write_the_lock_never_frees_for_says_the_store_is_busy_and_saves_nothing(
    busy_store, staff, other_counter, monkeypatch
):
    waits: list[float] = []
    monkeypatch.setattr(db.time, "sleep", waits.append)
    before = _customers(busy_store)
    with pytest.raises(CounterError) as refused:
        customers.add_customer(busy_store.uow(), staff["T01"], "林小姐", "13800138000")
    assert str(refused.value) == "The store is busy: another counter is saving. Try again."
    assert refused.value.__cause__ is None and refused.value.__suppress_context__
    # Tried 1 + BUSY_RETRIES times, each wait twice the one before.
    assert waits == [db.BUSY_BACKOFF_S * 2**n for n in range(db.BUSY_RETRIES)]
    other_counter.rollback()
    assert _customers(busy_store) == before
    # The store works again as soon as the other counter is done.
    customers.add_customer(busy_store.uow(), staff["T01"], "林小姐", "13800138000")
    assert _customers(busy_store) == before + 1


def test_busy_timeout_is_a_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("COUNTER_BUSY_TIMEOUT_MS", "250")
    assert load_settings(tmp_path / "none.toml").busy_timeout_ms == 250
    monkeypatch.setenv("COUNTER_BUSY_TIMEOUT_MS", "0")
    with pytest.raises(CounterError, match="busy_timeout_ms must be from 1"):
        load_settings(tmp_path / "none.toml")


def test_signing_in_never_waits_for_another_counters_write(busy_store, other_counter):
    # The PIN check is slow by design; it runs outside any write lock, so a
    # sign-in neither waits for a sale being saved nor holds one up.
    actor = busy_store.sign_in("A01", PINS["A01"])
    assert actor.code == "A01"

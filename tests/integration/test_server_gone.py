"""The PostgreSQL server goes away and comes back (issue 16), below the
screens: a counter's change feed follows the store again and reads what the
other counters did meanwhile, and a payment taken while the server is gone
is refused with words for a person and leaves nothing."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from counter.services import payments
from counter.services.payments import TenderIn
from counter.store import Store, feed
from counter.store.faults import explain
from models import SlipStatus, Tender
from tests.conftest import row_counts
from tests.integration.test_stations import reported, written

pytestmark = pytest.mark.usefixtures("pg_url")


def through(settings, relay, pg_url: str) -> Store:
    url = make_url(pg_url).set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    return Store.open(replace(settings, db_url=url))


def test_the_feed_follows_the_store_again_once_the_server_is_back_and_reads_what_it_missed(
    settings, store, staff, products, pg_url, relay, monkeypatch
):
    monkeypatch.setattr(feed, "RETRY_S", 0.1)
    far = through(settings, relay, pg_url)
    seen: list[feed.Changes] = []
    woke = threading.Event()
    watcher = feed.Watcher(far.engine, lambda c: (seen.append(c), woke.set()))
    watcher.start()
    try:
        time.sleep(0.3)  # listening
        relay.stop()  # the server gone: the feed's connections are cut
        time.sleep(0.5)
        slip = written(store, staff, products)  # another counter, still reaching the server
        assert not any(f"slip:{slip.number}" in c.ids for c in seen)
        relay.start()  # back
        assert reported(seen, slip.number, 10), "the slip written while away was never reported"
        assert watcher.is_alive()
        later = written(store, staff, products, "PJ-1")  # and it listens again
        assert reported(seen, later.number)
    finally:
        watcher.stop()
        watcher.join(5)
        far.engine.dispose()


def test_a_payment_while_the_server_is_gone_says_so_and_leaves_nothing(settings, store, staff, products, pg_url, relay):
    slip = written(store, staff, products, "PJ-1")  # ¥89.90
    far = through(settings, relay, pg_url)
    before = row_counts(store)
    relay.stop()
    with pytest.raises(SQLAlchemyError) as fault:
        payments.take_payment(far.uow(), staff["C01"], slip.id, [TenderIn(Tender.CASH, slip.total)])
    assert explain(fault.value).startswith("The store's server cannot be reached. Nothing was half-saved")
    assert row_counts(store) == before
    relay.start()
    paid = payments.take_payment(far.uow(), staff["C01"], slip.id, [TenderIn(Tender.CASH, slip.total)])
    assert paid.slip.status == SlipStatus.PAID
    far.engine.dispose()

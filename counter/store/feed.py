"""The change feed: what another counter committed, as it happens.

"What changed since id N" is read from the audit log, which already orders
every change a counter should see (a slip written, paid or cancelled, stock
reserved or handed over, an order moved on). Wake-ups are cheap and come
first, the read only after one:

- SQLite: `PRAGMA data_version` on a connection of the watcher's own; it
  changes when any other connection commits. A check costs microseconds, so
  the thread polls it every `POLL_S`.
- PostgreSQL: LISTEN on `CHANNEL`; the audit chain NOTIFYs it at every
  commit that records events (`notify`), and claims do too.

A `Watcher` is a thread that calls `on_change(Changes)` after each wake-up;
the Textual side (screens/feed.py) turns that into a message to the screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection, Engine

from models import AuditEvent

CHANNEL = "counter_store"
POLL_S = 0.02  # SQLite: how often data_version is read (a few µs each)
READ_LIMIT = 500  # events read in one go; a burst is read in several
RETRY_S = 1.0  # a lost store is tried again this often

log = logging.getLogger(__name__)
_EVENTS = AuditEvent.__table__


@dataclass(frozen=True)
class Changes:
    """What changed: the newest event id read, and the kinds (entity names,
    "slip", "product", "phone_order" …) and ids ("slip:000123") touched. Both
    empty when a commit recorded nothing (a claim, a draft edit)."""

    last_id: int
    kinds: frozenset[str]
    ids: frozenset[str]


def newest_id(connection: Connection) -> int:
    return connection.execute(select(func.coalesce(func.max(_EVENTS.c.id), 0))).scalar() or 0


def changes_since(connection: Connection, after_id: int, limit: int = READ_LIMIT) -> Changes:
    """The events after `after_id` (up to `limit`), summed up."""
    rows = connection.execute(
        select(_EVENTS.c.id, _EVENTS.c.entity, _EVENTS.c.entity_id)
        .where(_EVENTS.c.id > after_id)
        .order_by(_EVENTS.c.id)
        .limit(limit)
    ).all()
    if not rows:
        return Changes(after_id, frozenset(), frozenset())
    return Changes(rows[-1].id, frozenset(r.entity for r in rows), frozenset(f"{r.entity}:{r.entity_id}" for r in rows))


def notify(connection: Connection) -> None:
    """Wakes every listening counter when this transaction commits
    (PostgreSQL delivers a NOTIFY only then, and once per transaction)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


class Watcher(threading.Thread):
    """Calls `on_change` after every commit of another counter, from a
    thread of its own, until `stop()`."""

    def __init__(self, engine: Engine, on_change: Callable[[Changes], None]) -> None:
        super().__init__(name="counter-feed", daemon=True)
        self.engine = engine
        self.on_change = on_change
        self.stopped = threading.Event()
        self.last_id: int | None = None  # the newest event read; None until the first connection

    def stop(self) -> None:
        self.stopped.set()

    def run(self) -> None:
        """Follows the store; when it fails (a server gone, a full disk) waits
        and follows it again, first reading what changed while away, so a
        counter never stops seeing the others' sales."""
        while not self.stopped.is_set():
            try:
                self._follow()
            except Exception:
                if self.stopped.is_set():
                    return
                log.warning("the change feed lost the store; trying again", exc_info=True)
                self.stopped.wait(RETRY_S)

    def _follow(self) -> None:
        with self.engine.connect() as reader:
            missed = self.last_id is not None
            last_id = newest_id(reader) if self.last_id is None else self.last_id
            reader.rollback()
            self.last_id = last_id
            wait = self._listen if self.engine.dialect.name == "postgresql" else self._poll
            for _woken in wait(catch_up=missed):
                while True:
                    changes = changes_since(reader, last_id)
                    reader.rollback()  # a fresh snapshot next time
                    self.last_id = last_id = changes.last_id
                    self.on_change(changes)
                    if len(changes.ids) < READ_LIMIT:
                        break

    def _poll(self, catch_up: bool):
        """SQLite: yields whenever data_version moves (and at once to
        `catch_up` on what changed while the store was lost)."""
        with self.engine.connect() as conn:
            driver = conn.connection.dbapi_connection
            seen = driver.execute("PRAGMA data_version").fetchone()[0]
            if catch_up:
                yield
            while not self.stopped.wait(POLL_S):
                version = driver.execute("PRAGMA data_version").fetchone()[0]
                if version != seen:
                    seen = version
                    yield

    def _listen(self, catch_up: bool):
        """PostgreSQL: yields at each NOTIFY on CHANNEL (a burst at once), and
        once listening to `catch_up`."""
        import psycopg

        url = self.engine.url.set(drivername="postgresql")
        dsn = url.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            if catch_up:
                yield
            while not self.stopped.is_set():
                if any(True for _n in conn.notifies(timeout=0.25, stop_after=1)):
                    # Drain what else came in the meantime: one read for the lot.
                    for _n in conn.notifies(timeout=0, stop_after=100):
                        pass
                    yield

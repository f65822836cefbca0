"""The unit of work: one transaction around one shop action.

Everything an action changes (slip, payment, stock, audit) commits together
or not at all: leaving the block without `commit()` rolls back.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from counter.errors import CounterError
from counter.i18n import _
from counter.store.engine import LIGHT_COMMIT, READ_ONLY

log = logging.getLogger(__name__)

# PostgreSQL's codes for "run the transaction again": deadlock_detected and
# serialization_failure. The server has already rolled the loser back.
RETRY_SQLSTATES = {"40P01", "40001"}
# Tries of a unit of work that loses such a race before a person hears of it.
RETRIES = 6
RETRY_BACKOFF_S = 0.01
# Races lost and run again in this process, by service (the soak reports it).
RETRIED: Counter[str] = Counter()


@dataclass(frozen=True)
class StationRef:
    """The named counter a till runs as: what it takes is recorded against it."""

    id: int
    name: str
    drawer: str = ""  # its cash drawer's printer target; "" = through the receipt printer
    display: str = ""  # its customer display's target; "" = none


class UnitOfWork:
    def __init__(self, engine: Engine, station: StationRef | None = None) -> None:
        self.engine = engine
        self.station = station
        self._session: Session | None = None
        self.durable = True
        self.read_only = False

    @property
    def session(self) -> Session:
        """The open transaction's session (inside `with uow:` only)."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use it in a with block")
        return self._session

    @property
    def is_open(self) -> bool:
        return self._session is not None

    def for_draft(self) -> UnitOfWork:
        """Commits that need not wait for the disk: an edit of a draft slip.

        On SQLite (WAL) such a commit survives the app being killed or
        crashing, and only a power cut may lose it (with the edits after it,
        never one before); the next durable commit makes it durable too. A
        draft needs no more. Writing, paying and the rest stay durable."""
        self.durable = False
        return self

    def for_reading(self) -> UnitOfWork:
        """Work that only reads (a report, a list, verifying the log): on
        SQLite a plain BEGIN reads a snapshot without the write lock, so it
        neither waits for a long import nor holds up a sale."""
        self.read_only = True
        return self

    def __enter__(self) -> UnitOfWork:
        self._session = Session(self.engine, expire_on_commit=False)
        if self.read_only or not self.durable:
            options = {READ_ONLY: True} if self.read_only else {LIGHT_COMMIT: True}
            try:
                self.session.connection(execution_options=options)
            except BaseException:  # e.g. the store stayed busy: leave nothing open
                self.__exit__()
                raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Detach first, so objects read in the block keep their values instead
        # of being expired by the rollback (which undoes only uncommitted work).
        self.session.expunge_all()
        self.session.rollback()
        self.session.close()
        self._session = None
        self.durable = True  # a unit of work used again is durable unless told
        self.read_only = False

    def commit(self) -> None:
        self.session.commit()


def must_retry(error: BaseException) -> bool:
    """A deadlock or serialization failure: nothing was kept, run it again."""
    orig = getattr(error, "orig", None)
    return isinstance(error, DBAPIError) and getattr(orig, "sqlstate", None) in RETRY_SQLSTATES


P = ParamSpec("P")
R = TypeVar("R")


def retrying(service: Callable[Concatenate[UnitOfWork, P], R]) -> Callable[Concatenate[UnitOfWork, P], R]:
    """A service entry point (`service(uow, ...)`, one `with uow:` inside)
    run again from the start when the store broke its transaction to end a
    deadlock, up to RETRIES times, then a message instead of a traceback.

    Retry-safe by construction: a service only reads its arguments and
    writes the store inside its unit of work, which the failure rolled back.
    Called inside a caller's open unit of work it runs once: the caller's
    transaction is the one that must start again."""

    @functools.wraps(service)
    def run(uow: UnitOfWork, *args: P.args, **kwargs: P.kwargs) -> R:
        if uow.is_open:
            return service(uow, *args, **kwargs)
        attempt = 0
        while True:
            try:
                return service(uow, *args, **kwargs)
            except DBAPIError as e:
                if not must_retry(e):
                    raise
                attempt += 1
                RETRIED[service.__name__] += 1
                if attempt > RETRIES:
                    log.warning("%s lost %d races in a row; refused", service.__name__, attempt)
                    raise CounterError(_("The store is busy: another counter is saving. Try again.")) from None
                log.info("%s: %s; running it again (%d)", service.__name__, type(e.orig).__name__, attempt)
                # Jittered and growing, so two counters that collided do not collide again in step.
                time.sleep(random.uniform(0, RETRY_BACKOFF_S * 2**attempt))

    return run

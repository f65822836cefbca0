"""Opening the store: an engine from a URL, SQLite tuned for a till, and the
schema brought up to date by Alembic migrations."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import BigInteger, Integer, String, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlmodel import create_engine

from counter.errors import BadInput, CounterError
from counter.i18n import _

# The newest migration. Checked with one query at start-up so that Alembic is
# imported only when there is something to migrate (it costs start-up time).
HEAD_REVISION = "0013"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Execution option for a unit of work that will not write:
# `uow.session.connection(execution_options={READ_ONLY: True})` as its first step.
READ_ONLY = "counter_read_only"
# How long a write waits for another counter's write to finish (SQLite).
BUSY_TIMEOUT_MS = 8000  # with the retries below: about 30 s in all
# If the store is still locked after that, BEGIN IMMEDIATE is tried again (safe:
# nothing has been done in the transaction yet), waiting longer each time.
BUSY_RETRIES = 3
BUSY_BACKOFF_S = 0.05

# Execution option of a unit of work whose commit need not reach the disk
# before it returns (see UnitOfWork.for_draft): SQLite's synchronous=NORMAL.
LIGHT_COMMIT = "counter_light_commit"

log = logging.getLogger(__name__)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def make_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for the store at `url`; a new SQLite file is created owner-only."""
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False})
        _tune_sqlite(engine, busy_timeout_ms)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "begin", _light_commit_on_postgresql)
    event.listen(engine, "before_cursor_execute", _refuse_nul)
    return engine


def _light_commit_on_postgresql(conn) -> None:
    """A draft's edit (LIGHT_COMMIT) does not wait for the server's disk, as
    on SQLite (synchronous=NORMAL): a till that crashes loses nothing, and
    only the server itself going down can lose the newest draft edits, never
    a written or paid slip, which commit with the full wait. fsync stays on."""
    if conn.get_execution_options().get(LIGHT_COMMIT):
        # LOCAL: for this transaction only, whatever becomes of it.
        conn.connection.dbapi_connection.execute("SET LOCAL synchronous_commit TO off")


def _refuse_nul(conn, cursor, statement, parameters, context, executemany) -> None:
    """PostgreSQL cannot keep a NUL character in text (and fails the whole
    transaction saying so); SQLite would keep it. Refuse it the same way on
    both, as bad input, before anything is sent."""
    if _holds_nul(parameters):
        raise BadInput(_("The text holds a NUL character (\\x00), which the store cannot keep; retype it."))


def _holds_nul(value: object) -> bool:
    # Parameters come as a dict, a tuple, or a list of either (executemany).
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    # Scalars are looked at here, not in a call each: every statement passes by.
    for v in value:
        if isinstance(v, str):
            if "\x00" in v:
                return True
        elif isinstance(v, (dict, list, tuple)) and _holds_nul(v):
            return True
    return False


# PostgreSQL's INTEGER is 32-bit (SQLite's is 64-bit): the most a column holds.
INT_MAX = 2**31 - 1


def _field(key: str) -> str:
    return key.removesuffix("_fen").replace("_", " ").capitalize()


# Per mapped class: (attribute, longest text or 0, holds a 32-bit integer) of
# each column with a limit, worked out once instead of at every flush.
_LIMITS: dict[type, tuple[tuple[str, int, bool], ...]] = {}


def column_limits(cls: type) -> tuple[tuple[str, int, bool], ...]:
    limits = _LIMITS.get(cls)
    if limits is None:
        found = []
        for column in inspect(cls).columns:
            # SQLModel's AutoString is a TypeDecorator over String.
            kind = getattr(column.type, "impl", column.type)
            longest = kind.length if isinstance(kind, String) and kind.length else 0
            int32 = isinstance(kind, Integer) and not isinstance(kind, BigInteger)
            if longest or int32:
                found.append((column.key, longest, int32))
        limits = _LIMITS[cls] = tuple(found)
    return limits


def refuse_what_cannot_be_held(cls: type, value_of) -> None:
    """BadInput naming the first field of a `cls` row (`value_of(key)` gives
    its value) that its column cannot hold."""
    for key, longest, int32 in column_limits(cls):
        value = value_of(key)
        if longest and isinstance(value, str) and len(value) > longest:
            raise BadInput(
                _("{field} is too long: at most {limit} characters, got {length}.").format(
                    field=_field(key), limit=longest, length=len(value)
                )
            )
        if int32 and isinstance(value, int) and not -INT_MAX <= value <= INT_MAX:
            from counter.money import fmt, from_fen

            limit = fmt(from_fen(INT_MAX)) if key.endswith("_fen") else f"{INT_MAX:,}"
            raise BadInput(_("{field} is too large: at most {limit}.").format(field=_field(key), limit=limit))


@event.listens_for(Session, "before_flush")
def _refuse_what_columns_cannot_hold(session: Session, _context, _instances) -> None:
    """Text longer than its column allows, or a number past a 32-bit
    integer: PostgreSQL refuses them with an error no person can read, SQLite
    keeps them. Refuse them the same way on both, naming the field, before
    anything is written."""
    for obj in (*session.new, *session.dirty):
        refuse_what_cannot_be_held(type(obj), lambda key: getattr(obj, key, None))  # noqa: B023


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # We issue BEGIN ourselves (below), so the driver must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        _record.info["synchronous"] = "FULL"

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock at the start, so two counters selling
        # the last unit wait for each other instead of failing half-way.
        # Work that only reads (the search path, see READ_ONLY) takes a plain
        # BEGIN: under WAL it reads a snapshot, so building the search index
        # no longer holds up a sign-in or a payment for a second.
        options = conn.get_execution_options()
        # Straight to the driver: through the Connection these statements
        # cost more than a sale's reads (every unit of work begins).
        driver = conn.connection.dbapi_connection
        # Set per transaction, before it begins; only when it changes.
        synchronous = "NORMAL" if options.get(LIGHT_COMMIT) else "FULL"
        if conn.info.get("synchronous") != synchronous:
            driver.execute(f"PRAGMA synchronous={synchronous}")
            conn.info["synchronous"] = synchronous
        if options.get(READ_ONLY):
            driver.execute("BEGIN")
        else:
            _begin_immediate(driver)


def _begin_immediate(driver) -> None:
    """BEGIN IMMEDIATE on the sqlite3 connection, tried again a few times
    while another counter holds the write lock past the busy timeout; then a
    message, not a traceback."""
    for attempt in range(BUSY_RETRIES + 1):
        try:
            driver.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise OperationalError("BEGIN IMMEDIATE", None, e) from e
            if attempt == BUSY_RETRIES:
                log.warning("store still busy after %d tries; write refused", attempt + 1)
                raise CounterError(_("The store is busy: another counter is saving. Try again.")) from None
            log.info("store busy; trying again (%d of %d)", attempt + 1, BUSY_RETRIES)
            time.sleep(BUSY_BACKOFF_S * 2**attempt)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:  # no table yet: an empty store
            return None


def alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> bool:
    """Apply pending migrations. Returns True when something was applied."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return False
    from alembic import command

    if revision is not None and not any((MIGRATIONS_DIR / "versions").glob(f"{revision}_*.py")):
        raise CounterError(
            _("This store was made by a newer version of Counter (schema {revision}; this one knows up to {head}): "
              "update Counter on this machine to open it.").format(revision=revision, head=HEAD_REVISION)
        )

    command.upgrade(alembic_config(engine), "head")
    return True


def open_store(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    engine = make_engine(url, busy_timeout_ms)
    upgrade(engine)
    return engine

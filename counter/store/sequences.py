"""Gapless counters, taken inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from counter.store import lock_order
from models import Sequence

_TABLE = Sequence.__table__
# Built once: working out a statement's cache key cost as much as running it.
_BUMP = (
    update(_TABLE)
    .where(_TABLE.c.name == bindparam("sequence"))
    .values(value=_TABLE.c.value + 1)
    .returning(_TABLE.c.value)
)


def bump(session: Session, name: str) -> int:
    """The next value of `name`. The UPDATE locks the row until commit, so two
    counters never get the same number and a rollback leaves no gap. Bumped
    after the goods are locked, before the audit (see lock_order)."""
    # Core on the session's connection, with RETURNING (SQLite 3.35+,
    # PostgreSQL): one statement, without the ORM's bulk-update bookkeeping,
    # which cost more than the rest of writing a slip.
    connection = session.connection()
    lock_order.reached(connection, lock_order.SEQUENCE, name)
    value = connection.execute(_BUMP, {"sequence": name}).scalar()
    if value is None:
        # The counter's first number. Two counters may both find no row: the
        # second one's insert waits for the first's and does nothing, and its
        # bump then waits on the row and gets the next number (it failed with
        # a duplicate key before).
        connection.execute(_first_row(connection.dialect.name).values(name=name, value=0))
        value = connection.execute(_BUMP, {"sequence": name}).scalar_one()
    return int(value)


def _first_row(dialect: str) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(_TABLE).on_conflict_do_nothing(index_elements=[_TABLE.c.name])


def peek(session: Session, name: str) -> int:
    # A plain select, not session.get: the search path peeks on every key press.
    value = session.execute(select(Sequence.value).where(Sequence.name == name)).scalar()
    return value or 0

"""Gapless counters, taken inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlmodel import Session

from models import Sequence


def bump(session: Session, name: str) -> int:
    """The next value of `name`. The UPDATE locks the row until commit, so two
    counters never get the same number and a rollback leaves no gap."""
    result = session.execute(update(Sequence).where(Sequence.name == name).values(value=Sequence.value + 1))
    if result.rowcount == 0:
        session.add(Sequence(name=name, value=1))
        session.flush()
        return 1
    return session.get(Sequence, name, populate_existing=True).value


def peek(session: Session, name: str) -> int:
    # A plain select, not session.get: the search path peeks on every key press.
    value = session.execute(select(Sequence.value).where(Sequence.name == name)).scalar()
    return value or 0

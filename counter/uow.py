"""The unit of work: one transaction around one shop action.

Everything an action changes (slip, payment, stock, audit) commits together
or not at all: leaving the block without `commit()` rolls back.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = Session(self.engine, expire_on_commit=False)
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self.session is not None
        # Detach first, so objects read in the block keep their values instead
        # of being expired by the rollback (which undoes only uncommitted work).
        self.session.expunge_all()
        self.session.rollback()
        self.session.close()
        self.session = None

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

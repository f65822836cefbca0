"""The unit of work: one transaction around one shop action.

Everything an action changes (slip, payment, stock, audit) commits together
or not at all: leaving the block without `commit()` rolls back.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter.store.engine import LIGHT_COMMIT


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session: Session | None = None
        self.durable = True

    def for_draft(self) -> UnitOfWork:
        """Commits that need not wait for the disk: an edit of a draft slip.

        On SQLite (WAL) such a commit survives the app being killed or
        crashing, and only a power cut may lose it (with the edits after it,
        never one before); the next durable commit makes it durable too. A
        draft needs no more. Writing, paying and the rest stay durable."""
        self.durable = False
        return self

    def __enter__(self) -> UnitOfWork:
        self.session = Session(self.engine, expire_on_commit=False)
        if not self.durable:
            try:
                self.session.connection(execution_options={LIGHT_COMMIT: True})
            except BaseException:  # e.g. the store stayed busy: leave nothing open
                self.__exit__()
                raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self.session is not None
        # Detach first, so objects read in the block keep their values instead
        # of being expired by the rollback (which undoes only uncommitted work).
        self.session.expunge_all()
        self.session.rollback()
        self.session.close()
        self.session = None
        self.durable = True  # a unit of work used again is durable unless told

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

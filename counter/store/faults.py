"""What a person is told when the store itself fails (not a refused action:
those are CounterErrors with their own message). Every unit of work rolls
back on the way out, so the message can always say nothing was half-saved."""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from counter.errors import CounterError
from counter.i18n import _

STORE_FAULTS: tuple[type[BaseException], ...] = (SQLAlchemyError, OSError)
# What a worker reaching the store catches and says (words_for) instead of
# ending the app: a refusal or a fault of the store.
SAID: tuple[type[BaseException], ...] = (CounterError, *STORE_FAULTS)


def words_for(exc: BaseException) -> str:
    """A refusal's own message (NotPermitted is also an OSError), else the
    store fault explained."""
    return str(exc) if isinstance(exc, CounterError) else explain(exc)


def explain(exc: BaseException) -> str:
    """One line for the screen or the shell: what happened and what to do."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in text or "no space" in text:
        what = _("The disk holding the store is full.")
    elif "disk i/o error" in text:  # SQLite, e.g. when a full disk leaves no room for the WAL index
        what = _("The disk holding the store cannot be written: it is full or failing.")
    elif "readonly" in text or "read-only" in text or isinstance(exc, OSError) and exc.errno == errno.EROFS:
        what = _("The store is read-only here.")
    elif "deadlock" in text or "could not serialize" in text:
        what = _("Another counter changed the same goods at the same moment.")
    elif "locked" in text or "busy" in text:
        what = _("The store is busy with another counter.")
    elif isinstance(exc, OperationalError | DBAPIError) and ("connect" in text or "server" in text or "closed" in text):
        what = _("The store's server cannot be reached.")
    elif "not a database" in text or "malformed" in text:
        what = _("The store's file is damaged or is not a store.")
    else:
        what = _("The store failed: {error}").format(error=type(exc).__name__)
    return what + " " + _("Nothing was half-saved; try again, or call the manager if it goes on.")

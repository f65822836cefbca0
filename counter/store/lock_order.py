"""The store's one lock order. Every unit of work takes its locks in it, so
two counters never wait for each other in a circle (a deadlock):

1. the row of the thing acted on: the slip (then its invoice), the phone
   order (then its slip), the shift, the customer — `slips.load_slip` and
   friends, SELECT … FOR NO KEY UPDATE;
2. the goods, all of them in ONE statement in id order (`slips.lock_products`,
   `slips.write_in`): never one by one, never a second time;
3. rows that only this counter's own work touches (its cashier's open
   shift for a cash refund, the customer's account);
4. the gapless counters (`sequences.bump`), in the order of `SEQUENCES`;
5. last, at the commit, the audit chain's tail (`audit.link`, one advisory
   lock for the whole store, held from the INSERT to the COMMIT only).

SQLite has one writer at a time (BEGIN IMMEDIATE), so there the order only
matters for the time a lock is held. On PostgreSQL a unit of work that still
loses a race (a deadlock or serialization failure the server broke) is run
again from the start by `uow.retrying`.

Steps 2, 4 and 5 are checked as they are taken: `reached` remembers the last
step of the transaction and, in strict mode (the tests), raises when a step
comes after a later one; otherwise it logs, so a till is never stopped by it.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import Connection

GOODS, SEQUENCE, AUDIT_TAIL = 2, 4, 5
# The gapless counters, in the order one unit of work may bump them (a return
# numbers itself, then the replacement invoice).
SEQUENCES = ("catalogue", "complaint", "phone_order", "return", "slip", "invoice", "fapiao_request")
# Set by the tests: a step out of order is an error, not a log line.
strict = False

log = logging.getLogger(__name__)
_KEY = "counter_lock_step"  # connection.info: (transaction, step, sequence rank)


class LockOrderBroken(AssertionError):
    """A unit of work took a lock out of the documented order."""


def reached(connection: Connection, step: int, sequence: str | None = None) -> None:
    """Records that the transaction on `connection` takes the locks of `step`
    (for SEQUENCE: of the counter `sequence`), checking the order."""
    transaction = connection.get_transaction()
    rank = SEQUENCES.index(sequence) if sequence in SEQUENCES else len(SEQUENCES)
    held = connection.info.get(_KEY)
    if held is not None and held[0] is transaction:
        _, last_step, last_rank = held
        wrong = None
        if step < last_step:
            wrong = f"step {step} after step {last_step}"
        elif step == GOODS == last_step:
            wrong = "goods locked a second time (lock them all in one statement)"
        elif step == SEQUENCE == last_step and rank < last_rank:
            wrong = f"counter {sequence!r} after {SEQUENCES[last_rank] if last_rank < len(SEQUENCES) else '?'}"
        if wrong:
            if strict:
                raise LockOrderBroken(wrong)
            log.warning("lock order broken: %s", wrong)
    connection.info[_KEY] = (transaction, step, rank)

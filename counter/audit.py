"""The audit log: who did what, when, with before/after, hash-chained.

`record` is called by services inside their unit of work, so the event
commits (or rolls back) with the change it describes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy import event as orm_event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from counter import audit_checkpoint
from counter.audit_key import load_key
from counter.i18n import N_, _
from counter.store import feed, lock_order
from counter.store.engine import refuse_what_cannot_be_held
from models import AuditEvent
from models.clock import now

# Keyed links carry this prefix. Links made before the key (plain SHA-256)
# are accepted only before the first keyed one: the switch happens once.
KEYED = "k1:"


def _digest(event: AuditEvent, key: bytes | None) -> str:
    return _chain_hash(
        event.prev_hash,
        event.at,
        event.actor_id,
        event.action,
        event.entity,
        event.entity_id,
        event.before,
        event.after,
        key=key,
    )


def _chain_hash(
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: str,
    before: str,
    after: str,
    key: bytes | None = None,
) -> str:
    """HMAC-SHA256 with the shop's key; without a key, the old unkeyed SHA-256."""
    body = "|".join([prev_hash, at.isoformat(), str(actor_id or ""), action, entity, entity_id, before, after])
    if key is None:
        return hashlib.sha256(body.encode("utf-8")).hexdigest()
    return KEYED + hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _json(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


_INSERT = AuditEvent.__table__.insert()
_LAST_HASH = select(AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)
# session.info key: (transaction, events recorded in it, not yet chained).
_PENDING = "audit_pending"
# PostgreSQL advisory lock of the chain's tail: one writer links at a time.
TAIL_LOCK = 7301


def record(
    session: Session,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: object = "",
    before: Any = None,
    after: Any = None,
) -> None:
    record_all(session, [(actor_id, action, entity, entity_id, before, after)])


def record_all(session: Session, events: list[tuple[int | None, str, str, object, Any, Any]]) -> None:
    """`record` for each (actor_id, action, entity, entity_id, before, after),
    in order. The events are kept with the transaction and chained onto the
    log when it commits (see `_chain_at_commit`): the chain's one global lock
    is then held only for that last moment, not for the whole action."""
    session.connection()  # begun now, so this transaction can be told from the next
    transaction = session.get_transaction()
    pending = session.info.get(_PENDING)
    if pending is None or pending[0] is not transaction:
        pending = session.info[_PENDING] = (transaction, [])
    at = now()
    for actor_id, action, entity, entity_id, before, after in events:
        values = {
            "at": at,
            "actor_id": actor_id,
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "before": _json(before),
            "after": _json(after),
        }
        # Refused now, inside the service, with a message: not at the commit.
        refuse_what_cannot_be_held(AuditEvent, values.get)
        pending[1].append(values)


@orm_event.listens_for(OrmSession, "before_commit")
def _chain_at_commit(session: Session) -> None:
    """The last step of every transaction that recorded events: everything
    else is flushed (so every other lock is already held), then the chain's
    tail is locked, read and extended in one INSERT, and the commit follows.
    This is the end of the store's lock order (see counter/store/lock_order.py)."""
    pending = session.info.pop(_PENDING, None)
    if pending is None or pending[0] is not session.get_transaction() or not pending[1]:
        return
    session.flush()
    link(session.connection(), pending[1])


@orm_event.listens_for(OrmSession, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


def link(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Chains `rows` (events without their hashes) onto the newest event and
    inserts them, in the caller's transaction."""
    if connection.dialect.name == "postgresql":
        # Held from here to the commit: two counters never chain onto the same event.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": TAIL_LOCK})
    lock_order.reached(connection, lock_order.AUDIT_TAIL)
    last = connection.execute(_LAST_HASH).scalar() or ""
    key = load_key()
    for values in rows:
        values["prev_hash"] = last
        values["hash"] = last = _chain_hash(**values, key=key)
    # One Core INSERT: an ORM object a row cost more than the rest of the event.
    connection.execute(_INSERT, rows)
    feed.notify(connection)  # other counters wake when this commits


@dataclass(frozen=True)
class Break:
    event_id: int
    why: str
    check: str = "link"  # which check caught it: link, hash, checkpoint, checkpoint file


VERIFY_CHUNK = 5000


def verify_chain(session: Session, *, store: str | None = None, live: bool = True) -> Break | None:
    """The first thing that does not hold, or None: each event's link to the
    one before, its keyed hash, then the chain against every checkpoint of
    `store` (this session's store when None). `live`: the store in use, whose
    log must reach every checkpoint; a backup may end before the newest ones."""
    prev = ""
    key = load_key()
    keyed = False
    # Read in chunks of plain rows by id: a year's log is checked in flat
    # memory, and no chunk's read holds the store for long.
    events = AuditEvent.__table__
    chunk = events.select().where(events.c.id > bindparam("after")).order_by(events.c.id).limit(VERIFY_CHUNK)
    after = 0
    while rows := session.connection().execute(chunk, {"after": after}).all():
        for event in rows:
            if event.prev_hash != prev:
                return Break(event.id, _("link to the previous event is broken (a row was removed or reordered)"), "link")
            keyed = keyed or event.hash.startswith(KEYED)
            if _digest(event, key if keyed else None) != event.hash:
                return Break(event.id, _("keyed hash does not hold (the row was edited or rehashed without the key)"),
                             "hash")
            prev = event.hash
        after = rows[-1].id
    found = audit_checkpoint.recorded(store or audit_checkpoint.store_id(session))
    if found.forged_line is not None:
        return Break(0, _("line {n} of the checkpoint file does not hold its key check (the file was edited)").format(
            n=found.forged_line), "checkpoint file")
    for point in found.points:
        problem = audit_checkpoint.held_against(session, point, live)
        if problem is not None:
            return Break(point.last_id, _(CHECKPOINT_PROBLEMS[problem]).format(
                at=f"{point.at:%Y-%m-%d %H:%M}", count=point.count, id=point.last_id), "checkpoint")
    return None


CHECKPOINT_PROBLEMS = {
    "tail": N_("the log ends before the checkpoint of {at} (event #{id}, {count} events): its newest events were deleted"),
    "missing": N_("event #{id} of the checkpoint of {at} is gone"),
    "head": N_("event #{id} is not the one the checkpoint of {at} recorded: the history was rewritten"),
    "count": N_("the checkpoint of {at} counted {count} events up to #{id}, and there are not as many now: events were removed"),
}

"""The audit log: who did what, when, with before/after, hash-chained.

`record` is called by services inside their unit of work, so the event
commits (or rolls back) with the change it describes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from counter.i18n import _
from counter.store.engine import refuse_what_cannot_be_held
from models import AuditEvent
from models.clock import now


def _digest(event: AuditEvent) -> str:
    return _chain_hash(
        event.prev_hash, event.at, event.actor_id, event.action, event.entity, event.entity_id, event.before, event.after
    )


def _chain_hash(
    prev_hash: str, at: datetime, actor_id: int | None, action: str, entity: str, entity_id: str, before: str, after: str
) -> str:
    body = "|".join([prev_hash, at.isoformat(), str(actor_id or ""), action, entity, entity_id, before, after])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _json(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


_INSERT = AuditEvent.__table__.insert()
_LAST_HASH = select(AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)
_TAIL = "audit_tail"  # session.info key: (transaction, hash of its newest event)


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
    in order, in one statement: writing a slip records one event a line."""
    # Within one transaction the newest event is the one recorded last, so
    # only the first event asks the store (an import of 100,000 goods would
    # otherwise flush and query once per product).
    connection = session.connection()  # begun now, so this transaction can be told from the next
    transaction = session.get_transaction()
    tail = session.info.get(_TAIL)
    if tail is not None and tail[0] is transaction:
        last = tail[1]
    else:
        if session.get_bind().dialect.name == "postgresql":
            # Serialise writers so two counters never chain onto the same event.
            session.execute(text("SELECT pg_advisory_xact_lock(7301)"))
        last = connection.execute(_LAST_HASH).scalar()
    at = now()
    rows = []
    for actor_id, action, entity, entity_id, before, after in events:
        values = {
            "at": at,
            "actor_id": actor_id,
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "before": _json(before),
            "after": _json(after),
            "prev_hash": last or "",
        }
        values["hash"] = last = _chain_hash(**values)
        # One Core INSERT, now: an ORM object cost more than the rest of the event.
        # So the flush's check of what columns can hold must be made here.
        refuse_what_cannot_be_held(AuditEvent, values.get)
        rows.append(values)
    connection.execute(_INSERT, rows)
    session.info[_TAIL] = (transaction, last)


@dataclass(frozen=True)
class Break:
    event_id: int
    why: str


def verify_chain(session: Session) -> Break | None:
    """The first event whose hash or link does not hold, or None if all do."""
    prev = ""
    rows = select(AuditEvent).order_by(col(AuditEvent.id)).execution_options(populate_existing=True)
    for event in session.exec(rows):
        if event.prev_hash != prev:
            return Break(event.id, _("link to the previous event is broken (a row was removed or reordered)"))
        if _digest(event) != event.hash:
            return Break(event.id, _("contents do not match the hash (the row was edited)"))
        prev = event.hash
    return None

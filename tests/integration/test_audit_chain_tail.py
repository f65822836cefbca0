"""The audit chain holds when many events are recorded in one transaction
(the tail is remembered, not re-read) and after a rolled-back one."""

from __future__ import annotations

from sqlmodel import select

from counter import audit
from models import AuditEvent


def test_events_of_one_transaction_chain_in_order(store):
    with store.uow() as uow:
        for n in range(3):
            audit.record(uow.session, None, "test.event", "thing", n)
        uow.commit()
    with store.uow() as uow:
        audit.record(uow.session, None, "test.event", "thing", 9)
        uow.commit()
    with store.uow() as uow:
        assert audit.verify_chain(uow.session) is None


def test_events_recorded_together_chain_in_order_onto_the_tail(store):
    with store.uow() as uow:
        audit.record(uow.session, None, "test.event", "thing", "first")
        uow.commit()
    with store.uow() as uow:
        audit.record_all(uow.session, [(None, "test.event", "thing", n, None, {"n": n}) for n in range(3)])
        audit.record(uow.session, None, "test.event", "thing", "last")
        uow.commit()
    with store.uow() as uow:
        assert audit.verify_chain(uow.session) is None
        events = uow.session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.entity_id for e in events[-5:]] == ["first", "0", "1", "2", "last"]
    assert events[-2].after == '{"n": 2}'


def test_a_rolled_back_event_is_not_chained_onto(store):
    with store.uow() as uow:
        session = uow.session
        audit.record(session, None, "test.event", "thing", "lost")
        session.rollback()
        audit.record(session, None, "test.event", "thing", "kept")
        uow.commit()
    with store.uow() as uow:
        assert audit.verify_chain(uow.session) is None

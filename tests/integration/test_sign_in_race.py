"""Wrong PINs typed at the same moment on several counters: every one is
counted and the code locks exactly once (on PostgreSQL two sign-ins used to
read the same count and both write count + 1)."""

from __future__ import annotations

import threading

from sqlmodel import select

from counter.auth import sign_in
from counter.errors import SignInFailed
from models import AuditEvent, Staff

MAX_FAILURES = 5


def _wrong_pins_at_once(store, code: str, counters: int) -> list[str]:
    """`counters` threads type a wrong PIN for `code` together; their messages."""
    start = threading.Barrier(counters)
    messages: list[str] = []
    unexpected: list[BaseException] = []

    def counter() -> None:
        start.wait()
        try:
            sign_in(store.uow(), code, "0000")
        except SignInFailed as e:
            messages.append(str(e))
        except BaseException as e:
            unexpected.append(e)

    threads = [threading.Thread(target=counter) for _ in range(counters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not unexpected, unexpected
    return messages


def _staff_row(store, code: str) -> Staff:
    with store.uow() as uow:
        return uow.session.exec(select(Staff).where(Staff.code == code)).one()


def _locks(store, staff_id: int) -> int:
    with store.uow() as uow:
        events = uow.session.exec(select(AuditEvent).where(AuditEvent.action == "staff.locked")).all()
        return sum(1 for e in events if e.entity_id == str(staff_id))


def test_wrong_pins_typed_at_once_are_each_counted_and_lock_the_code_exactly_once(store):
    below = MAX_FAILURES - 1
    messages = _wrong_pins_at_once(store, "C01", below)
    assert messages == ["Wrong staff code or PIN."] * below
    row = _staff_row(store, "C01")
    assert row.failed_pins == below and row.locked_until is None

    # Three more at once: the first counted locks the code; the others find it locked.
    messages = _wrong_pins_at_once(store, "C01", 3)
    assert sorted(messages)[-1] == "Wrong PIN for C01; the code is locked for 5 minutes."
    assert all(m.startswith("Code C01 is locked after too many wrong PINs") for m in sorted(messages)[:-1])
    row = _staff_row(store, "C01")
    assert row.failed_pins == 0 and row.locked_until is not None
    assert _locks(store, row.id) == 1

"""The cashier's queue in one read: the slips waiting for payment, the phone
orders they were written for and where other counters are paying them. Read
whole when the payment screen opens; at another counter's change only the
slips it names are read again and merged in (from the change feed's thread,
where every millisecond is the other counter's wait)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from counter.auth import Actor, require
from counter.services.claims import claimed_in
from counter.services.orders import order_numbers_in
from counter.services.slips import SlipView, normalise_number, slip_view
from counter.store.uow import UnitOfWork
from models import Slip, SlipStatus

LIMIT = 200  # slips listed; more than any desk has waiting


@dataclass(frozen=True)
class QueueRead:
    slips: list[SlipView]  # waiting for payment, as written (oldest first)
    order_numbers: dict[int, str]  # slip id -> its phone order's number
    claimed: dict[int, str]  # slip id -> where another counter is paying it


def read_queue(uow: UnitOfWork, actor: Actor) -> QueueRead:
    require(actor, "take_payment")
    with uow:
        session = uow.session
        waiting = session.exec(
            select(Slip).where(Slip.status == SlipStatus.WRITTEN).order_by(col(Slip.written_at)).limit(LIMIT)
        )
        queue = [slip_view(session, slip) for slip in waiting]
        ids = [s.id for s in queue]
        return QueueRead(queue, order_numbers_in(session, ids), claimed_in(session, uow.station, actor, ids))


def merged(uow: UnitOfWork, actor: Actor, listed: list[SlipView], numbers: set[str]) -> QueueRead:
    """`listed` with the slips numbered `numbers` read again: put in,
    replaced, or taken out when no longer waiting (paid, cancelled, being
    changed); other strings among `numbers` (a draft's id) are passed over."""
    require(actor, "take_payment")
    with uow:
        session = uow.session
        fresh: dict[str, SlipView] = {}
        for number in numbers:
            slip = session.exec(select(Slip).where(Slip.number == normalise_number(number))).first()
            if slip is not None:
                fresh[number] = slip_view(session, slip)
        queue = [s for s in listed if s.number not in fresh]
        queue += [s for s in fresh.values() if s.status == SlipStatus.WRITTEN]
        queue.sort(key=lambda s: (s.written_at or s.created_at, s.id))
        ids = [s.id for s in queue]
        return QueueRead(queue, order_numbers_in(session, ids), claimed_in(session, uow.station, actor, ids))

"""Claims: a slip opened for payment at one counter is that counter's until
it is paid or let go. Every other counter shows "being paid at Counter 2"
and may look at the slip but not take it.

A claim is a lease: it runs out `LEASE` after it was last renewed, and the
payment screen renews it every `HEARTBEAT_S` while the slip is open, so a
claim left by a till that crashed or was closed frees itself. Claims are
taken with the slip's row locked (lock_order step 1), so two counters
opening one slip at once take turns: the second finds the first's claim.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Row, bindparam
from sqlmodel import Session, col, delete, select

from counter.auth import Actor, require
from counter.errors import InvalidState
from counter.i18n import _
from counter.store import feed
from counter.store.uow import StationRef, UnitOfWork
from models import SlipClaim, Staff
from models.clock import now
from models.ids import table_of

LEASE = timedelta(seconds=45)
HEARTBEAT_S = 15


class SlipClaimed(InvalidState):
    """Another counter has the slip open for payment."""


def where(claim: SlipClaim | Row[Any], session: Session) -> str:
    """Where a claimed slip is being paid, as the other counters say it."""
    if claim.station_name:
        return _("being paid at {station}").format(station=claim.station_name)
    cashier = session.get(Staff, claim.staff_id)
    return _("being paid by {cashier}").format(cashier=cashier.full_name if cashier else "?")


def _is_mine(claim: SlipClaim | Row[Any], station: StationRef | None, actor: Actor) -> bool:
    return claim.staff_id == actor.id and claim.station_id == (station.id if station else None)


# Read on every payment: a statement built once, a plain row (no ORM load).
CLAIM = table_of(SlipClaim)
_CLAIM_OF = CLAIM.select().where(CLAIM.c.slip_id == bindparam("slip_id"))


def refuse_if_claimed(session: Session, station: StationRef | None, actor: Actor, slip_id: int, number: str) -> bool:
    """SlipClaimed, naming the counter, when another counter's claim on the
    slip is live. Called with the slip's row locked. Returns whether the slip
    has a claim row at all (this counter's, or one run out), for the payment
    to remove it: most slips paid at a single till have none."""
    claim = session.connection().execute(_CLAIM_OF, {"slip_id": slip_id}).first()
    if claim is None:
        return False
    if claim.until > now() and not _is_mine(claim, station, actor):
        raise SlipClaimed(
            _("Slip {number} is {where}: it can be looked at here, not taken.").format(
                number=number, where=where(claim, session)
            )
        )
    return True


def claim_in(session: Session, station: StationRef | None, actor: Actor, slip_id: int) -> None:
    """Claims (or renews the claim on) the slip for this counter, inside the
    caller's transaction, after refuse_if_claimed."""
    claim = session.get(SlipClaim, slip_id) or SlipClaim(slip_id=slip_id, station_name="", staff_id=actor.id, until=now())
    claim.station_id = station.id if station else None
    claim.station_name = station.name if station else ""
    claim.staff_id = actor.id
    claim.until = now() + LEASE
    session.add(claim)
    feed.notify(session.connection())


def release_in(session: Session, slip_id: int) -> None:
    session.exec(delete(SlipClaim).where(col(SlipClaim.slip_id) == slip_id))
    feed.notify(session.connection())


def release(uow: UnitOfWork, actor: Actor, slip_id: int) -> None:
    """Lets the slip go (the cashier moved on): only this counter's own claim."""
    require(actor, "take_payment")
    with uow:
        claim = uow.session.get(SlipClaim, slip_id)
        if claim is not None and _is_mine(claim, uow.station, actor):
            uow.session.delete(claim)
            feed.notify(uow.session.connection())
            uow.commit()


def claimed(uow: UnitOfWork, actor: Actor, slip_ids: list[int]) -> dict[int, str]:
    """Slip id -> where it is being paid, for the slips among `slip_ids` that
    another counter holds a live claim on (the cashier's queue shows it)."""
    require(actor, "take_payment")
    if not slip_ids:
        return {}
    with uow:
        return claimed_in(uow.session, uow.station, actor, slip_ids)


def claimed_in(session: Session, station: StationRef | None, actor: Actor, slip_ids: list[int]) -> dict[int, str]:
    """`claimed` inside the caller's unit of work."""
    if not slip_ids:
        return {}
    rows = session.exec(select(SlipClaim).where(col(SlipClaim.slip_id).in_(slip_ids), SlipClaim.until > now())).all()
    return {c.slip_id: where(c, session) for c in rows if not _is_mine(c, station, actor)}

"""The shop's sign-in policy, kept in the store and changed only by a
manager: how many wrong PINs lock a code, for how long, and how long a new
PIN must be (the demo's staff keep their 4-digit PINs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput
from counter.i18n import _
from counter.store.uow import UnitOfWork, retrying
from models import SecurityPolicy
from models.clock import now

BOUNDS = {"max_pin_failures": (1, 100), "lockout_minutes": (1, 24 * 60), "min_pin_length": (4, 8)}


@dataclass(frozen=True)
class Policy:
    max_pin_failures: int = 5
    lockout_minutes: int = 5
    min_pin_length: int = 6


def policy_in(session: Session) -> Policy:
    row = session.get(SecurityPolicy, 1)
    return Policy(row.max_pin_failures, row.lockout_minutes, row.min_pin_length) if row else Policy()


def current(uow: UnitOfWork) -> Policy:
    with uow.for_reading():
        return policy_in(uow.session)


@retrying
def set_policy(uow: UnitOfWork, /, actor: Actor, **changes: int | None) -> Policy:
    require(actor, "manage_staff")
    wanted = {k: v for k, v in changes.items() if v is not None}
    for name, value in wanted.items():
        low, high = BOUNDS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise BadInput(_("{name} is from {low} to {high}, not {value}.").format(
                name=name, low=low, high=high, value=value))
    with uow:
        session = uow.session
        row = session.get(SecurityPolicy, 1, with_for_update=True) or SecurityPolicy(id=1)
        before = policy_in(session).__dict__
        for name, value in wanted.items():
            setattr(row, name, value)
        row.updated_by_id, row.updated_at = actor.id, now()
        session.add(row)
        session.flush()
        after = policy_in(session)
        audit.record(session, actor.id, "policy.changed", "security_policy", 1, before=before, after=after.__dict__)
        uow.commit()
        return after

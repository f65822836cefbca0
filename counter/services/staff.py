"""Staff records: who works here, in which role, with which PIN."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from counter import audit
from counter.auth import Actor, hash_pin, require
from counter.errors import BadInput, NotPermitted
from counter.i18n import _
from counter.store.uow import UnitOfWork, retrying
from models import Role, Staff
from models.ids import id_of


def new_staff(session: Session, code: str, full_name: str, role: str, pin: str, discount_limit_pct: int = 5) -> Staff:
    code = code.strip().upper()
    if not code or not code.isalnum() or len(code) > 16:
        raise BadInput(_("A staff code is 1 to 16 letters and digits."))
    if not full_name.strip():
        raise BadInput(_("Staff need their full name (it goes on invoices)."))
    try:
        role = Role(role)
    except ValueError:
        raise BadInput(_("Unknown role {role!r}.").format(role=role)) from None
    if session.exec(select(Staff).where(Staff.code == code)).first():
        raise BadInput(_("Staff code {code} is taken.").format(code=code))
    staff = Staff(
        code=code, full_name=full_name.strip(), role=role, pin_hash=hash_pin(pin), discount_limit_pct=discount_limit_pct
    )
    session.add(staff)
    session.flush()
    return staff


def _long_enough(session: Session, pin: str) -> None:
    """A real staff member's PIN is as long as the shop's policy asks (6 by default)."""
    from counter.services.policy import policy_in

    least = policy_in(session).min_pin_length
    if len(pin.strip()) < least:
        raise BadInput(_("A PIN here is at least {n} digits.").format(n=least))


@retrying
def add_staff(uow: UnitOfWork, actor: Actor, code: str, full_name: str, role: str, pin: str) -> int:
    require(actor, "manage_staff")
    with uow:
        _long_enough(uow.session, pin)
        staff = new_staff(uow.session, code, full_name, role, pin)
        audit.record(uow.session, actor.id, "staff.added", "staff", staff.id, after={"code": staff.code, "role": role})
        uow.commit()
        return id_of(staff)


def staff_count(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.exec(select(func.count()).select_from(Staff)).one()


@retrying
def add_first_manager(uow: UnitOfWork, code: str, full_name: str, role: str, pin: str) -> int:
    """The first person in an empty store, who can then add everyone else."""
    if role != Role.MANAGER:
        raise BadInput(_("The first staff member of a new store must be a manager."))
    with uow:
        if uow.session.exec(select(func.count()).select_from(Staff)).one():
            raise NotPermitted(_("This store already has staff: a manager must sign in to add more."))
        _long_enough(uow.session, pin)
        staff = new_staff(uow.session, code, full_name, role, pin)
        audit.record(uow.session, staff.id, "staff.added", "staff", staff.id, after={"code": staff.code, "role": role})
        uow.commit()
        return id_of(staff)


@dataclass(frozen=True)
class StaffView:
    code: str
    full_name: str
    role: str
    active: bool


def all_staff(uow: UnitOfWork, actor: Actor) -> list[StaffView]:
    """Who works here: a manager's list (it says who may approve what)."""
    require(actor, "manage_staff")
    with uow:
        rows = uow.session.exec(select(Staff).order_by(col(Staff.code)))
        return [StaffView(s.code, s.full_name, str(s.role), s.active) for s in rows]

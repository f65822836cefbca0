"""Staff records: who works here, in which role, with which PIN."""

from __future__ import annotations

from sqlmodel import Session, select

from counter import audit
from counter.auth import Actor, hash_pin, require
from counter.errors import BadInput
from counter.i18n import _
from counter.uow import UnitOfWork
from models import Role, Staff


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


def add_staff(uow: UnitOfWork, actor: Actor, code: str, full_name: str, role: str, pin: str) -> int:
    require(actor, "manage_staff")
    with uow:
        staff = new_staff(uow.session, code, full_name, role, pin)
        audit.record(uow.session, actor.id, "staff.added", "staff", staff.id, after={"code": staff.code, "role": role})
        uow.commit()
        return staff.id

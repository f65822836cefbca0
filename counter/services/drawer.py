"""Opening the cash drawer without a sale (开钱箱): change for a customer, a
note to the bank, a miscount. Allowed to cashiers and managers, and always
written in the audit log with who, when and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput
from counter.i18n import _
from counter.store.uow import UnitOfWork, retrying
from models.clock import now

MAX_REASON = 200


@dataclass(frozen=True)
class DrawerOpening:
    by: str
    at: datetime
    reason: str


@retrying
def open_drawer(uow: UnitOfWork, actor: Actor, reason: str) -> DrawerOpening:
    """Records that `actor` opens the drawer and why. The caller then sends
    the kick to the receipt printer; the record comes first so the drawer is
    never open without one."""
    require(actor, "open_drawer")
    reason = " ".join(reason.split())
    if not reason:
        raise BadInput(_("Say why the drawer is opened, e.g. change for a customer."))
    if len(reason) > MAX_REASON:
        raise BadInput(_("Keep the reason under {n} characters.").format(n=MAX_REASON))
    with uow:
        at = now()
        where = {"station": uow.station.name} if uow.station else {}
        audit.record(uow.session, actor.id, "drawer.opened", "drawer", "", after={"reason": reason} | where)
        uow.commit()
    return DrawerOpening(actor.full_name, at, reason)

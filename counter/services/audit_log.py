"""Reading the audit log: checking the hash chain, and listing events for a
manager by action, person and date."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, text
from sqlmodel import Session, col, or_, select

from counter import audit_checkpoint
from counter.audit import Break, verify_chain
from counter.auth import Actor, require
from counter.errors import BadInput
from counter.i18n import N_, _
from counter.store.uow import UnitOfWork
from models import AuditEvent, Staff
from models.ids import id_of


@dataclass(frozen=True)
class ChainReport:
    events: int
    broken: Break | None
    checkpoints: int = 0  # this store's checkpoints the chain was held against


@dataclass(frozen=True)
class EventView:
    id: int
    at: datetime
    staff_code: str
    staff_name: str
    action: str
    entity: str
    entity_id: str
    before: str
    after: str


def verify(uow: UnitOfWork) -> ChainReport:
    """Walks the chain from the first event. Anyone may run it: it reports
    only where the chain breaks, not what the events say."""
    with uow.for_reading():
        session = uow.session
        count = session.exec(select(func.count()).select_from(AuditEvent)).one()
        points = len(audit_checkpoint.recorded(audit_checkpoint.store_id(session)).points)
        damaged = _damaged_pages(session)
        if damaged:
            return ChainReport(int(count), Break(0, damaged, "file"), points)
        return ChainReport(int(count), verify_chain(session), points)


def _damaged_pages(session: Session) -> str:
    """SQLite's own check of the file's pages: a store with damaged pages
    could otherwise open, and its log verify, on the pages still readable."""
    if session.get_bind().dialect.name != "sqlite":
        return ""
    found = [row[0] for row in session.execute(text("PRAGMA quick_check"))]
    return "" if found == ["ok"] else _("the store's file has damaged pages: {problem}").format(problem="; ".join(found[:2]))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(_("A date is written YYYY-MM-DD, e.g. 2025-03-08; got {text!r}.").format(text=text.strip())) from None


def readable(value: str) -> str:
    """An event's before/after JSON as `key: value, ...` for a screen line."""
    if not value:
        return ""
    data = json.loads(value)
    if not isinstance(data, dict):
        return json.dumps(data, ensure_ascii=False)
    return ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v}" for k, v in data.items())


def list_events(
    uow: UnitOfWork,
    actor: Actor,
    action: str = "",
    person: str = "",
    since: date | None = None,
    until: date | None = None,
    limit: int = 500,
) -> list[EventView]:
    """Newest first. `action` matches the action or its family ("slip" finds
    slip.paid, slip.returned ...); `person` a staff code or part of a name."""
    require(actor, "view_audit")
    with uow.for_reading():
        query = (
            select(AuditEvent, Staff.code, Staff.full_name)
            .join(Staff, col(Staff.id) == AuditEvent.actor_id, isouter=True)
            .order_by(col(AuditEvent.id).desc())
            .limit(limit)
        )
        action = action.strip().rstrip(".")
        if action:
            query = query.where(or_(AuditEvent.action == action, col(AuditEvent.action).startswith(action + ".")))
        person = person.strip()
        if person:
            query = query.where(or_(Staff.code == person.upper(), col(Staff.full_name).contains(person)))
        if since is not None:
            query = query.where(AuditEvent.at >= datetime.combine(since, time()))
        if until is not None:
            query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time()))
        return [
            EventView(id_of(e), e.at, code or "", name or "", e.action, e.entity, e.entity_id, e.before, e.after)
            for e, code, name in uow.session.exec(query)
        ]


# Action codes are stored as codes, and said in the screen's language.
ACTION_LABELS = {
    "account.charged": N_("charged to account"),
    "account.credited": N_("account credited"),
    "account.limit_set": N_("credit limit set"),
    "account.repaid": N_("account repaid"),
    "audit.checkpoints": N_("audit checkpoints reset"),
    "audit.key": N_("audit key made"),
    "cash.payout": N_("cash paid out"),
    "cash.refund": N_("cash refunded"),
    "cheque.cleared": N_("cheque cleared"),
    "complaint.assigned": N_("complaint assigned"),
    "complaint.closed": N_("complaint closed"),
    "complaint.followed_up": N_("complaint followed up"),
    "complaint.logged": N_("complaint logged"),
    "customer.added": N_("customer added"),
    "drawer.opened": N_("drawer opened"),
    "fapiao.blue_requested": N_("e-fapiao requested"),
    "fapiao.red_requested": N_("red e-fapiao requested"),
    "fapiao.submitted": N_("e-fapiao submitted"),
    "fapiao.issued": N_("e-fapiao issued"),
    "fapiao.delivered": N_("e-fapiao delivered"),
    "fapiao.withdrawn": N_("e-fapiao request withdrawn"),
    "fapiao.refused": N_("e-fapiao refused"),
    "invoice.issued": N_("invoice issued"),
    "invoice.voided": N_("invoice voided"),
    "order.taken": N_("order taken"),
    "order.accepted": N_("order accepted"),
    "order.rejected": N_("order rejected"),
    "order.cancelled": N_("order cancelled"),
    "order.closed": N_("order closed"),
    "order.delivered": N_("order delivered"),
    "order.dispatched": N_("order dispatched"),
    "order.picking": N_("order picking"),
    "order.scheduled": N_("delivery scheduled"),
    "order.follow_up": N_("follow-up call"),
    "order.read_back_confirmed": N_("read-back confirmed"),
    "order.read_back_corrected": N_("read-back corrected"),
    "order.special_price": N_("special price"),
    "policy.changed": N_("sign-in policy changed"),
    "product.added": N_("goods added"),
    "product.promotion": N_("promotion set"),
    "product.serialised": N_("serial numbers set"),
    "product.tax_set": N_("tax details set"),
    "refund.paid": N_("refund paid"),
    "serial.recorded": N_("serial number recorded"),
    "serial.removed": N_("serial number removed"),
    "shift.opened": N_("shift opened"),
    "shift.closed": N_("shift closed"),
    "slip.written": N_("slip written"),
    "slip.paid": N_("slip paid"),
    "slip.awaiting_funds": N_("paid, awaiting funds"),
    "slip.cancelled": N_("slip cancelled"),
    "slip.reopened": N_("slip reopened to be changed"),
    "slip.discount": N_("discount"),
    "slip.handed_over": N_("goods handed over"),
    "slip.returned": N_("goods returned"),
    "slip.payment_undone": N_("payment undone"),
    "staff.added": N_("staff added"),
    "staff.locked": N_("staff locked out"),
    "station.added": N_("station added"),
    "station.edited": N_("station changed"),
    "station.removed": N_("station removed"),
    "stock.reserved": N_("stock reserved"),
    "stock.released": N_("stock released"),
    "stock.out": N_("stock out"),
    "stock.returned": N_("stock back"),
    "stock.written_off": N_("stock written off"),
}


def action_label(code: str) -> str:
    """An event's action as a person reads it; a code not listed shows as stored."""
    label = ACTION_LABELS.get(code)
    return _(label) if label else code

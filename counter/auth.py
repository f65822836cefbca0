"""Staff sign-in and who may do what.

PINs are stored as Argon2 hashes (slow and salted). Too many wrong PINs lock
the staff code for a while. Every service calls `require(actor, action)`
before it changes anything, so the rules hold for the TUI, CLI and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import select

from counter import audit
from counter.errors import BadInput, NotPermitted, SignInFailed
from counter.i18n import N_, _
from counter.store.engine import READ_ONLY
from counter.store.uow import UnitOfWork
from models import Role, Staff
from models.clock import now

_hasher = PasswordHasher()

A, C, T, M = Role.ASSISTANT, Role.CASHIER, Role.ORDER_TRACKER, Role.MANAGER

# action -> roles allowed. A manager may do everything a shop floor role does.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "browse_goods": frozenset({A, C, T, M}),
    "write_slip": frozenset({A, M}),
    "cancel_slip": frozenset({A, C, M}),
    "take_payment": frozenset({C, M}),
    "clear_cheque": frozenset({C, M}),
    "issue_invoice": frozenset({C, M}),
    "void_invoice": frozenset({M}),
    "hand_over": frozenset({A, M}),
    "release_unpaid": frozenset({M}),
    "approve_discount": frozenset({M}),
    "view_customers": frozenset({A, C, T, M}),
    # Phone and address in full: the assistant a customer belongs to, who
    # takes them for a delivery; the order tracker on the phone line; the
    # manager. Everyone else sees them masked (see customers.shown_phone).
    "view_customer_contact": frozenset({A, T, M}),
    "edit_customers": frozenset({A, T, M}),
    "take_calls": frozenset({T, M}),
    "manage_goods": frozenset({M}),
    "manage_staff": frozenset({M}),
    "manage_stations": frozenset({M}),
    "manage_store": frozenset({M}),
    "open_drawer": frozenset({C, M}),
    "view_reports": frozenset({M}),
    "view_audit": frozenset({M}),
    "print_documents": frozenset({A, C, M}),
    "set_up_printers": frozenset({C, M}),
    "take_return": frozenset({C, M}),
    "approve_return": frozenset({M}),
    "view_accounts": frozenset({C, M}),
    "manage_credit": frozenset({M}),
    "log_complaint": frozenset({A, C, T, M}),
    "assign_complaint": frozenset({M}),
    "approve_cash_out": frozenset({M}),
    "sign_off_drawer": frozenset({M}),
    "review_orders": frozenset({T, M}),
    "fulfil_orders": frozenset({T, M}),
}


# What each action is called in a refusal ("... may not take payment").
ACTION_LABELS: dict[str, str] = {
    "browse_goods": N_("look up goods"),
    "write_slip": N_("write slips"),
    "cancel_slip": N_("cancel slips"),
    "take_payment": N_("take payment"),
    "clear_cheque": N_("clear cheques"),
    "issue_invoice": N_("issue invoices"),
    "void_invoice": N_("void invoices"),
    "hand_over": N_("hand over goods"),
    "release_unpaid": N_("release goods before the money arrives"),
    "approve_discount": N_("approve discounts"),
    "view_customers": N_("see customer records"),
    "view_customer_contact": N_("see customers' phone numbers and addresses"),
    "edit_customers": N_("edit customer records"),
    "take_calls": N_("take phone orders"),
    "manage_goods": N_("manage goods"),
    "manage_staff": N_("manage staff"),
    "manage_stations": N_("manage stations (counters)"),
    "manage_store": N_("back up or restore the store"),
    "open_drawer": N_("open the cash drawer"),
    "view_reports": N_("read reports"),
    "view_audit": N_("read the audit log"),
    "print_documents": N_("print documents"),
    "set_up_printers": N_("set up printers"),
    "take_return": N_("take returns"),
    "approve_return": N_("approve returns"),
    "view_accounts": N_("see customer accounts"),
    "manage_credit": N_("set credit limits"),
    "log_complaint": N_("log complaints"),
    "assign_complaint": N_("assign complaints"),
    "approve_cash_out": N_("approve paying cash out"),
    "sign_off_drawer": N_("sign off a drawer difference"),
    "review_orders": N_("review phone orders"),
    "fulfil_orders": N_("fulfil phone orders"),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in person a service acts for."""

    id: int
    code: str
    full_name: str
    role: Role
    discount_limit_pct: int = 0


def may(actor: Actor, action: str) -> bool:
    return actor.role in PERMISSIONS[action]


def require(actor: Actor, action: str) -> None:
    if not may(actor, action):
        raise NotPermitted(
            _("{name} ({role}) may not {action}: ask a {allowed}.").format(
                name=actor.full_name,
                role=role_label(actor.role),
                action=action_label(action),
                allowed=" / ".join(role_label(r) for r in sorted(PERMISSIONS[action])),
            )
        )


def role_label(role: Role | str) -> str:
    return {
        "assistant": _("shop assistant"),
        "cashier": _("cashier"),
        "order_tracker": _("order tracker"),
        "manager": _("manager"),
    }[str(role)]


def action_label(action: str) -> str:
    return _(ACTION_LABELS[action])


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    return _hasher.hash(pin)


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise BadInput(_("A PIN is 4 to 8 digits."))


def actor_of(staff: Staff) -> Actor:
    assert staff.id is not None
    return Actor(staff.id, staff.code, staff.full_name, Role(staff.role), staff.discount_limit_pct)


def sign_in(uow: UnitOfWork, code: str, pin: str) -> Actor:
    """The staff member for code + PIN; counts failures and locks the code
    as the store's policy says (services.policy: never the caller's settings)."""
    from counter.services.policy import policy_in

    code = code.strip().upper()
    with uow:
        # Only reading: the slow PIN check below must not hold the write lock
        # every other counter needs (on SQLite one lock covers the store).
        uow.session.connection(execution_options={READ_ONLY: True})
        staff = uow.session.exec(select(Staff).where(Staff.code == code)).first()
        if staff is None and uow.session.exec(select(Staff.id).limit(1)).first() is None:
            raise SignInFailed(
                _("This store has no staff yet: run `counter demo` for a demo store, or `counter staff add` to add the first manager.")
            )
        policy = policy_in(uow.session)
    if staff is None or not staff.active:
        # The same words as a wrong PIN: a guess learns nothing of which codes exist.
        raise SignInFailed(_("Wrong staff code or PIN."))
    if staff.locked_until and staff.locked_until > now():
        raise _locked(code, staff.locked_until)
    try:
        _hasher.verify(staff.pin_hash, pin)
    except (VerificationError, InvalidHashError):
        raise _count_failure(uow, staff, policy.max_pin_failures, policy.lockout_minutes) from None
    rehashed = _hasher.hash(pin) if _hasher.check_needs_rehash(staff.pin_hash) else None
    # Read again after the slow check: wrong PINs typed at the same moment on
    # other counters may have locked the code meanwhile. Only a reset of the
    # count takes the write lock; a plain sign-in never waits for another
    # counter's write (SQLite has one lock for the whole store).
    with uow:
        if not (staff.failed_pins or staff.locked_until or rehashed):
            uow.session.connection(execution_options={READ_ONLY: True})
            fresh = uow.session.get(Staff, staff.id, populate_existing=True)
        else:
            fresh = _locked_row(uow, staff)
        if fresh.locked_until and fresh.locked_until > now():
            raise _locked(code, fresh.locked_until)
        if fresh.failed_pins or fresh.locked_until or rehashed:
            if staff.failed_pins or staff.locked_until or rehashed:
                fresh.failed_pins = 0
                fresh.locked_until = None
                fresh.pin_hash = rehashed or fresh.pin_hash
                uow.session.add(fresh)
                uow.commit()
    return actor_of(staff)


def _locked_row(uow: UnitOfWork, staff: Staff) -> Staff:
    # Wrong PINs typed at once on several counters (PostgreSQL) then count
    # one after another, none lost.
    return uow.session.get(Staff, staff.id, with_for_update={"key_share": True}, populate_existing=True)


def _count_failure(uow: UnitOfWork, staff: Staff, max_failures: int, lockout_minutes: int) -> SignInFailed:
    """Records a wrong PIN (locking the code after `max_failures`) and returns the error to raise."""
    with uow:
        fresh = _locked_row(uow, staff)
        if fresh.locked_until and fresh.locked_until > now():
            return _locked(staff.code, fresh.locked_until)
        fresh.failed_pins += 1
        message = _("Wrong staff code or PIN.")
        if fresh.failed_pins >= max_failures:
            fresh.locked_until = now() + timedelta(minutes=lockout_minutes)
            fresh.failed_pins = 0
            audit.record(uow.session, fresh.id, "staff.locked", "staff", fresh.id)
            message = _("Wrong PIN for {code}; the code is locked for {minutes} minutes.").format(
                code=staff.code, minutes=lockout_minutes
            )
        uow.session.add(fresh)
        uow.commit()
    return SignInFailed(message)


def _locked(code: str, until: datetime) -> SignInFailed:
    return SignInFailed(
        _("Code {code} is locked after too many wrong PINs; try again after {time}.").format(
            code=code, time=until.strftime("%H:%M")
        )
    )


def verify_manager(uow: UnitOfWork, code: str, pin: str) -> Actor:
    """A manager's code + PIN given at the counter to approve something."""
    actor = sign_in(uow, code, pin)
    if actor.role != Role.MANAGER:
        raise NotPermitted(_("{name} is not a manager: a manager must approve this.").format(name=actor.full_name))
    return actor

"""Account customers (应收款): a manager sets how much a customer may owe; a
slip is then paid "on account" (挂账) within it, repaid later through any
tender, and the aging list shows what is owed and since when for 催收 calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, func
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.errors import BadInput, InvalidState, NotFound
from counter.i18n import _
from counter.money import MAX_AMOUNT, fmt, from_fen, to_fen
from counter.services.customers import shown_phone
from counter.store.uow import UnitOfWork, retrying
from models import AccountEntry, CreditAccount, Customer, EntryKind, Slip, Staff, Tender
from models.clock import now
from models.ids import id_of

# The tenders a repayment may come in: money that has arrived. A cheque is
# cleared slip by slip, so an account is not repaid by one.
REPAYMENT_TENDERS = (Tender.CASH, Tender.CARD, Tender.MOBILE)
# Aging buckets for the 催收 list: days since the charge, inclusive upper ends.
BUCKETS = ((0, 30), (31, 60), (61, 90), (91, None))


@dataclass(frozen=True)
class AccountView:
    customer_id: int
    name: str
    phone: str
    limit: Decimal
    owed: Decimal

    @property
    def available(self) -> Decimal:
        return max(self.limit - self.owed, Decimal(0))


@dataclass(frozen=True)
class EntryView:
    at: datetime
    kind: EntryKind
    amount: Decimal
    slip_number: str
    tender: str
    reference: str
    by: str


@dataclass(frozen=True)
class AgingRow:
    customer_id: int
    name: str
    phone: str
    limit: Decimal
    owed: Decimal
    # What is owed by age: 0–30, 31–60, 61–90, over 90 days.
    buckets: tuple[Decimal, Decimal, Decimal, Decimal]
    since: date | None  # the oldest charge not yet paid off
    last_repaid: date | None


def bucket_label(index: int) -> str:
    low, high = BUCKETS[index]
    return _("{low}–{high} days").format(low=low, high=high) if high else _("over {days} days").format(days=low - 1)


def _owed_fen(session: Session, customer_id: int) -> int:
    total = session.exec(select(func.sum(AccountEntry.amount_fen)).where(AccountEntry.customer_id == customer_id)).one()
    return int(total or 0)


def _account(session: Session, customer_id: int) -> CreditAccount | None:
    return session.exec(select(CreditAccount).where(CreditAccount.customer_id == customer_id)).first()


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("No customer with id {id}.").format(id=customer_id))
    return customer


def _view(session: Session, customer: Customer, account: CreditAccount | None, actor: Actor) -> AccountView:
    return AccountView(
        id_of(customer),
        customer.name,
        shown_phone(actor, customer.phone),
        from_fen(account.limit_fen if account else 0),
        from_fen(_owed_fen(session, id_of(customer))),
    )


def check_limit(limit: Decimal) -> Decimal:
    if limit < 0 or limit > MAX_AMOUNT:
        raise BadInput(_("A credit limit is from ¥0 to {max}.").format(max=fmt(MAX_AMOUNT)))
    return limit


@retrying
def set_credit_limit(uow: UnitOfWork, actor: Actor, customer_id: int, limit: Decimal) -> AccountView:
    """Opens an account or changes its limit. A limit below what is already
    owed stops further sales on account; nothing owed is forgiven."""
    require(actor, "manage_credit")
    limit = check_limit(limit)
    with uow:
        session = uow.session
        customer = _customer(session, customer_id)
        account = _account(session, customer_id)
        before = {"limit_fen": account.limit_fen} if account else None
        if account is None:
            account = CreditAccount(customer_id=customer_id, limit_fen=0, set_by_id=actor.id)
        account.limit_fen = to_fen(limit)
        account.set_by_id = actor.id
        account.set_at = now()
        session.add(account)
        audit.record(
            session, actor.id, "account.limit_set", "customer", customer_id, before=before,
            after={"limit_fen": account.limit_fen},
        )
        view = _view(session, customer, account, actor)
        uow.commit()
        return view


def account_of(uow: UnitOfWork, actor: Actor, customer_id: int) -> AccountView:
    require(actor, "view_accounts")
    with uow:
        session = uow.session
        return _view(session, _customer(session, customer_id), _account(session, customer_id), actor)


def accounts(uow: UnitOfWork, actor: Actor) -> list[AccountView]:
    """Every account customer, by name."""
    require(actor, "view_accounts")
    with uow:
        session = uow.session
        rows = session.exec(
            select(Customer, CreditAccount)
            .join(CreditAccount, col(CreditAccount.customer_id) == Customer.id)
            .order_by(col(Customer.name))
        )
        return [_view(session, customer, account, actor) for customer, account in rows]


def charge_account(session: Session, actor: Actor, slip: Slip | Row[Any], amount: Decimal) -> None:
    """挂账: a slip (or part of it) paid on account, inside take_payment's
    transaction. Refused unless the slip's customer has an account with
    enough credit left."""
    if slip.customer_id is None:
        raise BadInput(_("Only a slip written for a customer can be paid on account: set the customer on the slip."))
    account = _account(session, slip.customer_id)
    customer = _customer(session, slip.customer_id)
    if account is None:
        raise InvalidState(
            _("{name} has no account: a manager must give them a credit limit first.").format(name=customer.name)
        )
    owed = _owed_fen(session, slip.customer_id)
    available = max(account.limit_fen - owed, 0)
    if to_fen(amount) > available:
        raise InvalidState(
            _("{name} may owe up to {limit} and already owes {owed}: only {available} more can go on account.").format(
                name=customer.name,
                limit=fmt(from_fen(account.limit_fen)),
                owed=fmt(from_fen(owed)),
                available=fmt(from_fen(available)),
            )
        )
    session.add(
        AccountEntry(customer_id=slip.customer_id, kind=EntryKind.CHARGE, amount_fen=to_fen(amount), slip_id=slip.id, by_id=actor.id)
    )
    audit.record(
        session, actor.id, "account.charged", "customer", slip.customer_id,
        before={"owed_fen": owed}, after={"owed_fen": owed + to_fen(amount), "slip": slip.number},
    )


def credit_return(session: Session, actor: Actor, slip: Slip, amount: Decimal) -> None:
    """Goods bought on account came back: the customer owes that much less."""
    assert slip.customer_id is not None  # a slip bought on account names its customer
    owed = _owed_fen(session, slip.customer_id)
    session.add(
        AccountEntry(
            customer_id=slip.customer_id, kind=EntryKind.RETURN, amount_fen=-to_fen(amount), slip_id=id_of(slip), by_id=actor.id
        )
    )
    audit.record(
        session, actor.id, "account.credited", "customer", slip.customer_id,
        before={"owed_fen": owed}, after={"owed_fen": owed - to_fen(amount), "slip": slip.number},
    )


@retrying
def repay(
    uow: UnitOfWork, actor: Actor, customer_id: int, tender: Tender, amount: Decimal, reference: str = ""
) -> AccountView:
    """Money received against an account, never more than is owed."""
    require(actor, "take_payment")
    if tender not in REPAYMENT_TENDERS:
        raise BadInput(_("An account is repaid in cash, by bank card or by mobile payment."))
    if amount <= 0:
        raise BadInput(_("A repayment must be more than zero."))
    reference = reference.strip()
    if tender == Tender.MOBILE and not reference:
        raise BadInput(_("A mobile repayment needs its reference number."))
    with uow:
        session = uow.session
        customer = _customer(session, customer_id)
        account = _account(session, customer_id)
        owed = _owed_fen(session, customer_id)
        if to_fen(amount) > owed:
            raise BadInput(
                _("{name} owes {owed}: a repayment cannot be more than that.").format(
                    name=customer.name, owed=fmt(from_fen(max(owed, 0)))
                )
            )
        session.add(
            AccountEntry(
                customer_id=customer_id, kind=EntryKind.REPAYMENT, amount_fen=-to_fen(amount), tender=str(tender),
                reference=reference, by_id=actor.id,
            )
        )
        audit.record(
            session, actor.id, "account.repaid", "customer", customer_id,
            before={"owed_fen": owed}, after={"owed_fen": owed - to_fen(amount), "tender": str(tender)},
        )
        session.flush()
        view = _view(session, customer, account, actor)
        uow.commit()
        return view


def statement(uow: UnitOfWork, actor: Actor, customer_id: int) -> list[EntryView]:
    """Every movement on the account, oldest first."""
    require(actor, "view_accounts")
    with uow:
        session = uow.session
        _customer(session, customer_id)
        rows = session.exec(
            select(AccountEntry, Slip.number, Staff.full_name)
            .join(Slip, col(Slip.id) == AccountEntry.slip_id, isouter=True)
            .join(Staff, col(Staff.id) == AccountEntry.by_id)
            .where(AccountEntry.customer_id == customer_id)
            .order_by(col(AccountEntry.at), col(AccountEntry.id))
        )
        return [
            EntryView(e.at, EntryKind(e.kind), from_fen(e.amount_fen), number or "", e.tender, e.reference, by)
            for e, number, by in rows
        ]


def _bucket(days: int) -> int:
    for index, (_low, high) in enumerate(BUCKETS):
        if high is not None and days <= high:
            return index
    return len(BUCKETS) - 1


def age_entries(entries: list[AccountEntry], as_of: date) -> tuple[list[int], date | None]:
    """Spreads what is owed over the charges it comes from. Repayments and
    returns pay off the oldest charges first, as a shop's ledger does."""
    paid = -sum(e.amount_fen for e in entries if e.amount_fen < 0)
    buckets = [0] * len(BUCKETS)
    since = None
    for charge in sorted((e for e in entries if e.amount_fen > 0), key=lambda e: (e.at, e.id or 0)):
        covered = min(paid, charge.amount_fen)
        paid -= covered
        left = charge.amount_fen - covered
        if left:
            buckets[_bucket((as_of - charge.at.date()).days)] += left
            since = since or charge.at.date()
    return buckets, since


def aging(uow: UnitOfWork, actor: Actor, as_of: date | None = None) -> list[AgingRow]:
    """Who owes what and for how long, oldest debt first; settled accounts are left out."""
    require(actor, "view_accounts")
    as_of = as_of or now().date()
    with uow:
        session = uow.session
        entries: dict[int, list[AccountEntry]] = {}
        for entry in session.exec(select(AccountEntry).order_by(col(AccountEntry.at), col(AccountEntry.id))):
            entries.setdefault(entry.customer_id, []).append(entry)
        rows = []
        for customer_id, mine in entries.items():
            buckets, since = age_entries(mine, as_of)
            if not any(buckets):
                continue
            customer = session.get(Customer, customer_id)
            assert customer is not None  # entries refer to their customer (foreign key)
            account = _account(session, customer_id)
            repaid = [e.at.date() for e in mine if e.kind == EntryKind.REPAYMENT]
            rows.append(
                AgingRow(
                    customer_id,
                    customer.name,
                    shown_phone(actor, customer.phone),
                    from_fen(account.limit_fen if account else 0),
                    from_fen(sum(buckets)),
                    (from_fen(buckets[0]), from_fen(buckets[1]), from_fen(buckets[2]), from_fen(buckets[3])),
                    since,
                    max(repaid) if repaid else None,
                )
            )
        rows.sort(key=lambda r: (r.since, r.name))
        return rows

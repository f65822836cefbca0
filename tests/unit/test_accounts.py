"""Account customers (应收款): credit limits, sales on account, repayments
and the aging list for 催收 calls."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from counter.errors import BadInput, InvalidState, NotPermitted
from counter.services import accounts, customers
from counter.services.payments import TenderIn
from counter.services.returns import RefundIn, ReturnLineIn, take_return
from models import AccountEntry, Slip, SlipStatus, Tender
from models.clock import frozen_at


@pytest.fixture
def customer(store, staff) -> int:
    return customers.add_customer(store.uow(), staff["A01"], "广州市明华贸易公司", "020-88880000", "天河路1号").id


def on_account(total: Decimal) -> list[TenderIn]:
    return [TenderIn(Tender.ACCOUNT, total)]


def test_only_a_manager_sets_a_credit_limit(store, staff, customer):
    with pytest.raises(NotPermitted):
        accounts.set_credit_limit(store.uow(), staff["C01"], customer, Decimal(1000))
    view = accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(1000))
    assert (view.limit, view.owed, view.available) == (Decimal(1000), Decimal(0), Decimal(1000))


def test_sale_on_account_within_the_limit_is_paid_and_owed(store, staff, customer, sell):
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(5000))
    slip = sell({"XYJ-1": 1}, tenders=on_account(Decimal("3299.00")), customer_id=customer)
    assert slip.status == SlipStatus.CLOSED
    view = accounts.account_of(store.uow(), staff["C01"], customer)
    assert view.owed == Decimal("3299.00") and view.available == Decimal("1701.00")


def test_sale_on_account_over_the_limit_is_refused(store, staff, customer, sell):
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(3000))
    with pytest.raises(InvalidState, match="only ¥3,000.00 more can go on account"):
        sell({"XYJ-1": 1}, tenders=on_account(Decimal("3299.00")), customer_id=customer)
    with store.uow() as u:
        assert u.session.exec(select(AccountEntry)).first() is None
        assert u.session.exec(select(Slip.status).where(Slip.number.is_not(None))).one() == SlipStatus.WRITTEN


def test_sale_on_account_needs_a_customer_with_an_account(store, staff, customer, sell):
    with pytest.raises(BadInput, match="written for a customer"):
        sell({"PJ-1": 1}, tenders=on_account(Decimal("89.90")))
    with pytest.raises(InvalidState, match="has no account"):
        sell({"PJ-1": 1}, tenders=on_account(Decimal("89.90")), customer_id=customer)


def test_repayment_lowers_what_is_owed_and_never_passes_it(store, staff, customer, sell):
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(5000))
    sell({"XYJ-2": 1}, tenders=on_account(Decimal("1599.00")), customer_id=customer)
    with pytest.raises(BadInput, match="cannot be more"):
        accounts.repay(store.uow(), staff["C01"], customer, Tender.CASH, Decimal(1600))
    with pytest.raises(BadInput, match="reference"):
        accounts.repay(store.uow(), staff["C01"], customer, Tender.MOBILE, Decimal(100))
    view = accounts.repay(store.uow(), staff["C01"], customer, Tender.CARD, Decimal(599), "123456")
    assert view.owed == Decimal(1000)
    kinds = [str(e.kind) for e in accounts.statement(store.uow(), staff["C01"], customer)]
    assert kinds == ["charge", "repayment"]


def test_goods_bought_on_account_are_refunded_to_the_account(store, staff, customer, sell):
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(5000))
    slip = sell({"PJ-1": 2}, tenders=on_account(Decimal("179.80")), customer_id=customer)
    with pytest.raises(BadInput, match="goes back to the account"):
        take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "多买了", RefundIn(Tender.CASH), staff["M01"])
    take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "多买了", RefundIn(Tender.ACCOUNT), staff["M01"])
    assert accounts.account_of(store.uow(), staff["C01"], customer).owed == Decimal("89.90")


def test_aging_puts_each_unpaid_charge_in_its_bucket_oldest_paid_first(store, staff, customer, sell):
    m, c = staff["M01"], staff["C01"]
    accounts.set_credit_limit(store.uow(), m, customer, Decimal(20000))
    sales = [  # (sold on, slip)
        (datetime(2025, 1, 5, 10), {"XYJ-2": 1}),  # 1599.00, 120 days before as_of
        (datetime(2025, 3, 20, 10), {"PJ-1": 1}),  # 89.90, 46 days
        (datetime(2025, 4, 20, 10), {"DFB-1": 1}),  # 399.00, 15 days
    ]
    for moment, items in sales:
        with frozen_at(moment):
            slip_total = {"XYJ-2": Decimal("1599.00"), "PJ-1": Decimal("89.90"), "DFB-1": Decimal("399.00")}
            sell(items, tenders=on_account(sum(slip_total[k] * q for k, q in items.items())), customer_id=customer)
    with frozen_at(datetime(2025, 4, 25, 15)):
        accounts.repay(store.uow(), c, customer, Tender.CASH, Decimal("1000.00"))
    (row,) = accounts.aging(store.uow(), c, as_of=date(2025, 5, 5))
    # The repayment pays off the oldest charge first: 599.00 of it is left, 90+ days old.
    assert row.buckets == (Decimal("399.00"), Decimal("89.90"), Decimal(0), Decimal("599.00"))
    assert row.owed == Decimal("1087.90") and row.since == date(2025, 1, 5) and row.last_repaid == date(2025, 4, 25)


def test_aging_bucket_edges_are_30_60_90_days():
    from models import EntryKind

    as_of = date(2025, 6, 30)
    for days, bucket in ((0, 0), (30, 0), (31, 1), (60, 1), (61, 2), (90, 2), (91, 3), (400, 3)):
        charge = AccountEntry(id=1, customer_id=1, kind=EntryKind.CHARGE, amount_fen=100, by_id=1,
                              at=datetime.combine(date.fromordinal(as_of.toordinal() - days), datetime.min.time()))
        buckets, _since = accounts.age_entries([charge], as_of)
        assert buckets.index(100) == bucket, days


def test_settled_accounts_are_not_on_the_aging_list(store, staff, customer, sell):
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(500))
    sell({"PJ-1": 1}, tenders=on_account(Decimal("89.90")), customer_id=customer)
    accounts.repay(store.uow(), staff["C01"], customer, Tender.CASH, Decimal("89.90"))
    assert accounts.aging(store.uow(), staff["C01"]) == []

"""Every role rule, enforced in the services themselves: each service that
acts for someone, called directly (no screen in the way) by every role that
may not, is refused with NotPermitted and writes nothing."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import shutil
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

import counter.services
from counter.auth import PERMISSIONS, Actor, actor_of
from counter.config import Settings
from counter.errors import CounterError, NotPermitted
from counter.i18n import set_language
from counter.services import (
    accounts,
    audit_log,
    calls,
    cash_queue,
    catalog,
    claims,
    complaints,
    customers,
    drawer,
    fapiao,
    goods_tax,
    handover,
    importer,
    invoices,
    orders,
    payment_undo,
    payments,
    policy,
    reports,
    returns,
    serials,
    shifts,
    slips,
    staff,
    stations,
    subsidies,
)
from counter.store import Store
from models import BuyerType, CallPurpose, CashMovementKind, Channel, OrderStatus, Product, Staff, Tender
from models.clock import now
from tests.conftest import SHIFT_FLOAT, row_counts
from tests.orders_helpers import ADDRESS, advance, confirmed, pay, take

T = payments.TenderIn


@dataclass
class Shop:
    """One of everything a service may act on."""

    draft: int
    held: int
    written: int
    paid: int
    cheque: int
    invoice: int
    customer: int  # an account customer: a credit limit, and a slip on account
    csv: Path
    manager: Actor  # the approver, where a service needs one besides the actor
    closed: int  # a slip paid and handed over, for a return
    closed_number: str
    shift: int  # the cashier's open shift
    complaint: int
    taken: int  # phone orders, one in each state the services act on
    confirmed: int
    accepted: int
    delivered: int
    follow_up: int


def build_shop(store: Store, csv: Path) -> Shop:
    with store.uow() as u:
        staff = {person.code: actor_of(person) for person in u.session.exec(select(Staff))}
        products = dict(u.session.exec(select(Product.sku, Product.id)).all())
    a, c, t, m = staff["A01"], staff["C01"], staff["T01"], staff["M01"]

    def written(sku: str, customer: int | None = None) -> slips.SlipView:
        draft = slips.current_draft(store.uow(), a)
        slips.add_line(store.uow(), a, draft.id, products[sku])
        if customer is not None:
            slips.set_customer(store.uow(), a, draft.id, customer)
        return slips.write_slip(store.uow(), a, draft.id)

    paid = written("PJ-1").id
    payments.take_payment(store.uow(), c, paid, [T(Tender.CASH, Decimal(100))])
    cheque = written("XYJ-2").id
    payments.take_payment(store.uow(), c, cheque, [T(Tender.CHEQUE, Decimal("1599.00"), reference="ZP1")])
    invoice = invoices.issue_invoice(store.uow(), c, paid, invoices.InvoiceDetails("王小明", "天河路 1 号", "13800138000"))
    still_written = written("XYJ-1").id
    customer = customers.add_customer(store.uow(), a, "王小明", "13800138000", "天河路 1 号").id
    accounts.set_credit_limit(store.uow(), m, customer, Decimal(5000))
    on_account = written("PJ-1", customer)
    payments.take_payment(store.uow(), c, on_account.id, [T(Tender.ACCOUNT, on_account.total)])
    closed = written("PJ-1")
    payments.take_payment(store.uow(), c, closed.id, [T(Tender.CASH, closed.total)])
    handover.pack_line(store.uow(), a, closed.id, 1)
    handover.hand_over(store.uow(), a, closed.id)
    held = slips.current_draft(store.uow(), a).id
    slips.add_line(store.uow(), a, held, products["PJ-1"])
    slips.hold_slip(store.uow(), a, held)
    draft = slips.current_draft(store.uow(), a).id
    slips.add_line(store.uow(), a, draft, products["XYJ-1"])
    csv.write_text("sku,name,unit_price\nNEW-1,新货,1.00\n", encoding="utf-8")
    complaint = complaints.log_complaint(store.uow(), a, "送货晚了", Channel.COUNTER, customer_id=customer).id
    goods = {"phone": "13900139001", "goods": (("PJ-1", 1),)}
    taken = take(store, staff, products, **goods).id
    reviewable = confirmed(store, staff, products, **goods).id
    accepted = advance(store, staff, confirmed(store, staff, products, **goods), OrderStatus.ACCEPTED).id
    delivered = advance(store, staff, confirmed(store, staff, products, **goods), OrderStatus.DISPATCHED)
    pay(store, staff, delivered)
    orders.deliver(store.uow(), t, delivered.id)
    return Shop(
        draft, held, still_written, paid, cheque, invoice.id, customer, csv,
        manager=m,
        closed=closed.id,
        closed_number=closed.number,
        shift=shifts.recent_shifts(store.uow(), c, limit=1)[0].id,
        complaint=complaint,
        taken=taken,
        confirmed=reviewable,
        accepted=accepted,
        delivered=delivered.id,
        follow_up=orders.follow_ups(store.uow(), t, delivered.id)[0].id,
    )


@pytest.fixture(scope="module")
def built_shop(tmp_path_factory, template_db) -> tuple[Path, Shop]:
    """The shop built once on a copy of the seeded SQLite store: building it
    takes some forty service calls, too slow to repeat for every row."""
    folder = tmp_path_factory.mktemp("shop")
    shutil.copy(template_db, folder / "counter.db")
    set_language("en")
    settings = replace(Settings(), db_url=f"sqlite:///{folder / 'counter.db'}", lang="en",
                       documents_dir=str(folder / "documents"))
    store = Store.open(settings)
    try:
        return folder / "counter.db", build_shop(store, folder / "goods.csv")
    finally:
        store.engine.dispose()


@pytest.fixture
def db_url(db_url, tmp_path, built_shop) -> str:
    """Each test starts from a copy of the built shop; on PostgreSQL, from the
    seed, and `shop` builds it again there (the ids come out the same)."""
    if os.environ.get("COUNTER_TEST_DB"):
        return db_url
    path = tmp_path / "shop.db"
    shutil.copy(built_shop[0], path)
    return f"sqlite:///{path}"


@pytest.fixture
def shop(store, built_shop, tmp_path) -> Shop:
    if os.environ.get("COUNTER_TEST_DB"):
        return build_shop(store, tmp_path / "goods.csv")
    return built_shop[1]


DETAILS = invoices.InvoiceDetails("王小明", "天河路 1 号", "13800138000")
LATER = timedelta(days=3)

# service -> (the rule it enforces, how to call it as `who`)
CALLS = {
    "slips.current_draft": ("write_slip", lambda u, who, s, x: slips.current_draft(u, who)),
    "slips.add_line": ("write_slip", lambda u, who, s, x: slips.add_line(u, who, s.draft, x["PJ-1"])),
    "slips.set_quantity": ("write_slip", lambda u, who, s, x: slips.set_quantity(u, who, s.draft, 1, 2)),
    "slips.remove_line": ("write_slip", lambda u, who, s, x: slips.remove_line(u, who, s.draft, 1)),
    "slips.set_unit_price": ("write_slip", lambda u, who, s, x: slips.set_unit_price(u, who, s.draft, 1, Decimal("3200"))),
    "slips.set_customer": ("write_slip", lambda u, who, s, x: slips.set_customer(u, who, s.draft, s.customer)),
    "slips.hold_slip": ("write_slip", lambda u, who, s, x: slips.hold_slip(u, who, s.draft)),
    "slips.held_slips": ("write_slip", lambda u, who, s, x: slips.held_slips(u, who)),
    "slips.resume_slip": ("write_slip", lambda u, who, s, x: slips.resume_slip(u, who, s.held)),
    "slips.write_slip": ("write_slip", lambda u, who, s, x: slips.write_slip(u, who, s.draft)),
    "slips.cancel_slip": ("cancel_slip", lambda u, who, s, x: slips.cancel_slip(u, who, s.written, "changed mind")),
    "slips.reopen_slip": ("write_slip", lambda u, who, s, x: slips.reopen_slip(u, who, s.written)),
    "payments.verify_slip": ("take_payment", lambda u, who, s, x: payments.verify_slip(u, who, s.written)),
    "payments.take_payment": (
        "take_payment", lambda u, who, s, x: payments.take_payment(u, who, s.written, [T(Tender.CASH, Decimal(4000))])
    ),
    "payments.clear_cheque": ("clear_cheque", lambda u, who, s, x: payments.clear_cheque(u, who, s.cheque)),
    "payments.renew_claim": ("take_payment", lambda u, who, s, x: payments.renew_claim(u, who, s.written)),
    "claims.claimed": ("take_payment", lambda u, who, s, x: claims.claimed(u, who, [s.written])),
    "cash_queue.read_queue": ("take_payment", lambda u, who, s, x: cash_queue.read_queue(u, who)),
    "cash_queue.merged": ("take_payment", lambda u, who, s, x: cash_queue.merged(u, who, [], {"000001"})),
    "claims.release": ("take_payment", lambda u, who, s, x: claims.release(u, who, s.written)),
    "stations.add_station": ("manage_stations", lambda u, who, s, x: stations.add_station(u, who, stations.StationIn("Till 9"))),
    "stations.edit_station": (
        "manage_stations", lambda u, who, s, x: stations.edit_station(u, who, "Till 9", stations.StationIn("Till 9"))
    ),
    "stations.remove_station": ("manage_stations", lambda u, who, s, x: stations.remove_station(u, who, "Till 9")),
    "invoices.issue_invoice": ("issue_invoice", lambda u, who, s, x: invoices.issue_invoice(u, who, s.paid, DETAILS)),
    "invoices.void_invoice": ("void_invoice", lambda u, who, s, x: invoices.void_invoice(u, who, s.invoice, "wrong name")),
    "handover.open_for_hand_over": ("hand_over", lambda u, who, s, x: handover.open_for_hand_over(u, who, s.paid)),
    "handover.pack_line": ("hand_over", lambda u, who, s, x: handover.pack_line(u, who, s.paid, 1)),
    "handover.hand_over": ("hand_over", lambda u, who, s, x: handover.hand_over(u, who, s.paid)),
    "handover.waiting": ("hand_over", lambda u, who, s, x: handover.waiting(u, who)),
    "customers.add_customer": ("edit_customers", lambda u, who, s, x: customers.add_customer(u, who, "李四", "13900139000")),
    "customers.find_customers": ("view_customers", lambda u, who, s, x: customers.find_customers(u, who, "王")),
    "customers.get_customer": ("view_customers", lambda u, who, s, x: customers.get_customer(u, who, s.customer)),
    "catalog.add_product": (
        "manage_goods", lambda u, who, s, x: catalog.add_product(u, who, catalog.NewProduct("NEW-2", "新货", Decimal(1)))
    ),
    "importer.import_products": ("manage_goods", lambda u, who, s, x: importer.import_products(u, who, s.csv)),
    "staff.add_staff": ("manage_staff", lambda u, who, s, x: staff.add_staff(u, who, "A09", "新人", "assistant", "1234")),
    # Phone orders and the call log.
    "calls.log_call": (
        "take_calls", lambda u, who, s, x: calls.log_call(u, who, "13700137000", "钱女士", CallPurpose.ENQUIRY, "问冰箱尺寸")
    ),
    "calls.lookup_caller": ("take_calls", lambda u, who, s, x: calls.lookup_caller(u, who, "13900139001")),
    "calls.recent_calls": ("take_calls", lambda u, who, s, x: calls.recent_calls(u, who)),
    "orders.get_order": ("take_calls", lambda u, who, s, x: orders.get_order(u, who, s.taken)),
    "orders.add_line": ("take_calls", lambda u, who, s, x: orders.add_line(u, who, s.taken, x["XYJ-2"])),
    "orders.set_quantity": ("take_calls", lambda u, who, s, x: orders.set_quantity(u, who, s.taken, 1, 2)),
    "orders.remove_line": ("take_calls", lambda u, who, s, x: orders.remove_line(u, who, s.taken, 1)),
    "orders.set_unit_price": (
        "take_calls",
        lambda u, who, s, x: orders.set_unit_price(u, who, s.taken, 1, Decimal("80.00"), approver=s.manager),
    ),
    "orders.set_delivery": (
        "take_calls", lambda u, who, s, x: orders.set_delivery(u, who, s.taken, ADDRESS, now().date() + LATER, "下午送")
    ),
    "orders.prepare_read_back": ("take_calls", lambda u, who, s, x: orders.prepare_read_back(u, who, s.taken)),
    "orders.record_read_back": (
        "take_calls", lambda u, who, s, x: orders.record_read_back(u, who, s.taken, confirmed=True)
    ),
    "orders.read_backs": ("take_calls", lambda u, who, s, x: orders.read_backs(u, who, s.confirmed)),
    "orders.history": ("take_calls", lambda u, who, s, x: orders.history(u, who, s.delivered)),
    "orders.board": ("take_calls", lambda u, who, s, x: orders.board(u, who)),
    "orders.orders_in": ("take_calls", lambda u, who, s, x: orders.orders_in(u, who, OrderStatus.CONFIRMED)),
    "orders.review": ("review_orders", lambda u, who, s, x: orders.review(u, who, s.confirmed)),
    "orders.accept_order": ("review_orders", lambda u, who, s, x: orders.accept_order(u, who, s.confirmed)),
    "orders.reject_order": ("review_orders", lambda u, who, s, x: orders.reject_order(u, who, s.confirmed, "缺货")),
    "orders.start_picking": ("fulfil_orders", lambda u, who, s, x: orders.start_picking(u, who, s.accepted)),
    "orders.schedule_delivery": (
        "fulfil_orders",
        lambda u, who, s, x: orders.schedule_delivery(u, who, s.accepted, now().date() + LATER, ADDRESS, "小刘"),
    ),
    "orders.dispatch": ("fulfil_orders", lambda u, who, s, x: orders.dispatch(u, who, s.accepted)),
    "orders.deliver": ("fulfil_orders", lambda u, who, s, x: orders.deliver(u, who, s.accepted)),
    "orders.close_order": ("fulfil_orders", lambda u, who, s, x: orders.close_order(u, who, s.delivered)),
    "orders.cancel_order": ("fulfil_orders", lambda u, who, s, x: orders.cancel_order(u, who, s.accepted, "不要了")),
    # An accepted order's slip is paid and invoiced at the counter, by the counter's rules.
    "orders.pay_order": (
        "take_payment", lambda u, who, s, x: orders.pay_order(u, who, s.accepted, [T(Tender.CASH, Decimal("89.90"))])
    ),
    "orders.invoice_order": ("issue_invoice", lambda u, who, s, x: orders.invoice_order(u, who, s.accepted)),
    "orders.schedule_follow_up": (
        "take_calls", lambda u, who, s, x: orders.schedule_follow_up(u, who, s.delivered, now().date() + LATER)
    ),
    "orders.record_follow_up": ("take_calls", lambda u, who, s, x: orders.record_follow_up(u, who, s.follow_up, "满意")),
    "orders.follow_ups": ("take_calls", lambda u, who, s, x: orders.follow_ups(u, who)),
    # Account customers.
    "accounts.account_of": ("view_accounts", lambda u, who, s, x: accounts.account_of(u, who, s.customer)),
    "accounts.accounts": ("view_accounts", lambda u, who, s, x: accounts.accounts(u, who)),
    "accounts.aging": ("view_accounts", lambda u, who, s, x: accounts.aging(u, who)),
    "accounts.statement": ("view_accounts", lambda u, who, s, x: accounts.statement(u, who, s.customer)),
    "accounts.set_credit_limit": (
        "manage_credit", lambda u, who, s, x: accounts.set_credit_limit(u, who, s.customer, Decimal(8000))
    ),
    "accounts.repay": (
        "take_payment", lambda u, who, s, x: accounts.repay(u, who, s.customer, Tender.CASH, Decimal("50.00"))
    ),
    # Complaints: anyone logs and follows them up; only a manager assigns them.
    "complaints.log_complaint": (
        "log_complaint",
        lambda u, who, s, x: complaints.log_complaint(u, who, "漏水", Channel.PHONE, contact="钱女士 13700137000"),
    ),
    "complaints.assign_complaint": (
        "assign_complaint", lambda u, who, s, x: complaints.assign_complaint(u, who, s.complaint, "A01")
    ),
    "complaints.follow_up": ("log_complaint", lambda u, who, s, x: complaints.follow_up(u, who, s.complaint, "已致电")),
    "complaints.close_complaint": (
        "log_complaint", lambda u, who, s, x: complaints.close_complaint(u, who, s.complaint, "已换货")
    ),
    "complaints.complaints": ("log_complaint", lambda u, who, s, x: complaints.complaints(u, who)),
    "complaints.get_complaint": ("log_complaint", lambda u, who, s, x: complaints.get_complaint(u, who, s.complaint)),
    # Returns, with a manager approving so only the actor's own rule is tested.
    "returns.open_for_return": ("take_return", lambda u, who, s, x: returns.open_for_return(u, who, s.closed_number)),
    "returns.take_return": (
        "take_return",
        lambda u, who, s, x: returns.take_return(
            u, who, s.closed, [returns.ReturnLineIn(1, 1)], "不合适", returns.RefundIn(Tender.CASH), s.manager
        ),
    ),
    "returns.returns_of_slip": ("take_return", lambda u, who, s, x: returns.returns_of_slip(u, who, s.closed)),
    "returns.recent_returns": ("take_return", lambda u, who, s, x: returns.recent_returns(u, who)),
    # The drawer and shifts.
    "drawer.open_drawer": ("open_drawer", lambda u, who, s, x: drawer.open_drawer(u, who, "找零")),
    "shifts.open_shift": ("open_drawer", lambda u, who, s, x: shifts.open_shift(u, who, SHIFT_FLOAT)),
    "shifts.current_shift": ("open_drawer", lambda u, who, s, x: shifts.current_shift(u, who)),
    "shifts.recent_shifts": ("open_drawer", lambda u, who, s, x: shifts.recent_shifts(u, who)),
    "shifts.count_drawer": ("open_drawer", lambda u, who, s, x: shifts.count_drawer(u, who, s.shift, SHIFT_FLOAT)),
    "shifts.shift_report": ("open_drawer", lambda u, who, s, x: shifts.shift_report(u, who, s.shift)),
    "shifts.close_shift": (
        "open_drawer", lambda u, who, s, x: shifts.close_shift(u, who, s.shift, SHIFT_FLOAT, "少了", approver=s.manager)
    ),
    "shifts.record_cash_movement": (
        "open_drawer",
        lambda u, who, s, x: shifts.record_cash_movement(
            u, who, CashMovementKind.PAYOUT, Decimal(20), "快递费", s.manager
        ),
    ),
    # Reading the shop's figures and its log.
    "reports.daily_report": ("view_reports", lambda u, who, s, x: reports.daily_report(u, who, now().date())),
    "audit_log.list_events": ("view_audit", lambda u, who, s, x: audit_log.list_events(u, who)),
    "payment_undo.undo_last_payment": (
        "take_payment", lambda u, who, s, x: payment_undo.undo_last_payment(u, who, "收错了"),
    ),
    "serials.set_serialised": ("manage_goods", lambda u, who, s, x: serials.set_serialised(u, who, "PJ-1", True)),
    "catalog.set_promotion": ("manage_goods", lambda u, who, s, x: catalog.set_promotion(u, who, "PJ-1", "买二送一")),
    "serials.record_serial": ("hand_over", lambda u, who, s, x: serials.record_serial(u, who, s.paid, "SN-1")),
    "serials.remove_serial": ("hand_over", lambda u, who, s, x: serials.remove_serial(u, who, s.paid, "SN-1")),
    "serials.find_serial": ("view_customers", lambda u, who, s, x: serials.find_serial(u, who, "SN-1")),
    "subsidies.quote": ("take_payment", lambda u, who, s, x: subsidies.quote(u, who, s.written)),
    "staff.all_staff": ("manage_staff", lambda u, who, s, x: staff.all_staff(u, who)),
    "policy.set_policy": ("manage_staff", lambda u, who, s, x: policy.set_policy(u, who, max_pin_failures=9)),
    # E-fapiao requests: whoever issues invoices; the goods' tax details: a manager.
    "fapiao.request_fapiao": ("issue_invoice", lambda u, who, s, x: fapiao.request_fapiao(u, who, s.paid, BUYER)),
    "fapiao.mark_submitted": ("issue_invoice", lambda u, who, s, x: fapiao.mark_submitted(u, who, [1])),
    "fapiao.send_back": ("issue_invoice", lambda u, who, s, x: fapiao.send_back(u, who, 1, "退回")),
    "fapiao.record_issued": (
        "issue_invoice", lambda u, who, s, x: fapiao.record_issued(u, who, 1, "25442000000123456789"),
    ),
    "fapiao.mark_delivered": ("issue_invoice", lambda u, who, s, x: fapiao.mark_delivered(u, who, 1)),
    "fapiao.withdraw": ("issue_invoice", lambda u, who, s, x: fapiao.withdraw(u, who, 1, "写错")),
    "fapiao.requests": ("issue_invoice", lambda u, who, s, x: fapiao.requests(u, who)),
    "fapiao.get_request": ("issue_invoice", lambda u, who, s, x: fapiao.get_request(u, who, "FQ000001")),
    "fapiao.for_export": ("issue_invoice", lambda u, who, s, x: fapiao.for_export(u, who, now().date())),
    "goods_tax.set_tax_details": (
        "manage_goods", lambda u, who, s, x: goods_tax.set_tax_details(u, who, "PJ-1", goods_tax.TaxDetails()),
    ),
}
BUYER = fapiao.Buyer(BuyerType.PERSON, "张伟", phone="13800138000")

# Approvals given by a second person: the approver's role is checked too.
APPROVALS = {
    "slips.set_unit_price approver": (
        "approve_discount",
        lambda u, who, s, x, a: slips.set_unit_price(u, a, s.draft, 1, Decimal("1000"), approver=who),
    ),
    "handover.hand_over override_by": (
        "release_unpaid",
        lambda u, who, s, x, a: handover.hand_over(u, a, s.cheque, override_by=who),
    ),
    "handover.open_for_hand_over override_by": (
        "release_unpaid",
        lambda u, who, s, x, a: handover.open_for_hand_over(u, a, s.cheque, override_by=who),
    ),
}


def _wrong_roles(rule: str) -> list[str]:
    codes = {"assistant": "A01", "cashier": "C01", "order_tracker": "T01", "manager": "M01"}
    return [code for role, code in codes.items() if role not in PERMISSIONS[rule]]


@pytest.mark.parametrize("service", sorted(CALLS))
def test_service_refuses_every_role_its_rule_leaves_out(store, staff, products, shop, service):
    rule, call = CALLS[service]
    before = row_counts(store)
    for code in _wrong_roles(rule):
        with pytest.raises(NotPermitted) as refused:
            call(store.uow(), staff[code], shop, products)
        assert "may not" in str(refused.value)
    assert row_counts(store) == before
    # The other side of the rule: the manager, who may do everything, is not
    # refused for want of permission (the call may still find the wrong state).
    assert "manager" in PERMISSIONS[rule]
    try:
        call(store.uow(), staff["M01"], shop, products)
    except NotPermitted as e:
        pytest.fail(f"{service} refused the manager: {e}")
    except CounterError:
        pass


@pytest.mark.parametrize("approval", sorted(APPROVALS))
def test_approval_by_a_role_that_may_not_approve_is_refused(store, staff, products, shop, approval):
    rule, call = APPROVALS[approval]
    actor = staff["A01"]
    for line in slips.get_slip(store.uow(), slip_id=shop.cheque).lines:
        handover.pack_line(store.uow(), actor, shop.cheque, line.line_no)
    before = row_counts(store)
    for code in _wrong_roles(rule):
        with pytest.raises(NotPermitted):
            call(store.uow(), staff[code], shop, products, actor)
    assert row_counts(store) == before


def test_every_service_that_acts_for_someone_has_its_rule_tested():
    """A new service taking an Actor must get a row in CALLS above."""
    acting = set()
    for module in pkgutil.iter_modules(counter.services.__path__):
        mod = importlib.import_module(f"counter.services.{module.name}")
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ != mod.__name__ or name.startswith("_"):
                continue
            params = list(inspect.signature(fn).parameters.values())
            if params and params[0].name == "uow" and any(p.annotation in (Actor, "Actor") for p in params[1:2]):
                acting.add(f"{module.name}.{name}")
    assert acting - set(CALLS) == set()

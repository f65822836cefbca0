"""Every role rule, enforced in the services themselves: each service that
acts for someone, called directly (no screen in the way) by every role that
may not, is refused with NotPermitted and writes nothing."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

import counter.services
from counter.auth import PERMISSIONS, Actor
from counter.errors import CounterError, NotPermitted
from counter.services import catalog, customers, handover, importer, invoices, payments, slips, staff
from models import Tender
from tests.conftest import row_counts

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
    customer: int
    csv: Path


@pytest.fixture
def shop(store, staff, products, tmp_path) -> Shop:
    a, c = staff["A01"], staff["C01"]

    def written(sku: str) -> int:
        draft = slips.current_draft(store.uow(), a)
        slips.add_line(store.uow(), a, draft.id, products[sku])
        return slips.write_slip(store.uow(), a, draft.id).id

    paid = written("PJ-1")
    payments.take_payment(store.uow(), c, paid, [T(Tender.CASH, Decimal(100))])
    cheque = written("XYJ-2")
    payments.take_payment(store.uow(), c, cheque, [T(Tender.CHEQUE, Decimal("1599.00"), reference="ZP1")])
    invoice = invoices.issue_invoice(store.uow(), c, paid, invoices.InvoiceDetails("王小明", "天河路 1 号", "13800138000"))
    still_written = written("XYJ-1")
    held = slips.current_draft(store.uow(), a).id
    slips.add_line(store.uow(), a, held, products["PJ-1"])
    slips.hold_slip(store.uow(), a, held)
    draft = slips.current_draft(store.uow(), a).id
    slips.add_line(store.uow(), a, draft, products["XYJ-1"])
    customer = customers.add_customer(store.uow(), a, "王小明", "13800138000", "天河路 1 号").id
    csv = tmp_path / "goods.csv"
    csv.write_text("sku,name,unit_price\nNEW-1,新货,1.00\n", encoding="utf-8")
    return Shop(draft, held, still_written, paid, cheque, invoice.id, customer, csv)


DETAILS = invoices.InvoiceDetails("王小明", "天河路 1 号", "13800138000")

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
    "payments.verify_slip": ("take_payment", lambda u, who, s, x: payments.verify_slip(u, who, s.written)),
    "payments.take_payment": (
        "take_payment", lambda u, who, s, x: payments.take_payment(u, who, s.written, [T(Tender.CASH, Decimal(4000))])
    ),
    "payments.clear_cheque": ("clear_cheque", lambda u, who, s, x: payments.clear_cheque(u, who, s.cheque)),
    "invoices.issue_invoice": ("issue_invoice", lambda u, who, s, x: invoices.issue_invoice(u, who, s.paid, DETAILS)),
    "invoices.void_invoice": ("void_invoice", lambda u, who, s, x: invoices.void_invoice(u, who, s.invoice, "wrong name")),
    "handover.open_for_hand_over": ("hand_over", lambda u, who, s, x: handover.open_for_hand_over(u, who, s.paid)),
    "handover.pack_line": ("hand_over", lambda u, who, s, x: handover.pack_line(u, who, s.paid, 1)),
    "handover.hand_over": ("hand_over", lambda u, who, s, x: handover.hand_over(u, who, s.paid)),
    "customers.add_customer": ("edit_customers", lambda u, who, s, x: customers.add_customer(u, who, "李四", "13900139000")),
    "customers.find_customers": ("view_customers", lambda u, who, s, x: customers.find_customers(u, who, "王")),
    "customers.get_customer": ("view_customers", lambda u, who, s, x: customers.get_customer(u, who, s.customer)),
    "catalog.add_product": (
        "manage_goods", lambda u, who, s, x: catalog.add_product(u, who, catalog.NewProduct("NEW-2", "新货", Decimal(1)))
    ),
    "importer.import_products": ("manage_goods", lambda u, who, s, x: importer.import_products(u, who, s.csv)),
    "staff.add_staff": ("manage_staff", lambda u, who, s, x: staff.add_staff(u, who, "A09", "新人", "assistant", "1234")),
}

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

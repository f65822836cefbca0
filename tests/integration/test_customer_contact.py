"""A customer's phone and address go in full only to the roles that need
them (the assistant, who takes them for a delivery; the order tracker; the
manager). Every service hands the cashier them masked, never the raw ones,
and paper the customer takes home shows the phone masked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest

from counter.auth import PERMISSIONS, Actor
from counter.errors import NotPermitted
from counter.printing import DocKind, render
from counter.services import accounts, complaints, customers, handover, invoices, payments, returns, slips
from models import Channel, Tender
from models.clock import now
from tests.integration.test_documents import flat, pdf_pages

PHONE, MASKED, ADDRESS = "13912345678", "139****5678", "南京市中山路8号"
# Who sees the customer's phone and address in full.
SEES = {"A01": True, "C01": False, "T01": True, "M01": True}


@dataclass(frozen=True)
class Known:
    customer_id: int
    slip_number: str  # paid on account, handed over for delivery to the customer
    complaint_id: int


@pytest.fixture
def known(store, staff, products) -> Known:
    u = store.uow
    a, c, t, m = staff["A01"], staff["C01"], staff["T01"], staff["M01"]
    customer = customers.add_customer(u(), a, "刘德明", PHONE, ADDRESS)
    accounts.set_credit_limit(u(), m, customer.id, Decimal("5000"))
    draft = slips.current_draft(u(), a)
    slips.add_line(u(), a, draft.id, products["PJ-1"], 1)
    slips.set_customer(u(), a, draft.id, customer.id)
    slip = slips.write_slip(u(), a, draft.id)
    payments.take_payment(u(), c, slip.id, [payments.TenderIn(Tender.ACCOUNT, slip.total)])
    invoices.issue_invoice(u(), c, slip.id, invoices.InvoiceDetails("刘德明", ADDRESS, PHONE))
    handover.pack_line(u(), a, slip.id, 1)
    handover.hand_over(u(), a, slip.id, handover.Delivery(PHONE, ADDRESS, now().date() + timedelta(days=1)))
    complaint = complaints.log_complaint(u(), t, "送货晚了", Channel.PHONE, contact=f"刘先生 {PHONE}", customer_id=customer.id)
    return Known(customer.id, slip.number, complaint.id)


def _check(code: str, phone: str, address: str | None = None) -> None:
    if SEES[code]:
        assert phone == PHONE and address in (None, ADDRESS)
    else:
        assert phone == MASKED and address in (None, customers.HIDDEN_ADDRESS)


def _may(actor: Actor, action: str) -> bool:
    return actor.role in PERMISSIONS[action]


@pytest.mark.parametrize("code", SEES)
def test_customer_search_and_record_show_phone_and_address_only_to_roles_that_need_them(store, staff, known, code):
    actor = staff[code]
    [found] = customers.find_customers(store.uow(), actor, "13912")
    _check(code, found.phone, found.address)
    record = customers.get_customer(store.uow(), actor, known.customer_id)
    _check(code, record.phone, record.address)
    assert record.name == "刘德明"


@pytest.mark.parametrize("code", SEES)
def test_a_slips_delivery_phone_and_address_show_only_to_roles_that_need_them(store, staff, known, code):
    slip = slips.get_slip(store.uow(), number=known.slip_number, actor=staff[code])
    _check(code, slip.delivery_phone, slip.delivery_address)


@pytest.mark.parametrize("code", SEES)
def test_the_slip_opened_for_a_return_masks_its_delivery_contact_for_the_cashier(store, staff, known, code):
    actor = staff[code]
    if not _may(actor, "take_return"):
        with pytest.raises(NotPermitted):
            returns.open_for_return(store.uow(), actor, known.slip_number)
        return
    slip = returns.open_for_return(store.uow(), actor, known.slip_number).slip
    _check(code, slip.delivery_phone, slip.delivery_address)


@pytest.mark.parametrize("code", SEES)
def test_account_views_mask_the_phone_for_the_cashier(store, staff, known, code):
    actor = staff[code]
    if not _may(actor, "view_accounts"):
        with pytest.raises(NotPermitted):
            accounts.accounts(store.uow(), actor)
        return
    [listed] = accounts.accounts(store.uow(), actor)
    _check(code, listed.phone)
    _check(code, accounts.account_of(store.uow(), actor, known.customer_id).phone)
    [owing] = accounts.aging(store.uow(), actor)
    _check(code, owing.phone)


@pytest.mark.parametrize("code", SEES)
def test_a_complaints_contact_phone_is_masked_for_the_cashier(store, staff, known, code):
    actor = staff[code]
    complaint = complaints.get_complaint(store.uow(), actor, known.complaint_id)
    assert complaint.contact == f"刘先生 {PHONE if SEES[code] else MASKED}"
    [listed] = complaints.complaints(store.uow(), actor)
    assert listed.contact == complaint.contact


@pytest.mark.parametrize("action", ["take_calls", "review_orders", "fulfil_orders", "hand_over", "edit_customers"])
def test_services_that_show_contact_in_full_serve_only_roles_that_may_see_it(action):
    """Phone orders, calls and hand-over show the caller's or the delivery's
    phone and address: only roles that may see them may call those services."""
    assert PERMISSIONS[action] <= PERMISSIONS["view_customer_contact"]


def test_paper_for_the_customer_masks_the_phone_and_only_the_delivery_slip_carries_the_address(
    store, settings, known, tmp_path
):
    slip_doc = render(store.uow(), settings, DocKind.SLIP, known.slip_number)
    for text in (slip_doc.text, flat(pdf_pages(slip_doc.pdf, tmp_path)[0])):
        assert MASKED in text and PHONE not in text
        assert ADDRESS in text  # the goods go out with this slip
    for width in (58, 80):
        receipt = render(store.uow(), settings, DocKind.RECEIPT, known.slip_number, width=width)
        printed = receipt.escpos.decode("gb18030", errors="replace")
        for text in (receipt.text, printed, flat(pdf_pages(receipt.pdf, tmp_path)[0])):
            assert PHONE not in text and MASKED[:3] + "****" not in text and "中山路" not in text
    # The invoice carries the customer's full name, address and phone (§5.2.7.1).
    [invoice] = invoices.invoices_of_slip(store.uow(), slips.get_slip(store.uow(), number=known.slip_number).id)
    invoice_doc = render(store.uow(), settings, DocKind.INVOICE, invoice.number)
    assert PHONE in invoice_doc.text and ADDRESS in invoice_doc.text

"""Garbage and extremes into the service entry points a screen calls with
what a person typed: either it is done, or it is refused with a CounterError
that says why and nothing at all is written (every table's row count and
the audit log unchanged)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from counter.auth import sign_in
from counter.errors import CounterError
from counter.services import catalog, customers, handover, importer, invoices, payments, slips
from counter.services.staff import add_staff
from models import Payment, SlipStatus, Tender
from tests.conftest import row_counts
from tests.unit.test_bad_input import NASTY

any_text = st.one_of(st.text(), st.sampled_from(NASTY + ["x" * 300, "名" * 129]))
# Amounts as a screen could pass them after parsing, and worse.
any_decimal = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("0"), Decimal("-0.01"), Decimal("0.001"), Decimal("1e30"), Decimal("99999999.99")]),
)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def done_or_refused(store, call, *args, **kwargs):
    """The call's result, or None when it was refused; refused means a
    message and nothing written."""
    before = row_counts(store)
    try:
        return call(*args, **kwargs)
    except CounterError as e:
        assert str(e).strip(), f"{call.__name__} refused with no message"
        assert row_counts(store) == before, f"{call.__name__} was refused but wrote rows"
        return None


def draft_with_line(store, actor, product_id):
    draft = slips.current_draft(store.uow(), actor)
    if not draft.lines:
        draft = slips.add_line(store.uow(), actor, draft.id, product_id)
    return draft


def written_slip(store, staff_map, products, sku="PJ-1"):
    draft = draft_with_line(store, staff_map["A01"], products[sku])
    return slips.write_slip(store.uow(), staff_map["A01"], draft.id)


@PROPERTY
@given(st.one_of(any_text, st.integers(), st.none(), st.decimals()))
@example("9" * 5000)
def test_quantities_typed_into_a_slip(store, staff, products, quantity):
    draft = draft_with_line(store, staff["A01"], products["PJ-1"])
    view = done_or_refused(store, slips.set_quantity, store.uow(), staff["A01"], draft.id, 1, quantity)
    assert view is None or 1 <= view.lines[0].quantity <= slips.MAX_QUANTITY
    done_or_refused(store, slips.add_line, store.uow(), staff["A01"], draft.id, products["XYJ-2"], quantity)


@PROPERTY
@given(any_decimal)
@example(Decimal("NaN"))
@example(Decimal("sNaN"))
@example(Decimal("-Infinity"))
def test_prices_after_discount(store, staff, products, price):
    draft = draft_with_line(store, staff["A01"], products["XYJ-1"])
    view = done_or_refused(store, slips.set_unit_price, store.uow(), staff["A01"], draft.id, 1, price)
    assert view is None or 0 < view.lines[0].unit_price <= view.lines[0].list_price


@PROPERTY
@given(any_text, any_text, any_text)
@example("名" * 129, "13800138000", "")
@example("王\x00五", "13800138000", "")
@example("王五", "13800138000", "路" * 257)
def test_customer_names_phones_and_addresses_in_any_script(store, staff, name, phone, address):
    view = done_or_refused(store, customers.add_customer, store.uow(), staff["A01"], name, phone, address)
    if view is not None:
        assert view.name == name.strip() and view.phone == phone.strip()
    done_or_refused(store, customers.find_customers, store.uow(), staff["A01"], name)


@PROPERTY
@given(any_text)
@example("\x00")
def test_anything_typed_into_the_finder(store, text):
    found = done_or_refused(store, catalog.find_products, store.uow(), text)
    assert found is None or isinstance(found, list)
    done_or_refused(store, catalog.find_by_barcode, store.uow(), text)
    done_or_refused(store, slips.get_slip, store.uow(), number=text)


@PROPERTY
@given(any_text)
def test_anything_typed_at_sign_in(store, text):
    done_or_refused(store, sign_in, store.uow(), text, text)


@PROPERTY
@given(any_text, any_text, any_text, any_decimal, st.integers(-5, 10**12))
@example("S" * 33, "name", "", Decimal(1), 0)
@example("S1", "name", "", Decimal(1), 10**12)
@example("S2", "name", "", Decimal("99999999.99"), 1)
def test_goods_added_by_hand(store, staff, sku, name, barcode, price, stock):
    new = catalog.NewProduct(sku=sku, name=name, unit_price=price, barcode=barcode, stock=stock)
    done_or_refused(store, catalog.add_product, store.uow(), staff["M01"], new)


@PROPERTY
@given(st.binary(max_size=400) | any_text.map(lambda t: ("sku,name,unit_price,stock,barcode\n" + t).encode()))
@example(b"sku,name,unit_price\nS1,n,1.00\n\xff\xfe")
@example(b"sku,name,unit_price,brand\nS1,n,1.00," + "牌".encode() * 65)
def test_any_file_as_a_product_import(store, staff, tmp_path_factory, content):
    path = tmp_path_factory.mktemp("csv") / "goods.csv"
    path.write_bytes(content)
    before = row_counts(store)["product"]
    report = done_or_refused(store, importer.import_products, store.uow(), staff["M01"], path)
    if report is not None:
        assert row_counts(store)["product"] == before + report.added
        assert all(message.strip() for _line, message in report.errors)


tenders = st.builds(
    payments.TenderIn,
    tender=st.sampled_from(list(Tender)),
    amount=any_decimal,
    reference=any_text,
    counted=st.dictionaries(st.sampled_from([*payments.DENOMINATIONS_FEN, 3, -100]), st.integers(-2, 20_000), max_size=3),
)


@PROPERTY
@given(st.lists(tenders, max_size=3), st.lists(st.builds(payments.NoteRejected, st.integers(), any_text), max_size=2))
@example([payments.TenderIn(Tender.CASH, Decimal("NaN"))], [])
@example([payments.TenderIn(Tender.CASH, Decimal("1000"))], [payments.NoteRejected(10000, "假\x00币")])
def test_anything_tendered_at_the_till(store, staff, products, tendered, rejected):
    slip = written_slip(store, staff, products) if not _queue(store) else _queue(store)[0]
    result = done_or_refused(store, payments.take_payment, store.uow(), staff["C01"], slip.id, tendered, rejected)
    if result is not None:
        got = payments.payments_of(store.uow(), slip.id)
        assert sum(p.amount for p in got) == slip.total
        assert result.slip.status in (SlipStatus.PAID, SlipStatus.AWAITING_FUNDS)


def _queue(store):
    return slips.slips_with_status(store.uow(), SlipStatus.WRITTEN, limit=1)


def a_paid_slip(store, staff_map, products):
    waiting = slips.slips_with_status(store.uow(), SlipStatus.PAID, limit=1)
    if waiting:
        return waiting[0]
    slip = written_slip(store, staff_map, products)
    return payments.take_payment(store.uow(), staff_map["C01"], slip.id, [payments.TenderIn(Tender.CASH, Decimal(100))]).slip


@pytest.fixture
def paid_slip(store, staff, products):
    return a_paid_slip(store, staff, products)


@PROPERTY
@given(any_text, any_text, any_text)
@example("王小明", "天河路\x00", "13800138000")
def test_anything_written_on_an_invoice(store, staff, paid_slip, name, address, phone):
    details = invoices.InvoiceDetails(name, address, phone)
    issued = done_or_refused(store, invoices.issue_invoice, store.uow(), staff["C01"], paid_slip.id, details)
    if issued is not None:
        invoices.void_invoice(store.uow(), staff["M01"], issued.id, "test")
    done_or_refused(store, invoices.void_invoice, store.uow(), staff["M01"], 10**6, name)


@PROPERTY
@given(any_text)
@example("   ")
def test_any_reason_for_cancelling(store, staff, products, reason):
    slip = written_slip(store, staff, products, "XYJ-1")
    view = done_or_refused(store, slips.cancel_slip, store.uow(), staff["A01"], slip.id, reason)
    if view is None:
        slips.cancel_slip(store.uow(), staff["A01"], slip.id, "test")


@PROPERTY
@given(any_text, any_text, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
@example("13800138000", "天河路 1 号", date.min)
@example("13800138000", "路" * 300, date.max)
def test_any_delivery_details(store, staff, products, phone, address, when):
    paid_slip = a_paid_slip(store, staff, products)
    for line in paid_slip.lines:
        handover.pack_line(store.uow(), staff["A01"], paid_slip.id, line.line_no)
    view = done_or_refused(store, handover.hand_over, store.uow(), staff["A01"], paid_slip.id, handover.Delivery(phone, address, when))
    assert view is None or view.delivery_date == when


@PROPERTY
@given(any_text, any_text, st.sampled_from(["assistant", "cashier", "boss", ""]), any_text)
def test_anything_typed_for_new_staff(store, staff, code, name, role, pin):
    done_or_refused(store, add_staff, store.uow(), staff["M01"], code, name, role, pin)


def test_refused_payment_leaves_no_payment_row(store, staff, products):
    slip = written_slip(store, staff, products)
    with pytest.raises(CounterError):
        payments.take_payment(store.uow(), staff["C01"], slip.id, [payments.TenderIn(Tender.CASH, Decimal("0.01"))])
    with store.uow() as uow:
        assert uow.session.exec(select(Payment).where(Payment.slip_id == slip.id)).first() is None

"""E-fapiao requests as the services keep them: from a paid slip, through
every state, and red reversal of what a return took back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from counter.domain.fapiao import State
from counter.errors import BadInput, InvalidState, NotPermitted
from counter.services import fapiao, goods_tax
from counter.services.returns import RefundIn, ReturnLineIn, take_return
from models import AuditEvent, BuyerType, FapiaoKind, FapiaoLine, FapiaoRequest, Tender
from tests.conftest import row_counts

APPLIANCE = goods_tax.TaxDetails("1090416010000000000", "家用电器", 1300, "台", 1)
PERSON = fapiao.Buyer(BuyerType.PERSON, "张伟", phone="13800138000")
BUSINESS = fapiao.Buyer(BuyerType.BUSINESS, "小米科技有限责任公司", "91110108551385082Q", email="fp@example.com")
NUMBER = "25442000000123456789"


@pytest.fixture
def taxed(store, staff):
    for sku in ("XYJ-1", "PJ-1", "BX-1"):
        goods_tax.set_tax_details(store.uow(), staff["M01"], sku, APPLIANCE)


def ask(store, staff, slip, buyer=PERSON):
    return fapiao.request_fapiao(store.uow(), staff["C01"], slip.id, buyer)


def test_a_paid_slip_gets_a_request_with_the_platform_lines_and_split(store, staff, sell, taxed):
    slip = sell({"XYJ-1": 1, "PJ-1": 2})
    request = ask(store, staff, slip, BUSINESS)
    assert request.state == State.REQUESTED and request.kind == FapiaoKind.BLUE
    assert request.number.startswith("FQ") and request.slip_number == slip.number
    assert [(l.name, l.quantity, l.amount, l.tax) for l in request.lines] == [
        ("*家用电器*海尔滚筒洗衣机", 1, Decimal("3299.00"), Decimal("379.53")),
        ("*家用电器*海尔洗衣机底座", 2, Decimal("179.80"), Decimal("20.68")),
    ]
    assert request.total == slip.total and request.tax == Decimal("400.21")
    assert request.buyer.tax_id == "91110108551385082Q" and "销售单" in request.remarks
    with store.uow() as u:
        assert u.session.exec(select(AuditEvent.action).where(AuditEvent.entity == "fapiao_request")).all() == [
            "fapiao.blue_requested"]


def test_a_discount_goes_on_the_request_as_a_discount_line(store, staff, products, taxed):
    from counter.services import payments, slips
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"], 1)
    slips.set_unit_price(store.uow(), staff["M01"], draft.id, 1, Decimal("3000.00"))
    slip = slips.write_slip(store.uow(), a, draft.id)
    payments.take_payment(store.uow(), staff["C01"], slip.id, [payments.TenderIn(Tender.CASH, slip.total)])
    goods, discount = ask(store, staff, slip).lines
    assert (goods.amount, discount.discount, discount.amount) == (Decimal("3299.00"), True, Decimal("-299.00"))


def test_refused_requests_write_nothing(store, staff, sell, taxed):
    slip = sell({"DFB-1": 1})  # 电饭煲: no tax code set
    unpaid = sell({"XYJ-1": 1}, hand_over=False)
    before = row_counts(store)
    with pytest.raises(InvalidState, match="has no tax classification code"):
        ask(store, staff, slip)
    with pytest.raises(BadInput, match="last character does not match the check character"):
        ask(store, staff, unpaid, fapiao.Buyer(BuyerType.BUSINESS, "某公司", "91110108551385082R", phone="13800138000"))
    with pytest.raises(BadInput, match="A business buyer needs its taxpayer number"):
        ask(store, staff, unpaid, fapiao.Buyer(BuyerType.BUSINESS, "某公司", phone="13800138000"))
    with pytest.raises(BadInput, match="phone number or an email"):
        ask(store, staff, unpaid, fapiao.Buyer(BuyerType.PERSON, "张伟"))
    with pytest.raises(NotPermitted):
        fapiao.request_fapiao(store.uow(), staff["A01"], unpaid.id, PERSON)
    assert row_counts(store) == before


def test_an_unpaid_slip_is_refused(store, staff, products, taxed):
    from counter.services import slips
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, draft.id, products["XYJ-1"], 1)
    slip = slips.write_slip(store.uow(), a, draft.id)
    with pytest.raises(InvalidState, match="only for a paid slip"):
        ask(store, staff, slip)


def test_one_live_request_per_slip(store, staff, sell, taxed):
    slip = sell({"XYJ-1": 1})
    first = ask(store, staff, slip)
    with pytest.raises(InvalidState, match=f"already has e-fapiao request {first.number}"):
        ask(store, staff, slip)
    fapiao.withdraw(store.uow(), staff["C01"], first.id, "买方名称写错")
    assert ask(store, staff, slip, BUSINESS).buyer.name == BUSINESS.name


def test_every_state_change(store, staff, sell, taxed, tmp_path):
    c = staff["C01"]
    request = ask(store, staff, sell({"XYJ-1": 1}))
    with pytest.raises(InvalidState, match="is requested: it cannot become issued"):
        fapiao.record_issued(store.uow(), c, request.id, NUMBER)
    with pytest.raises(InvalidState, match="cannot become delivered"):
        fapiao.mark_delivered(store.uow(), c, request.id)
    [submitted] = fapiao.mark_submitted(store.uow(), c, [request.id])
    assert submitted.state == State.SUBMITTED and submitted.submitted_at is not None
    back = fapiao.send_back(store.uow(), c, request.id, "购买方名称与税号不符")
    assert (back.state, back.attempts, back.last_error) == (State.REQUESTED, 1, "购买方名称与税号不符")
    fapiao.mark_submitted(store.uow(), c, [request.id])
    with pytest.raises(BadInput, match="20 digits"):
        fapiao.record_issued(store.uow(), c, request.id, "2544200000012345")
    pdf = tmp_path / "dzfp.pdf"
    pdf.write_bytes(b"%PDF-1.4 issued")
    issued = fapiao.record_issued(store.uow(), c, request.id, NUMBER, file=pdf, keep_in=tmp_path / "kept")
    assert issued.state == State.ISSUED and issued.fapiao_number == NUMBER
    assert (tmp_path / "kept" / f"{NUMBER}.pdf").read_bytes() == b"%PDF-1.4 issued"
    with pytest.raises(InvalidState, match="cannot become withdrawn"):
        fapiao.withdraw(store.uow(), c, request.id, "不要了")
    assert fapiao.mark_delivered(store.uow(), c, request.id).state == State.DELIVERED
    with store.uow() as u:
        actions = u.session.exec(select(AuditEvent.action).where(AuditEvent.entity == "fapiao_request")).all()
    assert actions == ["fapiao.blue_requested", "fapiao.submitted", "fapiao.requested", "fapiao.submitted",
                       "fapiao.issued", "fapiao.delivered"]


def test_a_platform_number_is_recorded_once(store, staff, sell, taxed):
    c = staff["C01"]
    one, two = ask(store, staff, sell({"XYJ-1": 1})), ask(store, staff, sell({"PJ-1": 1}))
    fapiao.mark_submitted(store.uow(), c, [one.id, two.id])
    fapiao.record_issued(store.uow(), c, one.id, NUMBER)
    with pytest.raises(BadInput, match=f"already recorded on request {one.number}"):
        fapiao.record_issued(store.uow(), c, two.id, NUMBER)


def issued_request(store, staff, slip):
    c = staff["C01"]
    request = ask(store, staff, slip, BUSINESS)
    fapiao.mark_submitted(store.uow(), c, [request.id])
    return fapiao.record_issued(store.uow(), c, request.id, NUMBER)


def test_a_partial_return_of_an_issued_invoice_asks_for_a_red_reversal_of_the_returned_lines(store, staff, sell, taxed):
    slip = sell({"XYJ-1": 1, "PJ-1": 3})
    blue = issued_request(store, staff, slip)
    back = take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(2, 2)], "多买了", RefundIn(Tender.CASH),
                       staff["M01"])
    [red] = fapiao.requests(store.uow(), staff["C01"], states=(State.REQUESTED,))
    assert red.kind == FapiaoKind.RED and red.original_number == NUMBER and red.return_number == back.number
    assert [(l.name, l.quantity, l.amount, l.tax) for l in red.lines] == [
        ("*家用电器*海尔洗衣机底座", -2, Decimal("-179.80"), Decimal("-20.68"))]
    assert red.total == -Decimal("179.80") and red.buyer == blue.buyer
    c = staff["C01"]
    fapiao.mark_submitted(store.uow(), c, [red.id])
    with pytest.raises(BadInput, match="红字确认单编号"):
        fapiao.record_issued(store.uow(), c, red.id, "25442000000123456790")
    done = fapiao.record_issued(store.uow(), c, red.id, "25442000000123456790", red_form_number="4403252511000123")
    assert done.state == State.ISSUED and done.red_form_number == "4403252511000123"
    # The blue one stays issued: a 数电票 is reversed, never voided.
    assert fapiao.get_request(store.uow(), c, blue.number).state == State.ISSUED


def test_a_red_request_waits_for_the_invoice_it_reverses(store, staff, sell, taxed):
    slip = sell({"XYJ-1": 1, "PJ-1": 1})
    c = staff["C01"]
    blue = ask(store, staff, slip)
    fapiao.mark_submitted(store.uow(), c, [blue.id])
    take_return(store.uow(), c, slip.id, [ReturnLineIn(2, 1)], "不合适", RefundIn(Tender.CASH), staff["M01"])
    [red] = fapiao.requests(store.uow(), c, states=(State.REQUESTED,))
    with pytest.raises(InvalidState, match="waits for the invoice it reverses"):
        fapiao.mark_submitted(store.uow(), c, [red.id])


def test_a_return_before_the_request_left_the_shop_asks_again_for_what_was_kept(store, staff, sell, taxed):
    slip = sell({"XYJ-1": 1, "PJ-1": 2})
    first = ask(store, staff, slip, BUSINESS)
    take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(2, 2)], "不要了", RefundIn(Tender.CASH), staff["M01"])
    again = fapiao.requests(store.uow(), staff["C01"], slip_number=slip.number)
    assert [(r.number == first.number, r.state) for r in again] == [(False, State.REQUESTED), (True, State.WITHDRAWN)]
    assert again[0].total == Decimal("3299.00") and again[0].buyer == first.buyer
    with store.uow() as u:
        assert u.session.exec(select(FapiaoRequest).where(FapiaoRequest.kind == FapiaoKind.RED)).all() == []
        assert len(u.session.exec(select(FapiaoLine)).all()) == 3


def test_tax_details_are_checked(store, staff):
    m = staff["M01"]
    with pytest.raises(BadInput, match="19 digits"):
        goods_tax.set_tax_details(store.uow(), m, "XYJ-1", goods_tax.TaxDetails("10904160100"))
    with pytest.raises(NotPermitted):
        goods_tax.set_tax_details(store.uow(), staff["A01"], "XYJ-1", APPLIANCE)
    assert goods_tax.parse_rate("1%") == 100 and goods_tax.parse_rate("0.13") == 1300
    with pytest.raises(BadInput, match="is not one of 13%, 9%, 6%, 3%, 1%, 0%"):
        goods_tax.parse_rate("17")

"""The trade-in subsidy: the ID number's check character, the amounts by
energy class and cap (property tests), taken as a tender at payment with the
ID masked everywhere but the claim, counted apart in the day's report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from counter.domain.subsidies import (
    CAP_PER_UNIT_FEN,
    RATE_BY_CLASS,
    Unit,
    id_problem,
    mask_id,
    per_unit_fen,
    subsidy_fen,
)
from counter.errors import BadInput, InvalidState
from counter.services import fapiao, goods_tax, payments, reports, slips, subsidies
from counter.services.payments import TenderIn
from counter.services.returns import RefundIn, ReturnLineIn, take_return
from models import BuyerType, Payment, SubsidyLine, Tender
from models.clock import now
from tests.conftest import row_counts

# GB 11643-1999's own example and one printed in many ID-check guides.
VALID_IDS = ["11010519491231002X", "440524188001010014"]


@pytest.mark.parametrize("number", VALID_IDS)
def test_published_id_numbers_pass(number):
    assert id_problem(number) is None


@pytest.mark.parametrize(("number", "why"), [
    ("11010519491231002", "length"), ("11010519491231002Y", "character"), ("1101051949123100XX", "character"),
    ("11010519491331002X", "birth date"), ("110105194912310021", "check"), ("440524188001010015", "check"),
])
def test_wrong_id_numbers_are_refused_with_the_reason(number, why):
    assert id_problem(number) == why


def test_an_id_is_shown_masked():
    assert mask_id("11010519491231002X") == "110***********002X"


@given(st.integers(1, 10_000_000), st.integers(0, 5))
def test_a_units_subsidy_is_its_rate_capped_and_never_more_than_the_price(price, grade):
    fen = per_unit_fen(price, grade)
    assert 0 <= fen <= min(CAP_PER_UNIT_FEN, price)
    if grade in RATE_BY_CLASS:
        exact = Decimal(price) * RATE_BY_CLASS[grade]
        assert fen == min(int(exact), CAP_PER_UNIT_FEN)
    else:
        assert fen == 0


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5_000_000), st.integers(0, 5)), max_size=6))
def test_a_slips_subsidy_is_the_sum_of_its_units(rows):
    found = subsidy_fen(Unit(n, q, p, g) for n, (q, p, g) in enumerate(rows, 1))
    assert sum(found.values()) == sum(q * per_unit_fen(p, g) for q, p, g in rows)
    assert all(v > 0 for v in found.values())


def test_known_amounts():
    assert per_unit_fen(329900, 1) == 65980  # 20 % of ¥3,299
    assert per_unit_fen(599900, 2) == 89985  # 15 % of ¥5,999
    assert per_unit_fen(1599900, 1) == 200000  # 20 % of ¥15,999, capped at ¥2,000
    assert per_unit_fen(329900, 3) == 0


@pytest.fixture
def graded(store, staff):
    for sku, grade in (("XYJ-1", 1), ("BX-1", 2), ("PJ-1", 0)):
        goods_tax.set_tax_details(store.uow(), staff["M01"], sku, goods_tax.TaxDetails(
            "1090416020100000000", "日用家电设备", 1300, "台", grade))


def test_the_subsidy_is_taken_as_a_tender_with_the_id_kept_whole_only_on_the_claim(store, staff, products, graded):
    c, a = staff["C01"], staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    for sku in ("XYJ-1", "BX-1", "PJ-1"):
        slips.add_line(store.uow(), a, draft.id, products[sku])
    slip = slips.write_slip(store.uow(), a, draft.id)
    quote = subsidies.quote(store.uow(), c, slip.id)
    assert (quote.lines, quote.total) == ({1: Decimal("659.80"), 2: Decimal("899.85")}, Decimal("1559.65"))
    before = row_counts(store)
    with pytest.raises(BadInput, match=r"110\*+0021 is not a resident ID number: the last character"):
        payments.take_payment(store.uow(), c, slip.id, [TenderIn(Tender.SUBSIDY, quote.total, reference="110105194912310021"),
                                                         TenderIn(Tender.CASH, slip.total - quote.total)])
    with pytest.raises(BadInput, match="subsidy on slip .* is ¥1,559.65"):
        payments.take_payment(store.uow(), c, slip.id, [TenderIn(Tender.SUBSIDY, Decimal(2000), reference=VALID_IDS[0]),
                                                         TenderIn(Tender.CASH, slip.total)])
    assert row_counts(store) == before
    paid = payments.take_payment(store.uow(), c, slip.id, [
        TenderIn(Tender.SUBSIDY, quote.total, reference=" 11010519491231002x "),
        TenderIn(Tender.CASH, slip.total - quote.total)])
    assert paid.change == 0
    with store.uow() as u:
        refs = {p.tender: p.reference for p in u.session.exec(select(Payment).where(Payment.slip_id == slip.id))}
        claims = u.session.exec(select(SubsidyLine)).all()
    assert refs[Tender.SUBSIDY] == "110***********002X"
    assert [(s.id_number, s.energy_class, s.amount_fen) for s in claims] == [
        ("11010519491231002X", 1, 65980), ("11010519491231002X", 2, 89985)]
    day = reports.daily_report(store.uow(), staff["M01"], now().date())
    assert [(r.key, r.count, r.amount) for r in day.by_tender if r.key == "subsidy"] == [("subsidy", 1, Decimal("1559.65"))]
    request = fapiao.request_fapiao(store.uow(), c, slip.id, fapiao.Buyer(BuyerType.PERSON, "张伟", phone="13800138000"))
    assert "以旧换新补贴 1559.65元 能效1级、2级 身份证号 11010519491231002X" in request.remarks
    assert request.total == slip.total  # the invoice keeps the goods' price


def test_goods_without_grade_1_or_2_get_no_subsidy_and_a_subsidised_sale_is_not_returned_at_the_counter(
    store, staff, sell, graded
):
    c = staff["C01"]
    plain = sell({"PJ-1": 1}, hand_over=False)
    with pytest.raises(InvalidState, match="no trade-in subsidy"):
        subsidies.quote(store.uow(), c, plain.id)
    slip = sell({"XYJ-1": 1}, tenders=[TenderIn(Tender.SUBSIDY, Decimal("659.80"), reference=VALID_IDS[1]),
                                       TenderIn(Tender.CASH, Decimal("2639.20"))])
    with pytest.raises(InvalidState, match="goes through the subsidy programme"):
        take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 1)], "不要了", RefundIn(Tender.CASH), staff["M01"])

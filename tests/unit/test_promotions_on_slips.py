"""Promotions applied by the services: on the slip, at payment, on the
documents, in returns, phone orders and the daily report (issue 17 item 6)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from counter.errors import BadInput
from counter.services import catalog, payments, reports, slips
from counter.services.returns import RefundIn, ReturnLineIn, take_return
from models import OrderStatus, Product, SlipLine, Tender
from models.clock import now
from receipts import receipt
from receipts import slip as slip_doc
from receipts.shop import Shop
from tests.orders_helpers import advance, confirmed, pay

SHOP = Shop("鸿运家电", "广州市", "020-1234", "TAX1")


def promote(store, staff, sku: str, text: str) -> None:
    catalog.set_promotion(store.uow(), staff["M01"], sku, text)


def draft_with(store, staff, products, items: dict[str, int]) -> slips.SlipView:
    a = staff["A01"]
    draft = slips.current_draft(store.uow(), a)
    for sku, quantity in items.items():
        draft = slips.add_line(store.uow(), a, draft.id, products[sku], quantity)
    return draft


def stored_lines(store, slip_id: int) -> list[tuple[int, int, str, int, int]]:
    with store.uow() as u:
        return [
            (l.line_no, l.quantity, l.promotion, l.promo_fen, l.amount_fen)
            for l in u.session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id).order_by(SlipLine.line_no))
        ]


def test_second_at_half_price_is_taken_off_the_line_and_the_total(store, staff, products):
    promote(store, staff, "DFB-1", "第二件半价")  # ¥399.00
    draft = draft_with(store, staff, products, {"DFB-1": 1})
    assert draft.total == Decimal("399.00") and draft.lines[0].promo == 0
    draft = slips.add_line(store.uow(), staff["A01"], draft.id, products["DFB-1"])
    assert draft.total == Decimal("598.50")  # not ¥798.00
    assert (draft.lines[0].promotion, draft.lines[0].promo) == ("第二件半价", Decimal("199.50"))
    assert stored_lines(store, draft.id) == [(1, 2, "第二件半价", 19950, 59850)]
    draft = slips.set_quantity(store.uow(), staff["A01"], draft.id, 1, 1)
    assert draft.total == Decimal("399.00") and stored_lines(store, draft.id) == [(1, 1, "第二件半价", 0, 39900)]


def test_spend_and_save_counts_every_line_that_carries_it(store, staff, products):
    promote(store, staff, "PJ-1", "满199减20")  # ¥89.90 each
    draft = draft_with(store, staff, products, {"PJ-1": 2})
    assert draft.total == Decimal("179.80")  # ¥179.80 of ¥199: not yet
    draft = slips.add_line(store.uow(), staff["A01"], draft.id, products["PJ-1"])
    assert draft.total == Decimal("249.70")  # ¥269.70 − ¥20


def test_a_discount_by_hand_replaces_the_promotion_and_back_at_list_it_returns(store, staff, products):
    promote(store, staff, "DFB-1", "限时直降50元")
    draft = draft_with(store, staff, products, {"DFB-1": 1})
    assert draft.total == Decimal("349.00")
    draft = slips.set_unit_price(store.uow(), staff["A01"], draft.id, 1, Decimal("380.00"))
    assert draft.total == Decimal("380.00") and draft.lines[0].promo == 0
    draft = slips.set_unit_price(store.uow(), staff["A01"], draft.id, 1, Decimal("399.00"))
    assert draft.total == Decimal("349.00")


def test_a_slip_with_a_promotion_is_written_checked_and_paid(store, staff, products):
    promote(store, staff, "PJ-1", "买二送一")
    draft = draft_with(store, staff, products, {"PJ-1": 3})
    slip = slips.write_slip(store.uow(), staff["A01"], draft.id)
    assert slip.total == Decimal("179.80")
    paid = payments.take_payment(store.uow(), staff["C01"], slip.id, [payments.TenderIn(Tender.CASH, slip.total)])
    assert paid.slip.status == "paid"
    printed = receipt.text(receipt.lines(paid.slip, payments.payments_of(store.uow(), slip.id), SHOP))
    assert "促销 买二送一 优惠 ￥89.90" in printed and "促销优惠" in printed
    assert "促销 买二送一 优惠 ¥89.90" in slip_doc.text(paid.slip, [], SHOP)


def test_a_promotion_changed_by_hand_in_the_store_is_caught_at_payment(store, staff, products):
    promote(store, staff, "PJ-1", "第二件半价")  # ¥89.90
    draft = draft_with(store, staff, products, {"PJ-1": 2})
    slip = slips.write_slip(store.uow(), staff["A01"], draft.id)
    with store.uow() as u:
        line = u.session.exec(select(SlipLine).where(SlipLine.slip_id == slip.id)).one()
        line.promo_fen, line.amount_fen = 8990, 8990  # "both at half price"
        u.session.add(line)
        u.commit()
    with pytest.raises(payments.SlipTampered, match="promotion"):
        payments.verify_slip(store.uow(), staff["C01"], slip.id)


def test_one_of_a_half_price_pair_back_refunds_half_what_the_pair_paid(store, staff, products, sell):
    promote(store, staff, "PJ-1", "第二件半价")  # ¥89.90
    slip = sell({"PJ-1": 2})
    assert slip.total == Decimal("134.85")
    back = take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", RefundIn(Tender.CASH),
                       staff["M01"])
    assert back.refund == Decimal("67.43")  # ¥67.425, half up
    back = take_return(store.uow(), staff["C01"], slip.id, [ReturnLineIn(1, 1)], "不合适", RefundIn(Tender.CASH),
                       staff["M01"])
    assert back.refund == Decimal("67.42")  # the pair refunded exactly what it paid


def test_a_phone_order_prices_by_the_rule_and_its_slip_keeps_it(store, staff, products):
    promote(store, staff, "PJ-1", "第二件半价")  # ¥89.90
    order = confirmed(store, staff, products, goods=(("PJ-1", 2),))
    assert order.total == Decimal("134.85") and order.lines[0].promo == Decimal("44.95")
    order = advance(store, staff, order, OrderStatus.ACCEPTED)
    assert stored_lines(store, order.slip_id) == [(1, 2, "第二件半价", 4495, 13485)]
    assert pay(store, staff, order).slip.total == Decimal("134.85")


def test_the_daily_report_counts_what_each_promotion_gave(store, staff, products, sell):
    promote(store, staff, "PJ-1", "第二件半价")  # ¥89.90
    promote(store, staff, "XYJ-2", "赠送安装")
    sell({"PJ-1": 2})
    sell({"PJ-1": 3, "XYJ-2": 1})
    report = reports.daily_report(store.uow(), staff["M01"], now().date())
    given = {r.key: (r.count, r.amount) for r in report.promotions}
    assert given == {"第二件半价": (2, Decimal("89.90")), "赠送安装": (1, Decimal("0.00"))}


def test_a_promotion_must_be_a_rule_and_must_not_give_the_goods_away(store, staff):
    with pytest.raises(BadInput, match="not one the counter can apply"):
        promote(store, staff, "DFB-1", "12期免息")
    with pytest.raises(BadInput, match="whole price"):
        promote(store, staff, "DFB-1", "直降399元")
    promote(store, staff, "DFB-1", " 特价359元 ")
    promote(store, staff, "PJ-1", "")
    with store.uow() as u:
        promotions = dict(u.session.exec(select(Product.sku, Product.promotion)).all())
    assert promotions["DFB-1"] == "特价359元" and promotions["PJ-1"] == ""

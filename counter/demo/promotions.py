"""Demo promotions applied at the counter: this morning a customer bought two
of an accessory on 第二件半价 and goods on a 满减 that the pair reached
together, paid by card and took them home; the slip, receipt and daily
report show what each promotion took off."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlmodel import col, select

from counter.demo.clock import demo_today
from counter.services import handover, payments, slips
from models import Product, Tender
from models.clock import frozen_at

if TYPE_CHECKING:
    from counter.demo.build import DemoHistory


def _goods_on(history: DemoHistory, promotion: str, *, like: bool = False) -> int | None:
    rule = col(Product.promotion).like(promotion) if like else Product.promotion == promotion
    with history.uow() as uow:
        return uow.session.exec(
            select(Product.id).where(rule, Product.stock_on_hand > 3, col(Product.serialised).is_(False)).order_by(Product.id)
        ).first()


def promotion_sale(history: DemoHistory) -> None:
    half = _goods_on(history, "第二件半价")
    spend = _goods_on(history, "满%减%", like=True)
    goods = [(p, 2) for p in (half, spend) if p is not None]
    if not goods:
        return
    assistant, cashier = history.assistants[0], history.cashiers[0]
    start = datetime.combine(demo_today(), time(9, 50))
    with frozen_at(start):
        draft = slips.current_draft(history.uow(), assistant)
        for product_id, quantity in goods:
            slips.add_line(history.uow(), assistant, draft.id, product_id, quantity)
        slip = slips.write_slip(history.uow(), assistant, draft.id)
    with frozen_at(start + timedelta(minutes=3)):
        payments.take_payment(history.uow(), cashier, slip.id,
                              [payments.TenderIn(Tender.CARD, slip.total, reference="6217")])
    with frozen_at(start + timedelta(minutes=6)):
        for line in slip.lines:
            handover.pack_line(history.uow(), assistant, slip.id, line.line_no)
        handover.hand_over(history.uow(), assistant, slip.id)

"""A demo slip changed before payment (改单): this morning a customer at the
cash desk decided on one kettle fewer. The assistant brought the written
slip back (F11), changed the quantity and wrote it again with the same
number; the cashier then took the new total by card and the goods went home. The audit log shows the slip
written, reopened and written again."""

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


def changed_slip(history: DemoHistory) -> None:
    with history.uow() as uow:
        goods = uow.session.exec(
            select(Product.id).where(Product.stock_on_hand > 5, col(Product.serialised).is_(False),
                                     col(Product.promotion).is_(None) | (Product.promotion == ""))
            .order_by(Product.unit_price_fen).limit(1)
        ).first()
    if goods is None:
        return
    assistant, cashier = history.assistants[-1], history.cashiers[-1]
    start = datetime.combine(demo_today(), time(10, 20))
    with frozen_at(start):
        draft = slips.current_draft(history.uow(), assistant)
        slips.add_line(history.uow(), assistant, draft.id, goods, 3)
        slip = slips.write_slip(history.uow(), assistant, draft.id)
    with frozen_at(start + timedelta(minutes=2)):
        slips.reopen_slip(history.uow(), assistant, slip.id)
        slips.set_quantity(history.uow(), assistant, slip.id, 1, 2)
        slip = slips.write_slip(history.uow(), assistant, slip.id)
    with frozen_at(start + timedelta(minutes=4)):
        payments.take_payment(history.uow(), cashier, slip.id,
                              [payments.TenderIn(Tender.CARD, slip.total, reference="3308")])
    with frozen_at(start + timedelta(minutes=7)):
        handover.pack_line(history.uow(), assistant, slip.id, 1)
        handover.hand_over(history.uow(), assistant, slip.id)

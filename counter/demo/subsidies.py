"""Demo trade-in sale (以旧换新): this morning a customer bought a grade-1
fridge with the subsidy taken off at the desk, paid the rest by WeChat, took
it home (its serial scanned) and asked for an e-fapiao with the subsidy in
its remarks."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlmodel import select

from counter.demo import serials as demo_serials
from counter.demo.clock import demo_today
from counter.services import fapiao, handover, payments, slips, subsidies
from models import BuyerType, Product, Tender
from models.clock import frozen_at

if TYPE_CHECKING:
    from counter.demo.build import DemoHistory

BUYER_ID = "440106198503120023"  # a made-up number with a valid check character


def subsidy_sale(history: DemoHistory) -> None:
    with history.uow() as uow:
        fridge = uow.session.exec(
            select(Product.id).where(Product.category == "冰箱", Product.energy_class == 1, Product.stock_on_hand > 2)
        ).first()
    if fridge is None:
        return
    assistant, cashier = history.assistants[1], history.cashiers[0]
    start = datetime.combine(demo_today(), time(10, 35))
    with frozen_at(start):
        draft = slips.current_draft(history.uow(), assistant)
        slips.add_line(history.uow(), assistant, draft.id, fridge, 1)
        slips.set_customer(history.uow(), assistant, draft.id, history.customers[3].id)
        slip = slips.write_slip(history.uow(), assistant, draft.id)
    with frozen_at(start + timedelta(minutes=4)):
        quote = subsidies.quote(history.uow(), cashier, slip.id)
        payments.take_payment(history.uow(), cashier, slip.id, [
            payments.TenderIn(Tender.SUBSIDY, quote.total, reference=BUYER_ID),
            payments.TenderIn(Tender.MOBILE, slip.total - quote.total, reference="微信 134567890123456789"),
        ])
    with frozen_at(start + timedelta(minutes=9)):
        demo_serials.scan_all(history.uow, assistant, slip.id, f"{start:%y%m%d}")
        for line in slip.lines:
            handover.pack_line(history.uow(), assistant, slip.id, line.line_no)
        handover.hand_over(history.uow(), assistant, slip.id)
    with frozen_at(start + timedelta(minutes=11)):
        customer = history.customers[3]
        fapiao.request_fapiao(history.uow(), cashier, slip.id,
                              fapiao.Buyer(BuyerType.PERSON, customer.name, phone=customer.phone))

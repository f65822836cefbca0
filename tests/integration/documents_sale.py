"""A demo-like sale with Chinese goods, made through the services as the
counter makes it: written, paid in cash, invoiced; a second slip whose
invoice was voided and reissued; a third invoiced late (补开)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from counter.services import invoices, payments, slips
from counter.services.invoices import InvoiceDetails
from counter.services.payments import TenderIn
from models import Tender
from models.clock import frozen_at

CUSTOMER = InvoiceDetails("广州市白云区张三百货商店", "广州市白云区机场路 18 号 2 楼", "13800138000")
SALE_DAY = datetime(2025, 3, 14, 10, 30)


@dataclass(frozen=True)
class Sale:
    cash_slip: slips.SlipView  # 洗衣机 + 2 底座, paid in cash, invoice 1
    card_slip: slips.SlipView  # 冰箱, card + cash, invoice 2 voided, 3 replaces it
    late_slip: slips.SlipView  # 电饭煲 by mobile, invoice 4 issued the next day
    invoice: invoices.InvoiceView
    void: invoices.InvoiceView
    replacement: invoices.InvoiceView
    late: invoices.InvoiceView


def write(uow_of, assistant, items: list[tuple[int, int]], discount: Decimal | None = None) -> slips.SlipView:
    draft = slips.current_draft(uow_of(), assistant)
    for product_id, quantity in items:
        slips.add_line(uow_of(), assistant, draft.id, product_id, quantity)
    if discount is not None:
        slips.set_unit_price(uow_of(), assistant, draft.id, 1, discount)
    return slips.write_slip(uow_of(), assistant, draft.id)


def make_sale(store, staff, products) -> Sale:
    u = store.uow
    assistant, cashier, manager = staff["A01"], staff["C01"], staff["M01"]
    with frozen_at(SALE_DAY):
        cash_slip = write(u, assistant, [(products["XYJ-1"], 1), (products["PJ-1"], 2)], discount=Decimal("3199.00"))
        payments.take_payment(u(), cashier, cash_slip.id, [TenderIn(Tender.CASH, Decimal("3400.00"))])
        invoice = invoices.issue_invoice(u(), cashier, cash_slip.id, CUSTOMER)

        card_slip = write(u, assistant, [(products["BX-1"], 1)])
        payments.take_payment(u(), cashier, card_slip.id, [
            TenderIn(Tender.CARD, Decimal("5000.00"), reference="6222020200112233"),
            TenderIn(Tender.CASH, Decimal("1000.00")),
        ])
        wrong = invoices.issue_invoice(u(), cashier, card_slip.id, InvoiceDetails("张三", "广州", "13800138000"))
        void = invoices.void_invoice(u(), manager, wrong.id, "客户名称写错")
        replacement = invoices.issue_invoice(u(), cashier, card_slip.id, CUSTOMER)

        late_slip = write(u, assistant, [(products["DFB-1"], 1)])
        payments.take_payment(u(), cashier, late_slip.id, [
            TenderIn(Tender.MOBILE, Decimal("399.00"), reference="420000123456789012"),
        ])
    with frozen_at(SALE_DAY.replace(day=16, hour=9)):
        late = invoices.issue_invoice(u(), cashier, late_slip.id, CUSTOMER)
    return Sale(
        slips.get_slip(u(), slip_id=cash_slip.id), slips.get_slip(u(), slip_id=card_slip.id),
        slips.get_slip(u(), slip_id=late_slip.id), invoice,
        invoices.get_invoice(u(), void.number), replacement, late,
    )

"""The main screens on record, as a person sees them: at 80×24 and 120×36,
in Chinese and English, with real-looking data at a fixed moment
(pytest-textual-snapshot; the SVGs are in __snapshots__/ beside this file,
and `pytest --snapshot-update tests/tui/test_snapshots.py` records them anew
after a deliberate change — look at them before committing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

import pytest
from sqlmodel import select

from counter.app import make_app
from counter.audit_checkpoint import Checkpoint
from counter.domain.uscc import check_character
from counter.i18n import set_language
from counter.services import catalog, fapiao, goods_tax, invoices, payments, serials, slips
from models import BuyerType, Shift
from models.clock import frozen_at
from tests.orders_helpers import take
from tests.tui.helpers import settled
from tests.tui.test_sign_in import sign_in

MOMENT = datetime(2026, 11, 27, 10, 30)
BUYER_CODE = "91330106MA2H0K5X8" + check_character("91330106MA2H0K5X8")
TAX = goods_tax.TaxDetails("1090416020100000000", "日用家电设备", 1300, "台", 1)
SIZES = [(80, 24), (120, 36)]
LANGS = ["zh", "en"]


@dataclass
class Shop:
    """What the screens show: a draft at the assistant's, a slip waiting at
    the cashier, a paid and invoiced one, and a phone order being taken."""

    waiting: str
    paid: str
    order_id: int
    shift_id: int  # the cashier C01's open shift


@pytest.fixture
def shop(store, staff, products) -> Shop:
    with frozen_at(MOMENT):
        a, c = staff["A01"], staff["C01"]
        catalog.set_promotion(store.uow(), staff["M01"], "PJ-1", "第二件半价")
        catalog.set_promotion(store.uow(), staff["M01"], "XYJ-2", "限时直降100元")
        draft = slips.current_draft(store.uow(), a)
        for sku, qty in (("XYJ-1", 1), ("PJ-1", 2), ("BX-1", 1)):
            slips.add_line(store.uow(), a, draft.id, products[sku], qty)
        other = slips.current_draft(store.uow(), staff["A02"])
        slips.add_line(store.uow(), staff["A02"], other.id, products["XYJ-3"], 1)
        slips.add_line(store.uow(), staff["A02"], other.id, products["DFB-1"], 1)
        waiting = slips.write_slip(store.uow(), staff["A02"], other.id)
        sold = slips.current_draft(store.uow(), staff["A02"])
        slips.add_line(store.uow(), staff["A02"], sold.id, products["XYJ-2"], 2)
        paid = slips.write_slip(store.uow(), staff["A02"], sold.id)
        payments.take_payment(store.uow(), c, paid.id, [payments.TenderIn("cash", paid.total)])
        invoices.issue_invoice(store.uow(), c, paid.id, invoices.InvoiceDetails("张伟", "杭州市文三路259号", "13857162048"))
        order = take(store, staff, products, goods=(("BX-1", 1), ("PJ-1", 1)))
        goods_tax.set_tax_details(store.uow(), staff["M01"], "XYJ-2", TAX)
        buyer = fapiao.Buyer(BuyerType.BUSINESS, "杭州文三数码有限公司", BUYER_CODE, email="cw@wensan.example.cn")
        fapiao.request_fapiao(store.uow(), c, paid.id, buyer)
        serials.set_serialised(store.uow(), staff["M01"], "XYJ-2", True)
        b = staff["A02"]
        unit = slips.current_draft(store.uow(), b)
        slips.add_line(store.uow(), b, unit.id, products["XYJ-2"], 1)
        unit = slips.write_slip(store.uow(), b, unit.id)
        payments.take_payment(store.uow(), c, unit.id, [payments.TenderIn("card", unit.total, reference="6222")])
        serials.record_serial(store.uow(), a, unit.id, "HR2025TB100V0001")
    with store.uow() as u:
        shift = u.session.exec(select(Shift).where(Shift.cashier_id == c.id)).one()
        shift.opened_at = datetime(2026, 11, 27, 8, 55)  # the seeded shift opened when the tests began: fixed here
        u.session.add(shift)
        u.commit()
        shift_id = shift.id
    return Shop(waiting.number, paid.number, order.id, shift_id)


async def opened(pilot, code: str, pin: str, *keys: str) -> None:
    await sign_in(pilot, code, pin)
    await pilot.press(*keys)
    await settled(pilot)


def order_entry(order_id: int) -> Callable[..., Awaitable[None]]:
    async def run(pilot) -> None:
        from screens.order_entry import OrderEntryScreen

        await sign_in(pilot, "T01", "3333")
        await pilot.app.push_screen(OrderEntryScreen(order_id))
        await settled(pilot)

    return run


def pushed(code: str, pin: str, make: Callable[[], object]) -> Callable[..., Awaitable[None]]:
    """Signed in, then the screen pushed as its home key would."""
    async def run(pilot) -> None:
        await sign_in(pilot, code, pin)
        await pilot.app.push_screen(make())
        await settled(pilot)

    return run


def audit_log_of_the_day(screen: Callable[[], object]) -> Callable[..., Awaitable[None]]:
    """The log of the snapshots' day: the seeded store's own events carry the
    time the tests began, which no snapshot can hold."""
    async def run(pilot) -> None:
        from textual.widgets import Input

        await pushed("M01", "9999", screen)(pilot)
        for field in ("#since", "#until"):
            pilot.app.screen.query_one(field, Input).value = MOMENT.date().isoformat()
        await pilot.press("f5")
        await settled(pilot)

    return run


def walks(shop: Shop) -> dict[str, Callable[..., Awaitable[None]]]:
    from screens.accounts import AccountsScreen
    from screens.audit_log import AuditLogScreen
    from screens.complaints import ComplaintsScreen
    from screens.documents import DocumentsScreen
    from screens.order_queue import OrderQueueScreen
    from screens.returns import ReturnScreen
    from screens.shift_close import ShiftCloseScreen
    from screens.shift_report import ShiftReportScreen
    from screens.stations import StationsScreen

    return {
        "sign_in": settled,
        "home": lambda p: opened(p, "A01", "1111"),
        "finder": lambda p: opened(p, "A01", "1111", "f2"),
        "payment": lambda p: opened(p, "C01", "2222", "f3", *shop.waiting, "enter"),
        "invoice": lambda p: opened(p, "C01", "2222", "f5", *shop.paid, "enter"),
        "hand_over": lambda p: opened(p, "A01", "1111", "f4"),
        "order_entry": order_entry(shop.order_id),
        "daily_report": lambda p: opened(p, "M01", "9999", "d"),
        "fapiao": lambda p: opened(p, "C01", "2222", "e"),
        "fapiao_form": lambda p: opened(p, "C01", "2222", "e", "n", *shop.paid, "enter"),
        "warranty": lambda p: opened(p, "C01", "2222", "w", *"HR2025", "enter"),
        "shift_report": pushed("C01", "2222", lambda: ShiftReportScreen(shop.shift_id)),
        "shift_close": pushed("C01", "2222", ShiftCloseScreen),
        "returns": pushed("C01", "2222", ReturnScreen),
        "documents": pushed("C01", "2222", DocumentsScreen),
        "order_queue": pushed("T01", "3333", OrderQueueScreen),
        "audit_log": audit_log_of_the_day(AuditLogScreen),
        "accounts": pushed("M01", "9999", AccountsScreen),
        "complaints": pushed("M01", "9999", ComplaintsScreen),
        "stations": pushed("M01", "9999", StationsScreen),
    }


SCREENS = [
    "sign_in", "home", "finder", "payment", "invoice", "hand_over", "order_entry", "daily_report", "fapiao", "fapiao_form",
    "warranty", "shift_report", "shift_close", "returns", "documents", "order_queue", "audit_log", "accounts",
    "complaints", "stations",
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(screen, size, lang, snap_compare, settings, store, shop, monkeypatch):
    # The audit checkpoint's hash comes from this test session's random key: shown fixed.
    monkeypatch.setattr(Checkpoint, "printed", property(lambda point: f"{point.count} · #{point.last_id} · 3f9a0c5e1b2d4a6f"))
    app = make_app(replace(settings, lang=lang, shop_name="海尔专卖店 · 文三路"), store)
    try:
        with frozen_at(MOMENT):
            assert snap_compare(app, terminal_size=size, run_before=walks(shop)[screen])
    finally:
        set_language("en")

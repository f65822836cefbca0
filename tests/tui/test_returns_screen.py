"""The returns screen, as a cashier and a manager would use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from counter.app import make_app
from counter.services import invoices
from models import Invoice, InvoiceStatus, Product, Refund, ReturnLine
from tests.tui.helpers import until
from tests.tui.test_sign_in import sign_in


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())



@pytest.mark.postgres
async def test_cashier_takes_a_partial_return_with_a_managers_approval(settings, store, staff, sell, products):
    slip = sell({"PJ-1": 3, "DFB-1": 1})
    invoices.issue_invoice(
        store.uow(), staff["C01"], slip.id, invoices.InvoiceDetails("张伟", "广州市天河区体育西路1号", "13800138000")
    )
    with store.uow() as u:
        before = u.session.get(Product, products["PJ-1"]).stock_on_hand
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("r")
        await pilot.press(*slip.number.lstrip("0"), "enter")
        assert slip.number in shown(app, "#slip-info")
        await pilot.press("plus", "plus", "plus", "plus")  # one more than was sold
        assert "only 3 can come back" in shown(app, "#message")
        assert "¥269.70" in shown(app, "#refund")
        await pilot.click("#reason")
        await pilot.press(*"多买了", "f9")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ManagerApproval")
        await pilot.press(*"M01", "enter", *"9999", "enter")
        await until(pilot, lambda: "Return R000001" in shown(app, "#message"))
        message = shown(app, "#message")
        assert "Return R000001 taken, approved by 周明远. Refund ¥269.70 by cash." in message
        assert "Invoice 00000001 is void. New invoice 00000002 for the goods kept." in message
        # The refund slip and both invoices reach paper at once: the voided one
        # marked 作废, and its replacement.
        kept = Path(settings.documents_dir)
        await until(pilot, lambda: (kept / "invoice-00000002.pdf").exists() and (kept / "invoice-00000001.pdf").exists())
        await until(pilot, lambda: (kept / "refund-R000001-80mm.txt").exists(), "the refund slip")
        refund_slip = (kept / "refund-R000001-80mm.txt").read_text()
        for words in ("退 款 单", "退货单 R000001", f"原销售单 {slip.number}", "3 件 退回库存", "退款 现金", "￥269.70", "批准 周明远",
                      "原因 多买了", "原发票 00000001 作废，重开 00000002", "顾客签字"):
            assert words in refund_slip, words
    with store.uow() as u:
        assert u.session.get(Product, products["PJ-1"]).stock_on_hand == before + 3
        assert u.session.exec(select(Refund.amount_fen)).one() == 26970
        assert [r.quantity for r in u.session.exec(select(ReturnLine))] == [3]
        assert [(i.number, i.status) for i in u.session.exec(select(Invoice).order_by(Invoice.number))] == [
            (1, InvoiceStatus.VOID), (2, InvoiceStatus.ISSUED)
        ]


async def test_return_not_approved_changes_nothing(settings, store, sell):
    slip = sell({"PJ-1": 1})
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("r", *slip.number, "enter", "plus")
        await pilot.click("#reason")
        await pilot.press(*"不合适", "f9")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ManagerApproval")
        await pilot.press("escape")
        await pilot.pause()
        assert "Not approved" in shown(app, "#message")
        assert app.screen.query_one("#reason").value == "不合适"
    with store.uow() as u:
        assert u.session.exec(select(Refund)).first() is None


async def test_unknown_slip_number_is_said_plainly(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("r", *"4242", "enter")
        assert "No slip numbered 4242" in shown(app, "#message")
        assert app.screen.query_one("#slip-number").value == "4242"

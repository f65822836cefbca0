"""The cashier's e-fapiao screen, walked with the keys: a business buyer's
request from a paid slip (a wrong taxpayer number refused, nothing typed
lost), the export for the portal, and the issued number entered back."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from counter.app import make_app
from counter.domain.fapiao import State
from counter.services import goods_tax
from models import FapiaoRequest
from receipts.fapiao_export import INVOICES, read_export
from screens.ask import Ask
from screens.fapiao import FapiaoScreen
from screens.fapiao_buyer import BuyerForm
from tests.tui.helpers import open_flow, rows_of, text_of, until

TAX = goods_tax.TaxDetails("1090416020100000000", "日用家电设备", 1300, "台", 1)


def requests(store) -> list[FapiaoRequest]:
    with store.uow() as u:
        return list(u.session.exec(select(FapiaoRequest)))


async def test_a_business_request_from_a_paid_slip_exported_and_its_number_entered(settings, store, staff, sell):
    for sku in ("XYJ-1", "PJ-1"):
        goods_tax.set_tax_details(store.uow(), staff["M01"], sku, TAX)
    slip = sell({"XYJ-1": 1, "PJ-1": 1})
    app = make_app(settings, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flow(pilot, "C01", "2222", "e", FapiaoScreen)
        assert "No e-fapiao request is open" in text_of(pilot, "#detail")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, BuyerForm), "the buyer form")
        for value in (slip.number, "小米科技有限责任公司", "91110108551385082R", "", "fp@example.com", "", ""):
            await pilot.press(*value, "enter")
            await pilot.pause()
        await until(pilot, lambda: "does not match the check character" in text_of(pilot, "#message"), "the refusal")
        assert app.screen.query_one("#name").value == "小米科技有限责任公司"  # nothing typed is lost
        assert requests(store) == []
        app.screen.query_one("#tax_id").focus()
        await pilot.press("end", "backspace", "Q", "enter", "enter", "enter", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, FapiaoScreen) and rows_of(pilot, "#requests"), "the request")
        assert "in the outbox" in text_of(pilot, "#message")
        detail = text_of(pilot, "#detail")
        assert "91110108551385082Q" in detail and "*日用家电设备*海尔滚筒洗衣机" in detail and "¥379.53" in detail
        [made] = requests(store)
        assert (made.buyer_type, made.state, made.total_fen) == ("business", "requested", 338890)

        await pilot.press("x")
        await until(pilot, lambda: "written to" in text_of(pilot, "#message"), "the export")
        workbook = Path(settings.documents_dir) / "fapiao"
        [path] = workbook.glob("*.xlsx")
        assert read_export(path)[INVOICES][0]["购买方纳税人识别号"] == "91110108551385082Q"
        await until(pilot, lambda: "submitted" in rows_of(pilot, "#requests")[0], "the request submitted")

        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the number form")
        await pilot.press(*"2544200000012345", "enter", "enter")
        await until(pilot, lambda: "20 digits" in text_of(pilot, "#message"), "a short number refused")
        app.screen.query_one("#number").focus()
        await pilot.press("end", *"6789", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, FapiaoScreen) and "issued" in rows_of(pilot, "#requests")[0],
                    "the number recorded")
        assert "25442000000123456789" in text_of(pilot, "#detail")
    [done] = requests(store)
    assert (done.state, done.fapiao_number) == (State.ISSUED, "25442000000123456789")


async def test_ctrl_e_after_a_payment_asks_for_that_slips_e_fapiao(settings, store, staff, products):
    from tests.tui.test_cashier import open_payment, write_slip

    goods_tax.set_tax_details(store.uow(), staff["M01"], "XYJ-1", TAX)
    slip = write_slip(store, staff, products, ("XYJ-1", 1))
    app = make_app(settings, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press("ctrl+e")  # nothing paid yet: the number field keeps its own Ctrl+E
        assert app.screen is screen
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.slip is not None, "the slip opened")
        await pilot.press("f7")
        await until(pilot, lambda: screen.result is not None, "the payment")
        await pilot.press("ctrl+e")
        await until(pilot, lambda: isinstance(app.screen, BuyerForm), "the buyer form")
        assert app.screen.query_one("#slip").value == slip.number
        await pilot.press(*"王小明", "enter", "enter", *"13800138000", "enter", "enter", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, FapiaoScreen) and rows_of(pilot, "#requests"), "the request")
    [made] = requests(store)
    assert (made.slip_id, made.buyer_name, made.deliver_phone) == (slip.id, "王小明", "13800138000")

"""Documents, printers and the drawer at the terminal, as staff use them."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from textual.widgets import Input, Select, Static

from counter.app import make_app
from models import AuditEvent
from tests.integration.documents_sale import make_sale
from tests.tui.helpers import until
from tests.tui.test_sign_in import sign_in


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_cashier_previews_an_invoice_and_prints_it_again(settings, store, staff, products):
    make_sale(store, staff, products)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("f7", "f4", *"00000002", "enter")
        await until(pilot, lambda: "No.00000002" in shown(app, "#preview"), "the invoice's preview")
        preview = shown(app, "#preview")
        assert "财务联 / 底联 / 用户联" in preview and "作废 VOID" in preview and "客户名称写错" in preview
        await pilot.press("ctrl+r")
        kept = Path(settings.documents_dir) / "invoice-00000002.pdf"
        await until(pilot, kept.exists, "the invoice's PDF kept")
        assert kept.exists()


async def test_an_unknown_number_says_so_and_keeps_what_was_typed(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "A01", "1111")
        await pilot.press("f7", *"999999", "enter")
        await until(pilot, lambda: "No slip" in shown(app, "#message"), "that no slip has the number")
        assert "No slip numbered 999999." in shown(app, "#message")
        assert app.screen.query_one("#number", Input).value == "999999"
        await pilot.press("ctrl+r")
        assert "Find a document first" in shown(app, "#message")


async def test_manager_sets_a_network_receipt_printer_and_it_is_saved(settings, store, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("COUNTER_CONFIG", str(config))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("#receipt-kind"), "the printer settings")
        kind = app.screen.query_one("#receipt-kind", Select)
        assert app.focused is kind
        await pilot.press("enter", "down", "down", "enter")  # folder -> lp -> escpos-net
        await until(pilot, lambda: kind.value == "escpos-net", "a network printer chosen")
        await pilot.press("tab", *"printer.local:9100", "ctrl+s")
        await until(pilot, config.exists, "the settings saved")
        assert 'receipt = "escpos-net:printer.local:9100"' in config.read_text(encoding="utf-8")
        assert app.settings.printers.receipt == "escpos-net:printer.local:9100"
        assert "Saved to" in shown(app, "#message")


async def test_a_bad_printer_address_is_named_and_nothing_is_saved(settings, store, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("COUNTER_CONFIG", str(config))
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("f9")
        await until(pilot, lambda: app.screen.query("#receipt-kind"), "the printer settings")
        await pilot.press("enter", "down", "down", "down", "enter")  # escpos-usb
        await pilot.press("tab", *"printer", "ctrl+s")
        await until(pilot, lambda: "VENDOR:PRODUCT" in shown(app, "#message"), "what a USB printer needs")
        assert "[printers].receipt" in shown(app, "#message")
        assert not config.exists()
        assert app.screen.query_one("#receipt-address", Input).value == "printer"


async def test_cashier_opens_the_drawer_with_a_reason_and_it_is_audited(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("f8", *"change", "enter")
        await until(pilot, lambda: "recorded" in shown(app, "#message"), "the drawer opening recorded")
        assert "no drawer is connected" in shown(app, "#message")
        with store.uow() as u:
            events = list(u.session.exec(select(AuditEvent).where(AuditEvent.action == "drawer.opened")))
        assert len(events) == 1 and "change" in events[0].after

"""Garbage typed into every field of the back-office screens (accounts,
complaints, the audit log, printers) and their forms: each stays up, says
what is wrong, keeps what was typed, and writes nothing."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Select

from counter.app import make_app
from counter.services import accounts, complaints, customers
from models import Channel
from screens.accounts import AccountsScreen
from screens.ask import Ask
from screens.audit_log import AuditLogScreen
from screens.complaint_form import ComplaintForm
from screens.complaints import ComplaintsScreen
from screens.customer_picker import CustomerPicker
from screens.printer_settings import PrinterSettingsScreen
from screens.repayment import RepaymentForm
from tests.conftest import row_counts
from tests.tui.garbage import EVERY, SAMPLE, hammer_all, type_into
from tests.tui.helpers import open_flow, settled, until

NOT_AN_AMOUNT = ["   ", "'; DROP TABLE slip; --", "{0}{name}%s%n", "🧾 ßé", "-1e999", "NaN", "[/b][bold red]x[/]", "名x" * 100]


async def test_garbage_amounts_at_accounts_are_asked_again_with_the_text_kept(settings, store, staff):
    customer = customers.add_customer(store.uow(), staff["A01"], "明华贸易公司", "020-88880000", "天河路1号").id
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(1000))
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "k", AccountsScreen)
        before = row_counts(store)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, RepaymentForm), "the repayment form")
        await hammer_all(pilot, ["#amount", "#reference"], texts=NOT_AN_AMOUNT)
        await pilot.press("escape")
        await settled(pilot, screen_only=True)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the credit limit")
        await hammer_all(pilot, ["#answer"], texts=NOT_AN_AMOUNT)
        await pilot.press("escape")
        await settled(pilot, screen_only=True)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, CustomerPicker), "the customer search")
        await hammer_all(pilot, ["#query"], texts=NOT_AN_AMOUNT[1:])
        assert row_counts(store) == before


async def test_garbage_complaints_are_refused_and_kept(settings, store, staff):
    complaints.log_complaint(store.uow(), staff["M01"], "late delivery", Channel.COUNTER, contact="Li 13800138000")
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "y", ComplaintsScreen)
        before = row_counts(store)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ComplaintForm), "the complaint form")
        # The slip number is garbage (or the summary blank): nothing is logged.
        await hammer_all(pilot, ["#contact", "#slip", "#order", "#summary"], texts=SAMPLE)
        await pilot.press("escape")
        await settled(pilot, screen_only=True)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the outcome")
        await hammer_all(pilot, ["#answer"], texts=["   ", " " * 30])
        assert row_counts(store) == before


async def test_garbage_audit_filters_show_a_count_or_say_what_is_wrong(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "u", AuditLogScreen)
        before = row_counts(store)
        await hammer_all(pilot, ["#action", "#person", "#since", "#until"], texts=EVERY)
        assert row_counts(store) == before


async def test_garbage_printer_addresses_are_named_and_nothing_is_saved(settings, store, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("COUNTER_CONFIG", str(config))
    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "f9", PrinterSettingsScreen)
        app.screen.query_one("#receipt-kind", Select).value = "escpos-net"
        await settled(pilot, screen_only=True)
        not_hosts = [t for t in SAMPLE if t != "NaN"]  # "NaN" is a fine host name
        await hammer_all(pilot, ["#receipt-address"], submit=("ctrl+s",), texts=not_hosts)
        assert not config.exists()


async def test_garbage_in_a_new_station_is_refused_with_the_text_kept(settings, store):
    from screens.stations import StationsScreen

    app = make_app(settings, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_flow(pilot, "M01", "9999", "s", StationsScreen)
        before = row_counts(store)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the new station's questions")
        await hammer_all(pilot, ["#name"], texts=["   "], message=None)
        await type_into(pilot, "#name", "Counter 9")
        await hammer_all(pilot, ["#width"], texts=["1999", "0", "5", "99"], message=None)
        await hammer_all(pilot, ["#receipt", "#drawer", "#display"], texts=["not a printer", "{0}{name}%s%n", "🧾 ßé"],
                         message=None)
        assert row_counts(store) == before


async def test_garbage_in_an_e_fapiao_request_and_its_number_is_refused_and_kept(settings, store, staff, sell):
    from counter.services import fapiao, goods_tax
    from counter.services.returns import RefundIn, ReturnLineIn, take_return
    from models import BuyerType, Tender
    from screens.fapiao import FapiaoScreen
    from screens.fapiao_buyer import BuyerForm

    goods_tax.set_tax_details(store.uow(), staff["M01"], "PJ-1", goods_tax.TaxDetails("1090416990000000000", "日用家电设备"))
    slip = sell({"PJ-1": 2})
    c = staff["C01"]
    blue = fapiao.request_fapiao(store.uow(), c, slip.id, fapiao.Buyer(BuyerType.PERSON, "张伟", phone="13800138000"))
    fapiao.mark_submitted(store.uow(), c, [blue.id])
    fapiao.record_issued(store.uow(), c, blue.id, "25442000000123456789")
    take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 1)], "不要了", RefundIn(Tender.CASH), staff["M01"])
    red = fapiao.requests(store.uow(), c, states=(fapiao.State.REQUESTED,))[0]
    fapiao.mark_submitted(store.uow(), c, [red.id])
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_flow(pilot, "C01", "2222", "e", FapiaoScreen)
        before = row_counts(store)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, BuyerForm), "the buyer form")
        await hammer_all(pilot, ["#slip", "#name", "#tax_id", "#phone", "#email", "#address", "#bank"], texts=EVERY)
        await type_into(pilot, "#slip", slip.number)  # a real slip, the rest garbage: still refused
        await hammer_all(pilot, ["#name", "#tax_id", "#phone", "#email", "#address", "#bank"], texts=SAMPLE)
        assert row_counts(store) == before
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, FapiaoScreen) and app.screen.rows, "the requests")
        await pilot.press("home")  # the red request, newest first
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the issued number's questions")
        await hammer_all(pilot, ["#number", "#red_form", "#file"], texts=EVERY)
        assert row_counts(store) == before

"""The audit log, account customers and complaints screens, driven by keys."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text
from sqlmodel import select

from counter.app import make_app
from counter.services import accounts, customers
from models import AccountEntry, Complaint, ComplaintNote, CreditAccount, Tender
from tests.tui.helpers import until
from tests.tui.test_returns_screen import shown
from tests.tui.test_sign_in import sign_in


async def test_manager_filters_the_audit_log_and_sees_before_and_after(settings, store, sell):
    sell({"PJ-1": 1})
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("u")
        await pilot.click("#action")
        await pilot.press(*"stock.out", "enter")
        table = app.screen.query_one("#events")
        assert table.row_count == 1
        assert "stock.out" in shown(app, "#detail")
        assert "before: on_hand: 40, reserved: 1" in shown(app, "#detail")
        assert "after: on_hand: 39, reserved: 0" in shown(app, "#detail")
        await pilot.click("#person")
        await pilot.press(*"C01", "enter")
        assert table.row_count == 0
        await pilot.click("#since")
        await pilot.press(*"yesterday", "enter")
        assert "YYYY-MM-DD" in shown(app, "#message")
        assert app.screen.query_one("#since").value == "yesterday"
        await pilot.press("f6")
        assert "Chain intact" in shown(app, "#message")
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE auditevent SET actor_id = 2 WHERE action = 'slip.paid'"))
        await pilot.press("f6")
        assert "Chain broken at event" in shown(app, "#message") and "edited" in shown(app, "#message")


async def test_cashier_does_not_see_the_audit_log_on_home(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("u")
        assert app.screen.__class__.__name__ == "HomeScreen"


async def test_cashier_takes_a_repayment_on_the_accounts_screen(settings, store, staff, sell):
    customer = customers.add_customer(store.uow(), staff["A01"], "明华贸易公司", "020-88880000", "天河路1号").id
    accounts.set_credit_limit(store.uow(), staff["M01"], customer, Decimal(1000))
    from counter.services.payments import TenderIn

    sell({"PJ-1": 2}, tenders=[TenderIn(Tender.ACCOUNT, Decimal("179.80"))], customer_id=customer)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("k")
        assert app.screen.query_one("#accounts").row_count == 1
        await pilot.press("p", *"500", "enter")
        assert "cannot be more than that" in shown(app, "#message")
        assert app.screen.query_one("#amount").value == "500"
        app.screen.query_one("#amount").value = ""
        await pilot.press(*"79.80", "enter")
        await pilot.pause()
        assert "now owes ¥100.00" in shown(app, "#message")
        await pilot.press("a")
        assert "Aging list" in shown(app, "#title")
        await pilot.press("l")  # setting a limit is for a manager only
        assert app.screen.__class__.__name__ == "AccountsScreen"
    with store.uow() as u:
        assert sorted(e.amount_fen for e in u.session.exec(select(AccountEntry))) == [-7980, 17980]


async def test_manager_opens_an_account_through_the_customer_picker_and_the_limit_question(settings, store, staff):
    customers.add_customer(store.uow(), staff["A01"], "明华贸易公司", "020-88880000", "天河路1号")
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("k", "n")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CustomerPicker", "the customer picker")
        assert "new account" in shown(app, "#title")
        await pilot.press(*"88880000")
        await until(pilot, lambda: app.screen.query_one("#customers").option_count == 1, "the customer found")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "Ask", "the limit question")
        assert "Credit limit for 明华贸易公司" in shown(app, "#title")
        app.screen.query_one("#answer").value = ""
        await pilot.press(*"lots", "enter")
        await until(pilot, lambda: shown(app, "#message"), "the refusal")
        assert app.screen.query_one("#answer").value == "lots"  # kept for a retry
        app.screen.query_one("#answer").value = ""
        await pilot.press(*"3000", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "AccountsScreen", "the accounts again")
        assert "may now owe up to ¥3,000.00" in shown(app, "#message")
        assert app.screen.query_one("#accounts").row_count == 1
    with store.uow() as u:
        assert [a.limit_fen for a in u.session.exec(select(CreditAccount))] == [300000]


async def test_complaint_logged_followed_up_and_closed_on_screen(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("y", "n")
        await pilot.press(*"Li 13800138000", "tab", "tab", "tab")
        await pilot.press(*"late delivery", "enter")
        await pilot.pause()
        assert "Complaint K000001 logged" in shown(app, "#message")
        await pilot.press("f", *"called back", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ComplaintsScreen", "the complaints again")
        assert "called back" in shown(app, "#detail")
        await pilot.press("c", "enter")
        await until(pilot, lambda: "Write the outcome" in shown(app, "#message"), "the refusal")
        await pilot.press(*"apologised, 50 off", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ComplaintsScreen", "the complaints again")
        assert app.screen.query_one("#complaints").row_count == 0
    with store.uow() as u:
        complaint = u.session.exec(select(Complaint)).one()
        assert (complaint.status, complaint.outcome) == ("closed", "apologised, 50 off")
        assert u.session.exec(select(ComplaintNote.text)).one() == "called back"

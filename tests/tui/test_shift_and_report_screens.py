"""The cashier opens and closes a shift at the terminal; the manager reads
the daily report, moves between days and saves it as a PDF."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select
from textual.widgets import Input, OptionList, Static

from counter.app import make_app
from counter.services import handover, payments, returns, shifts, slips
from counter.services.payments import TenderIn
from models import PhoneOrder, Refund, Shift, ShiftStatus, Tender
from screens.daily_report import DailyReportScreen
from screens.shift_report import ShiftReportScreen
from tests.conftest import SHIFT_FLOAT
from tests.orders_helpers import take
from tests.tui.helpers import settled, until
from tests.tui.test_sign_in import sign_in

FLOAT_KEYS = ("2", "enter", "3", "enter", "3", "enter", "5", "enter", "4", "enter", "1", "5", "enter", "8", "enter",
              "1", "0")  # ¥500.00, note by note


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())



async def test_cashier_opens_a_shift_by_counting_the_float(settings, store, staff):
    shifts.close_shift(store.uow(), staff["C01"], shifts.current_shift(store.uow(), staff["C01"]).id, SHIFT_FLOAT)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("o")
        await settled(pilot)  # the screen's check for an open shift done
        await pilot.press(*FLOAT_KEYS)
        assert "Counted: ¥500.00" in text(app, "#count-total")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shifts.current_shift(store.uow(), staff["C01"]) is not None)
        await until(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")
        assert app.screen.__class__.__name__ == "HomeScreen"
    opened = shifts.current_shift(store.uow(), staff["C01"])
    assert (opened.float, opened.float_counted) == (Decimal("500.00"), "100x2 50x3 20x3 10x5 5x4 1x15 0.5x8 0.1x10")


async def test_opening_a_second_shift_says_why_and_keeps_the_count(settings, store, staff):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("o")
        await settled(pilot)  # the screen's check for an open shift done
        await pilot.press("2", "ctrl+s")
        await until(pilot, lambda: "already has shift" in text(app, "#message"))
        assert "already has shift" in text(app, "#message")
        assert app.screen.query_one("#d10000", Input).value == "2"


@pytest.mark.postgres
async def test_closing_short_needs_a_reason_and_a_managers_sign_off(settings, store, staff):
    app = make_app(settings, store)
    shift_id = shifts.current_shift(store.uow(), staff["C01"]).id
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("z")
        await until(pilot, lambda: f"Close shift {shift_id}" in text(app, "#title"))
        await pilot.press(*FLOAT_KEYS[:-1])  # ten jiao coins counted as one: ¥0.90 short
        assert "Counted: ¥499.10" in text(app, "#count-total")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "does not match" in text(app, "#message"))
        figures = text(app, "#figures")
        assert "Expected in drawer: ¥500.00" in figures and "Difference: -¥0.90" in figures
        assert app.focused.id == "reason"
        await pilot.press(*"点错零钱", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ManagerApproval")
        await pilot.press(*"M01", "enter", *"9999", "enter")
        await until(pilot, lambda: isinstance(app.screen, ShiftReportScreen) and "Difference" in text(app, "#paper"))
        paper = text(app, "#paper")
        assert "-¥0.90" in paper and "点错零钱" in paper and "周明远" in paper
        await pilot.press("p")
        await until(pilot, lambda: "Saved to" in text(app, "#message"))
    assert (Path(settings.documents_dir) / "shifts" / f"shift-{shift_id}.pdf").exists()
    with store.uow() as u:
        row = u.session.get(Shift, shift_id)
        assert (row.status, row.difference_fen, row.difference_reason) == (ShiftStatus.CLOSED, -90, "点错零钱")
        assert row.approved_by_id == staff["M01"].id


async def test_a_declined_sign_off_leaves_the_shift_open(settings, store, staff):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("z")
        await until(pilot, lambda: "Close shift" in text(app, "#title"), "the shift to close")
        await pilot.press("1", "ctrl+s")
        await until(pilot, lambda: "does not match" in text(app, "#message"))
        await pilot.press(*"x", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ManagerApproval")
        await pilot.press("escape")
        await until(pilot, lambda: "stays open" in text(app, "#message"))
        assert "stays open" in text(app, "#message")
    assert shifts.current_shift(store.uow(), staff["C01"]) is not None


@pytest.mark.postgres
async def test_manager_reads_the_daily_report_moves_by_day_and_saves_a_pdf(settings, store, staff, products):
    assistant = staff["A01"]
    draft = slips.current_draft(store.uow(), assistant)
    slips.add_line(store.uow(), assistant, draft.id, products["PJ-1"], 2)
    slip = slips.write_slip(store.uow(), assistant, draft.id)
    payments.take_payment(store.uow(), staff["C01"], slip.id, [TenderIn(Tender.CASH, Decimal("200"))])
    for line in slip.lines:
        handover.pack_line(store.uow(), assistant, slip.id, line.line_no)
    handover.hand_over(store.uow(), assistant, slip.id)
    returns.take_return(store.uow(), staff["C01"], slip.id, [returns.ReturnLineIn(1, 1, write_off=True)], "划痕",
                        returns.RefundIn(Tender.CASH), staff["M01"])
    take(store, staff, products)
    today = date.today()
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "M01", "9999")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, DailyReportScreen) and "Sales" in text(app, "#figures"))
        assert f"{today:%Y-%m-%d}" in text(app, "#range")
        assert "¥179.80" in text(app, "#figures")
        figures = [" ".join(line.split()) for line in text(app, "#figures").splitlines()]
        for expected in ("Orders taken 1", "Orders overdue 0", "Returns taken 1", "Goods returned 1 ¥89.90",
                         "Refunded: cash 1 ¥89.90", "Written off 1 ¥89.90", "Cash refunds ¥89.90"):
            assert expected in figures, expected
        with store.uow() as u:
            assert [(r.tender, r.amount_fen) for r in u.session.exec(select(Refund))] == [(Tender.CASH, 8990)]
            assert u.session.exec(select(func.count()).select_from(PhoneOrder)).one() == 1
        assert "¥179.80" in text(app, "#categories") and "配件" in text(app, "#categories")
        assert "█" in text(app, "#hours")
        await pilot.press("left_square_bracket")
        yesterday = today - timedelta(days=1)
        await until(pilot, lambda: f"{yesterday:%Y-%m-%d}" in text(app, "#range"))
        assert "No sales" in text(app, "#hours")
        await pilot.press("g")
        await pilot.press(*"2026-13-40", "enter")
        await until(pilot, lambda: "YYYY-MM-DD" in text(app, "#message"))
        assert app.screen.query_one("#go-to", Input).value == "2026-13-40"
        box = app.screen.query_one("#go-to", Input)
        box.value = f"{today - timedelta(days=6):%Y-%m-%d}..{today:%Y-%m-%d}"
        await pilot.press("enter")
        await until(pilot, lambda: f"{today:%Y-%m-%d}" in text(app, "#range") and "–" in text(app, "#range"))
        assert "¥179.80" in text(app, "#figures")
        await pilot.press("p")
        await until(pilot, lambda: "Saved to" in text(app, "#message"))
    saved = list((Path(settings.documents_dir) / "reports").glob("daily-*.pdf"))
    assert len(saved) == 1


async def test_cashier_has_shift_flows_but_no_report(settings, store):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        shown = " ".join(str(o.prompt) for o in app.screen.query_one("#flows", OptionList).options)
        assert "Open shift" in shown and "Close shift" in shown
        assert "Daily sales report" not in shown

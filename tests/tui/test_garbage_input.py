"""Garbage typed into the sign-in fields and the manager approval modal:
a clear message, what was typed kept (the PIN cleared), nothing written."""

from __future__ import annotations

from textual.widgets import Input

from counter.app import make_app
from screens.manager_pin import ManagerApproval
from tests.conftest import row_counts
from tests.tui.garbage import garbage_rounds, message_of, type_into
from tests.tui.helpers import settled
from tests.tui.test_sign_in import sign_in


async def test_garbage_at_sign_in_gets_a_message_and_keeps_the_code(settings, store):
    before = row_counts(store)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        async for text in garbage_rounds(pilot, ["#code", "#pin"]):
            assert app.actor is None
            assert message_of(pilot), f"no message after {text!r}"
            code = app.screen.query_one("#code", Input).value
            assert code == text[:16], "the typed code was lost"
            assert app.screen.query_one("#pin", Input).value == "" or not text.strip()
        # Still usable afterwards.
        await type_into(pilot, "#code", "")
        await sign_in(pilot, "A01", "1111")
        assert app.actor is not None and app.actor.code == "A01"
    assert row_counts(store) == before


async def test_garbage_in_the_manager_approval_is_refused_until_a_manager_signs(settings, store):
    app = make_app(settings, store)
    approved: list = []
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "A01", "1111")
        app.push_screen(ManagerApproval("Discount of 30% needs a manager"), approved.append)
        await settled(pilot, screen_only=True)
        before = row_counts(store)
        async for text in garbage_rounds(pilot, ["#code", "#pin"]):
            assert isinstance(app.screen, ManagerApproval), f"the modal closed on {text!r}"
            assert message_of(pilot), f"no message after {text!r}"
            assert app.screen.query_one("#code", Input).value == text[:16]
            assert app.screen.query_one("#pin", Input).value == ""
        assert row_counts(store) == before
        # A cashier's good PIN is still not a manager's.
        await type_into(pilot, "#code", "C01")
        await type_into(pilot, "#pin", "2222")
        await pilot.press("enter")
        await settled(pilot, screen_only=True)
        assert "not a manager" in message_of(pilot)
        await type_into(pilot, "#code", "M01")
        await type_into(pilot, "#pin", "9999")
        await pilot.press("enter")
        await settled(pilot, screen_only=True)
        assert not isinstance(app.screen, ManagerApproval)
    assert [a.code for a in approved] == ["M01"]

"""A store that cannot be written (issue 16: F2 on a read-only store ended
the app with the SQL on screen): the person stays on the screen and is told
what happened and that nothing was half-saved."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from counter.app import make_app
from counter.store import Store
from screens.finder import FinderScreen
from screens.payment import PaymentScreen
from tests.tui.helpers import text_of, until
from tests.tui.test_sign_in import sign_in


@pytest.fixture
def read_only(settings, store, db_url) -> Store:
    if not db_url.startswith("sqlite"):
        pytest.skip("a read-only file is SQLite's case")
    path = db_url.removeprefix("sqlite:///")
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"check_same_thread": False})
    yield Store(settings, engine)
    engine.dispose()


def shown(app) -> str:
    return " ".join(str(n) for n in app._notifications) if hasattr(app, "_notifications") else ""


async def test_selling_on_a_read_only_store_says_so_and_the_app_stays(settings, read_only):
    app = make_app(settings, read_only)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "A01", "1111")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, FinderScreen), "the finder")
        await until(pilot, lambda: "read-only" in text_of(pilot, "#message"), "the store's fault said on the screen")
        assert "Nothing was half-saved" in text_of(pilot, "#message")
        assert app.is_running


async def test_paying_on_a_read_only_store_says_so_and_the_app_stays(settings, store, staff, products, read_only):
    from counter.services import slips

    draft = slips.current_draft(store.uow(), staff["A01"])
    slips.add_line(store.uow(), staff["A01"], draft.id, products["PJ-1"])
    slip = slips.write_slip(store.uow(), staff["A01"], draft.id)
    app = make_app(settings, read_only)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, PaymentScreen), "the payment screen")
        await pilot.press(*slip.number, "f10")
        await until(pilot, lambda: "read-only" in text_of(pilot, "#message"), "the store's fault said on the screen")
        assert app.is_running and app.screen.result is None

"""The store fails mid-sale (issue 16: a full disk or a server gone ended the
app with a traceback): the assistant and the cashier are told on the same
screen what happened and that nothing was half-saved, the rows show no part
of a sale, and once the store is back the same key does the job, nothing
retyped. The full disk is tests/tui/test_disk_full.py; here the PostgreSQL
server goes away: the app's own connection cut by the server
(pg_terminate_backend), and the server unreachable (the app reaches it
through a relay the test closes), never the shared test server stopped."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import create_engine, event, make_url

from counter.app import make_app
from counter.store import Store
from models import Payment, Slip, SlipStatus
from screens.payment import PaymentScreen
from tests.relay import Relay
from tests.tui.helpers import text_of, until
from tests.tui.test_cashier import open_payment, shown, write_slip
from tests.tui.test_finder import open_finder
from tests.tui.test_sign_in import sign_in

FRIDGE = "6901234500042"  # BX-1
NOTHING_HALF_SAVED = "Nothing was half-saved"


def sale_rows(store: Store, slip_id: int) -> tuple[SlipStatus, int, int]:
    """The slip's status, its payment rows and its lines, as stored."""
    from sqlmodel import func, select

    from models import SlipLine

    with store.uow() as u:
        slip = u.session.get(Slip, slip_id)
        paid = u.session.exec(select(func.count()).select_from(Payment).where(Payment.slip_id == slip_id)).one()
        lines = u.session.exec(select(func.count()).select_from(SlipLine).where(SlipLine.slip_id == slip_id)).one()
        return SlipStatus(slip.status), paid, lines


# ---- PostgreSQL: the server goes away -----------------------------------


def through(settings, relay: Relay, pg_url: str):
    url = make_url(pg_url).set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    settings = replace(settings, db_url=url)
    return settings, Store.open(settings)


@pytest.mark.postgres
async def test_the_server_gone_while_the_assistant_adds_is_said_and_the_same_key_adds_once_it_is_back(
    settings, store, pg_url, relay
):
    settings, far = through(settings, relay, pg_url)
    app = make_app(settings, far)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await pilot.press(*"dfb", "enter")
        await until(pilot, lambda: screen.draft.item_count == 1, "the first goods on the slip")
        slip_id = screen.draft.id
        relay.stop()  # the server is gone
        await pilot.press(*FRIDGE, "enter")
        await until(pilot, lambda: "server" in text_of(pilot, "#message"), "the server's absence said on the screen")
        message = text_of(pilot, "#message")
        assert "The store's server cannot be reached." in message and NOTHING_HALF_SAVED in message
        assert "psycopg" not in message and "Traceback" not in message
        assert app.is_running and app.screen is screen and screen.draft.item_count == 1
        relay.start()  # back
        await pilot.press("enter")  # the barcode is still in the box
        await until(pilot, lambda: screen.draft.item_count == 2, "the fridge added once the server is back")
    far.engine.dispose()
    assert sale_rows(store, slip_id) == (SlipStatus.DRAFT, 0, 2)


@pytest.mark.postgres
async def test_the_server_gone_when_the_cashier_pays_is_said_and_f10_pays_once_it_is_back(
    settings, store, staff, products, pg_url, relay
):
    slip = write_slip(store, staff, products, ("XYJ-1", 1), ("PJ-1", 2))
    settings, far = through(settings, relay, pg_url)
    app = make_app(settings, far)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.slip is not None, "the slip checked (查)")
        relay.stop()
        await pilot.press("f10")
        await until(pilot, lambda: "server" in text_of(pilot, "#message"), "the server's absence said on the screen")
        assert NOTHING_HALF_SAVED in text_of(pilot, "#message")
        assert app.is_running and app.screen is screen and screen.result is None
        assert sale_rows(store, slip.id) == (SlipStatus.WRITTEN, 0, 2)
        relay.start()
        await pilot.press("f10")
        await until(pilot, lambda: screen.result is not None, "the payment taken once the server is back")
    far.engine.dispose()
    assert sale_rows(store, slip.id) == (SlipStatus.PAID, 1, 2)


@pytest.mark.postgres
async def test_the_connection_cut_in_the_middle_of_a_payment_leaves_no_part_of_it_and_f10_pays_after(
    settings, store, staff, products, pg_url
):
    """The cashier's connection is ended by the server (a restart, an
    administrator) between the payment's first and second statement."""
    slip = write_slip(store, staff, products, ("XYJ-1", 1), ("PJ-1", 2))
    settings = replace(settings, db_url=pg_url)
    far = Store.open(settings)
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    cut: list[int] = []

    def cut_mid_payment(conn, cursor, statement, parameters, context, executemany) -> None:
        if not cut and statement.lstrip().upper().startswith("INSERT INTO PAYMENT"):
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            with admin.connect() as other:  # waits until the backend has gone
                other.exec_driver_sql("SELECT pg_terminate_backend(%s, 5000)", (pid,))
            cut.append(pid)

    event.listen(far.engine, "before_cursor_execute", cut_mid_payment)
    app = make_app(settings, far)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.slip is not None, "the slip checked (查)")
        await pilot.press("f10")
        await until(pilot, lambda: "server" in text_of(pilot, "#message"), "the cut connection said on the screen")
        assert cut and NOTHING_HALF_SAVED in text_of(pilot, "#message")
        assert app.is_running and app.screen is screen and screen.result is None
        assert sale_rows(store, slip.id) == (SlipStatus.WRITTEN, 0, 2)
        await pilot.press("f10")
        await until(pilot, lambda: screen.result is not None, "the payment taken on a new connection")
    far.engine.dispose()
    admin.dispose()
    assert sale_rows(store, slip.id) == (SlipStatus.PAID, 1, 2)


@pytest.mark.postgres
async def test_the_cashier_opening_payment_while_the_server_is_gone_is_told_and_the_queue_comes_back_with_it(
    settings, store, staff, products, pg_url, relay
):
    slip = write_slip(store, staff, products, ("PJ-1", 1))
    settings, far = through(settings, relay, pg_url)
    app = make_app(settings, far)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        relay.stop()
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, PaymentScreen), "the payment screen")
        screen = app.screen
        await until(pilot, lambda: "server" in text_of(pilot, "#message"), "the server's absence said on the screen")
        assert NOTHING_HALF_SAVED in text_of(pilot, "#message")
        assert app.is_running and slip.number not in shown(app, "#queue")
        relay.start()  # the change feed finds the server again and the whole queue is read
        await until(pilot, lambda: slip.number in shown(app, "#queue"), "the queue once the server is back")
        await pilot.press(*slip.number, "enter", "f10")
        await until(pilot, lambda: screen.result is not None, "the payment taken")
    far.engine.dispose()
    assert sale_rows(store, slip.id) == (SlipStatus.PAID, 1, 1)


@pytest.mark.postgres
@pytest.mark.parametrize("key", ["o", "z"])
async def test_the_shift_screens_opened_while_the_server_is_gone_say_so_and_work_once_it_is_back(
    settings, store, pg_url, relay, key
):
    from screens.shift_close import ShiftCloseScreen
    from screens.shift_open import ShiftOpenScreen

    flow = {"o": ShiftOpenScreen, "z": ShiftCloseScreen}[key]
    settings, far = through(settings, relay, pg_url)
    app = make_app(settings, far)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "C01", "2222")
        relay.stop()
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, flow), flow.__name__)
        await until(pilot, lambda: "server" in text_of(pilot, "#message"), "the server's absence said on the screen")
        assert NOTHING_HALF_SAVED in text_of(pilot, "#message") and app.is_running
        relay.start()
        await pilot.press("escape", key)
        await until(pilot, lambda: isinstance(app.screen, flow) and "server" not in text_of(pilot, "#message"), "the screen read again")
        if key == "z":  # the cashier's open shift (the seeded store opens one) is found
            await until(pilot, lambda: "Close shift" in text_of(pilot, "#title"), "the open shift")
        else:
            await until(pilot, lambda: "already have shift" in text_of(pilot, "#message"), "the open shift")
    far.engine.dispose()

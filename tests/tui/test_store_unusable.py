"""The app started on a store it cannot use, and a till that loses every
deadlock (issue 16: a file that is not a store, a truncated store or one
from a newer Counter ended the terminal app, or left the sign-in waiting
with a technical message): the person is told on the sign-in screen what is
wrong, the app stays, and the next sign-in tries the store again."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from counter.app import make_app
from counter.store import uow as uow_module
from screens.sign_in import SignInScreen
from tests.tui.helpers import text_of, until
from tests.tui.test_finder import open_finder


@pytest.fixture
def good_file(store, db_url) -> Path:
    if not db_url.startswith("sqlite"):
        pytest.skip("a damaged file is SQLite's case")
    store.engine.dispose()
    return Path(db_url.removeprefix("sqlite:///"))


def spoil(good: Path, how: str) -> Path:
    path = good.with_name(f"{how}.db")
    if how == "not-a-store":
        path.write_text("name,price\nkettle,89.90\n")
    elif how == "truncated":
        shutil.copy(good, path)
        os.truncate(path, 20000)
    elif how == "newer":
        shutil.copy(good, path)
        with sqlite3.connect(path) as db:
            db.execute("UPDATE alembic_version SET version_num = '0099'")
    return path


@pytest.mark.parametrize(("how", "says"), [
    ("not-a-store", "damaged or is not a store"),
    ("truncated", "damaged or is not a store"),
    ("newer", "made by a newer version of Counter"),
])
async def test_a_store_the_app_cannot_use_is_said_at_sign_in_and_the_app_stays(settings, good_file, how, says):
    spoilt = spoil(good_file, how)
    app = make_app(replace(settings, db_url=f"sqlite:///{spoilt}"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store_fault is not None, "the store tried")
        await pilot.press(*"A01", "enter", *"1111", "enter")  # (sign_in would wait for a home that never comes)
        await until(pilot, lambda: says in text_of(pilot, "#message"), "why the store cannot be used")
        assert "Traceback" not in text_of(pilot, "#message") and "sqlite3" not in text_of(pilot, "#message")
        assert app.is_running and isinstance(app.screen, SignInScreen) and app.actor is None
        # Put right (the manager restores the store): the next sign-in opens it.
        shutil.copy(good_file, spoilt)
        await pilot.press(*"1111", "enter")
        await until(pilot, lambda: app.actor is not None, "signed in once the store is whole")
    assert app.return_code in (None, 0)


class _Deadlock(Exception):
    sqlstate = "40P01"  # PostgreSQL's deadlock_detected


@pytest.fixture
def deadlocks(store, monkeypatch):
    """The store ends the till's transaction as a deadlock's victim at each
    new slip line while `deadlocks.left` is above 0."""
    monkeypatch.setattr(uow_module, "RETRY_BACKOFF_S", 0)

    class Left:
        left = 0

    def victim(conn, cursor, statement, params, context, executemany):
        if Left.left and statement.lstrip().upper().startswith("INSERT INTO SLIPLINE"):
            Left.left -= 1
            raise OperationalError(statement, params, _Deadlock("deadlock detected"))

    event.listen(store.engine, "before_cursor_execute", victim)
    yield Left
    event.remove(store.engine, "before_cursor_execute", victim)


async def test_a_till_that_loses_deadlocks_is_told_and_the_same_key_adds_after(settings, store, deadlocks):
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        deadlocks.left = 1  # lost once: run again, unseen
        await pilot.press(*"dfb", "enter")
        await until(pilot, lambda: screen.draft.item_count == 1, "the goods added after one lost deadlock")
        assert "busy" not in text_of(pilot, "#message")
        deadlocks.left = uow_module.RETRIES + 1  # lost every time
        await pilot.press(*"xyj", "enter")
        await until(pilot, lambda: "busy" in text_of(pilot, "#message"), "the store's refusal said")
        assert app.is_running and app.screen is screen and screen.draft.item_count == 1
        await pilot.press("enter")  # what was typed is still in the box
        await until(pilot, lambda: screen.draft.item_count == 2, "the goods added once the store is free")
    with store.uow() as u:
        from sqlmodel import func, select

        from models import SlipLine

        assert u.session.exec(select(func.count()).select_from(SlipLine)).one() == 2

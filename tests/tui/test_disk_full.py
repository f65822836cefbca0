"""The disk holding the store fills up mid-sale (issue 16: the app died with
a traceback): the assistant is told on the same screen, nothing half-saved is
kept, and once there is room again the same key does the job, nothing
retyped: adding goods, writing the slip (F9), taking payment (F10). A real full
disk: the store on a small tmpfs, filled to the last byte while the app runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from dataclasses import replace

import pytest

from counter.app import make_app
from counter.store import Store
from models import SlipStatus
from screens.finder import FinderScreen
from tests.tui.helpers import text_of, until
from tests.tui.test_cashier import open_payment, write_slip
from tests.tui.test_finder import open_finder
from tests.tui.test_store_faults import NOTHING_HALF_SAVED, sale_rows

FRIDGE = "6901234500042"  # BX-1


@pytest.fixture
def small_disk(tmp_path, db_url):
    if not db_url.startswith("sqlite") or os.geteuid() != 0:
        pytest.skip("needs SQLite and root, to mount a small tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    size = os.path.getsize(db_url.removeprefix("sqlite:///")) + 4 * 1024 * 1024
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def fill(disk) -> None:
    """Writes a filler file until the disk has no byte left."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (65536, 1):
            try:
                while os.write(fd, b"\0" * chunk):
                    pass
            except OSError:
                continue
    finally:
        os.close(fd)


def lines_of(db: str, slip_id: int) -> list[tuple[int, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT line_no, quantity FROM slipline WHERE slip_id = ? ORDER BY line_no", (slip_id,)).fetchall()


async def test_a_full_disk_mid_sale_is_said_and_the_same_key_works_once_there_is_room(settings, db_url, small_disk):
    copy = small_disk / "counter.db"
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    settings = replace(settings, db_url=f"sqlite:///{copy}")
    app = make_app(settings, Store.open(settings))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await pilot.press(*"dfb", "enter")
        await until(pilot, lambda: screen.draft.item_count == 1, "the first goods on the slip")
        slip_id = screen.draft.id
        fill(small_disk)
        await pilot.press(*FRIDGE, "enter")
        await until(pilot, lambda: "full" in text_of(pilot, "#message"), "the full disk said on the screen")
        message = text_of(pilot, "#message")
        assert "disk holding the store is full" in message and "Nothing was half-saved" in message
        assert app.is_running and isinstance(app.screen, FinderScreen)
        assert [(l.line_no, l.quantity) for l in screen.draft.lines] == [(1, 1)]
        assert screen.query_one("#search").value == FRIDGE  # nothing typed is lost
        (small_disk / "filler").unlink()  # room again
        await pilot.press("enter")
        await until(pilot, lambda: screen.draft.item_count == 2, "the fridge added once there is room")
    assert lines_of(str(copy), slip_id) == [(1, 1), (2, 1)]


def store_on(settings, disk) -> tuple:
    """A copy of the test's store on `disk`, opened as the app opens one."""
    copy = disk / "counter.db"
    with sqlite3.connect(settings.db_url.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    settings = replace(settings, db_url=f"sqlite:///{copy}")
    return settings, Store.open(settings)


async def test_writing_a_slip_on_a_full_disk_is_said_and_f9_writes_it_once_there_is_room(settings, db_url, small_disk):
    settings, store = store_on(settings, small_disk)
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_finder(pilot)
        await pilot.press(*FRIDGE, "enter")
        await until(pilot, lambda: screen.draft.item_count == 1, "the fridge on the slip")
        slip_id = screen.draft.id
        fill(small_disk)
        await pilot.press("f9")
        await until(pilot, lambda: "full" in text_of(pilot, "#message"), "the full disk said on the screen")
        message = text_of(pilot, "#message")
        assert "The disk holding the store is full." in message and NOTHING_HALF_SAVED in message
        assert "Traceback" not in message and "sqlite" not in message.lower()
        assert app.is_running and app.screen is screen and screen.draft.id == slip_id
        assert sale_rows(store, slip_id) == (SlipStatus.DRAFT, 0, 1)  # not written, the line kept
        (small_disk / "filler").unlink()  # room again
        await pilot.press("f9")
        await until(pilot, lambda: "written" in text_of(pilot, "#message"), "the slip written")
    assert sale_rows(store, slip_id) == (SlipStatus.WRITTEN, 0, 1)
    store.engine.dispose()


async def test_paying_on_a_full_disk_is_said_and_f10_pays_once_there_is_room(
    settings, db_url, small_disk, staff, products
):
    settings, store = store_on(settings, small_disk)
    slip = write_slip(store, staff, products, ("XYJ-1", 1), ("PJ-1", 2))  # ¥3,478.80
    app = make_app(settings, store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_payment(pilot)
        await pilot.press(*slip.number, "enter")
        await until(pilot, lambda: screen.slip is not None, "the slip checked (查)")
        fill(small_disk)
        await pilot.press("f10")
        await until(pilot, lambda: "full" in text_of(pilot, "#message"), "the full disk said on the screen")
        message = text_of(pilot, "#message")
        assert "The disk holding the store is full." in message and NOTHING_HALF_SAVED in message
        assert app.is_running and app.screen is screen and screen.result is None
        assert sale_rows(store, slip.id) == (SlipStatus.WRITTEN, 0, 2)  # not PAID, no payment row
        (small_disk / "filler").unlink()
        await pilot.press("f10")  # the same key, the slip still checked
        await until(pilot, lambda: screen.result is not None, "the payment taken")
    assert sale_rows(store, slip.id) == (SlipStatus.PAID, 1, 2)
    store.engine.dispose()

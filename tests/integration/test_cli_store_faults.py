"""The command line on a store that is not there, not a store, damaged, from
a newer version or behind a server that is gone: one line and exit code 2,
never a traceback; and --db never makes a store by a typo (issue 16)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def counter(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COUNTER_HOME": str(cwd / "home"), "COUNTER_CONFIG": str(cwd / "none.toml"),
           "COUNTER_STAFF": "M01", "COUNTER_PIN": "9999"}
    return subprocess.run([sys.executable, "-m", "counter", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("shop")
    made = counter(where, "--db", str(where / "shop.db"), "demo", "--yes", "--days", "1")
    assert made.returncode == 0, made.stderr
    return where


def broken(shop: Path, name: str) -> Path:
    path = shop / name
    if name == "not-a-store.db":
        path.write_text("hello")
    elif name == "truncated.db":
        shutil.copy(shop / "shop.db", path)
        os.truncate(path, 20000)
    elif name == "empty.db":
        path.write_bytes(b"")
    elif name == "damaged.db":
        shutil.copy(shop / "shop.db", path)
        data = bytearray(path.read_bytes())
        for offset in range(4096 * 3, len(data) - 4096, 4096 * 5):
            data[offset + 100 : offset + 300] = b"\xde\xad" * 100
        path.write_bytes(bytes(data))
    elif name == "newer.db":
        shutil.copy(shop / "shop.db", path)
        with sqlite3.connect(path) as db:
            db.execute("UPDATE alembic_version SET version_num = '0099'")
    return path


@pytest.mark.parametrize(("db", "args", "says"), [
    ("not-a-store.db", ("audit", "verify"), "damaged or is not a store"),
    ("truncated.db", ("audit", "verify"), "damaged or is not a store"),
    ("newer.db", ("audit", "verify"), "made by a newer version of Counter"),
    ("newer.db", ("db", "upgrade"), "made by a newer version of Counter"),
    ("typo/shop.db", ("audit", "verify"), "There is no store at"),
    ("empty.db", ("audit", "verify"), "is empty (0 bytes)"),
    ("typo/shop.db", ("staff", "list"), "There is no store at"),
    ("mysql://x", ("audit", "verify"), "is not a store's address"),
    ("postgresql+psycopg://nobody@127.0.0.1:1/x", ("audit", "verify"), "server cannot be reached"),
])
def test_a_store_fault_is_one_line_and_exit_code_2(shop, db, args, says):
    target = str(broken(shop, db)) if db.endswith(".db") and "/" not in db else db
    done = counter(shop, "--db", target, *args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert says in done.stderr
    assert not (shop / "typo").exists()


def test_a_store_with_damaged_pages_does_not_verify(shop):
    done = counter(shop, "--db", str(broken(shop, "damaged.db")), "audit", "verify")
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert "damaged" in done.stderr


def promotion_of(path: Path, sku: str) -> str | None:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT promotion FROM product WHERE sku = ?", (sku,)).fetchone()[0]


def test_a_change_on_a_read_only_store_is_one_line_and_changes_nothing(shop):
    path = shop / "read-only.db"
    shutil.copy(shop / "shop.db", path)
    done = counter(shop, "--db", f"sqlite:///file:{path}?mode=ro&uri=true", "goods", "promotion", "XYJ-0001", "直降10元")
    assert done.returncode == 2 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "read-only" in done.stderr
    assert promotion_of(path, "XYJ-0001") != "直降10元"


def test_a_change_on_a_full_disk_is_one_line_and_changes_nothing(shop, tmp_path):
    from tests.tui.test_disk_full import fill

    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    size = (shop / "shop.db").stat().st_size + 1024 * 1024
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copy(shop / "shop.db", disk / "shop.db")
        fill(disk)
        done = counter(shop, "--db", str(disk / "shop.db"), "goods", "promotion", "XYJ-0001", "直降10元")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "The disk holding the store" in done.stderr and "full" in done.stderr
        (disk / "filler").unlink()
        assert promotion_of(disk / "shop.db", "XYJ-0001") != "直降10元"
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


class _Deadlock(Exception):
    sqlstate = "40P01"  # PostgreSQL's deadlock_detected


def test_a_command_that_loses_every_deadlock_is_one_line_and_changes_nothing(shop, tmp_path, monkeypatch):
    """In process (the store is made to lose each race): the command's
    service runs again a few times, then the CLI says the store is busy."""
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError
    from typer.testing import CliRunner

    import counter.store as store_package
    from counter.cli.main import app
    from counter.store import uow as uow_module

    path = tmp_path / "shop.db"
    shutil.copy(shop / "shop.db", path)
    monkeypatch.setattr(uow_module, "RETRY_BACKOFF_S", 0)
    monkeypatch.setenv("COUNTER_HOME", str(shop / "home"))
    monkeypatch.setenv("COUNTER_CONFIG", str(shop / "none.toml"))
    monkeypatch.setenv("COUNTER_STAFF", "M01")
    monkeypatch.setenv("COUNTER_PIN", "9999")
    opened = store_package.open_store
    tries = []

    def losing(*args, **kwargs):
        engine = opened(*args, **kwargs)

        @event.listens_for(engine, "before_cursor_execute")
        def victim(conn, cursor, statement, params, context, executemany):
            if statement.lstrip().upper().startswith("UPDATE PRODUCT"):
                tries.append(1)
                raise OperationalError(statement, params, _Deadlock("deadlock detected"))

        return engine

    monkeypatch.setattr(store_package, "open_store", losing)
    done = CliRunner().invoke(app, ["--db", str(path), "goods", "promotion", "XYJ-0001", "直降10元"])
    assert done.exit_code == 2 and done.exception is None or isinstance(done.exception, SystemExit)
    assert "busy" in done.output and "Traceback" not in done.output
    assert len(tries) == uow_module.RETRIES + 1
    assert promotion_of(path, "XYJ-0001") != "直降10元"

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

"""Backups of a live store, and restores that check before replacing."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from counter.cli import app
from counter.errors import BadInput
from counter.services import payments, slips
from counter.store.backup import backup, check, pg_commands, restore
from counter.store.engine import make_engine
from counter.store.uow import UnitOfWork
from models import Tender
from tests.conftest import PINS


def _file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _sell(url: str, sku: str = "PJ-1") -> None:
    from sqlmodel import Session, select

    from counter.auth import actor_of
    from models import Product, Staff

    engine = make_engine(url)
    with Session(engine) as session:
        a = actor_of(session.exec(select(Staff).where(Staff.code == "A01")).one())
        c = actor_of(session.exec(select(Staff).where(Staff.code == "C01")).one())
        product = session.exec(select(Product.id).where(Product.sku == sku)).one()
    draft = slips.current_draft(UnitOfWork(engine), a)
    slips.add_line(UnitOfWork(engine), a, draft.id, product)
    slip = slips.write_slip(UnitOfWork(engine), a, draft.id)
    payments.take_payment(UnitOfWork(engine), c, slip.id, [payments.TenderIn(Tender.CARD, slip.total)])
    engine.dispose()


def _slips(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM slip WHERE number IS NOT NULL").fetchone()[0]


def test_backup_of_a_live_store_holds_what_was_committed_and_is_owner_only(sqlite_url, tmp_path):
    _sell(sqlite_url)
    engine = make_engine(sqlite_url)
    with engine.connect() as till:  # a till mid-sale: its change is not committed
        till.execute(text("UPDATE product SET stock_on_hand = 0"))
        info = backup(sqlite_url, tmp_path / "b" / "monday.db")
        till.rollback()
    engine.dispose()
    assert info.slips == 1 and info.revision and info.audit_events > 0
    copy = tmp_path / "b" / "monday.db"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT min(stock_on_hand) FROM product").fetchone()[0] > 0


def test_backup_never_overwrites_a_file(sqlite_url, tmp_path):
    dest = tmp_path / "keep.db"
    dest.write_text("precious")
    with pytest.raises(BadInput, match="already exists"):
        backup(sqlite_url, dest)
    assert dest.read_text() == "precious"


def test_restore_brings_back_the_backup_and_keeps_the_store_as_it_was(sqlite_url, tmp_path):
    _sell(sqlite_url)
    backup(sqlite_url, tmp_path / "b.db")
    _sell(sqlite_url, "XYJ-1")
    store = _file(sqlite_url)
    assert _slips(store) == 2
    # The search index saved beside the store described the goods before.
    index = store.with_name(store.name + ".search")
    index.write_bytes(b"the index as it was")
    result = restore(sqlite_url, tmp_path / "b.db", force=True)  # the test's shifts stay open
    assert _slips(store) == 1
    assert not index.exists()
    assert result.previous is not None and _slips(result.previous) == 2
    assert stat.S_IMODE(result.previous.stat().st_mode) == 0o600
    assert check(store).slips == 1
    # The restored store works: sign in and sell.
    from counter.config import Settings
    from counter.store import Store

    live = Store.open(Settings(db_url=sqlite_url))
    assert live.sign_in("C01", PINS["C01"]).code == "C01"
    live.engine.dispose()
    _sell(sqlite_url, "XYJ-2")
    assert _slips(store) == 2


def _corrupt_files(tmp_path: Path, sqlite_url: str) -> dict[str, Path]:
    backup(sqlite_url, tmp_path / "good.db")
    good = (tmp_path / "good.db").read_bytes()
    files = {}
    files["random bytes"] = tmp_path / "random.db"
    files["random bytes"].write_bytes(bytes(range(256)) * 64)
    files["cut short"] = tmp_path / "short.db"
    files["cut short"].write_bytes(good[: len(good) // 3])
    files["damaged pages"] = tmp_path / "damaged.db"
    damaged = bytearray(good)
    for offset in range(4096 * 2, len(damaged), 4096):
        damaged[offset : offset + 200] = b"\xde\xad" * 100
    files["damaged pages"].write_bytes(bytes(damaged))
    files["audit edited"] = tmp_path / "edited.db"
    files["audit edited"].write_bytes(good)
    with sqlite3.connect(files["audit edited"]) as conn:
        conn.execute("UPDATE auditevent SET after = '{}' WHERE id = 2")
    files["unknown schema"] = tmp_path / "future.db"
    files["unknown schema"].write_bytes(good)
    with sqlite3.connect(files["unknown schema"]) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    files["not a store"] = tmp_path / "other.db"
    with sqlite3.connect(files["not a store"]) as conn:
        conn.execute("CREATE TABLE t (x)")
    files["missing"] = tmp_path / "missing.db"
    return files


@pytest.mark.parametrize(
    "kind", ["random bytes", "cut short", "damaged pages", "audit edited", "unknown schema", "not a store", "missing"]
)
def test_restore_of_a_bad_file_is_refused_and_nothing_is_replaced(sqlite_url, tmp_path, kind):
    _sell(sqlite_url)
    bad = _corrupt_files(tmp_path, sqlite_url)[kind]
    store = _file(sqlite_url)
    before = store.read_bytes()
    with pytest.raises(BadInput) as refused:
        restore(sqlite_url, bad)
    assert str(refused.value).strip()
    assert store.read_bytes() == before
    assert not list(store.parent.glob("*before-restore*")) and not list(store.parent.glob(".*restore*"))


def test_cli_backup_and_restore(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.delenv("COUNTER_DB", raising=False)
    runner = CliRunner()
    dest = tmp_path / "cli.db"
    monkeypatch.setenv("COUNTER_STAFF", "C01")
    monkeypatch.setenv("COUNTER_PIN", "2222")
    cashier = runner.invoke(app, ["--db", sqlite_url, "backup", str(dest)])
    assert cashier.exit_code == 2 and "may not back up or restore the store" in cashier.output and not dest.exists()
    monkeypatch.setenv("COUNTER_STAFF", "M01")
    monkeypatch.setenv("COUNTER_PIN", "9999")
    made = runner.invoke(app, ["--db", sqlite_url, "backup", str(dest)])
    assert made.exit_code == 0, made.output
    assert "backed up to" in made.output and dest.exists()
    asked = runner.invoke(app, ["--db", sqlite_url, "restore", str(dest)])
    assert asked.exit_code == 2 and "--yes" in asked.output
    busy = runner.invoke(app, ["--db", sqlite_url, "restore", str(dest), "--yes"])
    assert busy.exit_code == 2 and "shift(s) are open" in busy.output
    done = runner.invoke(app, ["--db", sqlite_url, "restore", str(dest), "--yes", "--force"])
    assert done.exit_code == 0, done.output
    assert "checks out" in done.output and "restored" in done.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    refused = runner.invoke(app, ["--db", sqlite_url, "restore", str(junk), "--yes"])
    assert refused.exit_code == 2 and "not a Counter store" in refused.output


def test_postgresql_store_is_backed_up_with_pg_dump(tmp_path):
    url = "postgresql+psycopg://shop:s3cret@db.local:5432/counter"
    dump, load = pg_commands(url, "/backups/counter.dump")
    assert dump == "pg_dump --format=custom --file=/backups/counter.dump 'postgresql://shop@db.local:5432/counter'"
    assert load.startswith("pg_restore ") and "s3cret" not in dump + load
    with pytest.raises(BadInput, match="pg_dump"):
        backup(url, tmp_path / "x.dump")
    out = CliRunner().invoke(app, ["--db", url, "backup", str(tmp_path / "x.dump")])
    assert out.exit_code == 0 and "pg_dump --format=custom" in out.output and "s3cret" not in out.output


def test_restore_refuses_another_shops_backup_and_a_store_in_use_and_numbers_never_go_back(sqlite_url, tmp_path):
    from counter.store.engine import make_engine

    _sell(sqlite_url)
    backup(sqlite_url, tmp_path / "ours.db")
    _sell(sqlite_url, "XYJ-1")  # slip 000002 given after the backup
    store = _file(sqlite_url)
    # Tills at work: the seeded shifts are open.
    with pytest.raises(BadInput, match=r"shift\(s\) are open"):
        restore(sqlite_url, tmp_path / "ours.db")
    theirs = tmp_path / "theirs.db"
    theirs.write_bytes((tmp_path / "ours.db").read_bytes())
    with sqlite3.connect(theirs) as conn:
        conn.execute("UPDATE shop_identity SET shop_id = 'another-shop'")
    with pytest.raises(BadInput, match="another shop's store"):
        restore(sqlite_url, theirs, force=True)
    assert _slips(store) == 2  # nothing replaced
    restore(sqlite_url, tmp_path / "ours.db", force=True)
    assert _slips(store) == 1
    _sell(sqlite_url, "XYJ-2")  # the next slip is 000003: 000002 was given before the restore
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT number FROM slip ORDER BY id")).scalars().all() == ["000001", "000003"]
    engine.dispose()
    restore(sqlite_url, theirs, force=True, other_shop=True)  # on purpose

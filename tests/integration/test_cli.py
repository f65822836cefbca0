"""The `counter` command as a shop's first day meets it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from counter.cli import app
from counter.errors import SignInFailed


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COUNTER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("COUNTER_DB", raising=False)
    return CliRunner()


def test_help_explains_every_command(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "db", "import", "staff"):
        assert command in result.output


def test_a_new_store_starts_with_a_manager_and_nothing_else(runner, tmp_path):
    db = str(tmp_path / "shop.db")
    result = runner.invoke(app, ["--db", db, "staff", "add", "--code", "m1", "--name", "周经理", "--role", "manager"], input="432100\n432100\n")
    assert result.exit_code == 0, result.output
    assert "added M1" in result.output
    refused = runner.invoke(app, ["--db", db, "staff", "add", "--code", "a1", "--name", "王", "--role", "assistant"], input="M1\n0000\n")
    assert refused.exit_code == 2 and "Wrong staff code or PIN" in refused.output


def test_first_staff_must_be_a_manager(runner, tmp_path):
    db = str(tmp_path / "shop.db")
    result = runner.invoke(app, ["--db", db, "staff", "add", "--code", "a1", "--name", "王小明", "--role", "assistant"], input="432100\n432100\n")
    assert result.exit_code == 2 and "must be a manager" in result.output


def test_an_empty_store_tells_staff_how_to_begin(tmp_path):
    from counter.config import Settings
    from counter.store import Store

    store = Store.open(Settings(db_url=f"sqlite:///{tmp_path / 'empty.db'}"))
    with pytest.raises(SignInFailed, match="counter demo"):
        store.sign_in("A01", "1111")


def test_demo_builds_a_store_and_refuses_to_reset_without_yes(runner, tmp_path):
    db = str(tmp_path / "demo.db")
    result = runner.invoke(app, ["--db", db, "demo", "--days", "2"])
    assert result.exit_code == 0, result.output
    assert "A01" in result.output and "1111" in result.output and "M01" in result.output
    again = runner.invoke(app, ["--db", db, "demo", "--days", "2"])
    assert again.exit_code == 2 and "--yes" in again.output


def test_demo_never_resets_a_store_with_real_sales_by_mistake(runner, tmp_path, monkeypatch):
    import sqlite3

    db = tmp_path / "shop.db"
    assert runner.invoke(app, ["--db", str(db), "demo", "--days", "1"]).exit_code == 0
    with sqlite3.connect(db) as conn:  # as if the shop had been trading on it: no demo mark
        conn.execute("DELETE FROM sequence WHERE name = 'demo_store'")
        slips = conn.execute("SELECT count(*) FROM slip").fetchone()[0]
    refused = runner.invoke(app, ["--db", str(db), "demo", "--yes", "--days", "1"])
    assert refused.exit_code == 2 and f"holds {slips} real slips" in refused.output
    monkeypatch.setenv("COUNTER_STAFF", "C01")
    monkeypatch.setenv("COUNTER_PIN", "2222")
    cashier = runner.invoke(app, ["--db", str(db), "demo", "--replace-real-store", "--days", "1"])
    assert cashier.exit_code == 2 and "may not" in cashier.output
    assert not list(tmp_path.glob("shop.db.before-demo-*"))
    monkeypatch.setenv("COUNTER_STAFF", "M01")
    monkeypatch.setenv("COUNTER_PIN", "9999")
    replaced = runner.invoke(app, ["--db", str(db), "demo", "--replace-real-store", "--days", "1"])
    assert replaced.exit_code == 0, replaced.output
    [kept] = tmp_path.glob("shop.db.before-demo-*")
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT count(*) FROM slip").fetchone()[0] == slips
    again = runner.invoke(app, ["--db", str(db), "demo", "--yes", "--days", "1"])  # a demo store again: reset at will

    assert again.exit_code == 0 and len(list(tmp_path.glob("shop.db.before-demo-*"))) >= 1
    verified = runner.invoke(app, ["--db", str(db), "audit", "verify"])  # the old checkpoints were reset
    assert verified.exit_code == 0, verified.output

"""`counter audit verify` and `counter audit list` on a real store file."""

from __future__ import annotations

from sqlalchemy import text
from typer.testing import CliRunner

from counter.cli import app
from tests.conftest import PINS


def test_edited_audit_row_is_detected_by_audit_verify(store, staff, sell, db_url):
    sell({"PJ-1": 1})
    runner = CliRunner()
    intact = runner.invoke(app, ["--db", db_url, "audit", "verify"])
    assert intact.exit_code == 0, intact.output
    assert intact.output.startswith("chain intact, ") and "events" in intact.output
    with store.engine.begin() as conn:
        target = conn.execute(text("SELECT id FROM auditevent WHERE action = 'slip.paid'")).scalar_one()
        # Someone rewrites what was paid, straight in the database.
        conn.execute(text("UPDATE auditevent SET after = replace(after, '89.90', '8.99') WHERE id = :id"), {"id": target})
    broken = runner.invoke(app, ["--db", db_url, "audit", "verify"])
    assert broken.exit_code == 1
    assert f"chain broken (hash check) at event {target}: keyed hash does not hold (the row was edited or rehashed without the key)" in broken.output


def test_deleted_audit_row_is_detected_by_audit_verify(store, sell, db_url):
    sell({"PJ-1": 1})
    with store.engine.begin() as conn:
        first, second = conn.execute(text("SELECT id FROM auditevent ORDER BY id LIMIT 2")).scalars()
        conn.execute(text("DELETE FROM auditevent WHERE id = :id"), {"id": first})
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "verify"])
    assert result.exit_code == 1 and f"event {second}: link to the previous event is broken" in result.output


def test_audit_list_filters_by_action_and_day_for_a_manager(store, sell, db_url):
    sell({"PJ-1": 1})
    runner = CliRunner()
    env = {"COUNTER_PIN": PINS["M01"]}
    listed = runner.invoke(app, ["--db", db_url, "audit", "list", "--action", "slip", "--staff", "M01"], env=env)
    assert listed.exit_code == 0, listed.output
    actions = [line.split()[5] for line in listed.stdout.splitlines() if line[:6].strip().isdigit()]
    assert actions == ["slip.handed_over", "slip.paid", "slip.written"]
    assert "after:  total_fen: 8990" in listed.stdout
    none = runner.invoke(app, ["--db", db_url, "audit", "list", "--since", "2999-01-01", "--staff", "M01"], env=env)
    assert none.exit_code == 0 and "slip." not in none.stdout
    bad = runner.invoke(app, ["--db", db_url, "audit", "list", "--since", "yesterday", "--staff", "M01"], env=env)
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_audit_list_is_for_managers(store, db_url):
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "list", "--staff", "C01"], env={"COUNTER_PIN": PINS["C01"]})
    assert result.exit_code == 2 and "may not" in result.output

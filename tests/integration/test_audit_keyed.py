"""The audit chain's keyed links: HMAC with the shop's key file, and stores
chained before the key (plain SHA-256) still verify, up to the first keyed link."""

from __future__ import annotations

import stat
from datetime import datetime

from sqlalchemy import text
from typer.testing import CliRunner

from counter import audit
from counter.audit_key import key_path, load_key
from counter.cli import app


def _rehash(store, key):
    """Recomputes every link with `key` (None: the old unkeyed SHA-256), as
    someone with a copy of the store and the app's own function could."""
    with store.engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM auditevent ORDER BY id"))]
        prev = ""
        for row in rows:
            fields = {k: row[k] for k in ("at", "actor_id", "action", "entity", "entity_id", "before", "after")}
            if isinstance(fields["at"], str):  # SQLite hands back text
                fields["at"] = datetime.fromisoformat(fields["at"])
            new = audit._chain_hash(prev, **fields, key=key)
            conn.execute(
                text("UPDATE auditevent SET prev_hash = :p, hash = :h WHERE id = :id"),
                {"p": prev, "h": new, "id": row["id"]},
            )
            prev = new
    return len(rows)


def test_the_key_file_is_made_once_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    key = load_key()
    assert len(key) == 32
    assert key_path() == tmp_path / "keys" / "audit.key"
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600
    assert load_key() == key


def test_links_are_keyed_and_a_rehash_with_another_key_is_caught(store, sell, db_url, tmp_path, monkeypatch):
    sell({"PJ-1": 1})
    with store.engine.connect() as conn:
        hashes = list(conn.execute(text("SELECT hash FROM auditevent ORDER BY id")).scalars())
    assert hashes and all(h.startswith(audit.KEYED) for h in hashes)
    monkeypatch.setenv("COUNTER_AUDIT_KEY_FILE", str(tmp_path / "other.key"))
    _rehash(store, load_key())  # a forger's own key
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "verify"])
    assert result.exit_code == 1
    assert "chain broken (hash check) at event 1: keyed hash does not hold" in result.output


def test_a_store_chained_before_the_key_still_verifies_and_switches_once(store, sell, db_url):
    sell({"PJ-1": 1})
    old = _rehash(store, None)  # as a store made before keyed links
    runner = CliRunner()
    intact = runner.invoke(app, ["--db", db_url, "audit", "verify"])
    assert intact.exit_code == 0, intact.output
    sell({"PJ-1": 1})  # the first keyed link follows the unkeyed ones
    with store.engine.connect() as conn:
        hashes = list(conn.execute(text("SELECT hash FROM auditevent ORDER BY id")).scalars())
    assert not any(h.startswith(audit.KEYED) for h in hashes[:old])
    assert all(h.startswith(audit.KEYED) for h in hashes[old:])
    assert runner.invoke(app, ["--db", db_url, "audit", "verify"]).exit_code == 0
    # After the switch, an unkeyed link no longer passes.
    with store.engine.begin() as conn:
        last_id, prev = conn.execute(text("SELECT id, prev_hash FROM auditevent ORDER BY id DESC LIMIT 1")).one()
        row = dict(conn.execute(text("SELECT * FROM auditevent WHERE id = :id"), {"id": last_id}).one()._mapping)
        at = row["at"] if isinstance(row["at"], datetime) else datetime.fromisoformat(row["at"])
        forged = audit._chain_hash(
            prev, at, row["actor_id"], row["action"], row["entity"], row["entity_id"], row["before"], "{}"
        )
        conn.execute(text("UPDATE auditevent SET after = '{}', hash = :h WHERE id = :id"), {"h": forged, "id": last_id})
    broken = runner.invoke(app, ["--db", db_url, "audit", "verify"])
    assert broken.exit_code == 1
    assert f"chain broken (hash check) at event {last_id}: keyed hash does not hold" in broken.output

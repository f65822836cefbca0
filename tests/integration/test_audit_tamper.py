"""Someone with a copy of the store (and, for the rehash, the app's own hash
function) tries to rewrite the audit log: every attempt is caught, and the
check that caught it is named (issue 16). A daily report took a checkpoint
of the chain's head before the tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select
from typer.testing import CliRunner

from counter import audit
from counter.cli import app
from counter.config import load_settings
from counter.errors import BadInput
from counter.services import reports
from counter.store import Store
from counter.store.backup import backup, restore
from models import AuditEvent
from models.clock import now
from tests.integration.test_audit_keyed import _rehash


@pytest.fixture
def checked(store, staff, sell):
    """A few sales, then the day's report: its checkpoint is the chain's head."""
    for sku in ("PJ-1", "DFB-1", "XYJ-2"):
        sell({sku: 1})
    report = reports.daily_report(store.uow(), staff["M01"], now().date())
    assert report.checkpoint is not None and report.checkpoint.count >= 20
    return report.checkpoint


def ids(store) -> list[int]:
    with store.engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM auditevent ORDER BY id")).scalars())


def run(store, sql: str, **params) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def caught(store) -> audit.Break:
    with store.uow() as u:
        broken = audit.verify_chain(u.session)
    assert broken is not None, "the tampering went unseen"
    return broken


def test_an_untouched_log_holds_against_its_checkpoint(store, checked, db_url):
    with store.uow() as u:
        assert audit.verify_chain(u.session) is None
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "verify"])
    assert result.exit_code == 0 and "1 checkpoint(s) held" in result.output


def test_an_edited_row_is_caught_by_its_keyed_hash(store, checked):
    target = ids(store)[5]
    run(store, "UPDATE auditevent SET after = '{\"total_fen\": 1}' WHERE id = :id", id=target)
    assert (caught(store).check, caught(store).event_id) == ("hash", target)


def test_a_row_deleted_in_the_middle_is_caught_by_the_link(store, checked):
    target = ids(store)[5]
    run(store, "DELETE FROM auditevent WHERE id = :id", id=target)
    assert (caught(store).check, caught(store).event_id) == ("link", ids(store)[5])


def test_the_newest_rows_deleted_are_caught_by_the_checkpoint(store, checked):
    run(store, "DELETE FROM auditevent WHERE id > :id", id=ids(store)[-4])
    broken = caught(store)
    assert broken.check == "checkpoint" and "its newest events were deleted" in broken.why


def test_every_row_deleted_is_caught_by_the_checkpoint(store, checked):
    run(store, "DELETE FROM auditevent")
    assert caught(store).check == "checkpoint"


def test_a_rehash_with_the_old_unkeyed_function_is_caught_by_the_checkpoint(store, checked):
    _rehash(store, None)
    broken = caught(store)
    assert broken.check == "checkpoint" and "history was rewritten" in broken.why


def test_two_rows_swapped_are_caught_by_the_link(store, checked):
    first, second = ids(store)[3], ids(store)[7]
    with store.engine.begin() as conn:
        rows = {r.id: dict(r._mapping) for r in conn.execute(
            text("SELECT * FROM auditevent WHERE id IN (:a, :b)"), {"a": first, "b": second})}
        for mine, theirs in ((first, second), (second, first)):
            values = {k: v for k, v in rows[theirs].items() if k != "id"}
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.execute(text(f"UPDATE auditevent SET {sets} WHERE id = :id"), {**values, "id": mine})
    assert caught(store).check in ("link", "hash")


def test_a_forged_checkpoint_line_is_caught(store, checked, audit_checkpoints):
    lines = audit_checkpoints.read_text().splitlines()
    fields = lines[-1].split("\t")
    fields[2] = str(int(fields[2]) - 3)  # fewer events, to cover a deleted tail
    audit_checkpoints.write_text("\t".join(fields) + "\n")
    assert caught(store).check == "checkpoint file"


def test_a_rehashed_backup_is_refused_on_restore(store, checked, db_url, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("a PostgreSQL store is backed up with pg_dump, not by Counter")
    copy = tmp_path / "copy.db"
    backup(db_url, copy)
    forged = Store.open(load_settings(db_url=f"sqlite:///{copy}"))
    _rehash(forged, None)
    forged.engine.dispose()
    with pytest.raises(BadInput, match="history was rewritten; checkpoint check"):
        restore(db_url, copy, force=True)


def test_a_store_restored_from_an_older_backup_verifies_again(store, staff, sell, checked, db_url, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("a PostgreSQL store is backed up with pg_dump, not by Counter")
    older = tmp_path / "older.db"
    backup(db_url, older)
    sell({"PJ-1": 1})
    reports.daily_report(store.uow(), staff["M01"], now().date())  # a checkpoint past the backup
    restore(db_url, older, force=True)
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "verify"])
    assert result.exit_code == 0, result.output
    # The reset line is keyed: written by hand, it is caught.
    path = tmp_path / "audit.checkpoints"
    fields = path.read_text().splitlines()[-1].split("\t")
    path.write_text(path.read_text() + "\t".join([*fields[:4], "by hand", fields[5]]) + "\n")
    assert caught(store).check == "checkpoint file"


def test_the_log_is_verified_in_chunks_and_a_break_in_a_later_chunk_is_found(store, staff, sell, monkeypatch):
    """Issue 16: verify read the whole log in one go; it now reads it in
    chunks of plain rows, and a chunk's edge hides nothing."""
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 3)
    sell({"PJ-1": 1})
    sell({"DFB-1": 1})
    with store.uow() as u:
        assert audit.verify_chain(u.session) is None
        ids = [e.id for e in u.session.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert len(ids) > 7
    with store.engine.begin() as conn:  # an edit in the third chunk, at its first row
        conn.execute(AuditEvent.__table__.update().where(AuditEvent.__table__.c.id == ids[6]).values(action="x"))
    with store.uow() as u:
        broken = audit.verify_chain(u.session)
    assert broken is not None and (broken.event_id, broken.check) == (ids[6], "hash")

"""Backups: a consistent copy of a live SQLite store, and a restore that
checks the copy (integrity, a schema this Counter knows, an unbroken audit
chain) before anything is replaced.

Both use SQLite's online backup API, so tills may go on selling while a
backup is taken, and a restore reaches them through SQLite's own locking
instead of a file swapped under their feet. PostgreSQL stores are backed up
and restored with pg_dump / pg_restore; `pg_commands` says how.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session

from counter.errors import BadInput
from counter.i18n import _
from models.clock import now


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    slips: int
    invoices: int
    audit_events: int
    size: int


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite store, or None for a server (PostgreSQL)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BadInput(_("An in-memory store has nothing to back up."))
    return Path(parsed.database)


def pg_commands(url: str, path: str) -> tuple[str, str]:
    """The pg_dump and pg_restore commands for a PostgreSQL store (without
    its password, which belongs in PGPASSWORD or ~/.pgpass, not on screen)."""
    u = make_url(url)
    plain = URL.create("postgresql", u.username, None, u.host, u.port, u.database, u.query).render_as_string()
    return (
        f"pg_dump --format=custom --file={path} '{plain}'",
        f"pg_restore --clean --if-exists --single-transaction --dbname='{plain}' {path}",
    )


def _owner_only(path: Path) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)


def _copy(source: Path, dest: Path) -> None:
    """A consistent copy of `source` (live or not) into a new single file."""
    _owner_only(dest)
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, closing(sqlite3.connect(dest)) as dst:
            src.backup(dst)
            # One self-contained file: no -wal beside it to lose in a copy.
            dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as e:
        dest.unlink(missing_ok=True)
        raise BadInput(_("{path} is not a Counter store: {error}").format(path=source, error=e)) from None


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from counter.store.engine import MIGRATIONS_DIR

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def check(path: Path, store: str | None = None) -> BackupInfo:
    """Refuses (BadInput, saying why) a file that is not a whole, known,
    untampered Counter store; its figures otherwise. `store`: the live
    store (its URL) whose audit checkpoints the copy must agree with."""
    from counter import audit, audit_checkpoint

    if not path.is_file():
        raise BadInput(_("No backup file at {path}.").format(path=path))
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BadInput(_("{path} is damaged: {problem}").format(path=path, problem="; ".join(result[:3])))
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("slip", "invoice", "auditevent")]
    except sqlite3.Error as e:
        raise BadInput(_("{path} is not a Counter store: {error}").format(path=path, error=e)) from None
    if revision is None or revision[0] not in known_revisions():
        raise BadInput(
            _("{path} has schema {revision}, which this Counter does not know: it is from another program or a newer Counter.").format(
                path=path, revision=revision[0] if revision else "—"
            )
        )
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    try:
        with Session(engine) as session:
            broken = audit.verify_chain(session, store=audit_checkpoint.store_id_of(store) if store else "", live=False)
    finally:
        engine.dispose()
    if broken is not None:
        raise BadInput(
            _("{path}: the audit log was altered at event {id} ({why}; {check} check); refused.").format(
                path=path, id=broken.event_id, why=broken.why, check=broken.check
            )
        )
    return BackupInfo(path, revision[0], *counts, path.stat().st_size)


def backup(url: str, dest: Path) -> BackupInfo:
    """Copies the live store at `url` to `dest` (a new file) and checks the copy."""
    source = sqlite_path(url)
    if source is None:
        raise BadInput(_("This store is on a PostgreSQL server; back it up with: {command}").format(
            command=pg_commands(url, str(dest))[0]))
    if not source.is_file():
        raise BadInput(_("No store at {path}.").format(path=source))
    if dest.exists():
        raise BadInput(_("{path} already exists; choose a new file name.").format(path=dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    _copy(source, partial)
    try:
        check(partial, url)
    except BadInput:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(dest)
    return check(dest, url)


@contextmanager
def _staged(backup_file: Path, beside: Path) -> Iterator[Path]:
    """A private copy of the backup next to the store, removed afterwards."""
    staged = beside.with_name(f".{beside.name}.restore-{os.getpid()}")
    _copy(backup_file, staged)
    try:
        yield staged
    finally:
        staged.unlink(missing_ok=True)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    previous: Path | None  # the store as it was, kept beside it


# A store changed this recently is taken to have tills at work on it.
QUIET_MINUTES = 10


def _shop_of(path: Path) -> str | None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        try:
            row = conn.execute("SELECT shop_id FROM shop_identity WHERE id = 1").fetchone()
        except sqlite3.OperationalError:  # a store from before shops had an identity
            return None
    return row[0] if row else None


def _in_use(path: Path) -> str | None:
    """Why the store at `path` looks in use (an open shift, a recent change), or None."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        open_shifts = conn.execute("SELECT count(*) FROM shift WHERE status = 'open'").fetchone()[0]
        last = conn.execute("SELECT max(at) FROM auditevent").fetchone()[0]
    if open_shifts:
        return _("{n} shift(s) are open").format(n=open_shifts)
    if last and datetime.fromisoformat(str(last)) > now() - timedelta(minutes=QUIET_MINUTES):
        return _("the store changed at {time}").format(time=datetime.fromisoformat(str(last)).strftime("%H:%M"))
    return None


def _sequences(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return dict(conn.execute("SELECT name, value FROM sequence").fetchall())


def restore(url: str, backup_file: Path, *, other_shop: bool = False, force: bool = False) -> RestoreResult:
    """Replaces the store at `url` with `backup_file`, only once a copy of it
    has passed every check, is this shop's (unless `other_shop`) and no till
    is at work on the store (unless `force`). The store as it was is kept
    beside it first, and its counters never go back: numbers already given
    (slips, invoices, returns …) are not given again."""
    from counter import audit_checkpoint
    from counter.services import index_file
    from counter.store.engine import make_engine, upgrade

    target = sqlite_path(url)
    if target is None:
        raise BadInput(_("This store is on a PostgreSQL server; restore it with: {command}").format(
            command=pg_commands(url, str(backup_file))[1]))
    if not backup_file.is_file():
        raise BadInput(_("No backup file at {path}.").format(path=backup_file))
    if target.exists() and backup_file.resolve() == target.resolve():
        raise BadInput(_("That is the store itself, not a backup of it."))
    target.parent.mkdir(parents=True, exist_ok=True)
    with _staged(backup_file, target) as staged:
        info = check(staged, url)
        given: dict[str, int] = {}
        if target.exists():
            mine, theirs = _shop_of(target), _shop_of(staged)
            if mine and theirs and mine != theirs and not other_shop:
                raise BadInput(_("{path} is a backup of another shop's store; restore it only on purpose "
                                 "(--other-shop).").format(path=backup_file))
            busy = _in_use(target)
            if busy and not force:
                raise BadInput(_("Tills are at work on this store ({why}): close the shifts and stop the tills "
                                 "first, or restore anyway with --force.").format(why=busy))
            given = _sequences(target)
        previous = None
        if target.exists():
            previous = target.with_name(f"{target.name}.before-restore-{now():%Y%m%d-%H%M%S}")
            _copy(target, previous)
        engine = make_engine(f"sqlite:///{target}")
        try:
            with closing(sqlite3.connect(staged)) as src:
                raw = engine.raw_connection()
                try:
                    # Into the live file through SQLite's locks: tills that
                    # have it open wait, then see the restored store. A failed
                    # copy is rolled back by SQLite, leaving the store as it was.
                    src.backup(raw.driver_connection)
                except sqlite3.Error as e:
                    raise BadInput(_("The store could not be replaced, and is as it was: {error}").format(error=e)) from None
                finally:
                    raw.close()
            upgrade(engine)
            with engine.begin() as conn:  # numbers already given stay given
                for name, value in given.items():
                    conn.execute(text("UPDATE sequence SET value = :v WHERE name = :n AND value < :v"),
                                 {"v": value, "n": name})
            index_file.forget(engine)
            audit_checkpoint.mark_reset(url, f"restored from {backup_file}")
        finally:
            engine.dispose()
    return RestoreResult(info, previous)

"""Copying the whole store out and putting one back: a manager's work, since
a copy holds every customer's details and the staff's PIN hashes, and a
restore replaces what every till sees."""

from __future__ import annotations

from pathlib import Path

from counter.auth import Actor, require
from counter.store.backup import BackupInfo, RestoreResult, backup, check, restore


def backup_store(actor: Actor, url: str, dest: Path) -> BackupInfo:
    require(actor, "manage_store")
    return backup(url, dest)


def check_backup(actor: Actor, url: str, path: Path) -> BackupInfo:
    require(actor, "manage_store")
    return check(path, url)


def restore_store(actor: Actor, url: str, path: Path, *, other_shop: bool = False, force: bool = False) -> RestoreResult:
    require(actor, "manage_store")
    return restore(url, path, other_shop=other_shop, force=force)

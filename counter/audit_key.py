"""The shop's audit key: kept outside the store, so a copy of the store alone
cannot rehash its audit log. Made on first use, owner-only."""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path

from counter.config import data_dir


def key_path() -> Path:
    return Path(os.environ.get("COUNTER_AUDIT_KEY_FILE") or data_dir() / "audit.key")


def load_key() -> bytes:
    """The key for this process's key file, read once (it is needed at every
    commit that records events, and never changes under a running till)."""
    return _key_at(key_path())


@functools.cache
def _key_at(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_bytes()
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    return key

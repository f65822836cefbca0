"""Checkpoints of the audit chain's head, kept outside the store.

A keyed chain alone cannot show that its newest events were deleted, or
that all of it was rehashed by someone who has the key file as well as the
store. So every daily and shift report takes a checkpoint — how many events,
the id and hash of the newest — prints it on the paper, and appends it to
`audit.checkpoints` beside the key file (owner-only, each line keyed with
the shop's audit key, so it cannot be edited to match). Verifying the store
then holds its chain against every checkpoint: the event at a checkpoint
must still be there with the same hash, and as many events before it.

A checkpoint belongs to the store it was taken on (its file path, or its
server address), so stores that share one key do not check each other. A
store replaced on purpose (a restore, `counter demo`) gets a keyed reset line:
the checkpoints before it no longer apply.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import URL, func, make_url
from sqlmodel import Session, col, select

from counter.audit_key import key_path, load_key
from models import AuditEvent
from models.clock import now


@dataclass(frozen=True)
class Checkpoint:
    at: datetime
    count: int
    last_id: int
    head: str  # the newest event's hash

    @property
    def printed(self) -> str:
        """As the reports print it: enough of the hash to compare by eye."""
        return f"{self.count} · #{self.last_id} · {self.head.removeprefix('k1:')[:16]}"


def checkpoints_path() -> Path:
    """Beside the key file, or where COUNTER_AUDIT_CHECKPOINTS says."""
    return Path(os.environ.get("COUNTER_AUDIT_CHECKPOINTS") or key_path().with_name("audit.checkpoints"))


def store_id(session: Session) -> str:
    return store_id_of(session.get_bind().url)


def store_id_of(url: URL | str) -> str:
    """Which store a checkpoint belongs to: its file, or its server and database."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:{Path(url.database or '').resolve()}"
    return url.set(password=None).render_as_string(hide_password=True)


def _mac(line: str) -> str:
    return hmac.new(load_key(), line.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


# (checkpoint file, store) -> the newest event this process checkpointed: a
# report opened again with nothing new appends no line.
_taken: dict[tuple[Path, str], int] = {}


def take(session: Session) -> Checkpoint:
    """The chain's head now, appended to the checkpoint file."""
    count, last_id = session.exec(select(func.count(), func.max(AuditEvent.id))).one()
    head = session.exec(select(AuditEvent.hash).where(AuditEvent.id == last_id)).first() if last_id else ""
    point = Checkpoint(now(), int(count), int(last_id or 0), head or "")
    path, store = checkpoints_path(), store_id(session)
    if _taken.get((path, store)) == point.last_id:
        return point
    _taken[(path, store)] = point.last_id
    line = "\t".join((store, point.at.isoformat(), str(point.count), str(point.last_id), point.head))
    _append(path, line)
    return point


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(f"{line}\t{_mac(line)}\n")


def mark_reset(url: URL | str, why: str) -> None:
    """The store at `url` was replaced on purpose (a restore, a new demo):
    checkpoints taken before hold no more. The line is keyed like the rest,
    so only someone with the shop's key can write one."""
    store = store_id_of(url)
    _taken.pop((checkpoints_path(), store), None)
    _append(checkpoints_path(), "\t".join((store, now().isoformat(), RESET, "0", why.replace("\t", " "))))


RESET = "reset"


@dataclass(frozen=True)
class Recorded:
    points: tuple[Checkpoint, ...]
    forged_line: int | None  # the first line whose key check fails


def recorded(store: str) -> Recorded:
    """The checkpoints of the store `store` (see store_id), oldest first."""
    path, here = checkpoints_path(), store
    points = []
    if not path.exists():
        return Recorded((), None)
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = raw.split("\t")
        if len(fields) != 6 or not hmac.compare_digest(_mac("\t".join(fields[:5])), fields[5]):
            return Recorded(tuple(points), n)
        if fields[0] != here:
            continue
        if fields[2] == RESET:
            points.clear()
        else:
            points.append(Checkpoint(datetime.fromisoformat(fields[1]), int(fields[2]), int(fields[3]), fields[4]))
    return Recorded(tuple(points), None)


def held_against(session: Session, point: Checkpoint, live: bool) -> str | None:
    """Why the chain does not hold against `point`, or None. A backup older
    than the checkpoint (its newest event before it) is not judged by it."""
    if point.last_id == 0:  # taken on an empty log: nothing to hold
        return None
    head = session.exec(select(AuditEvent.hash).where(AuditEvent.id == point.last_id)).first()
    newest = session.exec(select(func.max(AuditEvent.id))).one() or 0
    if head is None:
        if newest < point.last_id and not live:
            return None
        return "tail" if newest < point.last_id else "missing"
    if head != point.head:
        return "head"
    before = session.exec(select(func.count()).select_from(AuditEvent).where(col(AuditEvent.id) <= point.last_id)).one()
    return None if before == point.count else "count"

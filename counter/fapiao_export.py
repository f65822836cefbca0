"""Exporting the e-fapiao requests for the tax portal's batch import: the
one call the screen and the CLI make. The workbook is written first; only
then are the requests it carries marked submitted, so a failed write leaves
them waiting in the outbox."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from counter.auth import Actor
from counter.config import Settings
from counter.domain.fapiao import State
from counter.errors import BadInput
from counter.i18n import _
from counter.services import fapiao
from counter.store import Store
from receipts.fapiao_export import write_export


@dataclass(frozen=True)
class Exported:
    path: Path | None  # None: nothing to export
    requests: int
    marked: int  # newly marked submitted


def fapiao_folder(settings: Settings) -> Path:
    return Path(settings.documents_dir) / "fapiao"


def export_requests(store: Store, settings: Settings, actor: Actor, day: date, path: Path | None = None) -> Exported:
    views = fapiao.for_export(store.uow(), actor, day)
    if not views:
        return Exported(None, 0, 0)
    path = path or fapiao_folder(settings) / f"开票申请-{day:%Y-%m-%d}.xlsx"
    try:
        write_export(views, path)
        os.chmod(path, 0o600)  # buyers' names, phones and taxpayer numbers
    except OSError as e:
        raise BadInput(_("Cannot write {path}: {error}").format(path=path, error=e.strerror or e)) from None
    waiting = [v.id for v in views if v.state == State.REQUESTED]
    if waiting:
        fapiao.mark_submitted(store.uow(), actor, waiting)
    return Exported(path, len(views), len(waiting))

"""Demo serial numbers: the big appliances, computers and phones carry one a
unit, scanned at every hand-over of the demo's history, so the warranty
look-up, the receipts and the e-fapiao remarks show them."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from counter.auth import Actor
from counter.services import serials
from counter.store.uow import UnitOfWork

SERIALISED = ("冰箱", "洗衣机", "空调", "电视", "电脑", "手机")
_next = count(1)


def is_serialised(category: str) -> bool:
    return category in SERIALISED


def scan_all(uow_of: Callable[[], UnitOfWork], assistant: Actor, slip_id: int, day_code: str) -> None:
    """Scans a label for every unit that wants one, as the assistant would."""
    wanted = serials.wanted(uow_of(), slip_id)
    for _line in range(sum(wanted.values())):
        serials.record_serial(uow_of(), assistant, slip_id, f"SN{day_code}{next(_next):05d}")


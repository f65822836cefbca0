"""The outbox: requests waiting for the tax platform, and the one interface a
platform provider fills in.

Counter ships the `manual` provider only: a person hands requests to the
platform (the batch export, or copying from the screen) and types or scans
the issued number back. A network provider (诺诺, 百望, a tax-bureau API)
implements `Provider`; `drain` then sends and collects without anyone at the
keys, outside any sale's transaction, so the platform being slow or down
never holds a sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from counter.auth import Actor
from counter.domain.fapiao import State
from counter.services import fapiao
from counter.services.fapiao import RequestView
from counter.store import Store
from models import FapiaoKind


class Refused(Exception):
    """The platform said no (wrong buyer details, a code it does not know):
    the request goes back to the outbox with the reason, for a person."""


class Unavailable(Exception):
    """The platform could not be reached: try the whole outbox again later."""


@dataclass(frozen=True)
class Issued:
    number: str  # the 20-digit 数电票 number
    file: Path | None = None  # its PDF or OFD, downloaded
    red_form_number: str = ""


class Provider(Protocol):
    name: str
    automatic: bool  # False: a person hands the requests over

    def submit(self, request: RequestView) -> None:
        """Sends one request; raises Refused or Unavailable."""

    def collect(self, request: RequestView) -> Issued | None:
        """What the platform issued for a submitted request, None while pending."""


class ManualProvider:
    name = "manual"
    automatic = False

    def submit(self, request: RequestView) -> None:
        raise Unavailable("a person hands manual requests to the platform")

    def collect(self, request: RequestView) -> Issued | None:
        return None


@dataclass
class Drained:
    submitted: int = 0
    refused: int = 0
    issued: int = 0
    unavailable: bool = False


def drain(store: Store, actor: Actor, provider: Provider, keep_in: Path) -> Drained:
    """One pass: submits what waits (not what a person must correct first),
    then collects what the platform has issued."""
    done = Drained()
    if not provider.automatic:
        return done
    waiting = fapiao.requests(store.uow(), actor, states=(State.REQUESTED,))
    for request in reversed(waiting):  # oldest first
        if request.last_error or (request.kind == FapiaoKind.RED and not request.original_number.isdigit()):
            continue
        try:
            provider.submit(request)
        except Refused as e:
            fapiao.send_back(store.uow(), actor, request.id, str(e))
            done.refused += 1
            continue
        except Unavailable:
            done.unavailable = True
            return done
        fapiao.mark_submitted(store.uow(), actor, [request.id])
        done.submitted += 1
    for request in fapiao.requests(store.uow(), actor, states=(State.SUBMITTED,)):
        try:
            issued = provider.collect(request)
        except Unavailable:
            done.unavailable = True
            return done
        if issued is not None:
            fapiao.record_issued(store.uow(), actor, request.id, issued.number, issued.red_form_number,
                                 issued.file, keep_in)
            done.issued += 1
    return done

"""Opening the cash drawer without a sale: cashier or manager only, always
audited with who, when and why, and it works without printing anything."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select

from counter.config import Printers
from counter.errors import BadInput, NotPermitted
from counter.printing import open_drawer
from models import AuditEvent
from models.clock import frozen_at


def drawer_events(store) -> list[AuditEvent]:
    with store.uow() as u:
        return list(u.session.exec(select(AuditEvent).where(AuditEvent.action == "drawer.opened")))


def test_cashier_opens_the_drawer_and_it_is_audited(store, settings, staff, escpos_server):
    port, received = escpos_server
    net = replace(settings, printers=Printers(receipt=f"escpos-net:127.0.0.1:{port}"))
    with frozen_at(datetime(2025, 3, 14, 15, 5)):
        outcome = open_drawer(store.uow(), net, staff["C01"], "  给顾客换零钱 ")
    assert outcome.ok and "15:05" in outcome.message and "给顾客换零钱" in outcome.message
    assert received() == b"\x1bp\x0022"  # the kick only: nothing printed
    [event] = drawer_events(store)
    assert event.actor_id == staff["C01"].id and event.at == datetime(2025, 3, 14, 15, 5)
    assert "给顾客换零钱" in event.after
    assert not Path(settings.documents_dir).exists()  # no document was made


def test_an_assistant_may_not_open_the_drawer(store, settings, staff):
    with pytest.raises(NotPermitted):
        open_drawer(store.uow(), settings, staff["A01"], "找零")
    assert drawer_events(store) == []


def test_opening_the_drawer_needs_a_reason(store, settings, staff):
    with pytest.raises(BadInput, match="Say why"):
        open_drawer(store.uow(), settings, staff["C01"], "   ")
    assert drawer_events(store) == []


def test_without_an_escpos_printer_the_opening_is_recorded_and_says_use_the_key(store, settings, staff):
    outcome = open_drawer(store.uow(), settings, staff["M01"], "银行存款")
    assert not outcome.ok and "no drawer is connected" in outcome.message
    assert len(drawer_events(store)) == 1

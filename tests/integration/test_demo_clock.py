"""The demo built early in the morning writes nothing later than the moment
it is built: its "today" is then yesterday (issue 17: a shift closed before
it opened, activity dated after the clock). It also has e-fapiao requests in
every state."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func
from sqlmodel import select

from counter.demo.build import build_demo
from counter.store import Store
from models import AuditEvent, FapiaoKind, FapiaoRequest, Payment, Shift, Slip
from models.clock import frozen_at


@pytest.mark.parametrize("early", [datetime(2026, 11, 27, 8, 5), datetime(2026, 11, 27, 11, 40)], ids=["8:05", "11:40"])
def test_a_demo_built_before_opening_has_no_activity_ahead_of_the_clock(settings, early):
    with frozen_at(early):
        build_demo(settings, days=12)
    store = Store.open(settings)
    try:
        with store.uow() as u:
            s = u.session
            for column in (AuditEvent.at, Payment.created_at, Slip.created_at, Shift.opened_at, Shift.closed_at):
                latest = s.exec(select(func.max(column))).one()
                assert latest is None or latest <= early, f"{column} {latest} is after {early}"
            assert all(sh.closed_at is None or sh.opened_at <= sh.closed_at for sh in s.exec(select(Shift)))
            states = {(r.kind, r.state, bool(r.last_error)) for r in s.exec(select(FapiaoRequest))}
            for state in ("requested", "submitted", "issued", "delivered", "withdrawn"):
                assert any(st == state for _k, st, _e in states), state
            assert (FapiaoKind.RED, "requested", False) in states and ("blue", "requested", True) in states
    finally:
        store.engine.dispose()

"""改单: a written slip the customer wants changed before paying comes back
to the assistant's finder with its number, its goods no longer reserved,
and is written again with the same number and place in the queue. Refused
once paid, for a phone order's slip, and while a cashier is taking it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlmodel import select

from counter.errors import InvalidState, NotPermitted
from counter.services import payments, slips, stations
from counter.services.claims import SlipClaimed
from counter.services.stations import StationIn
from counter.store import Store
from models import AuditEvent, OrderStatus, SlipStatus, Tender
from tests.integration.test_sale_services import paid_slip, stock, written_slip
from tests.orders_helpers import advance, confirmed


def test_a_written_slip_is_changed_and_written_again_with_its_number(store, staff, products):
    a = staff["A01"]
    slip = written_slip(store, staff, products, ("XYJ-2", 3))
    assert stock(store, products["XYJ-2"]) == (5, 3)
    back = slips.reopen_slip(store.uow(), a, slip.id)
    assert (back.id, back.number, back.status) == (slip.id, slip.number, SlipStatus.DRAFT)
    assert stock(store, products["XYJ-2"]) == (5, 0)  # not reserved while it is being changed
    assert slips.current_draft(store.uow(), a).id == slip.id
    assert slip.id not in [s.id for s in slips.slips_with_status(store.uow(), SlipStatus.WRITTEN)]
    with pytest.raises(InvalidState, match="being changed by its assistant"):
        payments.verify_slip(store.uow(), staff["C01"], slip.id)

    changed = slips.set_quantity(store.uow(), a, slip.id, 1, "2")
    again = slips.write_slip(store.uow(), a, slip.id)
    assert (again.number, again.written_at, again.status) == (slip.number, slip.written_at, SlipStatus.WRITTEN)
    assert again.total == changed.total == slip.total * 2 / 3
    assert stock(store, products["XYJ-2"]) == (5, 2)
    # The cashier's 查 passes on the slip as changed, and it is paid at its new total.
    paid = payments.take_payment(store.uow(), staff["C01"], slip.id, [payments.TenderIn(Tender.CARD, again.total)])
    assert paid.slip.status == SlipStatus.PAID and paid.slip.total == again.total
    with store.uow() as u:
        actions = u.session.exec(select(AuditEvent.action).where(AuditEvent.entity_id == slip.number)).all()
    assert actions.count("slip.written") == 2 and actions.count("slip.reopened") == 1


def test_the_assistants_own_draft_is_held_not_lost(store, staff, products):
    a = staff["A01"]
    slip = written_slip(store, staff, products, ("PJ-1", 1))
    typing = slips.current_draft(store.uow(), a)
    slips.add_line(store.uow(), a, typing.id, products["DFB-1"])
    slips.reopen_slip(store.uow(), a, slip.id)
    assert [s.id for s in slips.held_slips(store.uow(), a)] == [typing.id]


def test_a_paid_slip_a_phone_orders_slip_and_a_draft_are_not_reopened(store, staff, products):
    a = staff["A01"]
    paid = paid_slip(store, staff, products, ("PJ-1", 1))
    with pytest.raises(InvalidState, match="only a written slip waiting for payment"):
        slips.reopen_slip(store.uow(), a, paid.id)
    order = advance(store, staff, confirmed(store, staff, products), OrderStatus.ACCEPTED)
    with pytest.raises(InvalidState, match="phone order"):
        slips.reopen_slip(store.uow(), a, order.slip_id)
    draft = slips.current_draft(store.uow(), a)
    with pytest.raises(InvalidState, match="only a written slip"):
        slips.reopen_slip(store.uow(), a, draft.id)
    with pytest.raises(NotPermitted):
        slips.reopen_slip(store.uow(), staff["C01"], paid.id)


def test_a_slip_being_paid_at_another_counter_is_not_reopened(settings, store, staff, products):
    stations.add_station(store.uow(), staff["M01"], StationIn("Counter 2"))
    two = Store.open(replace(settings, station="Counter 2"))
    try:
        slip = written_slip(store, staff, products, ("XYJ-1", 1))
        payments.verify_slip(two.uow(), staff["C01"], slip.id)
        with pytest.raises(SlipClaimed, match="being paid at Counter 2"):
            slips.reopen_slip(store.uow(), staff["A01"], slip.id)
        assert stock(store, products["XYJ-1"])[1] == 1 and slips.get_slip(store.uow(), slip_id=slip.id).total > Decimal(0)
    finally:
        two.engine.dispose()

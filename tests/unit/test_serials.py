"""Serial numbers at hand-over: one per unit of serialised goods, unique per
product among the units out there (service and database), freed by a
return, found again for a warranty claim, on the receipt and the e-fapiao."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from counter.errors import BadInput, InvalidState, NotPermitted
from counter.services import fapiao, goods_tax, handover, serials
from counter.services.returns import RefundIn, ReturnLineIn, take_return
from models import BuyerType, Tender, UnitSerial
from models.clock import now
from tests.conftest import row_counts


@pytest.fixture
def serialised(store, staff):
    serials.set_serialised(store.uow(), staff["M01"], "XYJ-1", True)


def test_a_serialised_line_goes_out_only_with_a_serial_per_unit(store, staff, sell, serialised):
    a = staff["A01"]
    slip = sell({"XYJ-1": 2, "PJ-1": 1}, hand_over=False)
    with pytest.raises(InvalidState, match=r"Line 1 \(滚筒洗衣机\): scan the serial number of each unit first \(2 to go\)"):
        handover.pack_line(store.uow(), a, slip.id, 1)
    handover.pack_line(store.uow(), a, slip.id, 2)  # the base is not serialised
    assert serials.wanted(store.uow(), slip.id) == {1: 2}
    assert serials.record_serial(store.uow(), a, slip.id, " hr2025a0001 ") == (1, "HR2025A0001")
    with pytest.raises(InvalidState, match="1 to go"):
        handover.pack_line(store.uow(), a, slip.id, 1)
    serials.record_serial(store.uow(), a, slip.id, "HR2025A0002")
    with pytest.raises(InvalidState, match="No goods on slip .* want a serial number"):
        serials.record_serial(store.uow(), a, slip.id, "HR2025A0003")
    handover.pack_line(store.uow(), a, slip.id, 1)
    assert handover.hand_over(store.uow(), a, slip.id).status == "closed"
    assert serials.serials_of_slip(store.uow(), slip.id) == {1: ["HR2025A0001", "HR2025A0002"]}


def test_a_serial_is_on_one_unit_of_a_product_at_a_time(store, staff, sell, serialised):
    a = staff["A01"]
    first = sell({"XYJ-1": 1}, hand_over=False)
    serials.record_serial(store.uow(), a, first.id, "HR-1")
    second = sell({"XYJ-1": 1}, hand_over=False)
    before = row_counts(store)
    with pytest.raises(BadInput, match=f"Serial HR-1 of 滚筒洗衣机 is already on slip {first.number}"):
        serials.record_serial(store.uow(), a, second.id, "hr-1")
    with pytest.raises(BadInput, match="not a serial number"):
        serials.record_serial(store.uow(), a, second.id, "有空格 的")
    with pytest.raises(NotPermitted):
        serials.record_serial(store.uow(), staff["T01"], second.id, "HR-2")
    assert row_counts(store) == before
    # The database holds the rule too, should two counters race past the check.
    with store.uow() as u:
        row = u.session.exec(select(UnitSerial)).one()
        u.session.add(UnitSerial(product_id=row.product_id, serial="HR-1", slip_id=second.id,
                                 slip_line_id=row.slip_line_id, recorded_by_id=a.id))
        with pytest.raises(IntegrityError):
            u.session.flush()


def test_a_unit_returned_is_freed_and_may_be_sold_again(store, staff, sell, serialised):
    a, c = staff["A01"], staff["C01"]
    slip = sell({"XYJ-1": 1}, hand_over=False)
    serials.record_serial(store.uow(), a, slip.id, "HR-9")
    handover.pack_line(store.uow(), a, slip.id, 1)
    handover.hand_over(store.uow(), a, slip.id)
    take_return(store.uow(), c, slip.id, [ReturnLineIn(1, 1)], "不制冷", RefundIn(Tender.CASH), staff["M01"])
    again = sell({"XYJ-1": 1}, hand_over=False)
    serials.record_serial(store.uow(), a, again.id, "HR-9")
    found = serials.find_serial(store.uow(), c, "r-9")
    assert [(f.slip_number, f.returned_at is not None) for f in found] == [(again.number, False), (slip.number, True)]


def test_a_warranty_look_up_finds_the_slip_the_day_and_the_customer(store, staff, sell, serialised):
    from counter.services import customers

    who = customers.add_customer(store.uow(), staff["A01"], "张伟", "13800138000", "天河路1号")
    slip = sell({"XYJ-1": 1}, customer_id=who.id, hand_over=False)
    serials.record_serial(store.uow(), staff["A01"], slip.id, "HR2025B7")
    [unit] = serials.find_serial(store.uow(), staff["C01"], "2025b")
    assert (unit.serial, unit.slip_number, unit.customer, unit.paid_at.date()) == ("HR2025B7", slip.number, "张伟",
                                                                                  now().date())
    assert serials.find_serial(store.uow(), staff["C01"], "ZZZ") == []
    with pytest.raises(BadInput, match="at least 3"):
        serials.find_serial(store.uow(), staff["C01"], "HR")


def test_serials_are_on_the_receipt_and_in_the_e_fapiao_remarks(store, settings, staff, sell, serialised):
    from counter.printing import render

    goods_tax.set_tax_details(store.uow(), staff["M01"], "XYJ-1", goods_tax.TaxDetails("1090416020100000000", "日用家电设备"))
    slip = sell({"XYJ-1": 1}, hand_over=False)
    serials.record_serial(store.uow(), staff["A01"], slip.id, "HR2025A0001")
    assert "序列号 HR2025A0001" in render(store.uow(), settings, "receipt", slip.number).text
    request = fapiao.request_fapiao(store.uow(), staff["C01"], slip.id,
                                    fapiao.Buyer(BuyerType.PERSON, "张伟", phone="13800138000"))
    assert request.remarks.endswith("序列号 HR2025A0001")

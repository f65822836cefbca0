"""Complaints (顾客异议处理单): logged, assigned, followed up, closed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from counter.errors import BadInput, InvalidState, NotFound, NotPermitted
from counter.services import complaints
from models import AuditEvent, Channel, ComplaintStatus


def test_complaint_lifecycle_from_call_to_outcome(store, staff, sell):
    slip = sell({"XYJ-1": 1})
    t, m, a = staff["T01"], staff["M01"], staff["A02"]
    logged = complaints.log_complaint(
        store.uow(), t, "洗衣机脱水时噪音大", Channel.PHONE, contact="张先生 13800138000",
        slip_number=slip.number, phone_order_id=17,
    )
    assert (logged.number, logged.status, logged.slip_number, logged.phone_order_id) == ("K000001", "open", slip.number, 17)
    assigned = complaints.assign_complaint(store.uow(), m, logged.id, "a02")
    assert assigned.assigned_to == a.full_name
    complaints.follow_up(store.uow(), a, logged.id, "已电话联系，约明天上门检查")
    followed = complaints.follow_up(store.uow(), a, logged.id, "上门检查：底座未调平")
    assert [(n.by, n.text[:2]) for n in followed.notes] == [(a.full_name, "已电"), (a.full_name, "上门")]
    closed = complaints.close_complaint(store.uow(), a, logged.id, "调平底座，顾客满意")
    assert closed.status == ComplaintStatus.CLOSED and closed.closed_by == a.full_name and closed.closed_at
    with pytest.raises(InvalidState, match="closed"):
        complaints.follow_up(store.uow(), a, logged.id, "再次回访")
    assert [c.number for c in complaints.complaints(store.uow(), t, ComplaintStatus.OPEN)] == []
    assert [c.number for c in complaints.complaints(store.uow(), t, ComplaintStatus.CLOSED)] == ["K000001"]
    with store.uow() as u:
        actions = [e.action for e in u.session.exec(select(AuditEvent).where(AuditEvent.entity == "complaint"))]
    assert actions == ["complaint.logged", "complaint.assigned", "complaint.followed_up", "complaint.followed_up", "complaint.closed"]


def test_complaint_needs_what_and_who(store, staff):
    with pytest.raises(BadInput, match="what the customer complains"):
        complaints.log_complaint(store.uow(), staff["A01"], " ", Channel.COUNTER, contact="李女士")
    with pytest.raises(BadInput, match="who complains"):
        complaints.log_complaint(store.uow(), staff["A01"], "态度不好", Channel.COUNTER)
    with pytest.raises(NotFound):
        complaints.log_complaint(store.uow(), staff["A01"], "态度不好", Channel.COUNTER, contact="李女士", slip_number="999")


def test_only_the_assignee_or_a_manager_follows_up(store, staff):
    logged = complaints.log_complaint(store.uow(), staff["A01"], "送货迟到", Channel.COUNTER, contact="李女士")
    with pytest.raises(NotPermitted):
        complaints.assign_complaint(store.uow(), staff["A01"], logged.id, "A02")
    complaints.assign_complaint(store.uow(), staff["M01"], logged.id, "A02")
    with pytest.raises(NotPermitted, match="assigned to someone else"):
        complaints.close_complaint(store.uow(), staff["A01"], logged.id, "道歉")
    complaints.follow_up(store.uow(), staff["M01"], logged.id, "店长已致电道歉")
    with pytest.raises(BadInput, match="outcome"):
        complaints.close_complaint(store.uow(), staff["A02"], logged.id, "")


def test_phone_order_number_is_digits():
    assert complaints.phone_order_id_of(" 42 ") == 42 and complaints.phone_order_id_of("") is None
    with pytest.raises(BadInput):
        complaints.phone_order_id_of("P-42")

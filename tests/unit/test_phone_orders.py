"""Phone orders: the call log, read-back, review, fulfilment, follow-ups, and
every status jump the shop's procedure does not allow."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from counter.errors import BadInput, InvalidState, NotPermitted
from counter.services import calls, cash_queue, handover, orders, payments, slips
from counter.services.invoices import InvoiceDetails
from models import (
    Call,
    Customer,
    FollowUp,
    OrderEvent,
    OrderStatus,
    ReadBack,
    Slip,
    SlipLine,
    SlipStatus,
    Tender,
)
from models.clock import frozen_at, now
from tests.orders_helpers import ADDRESS, advance, assert_stock_agrees_with_slips, confirmed, pay, stock, take

S = OrderStatus


# The call log ---------------------------------------------------------------


def test_a_new_caller_becomes_a_customer_and_the_call_is_logged(store, staff):
    view = calls.log_call(store.uow(), staff["T01"], "139 0571 1234", "钱女士", "enquiry", "问冰箱尺寸")
    with store.uow() as u:
        customer = u.session.exec(select(Customer).where(Customer.name == "钱女士")).one()
        call = u.session.get(Call, view.id)
    assert customer.phone == "139 0571 1234"
    assert (call.customer_id, call.purpose, call.outcome, call.order_id) == (customer.id, "enquiry", "问冰箱尺寸", None)
    assert call.taken_by_id == staff["T01"].id


def test_a_returning_caller_is_found_by_phone_with_history_and_assistant(store, staff, products):
    with store.uow() as u:
        u.session.add(Customer(name="张伟", phone="13857162048", address=ADDRESS, assistant_id=staff["A02"].id))
        u.commit()
    order = take(store, staff, products, phone="13857162048", name="")
    caller = calls.lookup_caller(store.uow(), staff["T01"], "138-5716-2048")
    assert caller.returning and caller.customer.name == "张伟"
    assert caller.customer.assistant == "陈晓东"
    assert [d.number for d in caller.history] == [order.number]
    assert "滚筒洗衣机×2" in caller.history[0].goods
    assert calls.lookup_caller(store.uow(), staff["T01"], "13900000000").customer is None


def test_a_call_that_orders_nothing_still_needs_its_outcome(store, staff):
    with pytest.raises(BadInput, match="outcome"):
        calls.log_call(store.uow(), staff["T01"], "13800138000", "孙先生", "enquiry", "")
    with pytest.raises(BadInput, match="ask their name"):
        calls.log_call(store.uow(), staff["T01"], "13800138000", "", "order")
    with pytest.raises(BadInput, match="not a phone number"):
        calls.log_call(store.uow(), staff["T01"], "12ab", "孙先生", "order")
    with store.uow() as u:
        assert u.session.exec(select(Call)).all() == []


def test_only_order_trackers_and_managers_take_calls(store, staff):
    with pytest.raises(NotPermitted, match="order tracker"):
        calls.log_call(store.uow(), staff["C01"], "13800138000", "孙先生", "order")


# Taking and reading back ----------------------------------------------------


def test_a_special_price_needs_a_manager(store, staff, products):
    order = take(store, staff, products)
    with pytest.raises(NotPermitted, match="manager"):
        orders.set_unit_price(store.uow(), staff["T01"], order.id, 1, Decimal("3000"))
    with pytest.raises(NotPermitted):
        orders.set_unit_price(store.uow(), staff["T01"], order.id, 1, Decimal("3000"), approver=staff["C01"])
    view = orders.set_unit_price(store.uow(), staff["T01"], order.id, 1, Decimal("3000"), approver=staff["M01"])
    assert view.lines[0].unit_price == Decimal("3000.00") and view.lines[0].price_approved_by == "周明远"
    assert view.total == Decimal("6000.00")


def test_read_back_script_has_goods_prices_total_in_words_address_and_date(store, staff, products):
    order = take(store, staff, products, goods=(("XYJ-1", 2), ("PJ-1", 1)))
    _view, script = orders.prepare_read_back(store.uow(), staff["T01"], order.id)
    assert "滚筒洗衣机" in script and "2 at ¥3,299.00 each, ¥6,598.00" in script
    assert "Total ¥6,687.90, in words 陆仟陆佰捌拾柒元玖角整" in script
    assert ADDRESS in script and (now().date() + timedelta(days=2)).isoformat() in script


def test_a_corrected_read_back_is_recorded_and_must_be_read_again(store, staff, products):
    t = staff["T01"]
    order = take(store, staff, products)
    view = orders.record_read_back(store.uow(), t, order.id, confirmed=False, correction="只要1台")
    assert view.status == S.TAKEN
    orders.set_quantity(store.uow(), t, order.id, 1, 1)
    view = orders.record_read_back(store.uow(), t, order.id, confirmed=True)
    assert view.status == S.CONFIRMED
    with store.uow() as u:
        rows = u.session.exec(select(ReadBack).where(ReadBack.order_id == order.id).order_by(ReadBack.id)).all()
    assert [(r.outcome, r.correction) for r in rows] == [("corrected", "只要1台"), ("confirmed", "")]
    assert "2 at" in rows[0].script and "1 at" in rows[1].script


def test_an_edit_after_confirmation_sends_the_order_back_to_be_read_again(store, staff, products):
    order = confirmed(store, staff, products)
    view = orders.set_quantity(store.uow(), staff["T01"], order.id, 1, 3)
    assert view.status == S.TAKEN
    with pytest.raises(InvalidState, match="Read it back"):
        orders.accept_order(store.uow(), staff["T01"], order.id)


def test_an_incomplete_order_cannot_be_read_back(store, staff, products):
    call = calls.log_call(store.uow(), staff["T01"], "13800138000", "孙先生", "order")
    with pytest.raises(InvalidState, match="no goods"):
        orders.record_read_back(store.uow(), staff["T01"], call.order_id, confirmed=True)
    with pytest.raises(BadInput, match="has passed"):
        orders.set_delivery(store.uow(), staff["T01"], call.order_id, ADDRESS, now().date() - timedelta(days=1))


# Review, stock, payment ----------------------------------------------------


def test_review_flags_shortages_and_accepting_a_short_order_is_refused(store, staff, products):
    order = confirmed(store, staff, products, goods=(("DFB-1", 2),))
    check = orders.review(store.uow(), staff["T01"], order.id)
    assert not check.can_accept and "2 wanted, 1 available" in check.shortages[0]
    with pytest.raises(InvalidState, match="Only 1 of 电饭煲"):
        orders.accept_order(store.uow(), staff["T01"], order.id)
    assert orders.get_order(store.uow(), staff["T01"], order.id).status == S.CONFIRMED
    assert stock(store, products, "DFB-1") == (1, 0)


def test_review_flags_a_wished_date_that_has_passed(store, staff, products):
    order = confirmed(store, staff, products)
    with frozen_at(now() + timedelta(days=5)):
        check = orders.review(store.uow(), staff["T01"], order.id)
    assert check.can_accept and "has passed" in check.dates[0]


def test_accepting_writes_the_slip_and_reserves_the_stock_once(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.ACCEPTED)
    assert stock(store, products, "XYJ-1") == (10, 2)
    with store.uow() as u:
        slip = u.session.get(Slip, order.slip_id)
        assert (slip.status, slip.total_fen, slip.customer_id) == ("written", 659800, order.customer_id)
    order = advance(store, staff, order, S.DISPATCHED)
    pay(store, staff, order)
    assert stock(store, products, "XYJ-1") == (10, 2)
    assert_stock_agrees_with_slips(store)


def test_the_accepted_order_shows_the_number_and_status_its_slip_was_written_with(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.ACCEPTED)
    with store.uow() as u:
        slip = u.session.get(Slip, order.slip_id)
    assert slip.number and (order.slip_number, order.slip_status) == (slip.number, SlipStatus.WRITTEN)


def test_a_phone_order_goes_from_call_to_delivered_paid_and_invoiced(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.DISPATCHED)
    paid = pay(store, staff, order)
    assert paid.slip.status == SlipStatus.PAID
    invoice = orders.invoice_order(store.uow(), staff["C01"], order.id)
    assert invoice.customer_name == "孙先生" and invoice.total == Decimal("6598.00")
    order = orders.deliver(store.uow(), staff["T01"], order.id)
    assert order.status == S.DELIVERED and order.slip_status == SlipStatus.CLOSED
    assert stock(store, products, "XYJ-1") == (8, 0)
    assert_stock_agrees_with_slips(store)
    order = orders.close_order(store.uow(), staff["T01"], order.id)
    assert order.status == S.CLOSED
    steps = [e.what for e in orders.history(store.uow(), staff["T01"], order.id)]
    assert steps[0] == "taken: call from 13800138000"
    assert "read back: confirmed" in steps and "invoice 00000001 issued" in steps
    assert "paid ¥6,598.00 by cash" in steps and "delivered → closed" in steps


def test_payment_in_advance_uses_the_counter_payment_rules(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.ACCEPTED)
    with pytest.raises(NotPermitted):
        orders.pay_order(store.uow(), staff["T01"], order.id, [payments.TenderIn(Tender.CASH, order.total)])
    with pytest.raises(BadInput, match="Underpaid"):
        orders.pay_order(store.uow(), staff["C01"], order.id, [payments.TenderIn(Tender.CASH, Decimal("100"))])
    result = orders.pay_order(
        store.uow(), staff["C01"], order.id, [payments.TenderIn(Tender.MOBILE, order.total, reference="4200001")]
    )
    assert result.slip.status == SlipStatus.PAID


def test_a_phone_order_paid_at_the_counter_is_not_handed_over_there(store, staff, products, sell):
    order = advance(store, staff, confirmed(store, staff, products), S.SCHEDULED)
    counter_sale = sell({"PJ-1": 1}, hand_over=False)
    # The customer came in to pay: the cashier's own payment, from the queue.
    queue = cash_queue.read_queue(store.uow(), staff["C01"])
    assert queue.order_numbers == {order.slip_id: order.number}
    payments.take_payment(store.uow(), staff["C01"], order.slip_id, [payments.TenderIn(Tender.CASH, order.total)])

    a = staff["A01"]
    assert [s.id for s in handover.waiting(store.uow(), a)] == [counter_sale.id]
    refused = f"belongs to phone order {order.number}: its goods go out with the order's delivery"
    for attempt in (
        lambda: handover.open_for_hand_over(store.uow(), a, order.slip_id),
        lambda: handover.pack_line(store.uow(), a, order.slip_id, 1),
        lambda: handover.hand_over(store.uow(), a, order.slip_id),
    ):
        with pytest.raises(InvalidState, match=refused):
            attempt()
    assert stock(store, products, "XYJ-1") == (10, 2)

    # The order's own flow still delivers it.
    orders.dispatch(store.uow(), staff["T01"], order.id)
    delivered = orders.deliver(store.uow(), staff["T01"], order.id)
    assert (delivered.status, delivered.slip_status) == (S.DELIVERED, SlipStatus.CLOSED)
    assert stock(store, products, "XYJ-1") == (8, 0)
    assert_stock_agrees_with_slips(store)


def test_an_unpaid_order_cannot_be_delivered(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.DISPATCHED)
    with pytest.raises(InvalidState, match="not paid"):
        orders.deliver(store.uow(), staff["T01"], order.id)
    assert stock(store, products, "XYJ-1") == (10, 2)


def test_rejecting_needs_a_reason_and_reserves_nothing(store, staff, products):
    order = confirmed(store, staff, products)
    with pytest.raises(BadInput, match="why"):
        orders.reject_order(store.uow(), staff["T01"], order.id, " ")
    view = orders.reject_order(store.uow(), staff["T01"], order.id, "送货地址超出范围")
    assert (view.status, view.reason, view.slip_id) == (S.REJECTED, "送货地址超出范围", None)
    assert stock(store, products, "XYJ-1") == (10, 0)


@pytest.mark.parametrize("at", [S.TAKEN, S.ACCEPTED, S.PICKING, S.SCHEDULED, S.DISPATCHED])
def test_cancelling_before_delivery_puts_the_stock_back(store, staff, products, at):
    order = take(store, staff, products) if at == S.TAKEN else advance(
        store, staff, confirmed(store, staff, products), at)
    view = orders.cancel_order(store.uow(), staff["T01"], order.id, "客户不要了")
    assert (view.status, view.reason) == (S.CANCELLED, "客户不要了")
    assert stock(store, products, "XYJ-1") == (10, 0)
    if view.slip_id:
        assert view.slip_status == SlipStatus.CANCELLED
    assert_stock_agrees_with_slips(store)


def test_an_order_whose_slip_was_cancelled_at_the_counter_cancels_without_releasing_twice(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.ACCEPTED)
    slips.cancel_slip(store.uow(), staff["C01"], order.slip_id, "客户来电取消")
    view = orders.cancel_order(store.uow(), staff["T01"], order.id, "客户来电取消")
    assert view.status == S.CANCELLED
    assert stock(store, products, "XYJ-1") == (10, 0)
    assert_stock_agrees_with_slips(store)


def test_a_paid_order_is_not_cancelled_without_a_refund(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.ACCEPTED)
    pay(store, staff, order)
    with pytest.raises(InvalidState, match="refunded"):
        orders.cancel_order(store.uow(), staff["T01"], order.id, "客户不要了")
    assert stock(store, products, "XYJ-1") == (10, 2)


def test_every_status_change_is_stamped_with_who_and_when(store, staff, products):
    with frozen_at(now().replace(hour=9, minute=0, second=0)):
        order = confirmed(store, staff, products)
        orders.accept_order(store.uow(), staff["M01"], order.id)
    with store.uow() as u:
        events = u.session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)).all()
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", "taken"), ("taken", "read_back_confirmed"), ("read_back_confirmed", "accepted")]
    assert [e.by_id for e in events] == [staff["T01"].id, staff["T01"].id, staff["M01"].id]
    assert all(e.at.hour == 9 for e in events)


# Illegal jumps --------------------------------------------------------------

ACTIONS = {
    "read back": lambda u, t, o: orders.record_read_back(u, t, o, confirmed=True),
    "accept": lambda u, t, o: orders.accept_order(u, t, o),
    "reject": lambda u, t, o: orders.reject_order(u, t, o, "no"),
    "pick": lambda u, t, o: orders.start_picking(u, t, o),
    "schedule": lambda u, t, o: orders.schedule_delivery(u, t, o, now().date() + timedelta(days=1), ADDRESS, "小刘"),
    "dispatch": lambda u, t, o: orders.dispatch(u, t, o),
    "deliver": lambda u, t, o: orders.deliver(u, t, o),
    "close": lambda u, t, o: orders.close_order(u, t, o),
    "cancel": lambda u, t, o: orders.cancel_order(u, t, o, "no"),
    "edit": lambda u, t, o: orders.set_quantity(u, t, o, 1, 1),
}
# What each action may be done from; anything else must be refused.
ALLOWED = {
    "read back": {S.TAKEN},
    "accept": {S.CONFIRMED},
    "reject": {S.CONFIRMED},
    "pick": {S.ACCEPTED},
    "schedule": {S.PICKING, S.SCHEDULED, S.DISPATCHED},
    "dispatch": {S.SCHEDULED},
    "deliver": {S.DISPATCHED},
    "close": {S.DELIVERED},
    "cancel": {S.TAKEN, S.CONFIRMED, S.ACCEPTED, S.PICKING, S.SCHEDULED, S.DISPATCHED},
    "edit": {S.TAKEN, S.CONFIRMED},
}


def order_in(store, staff, products, status: OrderStatus) -> orders.OrderView:
    t, u = staff["T01"], store.uow
    if status == S.TAKEN:
        return take(store, staff, products)
    order = confirmed(store, staff, products)
    if status == S.REJECTED:
        return orders.reject_order(u(), t, order.id, "缺货")
    if status == S.CANCELLED:
        return orders.cancel_order(u(), t, order.id, "不要了")
    if status in (S.DELIVERED, S.CLOSED):
        order = advance(store, staff, order, S.DISPATCHED)
        pay(store, staff, order)
        order = orders.deliver(u(), t, order.id)
        return orders.close_order(u(), t, order.id) if status == S.CLOSED else order
    return advance(store, staff, order, status)


@pytest.mark.parametrize("status", list(OrderStatus), ids=[s.value for s in OrderStatus])
def test_every_illegal_status_jump_is_refused_with_a_clear_message(store, staff, products, status):
    """From each status, every action the procedure does not allow from there
    is refused, says what the order is, and changes nothing."""
    order = order_in(store, staff, products, status)
    illegal = [action for action in ACTIONS if status not in ALLOWED[action]]
    assert illegal
    for action in illegal:
        with pytest.raises(InvalidState) as refused:
            ACTIONS[action](store.uow(), staff["T01"], order.id)
        assert f"Order {order.number} is {orders.status_label(status)}" in str(refused.value), action
        assert orders.get_order(store.uow(), staff["T01"], order.id).status == status, action
    assert_stock_agrees_with_slips(store)


def test_delivering_an_unreviewed_order_says_to_read_it_back_first(store, staff, products):
    order = take(store, staff, products)
    with pytest.raises(InvalidState, match="cannot be marked delivered now. Read it back to the customer"):
        orders.deliver(store.uow(), staff["T01"], order.id)


# Follow-ups and the board ---------------------------------------------------


def test_delivery_puts_a_follow_up_call_in_the_diary_and_it_is_recorded(store, staff, products):
    order = order_in(store, staff, products, S.DELIVERED)
    [due] = orders.follow_ups(store.uow(), staff["T01"], pending_only=True)
    assert (due.order_number, due.due) == (order.number, now().date() + timedelta(days=orders.FOLLOW_UP_AFTER_DAYS))
    done = orders.record_follow_up(store.uow(), staff["T01"], due.id, "安装满意")
    assert done.done_by == "赵国庆" and done.feedback == "安装满意"
    with pytest.raises(InvalidState, match="already made"):
        orders.record_follow_up(store.uow(), staff["T01"], due.id, "again")
    assert orders.follow_ups(store.uow(), staff["T01"], pending_only=True) == []
    with store.uow() as u:
        assert u.session.get(FollowUp, due.id).feedback == "安装满意"


def test_follow_ups_are_only_for_delivered_orders(store, staff, products):
    order = take(store, staff, products)
    with pytest.raises(InvalidState, match="after delivery"):
        orders.schedule_follow_up(store.uow(), staff["T01"], order.id, date.today() + timedelta(days=1))


def test_the_board_shows_open_orders_and_overdue_ones_stand_out(store, staff, products):
    early = confirmed(store, staff, products, phone="13800000001", name="甲")
    late = take(store, staff, products, phone="13800000002", name="乙")
    orders.reject_order(store.uow(), staff["T01"], early.id, "缺货")
    with frozen_at(now() + timedelta(days=3)):
        board = orders.board(store.uow(), staff["T01"])
        assert [(v.number, v.overdue) for v in board] == [(late.number, True)]
        assert orders.board(store.uow(), staff["T01"], overdue_only=True)[0].number == late.number
    assert orders.board(store.uow(), staff["T01"], overdue_only=True) == []
    assert [v.number for v in orders.board(store.uow(), staff["T01"], [S.REJECTED])] == [early.number]
    assert [v.number for v in orders.board(store.uow(), staff["T01"], text="乙")] == [late.number]


def test_invoice_defaults_to_the_customer_at_the_delivery_address(store, staff, products):
    order = advance(store, staff, confirmed(store, staff, products), S.ACCEPTED)
    pay(store, staff, order)
    invoice = orders.invoice_order(store.uow(), staff["C01"], order.id,
                                   InvoiceDetails("孙大明", "宁波市海曙区1号", "13800138000"))
    assert invoice.customer_name == "孙大明"


def test_parse_day_reads_what_a_tracker_types():
    today = now().date()
    assert orders.parse_day("tomorrow") == today + timedelta(days=1)
    assert orders.parse_day("+3") == today + timedelta(days=3)
    assert orders.parse_day("2031-02-03") == date(2031, 2, 3)
    with pytest.raises(BadInput, match="not a day"):
        orders.parse_day("2031-02-30")


def test_a_line_removed_from_an_order_leaves_no_hole_on_the_slip_it_is_accepted_onto(store, staff, products):
    order = take(store, staff, products, goods=(("PJ-1", 1), ("DFB-1", 1), ("XYJ-2", 1)))
    order = orders.remove_line(store.uow(), staff["T01"], order.id, 2)
    assert [(l.line_no, l.product_id) for l in order.lines] == [(1, products["PJ-1"]), (2, products["XYJ-2"])]
    order = orders.record_read_back(store.uow(), staff["T01"], order.id, confirmed=True)
    order = advance(store, staff, order, S.ACCEPTED)
    with store.uow() as u:
        lines = u.session.exec(select(SlipLine).where(SlipLine.slip_id == order.slip_id).order_by(SlipLine.line_no)).all()
        assert [(l.line_no, l.product_id) for l in lines] == [(1, products["PJ-1"]), (2, products["XYJ-2"])]


def test_an_order_calls_outcome_is_said_in_the_readers_language_not_stored_in_the_takers(store, staff):
    from counter.i18n import set_language
    from models import Call

    set_language("zh")
    try:
        logged = calls.log_call(store.uow(), staff["T01"], "13800138000", "张伟", "order")
    finally:
        set_language("en")
    with store.uow() as u:
        assert u.session.get(Call, logged.id).outcome == ""
    [shown] = [c for c in calls.recent_calls(store.uow(), staff["T01"]) if c.id == logged.id]
    assert shown.outcome == f"order {logged.order_number} taken"

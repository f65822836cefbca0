"""Phone orders made through the services, for tests that start mid-way,
and the check that stock agrees with what the slips say."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import func, select

from counter.services import calls, orders, payments
from models import OrderStatus, Product, Slip, SlipLine, SlipStatus, Tender
from models.clock import now
from tests.conftest import GOODS

S = OrderStatus
INITIAL_STOCK = {sku: stock for sku, _b, _n, _br, _m, _s, _c, _cat, _p, stock, _a, _pr in GOODS}
ADDRESS = "杭州市西湖区文三路259号"


def stock(store, products, sku: str) -> tuple[int, int]:
    with store.uow() as u:
        p = u.session.get(Product, products[sku])
        return p.stock_on_hand, p.reserved


def assert_stock_agrees_with_slips(store) -> None:
    """Reserved = goods on written or paid slips not yet out of the door;
    on hand = the starting stock less the goods on closed slips."""
    with store.uow() as u:
        s = u.session
        for product in s.exec(select(Product)):
            held = s.exec(
                select(func.coalesce(func.sum(SlipLine.quantity), 0))
                .join(Slip, Slip.id == SlipLine.slip_id)
                .where(SlipLine.product_id == product.id)
                .where(Slip.status.in_((SlipStatus.WRITTEN, SlipStatus.PAID, SlipStatus.AWAITING_FUNDS)))
            ).one()
            out = s.exec(
                select(func.coalesce(func.sum(SlipLine.quantity), 0))
                .join(Slip, Slip.id == SlipLine.slip_id)
                .where(SlipLine.product_id == product.id, Slip.status == SlipStatus.CLOSED)
            ).one()
            assert product.reserved == held, product.sku
            assert product.stock_on_hand == INITIAL_STOCK[product.sku] - out, product.sku


def take(store, staff, products, *, phone="13800138000", name="孙先生", goods=(("XYJ-1", 2),)) -> orders.OrderView:
    t = staff["T01"]
    call = calls.log_call(store.uow(), t, phone, name, "order")
    for sku, qty in goods:
        orders.add_line(store.uow(), t, call.order_id, products[sku], qty)
    return orders.set_delivery(store.uow(), t, call.order_id, ADDRESS, now().date() + timedelta(days=2), "上午送")


def confirmed(store, staff, products, **kw) -> orders.OrderView:
    order = take(store, staff, products, **kw)
    return orders.record_read_back(store.uow(), staff["T01"], order.id, confirmed=True)


def advance(store, staff, order: orders.OrderView, to: OrderStatus) -> orders.OrderView:
    """Walks a confirmed order forward by the book until it reaches `to`."""
    t, u = staff["T01"], store.uow
    steps = [
        (S.ACCEPTED, lambda: orders.accept_order(u(), t, order.id)),
        (S.PICKING, lambda: orders.start_picking(u(), t, order.id)),
        (S.SCHEDULED, lambda: orders.schedule_delivery(u(), t, order.id, now().date() + timedelta(days=1), ADDRESS, "小刘")),
        (S.DISPATCHED, lambda: orders.dispatch(u(), t, order.id)),
    ]
    done = [s for s, _ in steps].index(order.status) + 1 if order.status != S.CONFIRMED else 0
    for status, step in steps[done:]:
        if order.status == to:
            break
        order = step()
        assert order.status == status
    return order


def pay(store, staff, order: orders.OrderView) -> payments.PaymentResult:
    return orders.pay_order(store.uow(), staff["C01"], order.id, [payments.TenderIn(Tender.CASH, order.total)])

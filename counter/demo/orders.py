"""The phone line's last two weeks for `counter demo`: calls that ordered
nothing, phone orders in every status (some overdue, one read back twice,
one rejected, two cancelled), payments in advance and on delivery, invoices
and follow-up calls — all written through the same services the screens use,
at past moments."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlmodel import select

from counter.auth import Actor
from counter.demo.clock import demo_today
from counter.services import calls, orders, payments
from counter.store import Store
from models import Customer, OrderStatus, Product, Tender
from models.clock import frozen_at

S = OrderStatus
DELIVERERS = ("小刘", "老王", "送货车2号")
NEW_CALLERS = [
    ("钱先生", "13512345678", "浙江省杭州市西湖区保俶路12号1幢202室"),
    ("蒋女士", "15012348765", "浙江省杭州市拱墅区大关路56号3幢901室"),
    ("沈阿姨", "13700571234", "浙江省杭州市上城区清泰街301号2单元401室"),
    ("韦先生", "18912340571", "浙江省杭州市滨江区西兴路1800号6幢1103室"),
]
ENQUIRIES = [
    ("enquiry", "问对开门冰箱的尺寸，能否进厨房门", "已告知宽度，客户回去量门"),
    ("enquiry", "问以旧换新怎么算", "已说明补贴规则，客户周末来店"),
    ("complaint", "洗衣机安装后有异响", "已转售后，明天上门"),
    ("enquiry", "问空调有没有现货", "有现货，客户考虑后再打来"),
    ("other", "打错电话", "打错了"),
    ("complaint", "送货晚了半天", "已道歉，登记改进"),
    ("enquiry", "问营业时间", "已告知 9:00–21:00"),
]


@dataclass(frozen=True)
class Plan:
    """One demo order: taken `back` days ago, wanted `wished` days after the
    call, and walked forward to `target`."""

    back: int
    target: OrderStatus
    wished: int
    pay: str = ""  # "advance", "delivery" or "" (not yet)
    called_back: bool = True  # delivered: the follow-up call was made


PLANS = [
    Plan(13, S.CLOSED, 2, "advance"),
    Plan(12, S.CLOSED, 3, "delivery"),
    Plan(11, S.CLOSED, 2, "delivery"),
    Plan(10, S.DELIVERED, 3, "advance"),
    Plan(9, S.DELIVERED, 2, "delivery", called_back=False),  # its follow-up call is overdue
    Plan(8, S.CANCELLED, 3),
    Plan(8, S.REJECTED, 2),
    Plan(7, S.DISPATCHED, 5, "advance"),  # out two days ago and still not back: overdue
    Plan(6, S.SCHEDULED, 4),  # its day has passed: overdue
    Plan(5, S.PICKING, 3),  # overdue
    Plan(4, S.ACCEPTED, 6, "advance"),
    Plan(3, S.SCHEDULED, 4),
    Plan(3, S.TAKEN, 1),  # never read back, its day has passed: overdue
    Plan(2, S.ACCEPTED, 3),
    Plan(2, S.CONFIRMED, 4),
    Plan(1, S.PICKING, 3),
    Plan(1, S.CANCELLED, 2),
    Plan(0, S.CONFIRMED, 2),
    Plan(0, S.TAKEN, 3),
]


class DemoOrders:
    def __init__(self, store: Store, staff: dict[str, Actor], rng: random.Random) -> None:
        self.store, self.rng = store, rng
        self.tracker = staff["T01"]
        self.manager = next(a for a in staff.values() if a.role == "manager")
        self.cashiers = [a for a in staff.values() if a.role == "cashier"]
        with store.uow() as uow:
            session = uow.session
            self.customers = list(session.exec(select(Customer.name, Customer.phone, Customer.address)).all())
            # Plenty on the shelf, so review finds no shortage unless we want one.
            self.product_ids = list(
                session.exec(select(Product.id).where(Product.stock_on_hand - Product.reserved >= 8)).all()
            )

    def uow(self):
        return self.store.uow()

    def run(self) -> None:
        today = demo_today()
        callers = list(NEW_CALLERS) + self.rng.sample(self.customers, 12)
        on_day: dict[int, int] = {}
        for i, plan in enumerate(PLANS):
            day = today - timedelta(days=plan.back)
            # Each day's calls from 9:10, 17 minutes apart: today's end by mid-morning.
            on_day[plan.back] = on_day.get(plan.back, -1) + 1
            start = datetime.combine(day, time(9, 10)) + timedelta(minutes=17 * on_day[plan.back])
            name, phone, address = callers[i % len(callers)]
            self.order(plan, start, name, phone, address, corrected=i == 2)
        for i, (purpose, question, outcome) in enumerate(ENQUIRIES):
            name, phone, _address = self.rng.choice(callers)
            moment = datetime.combine(today - timedelta(days=12 - 2 * i), time(10, 5)) + timedelta(minutes=31 * i)
            with frozen_at(moment):
                calls.log_call(self.uow(), self.tracker, phone, name, purpose, f"{question}；{outcome}")

    def order(self, plan: Plan, start: datetime, name: str, phone: str, address: str, corrected: bool) -> None:
        t, u = self.tracker, self.uow
        wished = start.date() + timedelta(days=plan.wished)
        with frozen_at(start):
            call = calls.log_call(u(), t, phone, name, "order")
            for product_id in self.rng.sample(self.product_ids, self.rng.choice((1, 1, 2))):
                orders.add_line(u(), t, call.order_id, product_id, self.rng.choice((1, 1, 2)))
            order = orders.set_delivery(u(), t, call.order_id, address, wished, self.rng.choice(("", "送货前电话联系", "需要上楼，无电梯")))
        if plan.target == S.TAKEN:
            return
        with frozen_at(start + timedelta(minutes=6)):
            if corrected:
                orders.record_read_back(u(), t, order.id, confirmed=False, correction="数量改为1台")
                orders.set_quantity(u(), t, order.id, 1, 1)
            orders.record_read_back(u(), t, order.id, confirmed=True)
        if plan.target == S.CONFIRMED:
            return
        moment = start + timedelta(hours=1)
        with frozen_at(moment):
            if plan.target == S.REJECTED:
                orders.reject_order(u(), self.manager, order.id, "送货地址超出配送范围")
                return
            order = orders.accept_order(u(), self.manager, order.id)
        if plan.pay == "advance":
            with frozen_at(moment + timedelta(minutes=30)):
                self.pay(order, Tender.MOBILE)
        if plan.target == S.CANCELLED:
            with frozen_at(moment + timedelta(hours=2)):
                orders.cancel_order(u(), t, order.id, "客户在别处买了")
            return
        if plan.target == S.ACCEPTED:
            return
        with frozen_at(moment + timedelta(hours=2)):
            order = orders.start_picking(u(), t, order.id)
        if plan.target == S.PICKING:
            return
        with frozen_at(moment + timedelta(hours=3)):
            order = orders.schedule_delivery(u(), t, order.id, wished, address, self.rng.choice(DELIVERERS))
        if plan.target == S.SCHEDULED:
            return
        with frozen_at(datetime.combine(wished, time(8, 30))):
            order = orders.dispatch(u(), t, order.id)
        if plan.target == S.DISPATCHED:
            return
        with frozen_at(datetime.combine(wished, time(16, 40))):
            if plan.pay == "delivery":
                self.pay(order, Tender.CASH)
            if self.rng.random() < 0.7:
                orders.invoice_order(u(), self.rng.choice(self.cashiers), order.id)
            order = orders.deliver(u(), t, order.id)
        if not plan.called_back:
            return
        [due] = orders.follow_ups(u(), t, order.id, pending_only=True)
        with frozen_at(datetime.combine(due.due, time(10, 20))):
            orders.record_follow_up(u(), t, due.id, self.rng.choice(("安装好了，很满意", "送货准时，师傅态度好", "噪音比预想的大，已告知使用方法")))
            if plan.target == S.CLOSED:
                orders.close_order(u(), t, order.id)

    def pay(self, order: orders.OrderView, tender: Tender) -> None:
        total = order.total
        if tender == Tender.CASH:
            handed = (total / 100).to_integral_value(rounding="ROUND_CEILING") * 100
            tenders = [payments.TenderIn(Tender.CASH, Decimal(handed))]
        else:
            tenders = [payments.TenderIn(tender, total, reference=f"4200{self.rng.randrange(10**12):012d}")]
        orders.pay_order(self.uow(), self.rng.choice(self.cashiers), order.id, tenders)


def add_phone_orders(store: Store, staff: dict[str, Actor], rng: random.Random, progress: Callable[[str], None]) -> None:
    progress("taking two weeks of phone orders and calls ...")
    DemoOrders(store, staff, rng).run()

"""`counter demo`: a store a new user can walk through on the first day.

The goods, staff and customers come from `demo_catalogue`; the history is
written through the same services the counter uses (at past moments, with
`frozen_at`), so every figure on every screen adds up like a real shop's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel, select

from counter import audit_checkpoint
from counter.auth import Actor, actor_of
from counter.config import Settings
from counter.demo import changes as demo_changes
from counter.demo import fapiao as demo_fapiao
from counter.demo import promotions as demo_promotions
from counter.demo import returns as demo_returns
from counter.demo import serials as demo_serials
from counter.demo import stations as demo_stations
from counter.demo import subsidies as demo_subsidies
from counter.demo.catalogue import DEMO_CUSTOMERS, DEMO_STAFF, demo_products
from counter.demo.clock import demo_today
from counter.demo.handover import paid_awaiting_hand_over
from counter.demo.orders import add_phone_orders
from counter.demo.shifts import DemoShifts
from counter.services import catalog, handover, invoices, payments, slips
from counter.services.staff import new_staff
from counter.store import Store
from counter.store.engine import current_revision, make_engine, upgrade
from counter.store.sequences import bump
from counter.store.uow import UnitOfWork
from models import Customer, Product, Sequence, Slip, Tender
from models.clock import frozen_at, now

Progress = Callable[[str], None]


def store_exists(url: str) -> bool:
    if url.startswith("sqlite"):
        database = make_url(url).database
        return bool(database) and Path(database).exists() and Path(database).stat().st_size > 0
    return current_revision(make_engine(url)) is not None


DEMO_MARK = "demo_store"  # a counter (sequence) only `counter demo` sets


def real_sales(url: str) -> int:
    """Slips in a store `counter demo` did not make: a shop's real sales."""
    from sqlalchemy import func

    engine = make_engine(url)
    try:
        with UnitOfWork(engine) as uow:
            session = uow.session
            if session.exec(select(Sequence.value).where(Sequence.name == DEMO_MARK)).first():
                return 0
            return int(session.exec(select(func.count()).select_from(Slip)).one())
    except SQLAlchemyError:
        return 0  # not a store at all: nothing of a shop's to lose
    finally:
        engine.dispose()


def keep_a_copy(url: str) -> Path | None:
    """The store as it was, beside it, before the demo replaces it (SQLite)."""
    if not url.startswith("sqlite"):
        return None
    from counter.store.backup import backup

    database = Path(make_url(url).database or "")
    # Through SQLite's backup (with what the WAL holds), checked like any backup.
    stamp = f"{database.name}.before-demo-{now():%Y%m%d-%H%M%S}"
    copy = database.with_name(stamp)
    n = 1
    while copy.exists():
        n += 1
        copy = database.with_name(f"{stamp}-{n}")
    return backup(url, copy).path


def _reset(url: str) -> None:
    if url.startswith("sqlite"):
        database = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            Path(database + suffix).unlink(missing_ok=True)
        return
    import models  # noqa: F401  (every table on the metadata)

    engine = make_engine(url)
    with engine.begin() as conn:
        SQLModel.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def build_demo(settings: Settings, seed: int = 7, days: int = 21, progress: Progress = lambda _m: None) -> str:
    url = settings.db_url
    _reset(url)
    audit_checkpoint.mark_reset(url, "counter demo")
    engine = make_engine(url)
    upgrade(engine)
    store = Store(settings, engine)
    rng = random.Random(seed)
    staff = _staff_and_goods(store.uow(), progress)
    history = DemoHistory(store, staff, rng)
    progress(f"writing {days} days of counter sales ...")
    demo_returns.with_returns(history, days)  # account sales before the counter's weeks; returns, complaints after
    add_phone_orders(store, staff, rng, progress)
    demo_subsidies.subsidy_sale(history)
    demo_promotions.promotion_sale(history)
    demo_changes.changed_slip(history)
    paid_awaiting_hand_over(history)
    demo_fapiao.add_requests(history)
    demo_stations.add_stations(store, staff)
    with store.uow() as uow:
        bump(uow.session, DEMO_MARK)
        uow.commit()
    return _summary(url)


def _staff_and_goods(uow: UnitOfWork, progress: Progress) -> dict[str, Actor]:
    progress("adding staff, goods and customers ...")
    with uow:
        session = uow.session
        staff = {code: new_staff(session, code, name, role, pin) for code, name, role, pin in DEMO_STAFF}
        catalog.add_products(
            session,
            None,
            [
                catalog.NewProduct(
                    sku=p.sku, name=p.name, unit_price=p.unit_price, barcode=p.barcode, brand=p.brand, model=p.model,
                    spec=p.spec, colour=p.colour, category=p.category, stock=p.stock, promotion=p.promotion,
                    function=p.function, strengths=p.strengths, accessory_for=p.accessory_for,
                    tax=demo_fapiao.tax_for(p.category), serialised=demo_serials.is_serialised(p.category),
                )
                for p in demo_products()
            ],
        )
        assistants = [s for s in staff.values() if s.role == "assistant"]
        for i, (name, phone, address) in enumerate(DEMO_CUSTOMERS):
            session.add(Customer(name=name, phone=phone, address=address, assistant_id=assistants[i % len(assistants)].id))
        uow.commit()
        return {code: actor_of(s) for code, s in staff.items()}


class DemoHistory:
    """Past weeks of the counter, sale by sale, through the services."""

    def __init__(self, store: Store, staff: dict[str, Actor], rng: random.Random) -> None:
        self.store, self.rng = store, rng
        self.assistants = [a for a in staff.values() if a.role == "assistant"]
        self.cashiers = [a for a in staff.values() if a.role == "cashier"]
        self.manager = next(a for a in staff.values() if a.role == "manager")
        with store.uow() as uow:
            self.product_ids = list(uow.session.exec(select(Product.id).where(Product.stock_on_hand > 5)))
            self.customers = list(uow.session.exec(select(Customer.id, Customer.name, Customer.phone, Customer.address)))
        self.shifts = DemoShifts(self)

    def uow(self) -> UnitOfWork:
        return self.store.uow()

    def write(self, assistant: Actor, items: int) -> slips.SlipView:
        draft = slips.current_draft(self.uow(), assistant)
        for product_id in self.rng.sample(self.product_ids, items):
            view = slips.add_line(self.uow(), assistant, draft.id, product_id, self.rng.choice((1, 1, 1, 2)))
            if self.rng.random() < 0.15:
                line = view.lines[-1]
                # A small discount within the assistant's limit, to the yuan.
                price = (line.list_price * Decimal("0.97")).quantize(Decimal("1"))
                if 0 < price < line.list_price:
                    slips.set_unit_price(self.uow(), assistant, draft.id, line.line_no, price)
        if self.rng.random() < 0.5:
            slips.set_customer(self.uow(), assistant, draft.id, self.rng.choice(self.customers).id)
        return slips.write_slip(self.uow(), assistant, draft.id)

    def pay(self, cashier: Actor, slip: slips.SlipView, kind: str) -> payments.PaymentResult:
        total = slip.total
        T = payments.TenderIn
        if kind == "cash":
            handed = (total / 100).to_integral_value(rounding="ROUND_CEILING") * 100
            tenders = [T(Tender.CASH, handed)]
        elif kind == "card":
            tenders = [T(Tender.CARD, total, reference=f"{self.rng.randrange(10**6):06d}")]
        elif kind == "mobile":
            tenders = [T(Tender.MOBILE, total, reference=f"4200{self.rng.randrange(10**12):012d}")]
        elif kind == "split":
            part = (total / 2).quantize(Decimal("1"))
            tenders = [T(Tender.CARD, total - part), T(Tender.CASH, part)]
        else:
            tenders = [T(Tender.CHEQUE, total, reference=f"ZP{self.rng.randrange(10**8):08d}")]
        return payments.take_payment(self.uow(), cashier, slip.id, tenders)

    def invoice(self, cashier: Actor, slip: slips.SlipView) -> invoices.InvoiceView:
        customer = self.rng.choice(self.customers)
        details = invoices.InvoiceDetails(customer.name, customer.address, customer.phone)
        return invoices.issue_invoice(self.uow(), cashier, slip.id, details)

    def hand_over(self, assistant: Actor, slip: slips.SlipView, deliver: bool, day: date) -> None:
        demo_serials.scan_all(self.uow, assistant, slip.id, f"{day:%y%m%d}")
        for line in slip.lines:
            handover.pack_line(self.uow(), assistant, slip.id, line.line_no)
        delivery = None
        if deliver:
            customer = self.rng.choice(self.customers)
            delivery = handover.Delivery(customer.phone, customer.address, day + timedelta(days=self.rng.randint(1, 3)))
        handover.hand_over(self.uow(), assistant, slip.id, delivery)

    def counter_sales(self, days: int) -> None:
        today = demo_today()
        kinds = ("cash", "cash", "cash", "card", "mobile", "mobile", "split")
        for back in range(days, -1, -1):
            day = today - timedelta(days=back)
            self.shifts.open_day(day)
            sales = self.rng.randint(6, 12) if back else 5
            moments = sorted(
                datetime.combine(day, time(9)) + timedelta(minutes=self.rng.randint(0, 11 * 60)) for _ in range(sales)
            )
            if back == 0:  # today: the morning only, so nothing lies in the future
                moments = [datetime.combine(day, time(9)) + timedelta(minutes=20 * i) for i in range(sales)]
            for i, moment in enumerate(moments):
                self.sale(day, moment, back, i, self.rng.choice(kinds))
            if back:  # today's drawers are still open
                self.shifts.close_day(day)
        with frozen_at(datetime.combine(today, time(10, 45))):
            # A customer stepped away mid-slip: it waits on hold.
            assistant = self.assistants[0]
            draft = slips.current_draft(self.uow(), assistant)
            for product_id in self.rng.sample(self.product_ids, 2):
                slips.add_line(self.uow(), assistant, draft.id, product_id)
            slips.hold_slip(self.uow(), assistant, draft.id)

    def sale(self, day: date, moment: datetime, back: int, i: int, kind: str) -> None:
        assistant = self.rng.choice(self.assistants)
        cashier = self.rng.choice(self.cashiers)
        with frozen_at(moment):
            slip = self.write(assistant, self.rng.choice((1, 1, 2, 3)))
        if back == 0 and i >= 3:
            return  # today's last slips wait in the cashier's queue
        if back and i == 1 and back % 6 == 0:
            with frozen_at(moment + timedelta(minutes=3)):
                slips.cancel_slip(self.uow(), assistant, slip.id, "顾客改变主意")
            return
        if back == 5 and i == 0:
            kind = "cheque"
        with frozen_at(moment + timedelta(minutes=4)):
            paid = self.pay(cashier, slip, kind)
            if paid.awaiting_funds:
                return  # a cheque still awaiting funds: goods wait
            late_invoice = back == 3 and i == 0
            voided_invoice = back == 9 and i == 0
            if voided_invoice or (not late_invoice and self.rng.random() < 0.6):
                issued = self.invoice(cashier, paid.slip)
                if voided_invoice:
                    invoices.void_invoice(self.uow(), self.manager, issued.id, "客户名称写错")
                    self.invoice(cashier, paid.slip)
        if late_invoice:
            with frozen_at(moment + timedelta(days=1, hours=1)):
                self.invoice(cashier, paid.slip)
        with frozen_at(moment + timedelta(minutes=10)):
            self.hand_over(assistant, paid.slip, deliver=paid.slip.total > 3000, day=day)


def _summary(url: str) -> str:
    lines = [f"Demo store ready at {url}", "", "Sign in with these demo staff codes and PINs:"]
    for code, name, role, pin in DEMO_STAFF:
        lines.append(f"  {code:<5} PIN {pin:<6} {name}  ({role})")
    lines += ["", "Start it with:  counter" + ("" if "counter.db" in url else f" --db {url}")]
    return "\n".join(lines)

"""The benchmark's own store: goods through the catalogue service, a year of
history written straight into the tables the migrations make."""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from counter.auth import Actor, actor_of
from counter.config import Settings
from counter.store import Store

# Staff the benchmarks sign in as (code, full name, role, PIN).
STAFF = [
    ("A01", "王丽娟", "assistant", "1111"),
    ("A02", "陈晓东", "assistant", "1122"),
    ("A03", "刘志强", "assistant", "1133"),
    ("C01", "李秀梅", "cashier", "2222"),
    ("C02", "黄佳怡", "cashier", "2233"),
    ("M01", "周明远", "manager", "9999"),
]
PINS = {code: pin for code, _name, _role, pin in STAFF}


@dataclass(frozen=True)
class Scale:
    goods: int
    slips: int
    lines: int
    days: int


FULL = Scale(goods=100_000, slips=300_000, lines=1_000_000, days=365)
QUICK = Scale(goods=2_000, slips=3_000, lines=10_000, days=30)


@dataclass
class BenchStore:
    settings: Settings
    store: Store
    path: Path
    staff: dict[str, Actor]
    scale: Scale
    last_day: date  # the newest day of history

    def sqlite(self) -> sqlite3.Connection:
        """A raw connection to the same file, tuned as the app tunes its own."""
        conn = sqlite3.connect(self.path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return conn


def settings_for(path: Path) -> Settings:
    return replace(Settings(), db_url=f"sqlite:///{path}", lang="en", documents_dir=str(path.parent / "documents"))


def open_bench_store(folder: Path, scale: Scale, say) -> BenchStore:
    """The store in `folder`, built first if it is not there yet."""
    path = folder / "bench.db"
    built = path.exists()
    settings = settings_for(path)
    store = Store.open(settings)
    if not built:
        say(f"adding {scale.goods:,} goods through catalog.add_products ...")
        started = time.perf_counter()
        add_goods(store, scale.goods)
        say(f"  {time.perf_counter() - started:.1f} s")
    staff = staff_of(store)
    last_day = date.today() - timedelta(days=1)
    if not built:
        say(f"writing {scale.slips:,} slips / {scale.lines:,} lines of history ...")
        started = time.perf_counter()
        write_history(path, staff, scale, last_day)
        say(f"  {time.perf_counter() - started:.1f} s")
    return BenchStore(settings, store, path, staff, scale, last_day)


def add_goods(store: Store, count: int) -> None:
    from counter.demo.catalogue import demo_products
    from counter.services import catalog
    from counter.services.staff import new_staff

    with store.uow() as uow:
        for code, name, role, pin in STAFF:
            new_staff(uow.session, code, name, role, pin)
        catalog.add_products(
            uow.session,
            None,
            [
                catalog.NewProduct(
                    sku=p.sku, name=p.name, unit_price=p.unit_price, barcode=p.barcode, brand=p.brand, model=p.model,
                    spec=p.spec, colour=p.colour, category=p.category, stock=p.stock, promotion=p.promotion,
                    function=p.function, strengths=p.strengths, accessory_for=p.accessory_for,
                )
                for p in demo_products(count)
            ],
        )
        uow.commit()


def staff_of(store: Store) -> dict[str, Actor]:
    from sqlmodel import select

    from models import Staff

    with store.uow() as uow:
        return {s.code: actor_of(s) for s in uow.session.exec(select(Staff))}


def _stamp(moment: datetime) -> str:
    # The text form SQLAlchemy's SQLite DateTime type reads back.
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


SLIP_COLUMNS = (
    "id", "number", "status", "assistant_id", "customer_id", "total_fen", "check_digest", "created_at", "written_at",
    "paid_at", "cashier_id", "closed_at", "cancelled_at", "cancel_reason", "handed_over_by_id",
    "release_override_by_id", "delivery_phone", "delivery_address", "delivery_date",
)
LINE_COLUMNS = (
    "id", "slip_id", "line_no", "product_id", "name", "brand", "model", "spec", "colour", "list_price_fen",
    "unit_price_fen", "quantity", "amount_fen", "discount_approved_by_id", "packed",
)
PAYMENT_COLUMNS = (
    "id", "slip_id", "tender", "amount_fen", "received_fen", "change_fen", "counted", "reference", "cleared",
    "cleared_at", "cashier_id", "created_at",
)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def write_history(path: Path, staff: dict[str, Actor], scale: Scale, last_day: date, seed: int = 11) -> None:
    """`scale.slips` paid and handed-over slips with `scale.lines` lines and one
    payment each, spread over the shop hours of `scale.days` days. Raw
    executemany: this is data for the report, not a test of the services."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")  # building data only; the benchmarks use FULL
    goods = conn.execute("SELECT id, name, brand, model, spec, colour, unit_price_fen FROM product").fetchall()
    assistants = [a.id for a in staff.values() if a.role == "assistant"]
    cashiers = [a.id for a in staff.values() if a.role == "cashier"]
    first_day = last_day - timedelta(days=scale.days - 1)
    # Every slip has `base` lines, the first `extra` of them one more.
    base, extra = divmod(scale.lines, scale.slips)
    tenders = ("cash", "cash", "cash", "card", "mobile", "mobile")
    slips, lines, payments = [], [], []
    line_id = 0
    for slip_id in range(1, scale.slips + 1):
        day = first_day + timedelta(days=(slip_id - 1) * scale.days // scale.slips)
        written = datetime(day.year, day.month, day.day, 9) + timedelta(seconds=rng.randrange(11 * 3600))
        paid = written + timedelta(minutes=4)
        total = 0
        for line_no in range(1, base + (slip_id <= extra) + 1):
            pid, name, brand, model, spec, colour, price = goods[rng.randrange(len(goods))]
            quantity = 1 if rng.random() < 0.8 else 2
            line_id += 1
            lines.append((line_id, slip_id, line_no, pid, name, brand, model, spec, colour, price, price, quantity,
                          price * quantity, None, 1))
            total += price * quantity
        slips.append((slip_id, f"{slip_id:06d}", "closed", rng.choice(assistants), None, total, "", _stamp(written),
                      _stamp(written), _stamp(paid), rng.choice(cashiers), _stamp(paid + timedelta(minutes=6)), None,
                      "", None, None, "", "", None))
        tender = rng.choice(tenders)
        received = -(-total // 10000) * 10000 if tender == "cash" else 0
        payments.append((slip_id, slip_id, tender, total, received, received - total if received else 0, "", "", 1,
                         None, rng.choice(cashiers), _stamp(paid)))
    conn.execute("BEGIN")
    # Named columns: a column added later (with its default) does not break the build.
    conn.executemany(_insert("slip", SLIP_COLUMNS), slips)
    conn.executemany(_insert("slipline", LINE_COLUMNS), lines)
    conn.executemany(_insert("payment", PAYMENT_COLUMNS), payments)
    # New slips are numbered after the history, as in a shop that has traded a year.
    conn.execute("INSERT OR REPLACE INTO sequence (name, value) VALUES ('slip', ?)", (scale.slips,))
    conn.execute("COMMIT")
    conn.close()

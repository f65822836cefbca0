"""How long the daily report takes over a year of history.

Builds (once, then reuses) a store with 300,000 paid slips and 1,000,000
lines spread over 365 days, 36,500 phone orders with their status changes
and 3,650 returns, written straight into the tables, then times the report
for one day, a month and the whole year.

    PYTHONPATH=. python bench/bench_daily_report.py [--db /tmp/counter-year.db] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from counter.auth import Actor
from counter.services import reports
from counter.store.engine import make_engine, upgrade
from counter.store.uow import UnitOfWork
from models import Role

SLIPS, LINES, DAYS = 300_000, 1_000_000, 365
ORDERS_A_DAY, RETURNS_A_DAY = 100, 10
LAST_DAY = date(2026, 12, 31)


def build(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    rng = random.Random(1)
    raw = engine.raw_connection()
    cur = raw.cursor()
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("BEGIN")
    cur.executemany(
        "INSERT INTO staff (id, code, full_name, role, discount_limit_pct, active, pin_hash, failed_pins)"
        " VALUES (?, ?, ?, ?, 5, 1, 'x', 0)",
        [(1, "M01", "周明远", "manager", ), (2, "C01", "李秀梅", "cashier")]
        + [(10 + i, f"A{i:02d}", f"营业员{i}", "assistant") for i in range(8)],
    )
    categories = ["洗衣机", "冰箱", "空调", "电视", "厨房电器", "小家电", "配件", "手机"]
    cur.executemany(
        "INSERT INTO product (id, sku, name, brand, model, spec, colour, category, unit_price_fen, stock_on_hand,"
        " promotion, function, strengths, accessory_for, reserved, pinyin_initials, pinyin_full)"
        " VALUES (?, ?, ?, '品牌', ?, '', '', ?, ?, 100000, '', '', '', '', 0, '', '')",
        [(p, f"P{p}", f"商品{p}", f"M{p}", categories[p % 8], rng.randrange(1000, 900000)) for p in range(1, 501)],
    )
    cur.execute("INSERT INTO shift (id, cashier_id, status, opened_at, float_fen, float_counted, counted,"
                " difference_reason) VALUES (1, 2, 'closed', '2026-01-01 08:00:00', 50000, '', '', '')")
    first = datetime.combine(LAST_DAY - timedelta(days=DAYS - 1), datetime.min.time())
    slips, lines, pays = [], [], []
    line_id = 0
    # Slips are numbered in the order they are written, as at a real counter.
    moments = sorted(
        first + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(9 * 3600, 21 * 3600)) for _ in range(SLIPS)
    )
    for slip_id, moment in enumerate(moments, start=1):
        n = 3 if slip_id % 3 == 0 else (4 if slip_id % 3 == 1 else 3)  # 10/3 lines a slip on average
        total = 0
        for no in range(1, n + 1):
            if line_id >= LINES:
                break
            line_id += 1
            price, qty = rng.randrange(1000, 900000), rng.choice((1, 1, 1, 2))
            total += price * qty
            lines.append((line_id, slip_id, no, rng.randrange(1, 501), price, price, qty, price * qty))
        stamp = moment.isoformat(sep=" ")
        slips.append((slip_id, f"{slip_id:06d}", rng.randrange(10, 18), total, stamp, stamp, stamp))
        pays.append((slip_id, rng.choice(("cash", "card", "mobile")), total, stamp))
    cur.executemany(
        "INSERT INTO slip (id, number, status, assistant_id, total_fen, check_digest, created_at, written_at,"
        " paid_at, cancel_reason, delivery_phone, delivery_address) VALUES (?, ?, 'closed', ?, ?, '', ?, ?, ?, '', '', '')",
        slips,
    )
    cur.executemany(
        "INSERT INTO slipline (id, slip_id, line_no, product_id, name, brand, model, spec, colour, list_price_fen,"
        " unit_price_fen, quantity, amount_fen, packed) VALUES (?, ?, ?, ?, '', '', '', '', '', ?, ?, ?, ?, 1)",
        lines,
    )
    cur.executemany(
        "INSERT INTO payment (slip_id, tender, amount_fen, received_fen, change_fen, counted, reference, cleared,"
        " cashier_id, shift_id, created_at) VALUES (?, ?, ?, 0, 0, '', '', 1, 2, 1, ?)",
        pays,
    )
    _orders_and_returns(cur, rng, first, lines)
    raw.commit()
    cur.execute("ANALYZE")
    raw.close()
    engine.dispose()
    print(f"built {len(slips):,} slips, {len(lines):,} lines at {path}")


def _orders_and_returns(cur, rng: random.Random, first: datetime, lines: list[tuple]) -> None:
    """Phone orders taken every day, most closed days later, some cancelled and
    some still open (overdue ones among them); returns of a few lines a day."""
    cur.execute("INSERT INTO customer (id, name, phone, address, created_at) VALUES (1, '孙先生', '13800138000', '', ?)",
                (first.isoformat(sep=" "),))
    orders, events = [], []
    for order_id in range(1, DAYS * ORDERS_A_DAY + 1):
        taken = first + timedelta(days=(order_id - 1) // ORDERS_A_DAY, seconds=rng.randrange(9 * 3600, 21 * 3600))
        wished = (taken + timedelta(days=rng.randint(1, 5))).date()
        fate = rng.random()
        status, ended = ("closed", taken + timedelta(days=rng.randint(2, 8))) if fate < 0.85 else (
            ("cancelled", taken + timedelta(days=1)) if fate < 0.95 else ("accepted", taken + timedelta(hours=2)))
        orders.append((order_id, f"P{order_id:06d}", status, wished.isoformat(), taken.isoformat(sep=" "),
                       ended.isoformat(sep=" ")))
        events.append((order_id, taken.isoformat(sep=" "), "", "taken"))
        events.append((order_id, ended.isoformat(sep=" "), "taken", status))
    cur.executemany(
        "INSERT INTO phone_order (id, number, status, customer_id, delivery_phone, delivery_address, wished_date,"
        " notes, total_fen, created_by_id, created_at, status_at, reason, deliverer)"
        " VALUES (?, ?, ?, 1, '', '', ?, '', 0, 2, ?, ?, '', '')",
        orders,
    )
    cur.executemany(
        "INSERT INTO phone_order_event (order_id, at, by_id, from_status, to_status, note) VALUES (?, ?, 2, ?, ?, '')",
        events,
    )
    returns, returned, refunds = [], [], []
    for return_id, line in enumerate(rng.sample(lines, DAYS * RETURNS_A_DAY), start=1):
        line_id, slip_id, _no, product_id, price, _unit, _qty, _amount = line
        at = (first + timedelta(days=rng.randrange(DAYS), hours=rng.randint(9, 20))).isoformat(sep=" ")
        returns.append((return_id, f"R{return_id:06d}", slip_id, at, price))
        returned.append((return_id, line_id, product_id, price, rng.choice(("restock", "restock", "write_off"))))
        refunds.append((slip_id, return_id, rng.choice(("cash", "card", "mobile")), price, at))
    cur.executemany(
        "INSERT INTO slip_return (id, number, slip_id, reason, taken_by_id, approved_by_id, at, refund_fen, invoice_seq)"
        " VALUES (?, ?, ?, '不合适', 2, 1, ?, ?, 0)",
        returns,
    )
    cur.executemany(
        "INSERT INTO return_line (return_id, slip_line_id, product_id, quantity, amount_fen, disposition)"
        " VALUES (?, ?, ?, 1, ?, ?)",
        returned,
    )
    cur.executemany(
        "INSERT INTO refund (slip_id, return_id, tender, amount_fen, reference, by_id, approved_by_id, at)"
        " VALUES (?, ?, ?, ?, '', 2, 1, ?)",
        refunds,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/counter-year.db")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = Path(args.db)
    if args.rebuild or not path.exists():
        build(path)
    engine = make_engine(f"sqlite:///{path}")
    manager = Actor(1, "M01", "周明远", Role.MANAGER)
    for label, start in (("one day", LAST_DAY), ("a month", LAST_DAY - timedelta(days=30)),
                         ("the year", LAST_DAY - timedelta(days=DAYS - 1))):
        wall, cpu = min(_timed(engine, manager, start) for _ in range(3))
        print(f"{label:>9}: {wall * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms CPU")


def _timed(engine, manager: Actor, start: date) -> tuple[float, float]:
    """Wall and CPU time: on a busy machine the CPU time is the fairer figure."""
    began, began_cpu = time.perf_counter(), time.process_time()
    report = reports.daily_report(UnitOfWork(engine), manager, start, LAST_DAY)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    assert report.slips_paid > 0
    return elapsed, cpu


if __name__ == "__main__":
    main()

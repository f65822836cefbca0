"""Recording a paid 3-line sale on SQLite with synchronous=FULL."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import time
from decimal import Decimal

from bench.context import Run
from bench.harness import Figure

FLOOR_SHARE = 0.25


def _open_shift(run: Run, cashier) -> None:
    """Payments need the cashier's shift open once the shifts service exists."""
    if importlib.util.find_spec("counter.services.shifts") is None:
        return
    from counter.services import shifts

    if shifts.current_shift(run.data.store.uow(), cashier) is None:
        shifts.open_shift(run.data.store.uow(), cashier, {10000: 5})


def _goods(run: Run, count: int) -> list[int]:
    """Goods with plenty in stock, so no sale is refused for stock."""
    from sqlmodel import col, select

    from models import Product

    with run.data.store.uow() as uow:
        return list(
            uow.session.exec(
                select(Product.id).where(Product.stock_on_hand - Product.reserved > 30).order_by(col(Product.id)).limit(count)
            )
        )


def app_sales(run: Run, sales: int, goods: list[int]) -> float:
    """Sales per second through the services, as the counter screens call them."""
    from counter.services import payments, slips
    from models import Tender

    store = run.data.store
    assistant, cashier = run.data.staff["A01"], run.data.staff["C01"]
    _open_shift(run, cashier)
    start = time.perf_counter()
    for n in range(sales):
        draft = slips.current_draft(store.uow(), assistant)
        for k in range(3):
            slips.add_line(store.uow(), assistant, draft.id, goods[(3 * n + k) % len(goods)])
        written = slips.write_slip(store.uow(), assistant, draft.id)
        handed = (written.total / 100).to_integral_value(rounding="ROUND_CEILING") * 100
        payments.take_payment(store.uow(), cashier, written.id, [payments.TenderIn(Tender.CASH, Decimal(handed))])
    return sales / (time.perf_counter() - start)


def raw_sales(run: Run, sales: int, goods: list[int]) -> float:
    """The floor: the same rows (slip, 3 lines, stock, payment, 5 audit events,
    the slip number) written with raw sqlite3, one transaction per sale."""
    conn = run.data.sqlite()
    assistant, cashier = run.data.staff["A01"].id, run.data.staff["C01"].id
    rows = {
        pid: row
        for pid, *row in conn.execute(
            f"SELECT id, name, brand, model, spec, colour, unit_price_fen FROM product WHERE id IN ({','.join('?' * len(goods))})",
            goods,
        )
    }
    prev = conn.execute("SELECT hash FROM auditevent ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else ""

    def audit(stamp: str, actor: int, action: str, entity: str, entity_id: object, after: dict) -> None:
        nonlocal prev
        body = json.dumps(after, sort_keys=True)
        digest = hashlib.sha256(f"{prev}|{stamp}|{actor}|{action}|{entity}|{entity_id}||{body}".encode()).hexdigest()
        conn.execute(
            "INSERT INTO auditevent (at, actor_id, action, entity, entity_id, before, after, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)",
            (stamp, actor, action, entity, str(entity_id), body, prev, digest),
        )
        prev = digest

    start = time.perf_counter()
    for n in range(sales):
        stamp = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE sequence SET value = value + 1 WHERE name = 'slip'")
        value = conn.execute("SELECT value FROM sequence WHERE name = 'slip'").fetchone()[0]
        number = f"R{value:06d}"
        picked = [goods[(3 * n + k) % len(goods)] for k in range(3)]
        total = sum(rows[pid][5] for pid in picked)
        slip_id = conn.execute(
            "INSERT INTO slip (number, status, assistant_id, total_fen, check_digest, created_at, written_at, paid_at, "
            "cashier_id, cancel_reason, delivery_phone, delivery_address) VALUES (?, 'paid', ?, ?, '', ?, ?, ?, ?, '', '', '')",
            (number, assistant, total, stamp, stamp, stamp, cashier),
        ).lastrowid
        for line_no, pid in enumerate(picked, 1):
            name, brand, model, spec, colour, price = rows[pid]
            conn.execute(
                "INSERT INTO slipline (slip_id, line_no, product_id, name, brand, model, spec, colour, list_price_fen, "
                "unit_price_fen, quantity, amount_fen, packed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 0)",
                (slip_id, line_no, pid, name, brand, model, spec, colour, price, price, price),
            )
            conn.execute("UPDATE product SET reserved = reserved + 1 WHERE id = ?", (pid,))
            audit(stamp, assistant, "stock.reserved", "product", pid, {"reserved": 1})
        audit(stamp, assistant, "slip.written", "slip", number, {"total_fen": total})
        handed = -(-total // 10000) * 10000
        conn.execute(
            "INSERT INTO payment (slip_id, tender, amount_fen, received_fen, change_fen, counted, reference, cleared, "
            "cashier_id, created_at) VALUES (?, 'cash', ?, ?, ?, '', '', 1, ?, ?)",
            (slip_id, total, handed, handed - total, cashier, stamp),
        )
        audit(stamp, cashier, "slip.paid", "slip", number, {"total_fen": total})
        conn.execute("COMMIT")
    rate = sales / (time.perf_counter() - start)
    conn.close()
    return rate


def paid_sale(run: Run) -> list[Figure]:
    sales = run.repeat(200, 5)
    goods = _goods(run, 300)
    floor = raw_sales(run, sales, goods)
    rate = app_sales(run, sales, goods)
    share = rate / floor
    return [
        Figure(
            "record a paid 3-line sale (slip, payment, stock, audit), synchronous=FULL",
            f"raw sqlite3, one transaction a sale: {floor:.0f} sales/s",
            f"≥ {FLOOR_SHARE}× floor ({FLOOR_SHARE * floor:.0f} sales/s)",
            result=f"{rate:.1f} sales/s ({share:.2f}× floor)",
            note="6 commits a sale against the floor's 1: write and pay durable (FULL), the draft and its 3 lines "
            "with synchronous=NORMAL (a draft survives a crash or kill, not a power cut)",
            numbers={"sales_per_s": rate, "floor_sales_per_s": floor, "share": share, "sales": sales},
        ).judge(share >= FLOOR_SHARE)
    ]

"""Soak tests of the store: many counters selling the same few goods at once,
and tills killed (SIGKILL) in the middle of their sales. Both end by auditing
the store's books: nothing oversold, nothing paid twice or half-recorded,
stock equal to what the slips say, invoice and slip numbers gapless, the
audit chain whole, and nothing a till was told was saved has gone.

    python -m bench.soak concurrency --db URL [--processes 8] [--actions 400]
    python -m bench.soak crash --db URL [--workers 2] [--kills 100]
    python -m bench.soak compare --db POSTGRES_URL [--processes 8] [--actions 400]

URL is a file path, sqlite:///FILE or postgresql+psycopg://USER@HOST/DB of a
new or empty store (`--reset` empties it first). The tests run the same code
at a small size: tests/integration/test_concurrency.py and test_crash.py.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import exists
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, actor_of, hash_pin
from counter.errors import BadInput, InvalidState
from counter.services import catalog, handover, invoices, payments, returns, shifts, slips
from counter.store import uow as uow_module
from counter.store.engine import make_engine, open_store
from counter.store.uow import UnitOfWork
from models import (
    AuditEvent,
    Invoice,
    InvoiceStatus,
    Payment,
    Product,
    ReturnLine,
    Sequence,
    Slip,
    SlipLine,
    SlipReturn,
    SlipStatus,
    Staff,
    Tender,
)

CASHIER, MANAGER = "SC1", "SM1"
PIN = "4321"
# Four goods, from a few yuan to a fridge, so totals, change and splits vary.
GOODS = [("SOAK-1", "Fridge", "5999.00"), ("SOAK-2", "Washer", "3299.00"), ("SOAK-3", "Kettle", "129.90"), ("SOAK-4", "Plug", "9.50")]
HELD_STATES = (SlipStatus.WRITTEN, SlipStatus.PAID, SlipStatus.AWAITING_FUNDS)
PAID_STATES = (SlipStatus.PAID, SlipStatus.CLOSED, SlipStatus.AWAITING_FUNDS)


def assistant_code(worker: int) -> str:
    return f"SW{worker + 1}"


# --- setting up -------------------------------------------------------------


def reset(url: str) -> None:
    """Empties the store at `url` (a soak needs books it can audit from zero)."""
    from counter.demo.build import _reset

    _reset(url)


def prepare(url: str, workers: int, stock: int) -> dict[int, int]:
    """Staff (one assistant per worker, a cashier, a manager) and the soak
    goods with `stock` each. Returns product id -> stock on hand before any sale."""
    engine = open_store(url)
    with UnitOfWork(engine) as uow:
        session = uow.session
        if session.exec(select(Slip.id)).first() is not None:
            raise SystemExit(f"{url} already has slips: give a new store or --reset")
        have = set(session.exec(select(Staff.code)))
        wanted = [(assistant_code(i), "assistant") for i in range(workers)] + [(CASHIER, "cashier"), (MANAGER, "manager")]
        pin_hash = hash_pin(PIN)  # one slow hash for all: the tills never sign in
        for code, role in wanted:
            if code not in have:
                session.add(Staff(code=code, full_name=f"Soak {code}", role=role, pin_hash=pin_hash))
        taken = set(session.exec(select(Product.sku)))
        catalog.add_products(
            session,
            None,
            [catalog.NewProduct(sku=sku, name=name, unit_price=Decimal(price), stock=stock) for sku, name, price in GOODS if sku not in taken],
        )
        for product in session.exec(select(Product).where(col(Product.sku).startswith("SOAK-"))):
            product.stock_on_hand = stock
            session.add(product)
        uow.commit()
    # Money moves only within a cashier's shift: the till opens one with a float.
    with Session(engine) as session:
        cashier = actor_of(session.exec(select(Staff).where(Staff.code == CASHIER)).one())
    if shifts.current_shift(UnitOfWork(engine), cashier) is None:
        shifts.open_shift(UnitOfWork(engine), cashier, {10000: 5})
    with Session(engine) as session:
        initial = {p.id: p.stock_on_hand for p in session.exec(select(Product))}
    engine.dispose()
    return initial


# --- one till ---------------------------------------------------------------


class Journal:
    """What a till was told: `B` before an action, `D` once the service
    returned (so committed). Appended with O_APPEND; a SIGKILL cannot tear a
    line, and what was written survives the process."""

    def __init__(self, path: str | None) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) if path else None

    def write(self, mark: str, kind: str, **data: object) -> None:
        if self.fd is not None:
            os.write(self.fd, (json.dumps({"m": mark, "k": kind, **data}) + "\n").encode())


@dataclass
class Till:
    engine: Engine
    assistant: Actor
    cashier: Actor
    manager: Actor
    goods: list[int]
    rng: random.Random
    journal: Journal
    tally: Counter = field(default_factory=Counter)
    # Seconds each action took, by action: the sale's p99 comes from these.
    took: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def pick(self, stmt) -> int | None:
        """A random slip id among the first few matching `stmt`: tills pick
        from the same short queue, so they race for the same slips."""
        with Session(self.engine) as session:
            ids = list(session.exec(stmt.limit(6)))
        return self.rng.choice(ids) if ids else None


def _draft_state(view: slips.SlipView) -> dict:
    return {"id": view.id, "lines": [[l.product_id, l.quantity] for l in view.lines]}


def act_add(till: Till) -> None:
    draft = slips.current_draft(till.uow(), till.assistant)
    if len(draft.lines) >= 3:
        return act_write(till)
    till.journal.write("B", "draft")
    view = slips.add_line(till.uow(), till.assistant, draft.id, till.rng.choice(till.goods), till.rng.choice((1, 1, 2)))
    till.journal.write("D", "draft", **_draft_state(view))
    till.tally["lines added"] += 1


def act_write(till: Till) -> None:
    draft = slips.current_draft(till.uow(), till.assistant)
    if not draft.lines:
        return act_add(till)
    till.journal.write("B", "draft")
    try:
        slips.write_slip(till.uow(), till.assistant, draft.id)
    except InvalidState:
        # Out of stock: the customer takes nothing; the lines come off the draft.
        till.tally["refused: out of stock"] += 1
        view = draft
        for line in reversed(draft.lines):
            view = slips.remove_line(till.uow(), till.assistant, draft.id, line.line_no)
        till.journal.write("D", "draft", **_draft_state(view))
        return
    till.journal.write("D", "draft", id=None, lines=[])
    till.tally["slips written"] += 1


def act_pay(till: Till) -> None:
    slip_id = till.pick(select(Slip.id).where(Slip.status == SlipStatus.WRITTEN).order_by(Slip.id))
    if slip_id is None:
        return
    slip = slips.get_slip(till.uow(), slip_id=slip_id)
    total, T = slip.total, payments.TenderIn
    kind = till.rng.choice(("cash", "cash", "card", "split", "mobile", "cheque"))
    if kind == "cash":
        tenders = [T(Tender.CASH, (total / 100).to_integral_value(rounding="ROUND_CEILING") * 100)]
    elif kind == "split" and total >= 2:
        part = (total / 2).quantize(Decimal("1"))
        tenders = [T(Tender.CARD, total - part), T(Tender.CASH, part)]
    elif kind == "mobile":
        tenders = [T(Tender.MOBILE, total, reference=f"42{till.rng.randrange(10**10):010d}")]
    elif kind == "cheque":
        tenders = [T(Tender.CHEQUE, total, reference=f"ZP{till.rng.randrange(10**8):08d}")]
    else:
        tenders = [T(Tender.CARD, total)]
    till.journal.write("B", "pay", slip=slip_id)
    result = payments.take_payment(till.uow(), till.cashier, slip_id, tenders)
    till.journal.write("D", "pay", slip=slip_id)
    till.tally["slips paid"] += 1
    till.tally["awaiting funds"] += result.awaiting_funds


def act_clear(till: Till) -> None:
    slip_id = till.pick(select(Slip.id).where(Slip.status == SlipStatus.AWAITING_FUNDS).order_by(Slip.id))
    if slip_id is not None:
        payments.clear_cheque(till.uow(), till.cashier, slip_id)
        till.tally["cheques cleared"] += 1


def _details(till: Till) -> invoices.InvoiceDetails:
    return invoices.InvoiceDetails("顾客" + str(till.rng.randrange(1000)), "天河路 100 号", "13800138000")


def act_invoice(till: Till) -> None:
    no_invoice = ~exists().where(Invoice.slip_id == Slip.id, Invoice.status == InvoiceStatus.ISSUED)
    slip_id = till.pick(
        select(Slip.id).where(col(Slip.status).in_((SlipStatus.PAID, SlipStatus.CLOSED)), no_invoice).order_by(Slip.id)
    )
    if slip_id is None:
        return
    till.journal.write("B", "invoice", slip=slip_id)
    invoice = invoices.issue_invoice(till.uow(), till.cashier, slip_id, _details(till))
    till.journal.write("D", "invoice", slip=slip_id, number=invoice.number)
    till.tally["invoices issued"] += 1


def act_void(till: Till) -> None:
    with Session(till.engine) as session:
        ids = list(session.exec(select(Invoice.id).where(Invoice.status == InvoiceStatus.ISSUED).order_by(col(Invoice.id).desc()).limit(6)))
    if not ids:
        return
    voided = invoices.void_invoice(till.uow(), till.manager, till.rng.choice(ids), "soak: name written wrong")
    till.tally["invoices voided"] += 1
    with Session(till.engine) as session:
        slip_id = session.exec(select(Invoice.slip_id).where(Invoice.id == voided.id)).one()
    invoice = invoices.issue_invoice(till.uow(), till.cashier, slip_id, _details(till))
    till.journal.write("D", "invoice", slip=slip_id, number=invoice.number)
    till.tally["invoices issued"] += 1


def act_hand_over(till: Till) -> None:
    slip_id = till.pick(select(Slip.id).where(Slip.status == SlipStatus.PAID).order_by(Slip.id))
    if slip_id is None:
        return
    slip = handover.open_for_hand_over(till.uow(), till.assistant, slip_id)
    for line in slip.lines:
        handover.pack_line(till.uow(), till.assistant, slip_id, line.line_no)
    till.journal.write("B", "hand_over", slip=slip_id)
    handover.hand_over(till.uow(), till.assistant, slip_id)
    till.journal.write("D", "hand_over", slip=slip_id)
    till.tally["handed over"] += 1


def act_cancel(till: Till) -> None:
    slip_id = till.pick(select(Slip.id).where(Slip.status == SlipStatus.WRITTEN).order_by(col(Slip.id).desc()))
    if slip_id is not None:
        slips.cancel_slip(till.uow(), till.assistant, slip_id, "soak: customer changed their mind")
        till.tally["slips cancelled"] += 1


def act_return(till: Till) -> None:
    """A customer brings back one line of a handed-over slip (often an
    invoiced one: its invoice is voided and, for what is kept, reissued)."""
    slip_id = till.pick(select(Slip.id).where(Slip.status == SlipStatus.CLOSED).order_by(col(Slip.id).desc()))
    if slip_id is None:
        return
    with Session(till.engine) as session:
        sold = {l.id: l for l in session.exec(select(SlipLine).where(SlipLine.slip_id == slip_id))}
        back = Counter()
        for row in session.exec(select(ReturnLine).join(SlipReturn).where(SlipReturn.slip_id == slip_id)):
            back[row.slip_line_id] += row.quantity
    left = [l for l in sold.values() if l.quantity > back[l.id]]
    if not left:
        return
    line = till.rng.choice(left)
    tender = till.rng.choice((Tender.CARD, Tender.CARD, Tender.MOBILE, Tender.CASH))
    refund = returns.RefundIn(tender, f"TK{till.rng.randrange(10**8):08d}" if tender == Tender.MOBILE else "")
    wanted = [returns.ReturnLineIn(line.line_no, 1, write_off=till.rng.random() < 0.2)]
    till.journal.write("B", "return", slip=slip_id)
    try:
        returns.take_return(till.uow(), till.cashier, slip_id, wanted, "soak: does not fit", refund, approver=till.manager)
    except BadInput:
        # Another till took the same goods back first (it was checked outside the transaction).
        till.tally["lost a race (refused, nothing written)"] += 1
        return
    till.journal.write("D", "return", slip=slip_id)
    till.tally["returns taken"] += 1


ACTIONS = [
    (act_add, 30), (act_write, 16), (act_pay, 20), (act_clear, 2), (act_invoice, 14), (act_void, 2),
    (act_hand_over, 12), (act_cancel, 4), (act_return, 4),
]
# The actions a sale is made of, whose p99 is the sale's latency.
SALE = ("act_add", "act_write", "act_pay")


def open_till(url: str, worker: int, seed: int, journal: str | None = None) -> Till:
    engine = make_engine(url)
    with Session(engine) as session:
        staff = {s.code: actor_of(s) for s in session.exec(select(Staff))}
        goods = list(session.exec(select(Product.id).where(col(Product.sku).startswith("SOAK-"))))
    return Till(engine, staff[assistant_code(worker)], staff[CASHIER], staff[MANAGER], goods, random.Random(seed), Journal(journal))


def run_till(till: Till, actions: int | None) -> None:
    """`actions` random shop actions (None: until killed). A refusal because
    another till got there first (InvalidState) is part of the game; any
    other error is counted and described, and fails the soak."""
    functions, weights = zip(*ACTIONS, strict=True)
    n = 0
    while actions is None or n < actions:
        n += 1
        action = till.rng.choices(functions, weights)[0]
        began = time.perf_counter()
        try:
            action(till)
            till.took[action.__name__].append(time.perf_counter() - began)
        except InvalidState:
            till.tally["lost a race (refused, nothing written)"] += 1
        except Exception as e:
            till.tally["errors"] += 1
            where = next((f"{f.filename}:{f.lineno}" for f in reversed(traceback.extract_tb(e.__traceback__)) if "/counter/" in f.filename), "")
            till.tally[f"error: {action.__name__} at {where}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"] += 1


def concurrency_worker(url: str, worker: int, actions: int, seed: int, start, results) -> None:
    till = open_till(url, worker, seed)
    start.wait()
    began, cpu = time.monotonic(), time.process_time()
    run_till(till, actions)
    till.tally["seconds"] = time.monotonic() - began
    till.tally["cpu"] = time.process_time() - cpu
    till.tally["races lost and run again"] = sum(uow_module.RETRIED.values())
    results.put((worker, dict(till.tally), dict(till.took)))
    till.engine.dispose()


def crash_worker(url: str, worker: int, seed: int, journal: str, ready) -> None:
    till = open_till(url, worker, seed, journal)
    ready.set()
    run_till(till, None)


# --- the books --------------------------------------------------------------


def check_books(url: str, initial: dict[int, int]) -> tuple[dict[str, int], list[str]]:
    """Figures of the store and every way its books do not add up."""
    engine = make_engine(url)
    problems: list[str] = []
    with Session(engine) as session:
        products = list(session.exec(select(Product)))
        all_slips = {s.id: s for s in session.exec(select(Slip))}
        lines = defaultdict(list)
        for line in session.exec(select(SlipLine)):
            lines[line.slip_id].append(line)
        paid_by = defaultdict(list)
        for payment in session.exec(select(Payment)):
            paid_by[payment.slip_id].append(payment)
        all_invoices = list(session.exec(select(Invoice)))
        restocked, returned_fen = Counter(), Counter()
        for row, slip_id in session.exec(select(ReturnLine, SlipReturn.slip_id).join(SlipReturn)):
            returned_fen[slip_id] += row.amount_fen
            if row.disposition == "restock":
                restocked[row.product_id] += row.quantity
        sequences = {s.name: s.value for s in session.exec(select(Sequence))}
        paid_events = Counter(
            session.exec(select(AuditEvent.entity_id).where(col(AuditEvent.action).in_(("slip.paid", "slip.awaiting_funds"))))
        )
        chain = audit.verify_chain(session)
        audit_events = session.exec(select(AuditEvent.id)).all()
    engine.dispose()

    out, held = Counter(), Counter()
    for slip in all_slips.values():
        for line in lines[slip.id]:
            if slip.closed_at is not None:
                out[line.product_id] += line.quantity
            elif slip.status in HELD_STATES:
                held[line.product_id] += line.quantity
    for p in products:
        if p.stock_on_hand < 0 or p.reserved < 0 or p.reserved > p.stock_on_hand:
            problems.append(f"{p.sku}: on hand {p.stock_on_hand}, reserved {p.reserved}")
        if p.stock_on_hand != initial.get(p.id, 0) - out[p.id] + restocked[p.id]:
            problems.append(
                f"{p.sku}: on hand {p.stock_on_hand} but {initial.get(p.id, 0)} - {out[p.id]} handed over + {restocked[p.id]} back"
            )
        if p.reserved != held[p.id]:
            problems.append(f"{p.sku}: reserved {p.reserved} but slips hold {held[p.id]}")

    for slip in all_slips.values():
        got = paid_by[slip.id]
        if slip.status in PAID_STATES:
            if sum(p.amount_fen for p in got) != slip.total_fen:
                problems.append(f"slip {slip.number}: payments {sum(p.amount_fen for p in got)} fen for a total of {slip.total_fen}")
            if paid_events[slip.number] != 1:
                problems.append(f"slip {slip.number}: paid {paid_events[slip.number]} times")
        elif got:
            problems.append(f"slip {slip.number or slip.id} is {slip.status} yet has {len(got)} payment(s)")
        for p in got:
            if p.tender == Tender.CASH and p.received_fen - p.change_fen != p.amount_fen:
                problems.append(f"slip {slip.number}: cash received - change != amount")
        if sum(l.amount_fen for l in lines[slip.id]) != slip.total_fen:
            problems.append(f"slip {slip.number or slip.id}: lines do not add up to the total")

    numbers = sorted(i.number for i in all_invoices)
    if numbers != list(range(1, len(numbers) + 1)) or sequences.get("invoice", 0) != len(numbers):
        problems.append(f"invoice numbers not unique and gapless: {len(numbers)} invoices, highest {numbers[-1:]}, counter {sequences.get('invoice')}")
    issued = Counter(i.slip_id for i in all_invoices if i.status == InvoiceStatus.ISSUED)
    for slip_id, n in issued.items():
        if n > 1:
            problems.append(f"slip {all_slips[slip_id].number} has {n} live invoices")
    for i in all_invoices:
        slip = all_slips[i.slip_id]
        # A live invoice bills what the customer kept; a void one stays as it was issued.
        kept = slip.total_fen - returned_fen[slip.id]
        if slip.status not in (SlipStatus.PAID, SlipStatus.CLOSED) or (i.status == InvoiceStatus.ISSUED and i.total_fen != kept):
            problems.append(f"invoice {i.number} is for slip {slip.number}, {slip.status}, total {slip.total_fen}")

    slip_numbers = sorted(int(s.number) for s in all_slips.values() if s.number)
    if slip_numbers != list(range(1, len(slip_numbers) + 1)) or sequences.get("slip", 0) != len(slip_numbers):
        problems.append(f"slip numbers not unique and gapless: {len(slip_numbers)} numbered, highest {slip_numbers[-1:]}")
    if chain is not None:
        problems.append(f"audit chain broken at event {chain.event_id}: {chain.why}")

    status = Counter(str(s.status) for s in all_slips.values())
    figures = {
        "slips numbered": len(slip_numbers),
        "paid (incl. handed over)": sum(status[str(s)] for s in PAID_STATES),
        "handed over": status["closed"],
        "cancelled": status["cancelled"],
        "waiting for payment": status["written"],
        "payments": sum(len(v) for v in paid_by.values()),
        "invoices": len(numbers),
        "invoices void": sum(i.status == InvoiceStatus.VOID for i in all_invoices),
        "audit events": len(audit_events),
        "units handed over": sum(out.values()),
        "units returned to stock": sum(restocked.values()),
        "units reserved": sum(held.values()),
        "stock below zero": sum(p.stock_on_hand < 0 for p in products),
        "problems": len(problems),
    }
    return figures, problems


# --- the two soaks ----------------------------------------------------------


@dataclass
class Report:
    figures: dict[str, int]
    problems: list[str]
    errors: list[str]

    def text(self, title: str) -> str:
        width = max(map(len, self.figures)) + 2
        rows = [title] + [f"  {k:<{width}}{v}" for k, v in self.figures.items()]
        rows += [f"  PROBLEM: {p}" for p in self.problems[:20]] + [f"  ERROR: {e}" for e in self.errors[:10]]
        return "\n".join(rows)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0


def speed(paid: int, seconds: float, took: dict[str, list[float]]) -> dict[str, float]:
    """Paid slips a second over the run, and the p99 of each action (ms)."""
    figures = {"paid slips per second": round(paid / seconds, 1) if seconds else 0.0}
    figures["sale p99 ms (add, write, pay)"] = round(_p99([t for name in SALE for t in took.get(name, [])]) * 1000, 1)
    for name, values in sorted(took.items()):
        figures[f"{name[4:]} p99 ms"] = round(_p99(values) * 1000, 1)
    return figures


def _errors(tally: Counter) -> list[str]:
    return [f"{n}× {k[7:]}" for k, n in tally.items() if k.startswith("error: ")]


def concurrency_soak(url: str, processes: int = 4, actions: int = 150, stock: int = 20, seed: int = 1) -> Report:
    """`processes` tills (spawned processes) doing `actions` shop actions
    each at full speed against the same few goods with `stock` each."""
    initial = prepare(url, processes, stock)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=concurrency_worker, args=(url, i, actions, seed * 1000 + i, start, results)) for i in range(processes)]
    for p in procs:
        p.start()
    server = server_cpu()
    start.set()
    tally: Counter = Counter()
    took: dict[str, list[float]] = defaultdict(list)
    slowest = tills_cpu = 0.0
    for _ in procs:
        _worker, counts, times = results.get(timeout=1800)
        slowest = max(slowest, counts.pop("seconds"))
        tills_cpu += counts.pop("cpu")
        tally.update(counts)
        for name, values in times.items():
            took[name] += values
    server = server_cpu() - server
    for p in procs:
        p.join()
    figures, problems = check_books(url, initial)
    lost = sum(p.exitcode != 0 for p in procs)
    summary = {"processes": processes, "actions per process": actions, "stock per product": stock}
    summary |= {k: v for k, v in sorted(tally.items()) if not k.startswith("error: ")}
    summary |= figures | {"tills that died": lost, "seconds (slowest till)": round(slowest, 1)}
    summary |= speed(tally["slips paid"], slowest, took)
    summary |= cpu_figures(tally["slips paid"], slowest, tills_cpu, server if url.startswith("postgresql") else 0.0)
    return Report(summary, problems, _errors(tally))


def server_cpu() -> float:
    """CPU seconds used so far by the PostgreSQL server's processes on this
    machine, ended ones included (0 when there are none, or no /proc to read
    them from)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
        except OSError:  # the process ended while being read
            continue
        if fields[0].endswith("(postgres"):
            # Its own time and, for the postmaster, that of the backends
            # that have ended (a till's connections close as it finishes).
            total += sum(int(n) for n in fields[1].split()[11:15])
    return total / ticks


def cpu_figures(paid: int, seconds: float, tills: float, server: float) -> dict[str, float]:
    """Where the machine's time went: CPU milliseconds a paid slip costs (the
    tills' and the server's), and how much of the machine's cores the run
    kept busy. Near 100 %, the cores and not the store set the pace."""
    cores = os.cpu_count() or 1
    return {
        "tills' CPU ms per paid slip": round(tills / paid * 1000, 1) if paid else 0.0,
        "server's CPU ms per paid slip": round(server / paid * 1000, 1) if paid else 0.0,
        f"cores busy (of {cores}), %": round((tills + server) / (seconds * cores) * 100) if seconds else 0.0,
    }


def _draft_after(journal: Path) -> dict | None:
    """What the till's draft must be now, from its journal, or None when its
    last draft action may or may not have committed (killed in between)."""
    last = None
    for row in journal.read_text().splitlines():
        entry = json.loads(row)
        if entry["k"] == "draft":
            last = entry
    if last is None or last["m"] == "B":
        return None
    return last


def crash_soak(url: str, workers: int = 2, kills: int = 20, stock: int = 40, seed: int = 1, longest: float = 1.5) -> Report:
    """`workers` tills selling until a driver SIGKILLs one at a random moment
    (0 to `longest` seconds into its life), checks its draft came back, and
    starts it again; `kills` times. Then the books are audited, and every
    payment, invoice and hand-over a till was told was done is looked for."""
    initial = prepare(url, workers, stock)
    rng = random.Random(seed)
    ctx = multiprocessing.get_context("forkserver")
    # Tills fork from a server that has the heavy imports done, so a restart
    # takes milliseconds. Not bench.soak itself: run as `python -m bench.soak`
    # it is also the main module, which the server imports on its own.
    ctx.set_forkserver_preload(["counter.services.handover", "counter.services.invoices", "counter.db", "psycopg"])
    folder = Path(tempfile.mkdtemp(prefix="counter-crash-"))
    journals = [folder / f"till{i}.jsonl" for i in range(workers)]
    lives = [0] * workers
    procs: list = [None] * workers
    engine = make_engine(url)
    tills = [open_till(url, i, 0) for i in range(workers)]
    tally: Counter = Counter()

    def start(i: int) -> None:
        lives[i] += 1
        ready = ctx.Event()
        procs[i] = ctx.Process(target=crash_worker, args=(url, i, seed * 7919 + i * 104729 + lives[i], str(journals[i]), ready))
        procs[i].start()
        if not ready.wait(120):
            raise RuntimeError(f"till {i} did not start")

    def kill(i: int) -> None:
        os.kill(procs[i].pid, signal.SIGKILL)
        procs[i].join()
        tally["kills"] += 1
        # The killed till's draft must be there as it was last told.
        expected = _draft_after(journals[i])
        if expected is None:
            tally["drafts in flux at the kill (either way is right)"] += 1
            return
        draft = slips.current_draft(UnitOfWork(engine), tills[i].assistant)
        got = _draft_state(draft)
        if expected["lines"] and got != {"id": expected["id"], "lines": expected["lines"]}:
            tally["drafts lost"] += 1
            tally[f"error: draft after kill {tally['kills']}: expected {expected}, got {got}"] += 1
        elif not expected["lines"] and got["lines"]:
            tally["drafts lost"] += 1
            tally[f"error: draft after kill {tally['kills']}: expected empty, got {got}"] += 1
        else:
            tally["drafts back as they were"] += 1

    try:
        for i in range(workers):
            start(i)
        for _ in range(kills):
            i = rng.randrange(workers)
            time.sleep(rng.uniform(0, longest))
            kill(i)
            start(i)
        for i in range(workers):
            kill(i)
    finally:
        for p in procs:
            if p is not None and p.is_alive():
                os.kill(p.pid, signal.SIGKILL)
                p.join()

    # Everything a till was told was done must be in the books.
    told = Counter()
    with Session(engine) as session:
        for journal in journals:
            for row in journal.read_text().splitlines():
                entry = json.loads(row)
                if entry["m"] != "D" or entry["k"] == "draft":
                    continue
                told[entry["k"]] += 1
                if entry["k"] == "pay":
                    slip = session.get(Slip, entry["slip"])
                    ok = slip.status in PAID_STATES
                elif entry["k"] == "invoice":
                    ok = session.exec(select(Invoice).where(Invoice.number == entry["number"], Invoice.slip_id == entry["slip"])).first() is not None
                elif entry["k"] == "return":
                    ok = session.exec(select(SlipReturn.id).where(SlipReturn.slip_id == entry["slip"])).first() is not None
                else:
                    ok = session.get(Slip, entry["slip"]).closed_at is not None
                if not ok:
                    tally["told done but lost"] += 1
                    tally[f"error: told {entry} but the store has no trace"] += 1
    engine.dispose()
    for t in tills:
        t.engine.dispose()
    figures, problems = check_books(url, initial)
    summary = {"tills": workers, "kills": tally.pop("kills", 0), "drafts lost": tally.pop("drafts lost", 0)}
    summary |= {k: v for k, v in sorted(tally.items()) if not k.startswith("error: ")}
    summary |= {f"told done: {k}": told[k] for k in ("pay", "invoice", "hand_over", "return")}
    summary |= {"told done but lost": tally["told done but lost"]} | figures
    for journal in journals:
        journal.unlink()
    folder.rmdir()
    return Report(summary, problems, _errors(tally))


def compare(url: str, processes: int, actions: int, seed: int) -> int:
    """The concurrency soak on one SQLite file, then on the server at `url`
    (emptied first), same tills and mix: the ratio of their paid slips a
    second is the throughput figure (README "Soak tests")."""
    stock = max(10, processes * actions // 12)
    with tempfile.TemporaryDirectory(prefix="counter-soak-") as folder:
        sqlite = f"sqlite:///{folder}/soak.db"
        on_file = concurrency_soak(sqlite, processes, actions, stock, seed)
    print(on_file.text("concurrency soak on one SQLite file"))
    reset(url)
    on_server = concurrency_soak(url, processes, actions, stock, seed)
    print(on_server.text(f"concurrency soak on {url.split('://')[0]}"))
    key, p99 = "paid slips per second", "sale p99 ms (add, write, pay)"
    ratio = on_server.figures[key] / on_file.figures[key] if on_file.figures[key] else 0.0
    print(f"server / file, paid slips a second: {on_server.figures[key]} / {on_file.figures[key]} = {ratio:.2f}x (target >= 1.0x)")
    print(f"sale p99 on the server: {on_server.figures[p99]} ms (target <= 250 ms)")
    file_cpu, server_cpu_ms = (
        r.figures["tills' CPU ms per paid slip"] + r.figures["server's CPU ms per paid slip"] for r in (on_file, on_server)
    )
    if file_cpu and server_cpu_ms:
        cores = os.cpu_count() or 1
        print(f"CPU per paid slip, tills and server: {server_cpu_ms:.1f} ms on the server, {file_cpu:.1f} ms on the file "
              f"({server_cpu_ms / file_cpu:.2f}x); at that cost this machine's {cores} cores pay at most "
              f"{cores * 1000 / server_cpu_ms:.0f} slips a second on the server, {cores * 1000 / file_cpu:.0f} on the file")
    failed = on_file.problems or on_file.errors or on_server.problems or on_server.errors
    return 1 if failed or ratio < 1.0 or on_server.figures[p99] > 250 else 0


def main(argv: list[str] | None = None) -> int:
    from counter.config import normalise_db_url

    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("concurrency", "crash", "compare"))
    parser.add_argument("--db", required=True, help="a new or empty store: file path or URL")
    parser.add_argument("--reset", action="store_true", help="empty the store first")
    parser.add_argument("--processes", type=int, default=8, help="concurrency: tills selling at once")
    parser.add_argument("--actions", type=int, default=400, help="concurrency: shop actions per till")
    parser.add_argument("--workers", type=int, default=2, help="crash: tills running while being killed")
    parser.add_argument("--kills", type=int, default=100, help="crash: how many SIGKILLs")
    parser.add_argument("--stock", type=int, default=0, help="units of each soak product (default: sized to run out)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    url = normalise_db_url(args.db)
    if args.kind == "compare":
        return compare(url, args.processes, args.actions, args.seed)
    if args.reset:
        reset(url)
    if args.kind == "concurrency":
        stock = args.stock or max(10, args.processes * args.actions // 12)
        report = concurrency_soak(url, args.processes, args.actions, stock, args.seed)
    else:
        report = crash_soak(url, args.workers, args.kills, args.stock or args.kills * 4, args.seed)
    print(report.text(f"{args.kind} soak on {url.split('://')[0]}"))
    return 1 if report.problems or report.errors else 0


if __name__ == "__main__":
    sys.exit(main())

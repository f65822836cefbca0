"""Shared fixtures: a fresh store migrated up from empty, staff of every
role and a few goods.

On SQLite a template store is built once per run and copied for each test.
`COUNTER_TEST_DB` names a PostgreSQL database instead: it is migrated and
seeded once per run, and each test gets it back in that state by TRUNCATE ...
RESTART IDENTITY and the seed rows. Under pytest-xdist (`-n auto`) every
worker has its own template, and on PostgreSQL its own database beside the
named one (counter_test_gw0, ...), created on the same server.
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from counter import auth
from counter.auth import Actor, actor_of
from counter.config import Scanner, Settings
from counter.i18n import set_language
from counter.services import catalog
from counter.services.staff import new_staff
from counter.store import Store
from counter.store.engine import make_engine, upgrade
from counter.store.uow import UnitOfWork

# PINs are hashed with Argon2's cheapest parameters in the tests: at the
# default cost every sign-in takes ~0.3 s of CPU, hundreds of times a run.
# Verifying reads the parameters from the hash, so the seeded hashes must be
# cheap too. tests/unit/test_pin_hash_cost.py checks the app's own default.
auth._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

STAFF = [
    ("A01", "王丽娟", "assistant", "1111"),
    ("A02", "陈晓东", "assistant", "1122"),
    ("C01", "李秀梅", "cashier", "2222"),
    ("T01", "赵国庆", "order_tracker", "3333"),
    ("M01", "周明远", "manager", "9999"),
]
PINS = {code: pin for code, _, _, pin in STAFF}
# The float counted into the drawer when the seeded shifts open: ¥500.00.
SHIFT_FLOAT = {10000: 2, 5000: 3, 2000: 3, 1000: 5, 500: 4, 100: 15, 50: 8, 10: 10}

GOODS = [
    # sku, barcode, name, brand, model, spec, colour, category, price, stock, accessory_for, promotion
    ("XYJ-1", "6901234500011", "滚筒洗衣机", "海尔", "EG100MATE55", "10公斤 1400转", "白色", "洗衣机", "3299.00", 10, "", "赠送安装"),
    ("XYJ-2", "6901234500028", "波轮洗衣机", "小天鹅", "TB100V23H", "10公斤", "银色", "洗衣机", "1599.00", 5, "", ""),
    ("XYJ-3", "6901234500035", "洗烘一体机", "美的", "MD100V58", "10公斤", "星空灰", "洗衣机", "3599.00", 3, "", ""),
    ("BX-1", "6901234500042", "对开门冰箱", "西门子", "KA92NV02TI", "610升", "银色", "冰箱", "5999.00", 2, "", ""),
    ("PJ-1", "6901234500059", "洗衣机底座", "海尔", "HZ-01", "通用", "白色", "配件", "89.90", 40, "洗衣机", ""),
    ("DFB-1", "6901234500066", "电饭煲", "苏泊尔", "SF40FC875", "4升", "黑色", "厨房电器", "399.00", 1, "", ""),
]


def pytest_configure(config) -> None:
    """An xdist worker points COUNTER_TEST_DB at a database of its own, so
    every test (and any code reading the variable) sees only that one."""
    from counter.store import lock_order

    lock_order.strict = True  # a lock out of the store's order fails the test
    url = os.environ.get("COUNTER_TEST_DB")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if url and worker:
        os.environ["COUNTER_TEST_DB"] = _own_database(url, worker)


def pytest_collection_modifyitems(config, items) -> None:
    """On PostgreSQL the screens' tests run only the end-to-end flows marked
    `postgres`: every screen reaches the store through the services, whose
    tests all run on both databases. The rest would repeat the same SQL at
    the pace of a Pilot, and doubled CI's time."""
    if not os.environ.get("COUNTER_TEST_DB"):
        return
    screens_only = [i for i in items if "tests/tui/" in i.nodeid and i.get_closest_marker("postgres") is None]
    if screens_only:
        config.hook.pytest_deselected(items=screens_only)
        items[:] = [i for i in items if i not in set(screens_only)]


def _own_database(url: str, worker: str) -> str:
    """`url` with the worker's name appended to the database, created on the
    same server if it is not there yet."""
    from sqlalchemy import create_engine, make_url

    base = make_url(url)
    own = base.set(database=f"{base.database}_{worker}")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %s", (own.database,)).first()
        if found is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{own.database}"')
    engine.dispose()
    return own.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def english():
    """Tests read messages in English unless they switch language."""
    set_language("en")
    yield
    set_language("en")


def _seed(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        for code, name, role, pin in STAFF:
            new_staff(uow.session, code, name, role, pin)
        catalog.add_products(
            uow.session,
            None,
            [
                catalog.NewProduct(
                    sku=sku, barcode=bc, name=name, brand=brand, model=model, spec=spec, colour=colour,
                    category=cat, unit_price=Decimal(price), stock=stock, accessory_for=acc, promotion=promo,
                )
                for sku, bc, name, brand, model, spec, colour, cat, price, stock, acc, promo in GOODS
            ],
        )
        uow.commit()
    _open_shifts(engine)
    engine.dispose()


def _open_shifts(engine) -> None:
    """The cashier and the manager start every test on an open shift, as at a
    shop's opening, since payments are taken only within a shift."""
    from sqlmodel import select

    from counter.services import shifts
    from models import Staff

    with UnitOfWork(engine) as uow:
        takers = [actor_of(s) for s in uow.session.exec(select(Staff).where(Staff.code.in_(("C01", "M01"))))]
    for actor in takers:
        shifts.open_shift(UnitOfWork(engine), actor, SHIFT_FLOAT)


def _empty_postgres(url: str) -> None:
    from sqlmodel import SQLModel

    import models  # noqa: F401

    engine = make_engine(url)
    with engine.begin() as conn:
        SQLModel.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


def _reset_postgres(url: str, seed: dict[str, list[dict]]) -> None:
    """The seeded state again, in one transaction (far quicker than dropping,
    migrating and hashing PINs for every test). DELETE, not TRUNCATE: on
    these few rows TRUNCATE's new files cost ~0.15 s a test; the ids restart
    below either way."""
    from sqlmodel import SQLModel

    engine = _reset_engine(url)
    quote = engine.dialect.identifier_preparer.quote
    tables = SQLModel.metadata.sorted_tables
    with engine.begin() as conn:
        conn.exec_driver_sql("; ".join(f"DELETE FROM {quote(t.name)}" for t in reversed(tables)))
        for table in tables:
            if seed[table.name]:
                conn.execute(table.insert(), seed[table.name])
            if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
                # The seed rows carry their ids: move the id sequence past them.
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE(MAX(id), 0) + 1, false)"
                    f" FROM {quote(table.name)}"
                )


@functools.cache
def _reset_engine(url: str):
    """One engine for the resets of a whole run (a connection per test adds up)."""
    return make_engine(url)


@pytest.fixture(scope="session")
def postgres_seed() -> dict[str, list[dict]] | None:
    """On PostgreSQL: every table's rows after seeding, taken once per run."""
    url = os.environ.get("COUNTER_TEST_DB")
    if not url:
        return None
    from sqlmodel import SQLModel

    _empty_postgres(url)
    _seed(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        seed = {t.name: [dict(r._mapping) for r in conn.execute(t.select())] for t in SQLModel.metadata.sorted_tables}
    engine.dispose()
    return seed


@pytest.fixture(scope="session", autouse=True)
def audit_key_file(tmp_path_factory) -> Path:
    """This test session's shop audit key, outside any store (and never the
    user's own): the seeded template is chained with it, so every copy verifies.
    Set in the environment so CLI subprocesses use it too."""
    path = tmp_path_factory.mktemp("audit-key") / "audit.key"
    os.environ["COUNTER_AUDIT_KEY_FILE"] = str(path)
    return path


@pytest.fixture(autouse=True)
def audit_checkpoints(tmp_path, monkeypatch) -> Path:
    """Each test's own checkpoint file: on PostgreSQL every test of a worker
    reuses one database address, and a checkpoint is the address's."""
    path = tmp_path / "audit.checkpoints"
    monkeypatch.setenv("COUNTER_AUDIT_CHECKPOINTS", str(path))
    return path


@pytest.fixture(scope="session")
def template_db(audit_key_file, tmp_path_factory) -> Path:
    """The seeded SQLite store (built on PostgreSQL runs too, for the tests
    of what only SQLite has: its file, backups)."""
    path = tmp_path_factory.mktemp("template") / "counter.db"
    _seed(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(tmp_path, template_db, postgres_seed) -> str:
    pg = os.environ.get("COUNTER_TEST_DB")
    if pg:
        _reset_postgres(pg, postgres_seed)
        return pg
    path = tmp_path / "counter.db"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_url(tmp_path, template_db) -> str:
    """A seeded SQLite store whatever COUNTER_TEST_DB says."""
    path = tmp_path / "sqlite" / "counter.db"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(db_url, tmp_path) -> Settings:
    # Pilot types at machine speed: with the wedge's timing on, six keys and
    # Enter anywhere would be a scan. tests/tui/test_scans.py turns it on.
    return replace(Settings(), db_url=db_url, lang="en", documents_dir=str(tmp_path / "documents"),
                   scanner=Scanner(max_gap_ms=0))


@pytest.fixture
def store(settings):
    s = Store.open(settings)
    yield s
    s.engine.dispose()


@pytest.fixture
def uow(store) -> UnitOfWork:
    return store.uow()


@pytest.fixture
def staff(store) -> dict[str, Actor]:
    from sqlmodel import select

    from models import Staff

    with store.uow() as u:
        return {s.code: actor_of(s) for s in u.session.exec(select(Staff))}


@pytest.fixture
def products(store) -> dict[str, int]:
    """SKU -> product id."""
    from sqlmodel import select

    from models import Product

    with store.uow() as u:
        return {sku: pid for sku, pid in u.session.exec(select(Product.sku, Product.id))}


@pytest.fixture
def sell(store, staff, products):
    """sell({"XYJ-1": 2}, tenders=None, customer_id=None, hand_over=True):
    a slip written by A01 and paid by C01 (cash, exact, unless tenders are
    given), its goods handed over. Returns the SlipView."""
    from counter.services import handover, payments, slips
    from models import Tender

    def _sell(items: dict[str, int], tenders=None, customer_id: int | None = None, hand_over: bool = True):
        a, c = staff["A01"], staff["C01"]
        draft = slips.current_draft(store.uow(), a)
        for sku, quantity in items.items():
            slips.add_line(store.uow(), a, draft.id, products[sku], quantity)
        if customer_id is not None:
            slips.set_customer(store.uow(), a, draft.id, customer_id)
        slip = slips.write_slip(store.uow(), a, draft.id)
        tenders = tenders or [payments.TenderIn(Tender.CASH, slip.total)]
        paid = payments.take_payment(store.uow(), c, slip.id, tenders).slip
        if not hand_over:
            return paid
        for line in paid.lines:
            handover.pack_line(store.uow(), a, paid.id, line.line_no)
        return handover.hand_over(store.uow(), a, paid.id)

    return _sell
def row_counts(store: Store) -> dict[str, int]:
    """Rows in every table: a refused action must leave these unchanged."""
    from sqlalchemy import func, select
    from sqlmodel import Session, SQLModel

    with Session(store.engine) as session:
        return {
            t.name: session.execute(select(func.count()).select_from(t)).scalar()
            for t in SQLModel.metadata.sorted_tables
            # A claim is a lease taken by opening a slip to pay, not a record kept.
            if t.name != "slip_claim"
        }


@pytest.fixture
def pg_url(db_url) -> str:
    """The test's PostgreSQL store; the test is skipped on SQLite."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL case (COUNTER_TEST_DB)")
    return db_url


@pytest.fixture
def relay(pg_url):
    """A relay of the test's own to the PostgreSQL server (tests/relay.py)."""
    from sqlalchemy import make_url

    from tests.relay import Relay

    url = make_url(pg_url)
    relay = Relay(url.host or "127.0.0.1", url.port or 5432)
    relay.start()
    yield relay
    relay.stop()

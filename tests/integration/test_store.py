"""The store: migrations from empty, SQLite settings, audit with its change."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import inspect, text
from sqlmodel import select

from counter import audit
from counter.store.engine import BUSY_TIMEOUT_MS, HEAD_REVISION, current_revision, is_sqlite, make_engine, upgrade
from models import AuditEvent, Product


def test_migrations_build_every_table_on_an_empty_sqlite_file(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert current_revision(engine) is None
    assert upgrade(engine) is True
    assert current_revision(engine) == HEAD_REVISION
    tables = set(inspect(engine).get_table_names())
    assert {"product", "customer", "staff", "slip", "slipline", "payment", "invoice", "auditevent"} <= tables
    assert upgrade(engine) is False  # already at head: nothing to do


def test_head_revision_constant_matches_the_migration_scripts(tmp_path):
    from alembic.script import ScriptDirectory

    from counter.store.engine import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    assert ScriptDirectory.from_config(alembic_config(engine)).get_current_head() == HEAD_REVISION


def test_sqlite_store_is_tuned_for_a_till(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def test_new_store_file_is_owner_only(tmp_path):
    path = tmp_path / "sub" / "owner.db"
    make_engine(f"sqlite:///{path}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_audit_event_commits_with_its_change(store, staff, products):
    with store.uow() as uow:
        product = uow.session.get(Product, products["XYJ-1"])
        product.stock_on_hand += 5
        uow.session.add(product)
        audit.record(uow.session, staff["M01"].id, "stock.adjusted", "product", product.id, before={"on_hand": 10}, after={"on_hand": 15})
        uow.commit()
    with store.uow() as uow:
        event = uow.session.exec(select(AuditEvent).where(AuditEvent.action == "stock.adjusted")).one()
        assert event.actor_id == staff["M01"].id and '"on_hand": 15' in event.after
        assert uow.session.get(Product, products["XYJ-1"]).stock_on_hand == 15


def test_audit_event_rolls_back_with_its_change(store, staff, products):
    with store.uow() as uow:
        product = uow.session.get(Product, products["XYJ-1"])
        product.stock_on_hand = 0
        uow.session.add(product)
        audit.record(uow.session, staff["M01"].id, "stock.adjusted", "product", product.id)
        # no commit: the block ends as a crash would
    with store.uow() as uow:
        assert uow.session.exec(select(AuditEvent).where(AuditEvent.action == "stock.adjusted")).first() is None
        assert uow.session.get(Product, products["XYJ-1"]).stock_on_hand == 10


def test_audit_chain_verifies_and_an_edited_row_is_found(store, staff):
    with store.uow() as uow:
        for i in range(3):
            audit.record(uow.session, staff["M01"].id, "test.event", "thing", i, after={"n": i})
        uow.commit()
    with store.uow() as uow:
        assert audit.verify_chain(uow.session) is None
        victim = uow.session.exec(select(AuditEvent).where(AuditEvent.entity == "thing")).first()
        uow.session.execute(text("UPDATE auditevent SET after = '{\"n\": 99}' WHERE id = :id"), {"id": victim.id})
        broken = audit.verify_chain(uow.session)
        assert broken is not None and broken.event_id == victim.id


def test_the_models_and_the_migrations_describe_the_same_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import models  # noqa: F401

    engine = make_engine(f"sqlite:///{tmp_path / 'cmp.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


def test_a_store_with_sales_upgrades_from_every_older_revision(store, sell):
    # Rebuilding a table on SQLite (batch migrations) drops the old one; with
    # foreign keys enforced that fails as soon as a slip line refers to a
    # product, so a shop with history could not upgrade.
    if not is_sqlite(store.engine):
        pytest.skip("the table rebuilds are SQLite's")
    from alembic import command

    from counter.store.engine import alembic_config

    slip = sell({"XYJ-1": 1})
    command.downgrade(alembic_config(store.engine), "0004")
    assert upgrade(store.engine)
    assert current_revision(store.engine) == HEAD_REVISION
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("SELECT count(*) FROM slipline WHERE slip_id = ?", (slip.id,)).scalar() == 1


def test_upgrading_to_promotion_rules_clears_text_that_states_none(store, sell):
    # Before 0013 a promotion was free text; one the slip cannot apply must not
    # stay on a card as if it were honoured.
    from alembic import command

    from counter.store.engine import alembic_config

    slip = sell({"PJ-1": 2})
    command.downgrade(alembic_config(store.engine), "0012")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE product SET promotion = '12期免息' WHERE sku = 'XYJ-2'"))
        conn.execute(text("UPDATE product SET promotion = '第二件半价' WHERE sku = 'PJ-1'"))
    assert upgrade(store.engine)
    with store.engine.connect() as conn:
        promotions = dict(conn.execute(text("SELECT sku, promotion FROM product")).all())
        assert (promotions["XYJ-2"], promotions["PJ-1"], promotions["XYJ-1"]) == ("", "第二件半价", "赠送安装")
        # Lines written before keep what they were sold for: no promotion on them.
        line = conn.execute(text("SELECT promotion, promo_fen, amount_fen FROM slipline WHERE slip_id = :s"),
                            {"s": slip.id}).one()
        assert tuple(line) == ("", 0, 17980)

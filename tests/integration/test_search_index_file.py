"""The search index kept on disk: read back at the next start only when it
is the index of the goods the store holds now, whole; otherwise rebuilt."""

from __future__ import annotations

import stat
from decimal import Decimal

import pytest

from counter.services import catalog, index_file
from counter.store.engine import READ_ONLY
from tests.integration.test_search_index import TYPED


def _started_again(store) -> catalog.SearchIndex:
    """A new process's index: empty, then loaded as the app loads it."""
    index = catalog.SearchIndex()
    with store.uow() as uow:
        version = catalog.peek(uow.session, catalog.CATALOGUE)
    with store.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        index.load(conn, version, index_file.path_for(store.engine))
    return index


@pytest.fixture
def saved(store, products):
    """The file the first start wrote."""
    path = index_file.path_for(store.engine)
    path.unlink(missing_ok=True)
    first = _started_again(store)
    assert path.exists()
    return first, path


def _never_built(monkeypatch) -> None:
    def build(self, conn):
        raise AssertionError("built, not read back")

    monkeypatch.setattr(catalog.SearchIndex, "_build", build)


def test_the_next_start_reads_the_index_back_and_finds_the_same(store, saved, monkeypatch):
    first, path = saved
    _never_built(monkeypatch)
    again = _started_again(store)
    for query in TYPED:
        for limit in (30, 1):
            assert again.find(query, limit) == first.find(query, limit), query
    assert again.barcodes == first.barcodes and len(again.barcodes) > 0
    if store.engine.url.get_backend_name() == "sqlite":
        assert path.name.endswith(".db.search")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_goods_added_since_the_file_was_saved_are_found(store, staff, saved):
    _, path = saved
    catalog.add_product(store.uow(), staff["M01"], catalog.NewProduct("NEW-1", "挂烫机", Decimal("259.00")))
    again = _started_again(store)
    assert [v.sku for v in catalog.find_products(store.uow(), "挂烫机")] == ["NEW-1"]
    assert again.find("gtj", 30) and path.exists()


@pytest.mark.parametrize("where", ["header", "keys", "tail"])
def test_a_damaged_file_is_rebuilt_not_believed(store, saved, where):
    first, path = saved
    data = bytearray(path.read_bytes())
    at = {"header": len(index_file.MAGIC) + 2, "keys": len(data) // 3, "tail": len(data) - 3}[where]
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    again = _started_again(store)
    for query in TYPED:
        assert again.find(query, 30) == first.find(query, 30), query


def test_a_file_cut_short_is_rebuilt(store, saved):
    first, path = saved
    path.write_bytes(path.read_bytes()[:-100])
    assert _started_again(store).find("xyj", 30) == first.find("xyj", 30)


def test_a_file_left_by_another_store_at_the_same_place_is_not_read(store, saved):
    """Same catalogue version, goods count and highest id, other goods: the
    audit hash of the newest goods added tells them apart."""
    first, path = saved
    key = (first.version, 6, 6, b"0" * 64)
    other = catalog.SearchIndex()
    other.blob, other.starts, other.ids, other.barcodes = bytearray(b"zzz\n"), first.starts[:1], first.ids[:1], {}
    index_file.save(other, path, key)
    assert not index_file.load(catalog.SearchIndex(), path, (first.version, 6, 6, b"1" * 64))
    assert _started_again(store).find("xyj", 30) == first.find("xyj", 30)


def test_a_second_store_in_the_same_process_is_searched_for_its_own_goods(store, settings, tmp_path):
    """The in-memory index is of one store: another store at the same catalogue
    version (the tests open one after another) gets its own."""
    import shutil
    from dataclasses import replace

    from sqlalchemy import text

    from counter.store import Store

    if store.engine.dialect.name != "sqlite":
        pytest.skip("copies the store's file")
    before = catalog.find_products(store.uow(), "洗衣机")
    assert before
    copy = tmp_path / "other.db"
    store.engine.dispose()
    shutil.copy(store.engine.url.database, copy)
    other = Store.open(replace(settings, db_url=f"sqlite:///{copy}"))
    try:
        with other.engine.begin() as conn:  # renamed behind the catalogue's back: same version
            conn.execute(text("UPDATE product SET name = '干衣机' WHERE id = :id"), {"id": before[0].id})
        assert [p.name for p in catalog.find_products(other.uow(), "干衣机")] == ["干衣机"]
        assert catalog.find_products(store.uow(), "干衣机") == []
    finally:
        other.engine.dispose()


def test_a_store_opened_by_uri_keeps_its_index_beside_the_file(tmp_path):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///file:{tmp_path}/counter.db?mode=ro&uri=true")
    assert index_file.path_for(engine) == tmp_path / "counter.db.search"

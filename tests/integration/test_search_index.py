"""The search index finds the same goods, in the same order, whether a query
is typed key by key (each search going on from the last) or asked afresh."""

from __future__ import annotations

import pytest

from counter.services import catalog
from counter.store.engine import READ_ONLY

TYPED = ["洗衣机", "xyj", "haier", "海尔 bx", "6901234500", "eg100mate55", "zzz", "x y", "XYJ-1", "a b c"]


@pytest.fixture
def loaded(store, products):
    def load() -> catalog.SearchIndex:
        index = catalog.SearchIndex()
        with store.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            index.load(conn, 1)
        return index

    return load


def fresh_find(load, query: str, limit: int) -> list[int]:
    return load().find(query, limit)


@pytest.mark.parametrize("limit", [30, 2, 1])
def test_a_query_typed_key_by_key_finds_what_a_fresh_search_finds(loaded, limit):
    index = loaded()
    for query in TYPED:
        for n in range(1, len(query) + 1):
            assert index.find(query[:n], limit) == fresh_find(loaded, query[:n], limit), query[:n]
        # Deleting back to a shorter query searches afresh.
        assert index.find(query[:1], limit) == fresh_find(loaded, query[:1], limit)


def test_every_product_is_found_by_its_sku_and_name(loaded, products):
    index = loaded()
    for sku, pid in products.items():
        assert pid in index.find(sku, 30)
    assert index.find("洗衣机", 30)

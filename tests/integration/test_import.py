"""`counter import products`: bad rows by line number, good rows kept."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from counter.errors import BadInput, NotPermitted
from counter.services.importer import import_products
from models import Product

CSV = """sku,name,unit_price,barcode,brand,model,category,stock
NEW-1,壁挂空调,2899.00,6909990000011,格力,KFR-35GW,空调,4
NEW-2,电风扇,abc,,美的,FS40,小家电,3
NEW-3,,99.00,,,,,1
NEW-4,吸尘器,1299,6909990000011,戴森,V8,小家电,2
NEW-5,微波炉,499.5,6909990000028,格兰仕,G80,厨房电器,x
XYJ-1,重复洗衣机,100,,,,,1
NEW-6,电热水壶,129.00,,九阳,K17,小家电,12
"""


def count(store) -> int:
    with store.uow() as uow:
        return uow.session.exec(select(func.count()).select_from(Product)).one()


def test_bad_rows_are_reported_by_line_and_good_rows_kept(store, staff, tmp_path):
    path = tmp_path / "goods.csv"
    path.write_text(CSV, encoding="utf-8")
    before = count(store)
    report = import_products(store.uow(), staff["M01"], path)
    assert report.added == 2
    assert [line for line, _ in report.errors] == [3, 4, 5, 6, 7]
    messages = dict(report.errors)
    assert "Not an amount" in messages[3]
    assert "barcode 6909990000011 repeats line 2" in messages[5]
    assert "already in the catalogue" in messages[7]
    assert count(store) == before + 2
    with store.uow() as uow:
        fan = uow.session.exec(select(Product).where(Product.sku == "NEW-1")).one()
        assert (fan.unit_price_fen, fan.pinyin_initials) == (289900, "bgkt")


def test_import_needs_the_manager(store, staff, tmp_path):
    path = tmp_path / "goods.csv"
    path.write_text(CSV, encoding="utf-8")
    with pytest.raises(NotPermitted):
        import_products(store.uow(), staff["A01"], path)


def test_a_file_without_the_needed_columns_is_refused_whole(store, staff, tmp_path):
    path = tmp_path / "goods.csv"
    path.write_text("name,price\n洗衣机,1\n", encoding="utf-8")
    with pytest.raises(BadInput, match="sku, unit_price"):
        import_products(store.uow(), staff["M01"], path)

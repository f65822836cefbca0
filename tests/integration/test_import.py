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


def test_an_over_long_name_a_zero_price_and_bad_tax_details_are_refused_by_line(store, staff, tmp_path):
    """Issue 16: one over-long name refused the whole file with no line number,
    and goods at ¥0 were imported (their slip could never be paid)."""
    path = tmp_path / "goods.csv"
    path.write_text(
        "sku,name,unit_price,tax_code,vat_rate,energy_class,serialised\n"
        f"LONG-1,{'长' * 200},100,,,,\n"
        "FREE-1,赠品,0,,,,\n"
        "TAX-1,冰箱,3000,123,,,\n"
        "TAX-2,冰箱,3000,1090416010100000000,17%,,\n"
        "TAX-3,冰箱,3000,1090416010100000000,13%,7,\n"
        "SER-1,冰箱,3000,1090416010100000000,13%,1,maybe\n"
        "OK-1,冰箱,3000,1090416010100000000,13%,1,是\n",
        encoding="utf-8",
    )
    before = count(store)
    report = import_products(store.uow(), staff["M01"], path)
    messages = dict(report.errors)
    assert report.added == 1 and sorted(messages) == [2, 3, 4, 5, 6, 7]
    assert "too long" in messages[2] and "more than zero" in messages[3] and "19 digits" in messages[4]
    assert "17%" in messages[5] and "1 to 5" in messages[6] and "yes or no" in messages[7]
    with store.uow() as uow:
        fridge = uow.session.exec(select(Product).where(Product.sku == "OK-1")).one()
    assert (fridge.tax_code, fridge.vat_rate_bp, fridge.energy_class, fridge.serialised) == (
        "1090416010100000000", 1300, 1, True)
    assert count(store) == before + 1


def test_a_gbk_file_from_a_chinese_excel_is_read(store, staff, tmp_path):
    path = tmp_path / "goods.csv"
    path.write_bytes("sku,name,unit_price\nGBK-1,电饭煲,399\n".encode("gbk"))
    assert import_products(store.uow(), staff["M01"], path).added == 1
    path.write_bytes(b"sku,name,unit_price\n\xff\xfe\xfd,\x81,1\n")
    with pytest.raises(BadInput, match="neither UTF-8 nor GBK"):
        import_products(store.uow(), staff["M01"], path)


def test_a_long_file_is_written_in_batches_and_an_interrupted_import_is_finished_by_running_it_again(
    store, staff, tmp_path, monkeypatch
):
    """Issue 16: one long import held the write lock for its whole 50 s; now
    each batch is a transaction of its own, so tills sell in between."""
    from counter.services import importer

    monkeypatch.setattr(importer, "BATCH", 3)
    lines = "".join(f"B-{n},插线板{n},{n}9.00,,公牛,GN-{n},配件,5\n" for n in range(1, 9))
    path = tmp_path / "goods.csv"
    path.write_text("sku,name,unit_price,barcode,brand,model,category,stock\n" + lines, encoding="utf-8")
    commits = []
    real_add = importer.add_products

    def add_then_fail_on_the_third_batch(session, actor, rows):
        if len(commits) == 2:
            raise BadInput("the disk filled up")  # as a fault would, mid-import
        commits.append([r.sku for r in rows])
        return real_add(session, actor, rows)

    monkeypatch.setattr(importer, "add_products", add_then_fail_on_the_third_batch)
    before = count(store)
    with pytest.raises(BadInput, match="disk filled up"):
        import_products(store.uow(), staff["M01"], path)
    assert commits == [["B-1", "B-2", "B-3"], ["B-4", "B-5", "B-6"]]
    assert count(store) == before + 6  # the batches done are kept, the failing one left nothing
    monkeypatch.setattr(importer, "add_products", real_add)
    seen = []
    report = import_products(store.uow(), staff["M01"], path, progress=lambda done, of: seen.append((done, of)))
    assert report.added == 2 and count(store) == before + 8
    assert [line for line, _ in report.errors] == [2, 3, 4, 5, 6, 7]  # already in: named, not added twice
    assert seen == [(3, 8), (6, 8), (8, 8)]

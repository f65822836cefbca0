"""counter.demo.catalogue: a deterministic, realistic demo range for the shop."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from counter.demo.catalogue import (
    CATEGORIES,
    DEMO_CUSTOMERS,
    DEMO_STAFF,
    STAFF_ROLES,
    DemoProduct,
    demo_products,
    ean13_check_digit,
    is_valid_ean13,
)


@pytest.fixture(scope="module")
def default() -> list[DemoProduct]:
    return demo_products()


@pytest.fixture(scope="module")
def large() -> list[DemoProduct]:
    return demo_products(20_000)


def _ean13_ok(code: str) -> bool:
    """Independent EAN-13 check: weights 1,3,1,3... over all 13 digits sum to 0 mod 10."""
    digits = [int(c) for c in code]
    return sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


# ---- shape ------------------------------------------------------------------


def test_default_count_and_type(default: list[DemoProduct]) -> None:
    assert len(default) == 300
    assert all(isinstance(p, DemoProduct) for p in default)


@pytest.mark.parametrize("count", [0, 1, 7, 105, 1000])
def test_exact_count(count: int) -> None:
    assert len(demo_products(count)) == count


def test_negative_count_rejected() -> None:
    with pytest.raises(ValueError):
        demo_products(-1)


def test_products_are_frozen(default: list[DemoProduct]) -> None:
    with pytest.raises(AttributeError):
        default[0].stock = 5  # type: ignore[misc]


# ---- uniqueness and barcodes ------------------------------------------------


@pytest.mark.parametrize("fixture", ["default", "large"])
def test_sku_and_barcode_unique(fixture: str, request: pytest.FixtureRequest) -> None:
    products = request.getfixturevalue(fixture)
    assert len({p.sku for p in products}) == len(products)
    assert len({p.barcode for p in products}) == len(products)


def test_sku_format(large: list[DemoProduct]) -> None:
    for p in large:
        assert re.fullmatch(r"[A-Z]{2,4}-\d{4,}", p.sku), p.sku
    assert any(p.sku == "XYJ-0001" for p in large)


@pytest.mark.parametrize("fixture", ["default", "large"])
def test_barcodes_are_valid_chinese_ean13(fixture: str, request: pytest.FixtureRequest) -> None:
    for p in request.getfixturevalue(fixture):
        assert len(p.barcode) == 13 and p.barcode.isdigit(), p.barcode
        assert p.barcode.startswith("69"), p.barcode
        assert _ean13_ok(p.barcode), p.barcode
        assert is_valid_ean13(p.barcode)


def test_ean13_helpers() -> None:
    # A well-known valid EAN-13.
    assert ean13_check_digit("400638133393") == "1"
    assert is_valid_ean13("4006381333931")
    assert not is_valid_ean13("4006381333932")
    assert not is_valid_ean13("400638133393")
    assert not is_valid_ean13("40063813339a1")
    with pytest.raises(ValueError):
        ean13_check_digit("123")


# ---- determinism ------------------------------------------------------------


def test_deterministic_for_a_seed(default: list[DemoProduct]) -> None:
    assert demo_products(300, seed=7) == default
    assert demo_products(seed=123) == demo_products(seed=123)


def test_different_seed_gives_different_range(default: list[DemoProduct]) -> None:
    assert demo_products(300, seed=8) != default


def test_smaller_count_is_a_prefix(large: list[DemoProduct], default: list[DemoProduct]) -> None:
    assert large[:300] == default


# ---- prices, stock, text ----------------------------------------------------


@pytest.mark.parametrize("fixture", ["default", "large"])
def test_prices_are_positive_two_place_decimals(fixture: str, request: pytest.FixtureRequest) -> None:
    for p in request.getfixturevalue(fixture):
        assert isinstance(p.unit_price, Decimal)
        assert p.unit_price.as_tuple().exponent == -2, p.unit_price
        assert p.unit_price > 0
        assert p.unit_price < Decimal("100000")


def test_prices_are_realistic(default: list[DemoProduct]) -> None:
    by_name: dict[str, list[Decimal]] = {}
    for p in default:
        by_name.setdefault(p.name, []).append(p.unit_price)
    assert min(by_name["滚筒洗衣机"]) >= Decimal("1000")
    assert max(by_name["手机壳"]) < Decimal("300")
    assert any(str(p.unit_price).endswith(".90") for p in default)
    assert any(str(p.unit_price).endswith("99.00") for p in default)


def test_stock_range_with_a_few_zero(default: list[DemoProduct]) -> None:
    assert all(0 <= p.stock <= 60 for p in default)
    zeros = sum(p.stock == 0 for p in default)
    assert 1 <= zeros <= len(default) // 5


def test_text_fields_filled(default: list[DemoProduct]) -> None:
    for p in default:
        for field in ("name", "brand", "model", "spec", "colour", "function", "strengths"):
            assert getattr(p, field), (field, p)
        assert len(p.model) <= 64
    promos = [p.promotion for p in default if p.promotion]
    assert 0 < len(promos) < len(default) // 2  # most have none


def test_promotion_thresholds_make_sense(large: list[DemoProduct]) -> None:
    for p in large:
        m = re.fullmatch(r"满(\d+)减\d+", p.promotion)
        if m:
            assert p.unit_price >= Decimal(m.group(1)), p


# ---- categories and range ---------------------------------------------------


def test_categories(default: list[DemoProduct]) -> None:
    assert set(CATEGORIES) == {
        "洗衣机", "冰箱", "空调", "电视", "厨房电器", "小家电", "手机", "电脑", "耳机音响", "配件",
    }
    assert {p.category for p in default} == set(CATEGORIES)


def test_accessories_name_existing_categories(default: list[DemoProduct], large: list[DemoProduct]) -> None:
    present = {p.category for p in default}
    for p in default + large:
        if p.category == "配件":
            assert p.accessory_for in CATEGORIES, p
            assert p.accessory_for in present and p.accessory_for != "配件", p
        else:
            assert p.accessory_for == "", p


def test_about_ten_percent_accessories(default: list[DemoProduct]) -> None:
    share = sum(p.category == "配件" for p in default) / len(default)
    assert 0.06 <= share <= 0.15
    targets = {p.accessory_for for p in default if p.category == "配件"}
    assert {"洗衣机", "空调", "电视", "手机"} <= targets


def test_range_looks_like_a_real_shop(default: list[DemoProduct]) -> None:
    names = Counter(p.name for p in default)
    assert 24 <= len(names) <= 100  # a few dozen kinds
    for required in ("洗衣机", "冰箱", "空调", "电视", "微波炉", "电饭煲", "热水器",
                     "吸尘器", "电风扇", "手机", "笔记本电脑", "耳机"):
        assert any(required in name for name in names), required
    # Several brands and models of the main kinds.
    for kind in ("滚筒洗衣机", "对开门冰箱", "变频空调挂机", "4K智能电视", "5G手机", "笔记本电脑"):
        rows = [p for p in default if p.name == kind]
        assert len({p.brand for p in rows}) >= 3, kind
        assert len({p.model for p in rows}) >= 3, kind
    assert len({p.brand for p in default}) >= 20


def test_brands_match_categories(default: list[DemoProduct]) -> None:
    for p in default:
        if p.category == "空调":
            assert p.brand not in {"九阳", "苏泊尔", "华为", "索尼", "方太"}, p
        if p.name == "吸油烟机":
            assert p.brand in {"老板", "方太", "华帝", "美的", "海尔", "西门子"}, p
        if p.category == "手机" and p.name != "老人手机":
            assert p.brand in {"华为", "小米", "荣耀", "OPPO", "vivo"}, p


def test_washing_machines_present(default: list[DemoProduct]) -> None:
    washers = [p for p in default if "洗衣机" in p.name and p.category == "洗衣机"]
    assert len(washers) >= 5
    assert len({p.brand for p in washers}) >= 3


def test_xyj_pinyin_initials_find_washing_machines(default: list[DemoProduct]) -> None:
    pypinyin = pytest.importorskip("pypinyin")
    style = pypinyin.Style.FIRST_LETTER
    hits = {
        p.name for p in default
        if "xyj" in "".join(pypinyin.lazy_pinyin(p.name, style=style)).lower()
    }
    assert hits and all("洗衣机" in name for name in hits)


# ---- benchmark scale -----------------------------------------------------------


def test_benchmark_sized_catalogue_stays_unique() -> None:
    products = demo_products(100_000)
    assert len({p.sku for p in products}) == 100_000
    assert len({p.barcode for p in products}) == 100_000


# ---- customers and staff ----------------------------------------------------


def test_customers() -> None:
    assert 25 <= len(DEMO_CUSTOMERS) <= 40
    assert len({c[1] for c in DEMO_CUSTOMERS}) == len(DEMO_CUSTOMERS)
    for name, mobile, address in DEMO_CUSTOMERS:
        assert 2 <= len(name) <= 4
        assert re.fullmatch(r"1[358]\d{9}", mobile) and mobile[:2] in {"13", "15", "18"}, mobile
        assert re.search(r"市.+区.+(路|街|大道).*\d+号.*室$", address), address


def test_staff_roles_codes_and_pins() -> None:
    roles = Counter(role for _code, _name, role, _pin in DEMO_STAFF)
    assert set(roles) == set(STAFF_ROLES) == {"assistant", "cashier", "order_tracker", "manager"}
    assert roles["assistant"] >= 2 and roles["cashier"] >= 2
    assert roles["order_tracker"] >= 1 and roles["manager"] >= 1
    codes = [code for code, *_ in DEMO_STAFF]
    assert len(set(codes)) == len(codes)
    prefix = {"assistant": "A", "cashier": "C", "order_tracker": "T", "manager": "M"}
    for code, name, role, pin in DEMO_STAFF:
        assert re.fullmatch(r"[ACTM]\d{2}", code) and code[0] == prefix[role], code
        assert name
        assert pin.isdigit() and 4 <= len(pin) <= 6, pin
    assert len({pin for *_, pin in DEMO_STAFF}) == len(DEMO_STAFF)
    assert ("M01", "manager", "9999") in {(c, r, p) for c, _n, r, p in DEMO_STAFF}

"""Goods: adding and importing them, finding them fast, and what to recommend.

Finding is the hottest path in the app (every key press in the finder), so it
runs against an in-memory index of search keys rather than the database; the
index is rebuilt when the `catalogue` sequence says goods have changed.
"""

from __future__ import annotations

import bisect
import threading
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Row, bindparam, func, text
from sqlmodel import Session, col, select

from counter import audit
from counter.auth import Actor, require
from counter.domain.promotions import NotARule, gives_away, parse
from counter.errors import BadInput, NotFound
from counter.i18n import _
from counter.money import fmt, from_fen, to_fen
from counter.pinyin import pinyin_keys
from counter.services import index_file
from counter.services.goods import product_to_change
from counter.services.goods_tax import TaxDetails, check_tax_details
from counter.store.engine import READ_ONLY, refuse_what_cannot_be_held
from counter.store.sequences import bump, peek
from counter.store.uow import UnitOfWork, retrying
from models import AuditEvent, Product, Sequence, Slip, SlipLine, SlipStatus
from models.ids import table_of

CATALOGUE = "catalogue"


@dataclass(frozen=True)
class ProductView:
    """What a screen shows of one product; money as Decimal."""

    id: int
    sku: str
    barcode: str
    name: str
    brand: str
    model: str
    spec: str
    colour: str
    category: str
    unit_price: Decimal
    stock_on_hand: int
    available: int
    promotion: str
    function: str
    strengths: str

    @property
    def label(self) -> str:
        return f"{self.brand} {self.name} {self.model}".strip()


def view_of(product: Product | Row[Any]) -> ProductView:
    """From a Product, or a row of the product table (the search path)."""
    assert product.id is not None
    return ProductView(
        id=product.id,
        sku=product.sku,
        barcode=product.barcode or "",
        name=product.name,
        brand=product.brand,
        model=product.model,
        spec=product.spec,
        colour=product.colour,
        category=product.category,
        unit_price=from_fen(product.unit_price_fen),
        stock_on_hand=product.stock_on_hand,
        available=product.stock_on_hand - product.reserved,
        promotion=product.promotion,
        function=product.function,
        strengths=product.strengths,
    )


@dataclass
class NewProduct:
    sku: str
    name: str
    unit_price: Decimal
    barcode: str = ""
    brand: str = ""
    model: str = ""
    spec: str = ""
    colour: str = ""
    category: str = ""
    stock: int = 0
    promotion: str = ""
    function: str = ""
    strengths: str = ""
    accessory_for: str = ""
    tax: TaxDetails = field(default_factory=TaxDetails)
    serialised: bool = False  # a serial number per unit, scanned at hand-over


def check_barcode(barcode: str) -> str:
    barcode = barcode.strip()
    if barcode and not (barcode.isascii() and barcode.isdigit() and 6 <= len(barcode) <= 14):
        raise BadInput(_("Barcode {barcode!r} must be 6 to 14 digits.").format(barcode=barcode))
    return barcode


def check_promotion(text: str, unit_price_fen: int) -> str:
    """A promotion must be a rule the slip applies (no text without its rule)."""
    try:
        rule = parse(text)
    except NotARule:
        raise BadInput(
            _("Promotion {text!r} is not one the counter can apply: write 第二件半价, 买二送一, 直降50元, "
              "特价399元, 满199减20, or 赠送… / 免费… for a gift.").format(text=text.strip())
        ) from None
    if rule is None:
        return ""
    if gives_away(rule, unit_price_fen):
        raise BadInput(_("Promotion {text!r} would take the whole price of {price}.").format(
            text=rule.text, price=fmt(from_fen(unit_price_fen))))
    return rule.text


def _product_row(new: NewProduct) -> Product:
    sku = new.sku.strip()
    name = new.name.strip()
    if not sku:
        raise BadInput(_("Every product needs a SKU."))
    if not name:
        raise BadInput(_("Every product needs a name."))
    if isinstance(new.stock, bool) or not isinstance(new.stock, int) or new.stock < 0:
        raise BadInput(_("Stock must be a whole number, 0 or more."))
    if to_fen(new.unit_price) <= 0:
        # A slip of goods at ¥0 could never be paid: the cashier's total would be nothing.
        raise BadInput(_("The price of {sku} must be more than zero.").format(sku=sku))
    initials, full = pinyin_keys(name)
    tax = check_tax_details(new.tax)
    promotion = check_promotion(new.promotion, to_fen(new.unit_price))
    return Product(
        sku=sku,
        barcode=check_barcode(new.barcode) or None,
        name=name,
        brand=new.brand.strip(),
        model=new.model.strip(),
        spec=new.spec.strip(),
        colour=new.colour.strip(),
        category=new.category.strip(),
        unit_price_fen=to_fen(new.unit_price),
        stock_on_hand=new.stock,
        promotion=promotion,
        function=new.function.strip(),
        strengths=new.strengths.strip(),
        accessory_for=new.accessory_for.strip(),
        pinyin_initials=initials[:128],
        pinyin_full=full[:512],
        serialised=new.serialised,
        **tax.__dict__,
    )


def check_new_product(new: NewProduct) -> Product:
    """The row a new product becomes, or BadInput naming what is wrong (a field
    too long for its column included), before anything is written."""
    row = _product_row(new)
    refuse_what_cannot_be_held(Product, lambda key: getattr(row, key, None))
    return row


def add_products(session: Session, actor: Actor | None, products: list[NewProduct]) -> list[Product]:
    """Adds goods inside the caller's transaction; refuses duplicate SKU/barcode."""
    rows = [_product_row(p) for p in products]
    skus = [r.sku for r in rows]
    barcodes = [r.barcode for r in rows if r.barcode]
    if len(set(skus)) != len(skus):
        raise BadInput(_("The same SKU appears twice."))
    if len(set(barcodes)) != len(barcodes):
        raise BadInput(_("The same barcode appears twice."))
    taken = session.exec(select(Product.sku).where(col(Product.sku).in_(skus))).first()
    if taken:
        raise BadInput(_("SKU {sku} is already in the catalogue.").format(sku=taken))
    if barcodes:
        taken = session.exec(select(Product.barcode).where(col(Product.barcode).in_(barcodes))).first()
        if taken:
            raise BadInput(_("Barcode {barcode} is already in the catalogue.").format(barcode=taken))
    session.add_all(rows)
    session.flush()
    for row in rows:
        audit.record(
            session,
            actor.id if actor else None,
            "product.added",
            "product",
            row.id,
            after={"sku": row.sku, "price_fen": row.unit_price_fen, "stock": row.stock_on_hand},
        )
    bump(session, CATALOGUE)
    return rows


@retrying
def add_product(uow: UnitOfWork, actor: Actor, new: NewProduct) -> ProductView:
    require(actor, "manage_goods")
    with uow:
        [row] = add_products(uow.session, actor, [new])
        uow.commit()
        return view_of(row)


@retrying
def set_promotion(uow: UnitOfWork, actor: Actor, sku: str, text: str) -> str:
    """Puts a promotion (a rule, see check_promotion) on goods, or takes it
    off with "". Slips written after it apply it; written ones keep theirs."""
    require(actor, "manage_goods")
    with uow:
        session = uow.session
        product = product_to_change(session, sku)
        before, product.promotion = product.promotion, check_promotion(text, product.unit_price_fen)
        session.add(product)
        audit.record(session, actor.id, "product.promotion", "product", product.id,
                     before={"promotion": before}, after={"promotion": product.promotion})
        uow.commit()
        return product.promotion


def get_product(uow: UnitOfWork, product_id: int) -> ProductView:
    with uow:
        product = uow.session.get(Product, product_id)
        if product is None:
            raise NotFound(_("No product with id {id}.").format(id=product_id))
        return view_of(product)


class SearchIndex:
    """Search keys of every product in one UTF-8 byte string, searched with
    bytes.find.

    One `find` over a few MB is a memchr-speed scan, far quicker than a LIKE
    over the table, and it stops at the first `limit` hits. Bytes, not str:
    a str holding Chinese takes 2 bytes for every character, the pinyin and
    model numbers included, so a miss scanned 12 MB at 100,000 goods instead
    of 7. UTF-8 never matches part of a character, so a byte match is a match.

    Typing narrows a search: each key press usually extends the last query,
    whose hits are then a superset of the new ones. So the last scan is kept
    (its hits and how far it got) and the next query filters those hits and
    scans on from there, instead of from the start: a word typed key by key
    scans the keys about once in all, not once a key press.
    """

    def __init__(self) -> None:
        # Which store and catalogue version the keys are of: a process that
        # opens another store (the tests do) must not search the first's goods.
        self.held: tuple[URL | None, int] = (None, -1)
        self.blob = bytearray()
        self.starts = array("q")
        self.ids = array("q")
        self.barcodes: dict[str, int] = {}
        # (blob, query, limit, hit rows, byte offset): every row before the
        # offset that matches the query is among the hits.
        self._last: tuple[bytearray, str, int, list[int], int] | None = None

    def load(self, conn: Connection, version: int, saved: Path | None = None) -> None:
        """The index at catalogue `version`: read back from the file `saved`
        when that holds it, else built from the goods (and saved there)."""
        table, events = table_of(Product), table_of(AuditEvent)
        goods, newest = conn.execute(select(func.count(), func.coalesce(func.max(table.c.id), 0))).one()
        added = select(func.max(events.c.id)).where(events.c.action == "product.added").scalar_subquery()
        stamp = conn.execute(select(events.c.hash).where(events.c.id == added)).scalar() or ""
        key = (version, goods, newest, stamp.encode().ljust(64, b"\0")[:64])
        if saved is None or not index_file.load(self, saved, key):
            self._build(conn)
            if saved is not None:
                index_file.save(self, saved, key)
        self._last = None
        self.held = (conn.engine.url, version)

    @property
    def version(self) -> int:
        return self.held[1]

    def _build(self, conn: Connection) -> None:
        table = table_of(Product)
        # The key joined by the store, so each row reaches Python as one
        # string (a third of the build time went on building it here).
        # Core rows streamed from the cursor: the ORM would first buffer
        # every row of the catalogue, more than doubling the index's memory.
        c = table.c
        key = (
            c.name + " " + c.brand + " " + c.model + " " + c.sku + " " + func.coalesce(c.barcode, "")
            + " " + c.pinyin_initials + " " + c.pinyin_full
        )
        rows = conn.execute(
            select(c.id, c.barcode, key).order_by(c.category, c.name, c.unit_price_fen)
        )
        # Appended to one growing buffer, which is then the index itself: a
        # list of 100,000 keys joined at the end would hold the keys twice.
        blob, starts, ids, barcodes = bytearray(), array("q"), array("q"), {}
        for pid, barcode, joined in rows:
            starts.append(len(blob))
            ids.append(pid)
            blob += joined.lower().encode()
            blob += b"\n"
            if barcode:
                barcodes[barcode] = pid
        self.blob, self.starts, self.ids, self.barcodes = blob, starts, ids, barcodes

    def find(self, query: str, limit: int) -> list[int]:
        query = query.lower()
        terms = [t.encode() for t in query.split()]
        if not terms:
            return []
        blob, starts = self.blob, self.starts
        rows: list[int] = []
        pos = 0
        last = self._last
        if last is not None and last[0] is blob and last[2] == limit and query.startswith(last[1]):
            # Every term of the last query is part of a term of this one, so
            # whatever matches this matched that.
            rows = [i for i in last[3] if self._holds(i, terms)]
            pos = last[4]
            if len(rows) == limit:
                pos = self._end(rows[-1])
        first = max(terms, key=len)
        if len(rows) < limit:
            pos = blob.find(first, pos)
            while pos != -1:
                i = bisect.bisect_right(starts, pos) - 1
                if self._holds(i, terms):
                    rows.append(i)
                    if len(rows) == limit:
                        break
                pos = blob.find(first, self._end(i))
            pos = len(blob) if pos == -1 else self._end(rows[-1])
        self._last = (blob, query, limit, rows, pos)
        return [self.ids[i] for i in rows]

    def _end(self, row: int) -> int:
        """Where the key of `row` ends (its newline)."""
        return self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.blob) - 1

    def _holds(self, row: int, terms: list[bytes]) -> bool:
        key = self.blob[self.starts[row] : self._end(row)]
        return all(t in key for t in terms)


_index = SearchIndex()
_VERSION = select(Sequence.value).where(Sequence.name == CATALOGUE)
# What view_of reads, built once: select(table) with a fresh IN list cost
# more than the query itself on every key press.
_FOUND = select(
    *(
        table_of(Product).c[name]
        for name in ("id", "sku", "barcode", "name", "brand", "model", "spec", "colour", "category", "unit_price_fen",
                     "stock_on_hand", "reserved", "promotion", "function", "strengths")
    )
).where(table_of(Product).c.id.in_(bindparam("ids", expanding=True)))
# One build at a time: the app warms the index while staff sign in, and a
# search that arrives meanwhile waits for that build instead of starting its own.
_index_lock = threading.Lock()


def _current_index(session: Session) -> SearchIndex:
    connection = session.connection(execution_options={READ_ONLY: True})
    held = (connection.engine.url, peek(session, CATALOGUE))
    if held != _index.held:
        with _index_lock:
            if held != _index.held:
                _index.load(connection, held[1], index_file.path_for(connection.engine))
    return _index


def warm_up(uow: UnitOfWork) -> None:
    """Builds the search index ahead of the first key press."""
    with uow:
        _current_index(uow.session)


def find_products(uow: UnitOfWork, query: str, limit: int = 30) -> list[ProductView]:
    """Goods matching every word of `query` in name, brand, model, SKU,
    barcode or pinyin (initials `xyj` or full `xiyiji`)."""
    query = query.strip()
    if not query:
        return []
    # A plain read-only connection, no Session: this runs on every key press,
    # and the Session's own bookkeeping cost as much as the two queries.
    with uow.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        version = conn.execute(_VERSION).scalar() or 0
        if (uow.engine.url, version) != _index.held:
            warm_up(uow)  # goods changed since the index was built (or it never was)
        index = _index
        exact = index.barcodes.get(query)
        ids = [exact] if exact else index.find(query, limit)
        if not ids:
            return []
        # Plain rows, not ORM objects: building and tracking 30 entities cost
        # more than the query. Read fresh each time, so stock is current.
        rows = {r.id: r for r in conn.execute(_FOUND, {"ids": ids})}
        return [view_of(rows[i]) for i in ids if i in rows]


def find_by_barcode(uow: UnitOfWork, barcode: str) -> ProductView | None:
    barcode = barcode.strip()
    with uow:
        product = uow.session.exec(select(Product).where(Product.barcode == barcode)).first()
        return view_of(product) if product else None


@dataclass(frozen=True)
class Recommendations:
    alternatives: list[ProductView]
    accessories: list[ProductView]
    bought_together: list[ProductView]
    promotions: list[ProductView]

    def all(self) -> list[tuple[str, ProductView]]:
        """(kind, product) in the order the screen lists them."""
        return (
            [("alternative", p) for p in self.alternatives]
            + [("accessory", p) for p in self.accessories]
            + [("together", p) for p in self.bought_together]
            + [("promotion", p) for p in self.promotions]
        )


def recommend(uow: UnitOfWork, product_id: int, limit: int = 4) -> Recommendations:
    """Suggestions for the product in view: same-category goods near its
    price, accessories for its category, goods sold on the same paid slips,
    and promotions in its category."""
    with uow:
        session = uow.session
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_("No product with id {id}.").format(id=product_id))
        price = product.unit_price_fen
        in_stock = Product.stock_on_hand - Product.reserved > 0
        alternatives = session.exec(
            select(Product)
            .where(Product.category == product.category, Product.id != product.id, in_stock)
            .where(col(Product.unit_price_fen).between(price * 7 // 10, price * 13 // 10))
            .order_by(func.abs(Product.unit_price_fen - price))
            .limit(limit)
        ).all()
        accessories = session.exec(
            select(Product)
            .where(Product.accessory_for == product.category, in_stock)
            .order_by(col(Product.unit_price_fen))
            .limit(limit)
        ).all()
        promotions = session.exec(
            select(Product)
            .where(Product.category == product.category, Product.id != product.id, Product.promotion != "", in_stock)
            .order_by(col(Product.unit_price_fen))
            .limit(limit)
        ).all()
        return Recommendations(
            alternatives=[view_of(p) for p in alternatives],
            accessories=[view_of(p) for p in accessories],
            bought_together=[view_of(p) for p in _bought_together(session, product_id, limit)],
            promotions=[view_of(p) for p in promotions],
        )


def _bought_together(session: Session, product_id: int, limit: int) -> list[Product]:
    other = table_of(SlipLine).alias("other")
    mine = table_of(SlipLine).alias("mine")
    sold = (SlipStatus.PAID, SlipStatus.CLOSED)
    stmt = (
        select(other.c.product_id, func.count().label("n"))
        .select_from(mine.join(other, mine.c.slip_id == other.c.slip_id).join(Slip, col(Slip.id) == mine.c.slip_id))
        .where(mine.c.product_id == product_id, other.c.product_id != product_id, col(Slip.status).in_(sold))
        .group_by(other.c.product_id)
        .order_by(text("n DESC"))
        .limit(limit)
    )
    ids = [row[0] for row in session.exec(stmt)]
    rows = {p.id: p for p in session.exec(select(Product).where(col(Product.id).in_(ids)))}
    return [rows[i] for i in ids if i in rows]


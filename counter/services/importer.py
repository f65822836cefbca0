"""Loading goods from a CSV file: bad rows are reported by line number and
skipped, good rows go in together in one transaction."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import col, select

from counter.auth import Actor, require
from counter.domain.vat import DEFAULT_RATE_BP
from counter.errors import BadInput, CounterError
from counter.i18n import _
from counter.money import parse_amount
from counter.services.catalog import NewProduct, add_products, check_barcode, check_new_product
from counter.services.goods_tax import TaxDetails, check_tax_details, parse_rate
from counter.store.uow import UnitOfWork, retrying
from models import Product

REQUIRED = ("sku", "name", "unit_price")
OPTIONAL = (
    "barcode", "brand", "model", "spec", "colour", "category", "stock",
    "promotion", "function", "strengths", "accessory_for",
)
# The e-fapiao's goods details (see goods_tax); a missing column keeps the default.
TAX = ("tax_code", "tax_name", "vat_rate", "unit", "energy_class")
YES, NO = ("yes", "y", "1", "true", "是"), ("", "no", "n", "0", "false", "否")


@dataclass
class ImportReport:
    added: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _row(raw: dict[str, str]) -> NewProduct:
    values = {k: (raw.get(k) or "").strip() for k in REQUIRED + OPTIONAL}
    stock = values.pop("stock") or "0"
    # isdigit() alone lets "²" through, which int() refuses.
    if not (stock.isascii() and stock.isdigit()) or len(stock) > 9:
        raise BadInput(_("stock {stock!r} is not a whole number").format(stock=stock))
    price = values.pop("unit_price")
    check_barcode(values["barcode"])
    serialised = (raw.get("serialised") or "").strip().lower()
    if serialised not in YES + NO:
        raise BadInput(_("serialised {value!r} is not yes or no").format(value=serialised))
    return NewProduct(unit_price=parse_amount(price), stock=int(stock), tax=_tax(raw), serialised=serialised in YES,
                      **values)


def _tax(raw: dict[str, str]) -> TaxDetails:
    values = {k: (raw.get(k) or "").strip() for k in TAX}
    energy = values["energy_class"] or "0"
    if not (energy.isascii() and energy.isdigit()):
        raise BadInput(_("energy_class {value!r} is not 1 to 5").format(value=energy))
    return check_tax_details(TaxDetails(
        tax_code=values["tax_code"],
        tax_name=values["tax_name"],
        vat_rate_bp=parse_rate(values["vat_rate"]) if values["vat_rate"] else DEFAULT_RATE_BP,
        unit=values["unit"] or "台",
        energy_class=int(energy),
    ))


def _rows(reader: csv.DictReader[str]) -> Iterator[dict[str, str]]:
    # csv.Error (a field past the size limit, a broken quote) names the line.
    try:
        yield from reader
    except csv.Error as e:
        raise BadInput(_("Line {line} is not a CSV row: {error}.").format(line=reader.line_num, error=e)) from None


def read_products_csv(text: str) -> tuple[list[tuple[int, NewProduct]], list[tuple[int, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as e:
        raise BadInput(_("The file is not a CSV table: {error}.").format(error=e)) from None
    missing = [c for c in REQUIRED if c not in (fieldnames or [])]
    if missing:
        raise BadInput(_("The CSV header lacks the column(s): {cols}.").format(cols=", ".join(missing)))
    good: list[tuple[int, NewProduct]] = []
    errors: list[tuple[int, str]] = []
    seen_sku: dict[str, int] = {}
    seen_barcode: dict[str, int] = {}
    for raw in _rows(reader):
        line = reader.line_num
        try:
            product = _row(raw)
            check_new_product(product)  # each line's own refusal, never the whole file's
            if not product.sku or not product.name:
                raise BadInput(_("sku and name must not be empty"))
            if product.sku in seen_sku:
                raise BadInput(_("SKU {sku} repeats line {line}").format(sku=product.sku, line=seen_sku[product.sku]))
            if product.barcode and product.barcode in seen_barcode:
                raise BadInput(
                    _("barcode {b} repeats line {line}").format(b=product.barcode, line=seen_barcode[product.barcode])
                )
        except CounterError as e:
            errors.append((line, str(e)))
            continue
        seen_sku[product.sku] = line
        if product.barcode:
            seen_barcode[product.barcode] = line
        good.append((line, product))
    return good, errors


def _decoded(data: bytes, path: Path) -> str:
    """UTF-8 (with or without Excel's BOM), or the GBK/GB18030 a Chinese Excel saves by default."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput(_("{path} is neither UTF-8 nor GBK text: save it from the spreadsheet as CSV UTF-8.").format(
        path=path))


# Goods written per transaction: a catalogue of tens of thousands of lines
# holds the write lock a fraction of a second at a time, so the tills' sales
# go on between batches instead of waiting out one long import.
BATCH = 500


def import_products(
    uow: UnitOfWork, actor: Actor, path: Path, progress: Callable[[int, int], object] | None = None
) -> ImportReport:
    """Adds the file's good lines to the catalogue, BATCH at a time, each batch
    a transaction of its own; `progress(done, of)` after each. Goods already
    in the catalogue are named, not added, so the same file imported again
    after an interruption adds only what was missing."""
    require(actor, "manage_goods")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BadInput(_("Cannot read {path}: {error}").format(path=path, error=e.strerror or e)) from None
    good, errors = read_products_csv(_decoded(data, path))
    added = 0
    for start in range(0, len(good), BATCH):
        batch = good[start:start + BATCH]
        added += _add_batch(uow, actor, batch, errors)
        if progress is not None:
            progress(start + len(batch), len(good))
    return ImportReport(added=added, errors=sorted(errors))


@retrying
def _add_batch(uow: UnitOfWork, actor: Actor, batch: list[tuple[int, NewProduct]], errors: list[tuple[int, str]]) -> int:
    """One batch in one transaction; the lines it refuses go on `errors`."""
    with uow:
        session = uow.session
        skus = {p.sku for _, p in batch}
        barcodes = {p.barcode for _, p in batch if p.barcode}
        taken_skus = set(session.exec(select(Product.sku).where(col(Product.sku).in_(skus))))
        taken_barcodes = (
            set(session.exec(select(Product.barcode).where(col(Product.barcode).in_(barcodes)))) if barcodes else set()
        )
        rows, refused = [], []
        for line, product in batch:
            if product.sku in taken_skus:
                refused.append((line, _("SKU {sku} is already in the catalogue").format(sku=product.sku)))
            elif product.barcode in taken_barcodes:
                refused.append((line, _("barcode {b} is already in the catalogue").format(b=product.barcode)))
            else:
                rows.append(product)
        if rows:
            add_products(session, actor, rows)
        uow.commit()
    errors.extend(refused)  # after the commit: a batch run again after a deadlock says them once
    return len(rows)

"""What the e-fapiao needs to know of each product: its tax classification
code (税收分类编码) and short name, VAT rate, unit and energy class. Set by a
manager, one product at a time or in the goods CSV."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from counter import audit
from counter.auth import Actor, require
from counter.domain.vat import DEFAULT_RATE_BP, RATES_BP, rate_label
from counter.errors import BadInput, NotFound
from counter.i18n import _
from counter.services.goods import product_to_change
from counter.store.uow import UnitOfWork, retrying
from models import Product


@dataclass(frozen=True)
class TaxDetails:
    tax_code: str = ""
    tax_name: str = ""
    vat_rate_bp: int = DEFAULT_RATE_BP
    unit: str = "台"
    energy_class: int = 0


def parse_rate(text: str) -> int:
    """'13', '13%', '0.13' or '1%' → basis points; only the rates goods may carry."""
    value = text.strip().rstrip("%").strip()
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    bp = round(number * 10000) if 0 < number < 1 else round(number * 100)
    if bp not in RATES_BP or number < 0:
        raise BadInput(_("VAT rate {rate!r} is not one of {rates}.").format(
            rate=text, rates=", ".join(rate_label(r) for r in RATES_BP)))
    return bp


def check_tax_details(details: TaxDetails) -> TaxDetails:
    code = details.tax_code.strip()
    if code and not (len(code) == 19 and code.isascii() and code.isdigit()):
        raise BadInput(_("A tax classification code is 19 digits; {code!r} is not.").format(code=code))
    if details.vat_rate_bp not in RATES_BP:
        raise BadInput(_("VAT rate {rate} is not one goods may carry.").format(rate=rate_label(details.vat_rate_bp)))
    unit = details.unit.strip()
    if not unit or len(unit) > 8:
        raise BadInput(_("The unit is 1 to 8 characters, e.g. 台, 件, 套."))
    if details.energy_class not in range(6):
        raise BadInput(_("Energy class is 1 to 5 (0: none)."))
    name = details.tax_name.strip()
    if len(name) > 32:
        raise BadInput(_("The tax short name is at most 32 characters."))
    return TaxDetails(code, name, details.vat_rate_bp, unit, details.energy_class)


@retrying
def set_tax_details(uow: UnitOfWork, actor: Actor, sku: str, details: TaxDetails) -> TaxDetails:
    require(actor, "manage_goods")
    details = check_tax_details(details)
    with uow:
        session = uow.session
        product = product_to_change(session, sku)
        before = tax_details_of(product)
        for name, value in details.__dict__.items():
            setattr(product, name, value)
        session.add(product)
        audit.record(session, actor.id, "product.tax_set", "product", product.id,
                     before=before.__dict__, after=details.__dict__)
        uow.commit()
        return details


def tax_details_of(product: Product) -> TaxDetails:
    return TaxDetails(product.tax_code, product.tax_name, product.vat_rate_bp, product.unit, product.energy_class)


def get_tax_details(uow: UnitOfWork, sku: str) -> tuple[str, TaxDetails]:
    """The product's name and tax details."""
    with uow:
        product = uow.session.exec(select(Product).where(Product.sku == sku.strip())).first()
        if product is None:
            raise NotFound(_("No goods with SKU {sku}.").format(sku=sku.strip()))
        return product.name, tax_details_of(product)

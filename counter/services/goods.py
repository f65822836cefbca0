"""Goods as a manager's change finds them: by SKU, locked for the change."""

from __future__ import annotations

from sqlmodel import Session, select

from counter.errors import NotFound
from counter.i18n import _
from models import Product


def product_to_change(session: Session, sku: str) -> Product:
    """The goods with `sku`, their row locked until the transaction ends."""
    product = session.exec(select(Product).where(Product.sku == sku.strip()).with_for_update()).first()
    if product is None:
        raise NotFound(_("No goods with SKU {sku}.").format(sku=sku.strip()))
    return product

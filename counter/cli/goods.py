"""`counter goods ...`: what a manager sets on goods besides the catalogue:
the tax details the e-fapiao needs, whether each unit has a serial number,
and its promotion."""

from __future__ import annotations

from typing import Annotated

import typer

from counter.cli.common import StaffOption, open_signed_in
from counter.errors import CounterError

goods_app = typer.Typer(help="Goods: tax details for the e-fapiao, serial numbers, promotions.")


@goods_app.command("tax")
def set_tax(
    sku: Annotated[str, typer.Argument(help="The goods' SKU.")],
    code: Annotated[str | None, typer.Option("--code", help="税收分类编码, 19 digits.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Its short name (简称), e.g. 家用电器.")] = None,
    rate: Annotated[str | None, typer.Option("--rate", help="VAT rate: 13%, 9%, 6%, 3%, 1% or 0%.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="The unit on the invoice, e.g. 台.")] = None,
    energy: Annotated[int | None, typer.Option("--energy", help="Energy class 1–5 (0: none).")] = None,
    staff: StaffOption = None,
) -> None:
    """Show, or (with options) set, the goods' tax details. Manager only."""
    from dataclasses import replace

    from counter.cli.common import fail
    from counter.domain.vat import rate_label
    from counter.services import goods_tax

    try:
        _s, store, actor = open_signed_in(staff)
        title, details = goods_tax.get_tax_details(store.uow(), sku)
        changes = {k: v for k, v in {"tax_code": code, "tax_name": name, "unit": unit, "energy_class": energy}.items()
                   if v is not None}
        if rate is not None:
            changes["vat_rate_bp"] = goods_tax.parse_rate(rate)
        if changes:
            details = goods_tax.set_tax_details(store.uow(), actor, sku, replace(details, **changes))
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"{sku} {title}: {details.tax_code or '—'} {details.tax_name} {rate_label(details.vat_rate_bp)} "
               f"{details.unit} {details.energy_class or '—'}")


@goods_app.command("serialised")
def set_serialised(
    sku: Annotated[str, typer.Argument(help="The goods' SKU.")],
    on: Annotated[bool, typer.Option("--on/--off", help="Each unit carries a serial number scanned at hand-over.")] = True,
    staff: StaffOption = None,
) -> None:
    """Mark goods as serialised (or not). Manager only."""
    from counter.cli.common import fail
    from counter.i18n import _
    from counter.services import serials

    try:
        _s, store, actor = open_signed_in(staff)
        serials.set_serialised(store.uow(), actor, sku, on)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(_("{sku}: a serial number per unit.").format(sku=sku) if on else
               _("{sku}: no serial numbers.").format(sku=sku))


@goods_app.command("promotion")
def set_promotion(
    sku: Annotated[str, typer.Argument(help="The goods' SKU.")],
    rule: Annotated[str, typer.Argument(help="第二件半价, 买二送一, 直降50元, 特价399元, 满199减20, 赠送… / 免费…; "
                                             "\"\" takes it off.")],
    staff: StaffOption = None,
) -> None:
    """Put a promotion on goods: slips apply it by its rule. Manager only."""
    from counter.cli.common import fail
    from counter.i18n import _
    from counter.services import catalog

    try:
        _s, store, actor = open_signed_in(staff)
        text = catalog.set_promotion(store.uow(), actor, sku, rule)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(_("{sku}: {promotion}.").format(sku=sku, promotion=text) if text else
               _("{sku}: no promotion.").format(sku=sku))

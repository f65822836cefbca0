"""`counter sn SERIAL`: the warranty look-up from the shell — which slip a
unit went out on, when, and to whom."""

from __future__ import annotations

from typing import Annotated

import typer

from counter.cli.common import StaffOption
from counter.errors import CounterError


def sn(
    serial: Annotated[str, typer.Argument(help="The serial number, or at least 3 characters of it.")],
    staff: StaffOption = None,
) -> None:
    """Find a unit by its serial number: goods, slip, paid and handed-over dates, customer."""
    from rich.console import Console
    from rich.table import Table

    from counter.cli.common import fail, settings, sign_in_from_cli
    from counter.i18n import _
    from counter.services import serials
    from counter.store import Store

    try:
        store = Store.open(settings())
        actor = sign_in_from_cli(store, staff)
        found = serials.find_serial(store.uow(), actor, serial)
    except CounterError as e:
        raise fail(e) from None
    if not found:
        typer.echo(_("No unit with a serial number like {serial}.").format(serial=serial.strip()), err=True)
        raise typer.Exit(1)
    table = Table(header_style="bold")
    table.add_column(_("Serial number"), no_wrap=True)
    table.add_column(_("Goods"), ratio=2, min_width=18)
    table.add_column(_("Slip"), no_wrap=True)
    table.add_column(_("Paid"), no_wrap=True)
    table.add_column(_("Handed over"), no_wrap=True)
    table.add_column(_("Customer"), ratio=1, min_width=8)
    for u in found:
        table.add_row(
            u.serial, f"{u.product} {u.model}", u.slip_number, f"{u.paid_at:%Y-%m-%d}" if u.paid_at else "—",
            f"{u.handed_over_at:%Y-%m-%d}" if u.handed_over_at else "—",
            u.customer + (f" ({_('returned')} {u.returned_at:%Y-%m-%d})" if u.returned_at else ""),
        )
    Console().print(table)

"""`counter orders ...`: the phone-order board on the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from counter.errors import CounterError

orders_app = typer.Typer(help="Phone orders taken by the order trackers.")


@orders_app.command("list")
def list_orders(
    status: Annotated[
        list[str] | None,
        typer.Option("--status", "-s", help="Only this status (repeatable), e.g. scheduled; default: every open order."),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only orders past the day the customer expects them.")] = False,
    staff: Annotated[
        str | None, typer.Option("--staff", help="Your staff code (env COUNTER_STAFF; PIN from COUNTER_PIN or asked).")
    ] = None,
) -> None:
    """Print the board of phone orders, the ones due soonest first; overdue ones in red."""
    from rich.console import Console
    from rich.table import Table

    from counter.cli.common import fail, settings, sign_in_from_cli
    from counter.i18n import _
    from counter.money import fmt
    from counter.services import orders
    from counter.store import Store

    try:
        statuses = [orders.parse_status(s) for s in status] if status else list(orders.OPEN)
        store = Store.open(settings())
        actor = sign_in_from_cli(store, staff)
        rows = orders.board(store.uow(), actor, statuses, overdue_only=overdue)
    except CounterError as e:
        raise fail(e) from None
    table = Table(title=_("Phone orders"), header_style="bold")
    table.add_column(_("Order"), no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Due"), no_wrap=True)
    table.add_column(_("Customer"))
    table.add_column(_("Phone"), no_wrap=True)
    table.add_column(_("Goods"), overflow="ellipsis", ratio=1)
    table.add_column(_("Total"), justify="right", no_wrap=True)
    table.add_column(_("Taken by"))
    for o in rows:
        due = o.due.isoformat() if o.due else "—"
        table.add_row(
            o.number, o.status_text, f"{due} !" if o.overdue else due, o.customer_name, o.delivery_phone,
            o.goods, fmt(o.total), o.taken_by, style="bold red" if o.overdue else None,
        )
    console = Console()
    console.print(table)
    console.print(_("{count} order(s), {overdue} overdue").format(count=len(rows), overdue=sum(o.overdue for o in rows)))

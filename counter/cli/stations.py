"""`counter stations`: the shop's named counters (list, add, edit, remove).
Changing them needs a manager; a till picks its station with `--station`."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from counter.cli.common import StaffOption, fail, settings, sign_in_from_cli
from counter.errors import CounterError

stations_app = typer.Typer(help="Stations: the shop's named counters, their printers and drawers.")

ReceiptOption = Annotated[str, typer.Option("--receipt", help="Receipt printer, as in config.toml [printers] (\"\" = the machine's own)")]
DrawerOption = Annotated[str, typer.Option("--drawer", help="Cash drawer's printer (\"\" = through the receipt printer)")]
WidthOption = Annotated[int, typer.Option("--width", help="Receipt width in mm: 58 or 80")]
DisplayOption = Annotated[str, typer.Option("--display", help="Customer display (pole display), if any: escpos-serial:/dev/ttyUSB1, escpos-net:HOST:PORT …")]


def _store():
    from counter.store import Store

    # Not as a station: the one named may be the one being added.
    return Store.open(replace(settings(), station=""))


@stations_app.command("list")
def list_stations() -> None:
    """Every station with its printers."""
    from rich.console import Console
    from rich.table import Table

    from counter.services.stations import list_stations as rows_of

    try:
        rows = rows_of(_store().uow())
    except CounterError as e:
        raise fail(e) from None
    table = Table("name", "receipt printer", "drawer", "width", "customer display")
    for row in rows:
        table.add_row(row.name, row.receipt_printer or "(machine's)", row.drawer or "(receipt printer)", f"{row.receipt_width} mm", row.customer_display)
    Console().print(table)


@stations_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The station's name, e.g. 收银台 2")],
    receipt: ReceiptOption = "",
    drawer: DrawerOption = "",
    width: WidthOption = 80,
    display: DisplayOption = "",
    staff: StaffOption = None,
) -> None:
    """Register a station (a manager signs in)."""
    from counter.services.stations import StationIn, add_station

    try:
        store = _store()
        view = add_station(store.uow(), sign_in_from_cli(store, staff), StationIn(name, receipt, drawer, width, display))
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"added station {view.name}")


@stations_app.command("edit")
def edit(
    name: Annotated[str, typer.Argument(help="The station to change")],
    new_name: Annotated[str | None, typer.Option("--name", help="A new name")] = None,
    receipt: Annotated[str | None, typer.Option("--receipt", help="Receipt printer")] = None,
    drawer: Annotated[str | None, typer.Option("--drawer", help="Cash drawer's printer")] = None,
    width: Annotated[int | None, typer.Option("--width", help="58 or 80")] = None,
    display: Annotated[str | None, typer.Option("--display", help="Customer display")] = None,
    staff: StaffOption = None,
) -> None:
    """Change a station; options not given keep their value."""
    from counter.services.stations import StationIn, edit_station, get_station

    try:
        store = _store()
        now = get_station(store.uow(), name)
        new = StationIn(
            new_name if new_name is not None else now.name,
            receipt if receipt is not None else now.receipt_printer,
            drawer if drawer is not None else now.drawer,
            width if width is not None else now.receipt_width,
            display if display is not None else now.customer_display,
        )
        view = edit_station(store.uow(), sign_in_from_cli(store, staff), name, new)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"station {view.name}: receipt {view.receipt_printer or '(machine)'}, {view.receipt_width} mm")


@stations_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The station to remove")], staff: StaffOption = None) -> None:
    """Remove a station that never took money."""
    from counter.services.stations import remove_station

    try:
        store = _store()
        remove_station(store.uow(), sign_in_from_cli(store, staff), name)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"removed station {name}")

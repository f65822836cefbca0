"""`counter print invoice|slip|receipt NUMBER [--to PATH]`: print or reprint
a document from the store, to its configured printer or to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from counter.cli.common import StaffOption
from counter.errors import CounterError

print_app = typer.Typer(help="Print or reprint a slip, receipt or invoice (kept in the documents folder too).")

ToOption = Annotated[
    Path | None,
    typer.Option("--to", help="Write to this file instead of the printer: .pdf, .txt (a receipt also .escpos)."),
]


def _print(kind: str, number: str, to: Path | None, staff: str | None, width: int | None = None) -> None:
    from counter.cli.common import fail, open_signed_in
    from counter.printing import print_for

    try:
        s, store, actor = open_signed_in(staff)
        outcome = print_for(actor, store.uow(), s, kind, number, width=width, to=to)
    except CounterError as e:
        raise fail(e) from None
    if not outcome.ok:
        typer.echo(f"counter: {outcome.message}", err=True)
        raise typer.Exit(1)
    typer.echo(outcome.message)


@print_app.command("invoice")
def print_invoice(number: Annotated[str, typer.Argument(help="Invoice number, e.g. 00000012.")], to: ToOption = None, staff: StaffOption = None) -> None:
    """The invoice's three copies (财务联/底联/用户联) as one PDF."""
    _print("invoice", number, to, staff)


@print_app.command("slip")
def print_slip(number: Annotated[str, typer.Argument(help="Slip number, e.g. 000123.")], to: ToOption = None, staff: StaffOption = None) -> None:
    """The sales slip, stamped 收款专用章 once paid."""
    _print("slip", number, to, staff)


Width = Annotated[int | None, typer.Option("--width", help="Paper roll: 58 or 80 (mm); default from the config.")]


def _roll(kind: str, number: str, width: int | None, to: Path | None, staff: str | None) -> None:
    if width is not None and width not in (58, 80):
        raise typer.BadParameter("the paper roll is 58 or 80 (mm) wide", param_hint="--width")
    _print(kind, number, to, staff, width)


@print_app.command("receipt")
def print_receipt(
    number: Annotated[str, typer.Argument(help="Number of the paid slip, e.g. 000123.")],
    width: Width = None, to: ToOption = None, staff: StaffOption = None,
) -> None:
    """The thermal receipt of a paid slip (marked 重印 as a reprint)."""
    _roll("receipt", number, width, to, staff)


@print_app.command("refund")
def print_refund(
    number: Annotated[str, typer.Argument(help="The return's number, e.g. R000003.")],
    width: Width = None, to: ToOption = None, staff: StaffOption = None,
) -> None:
    """The refund slip (退款单) of a return, on the receipt printer."""
    _roll("refund", number, width, to, staff)

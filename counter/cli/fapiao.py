"""`counter fapiao ...`: e-fapiao requests from the shell — ask for one for a
paid slip, export the day's for the tax portal, enter the numbers it issued.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from counter.cli.common import StaffOption, open_signed_in
from counter.errors import CounterError

fapiao_app = typer.Typer(help="E-fapiao requests (开票申请) for the tax platform.")


def _print_request(r) -> None:
    from rich.console import Console
    from rich.table import Table

    from counter.domain.vat import rate_label
    from counter.i18n import _
    from counter.money import fmt
    from counter.services.fapiao import state_label

    console = Console()
    kind = _("red reversal of {number}").format(number=r.original_number) if r.kind == "red" else _("invoice")
    console.print(f"[bold]{r.number}[/]  {kind}  {state_label(r.state)}  {_('slip')} {r.slip_number}")
    console.print(f"{_('Buyer')}: {r.buyer.name}  {r.buyer.tax_id}  {r.buyer.phone}  {r.buyer.email}")
    table = Table(header_style="bold")
    table.add_column(_("Item"), min_width=20, ratio=1)
    for heading in (_("Qty"), _("Price"), _("Amount"), _("Rate"), _("Tax")):
        table.add_column(heading, justify="right", no_wrap=True)
    for l in r.lines:
        item = f"{l.name}\n[dim]{l.tax_code} {l.spec} {l.unit}[/]" if not l.discount else f"{l.name} [dim]({_('discount')})[/]"
        table.add_row(
            item, str(l.quantity or ""), fmt(l.unit_price) if l.unit_price else "", fmt(l.amount),
            rate_label(l.rate_bp), fmt(l.tax),
        )
    console.print(table)
    console.print(f"{_('Total')} {fmt(r.total)}  {_('Tax')} {fmt(r.tax)}  {_('Remarks')}: {r.remarks}")
    if r.fapiao_number:
        console.print(f"{_('E-fapiao number')}: {r.fapiao_number}  {r.fapiao_file}")
    if r.last_error:
        console.print(f"[red]{_('Refused by the platform')}: {r.last_error}[/]")


@fapiao_app.command("list")
def list_requests(
    day: Annotated[str | None, typer.Option("--day", help="YYYY-MM-DD (default: every day).")] = None,
    state: Annotated[list[str] | None, typer.Option("--state", help="requested, submitted, issued, delivered, withdrawn.")] = None,
    staff: StaffOption = None,
) -> None:
    """The e-fapiao requests, newest first."""
    from rich.console import Console
    from rich.table import Table

    from counter.cli.common import fail
    from counter.domain.fapiao import State
    from counter.i18n import _
    from counter.money import fmt
    from counter.services import fapiao

    try:
        states = tuple(State(s) for s in state or ())
        the_day = date.fromisoformat(day) if day else None
    except ValueError as e:
        raise fail(e) from None
    try:
        _s, store, actor = open_signed_in(staff)
        rows = fapiao.requests(store.uow(), actor, the_day, states)
    except CounterError as e:
        raise fail(e) from None
    table = Table(title=_("E-fapiao requests"), header_style="bold")
    for heading in (_("Request"), _("State"), _("Slip")):
        table.add_column(heading, no_wrap=True)
    table.add_column(_("Buyer"), min_width=8, ratio=1)
    table.add_column(_("Total"), justify="right", no_wrap=True)
    table.add_column(_("E-fapiao number"), no_wrap=True, min_width=20)  # never cut
    for r in rows:
        number = f"{r.number} {_('red')}" if r.kind == "red" else r.number
        table.add_row(number, fapiao.state_label(r.state), r.slip_number, r.buyer.name, fmt(r.total), r.fapiao_number)
    Console().print(table)


@fapiao_app.command("show")
def show_request(number: Annotated[str, typer.Argument(help="The request's number, e.g. FQ000012.")], staff: StaffOption = None) -> None:
    """One request as the platform is asked for it."""
    from counter.cli.common import fail
    from counter.services import fapiao

    try:
        _s, store, actor = open_signed_in(staff)
        _print_request(fapiao.get_request(store.uow(), actor, number))
    except CounterError as e:
        raise fail(e) from None


@fapiao_app.command("request")
def request(
    slip: Annotated[str, typer.Argument(help="The paid slip's number.")],
    name: Annotated[str, typer.Option("--name", help="The buyer: a person's name or the business's registered name.")],
    tax_id: Annotated[str, typer.Option("--tax-id", help="A business's 统一社会信用代码 (makes it a business buyer).")] = "",
    phone: Annotated[str, typer.Option("--phone", help="Where the platform sends it: a mobile number…")] = "",
    email: Annotated[str, typer.Option("--email", help="…or an email address.")] = "",
    address: Annotated[str, typer.Option("--address", help="A business's address and phone, if wanted on it.")] = "",
    bank: Annotated[str, typer.Option("--bank", help="A business's bank and account, if wanted on it.")] = "",
    staff: StaffOption = None,
) -> None:
    """Ask for an e-fapiao for a paid slip."""
    from counter.cli.common import fail
    from counter.services import fapiao
    from counter.services.slips import get_slip
    from models import BuyerType

    buyer = fapiao.Buyer(BuyerType.BUSINESS if tax_id.strip() else BuyerType.PERSON, name, tax_id, address, bank,
                         phone, email)
    try:
        _s, store, actor = open_signed_in(staff)
        slip_id = get_slip(store.uow(), number=slip).id
        _print_request(fapiao.request_fapiao(store.uow(), actor, slip_id, buyer))
    except CounterError as e:
        raise fail(e) from None


@fapiao_app.command("export")
def export(
    day: Annotated[str | None, typer.Option("--day", help="YYYY-MM-DD (default: today).")] = None,
    to: Annotated[Path | None, typer.Option("--to", help="The workbook to write (default: the documents folder).")] = None,
    staff: StaffOption = None,
) -> None:
    """Write the requests waiting for the platform as its batch-import workbook, and mark them submitted."""
    from counter.cli.common import fail
    from counter.fapiao_export import export_requests
    from counter.i18n import _
    from models.clock import now

    try:
        the_day = date.fromisoformat(day) if day else now().date()
    except ValueError as e:
        raise fail(e) from None
    try:
        s, store, actor = open_signed_in(staff)
        done = export_requests(store, s, actor, the_day, to)
    except CounterError as e:
        raise fail(e) from None
    if done.path is None:
        typer.echo(_("No e-fapiao request waits for the platform."))
        return
    typer.echo(_("{n} request(s) written to {path} ({marked} newly marked submitted).").format(
        n=done.requests, path=done.path, marked=done.marked))


@fapiao_app.command("issued")
def issued(
    number: Annotated[str, typer.Argument(help="The request's number, e.g. FQ000012.")],
    fapiao_number: Annotated[str, typer.Argument(help="The 20-digit number the platform issued.")],
    red_form: Annotated[str, typer.Option("--red-form", help="A red invoice's 红字确认单编号.")] = "",
    file: Annotated[Path | None, typer.Option("--file", help="The issued PDF or OFD, kept with the slip.")] = None,
    staff: StaffOption = None,
) -> None:
    """Enter the number the platform issued (and keep its file)."""
    from counter.cli.common import settings
    from counter.fapiao_export import fapiao_folder
    from counter.services import fapiao

    keep_in = fapiao_folder(settings())
    _change(staff, number, lambda store, actor, rid: fapiao.record_issued(
        store.uow(), actor, rid, fapiao_number, red_form, file, keep_in))


def _change(staff: str | None, number: str, change) -> None:
    """`change(store, actor, request_id)` on the request numbered `number`, then it is shown."""
    from counter.cli.common import fail
    from counter.services import fapiao

    try:
        _s, store, actor = open_signed_in(staff)
        request = fapiao.get_request(store.uow(), actor, number)
        _print_request(change(store, actor, request.id))
    except CounterError as e:
        raise fail(e) from None


@fapiao_app.command("delivered")
def delivered(number: Annotated[str, typer.Argument(help="The request's number.")], staff: StaffOption = None) -> None:
    """Mark an issued e-fapiao as sent to the buyer."""
    from counter.services import fapiao

    _change(staff, number, lambda store, actor, rid: fapiao.mark_delivered(store.uow(), actor, rid))


@fapiao_app.command("withdraw")
def withdraw(
    number: Annotated[str, typer.Argument(help="The request's number.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (e.g. the buyer's name was wrong).")],
    staff: StaffOption = None,
) -> None:
    """Take back a request the platform has not issued."""
    from counter.services import fapiao

    _change(staff, number, lambda store, actor, rid: fapiao.withdraw(store.uow(), actor, rid, reason))

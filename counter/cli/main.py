"""The `counter` command. Each sub-command is a thin entry point: parse,
call a service, print what comes back or the error's message."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from counter.cli.audit import audit_app
from counter.cli.backup import backup_app
from counter.cli.common import (
    Context,
    DbOption,
    LangOption,
    StaffOption,
    StationOption,
    fail,
    settings,
    sign_in_from_cli,
)
from counter.cli.documents import print_app
from counter.cli.fapiao import fapiao_app
from counter.cli.goods import goods_app
from counter.cli.orders import orders_app
from counter.cli.report import report_app
from counter.cli.serials import sn
from counter.cli.staff import staff_app
from counter.cli.stations import stations_app
from counter.errors import CounterError

app = typer.Typer(
    help="Counter: the shop counter and phone-order app. Run with no command to start the terminal app.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="The store's database.")
import_app = typer.Typer(help="Load data from files.")
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(print_app, name="print")
app.add_typer(audit_app, name="audit")
app.add_typer(report_app, name="report")
app.add_typer(orders_app, name="orders")
app.add_typer(staff_app, name="staff")
app.add_typer(stations_app, name="stations")
app.add_typer(fapiao_app, name="fapiao")
app.add_typer(goods_app, name="goods")
app.command("sn")(sn)
app.add_typer(backup_app)  # counter backup / counter restore

@app.callback(invoke_without_command=True)
def main_callback(ctx: typer.Context, db: DbOption = None, lang: LangOption = None, station: StationOption = None) -> None:
    # Everything the app writes — the store, documents with customers' names
    # and phones, backups, the audit key, config — is for the shop's own user.
    os.umask(0o077)
    Context.db, Context.lang, Context.station = db, lang, station
    if ctx.invoked_subcommand is None:
        try:
            s = settings()  # sets the language before the app's key labels are made
            from counter.app import make_app

            make_app(s).run()
        except CounterError as e:
            raise fail(e) from None


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending schema migrations (also done on every start)."""
    from counter.store.engine import make_engine, upgrade

    try:
        s = settings(may_make_store=True)
        changed = upgrade(make_engine(s.db_url))
    except CounterError as e:
        raise fail(e) from None
    typer.echo("migrated to the newest schema" if changed else "already up to date")


@import_app.command("products")
def import_products_cmd(file: Annotated[Path, typer.Argument(help="CSV with columns sku,name,unit_price[,barcode,brand,model,spec,colour,category,stock,...,tax_code,tax_name,vat_rate,unit,energy_class,serialised]")], staff: StaffOption = None) -> None:
    """Load goods from a CSV file. Bad rows are listed by line; good rows are kept."""
    from counter.services.importer import import_products
    from counter.store import Store

    try:
        store = Store.open(settings())
        actor = sign_in_from_cli(store, staff)
        report = import_products(
            store.uow(), actor, file, progress=lambda done, of: typer.echo(f"{done} of {of} line(s) done", err=True)
        )
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"added {report.added} product(s)")
    for line, message in report.errors:
        typer.echo(f"line {line}: {message}", err=True)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def demo(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Reset an existing demo store without asking.")] = False,
    replace_real_store: Annotated[bool, typer.Option(
        "--replace-real-store", help="Replace a store with real sales by the demo (a manager signs in; a copy is kept)."
    )] = False,
    seed: Annotated[int, typer.Option(help="Random seed for the demo history.")] = 7,
    days: Annotated[int, typer.Option(help="Days of past history to write.", min=1, max=366)] = 21,
    staff: StaffOption = None,
) -> None:
    """Create (or reset) a demo store: goods, staff of every role, customers and weeks of history.
    A store with real sales is never reset by mistake: only with --replace-real-store and a manager's PIN."""
    from counter.auth import require
    from counter.demo.build import build_demo, keep_a_copy, real_sales, store_exists
    from counter.store import Store

    try:
        s = settings(may_make_store=True)
        if store_exists(s.db_url):
            sales = real_sales(s.db_url)
            if sales and not replace_real_store:
                raise fail(f"the store at {s.db_url} holds {sales} real slips, not a demo: it is not reset "
                           "(to replace it anyway: --replace-real-store, with a manager's code and PIN)")
            if sales:
                require(sign_in_from_cli(Store.open(s), staff), "manage_staff")
            elif not yes:
                if not sys.stdin.isatty():
                    raise fail(f"a store already exists at {s.db_url}; run with --yes to reset it")
                typer.confirm(f"Reset the store at {s.db_url}? Everything in it is lost", abort=True)
            kept = keep_a_copy(s.db_url)
            if kept is not None:
                typer.echo(f"the store as it was is kept at {kept}", err=True)
        summary = build_demo(s, seed=seed, days=days, progress=lambda m: typer.echo(m, err=True))
    except CounterError as e:
        raise fail(e) from None
    typer.echo(summary)


def main() -> None:
    """The command, with one boundary: whatever the store or its address does
    (damaged, truncated, not a store, a server gone, a typo in --db) comes
    out as one line and exit code 2, never a traceback."""
    try:
        app()
    except Exception as e:  # the boundary: anything not the store's is raised again below
        from counter.cli.common import store_failure

        message = store_failure(e)
        if message is None:
            raise
        typer.echo(f"counter: {message}", err=True)
        sys.exit(2)



"""`counter staff`: add and list staff. The very first person added to an
empty store must be a manager and needs no sign-in; after that, a manager
signs in to add anyone."""

from __future__ import annotations

from typing import Annotated

import typer

from counter.cli.common import StaffOption, fail, open_signed_in, settings, sign_in_from_cli
from counter.errors import CounterError

staff_app = typer.Typer(help="Staff and their roles.")


@staff_app.command("add")
def add(
    code: Annotated[str, typer.Option(help="Staff code, e.g. A04")],
    name: Annotated[str, typer.Option(help="Full name (printed on invoices)")],
    role: Annotated[str, typer.Option(help="assistant, cashier, order_tracker or manager")],
    staff: StaffOption = None,
) -> None:
    """Add a staff member; their PIN (4-8 digits) is asked twice."""
    from counter.services.staff import add_first_manager, add_staff, staff_count
    from counter.store import Store

    try:
        store = Store.open(settings(may_make_store=True))
        if staff_count(store.uow()) == 0:
            pin = typer.prompt(f"PIN for {code}", hide_input=True, confirmation_prompt=True)
            add_first_manager(store.uow(), code, name, role, pin)
        else:
            actor = sign_in_from_cli(store, staff)
            pin = typer.prompt(f"PIN for {code}", hide_input=True, confirmation_prompt=True)
            add_staff(store.uow(), actor, code, name, role, pin)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"added {code.upper()} {name} ({role})")


@staff_app.command("list")
def list_staff(staff: StaffOption = None) -> None:
    """Staff codes, names and roles. Manager only."""
    from rich.console import Console
    from rich.table import Table

    from counter.services.staff import all_staff

    try:
        _s, store, actor = open_signed_in(staff)
        rows = all_staff(store.uow(), actor)
    except CounterError as e:
        raise fail(e) from None
    table = Table("code", "name", "role", "active")
    for row in rows:
        table.add_row(row.code, row.full_name, row.role, "yes" if row.active else "no")
    Console().print(table)


@staff_app.command("policy")
def policy_cmd(
    max_failures: Annotated[int | None, typer.Option("--max-failures", help="Wrong PINs in a row that lock a code (1-100).")] = None,
    lockout_minutes: Annotated[int | None, typer.Option("--lockout-minutes", help="How long a code stays locked (1-1440).")] = None,
    min_pin_length: Annotated[int | None, typer.Option("--min-pin-length", help="Digits a new PIN needs at least (4-8).")] = None,
    staff: StaffOption = None,
) -> None:
    """Show, or (with options) change, the shop's sign-in policy. Kept in the store; manager only."""
    from counter.services import policy

    try:
        _s, store, actor = open_signed_in(staff)
        if max_failures is None and lockout_minutes is None and min_pin_length is None:
            now = policy.current(store.uow())
        else:
            now = policy.set_policy(store.uow(), actor, max_pin_failures=max_failures, lockout_minutes=lockout_minutes,
                                    min_pin_length=min_pin_length)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"a code locks after {now.max_pin_failures} wrong PINs, for {now.lockout_minutes} minutes; "
               f"new PINs have at least {now.min_pin_length} digits")

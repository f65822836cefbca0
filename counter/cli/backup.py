"""`counter backup PATH` and `counter restore PATH`: thin entry points over
counter.store.backup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from counter.cli.common import StaffOption, open_signed_in, settings
from counter.errors import CounterError

backup_app = typer.Typer()


def _describe(info) -> str:
    return f"{info.slips} slips, {info.invoices} invoices, {info.audit_events} audit events, schema {info.revision}, {info.size:,} bytes"


@backup_app.command("backup")
def backup_cmd(
    path: Annotated[Path, typer.Argument(help="New file to write the copy to.")], staff: StaffOption = None
) -> None:
    """Copy the store to PATH while it is in use (SQLite); for PostgreSQL, print the pg_dump command. Manager only."""
    from counter.cli.common import fail
    from counter.services.store_admin import backup_store
    from counter.store.backup import pg_commands, sqlite_path

    try:
        s = settings()
        if sqlite_path(s.db_url) is None:
            typer.echo("This store is on a PostgreSQL server. Back it up with:")
            typer.echo(f"  {pg_commands(s.db_url, str(path))[0]}")
            return
        _s, _store, actor = open_signed_in(staff)
        info = backup_store(actor, s.db_url, path)
    except CounterError as e:
        raise fail(e) from None
    typer.echo(f"backed up to {info.path}: {_describe(info)}")


@backup_app.command("restore")
def restore_cmd(
    path: Annotated[Path, typer.Argument(help="A backup made by `counter backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Replace the store without asking.")] = False,
    other_shop: Annotated[bool, typer.Option("--other-shop", help="The backup is another shop's store: restore it anyway.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Restore even while shifts are open or tills are at work.")] = False,
    staff: StaffOption = None,
) -> None:
    """Check a backup (integrity, schema, audit chain and checkpoints) and only then replace the store with it.
    Manager only."""
    from counter.cli.common import fail
    from counter.services.store_admin import check_backup, restore_store
    from counter.store.backup import pg_commands, sqlite_path

    try:
        s = settings()
        if sqlite_path(s.db_url) is None:
            typer.echo("This store is on a PostgreSQL server. Restore it with:")
            typer.echo(f"  {pg_commands(s.db_url, str(path))[1]}")
            return
        _s, _store, actor = open_signed_in(staff)
        info = check_backup(actor, s.db_url, path)
        typer.echo(f"{path} checks out: {_describe(info)}")
        if not yes:
            if not sys.stdin.isatty():
                raise fail(f"run with --yes to replace the store at {s.db_url}")
            typer.confirm(f"Replace the store at {s.db_url} with it? Stop the tills first", abort=True)
        result = restore_store(actor, s.db_url, path, other_shop=other_shop, force=force)
    except CounterError as e:
        raise fail(e) from None
    if result.previous:
        typer.echo(f"the store as it was is kept at {result.previous}")
    typer.echo(f"restored: {_describe(result.restored)}")

"""`counter audit`: check the hash chain of the audit log, and list events."""

from __future__ import annotations

from typing import Annotated

import typer

from counter.errors import CounterError

audit_app = typer.Typer(help="The tamper-evident audit log.")


@audit_app.command("verify")
def verify_cmd() -> None:
    """Check every event's link and keyed hash, then the chain against the checkpoints the reports took;
    exit 1 naming the first check that fails."""
    from counter.cli.common import fail, settings
    from counter.services.audit_log import verify
    from counter.store import Store

    try:
        report = verify(Store.open(settings()).uow())
    except CounterError as e:
        raise fail(e) from None
    if report.broken is not None:
        b = report.broken
        typer.echo(f"chain broken ({b.check} check) at event {b.event_id}: {b.why}", err=True)
        raise typer.Exit(1)
    typer.echo(f"chain intact, {report.events} events, {report.checkpoints} checkpoint(s) held")


@audit_app.command("list")
def list_cmd(
    action: Annotated[str, typer.Option("--action", help="An action (slip.paid) or its family (slip).")] = "",
    since: Annotated[str, typer.Option("--since", help="From this day on, YYYY-MM-DD.")] = "",
    person: Annotated[str, typer.Option("--person", help="Done by this staff code or name.")] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many events, newest first.")] = 200,
    staff: Annotated[str | None, typer.Option("--staff", help="Your staff code, a manager's (PIN from COUNTER_PIN or asked).")] = None,
) -> None:
    """List audit events, newest first, with what changed."""
    from counter.cli.common import fail, settings, sign_in_from_cli
    from counter.services.audit_log import list_events, parse_day, readable
    from counter.store import Store

    try:
        day = parse_day(since) if since else None
        store = Store.open(settings())
        actor = sign_in_from_cli(store, staff)
        events = list_events(store.uow(), actor, action=action, person=person, since=day, limit=limit)
    except CounterError as e:
        raise fail(e) from None
    for e in events:
        who = f"{e.staff_code} {e.staff_name}".strip() or "-"
        typer.echo(f"{e.id:>6}  {e.at:%Y-%m-%d %H:%M:%S}  {who:<12}  {e.action:<20} {e.entity} {e.entity_id}")
        if e.before:
            typer.echo(f"        before: {readable(e.before)}")
        if e.after:
            typer.echo(f"        after:  {readable(e.after)}")
    typer.echo(f"{len(events)} event(s)", err=True)

"""What every sub-command shares: the global options, the settings they
resolve to, signing in from the shell, and how a refusal is printed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store: a file path, sqlite:///FILE or postgresql+psycopg://USER@HOST/DB (env COUNTER_DB)."),
]
LangOption = Annotated[str | None, typer.Option("--lang", help="UI language: zh or en (default: from the locale).")]
StationOption = Annotated[
    str | None, typer.Option("--station", help="The counter this till is, as registered with `counter stations add` (env COUNTER_STATION).")
]


class Context:
    db: str | None = None
    lang: str | None = None
    station: str | None = None


def settings(may_make_store: bool = False):
    """The settings the global options point at. Only `may_make_store`
    commands (demo, db upgrade, staff add) accept a --db path with no store:
    for the rest a typo would leave an empty store behind."""
    from counter.config import load_settings
    from counter.i18n import detect_language, set_language

    s = load_settings(db_url=Context.db, lang=Context.lang, station=Context.station)
    set_language(s.lang or detect_language())
    if Context.db and not may_make_store:
        _refuse_a_missing_store(s.db_url)
    return s


def _refuse_a_missing_store(url: str) -> None:
    from sqlalchemy.engine import make_url

    from counter.errors import CounterError
    from counter.i18n import _

    database = make_url(url).database if url.startswith("sqlite") else None
    if not database or database == ":memory:":
        return
    if not Path(database).exists():
        raise CounterError(_("There is no store at {path}: check --db (a new store is made by counter demo, "
                             "counter db upgrade or counter staff add).").format(path=database))
    if Path(database).stat().st_size == 0:
        raise CounterError(_("{path} is empty (0 bytes): it is not a store, and is not made into one here.").format(
            path=database))


def store_failure(error: BaseException) -> str | None:
    """One line for a failure of the store or its address, None for anything else."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from counter.i18n import _
    from counter.store.faults import STORE_FAULTS, explain

    if isinstance(error, ArgumentError | NoSuchModuleError | ModuleNotFoundError):
        return _("{db!r} is not a store's address: give a file path, sqlite:///FILE or "
                 "postgresql+psycopg://USER@HOST/DB.").format(db=Context.db or "")
    if isinstance(error, STORE_FAULTS):
        return explain(error)
    return None


def fail(error: Exception) -> typer.Exit:
    typer.echo(f"counter: {error}", err=True)
    return typer.Exit(2)


def sign_in_from_cli(store, staff: str | None):
    code = staff or os.environ.get("COUNTER_STAFF") or typer.prompt("Staff code")
    pin = os.environ.get("COUNTER_PIN") or typer.prompt("PIN", hide_input=True)
    return store.sign_in(code, pin)


StaffOption = Annotated[str | None, typer.Option("--staff", help="Your staff code (env COUNTER_STAFF; PIN from COUNTER_PIN or asked).")]


def open_signed_in(staff: str | None):
    """(settings, the store, the signed-in Actor) for a command that acts for someone."""
    from counter.store import Store

    s = settings()
    store = Store.open(s)
    return s, store, sign_in_from_cli(store, staff)

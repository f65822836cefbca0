"""Typed access to what SQLModel leaves untyped or Optional: a stored row's
id, a model's Core table, and a row read by a foreign key."""

from typing import Protocol, TypeVar

from sqlalchemy import Table

T = TypeVar("T")


class Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: Stored) -> int:
    """A stored row's id, typed as such: a row read from the store, or added
    and flushed, has one (`id: int | None` is only None before that)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id until it is flushed to the store")
    return row.id


def table_of(model: type) -> Table:
    """A table model's Core table (SQLModel sets __table__ on the class, untyped)."""
    table: Table = model.__table__
    return table


def referred(row: T | None) -> T:
    """A row read by a foreign key's value: the store keeps it while it is
    referred to, so None here would be a broken store, not a case to handle."""
    if row is None:
        raise LookupError("a row referred to by a foreign key is missing")
    return row

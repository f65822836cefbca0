from typing import Protocol

from sqlalchemy import Table


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

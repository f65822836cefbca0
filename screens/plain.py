"""Showing what the store holds exactly as it was typed.

Textual reads a plain string given to a DataTable, an Option or a Static as
markup: a name or address with [brackets] in it lost the bracketed words, and
one with "[/b]" stopped the screen with a MarkupError. Data goes on screen as
Text, which is never read as markup; our own wording keeps its markup."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable


def plain(cell: object) -> object:
    """A string as Text (shown as it is); anything else unchanged."""
    return Text(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable[object]):
    """A DataTable whose string cells are shown as they are."""

    def add_row(self, *cells: object, **kwargs):
        return super().add_row(*(plain(c) for c in cells), **kwargs)


def plain_row(table: Table, *cells: object) -> None:
    """A row of a Rich table (a card, a receipt on screen), its strings shown as they are."""
    table.add_row(*(plain(c) for c in cells))

"""Lining up columns that hold Chinese text, which takes two cells a character."""

from __future__ import annotations

from rich.cells import cell_len


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal cells (never cut)."""
    return text + " " * max(width - cell_len(text), 0)

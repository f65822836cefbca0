"""Cells of goods tables: columns that hold Chinese text (two cells a
character), and goods lines with their promotion."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from counter.money import fmt
from counter.services.goods_lines import GoodsLineView, promotion_label


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal cells (never cut)."""
    return text + " " * max(width - cell_len(text), 0)


def promotion_text(line: GoodsLineView) -> Text:
    """The line's promotion and what it took off ("" for none)."""
    label = promotion_label(line.promotion)
    return Text(f"{label} −{fmt(line.promo)}" if line.promo else label, style="yellow")


def promoted(goods: str, line: GoodsLineView) -> Text:
    """The goods as text; a line under a promotion also says which, and what it took off."""
    text = Text(goods)
    if line.promotion:
        text.append(" ")
        text.append_text(promotion_text(line))
    return text

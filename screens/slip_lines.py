"""The slip's lines, drawn by a widget of our own on Textual's Line API.

Each screen line is one `render_line` call returning a Strip; a row's Strip
is kept until that row changes, the cursor comes or goes, or the widget's
width or scroll changes. Changing one line of a long slip (one more of an
item, a new price) repaints that row alone, and moving the cursor repaints
the two rows it leaves and lands on. The header row stays on top while the
lines scroll under it.

Columns are as wide as their widest cell (title included), so a money column
always shows the largest amount it holds in full."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 1  # spaces between columns
MIN_TEXT = 4  # the narrowest a text column is squeezed to


@dataclass(frozen=True)
class Column:
    title: str
    right: bool = False  # numbers and money are right-aligned


class SlipLines(ScrollView, can_focus=False):
    COMPONENT_CLASSES = {"slip-lines--header", "slip-lines--cursor", "slip-lines--odd"}
    DEFAULT_CSS = """
    /* The vertical scrollbar's room is kept whether or not it shows, so the
       columns fitted to the width still fit once a long slip brings it. */
    SlipLines { height: 1fr; scrollbar-gutter: stable; }
    SlipLines > .slip-lines--header { text-style: bold; background: $panel; }
    SlipLines > .slip-lines--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    SlipLines > .slip-lines--odd { background: $surface-lighten-1; }
    """

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.rows: list[tuple[Text, ...]] = []
        self.widths = [Text(c.title).cell_len for c in self.columns]
        self.shown_widths = list(self.widths)  # as drawn: fitted to the widget's width
        self.cursor_row = 0
        # Row index -> (what it was drawn for, the Strip); dropped when that row changes.
        self.drawn: dict[int, tuple[tuple[bool, int, int], Strip]] = {}
        self.header: tuple[int, int, Strip] | None = None

    # --- what the finder calls ---------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: Sequence[Sequence[Text]]) -> None:
        """Every line anew (a line added or removed, another slip)."""
        self.rows = [tuple(r) for r in rows]
        self.widths = [
            max([Text(c.title).cell_len, *(r[i].cell_len for r in self.rows)]) for i, c in enumerate(self.columns)
        ]
        self.cursor_row = min(self.cursor_row, max(len(self.rows) - 1, 0))
        self.forget()
        self.refresh()

    def set_row(self, index: int, cells: Sequence[Text]) -> None:
        """One line's new cells: only that row is drawn again, unless a cell no
        longer fits its column (then the columns widen and all rows redraw)."""
        self.rows[index] = tuple(cells)
        if any(cell.cell_len > self.widths[i] for i, cell in enumerate(cells)):
            self.set_rows(self.rows)
            return
        self.drawn.pop(index, None)
        self.refresh_line(index + 1)

    def move_cursor(self, row: int, *, centre: bool = False) -> None:
        """`centre`: a row out of view is brought to the middle, with the lines
        around it (a line just edited); else the view moves only as far as it
        must (a step with the arrow keys)."""
        row = max(0, min(row, len(self.rows) - 1))
        if row != self.cursor_row:
            old, self.cursor_row = self.cursor_row, row
            self.refresh_line(old + 1)
            self.refresh_line(row + 1)
        self.keep_cursor_in_view(centre=centre)

    def row_text(self, index: int) -> str:
        """A row's cells as plain words (what the tests read)."""
        return " ".join(cell.plain for cell in self.rows[index])

    # --- drawing ---------------------------------------------------------------

    def forget(self) -> None:
        self.drawn.clear()
        self.header = None
        self.shown_widths = self.fitted(self.scrollable_content_region.width)
        self.virtual_size = Size(sum(self.shown_widths) + GAP * (len(self.shown_widths) - 1), len(self.rows) + 1)

    def line_width(self) -> int:
        return sum(self.widths) + GAP * (len(self.widths) - 1)

    def fitted(self, width: int) -> list[int]:
        """Column widths for `width` cells: when the line is wider, the text
        columns give way (widest first, down to a few cells each) so that
        numbers and money are always shown whole."""
        widths = list(self.widths)
        over = self.line_width() - width
        text = [i for i, c in enumerate(self.columns) if not c.right]
        while over > 0:
            widest = max(text, key=lambda i: widths[i])
            if widths[widest] <= MIN_TEXT:
                break  # narrower still: the line scrolls sideways instead
            widths[widest] -= 1
            over -= 1
        return widths

    def keep_cursor_in_view(self, retry: bool = True, centre: bool = False) -> None:
        """The cursor's row on screen, under the header."""
        shown = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_offset.y)
        if top <= self.cursor_row < top + shown:
            return
        if centre:
            target = max(0, min(self.cursor_row - shown // 2, len(self.rows) - shown))
        else:
            target = self.cursor_row if self.cursor_row < top else self.cursor_row - shown + 1
        self.scroll_to(y=target, animate=False)
        if round(self.scroll_offset.y) != target and retry:
            # Rows just added: the widget may scroll only after the next layout.
            self.call_after_refresh(self.keep_cursor_in_view, False, centre)

    def on_resize(self) -> None:
        self.forget()
        self.keep_cursor_in_view()

    def watch_scroll_x(self, old: float, new: float) -> None:
        self.drawn.clear()
        self.header = None
        super().watch_scroll_x(old, new)

    def row_line(self, cells: Sequence[Text], style: Style) -> Strip:
        line = Text(no_wrap=True, end="")
        widths = self.shown_widths
        for i, (column, cell) in enumerate(zip(self.columns, cells, strict=True)):
            if i:
                line.append(" " * GAP)
            fitted = cell.copy()
            fitted.truncate(widths[i], overflow="ellipsis")
            pad = " " * (widths[i] - fitted.cell_len)
            if column.right:
                line.append(pad)
            line.append_text(fitted)
            if not column.right:
                line.append(pad)
        # The row's style goes under each cell's own (a discount's colour stays).
        segments = list(Segment.apply_style(line.render(self.app.console), style))
        width, x = self.scrollable_content_region.width, round(self.scroll_offset.x)
        return Strip(segments).crop(x, x + width).extend_cell_length(width, style).simplify()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            if self.header is None or self.header[:2] != (width, round(self.scroll_offset.x)):
                titles = [Text(c.title) for c in self.columns]
                style = self.get_component_rich_style("slip-lines--header")
                self.header = (width, round(self.scroll_offset.x), self.row_line(titles, style))
            return self.header[2]
        row = round(self.scroll_offset.y) + y - 1
        if not 0 <= row < len(self.rows):
            return Strip([Segment(" " * width, self.rich_style)])
        key = (row == self.cursor_row, width, round(self.scroll_offset.x))
        known = self.drawn.get(row)
        if known is not None and known[0] == key:
            return known[1]
        if row == self.cursor_row:
            style = self.get_component_rich_style("slip-lines--cursor")
        elif row % 2:
            style = self.get_component_rich_style("slip-lines--odd")
        else:
            style = self.rich_style
        strip = self.row_line(self.rows[row], style)
        self.drawn[row] = (key, strip)
        return strip

"""The slip's lines as a DataTable that redraws only the rows that changed.

DataTable.update_cell keys every render cache on one table-wide update count,
so changing one quantity renders all the slip's cells again (~1 ms a row).
Here a row's cells are changed in place and only that row's cached renders are
dropped, so a long slip costs no more than a short one.

DataTable also keys each line's render on where the cursor is, so moving the
row cursor (to the line just changed) renders every visible line again. A line
of a row-cursor table depends only on whether the cursor (or the mouse) is on
its own row: here its caches are keyed on that, and a move renders two rows."""

from __future__ import annotations

from itertools import chain

from rich.segment import Segment
from rich.style import Style
from textual._segment_tools import line_crop
from textual.coordinate import Coordinate
from textual.strip import Strip
from textual.widgets.data_table import ColumnKey, RowKey

from screens.plain import PlainTable

# Where the cursor is, as a row not under it sees it: on no row.
_ELSEWHERE = Coordinate(-2, 0)


class SlipTable(PlainTable):
    def set_row_cells(self, row_key: str, cells: dict[str, object]) -> None:
        """New values for some cells of one row (each must fit its column)."""
        key = RowKey(row_key)
        row = self._data[key]
        for column, value in cells.items():
            row[ColumnKey(column)] = value
        index = self.get_row_index(key)
        # Cell and row renders are keyed by row key first, the row's formatted
        # cells by (update count, index); lines by position, and they are
        # cheap to join again from the cached rows.
        for cache in (self._cell_render_cache, self._row_render_cache):
            for stale in [k for k in cache.keys() if k[0] == key]:
                cache.discard(stale)
        for stale in [k for k in self._row_renderable_cache.keys() if k[1] == index]:
            self._row_renderable_cache.discard(stale)
        top = self.header_height if self.show_header else 0
        lines = {top + y for y, (row, _) in enumerate(self._y_offsets) if row == key}
        for stale in [k for k in self._line_cache.keys() if k[0] in lines]:
            self._line_cache.discard(stale)
        self.refresh_row(index)

    def _as_seen_by(self, row_key: RowKey, where: Coordinate) -> Coordinate:
        """The cursor or hover position as it matters to one row's render."""
        row = self._row_locations.get(row_key) if row_key in self._row_locations else -1
        return Coordinate(row, 0) if where.row == row else _ELSEWHERE

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        # DataTable._render_line (Textual 8.2), with the cursor and hover keyed
        # and passed as the line's row sees them (see the module's note).
        if self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        width = self.size.width
        try:
            row_key, y_offset_in_row = self._get_offsets(y)
        except LookupError:
            return Strip.blank(width, base_style)
        cursor = self._as_seen_by(row_key, self.cursor_coordinate)
        hover = self._as_seen_by(row_key, self.hover_coordinate)
        cache_key = (
            y, x1, x2, width, cursor, hover, base_style, self.cursor_type,
            self._show_hover_cursor, self._update_count, self._pseudo_class_state,
        )
        if cache_key in self._line_cache:
            return self._line_cache[cache_key]
        fixed, scrollable = self._render_line_in_row(
            row_key, y_offset_in_row, base_style, cursor_location=cursor, hover_location=hover
        )
        fixed_width = sum(column.get_render_width(self) for column in self.ordered_columns[: self.fixed_columns])
        fixed_line: list[Segment] = list(chain.from_iterable(fixed)) if fixed else []
        scrollable_line: list[Segment] = list(chain.from_iterable(scrollable))
        segments = fixed_line + line_crop(scrollable_line, x1 + fixed_width, x2, width)
        strip = Strip(segments).adjust_cell_length(width, base_style).simplify()
        self._line_cache[cache_key] = strip
        return strip

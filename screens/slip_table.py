"""The slip's lines as a DataTable that redraws only the row that changed.

DataTable.update_cell keys every render cache on one table-wide update count,
so changing one quantity renders all the slip's cells again (~1 ms a row).
Here a row's cells are changed in place and only that row's cached renders are
dropped, so a long slip costs no more than a short one."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey


class SlipTable(DataTable[object]):
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
        self._line_cache.clear()
        self.refresh_row(index)

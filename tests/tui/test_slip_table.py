"""The slip table draws the cursor on its row alone, however it moves and
whatever changes, while it renders only the rows that changed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate

from screens.slip_table import SlipTable


class Slip(App[None]):
    def compose(self) -> ComposeResult:
        yield SlipTable(id="slip", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(SlipTable)
        table.add_column("No.", key="no")
        table.add_column("Qty", key="qty")
        for n in range(1, 7):
            table.add_row(str(n), "1", key=str(n))


def highlighted(table: SlipTable) -> list[int]:
    """The rows drawn in the cursor's colour, read off the rendered lines."""
    cursor = table.get_component_rich_style("datatable--cursor").bgcolor
    top = table.header_height
    return [
        row
        for row in range(table.row_count)
        if any(s.style and s.style.bgcolor == cursor for s in table._render_line(top + row, 0, table.size.width, table.rich_style))
    ]


async def test_the_cursor_is_drawn_on_its_row_alone_after_moves_and_edits():
    app = Slip()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(SlipTable)
        await pilot.pause()
        assert highlighted(table) == [0]
        for row in (3, 5, 0, 4):
            table.move_cursor(row=row)
            await pilot.pause()
            assert highlighted(table) == [row]
        table.set_row_cells("2", {"qty": "7"})  # a row away from the cursor
        table.set_row_cells("5", {"qty": "9"})  # the cursor's row
        await pilot.pause()
        assert highlighted(table) == [4]
        assert table.get_row("2")[1] == "7" and table.get_row("5")[1] == "9"
        shown = "".join(s.text for s in table._render_line(table.header_height + 4, 0, table.size.width, table.rich_style))
        assert "9" in shown


async def test_a_cursor_move_renders_only_the_rows_it_leaves_and_lands_on():
    app = Slip()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(SlipTable)
        await pilot.pause()
        for row in range(table.row_count):  # every row drawn once with and without the cursor
            table.move_cursor(row=row)
            await pilot.pause()
        table.move_cursor(row=0)
        await pilot.pause()
        rendered: list[int] = []
        render_row = table._render_line_in_row

        def counting(row_key, *args, **kwargs):
            rendered.append(row_key)
            return render_row(row_key, *args, **kwargs)

        table._render_line_in_row = counting
        table.move_cursor(row=3)
        await pilot.pause()
        assert table.cursor_coordinate == Coordinate(3, 0)
        assert highlighted(table) == [3]
        assert {key.value for key in rendered} <= {"1", "4"}

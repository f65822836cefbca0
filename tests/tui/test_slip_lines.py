"""The slip's own widget draws the cursor on its row alone, however it moves
and whatever changes, draws again only the rows that changed, and sizes each
column to the widest cell it holds."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from screens.slip_lines import Column, SlipLines


def cells(n: int, qty: str = "1", amount: str = "¥399.00") -> list[Text]:
    return [Text(str(n)), Text(f"电饭煲 {n}"), Text(qty), Text(amount)]


class Slip(App[None]):
    def compose(self) -> ComposeResult:
        yield SlipLines([Column("No.", right=True), Column("Name"), Column("Qty", right=True),
                         Column("Amount", right=True)], id="slip")

    def on_mount(self) -> None:
        self.query_one(SlipLines).set_rows([cells(n) for n in range(1, 7)])


def highlighted(table: SlipLines) -> list[int]:
    """The rows drawn in the cursor's colour, read off the painted lines."""
    cursor = table.get_component_rich_style("slip-lines--cursor").bgcolor
    top = round(table.scroll_offset.y)
    return [
        top + y - 1 for y in range(1, min(table.size.height, table.row_count + 1))
        if any(s.style and s.style.bgcolor == cursor for s in table.render_line(y))
    ]


def painted(table: SlipLines) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_the_cursor_is_drawn_on_its_row_alone_after_moves_and_edits():
    app = Slip()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(SlipLines)
        await pilot.pause()
        assert highlighted(table) == [0]
        for row in (3, 5, 0, 4):
            table.move_cursor(row)
            await pilot.pause()
            assert highlighted(table) == [row]
        table.set_row(1, cells(2, qty="7"))  # a row away from the cursor
        table.set_row(4, cells(5, qty="9"))  # the cursor's row
        await pilot.pause()
        assert highlighted(table) == [4]
        assert table.row_text(1) == "2 电饭煲 2 7 ¥399.00" and " 9 " in painted(table)[5]


async def test_a_change_or_a_cursor_move_draws_only_the_rows_it_touches():
    app = Slip()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(SlipLines)
        await pilot.pause()
        painted(table)  # every row drawn once
        drawn: list[tuple[Text, ...]] = []
        row_line = table.row_line
        table.row_line = lambda row, style: drawn.append(tuple(row)) or row_line(row, style)
        table.move_cursor(3)
        await pilot.pause()
        painted(table)
        assert sorted(r[0].plain for r in drawn) == ["1", "4"]
        drawn.clear()
        table.set_row(5, cells(6, qty="2", amount="¥798.00"))
        painted(table)
        assert [r[0].plain for r in drawn] == ["6"]


async def test_a_money_column_widens_to_the_largest_amount_and_never_cuts_it():
    app = Slip()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(SlipLines)
        table.set_row(2, cells(3, qty="10", amount="¥21,980.00"))
        await pilot.pause()
        assert "¥21,980.00" in painted(table)[3]
        assert all(line.rstrip().endswith(("¥399.00", "¥21,980.00", "Amount")) for line in painted(table)[:7])


async def test_a_long_slip_scrolls_to_the_cursor_under_a_header_that_stays():
    app = Slip()
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(SlipLines)
        table.set_rows([cells(n) for n in range(1, 41)])
        table.move_cursor(35)
        await pilot.pause()
        lines = painted(table)
        assert lines[0].split()[:2] == ["No.", "Name"]
        assert any(line.strip().startswith("36 ") for line in lines[1:])
        assert highlighted(table) == [35]


async def test_an_edited_line_out_of_view_comes_to_the_middle_and_an_arrow_step_scrolls_one_row():
    app = Slip()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SlipLines)
        table.set_rows([cells(n) for n in range(1, 41)])
        await pilot.pause()
        shown = table.scrollable_content_region.height - 1  # rows under the header
        table.move_cursor(20, centre=True)  # a line just edited, out of view
        await pilot.pause()
        assert round(table.scroll_offset.y) == 20 - shown // 2 and highlighted(table) == [20]
        table.move_cursor(21, centre=True)  # in view: the view stays
        await pilot.pause()
        assert round(table.scroll_offset.y) == 20 - shown // 2
        top = round(table.scroll_offset.y)
        table.move_cursor(top + shown)  # one step past the bottom with the arrow key
        await pilot.pause()
        assert round(table.scroll_offset.y) == top + 1
        table.move_cursor(39, centre=True)  # near the end: the last rows fill the view
        await pilot.pause()
        assert round(table.scroll_offset.y) == 40 - shown and highlighted(table) == [39]


async def test_a_slip_long_enough_for_a_scrollbar_still_shows_its_money_whole():
    """The columns are fitted to the width left beside the vertical
    scrollbar, whether or not it shows yet (it came with the 6th line at
    80×24 and pushed the amounts off the edge)."""
    app = Slip()
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(SlipLines)
        table.set_rows([[Text(str(n)), Text(f"滚筒洗衣机 赠送安装 {n}"), Text("1"), Text("¥3,299.00")] for n in range(1, 4)])
        await pilot.pause()
        table.set_rows([[Text(str(n)), Text(f"滚筒洗衣机 赠送安装 {n}"), Text("1"), Text("¥3,299.00")] for n in range(1, 21)])
        await pilot.pause()
        assert table.max_scroll_x == 0
        assert all(line.rstrip().endswith("¥3,299.00") for line in painted(table)[1:])


async def test_in_a_narrow_pane_the_names_give_way_and_the_money_stays_whole():
    app = Slip()
    async with app.run_test(size=(30, 12)) as pilot:
        table = app.query_one(SlipLines)
        table.set_row(0, [Text("1"), Text("海尔 滚筒洗衣机 EG100MATE55 10公斤"), Text("10"), Text("¥21,980.00")])
        await pilot.pause()
        line = painted(table)[1]
        assert line.rstrip().endswith("10 ¥21,980.00") and "…" in line
        assert table.virtual_size.width <= table.size.width

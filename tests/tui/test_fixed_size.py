"""Widgets sized by the stylesheet skip the screen-wide layout on a change of
content, yet their scrollbars come and go as the content asks."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.errors import NoWidget
from textual.widgets import Static

from screens.fixed_size import FixedInput, FixedOptionList


class Lists(App[None]):
    CSS = "FixedOptionList { height: 6; width: 30; } FixedInput { width: 20; }"

    def compose(self) -> ComposeResult:
        yield FixedInput(id="box")
        yield FixedOptionList(id="hits")
        yield Static("beneath", id="beneath")


def placed(app: App, widget) -> bool:
    try:
        return bool(app.screen.find_widget(widget).region)
    except NoWidget:
        return False


async def test_a_layout_is_asked_for_only_when_the_scrollbar_comes_or_goes():
    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        hits = app.query_one(FixedOptionList)
        await pilot.pause()

        def layouts_asked(change) -> int:
            before = hits._layout_updates  # Textual counts each request for a layout
            change()
            return hits._layout_updates - before

        assert layouts_asked(lambda: hits.add_options([f"option {n}" for n in range(3)])) == 0
        await pilot.pause()
        assert not hits.show_vertical_scrollbar
        assert layouts_asked(lambda: hits.add_options([f"more {n}" for n in range(20)])) > 0
        await pilot.pause()
        assert hits.show_vertical_scrollbar and placed(app, hits.vertical_scrollbar)
        assert hits.vertical_scrollbar.window_virtual_size == 23
        assert layouts_asked(lambda: hits.add_options(["one more"])) == 0
        await pilot.pause()
        assert hits.vertical_scrollbar.window_virtual_size == 24
        assert layouts_asked(hits.clear_options) > 0
        await pilot.pause()
        assert not hits.show_vertical_scrollbar and not placed(app, hits.vertical_scrollbar)


async def test_typing_asks_for_no_layout_and_a_long_text_scrolls_to_the_cursor():
    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one(FixedInput)
        box.focus()
        await pilot.pause()
        before = box._layout_updates
        await pilot.press(*"abc")
        assert box._layout_updates == before  # a repaint of the box only
        await pilot.press(*("x" * 40))
        await pilot.pause()
        assert box.value == "abc" + "x" * 40
        assert box.scroll_x > 0
        assert app.query_one("#beneath").region.y == box.region.bottom + 6

"""screens/strip_text.py: a Static drawn from Strips made once per change
shows what it is given, follows a new text and a new colour, and never reads
markup."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from screens.strip_text import StripText


class Shows(App[None]):
    CSS = """
    StripText { height: 2; width: 24; color: green; }
    StripText.error { color: red; }
    """

    def compose(self) -> ComposeResult:
        yield StripText(Text("Total  ¥9,432.85"), id="total")


async def test_strip_text_shows_its_lines_cut_at_its_width_and_follows_changes():
    app = Shows()
    async with app.run_test(size=(40, 5)) as pilot:
        widget = app.query_one(StripText)
        assert [widget.render_line(y).text for y in range(2)] == ["Total  ¥9,432.85".ljust(24), " " * 24]
        widget.update("[b]a name[/b] with brackets\nsecond line, far longer than the widget is wide")
        await pilot.pause()
        assert [widget.render_line(y).text for y in range(2)] == [
            "[b]a name[/b] with brack", "second line, far longer "]
        colour = next(iter(widget.render_line(0))).style.color
        widget.add_class("error")
        await pilot.pause()
        assert next(iter(widget.render_line(0))).style.color != colour

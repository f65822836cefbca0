"""A Static for text that changes on every key press (the slip's total, the
finder's message), drawn on Textual's Line API from Strips made once per
change. A plain Static lays its content out anew through Textual's content
pipeline each time it is painted: 0.3–0.4 ms of every key press on the
finder, a tenth of the frame. Long lines are cut at the widget's width (the
widgets it is used for have a fixed height); markup is never read."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Static


class StripText(Static):
    def __init__(self, content: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(content, id=id, markup=False)
        self.made: tuple[object, int, Style, list[Strip]] | None = None

    def render_line(self, y: int) -> Strip:
        width, style, content = self.content_region.width, self.rich_style, self.content
        if self.made is None or self.made[:3] != (content, width, style):
            self.made = (content, width, style, self.strips(content, width, style))
        strips = self.made[3]
        return strips[y] if y < len(strips) else Strip.blank(width, style)

    def strips(self, content: object, width: int, style: Style) -> list[Strip]:
        text = content if isinstance(content, Text) else Text(str(content))
        console = self.app.console
        return [
            Strip(list(Segment.apply_style(line.render(console), style))).crop_extend(0, width, style)
            for line in text.split(allow_blank=True)
        ]

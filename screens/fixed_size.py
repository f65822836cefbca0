"""Widgets whose size is set by the stylesheet, never by what they hold.

Textual's Input and OptionList keep their content's size in `virtual_size`, a
reactive that asks for a layout of the whole screen whenever it changes: for an
Input that is every key typed or the box cleared, for an OptionList every new
set of hits. A layout arranges and paints every widget on the screen again
(~5 ms on the finder, most of a key press). When the widget's own box cannot
change, all a new content size can change is its scrollbars: those are updated
here, and a layout is asked for only if one of them appears or goes."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, OptionList


class FixedSize:
    """Mixed in ahead of the widget class: a plain class, so that Textual's
    CSS and component classes still come from the widget (it follows only
    the first base that is a DOM node)."""

    updating_scrollbars = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Widget:
        widget: Widget = self  # type: ignore[assignment]
        if layout and not self.updating_scrollbars and widget.is_mounted and not widget.styles.auto_dimensions:
            # A scrollbar shown or hidden here asks for its own layout (its
            # reactive does), and that request is let through.
            self.updating_scrollbars = True
            try:
                update_scrollbars(widget)
            finally:
                self.updating_scrollbars = False
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)  # type: ignore[misc]


def update_scrollbars(widget: Widget) -> None:
    """The scrollbars for the content's size, by the widget's overflow rules:
    shown or hidden, and sized to the content."""
    width, height = widget.container_size
    virtual = widget.virtual_size
    rules = {"scroll": True, "hidden": False}
    widget.show_vertical_scrollbar = rules.get(str(widget.styles.overflow_y), virtual.height > height)
    widget.show_horizontal_scrollbar = rules.get(str(widget.styles.overflow_x), virtual.width > width)
    if widget.show_vertical_scrollbar and widget.styles.scrollbar_size_vertical:
        bar = widget.vertical_scrollbar
        bar.window_virtual_size, bar.window_size = virtual.height, height - widget.scrollbar_size_horizontal
        bar.refresh()
    if widget.show_horizontal_scrollbar and widget.styles.scrollbar_size_horizontal:
        bar = widget.horizontal_scrollbar
        bar.window_virtual_size, bar.window_size = virtual.width, width - widget.scrollbar_size_vertical
        bar.refresh()
    widget.scroll_x = widget.validate_scroll_x(widget.scroll_x)
    widget.scroll_y = widget.validate_scroll_y(widget.scroll_y)


class FixedInput(FixedSize, Input):
    """An Input whose width and height the stylesheet sets."""


class FixedOptionList(FixedSize, OptionList):
    """An OptionList whose width and height the stylesheet sets."""

"""The title bar every screen shows: the app's title and the shop (and, once
signed in, who is at the counter).

Our own one-line widget rather than Textual's Header: that one looks for its
title child whenever the app is retitled, which happens while signing in or
out switches screens, and crashed when the child was already gone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class ShopHeader(Static):
    DEFAULT_CSS = """
    ShopHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self.show_title)
        self.watch(self.app, "sub_title", self.show_title)

    def show_title(self) -> None:
        if self.is_attached:
            self.update(self.title_text())

    def title_text(self) -> Content:
        screen = self.screen
        return self.app.format_title(screen.title or self.app.title, screen.sub_title or self.app.sub_title)

"""The title bar every screen shows."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class ShopHeader(Header):
    """Textual's Header, safe when the title changes while its screen is
    being removed (signing in or out retitles the app mid-switch; the stock
    Header then looks for a child that is already gone and crashes)."""

    def _on_mount(self, event) -> None:
        # Textual calls every class's _on_mount down the MRO; without this the
        # stock Header's own unguarded watchers are set up as well.
        event.prevent_default()

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoMatches, NoScreen):
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

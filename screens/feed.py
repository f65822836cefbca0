"""The change feed on the Textual side: a `StoreChanged` message to every
screen on the stack after another counter commits, so queues and figures
follow the store by themselves. The waiting and reading happen in the feed's
own thread (counter.store.feed.Watcher), never on the UI thread; a screen's
handler only starts its usual reload, for the kinds it shows."""

from __future__ import annotations

from textual.app import App
from textual.message import Message

from counter.store import Store
from counter.store.feed import Changes, Watcher


class StoreChanged(Message):
    """Another counter committed. `kinds` are the audit log's entity names
    ("slip", "product", "phone_order" …) and `ids` "entity:id"; both empty
    for a change the log does not record (a claim, a draft edit)."""

    def __init__(self, kinds: frozenset[str], ids: frozenset[str]) -> None:
        super().__init__()
        self.kinds = kinds
        self.ids = ids

    def touches(self, *kinds: str) -> bool:
        """Whether a screen showing `kinds` should look again."""
        return any(kind in self.kinds for kind in kinds)


def watch_store(app: App, store: Store) -> Watcher:
    """Starts the feed for `app`; stop it with `.stop()` when the app ends."""

    def deliver(changes: Changes) -> None:
        for screen in app.screen_stack:
            screen.post_message(StoreChanged(changes.kinds, changes.ids))

    def on_change(changes: Changes) -> None:
        try:
            app.call_from_thread(deliver, changes)
        except RuntimeError:  # the app has ended
            pass

    watcher = Watcher(store.engine, on_change)
    watcher.start()
    return watcher

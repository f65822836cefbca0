"""The change feed on the Textual side: a `StoreChanged` message to every
screen on the stack after another counter commits, so queues and figures
follow the store by themselves. The waiting and reading happen in the feed's
own thread (counter.store.feed.Watcher), never on the UI thread; a screen's
handler only starts its usual reload, for the kinds it shows. A screen that
must follow another counter at once (the cashier's queue) registers a reader
in `FeedReaders`: it runs in the feed's thread right after the wake-up, and
what it read comes with the message, with no worker to start and wait for."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

if TYPE_CHECKING:  # the database layer is imported once the store opens, not at start
    from counter.store import Store
    from counter.store.feed import Changes, Watcher

Reader = Callable[["Changes"], object]


class FeedReaders:
    """Readers by the screen they read for, called in the feed's thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers: dict[object, Reader] = {}

    def add(self, screen: object, reader: Reader) -> None:
        with self._lock:
            self._readers[screen] = reader

    def discard(self, screen: object) -> None:
        with self._lock:
            self._readers.pop(screen, None)

    def read(self, changes: Changes) -> dict[object, object]:
        with self._lock:
            readers = list(self._readers.items())
        return {screen: reader(changes) for screen, reader in readers}


class StoreChanged(Message):
    """Another counter committed. `kinds` are the audit log's entity names
    ("slip", "product", "phone_order" …) and `ids` "entity:id"; both empty
    for a change the log does not record (a claim, a draft edit)."""

    def __init__(self, kinds: frozenset[str], ids: frozenset[str], read: object = None) -> None:
        super().__init__()
        self.kinds = kinds
        self.ids = ids
        self.read = read  # what this screen's reader read for the change (FeedReaders), if any

    def touches(self, *kinds: str) -> bool:
        """Whether a screen showing `kinds` should look again."""
        return any(kind in self.kinds for kind in kinds)


def watch_store(app: App, store: Store, readers: FeedReaders) -> Watcher:
    """Starts the feed for `app`; stop it with `.stop()` when the app ends."""
    from counter.store.feed import Watcher

    def deliver(changes: Changes, read: dict[object, object]) -> None:
        for screen in app.screen_stack:
            screen.post_message(StoreChanged(changes.kinds, changes.ids, read.get(screen)))

    def on_change(changes: Changes) -> None:
        read = readers.read(changes)
        if not app.is_running:  # closing: nothing to tell (and its loop would drop the call)
            return
        try:
            app.call_from_thread(deliver, changes, read)
        except RuntimeError:  # the app ended in between
            pass

    watcher = Watcher(store.engine, on_change)
    watcher.start()
    return watcher

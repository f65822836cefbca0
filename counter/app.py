"""The Textual app shell: opens the store, signs staff in, and routes each
role to the flows it may start. Screens live in `screens/`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding

from counter.config import Settings
from counter.heap import QUIET_S, Heap
from counter.i18n import N_, _, detect_language, set_language

if TYPE_CHECKING:
    from counter.auth import Actor
    from counter.store import Store
    from counter.store.feed import Watcher
    from screens.base import ScanRead


def _flow_commands():
    from screens.palette import FlowCommands

    return FlowCommands


class CounterApp(App[None]):
    TITLE = "Counter"
    COMMANDS = App.COMMANDS | {_flow_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
        Binding("ctrl+l", "sign_out", N_("Sign out")),
        # Textual's own palette key, with a label the footer can say in Chinese too.
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", N_("commands"), show=False, priority=True),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sign_out":
            return self.actor is not None
        return True

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store: Store | None = store
        # Set once the store has been tried (opened, or store_fault says why
        # not): a sign-in typed before that waits on it.
        self.store_tried = asyncio.Event()
        self.store_fault: str | None = None
        if store is not None:
            self.store_tried.set()
        self.actor: Actor | None = None
        self.title = _("Counter")  # the class TITLE is read before the language is set
        self.sub_title = self.where()
        self.heap = Heap()
        self.feed: Watcher | None = None
        from screens.feed import FeedReaders

        self.feed_readers = FeedReaders()  # reads screens want done in the feed's thread
        from screens.wedge import Wedge

        self.wedge = Wedge(self, settings.scanner, self.deliver_key, self.scanned)

    def where(self, *more: str) -> str:
        """The header's subtitle: the shop, the station this till is, and more."""
        return " · ".join(part for part in (self.settings.shop_name, self.settings.station, *more) if part)

    async def on_mount(self) -> None:
        from screens.sign_in import SignInScreen

        await self.push_screen(SignInScreen())
        if self.settings.scanner.port:
            self.read_scanner_port(self.settings.scanner.port)
        if self.store is not None:
            self.watch_store(self.store)
        if self.store is None:
            # After the sign-in screen's first paint (it is mounted now, so the
            # next refresh paints it): importing the database layer in the
            # worker holds the GIL for a good second and would delay it.
            self.call_after_refresh(self.open_store)

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        # Opening the store (and migrating it) runs while the sign-in screen
        # is already on show; the screen waits for it only if it must.
        from counter.store import Store
        from counter.store.faults import words_for

        try:
            store = Store.open(self.settings)
        except Exception as e:  # not a store, a newer one, a server down or refusing us
            self.call_from_thread(self.store_not_opened, words_for(e))
            return
        self.store = store
        self.settings = store.settings  # with the station's printers, if it is one
        self.call_from_thread(self.store_tried.set)
        self.watch_store(store)
        # The finder searches an in-memory index of the goods; building it
        # here, while staff sign in, keeps the finder's first key press instant.
        from counter.services import catalog

        try:
            catalog.warm_up(store.uow())
        except Exception:
            return

    def store_not_opened(self, why: str) -> None:
        """Said on the sign-in screen and as a notice; the next sign-in
        tries the store again (a server may be back by then)."""
        from screens.sign_in import SignInScreen

        self.store_fault = why
        self.store_tried.set()
        if isinstance(self.screen, SignInScreen):
            self.screen.show(why)
        self.notify(why, title=_("Cannot open the store"), severity="error", timeout=30, markup=False)

    def open_store_again(self) -> None:
        self.store_fault = None
        self.store_tried.clear()
        self.open_store()

    async def on_event(self, event: events.Event) -> None:
        """Every key passes the scanner's wedge first (screens/wedge.py): a
        scan is taken out of the keys before any screen or field sees it."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.heap.key()
            if not await self.wedge.key(event):
                await self.deliver_key(event)
            return
        await super().on_event(event)

    async def deliver_key(self, event: events.Key) -> None:
        """A key on its way as Textual routes it, after the wedge. Tab from a
        text field moves the focus here, in key order: routed through the
        field (Textual's way) the focus moved only once the field had read
        the keys before it, so text typed right after a Tab could go into
        the field it left (issue 17, item 15)."""
        from textual.widgets import Input

        if event.key in ("tab", "shift+tab") and isinstance(self.focused, Input):
            (self.screen.focus_next if event.key == "tab" else self.screen.focus_previous)()
            return
        await super().on_event(event)

    @work(thread=True, group="scanner-port")
    def read_scanner_port(self, port_name: str) -> None:
        """Codes from a serial-port scanner go to the same router as a
        wedge's; a port that cannot be opened or fails is said once."""
        from textual.worker import get_current_worker

        from counter.errors import CounterError
        from counter.scanner_port import codes, open_port

        worker = get_current_worker()
        try:
            with open_port(port_name) as port:
                for code in codes(port, lambda: worker.is_cancelled):
                    self.call_from_thread(self.scanned, code)
        except (CounterError, OSError, ValueError) as e:  # serial.SerialException is an OSError
            if not worker.is_cancelled:
                self.call_from_thread(
                    self.notify, _("The scanner on {port} cannot be read: {error}").format(port=port_name, error=e),
                    severity="error", timeout=30, markup=False,
                )

    def scanned(self, code: str) -> None:
        from screens.base import ScanRead

        self.post_message(ScanRead(code))

    def on_scan_read(self, message: ScanRead) -> None:
        """A scan is offered to the screen on show; one it does not take is
        named on screen with where it is scanned."""
        from counter.domain.scans import classify
        from counter.services.slips import SCAN_PATTERN
        from screens.base import CounterModal, CounterScreen
        from screens.scan_router import scan_elsewhere

        scan = classify(message.code, slip_pattern=SCAN_PATTERN)
        screen = self.screen
        if self.actor is not None and isinstance(screen, CounterScreen | CounterModal) and screen.take_scan(scan):
            return
        self.notify(scan_elsewhere(scan, signed_in=self.actor is not None), title=_("Scanned"), markup=False)

    def watch_store(self, store: Store) -> None:
        """Other counters' changes reach the screens (screens/feed.py)."""
        from screens.feed import watch_store

        self.feed = watch_store(self, store, self.feed_readers)

    def on_unmount(self) -> None:
        if self.feed is not None:
            self.feed.stop()
        self.heap.release()

    def signed_in(self, actor: Actor) -> None:
        from screens.home import HomeScreen

        self.actor = actor
        self.sub_title = self.where(actor.full_name)
        self.push_screen(HomeScreen())
        if not self.heap.settled:
            self.call_after_refresh(self.settle_heap)

    def settle_heap(self) -> None:
        """After the first sign-in's paint: see counter/heap.py."""
        if not self.heap.settled:
            self.heap.settle()
            self.set_interval(QUIET_S, self.heap.tick)

    def action_sign_out(self) -> None:
        from screens.sign_in import SignInScreen

        if self.actor is None:
            return
        self.actor = None
        self.sub_title = self.where()
        # The sign-in screen stays at the bottom of the stack while staff work.
        while not isinstance(self.screen, SignInScreen):
            self.pop_screen()
        self.screen.reset()


def make_app(settings: Settings, store: Store | None = None) -> CounterApp:
    """The one factory for the app: the CLI, tests and benchmarks all call it."""
    set_language(settings.lang or detect_language())
    return CounterApp(settings, store)

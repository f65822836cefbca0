"""The base of every screen and dialog: the app, store and signed-in staff,
typed; and the one way a screen reaches the store.

`run_store(call, then)` runs `call` (a service call) in a thread worker and
posts its result back to the screen as a message, so no store call ever runs
on the UI thread (a busy store would freeze every key) and a result that
comes back after the screen closed is dropped with it. A refusal (a
CounterError) or a store fault arrives as a message too, shown on the same
screen; nothing is half-saved, since every unit of work rolls back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import ActiveBinding
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from counter.errors import CounterError

if TYPE_CHECKING:
    from counter.app import CounterApp
    from counter.auth import Actor
    from counter.domain.scans import Scan
    from counter.store import Store

T = TypeVar("T")
R = TypeVar("R")


class StoreDone(Message):
    """A store call came back with `value`; `then` shows it."""

    def __init__(self, then: Callable[[Any], object] | None, value: object) -> None:
        super().__init__()
        self.then, self.value = then, value


class StoreFailed(Message):
    """A store call was refused or the store failed: `error` says why."""

    def __init__(self, failed: Callable[[str], object] | None, error: str) -> None:
        super().__init__()
        self.failed, self.error = failed, error


class ScanRead(Message):
    """A scanner read `code` (a keyboard-wedge burst or the serial port): the
    app classifies it and offers it to the screen on show (take_scan)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class StoreAccess:
    """Mixed into Screen and ModalScreen (below), and into a widget that
    reads the store itself (screens/goods_browser.py); not used on its own."""

    @property
    def counter(self) -> CounterApp:
        return cast("CounterApp", cast(Screen[Any], self).app)

    @property
    def store(self) -> Store:
        store = self.counter.store
        if store is None:
            raise CounterError(_not_open())
        return store

    @property
    def actor(self) -> Actor:
        actor = self.counter.actor
        if actor is None:
            raise CounterError(_not_signed_in())
        return actor

    def run_store(
        self,
        call: Callable[[], R],
        then: Callable[[R], object] | None = None,
        *,
        failed: Callable[[str], object] | None = None,
        group: str = "store",
        exclusive: bool = False,
    ) -> Worker[None]:
        """Runs `call` in a thread; `then(result)` or `failed(message)` run
        on the UI thread afterwards, if the screen is still there (without
        `failed`, the screen's `store_failed` shows the message). With
        `exclusive`, a call made again cancels the one before: its thread
        cannot be stopped, but what it returns is not shown (it would draw
        over the newer answer when it finished last)."""
        from textual.worker import get_current_worker

        from counter.store.faults import STORE_FAULTS, explain

        screen = cast(Screen[Any], self)

        def work() -> None:
            worker = get_current_worker()
            try:
                value = call()
            except CounterError as e:
                message: Message = StoreFailed(failed, str(e))
            except STORE_FAULTS as e:
                message = StoreFailed(failed, explain(e))
            else:
                message = StoreDone(then, value)
            if not worker.is_cancelled:
                screen.post_message(message)

        return screen.run_worker(work, thread=True, group=group, exclusive=exclusive)

    async def in_thread(self, call: Callable[..., R], *args: object, **kwargs: object) -> R:
        """`call(*args, **kwargs)` in a thread, awaited, for a screen's async worker: a
        fault of the store (read-only, disk full, server gone) comes back as a
        CounterError saying what happened, like a refusal, never a traceback."""
        from counter.store.faults import STORE_FAULTS, explain

        try:
            return await asyncio.to_thread(call, *args, **kwargs)
        except CounterError:
            raise  # a refusal says its own words (NotPermitted is also an OSError)
        except STORE_FAULTS as e:
            raise CounterError(explain(e)) from None

    def on_store_done(self, message: StoreDone) -> None:
        message.stop()
        if message.then is not None:
            message.then(message.value)

    def on_store_failed(self, message: StoreFailed) -> None:
        message.stop()
        (message.failed or self.store_failed)(message.error)

    def take_scan(self, scan: Scan) -> bool:
        """A scan read while this screen is on show: True when the screen
        acted on it; False sends it back to the app, which says what was
        scanned and where to scan it."""
        return False

    def store_failed(self, error: str) -> None:
        """Where a refusal goes when the caller gave no `failed`: a toast;
        screens with a message line of their own put it there instead."""
        cast(Screen[Any], self).notify(error, severity="error", markup=False)


class TranslatedKeys:
    """Key labels in the staff's language whenever they are shown: BINDINGS
    hold the English text (N_), and the footer reads active_bindings."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        from counter.i18n import _

        shown = super().active_bindings  # type: ignore[misc]
        return {
            key: ActiveBinding(active.node, replace(active.binding, description=_(active.binding.description)),
                               active.enabled, active.tooltip)
            if active.binding.description else active
            for key, active in shown.items()
        }


class CounterScreen(StoreAccess, TranslatedKeys, Screen[T]):
    """A full screen of the counter."""


class CounterModal(StoreAccess, TranslatedKeys, ModalScreen[T]):
    """A dialog over a screen."""


def _not_open() -> str:
    from counter.i18n import _

    return _("The store is not open yet; wait a moment and try again.")


def _not_signed_in() -> str:
    from counter.i18n import _

    return _("Nobody is signed in at this counter.")

"""Driving the counter screens as staff would, for the Pilot tests.

Two waits, and no fixed pauses: `until` a thing the user sees holds, or
`settled`, the app done with what the last keys asked."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable

from rich.console import Console
from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker

from counter.store.feed import POLL_S

QUIET_S = 3 * POLL_S  # longer than the change feed takes to hear a commit (it polls SQLite every POLL_S)
WORKERS_S = 30.0  # a worker still running after this is stuck (a test failure, not a wait)


async def until(pilot, check: Callable[[], object], what: str = "what the test waits for") -> None:
    """Lets the app work (threads, workers) until `check` holds."""
    for _ in range(1000):
        await pilot.pause(0.02)
        if check():
            return
    raise AssertionError(f"the screen never showed {what}")


async def settled(pilot, *, screen_only: bool = False) -> None:
    """Waits until the app has done what the last keys asked: every worker
    finished (also one an exclusive worker started in place of one it
    cancelled, and one a result started in turn), its result shown and the
    screen repainted, and the change feed quiet for QUIET_S (the app hears
    its own commits through it, and a screen may reload on them).

    `screen_only`: only the workers of the screen on top. A screen below
    that waits in a worker for this modal's answer (push_screen_wait) never
    finishes while the modal is up."""
    app = pilot.app
    quiet = False
    for _ in range(200):
        await pilot.pause()  # results of finished workers shown, the workers they start begun
        running = [w for w in app.workers if not w.is_finished and (not screen_only or _screen_of(w) is app.screen)]
        if running:
            quiet = False
            await _finish(running)
        elif quiet:
            return
        else:
            await pilot.pause(QUIET_S)
            quiet = True
    raise AssertionError("the app never settled: workers kept starting")


async def _finish(workers: list[Worker]) -> None:
    """Waits for `workers` to end, however they end (a failure reaches the
    test through the app); one that never ends fails the test, named."""
    waits = [asyncio.ensure_future(w.wait()) for w in workers]
    for wait in waits:
        wait.add_done_callback(lambda done: done.cancelled() or done.exception())  # ended as they may
    _, pending = await asyncio.wait(waits, timeout=WORKERS_S)
    if pending:
        stuck = ", ".join(f"{w.name or w.group} on {type(_screen_of(w)).__name__}" for w in workers if not w.is_finished)
        raise AssertionError(f"workers still running after {WORKERS_S:.0f} s: {stuck}")


def _screen_of(worker: Worker) -> Screen | None:
    """The screen a worker works for (a worker of the app: the one on top)."""
    node = worker.node
    if isinstance(node, Screen):
        return node
    try:
        return node.screen
    except NoScreen:
        return None


async def open_flow(pilot, code: str, pin: str, key: str, screen: type) -> None:
    from tests.tui.test_sign_in import sign_in  # (it waits with `until`, from here)

    await sign_in(pilot, code, pin)
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, screen), screen.__name__)


def text_of(pilot, selector: str) -> str:
    """The words a Static shows, whether it holds text or a Rich table."""
    content = pilot.app.screen.query_one(selector, Static).content
    if isinstance(content, str | Content):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


def rows_of(pilot, selector: str) -> list[str]:
    from screens.slip_lines import SlipLines

    widget = pilot.app.screen.query_one(selector)
    if isinstance(widget, SlipLines):
        return [widget.row_text(i) for i in range(widget.row_count)]
    table = pilot.app.screen.query_one(selector, DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]

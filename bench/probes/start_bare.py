"""The floor for cold start and memory: a bare Textual app painting one Static.

Prints {"ready": CLOCK_MONOTONIC when painted, "cpu": CPU seconds by then, "rss_kb": peak RSS}."""

import asyncio
import json
import resource
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Counter", id="hello")


def peak_rss_kb() -> int:
    # Linux carries ru_maxrss over exec from the parent (the benchmark, with
    # 100,000 goods in memory), so read this process's own high-water mark.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss // 1024 if sys.platform == "darwin" else rss  # bytes there, KiB elsewhere


async def main() -> None:
    app = Bare()
    async with app.run_test(headless=True, size=(120, 36)) as pilot:
        while not app.query("#hello"):
            await pilot.pause(0)
        # Composite and paint once more. Not pilot.pause(): it also waits for
        # the whole process to sit idle, i.e. for work the app rightly does in
        # the background after the first paint (opening the store).
        await pilot.pause(0)
        ready, cpu = time.monotonic(), time.process_time()
    rss = peak_rss_kb()
    print(json.dumps({"ready": ready, "cpu": cpu, "rss_kb": rss}), flush=True)


asyncio.run(main())

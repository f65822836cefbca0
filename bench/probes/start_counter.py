"""Counter started as the `counter` command starts it, headless.

    start_counter.py DB_URL sign_in           -> sign-in screen painted
    start_counter.py DB_URL finder CODE PIN   -> signed in, the finder open with its search ready
    start_counter.py DB_URL search            -> store open, goods indexed and searched (peak RSS)

Prints {"ready": CLOCK_MONOTONIC when there, "cpu": CPU seconds by then, "rss_kb": peak RSS}."""

import asyncio
import json
import resource
import sys
import time
from dataclasses import replace

from counter.app import make_app
from counter.config import Settings

SEARCHES = ["x", "xy", "xyj", "洗衣机", "海尔", "bx", "6901", "kfr", "空调 格力", "电视 55"]


async def until(pilot, condition) -> None:
    # A short sleep between looks, not pilot.pause(0): that walks every
    # widget's queue each time round and, in a tight loop, held the GIL
    # against the workers opening the store and checking the PIN.
    while not condition():
        await asyncio.sleep(0.001)


def type_keys(app, *keys: str) -> None:
    """Keys in through the driver as a terminal delivers them, in one burst.
    Not Pilot's press(): it waits for the whole process to sit idle after every
    key (at least two 20 ms sleeps), which timed Pilot, not the app: ~0.45 s
    for a code, a PIN and F2."""
    from textual import events

    for key in keys:
        app._driver.send_message(events.Key(key, "\r" if key == "enter" else key if len(key) == 1 else None))


def peak_rss_kb() -> int:
    # Linux carries ru_maxrss over exec from the parent (the benchmark, with
    # 100,000 goods in memory), so read this process's own high-water mark.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss // 1024 if sys.platform == "darwin" else rss  # bytes there, KiB elsewhere


async def main(url: str, mode: str, code: str = "", pin: str = "") -> None:
    app = make_app(replace(Settings(), db_url=url, lang="en"))
    async with app.run_test(headless=True, size=(120, 36)) as pilot:
        from screens.sign_in import SignInScreen

        await until(pilot, lambda: isinstance(app.screen, SignInScreen) and app.screen.query("#pin"))
        if mode == "search":
            from counter.services import catalog

            await until(pilot, lambda: app.store is not None)
            await asyncio.to_thread(catalog.warm_up, app.store.uow())
            for query in SEARCHES:
                catalog.find_products(app.store.uow(), query)
        elif mode != "sign_in":
            # The screens are told by name, the index read off the app's own
            # module: importing them here would import the database layer on
            # the event loop, while the app rightly does it in a worker.
            def on(name: str) -> bool:
                return type(app.screen).__name__ == name and app.screen.is_mounted

            def searchable() -> bool:
                catalog = sys.modules.get("counter.services.catalog")
                return (
                    on("FinderScreen")
                    and app.screen.draft is not None
                    and catalog is not None
                    and catalog._index.version >= 0
                    and not any(w.is_running for w in app.workers)
                )

            type_keys(app, *code, "enter", *pin, "enter")
            await until(pilot, lambda: on("HomeScreen"))
            type_keys(app, "f2")
            # Searchable: the finder shows the draft slip and its search index
            # is built (the finder's own warm-up), so the first key finds goods.
            await until(pilot, searchable)
        # Composite and paint once more. Not pilot.pause(): it also waits for
        # the whole process to sit idle, i.e. for work the app rightly does in
        # the background after the first paint (opening the store).
        await pilot.pause(0)
        ready, cpu = time.monotonic(), time.process_time()
    rss = peak_rss_kb()
    print(json.dumps({"ready": ready, "cpu": cpu, "rss_kb": rss}), flush=True)


asyncio.run(main(*sys.argv[1:]))

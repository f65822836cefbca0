"""One real counter app in a process of its own, driven with Pilot by
commands on stdin (one a line), answering one JSON line each on stdout.
Several of these on one store are several stations of one shop: what one
does, the others must see (tests/multi/test_stations.py, bench/feed_latency.py).

    python -m bench.till --db URL --station NAME --code C01 --pin 2222 --key f3

Commands: `queue` (the cashier's queue rows), `wait-row TEXT [SECONDS]`
(until a queue row holds TEXT; answers the seconds it took, measured from
the command's own time stamp if given as `@EPOCH`), `wait-gone TEXT`,
`open NUMBER` (type it and Enter: the message shown), `sell SKU` (finder:
find and Enter), `change NUMBER` (F11: a written slip back on the finder),
`qty N` (F2: the line's quantity), `write` (F9: the written slip's number),
`quit`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from dataclasses import replace

from textual.widgets import Digits, Input, OptionList, Static

from counter.app import make_app
from counter.config import Settings
from counter.i18n import set_language


async def until(pilot, check, what: str) -> None:
    for _ in range(1000):
        await pilot.pause(0.02)
        if check():
            return
    raise AssertionError(f"the screen never showed {what}")


async def sign_in(pilot, code: str, pin: str) -> None:
    await pilot.press(*code, "enter", *pin, "enter")
    await until(pilot, lambda: pilot.app.actor is not None and pilot.app.screen.query("#who"), "home")


def text_of(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).content)


def queue_rows(app) -> list[str]:
    options = app.screen.query_one("#queue", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def waited(pilot, check, seconds: float) -> bool:
    """Whether `check` came true within `seconds`, looked at every
    millisecond. A bare sleep, not pilot.pause: that waits for every widget's
    messages and paints the whole screen each time, which made the till's
    own watching 10 ms of the figure it measures."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.001)
    return False


async def run(args: argparse.Namespace) -> None:
    set_language("en")
    settings = replace(Settings(), db_url=args.db, lang="en", station=args.station,
                       documents_dir=tempfile.mkdtemp(prefix="counter-till-"))
    app = make_app(settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: app.store is not None, "the store")
        await sign_in(pilot, args.code, args.pin)
        await pilot.press(args.key)
        await pilot.pause(0.3)
        print(json.dumps({"ready": type(app.screen).__name__}), flush=True)
        while True:
            line = await asyncio.to_thread(sys.stdin.readline)
            command, _, rest = line.strip().partition(" ")
            answer: object = None
            if command in ("", "quit"):
                break
            if command == "queue":
                answer = queue_rows(app)
            elif command in ("wait-row", "wait-gone"):
                text, *more = rest.split()
                began = float(more[0][1:]) if more and more[0].startswith("@") else time.time()
                wanted = command == "wait-row"
                found = await waited(pilot, lambda t=text, w=wanted: any(t in r for r in queue_rows(app)) == w, 10)
                answer = {"ok": found, "at": time.time(), "seconds": time.time() - began, "rows": queue_rows(app)}
            elif command == "open":
                await pilot.click("#number")
                app.screen.query_one("#number", Input).value = rest
                await pilot.press("enter")
                await pilot.pause(0.3)
                answer = text_of(pilot, "#message")
            elif command == "sell":
                app.screen.query_one("#search", Input).value = rest
                await until(pilot, lambda: bool(app.screen.browser.results), "the goods")
                await pilot.press("enter")
                await pilot.pause(0.3)
                answer = "ok"
            elif command == "change":  # F11 (改单): the written slip back on the finder
                await pilot.press("f11")
                await until(pilot, lambda: bool(app.screen.query("#number")), "the slip number asked")
                app.screen.query_one("#number", Input).value = rest
                await pilot.press("enter")
                await until(pilot, lambda r=rest: r in text_of(pilot, "#message"), "the slip back for changing")
                answer = text_of(pilot, "#message")
            elif command == "qty":  # F2 on the line the cursor is on
                await pilot.press("f2")
                await until(pilot, lambda: bool(app.screen.query("#quantity")), "the quantity asked")
                await pilot.press(*rest, "enter")
                await until(pilot, lambda n=int(rest): app.screen.draft.item_count == n, "the quantity changed")
                answer = "ok"
            elif command == "write":
                app.screen.query_one("#written-number", Digits).update("")
                await pilot.press("f9")
                await until(pilot, lambda: str(app.screen.query_one("#written-number", Digits).value).strip(), "the number")
                answer = str(app.screen.query_one("#written-number", Digits).value).strip()
            print(json.dumps({"answer": answer}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--station", default="")
    parser.add_argument("--code", required=True)
    parser.add_argument("--pin", required=True)
    parser.add_argument("--key", required=True, help="the home key of the screen to work on: f3 pay, f2 sell")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()

"""Python's garbage collector kept out of the key presses.

After the first sign-in nearly everything in memory lives as long as the app:
the modules, the ORM's tables, the screens, the goods' index. Python's full
collections walk all of it. So the heap as it stands then is frozen (never
walked again), and the full collections that the collector would start on its
own, one every ~30 key presses on the finder, holding that key's frame for
~13 ms, wait instead for a moment when nobody is typing. The young
generations are still collected as they fill (a fraction of a millisecond).
"""

from __future__ import annotations

import gc
import time

QUIET_S = 0.5  # no key for this long: a full collection delays nobody
OVERDUE_S = 120.0  # and one that is due runs after this long, however busy the counter
# Python starts a full collection after this many young (generation 1) ones.
FULL_AFTER = gc.get_threshold()[2]
NEVER = 1 << 30


class Heap:
    """One per app: `settle` after the first sign-in, `key` on every key,
    `tick` every QUIET_S, `release` when the app ends."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.thresholds: tuple[int, int, int] | None = None  # the collector's own, while ours apply
        self.last_key = self.last_full = clock()

    @property
    def settled(self) -> bool:
        return self.thresholds is not None

    def settle(self) -> None:
        if self.settled:
            return
        self.thresholds = gc.get_threshold()
        gc.freeze()  # (garbage frozen with it, a one-off from starting up, waits for the app to close)
        gc.set_threshold(self.thresholds[0], self.thresholds[1], NEVER)

    def key(self) -> None:
        self.last_key = self.clock()

    def tick(self) -> bool:
        """Runs the full collection Python would have run by now, if nobody
        is typing or it has waited OVERDUE_S; True when it ran."""
        if not self.settled or gc.get_count()[2] < FULL_AFTER:
            return False
        now = self.clock()
        if now - self.last_key < QUIET_S and now - self.last_full < OVERDUE_S:
            return False
        gc.collect()
        self.last_full = self.clock()
        return True

    def release(self) -> None:
        """The collector as it was, for a process that goes on (the tests)."""
        if self.thresholds is not None:
            gc.set_threshold(*self.thresholds)
            gc.unfreeze()
            self.thresholds = None

"""Figures measured on the counter screens (finder, slip, payment).

Those screens are on other branches; until they are merged these are named
slots. At merge: drive the screens with Pilot here, with the floor a bare
Textual app updating one Static by the same method.
"""

from __future__ import annotations

from bench.context import Run
from bench.harness import Figure, skipped

WAITING = "counter screens (finder/slip, payment) not merged yet"


def key_press_to_slip(run: Run) -> list[Figure]:
    return [
        skipped(
            "key press → updated slip on screen (20-line slip)",
            "bare Textual app updating one Static",
            "p99 ≤ 2× floor",
            WAITING,
        )
    ]


def key_presses_for_cash_sale(run: Run) -> list[Figure]:
    return [skipped("key presses: 3-item cash sale, empty finder → change announced", "—", "≤ 14", WAITING)]

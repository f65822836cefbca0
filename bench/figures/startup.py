"""Cold start, each run in a fresh interpreter against the benchmark store."""

from __future__ import annotations

import compileall

from bench.context import Run
from bench.harness import ROOT, Figure, median, ms, run_probe


def _compiled() -> None:
    """Byte-compile the app as an install does, so a run from a checkout (or
    with PYTHONDONTWRITEBYTECODE set) does not time the compiler."""
    for package in ("counter", "screens", "models", "receipts"):
        if (ROOT / package).is_dir():
            compileall.compile_dir(ROOT / package, quiet=1)


def _cold(run: Run, args: list[str], repeat: int) -> tuple[float, float, list[float], list[float]]:
    """Median seconds from spawn to ready: (floor, counter, all floors, all counters).
    The two alternate so that a busy moment on the machine hits both."""
    _compiled()
    floors, counters = [], []
    for _ in range(repeat):
        out = run_probe("start_bare.py")
        floors.append(out["ready"] - out["started"])
        out = run_probe("start_counter.py", *args)
        counters.append(out["ready"] - out["started"])
    return median(floors), median(counters), floors, counters


def _figure(name: str, limit: float, floor: float, took: float, floors: list[float], counters: list[float]) -> Figure:
    return Figure(
        name,
        f"bare Textual app, one Static: {ms(floor)}",
        f"≤ {limit}× floor ({ms(limit * floor)})",
        result=f"{ms(took)} ({took / floor:.2f}× floor)",
        numbers={"seconds": took, "floor": floor, "ratio": took / floor, "runs": counters, "floor_runs": floors},
    ).judge(took <= limit * floor)


def cold_start_sign_in(run: Run) -> list[Figure]:
    repeat = run.repeat(7, 1)
    floor, took, floors, counters = _cold(run, [run.data.settings.db_url, "sign_in"], repeat)
    return [_figure("cold start → sign-in screen painted (headless)", 1.3, floor, took, floors, counters)]


def cold_start_finder(run: Run) -> list[Figure]:
    from bench.data import PINS

    repeat = run.repeat(5, 1)
    floor, took, floors, counters = _cold(run, [run.data.settings.db_url, "finder", "A01", PINS["A01"]], repeat)
    return [
        _figure(
            f"cold start → signed in, finder open, search ready ({run.data.scale.goods:,} goods)",
            2.5, floor, took, floors, counters,
        )
    ]

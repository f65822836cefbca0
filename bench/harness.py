"""What a benchmark hands back, and the small tools every benchmark uses:
timing, percentiles, fresh-process probes."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBES = Path(__file__).resolve().parent / "probes"

PASS, FAIL, SKIP, ERROR = "pass", "FAIL", "skipped", "ERROR"


@dataclass
class Figure:
    """One row of the table."""

    name: str
    floor: str  # what the floor is and what it measured
    target: str
    result: str = ""
    status: str = SKIP
    note: str = ""
    numbers: dict[str, object] = field(default_factory=dict)  # raw values for results.json

    def judge(self, ok: bool) -> Figure:
        self.status = PASS if ok else FAIL
        return self


def skipped(name: str, floor: str, target: str, reason: str) -> Figure:
    """A figure whose subject is not in the tree yet: a named slot, no number."""
    return Figure(name, floor, target, result="—", status=SKIP, note=reason)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Seconds taken by each of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def probe_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("TERM", "xterm-256color")
    return env


def run_probe(script: str, *args: str, timeout: float = 120) -> dict:
    """Runs probes/<script> in a fresh interpreter and returns the JSON object it
    prints on its last line. `started` is the CLOCK_MONOTONIC time just before
    the process was spawned (the same clock on both sides, on Linux and macOS)."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(PROBES / script), *args],
        capture_output=True,
        text=True,
        env=probe_env(),
        cwd=ROOT,
        timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"probe {script} failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    out = json.loads(lines[-1])
    out["started"] = started
    return out

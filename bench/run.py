"""`python -m bench`: build the data, run every figure, print the table and
write bench/results.json."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.harness import ERROR, FAIL, PASS, SKIP, Figure

RESULTS = Path(__file__).resolve().parent / "results.json"
STYLE = {PASS: "green", FAIL: "bold red", SKIP: "yellow", ERROR: "bold red"}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Counter's benchmarks.")
    parser.add_argument("--quick", action="store_true", help="small data, few repeats: checks every benchmark still runs")
    parser.add_argument("--data", type=Path, help="keep the benchmark store in this folder and reuse it next time")
    parser.add_argument("--only", default="", help="comma-separated: run only figures whose function name contains one of these")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the results (default {RESULTS})")
    return parser.parse_args(argv)


def table(figures: list[Figure], title: str) -> Table:
    grid = Table(title=title, show_lines=False)
    for column in ("figure", "floor", "target", "result", ""):
        grid.add_column(column, overflow="fold")
    for f in figures:
        status = f.status if f.status != SKIP else f"skipped: {f.note}"
        grid.add_row(f.name, f.floor, f.target, f.result, f"[{STYLE.get(f.status, 'dim')}]{status}[/]")
    return grid


def main(argv: list[str] | None = None) -> int:
    from bench.context import Run
    from bench.data import FULL, QUICK, open_bench_store
    from bench.figures import FIGURES

    args = parse(argv)
    # Wide enough for the table even when the output goes to a file or CI log.
    console = Console(width=max(Console().width, 160))
    scale = QUICK if args.quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="counter-bench-") as tmp:
        folder = args.data or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        data = open_bench_store(folder, scale, lambda m: console.print(f"[dim]{m}[/]"))
        run = Run(data, args.quick, lambda m: console.print(f"[dim]{m}[/]"))
        figures: list[Figure] = []
        for bench in FIGURES:
            if args.only and not any(part and part in bench.__name__ for part in args.only.split(",")):
                continue
            console.print(f"[dim]running {bench.__module__.rsplit('.', 1)[-1]}.{bench.__name__} ...[/]")
            try:
                figures.extend(bench(run))
            except Exception as e:  # one broken benchmark must not hide the others' figures
                traceback.print_exc()
                figures.append(Figure(bench.__name__, "", "", result=f"{type(e).__name__}: {e}", status=ERROR))
        data.store.engine.dispose()
    took = time.perf_counter() - started
    mode = "quick" if args.quick else "full"
    console.print(table(figures, f"Counter benchmarks ({mode}, {scale.goods:,} goods, {took:.0f} s)"))
    args.json.write_text(
        json.dumps(
            {
                "mode": mode,
                "scale": asdict(scale),
                "seconds": took,
                "python": sys.version.split()[0],
                "machine": platform.platform(),
                "figures": [asdict(f) for f in figures],
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    console.print(f"[dim]results written to {args.json}[/]")
    if any(f.status == ERROR for f in figures):
        return 2
    # The quick run's data is too small for its numbers to mean anything.
    if not args.quick and any(f.status == FAIL for f in figures):
        return 1
    return 0

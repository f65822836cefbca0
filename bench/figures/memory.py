"""Peak memory with the whole catalogue loaded and searched."""

from __future__ import annotations

from bench.context import Run
from bench.harness import Figure, run_probe

EXTRA_MB = 80


def peak_rss(run: Run) -> list[Figure]:
    from bench.data import PINS

    goods = run.data.scale.goods
    floor = run_probe("start_bare.py")["rss_kb"] / 1024
    rss = run_probe("start_counter.py", run.data.settings.db_url, "search")["rss_kb"] / 1024
    signed_in = run_probe("start_counter.py", run.data.settings.db_url, "finder", "A01", PINS["A01"])["rss_kb"] / 1024
    return [
        Figure(
            f"peak RSS, {goods:,} goods loaded and searched",
            f"bare Textual app: {floor:.0f} MB",
            f"≤ floor + {EXTRA_MB} MB ({floor + EXTRA_MB:.0f} MB)",
            result=f"{rss:.0f} MB (floor + {rss - floor:.0f} MB)",
            numbers={"rss_mb": rss, "floor_mb": floor},
        ).judge(rss <= floor + EXTRA_MB),
        Figure(
            "peak RSS, as above after a staff sign-in",
            f"bare Textual app: {floor:.0f} MB",
            "shown for reference",
            result=f"{signed_in:.0f} MB (floor + {signed_in - floor:.0f} MB)",
            status="info",
            note="Argon2 PIN check allocates 64 MiB by design (argon2-cffi default memory_cost)",
            numbers={"rss_mb": signed_in, "floor_mb": floor},
        ),
    ]

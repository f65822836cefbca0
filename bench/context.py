"""What every benchmark gets: the store, the scale, and how hard to try."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.data import BenchStore


@dataclass
class Run:
    data: BenchStore
    quick: bool
    say: Callable[[str], None]

    def repeat(self, full: int, quick: int) -> int:
        return quick if self.quick else full

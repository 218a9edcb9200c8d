"""Timing helper shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable

REPEATS = 5


def fastest(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """Seconds taken by the fastest of `repeats` calls (as `timeit` advises: the slower calls
    measure what else the machine was doing)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best

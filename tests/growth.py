"""Measuring how a function's time grows with its input, for linear-time tests.

Not a timed test: it compares two sizes of the same input on the same
machine, so only the ratio matters.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def seconds_per_call(function: Callable[[str], object], text: str) -> float:
    """Returns the better of two timings, each of enough calls to be measurable."""

    def timing(loops: int) -> float:
        start = time.perf_counter()
        for _ in range(loops):
            function(text)
        return time.perf_counter() - start

    gc.collect()
    gc.disable()
    try:
        loops = 1
        while (first := timing(loops)) < 0.005:
            loops *= 4
        return min(first, timing(loops)) / loops
    finally:
        gc.enable()


# Timings of each size taken in turn; the fastest of each is compared, so a
# moment when other work had the machine spoils one timing, not the ratio.
TURNS = 3


def growth(function: Callable[[str], object], build: Callable[[int], str], small: int) -> float:
    """How much longer an input eight times as long takes: about 8 when linear."""
    short, long = build(small), build(8 * small)
    best_short = best_long = float("inf")
    for _turn in range(TURNS):
        best_short = min(best_short, seconds_per_call(function, short))
        best_long = min(best_long, seconds_per_call(function, long))
    return best_long / best_short

"""Timing helpers shared by the stand-alone benchmark scripts in this folder."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def meet(fn: Callable[[], object], herhaal: int = 5) -> tuple[float, float]:
    """Fastest and median wall time of `herhaal` calls."""
    tijden = []
    for _ in range(herhaal):
        t0 = time.perf_counter()
        fn()
        tijden.append(time.perf_counter() - t0)
    return min(tijden), statistics.median(tijden)


def ms(x: float) -> str:
    return f"{x * 1000:7.1f} ms"

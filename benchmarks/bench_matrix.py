"""Benchmark: build the stap 6 matrix (figure + JSON for the browser) for 1,000 knelpunten.

Run: python benchmarks/bench_matrix.py [aantal]. A benchmark, not a timed test: it prints figures.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schouders import methode  # noqa: E402
from schouders.matrix import matrix_figuur  # noqa: E402
from schouders.model import Knelpunt  # noqa: E402
from schouders.prioriteren import indeling  # noqa: E402


def knelpunten(aantal: int, seed: int = 1) -> list[Knelpunt]:
    rnd = random.Random(seed)
    gebieden = [*methode.GEBIED_KEYS, None]
    return [
        Knelpunt(
            traject_id="bench",
            tekst=f"Knelpunt {i}: "
            + " ".join(rnd.choice(["keten", "tijd", "kennis", "AVG", "geld"]) for _ in range(8)),
            gebied=rnd.choice(gebieden),
            oplosbaarheid=rnd.choice(["oplosbaar"] * 8 + ["onoplosbaar", "buiten_invloed"]),
            belang=rnd.randint(methode.SCORE_MIN, methode.SCORE_MAX),
            quick_win=rnd.randint(methode.SCORE_MIN, methode.SCORE_MAX),
            stemmen=rnd.randint(0, 6),
        )
        for i in range(aantal)
    ]


def meet(fn: Callable[[], object], herhaal: int = 7) -> tuple[float, float]:
    tijden = []
    for _ in range(herhaal):
        t0 = time.perf_counter()
        fn()
        tijden.append(time.perf_counter() - t0)
    return min(tijden), statistics.median(tijden)


def main() -> None:
    aantal = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    kns = knelpunten(aantal)
    matrix_figuur(kns[:5])  # warm up imports and plotly's validators
    fig = matrix_figuur(kns)
    punten = sum(len(t.x) for t in fig.data)
    print(f"{aantal} knelpunten → {len(fig.data)} traces, {punten} markers")
    for naam, fn in [
        ("matrix_figuur", lambda: matrix_figuur(kns)),
        ("figuur naar JSON", fig.to_json),
        ("indeling in kwadranten", lambda: indeling(kns)),
    ]:
        snel, mediaan = meet(fn)
        print(f"{naam:24s} min {snel * 1000:7.1f} ms   mediaan {mediaan * 1000:7.1f} ms")
    print(f"JSON-grootte: {len(fig.to_json()) / 1024:.0f} kB")


if __name__ == "__main__":
    main()

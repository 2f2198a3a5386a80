"""Benchmark: add one knelpunt in a traject with 1,000 knelpunten, and build the stap 4–5 figures.

Run: python benchmarks/bench_knelpunt.py [aantal]. A benchmark, not a timed test: it prints figures.
It measures
- adding one knelpunt (stap 4's form): file writes (must be 1) and time;
- the snapshot the next rerun reads (the store re-reads the file once, not per knelpunt);
- the counts, the count chart and the relation heatmap (pandas + plotly), and their JSON for the browser;
- a whole rerun of the stap 4 page under AppTest, and how many times it asks the store for a snapshot.
"""

from __future__ import annotations

import functools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _meten import meet as _meet  # noqa: E402  (benchmarks/ is on sys.path when run as a script)
from _meten import ms  # noqa: E402

from schouders import analyse, charts, methode  # noqa: E402
from schouders import knelpunten as kp  # noqa: E402
from schouders.model import Groep, Knelpunt, Traject  # noqa: E402
from schouders.store import Store  # noqa: E402

meet = functools.partial(_meet, herhaal=7)


def vul(store: Store, aantal: int, seed: int = 1) -> Traject:
    rnd = random.Random(seed)
    t = Traject(naam="Benchmark", werkvorm="themadag")
    groepen = [Groep(traject_id=t.id, naam=f"Groep {c}") for c in "ABC"]
    keys = [*methode.GEBIED_KEYS, None]
    kn = [
        Knelpunt(
            traject_id=t.id,
            tekst=f"Knelpunt {i}: "
            + " ".join(rnd.choice(["keten", "tijd", "kennis", "AVG", "geld"]) for _ in range(8)),
            gebied=rnd.choice(keys),
            gerelateerde_gebieden=tuple(rnd.sample(methode.GEBIED_KEYS, rnd.randint(0, 2))),
            groep_id=rnd.choice(groepen).id,
            auteur=rnd.choice(["Anna", "Bert", "Chris", ""]),
        )
        for i in range(aantal)
    ]
    store.add_many([t, *groepen, *kn])
    return t


def main() -> None:
    aantal = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tmp = Path(tempfile.mkdtemp())
    os.environ["SCHOUDERS_DB"] = str(tmp / "schouders.json")
    store = Store(tmp / "schouders.json")
    t = vul(store, aantal)
    store.snapshot()
    print(f"Traject met {aantal} knelpunten ({(tmp / 'schouders.json').stat().st_size // 1024} kB op schijf)\n")

    # one knelpunt added, as the stap 4 form does it
    tijden, writes = [], []
    for i in range(7):
        w = store.writes
        t0 = time.perf_counter()
        kp.voeg_toe(store, t.id, f"Nieuw knelpunt {i}", "keten", bron_stap=4)
        tijden.append(time.perf_counter() - t0)
        writes.append(store.writes - w)
    print(
        f"knelpunt toevoegen          min {ms(min(tijden))}  mediaan {ms(statistics.median(tijden))}  "
        f"schrijfacties per toevoeging: {sorted(set(writes))}"
    )

    def herlees() -> None:
        store._snapshot = None  # force the rebuild the first rerun after a write does
        store.snapshot()

    lo, med = meet(herlees)
    print(f"snapshot na een wijziging   min {ms(lo)}  mediaan {ms(med)}")
    snap = store.snapshot()
    lo, med = meet(lambda: store.snapshot())
    print(f"snapshot zonder wijziging   min {ms(lo)}  mediaan {ms(med)}")

    df = analyse.knelpunten_frame(snap, t.id)
    lo, med = meet(lambda: analyse.knelpunten_frame(snap, t.id))
    print(f"knelpunten-tabel (pandas)   min {ms(lo)}  mediaan {ms(med)}")

    def tel_figuur():
        telling = analyse.tel_per_gebied(df)
        per_groep = analyse.tel_per_gebied_en_groep(df)
        return charts.knelpunten_per_gebied(telling, per_groep=per_groep, start=analyse.voorgesteld_gebied(telling))

    lo, med = meet(tel_figuur)
    print(f"telling + staafgrafiek      min {ms(lo)}  mediaan {ms(med)}")
    fig = tel_figuur()
    lo, med = meet(lambda: fig.to_json())
    print(f"  als JSON voor de browser  min {ms(lo)}  mediaan {ms(med)}  ({len(fig.to_json()) // 1024} kB)")

    lo, med = meet(lambda: charts.relatie_heatmap(analyse.relatie_matrix(df)))
    print(f"samenhang + heatmap         min {ms(lo)}  mediaan {ms(med)}")

    # a whole rerun of the stap 4 page
    from streamlit.testing.v1 import AppTest

    os.chdir(ROOT)
    reads = {"n": 0}
    orig = Store.snapshot

    def tel_reads(self: Store):
        reads["n"] += 1
        return orig(self)

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.session_state["traject_id"] = t.id
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    Store.snapshot = tel_reads  # type: ignore[method-assign]
    tijden = []
    for _ in range(5):
        reads["n"] = 0
        t0 = time.perf_counter()
        at.run()
        tijden.append(time.perf_counter() - t0)
    Store.snapshot = orig  # type: ignore[method-assign]
    kaarten = sum(1 for x in at.text if x.value.startswith(("Knelpunt ", "Nieuw knelpunt ")))
    print(
        f"rerun stap 4 (AppTest)      min {ms(min(tijden))}  mediaan {ms(statistics.median(tijden))}  "
        f"snapshot-aanroepen per rerun: {reads['n']}  kaarten op het bord: {kaarten}"
    )


if __name__ == "__main__":
    main()

"""Benchmark: the quick analysis after a themadag – 1,000 knelpunten from 6 groups.

Run: python benchmarks/bench_themadag.py [aantal] [groepen]. A benchmark, not a timed test: it prints figures.
It measures
- reading a 1,000-row sheet (the import preview) and saving it: file writes (must be 1) and time;
- the theme grouping, cold (first time these texts are seen) and warm (the texts' analysis is cached), for
  the generated sheet and for 1,000 knelpunten that all differ (the worst case for the grouping);
- the dashboard's tables and figures (pandas + plotly) and their JSON for the browser;
- whole runs of the Analyse themadag page under AppTest: the first (grouping computed) and a rerun after a
  slider move (grouping taken from the cache), and how many times a run asks the store for a snapshot.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _meten import meet, ms  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

from schouders import groepen, themas  # noqa: E402
from schouders.importers import tabel  # noqa: E402
from schouders.model import Knelpunt, Traject  # noqa: E402
from schouders.store import Store  # noqa: E402
from tests.helpers.themadag_data import csv_tekst  # noqa: E402


def koud() -> None:
    """Forget the cached word analysis, as a fresh server process would."""
    themas._analyse.cache_clear()
    themas.term.cache_clear()
    themas.normaal.cache_clear()


def main() -> None:
    aantal = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    n_groepen = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    tmp = Path(tempfile.mkdtemp())
    os.environ["SCHOUDERS_DB"] = str(tmp / "schouders.json")
    store = Store(tmp / "schouders.json")
    raw = csv_tekst(aantal, n_groepen).encode("cp1252")
    print(f"Themadag: {aantal} knelpunten in {n_groepen} groepen ({len(raw) // 1024} kB CSV)\n")

    # ---- import: preview, then one write
    lo, med = meet(lambda: tabel.lees(raw, "themadag.csv"))
    print(f"spreadsheet inlezen          min {ms(lo)}  mediaan {ms(med)}")
    vb = tabel.lees(raw, "themadag.csv")
    w = store.writes
    t0 = time.perf_counter()
    res = vb.opslaan(store, Traject(naam="Benchmark themadag", werkvorm="themadag"))
    duur = time.perf_counter() - t0
    print(f"importeren (opslaan)         {ms(duur)}  schrijfacties: {store.writes - w}  ({res.bericht})")
    tid = res.traject.id
    snap = store.snapshot()
    print(f"  bestand na import: {(tmp / 'schouders.json').stat().st_size // 1024} kB")

    # ---- theme grouping
    kn = snap.of("knelpunt", tid)
    koud()
    t0 = time.perf_counter()
    ind = themas.indeling(snap, tid)
    print(f"thema's groeperen (koud)     {ms(time.perf_counter() - t0)}  ", end="")
    print(f"{len(ind.terugkerend)} terugkerende thema's, {len(ind.themas) - len(ind.terugkerend)} losse knelpunten")
    lo, med = meet(lambda: themas.indeling(snap, tid))
    print(f"thema's groeperen (warm)     min {ms(lo)}  mediaan {ms(med)}")
    for t in ind.top(5):
        print(f"    {t.aantal_groepen} groepen · {t.aantal:3d} knelpunten · {', '.join(t.kernwoorden)}")

    # worst case: every knelpunt different (no two share their exact wording)
    import random

    rnd = random.Random(3)
    woorden = sorted({w for k in kn for w in themas.woorden(k.tekst)})
    uniek = [
        Knelpunt(traject_id="x", tekst=f"{k.tekst} {' '.join(rnd.sample(woorden, 3))}", groep_id=k.groep_id) for k in kn
    ]
    koud()
    t0 = time.perf_counter()
    ind_u = themas.groepeer(uniek)
    print(
        f"thema's, alles verschillend  {ms(time.perf_counter() - t0)}  (koud; "
        f"{len(ind_u.terugkerend)} terugkerende thema's)"
    )

    # ---- dashboard tables and figures
    def dashboard() -> list:
        df = groepen.knelpunten_frame(snap, tid)
        tab = groepen.per_gebied_per_groep(snap, tid, df)
        groepen.met_totalen(tab)
        groepen.groep_overzicht(snap, tid, df)
        rijen = themas.thema_rijen(ind, groepen.groep_namen(snap, tid), top=10)
        return [groepen.heatmap(tab), groepen.gestapelde_staven(tab), groepen.themas_figuur(rijen, n_groepen)]

    lo, med = meet(dashboard)
    print(f"tabellen + 3 figuren         min {ms(lo)}  mediaan {ms(med)}")
    figs = dashboard()
    lo, med = meet(lambda: [f.to_json() for f in figs])
    kb = sum(len(f.to_json()) for f in figs) // 1024
    print(f"  als JSON voor de browser   min {ms(lo)}  mediaan {ms(med)}  ({kb} kB)")
    lo, med = meet(lambda: groepen.opbrengst_themadag(snap, tid, indeling=ind))
    print(f"opbrengst als data           min {ms(lo)}  mediaan {ms(med)}")

    # ---- the page under AppTest
    from streamlit.testing.v1 import AppTest

    from schouders.ui import groep as groep_ui

    os.chdir(ROOT)
    reads = {"n": 0}
    orig = Store.snapshot

    def tel_reads(self: Store):
        reads["n"] += 1
        return orig(self)

    groep_ui._CACHE.clear()
    koud()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["traject_id"] = tid
    at.run()
    Store.snapshot = tel_reads  # type: ignore[method-assign]
    t0 = time.perf_counter()
    at.switch_page("pages/analyse.py").run()
    eerste = time.perf_counter() - t0
    eerste_reads = reads["n"]
    assert not at.exception, [e.value for e in at.exception]
    tijden = []
    for i in range(5):
        reads["n"] = 0
        t0 = time.perf_counter()
        at.slider(key="an_top").set_value(5 + i).run()
        tijden.append(time.perf_counter() - t0)
    Store.snapshot = orig  # type: ignore[method-assign]
    print(f"pagina Analyse, eerste keer  {ms(eerste)}  snapshot-aanroepen: {eerste_reads}")
    print(
        f"pagina Analyse, rerun        min {ms(min(tijden))}  mediaan {ms(statistics.median(tijden))}  "
        f"snapshot-aanroepen per rerun: {reads['n']}"
    )


if __name__ == "__main__":
    main()

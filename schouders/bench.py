"""`python -m schouders bench`: every interaction measured as a ratio against the floor that Streamlit and a
JSON file set themselves, in the same run – these machines are noisy, ratios are not.

Targets (issue 9): page rerun ≤ 10× a trivial page at 1,000 knelpunten and the 1,000 case ≤ 2× the 100 case;
one write ≤ 1.5× json.dump+fsync+replace; import ≤ 3× read_csv + one floor write; each figure build under
5× the trivial rerun; cold start ≤ 1.5× the trivial app; a live group screen (issue 16) ≤ 2 % of a core
idle and ≤ 5 % while the facilitator types, and the facilitator's Enter ≤ 1.2× with it open. Missed targets
are reported, not fatal.

`--browser` measures what the user feels instead – every click in Chromium against a trivial Streamlit app,
issue 22 – in schouders/bench_browser.py (Playwright is a development dependency: without it, exit 2).
"""

from __future__ import annotations

import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from schouders import methode
from schouders.model import (
    Actie,
    Bijeenkomst,
    Deelnemer,
    Entity,
    Groep,
    Knelpunt,
    Oplossingsrichting,
    Traject,
    Vraagstuk,
)

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL_APP = 'import streamlit as st\nst.title("Schouders")\nst.text("Een pagina met bijna niets.")\n'

WOORDEN = (
    "hulpvrager vindbaar wijkteam vrijwilliger gemeente overdracht schulden budget tijd capaciteit avg "
    "gegevens delen kennis regels training gesprek klant loket wachttijd systeem koppeling beleid mandaat "
    "urgentie keten partner rol verantwoordelijkheid dossier intake formulier huisarts school voedselbank"
).split()


def build_traject(n: int, seed: int = 1) -> list[Entity]:
    """A themadag of n knelpunten: 6 groups, all gebieden, scored, 30 directions, 60 actions, 8 meetings."""
    rnd = random.Random(seed)
    t = Traject(naam=f"Bench {n}", werkvorm="themadag", verdieping_gebieden=("keten", "kennis"))
    objs: list[Entity] = [t]
    groepen = [Groep(traject_id=t.id, naam=f"Groep {i + 1}") for i in range(6)]
    mensen = [
        Deelnemer(traject_id=t.id, naam=f"Deelnemer {i + 1}", groep_id=groepen[i % 6].id, rol=methode.ROLLEN[i % 6])
        for i in range(50)
    ]
    start = date(2026, 1, 12)
    meetings = [
        Bijeenkomst(traject_id=t.id, nummer=i + 1, datum=start + timedelta(days=28 * i), stappen=(4, 5))
        for i in range(8)
    ]
    vraag = Vraagstuk(traject_id=t.id, tekst="Hoe versterken vrijwilligers en beroepskrachten elkaar?", werkvraag=True)
    objs += groepen + mensen + meetings + [vraag]
    gebieden = list(methode.GEBIED_KEYS) + [None]
    kn = []
    for i in range(n):
        tekst = " ".join(rnd.choice(WOORDEN) for _ in range(rnd.randint(5, 12))).capitalize()
        solvable = rnd.random() < 0.8
        kn.append(
            Knelpunt(
                traject_id=t.id,
                tekst=f"{tekst} ({i + 1})",
                gebied=gebieden[i % len(gebieden)],
                gerelateerde_gebieden=(rnd.choice(methode.GEBIED_KEYS),),
                groep_id=groepen[i % 6].id,
                auteur=mensen[i % 50].naam,
                vraagstuk_id=vraag.id,
                bijeenkomst_id=meetings[i % 8].id,
                oplosbaarheid="oplosbaar" if solvable else "buiten_invloed",
                belang=rnd.randint(1, 5) if solvable else None,
                quick_win=rnd.randint(1, 5) if solvable else None,
                stemmen=rnd.randint(0, 8),
            )
        )
    objs += kn
    richtingen = [
        Oplossingsrichting(
            traject_id=t.id, titel=f"Richting {i + 1}", knelpunt_ids=(kn[i].id, kn[i + 30].id), vraagstuk_id=vraag.id
        )
        for i in range(30)
    ]
    objs += richtingen
    statussen = [k for k, _ in methode.ACTIE_STATUSSEN]
    objs += [
        Actie(
            traject_id=t.id,
            wat=f"Actie {i + 1}",
            richting_id=richtingen[i % 30].id,
            eigenaar_id=mensen[i % 50].id,
            deadline=start + timedelta(days=7 * i),
            status=statussen[i % 4],
            ronde_id=meetings[i % 8].id,
            vraagstuk_id=vraag.id,
        )
        for i in range(60)
    ]
    return objs


def _median(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()  # each run starts from a clean heap: no run pays for an earlier one's garbage
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _target(value: float, target: float) -> dict[str, Any]:
    return {"ratio": round(value, 3), "target": target, "met": value <= target}


def _pages() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


# Pages in tabs where only the open tab runs: the session key in which the page keeps the open tab's label.
# Each tab is measured as a view of its own ("stap6_oplossingsrichtingen · 3. De matrix").
TAB_KEYS = {"pages/stap6_oplossingsrichtingen.py": "s6_deel_gekozen"}


def _view_name(page: str, tab: str | None = None) -> str:
    return Path(page).stem + (f" · {tab}" if tab else "")


def measure_reruns(db: Path, traject_id: str, repeat: int, folder: Path) -> dict[str, dict[str, float]]:
    """Per page (per tab, for pages in `TAB_KEYS`): median AppTest rerun time, and that of the trivial page in
    turns with it.

    The trivial page runs right before each page run, so both see the same load on a noisy machine; each
    run starts after a garbage collection, so neither pays for the other's garbage.
    Note: AppTest runs a page file without app.py's sidebar (Streamlit's pages-folder mode under test)
    and compiles the page again on every rerun (a fresh script cache per run; a server compiles once).
    """
    from streamlit.testing.v1 import AppTest

    script = folder / "triviaal.py"
    script.write_text(TRIVIAL_APP, encoding="utf-8")
    os.environ["SCHOUDERS_DB"] = str(db)
    out: dict[str, dict[str, float]] = {}
    views: list[tuple[str, str | None]] = []
    for page in _pages():
        tabs: list[str | None] = [None]
        if page in TAB_KEYS:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.session_state["traject_id"] = traject_id
            at.run()
            at.switch_page(page).run()
            tabs = [t.label for t in at.tabs]
        views += [(page, tab) for tab in tabs]
    for page, tab in views:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["traject_id"] = traject_id
        if tab:
            at.session_state[TAB_KEYS[page]] = tab
        at.run()
        at.switch_page(page).run()
        if at.exception:
            raise RuntimeError(f"{_view_name(page, tab)}: {at.exception[0].value}")
        triv = AppTest.from_file(str(script), default_timeout=60)
        triv.run()
        at.run()
        paginas, trivialen = [], []
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter()
            triv.run()
            t1 = time.perf_counter()
            gc.collect()
            t2 = time.perf_counter()
            at.run()
            t3 = time.perf_counter()
            trivialen.append(t1 - t0)
            paginas.append(t3 - t2)
        out[_view_name(page, tab)] = {"seconds": statistics.median(paginas), "trivial": statistics.median(trivialen)}
    return out


def measure_trivial(folder: Path, repeat: int) -> float:
    from streamlit.testing.v1 import AppTest

    script = folder / "triviaal.py"
    script.write_text(TRIVIAL_APP, encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    return _median(at.run, repeat)


def floor_write(data: Any, folder: Path) -> float:
    """json.dump + fsync + os.replace of the same data: what any whole-file JSON store pays."""
    target = folder / "floor.json"
    tmp = folder / "floor.tmp"

    def once() -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)

    return _median(once, 15, warmup=2)


def measure_write(store: Any, traject_id: str) -> tuple[float, int]:
    before = store.writes
    counter = iter(range(10**6))

    def once() -> None:
        store.add(Knelpunt(traject_id=traject_id, tekst=f"Nieuw knelpunt {next(counter)}", gebied="keten"))

    t = _median(once, 15, warmup=2)
    writes_per_add = (store.writes - before) / 17
    return t, int(round(writes_per_add))


def measure_import(folder: Path, n: int, floor: float) -> dict[str, Any] | None:
    """Import a CSV of n rows into a fresh store vs pandas.read_csv + one floor write."""
    try:
        from schouders.importers import tabel
    except ImportError:
        return None
    import pandas as pd

    from schouders.store import Store

    csv = folder / "import.csv"
    rows = ["Knelpunt;Aandachtsgebied;Groep"]
    rnd = random.Random(3)
    for i in range(n):
        rows.append(
            f"{' '.join(rnd.choice(WOORDEN) for _ in range(8))} {i};{methode.GEBIEDEN[i % 7].label};Groep {i % 6 + 1}"
        )
    csv.write_text("\n".join(rows), encoding="utf-8")
    read_csv = _median(lambda: pd.read_csv(csv, sep=";"), 5)
    counter = iter(range(1000))

    from schouders.model import Traject

    def once() -> int:
        store = Store(folder / f"imp{next(counter)}.json", backup_interval=3600)
        before = store.writes
        voorbeeld = tabel.lees(csv.read_bytes(), csv.name)
        voorbeeld.opslaan(store, Traject(naam="Import", werkvorm="themadag"))
        return store.writes - before

    writes = once()
    t = _median(once, 5)
    return {"seconds": t, "floor": read_csv + floor, "writes": writes}


def measure_figures(store: Any, traject_id: str) -> dict[str, float]:
    """Building the count chart (with groups) and the matrix from the data, as the pages do."""
    from schouders import analyse, charts, matrix

    snap = store.snapshot()
    knelpunten = snap.of("knelpunt", traject_id)

    def telling() -> Any:
        df = analyse.knelpunten_frame(snap, traject_id)
        t = analyse.tel_per_gebied(df)
        return charts.knelpunten_per_gebied(
            t, per_groep=analyse.tel_per_gebied_en_groep(df), start=analyse.voorgesteld_gebied(t)
        )

    return {
        "telling": _median(telling, 5),
        "matrix": _median(lambda: matrix.matrix_figuur(knelpunten), 5),
    }


def measure_cold_start(folder: Path, db: Path, repeat: int = 3) -> dict[str, float] | None:
    """`streamlit run` until a rendered page in headless Chromium, for the app and for a trivial app."""
    from schouders.browser import CHROMIUM as chromium

    if not Path(chromium).exists():
        return None
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    from schouders.browser import CHROMIUM_ARGS, free_port

    trivial = folder / "triviaal_app.py"
    trivial.write_text(TRIVIAL_APP, encoding="utf-8")

    def once(script: str, ready_text: str, browser: Any) -> float:
        port = free_port()
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env={**os.environ, "SCHOUDERS_DB": str(db)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.05)
                    if time.perf_counter() - t0 > 60:
                        raise RuntimeError("server did not start") from None
            page = browser.new_page()
            page.goto(url)
            page.get_by_text(ready_text).first.wait_for(timeout=60_000)
            elapsed = time.perf_counter() - t0
            page.close()
            return elapsed
        finally:
            proc.terminate()
            proc.wait(10)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        app = statistics.median(once("app.py", "Overzicht", browser) for _ in range(repeat))
        base = statistics.median(once(str(trivial), "Een pagina met bijna niets", browser) for _ in range(repeat))
        browser.close()
    return {"app": app, "trivial": base}


GROEPSSCHERM_CHECK = """
import streamlit as st
from schouders.groepsscherm import VOLGBORD
from schouders.timer import klok_tekst
from schouders.ui import common as ui

tid = st.session_state["traject_id"]
versie, revisie = VOLGBORD.beeld(tid).versie, ui.get_store().snapshot().revision  # what the check compares
st.html('<div class="gs-klok">' + klok_tekst(600) + '</div>')
"""
TYPT_ELKE_S = 3.0  # talking speed: a knelpunt every 3 s while the group screen is open (generous)


def measure_groepsscherm(db: Path, traject_id: str, repeat: int, folder: Path) -> dict[str, Any]:
    """What a live group screen costs the server, and what it does to the facilitator's Enter.

    - idle: the once-a-second check (store revision, shared picture, the clock), timed as a whole script run
      of the same work – an upper bound, a fragment run costs less than a script run;
    - typing: idle plus one redraw of the group screen page per knelpunt typed (one every TYPT_ELKE_S s);
    - Enter: the facilitator's stap 4 rerun after adding a knelpunt, alone and while another thread does the
      group screen's work in a loop every 20 ms (both share one process and its GIL, as in the app), in turns.
    """
    import threading

    from streamlit.testing.v1 import AppTest

    from schouders.groepsscherm import VOLGBORD

    os.environ["SCHOUDERS_DB"] = str(db)
    VOLGBORD.volg(traject_id, 4)
    script = folder / "groepsscherm_check.py"
    script.write_text(GROEPSSCHERM_CHECK, encoding="utf-8")
    check = AppTest.from_file(str(script), default_timeout=60)
    check.session_state["traject_id"] = traject_id
    check.run()
    check_s = _median(check.run, repeat * 2)

    def scherm_app() -> Any:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["traject"] = traject_id
        at.run()
        at.switch_page("pages/groepsscherm.py").run()
        return at

    scherm = scherm_app()
    redraw_s = _median(scherm.run, repeat)

    pb = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    pb.query_params["traject"] = traject_id
    pb.run()
    pb.switch_page("pages/stap4_aandachtsgebieden.py").run()
    teller = iter(range(10**6))

    def enter() -> float:
        pb.text_input(key="s4_tekst").input(f"Bench knelpunt {next(teller)}")
        knop = next(b for b in pb.button if b.label == "Toevoegen")
        gc.collect()
        t0 = time.perf_counter()
        knop.click().run()
        return time.perf_counter() - t0

    stop = threading.Event()
    redraws: list[float] = []

    def redraw_loop() -> None:
        # AppTest is not thread-safe (two at once mix up their widget state), so the other session's work is
        # done here without it: the check, a fresh snapshot and the group screen's board, as the page builds it.
        from schouders import store as store_mod
        from schouders.ui import presentatie

        store = store_mod.open_store(db)
        while not stop.is_set():
            t0 = time.perf_counter()
            VOLGBORD.beeld(traject_id)
            snap = store.snapshot()
            kn = sorted(snap.of("knelpunt", traject_id), key=lambda k: (k.aangemaakt, k.id))
            presentatie.bord_html(presentatie._gebied_kolommen(kn, verdieping=False))
            redraws.append(time.perf_counter() - t0)
            time.sleep(0.02)

    enter()
    alleen, met = [], []
    for _ in range(repeat):
        alleen.append(enter())
        stop.clear()
        draad = threading.Thread(target=redraw_loop, daemon=True)
        draad.start()
        time.sleep(0.3)
        met.append(enter())
        stop.set()
        draad.join(30)
    if not redraws:
        raise RuntimeError("de tweede sessie heeft het groepsscherm geen enkele keer getekend")
    idle_per_s = check_s / 1.0
    typen_per_s = idle_per_s + redraw_s / TYPT_ELKE_S
    return {
        "check_s": check_s,
        "redraw_s": redraw_s,
        "idle_ms_per_s": idle_per_s * 1000,
        "typing_ms_per_s": typen_per_s * 1000,
        "enter_alone_s": statistics.median(alleen),
        "enter_with_screen_s": statistics.median(met),
        "redraws_alongside": len(redraws),
    }


def run(sizes: list[int], *, repeat: int = 9, cold_start: bool = True) -> dict[str, Any]:
    from schouders.store import Store

    result: dict[str, Any] = {"sizes": sizes, "pages": {}, "targets": {}}
    # From the project folder, as `streamlit run app.py` is started: Streamlit reads .streamlit/config.toml there.
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="schouders-bench-") as tmp:
        folder = Path(tmp)
        trivial = measure_trivial(folder, repeat * 2)
        result["trivial_rerun_s"] = trivial
        stores: dict[int, tuple[Any, str, Path]] = {}
        for n in sizes:
            db = folder / f"bench{n}.json"
            store = Store(db, backup_interval=3600)
            objs = build_traject(n)
            store.add_many(objs)
            stores[n] = (store, objs[0].id, db)  # type: ignore[attr-defined]
            result["pages"][n] = measure_reruns(db, objs[0].id, repeat, folder)  # type: ignore[attr-defined]
        big = max(sizes)
        small = min(sizes)
        for name, m in result["pages"][big].items():
            result["targets"][f"rerun {name} ({big})"] = _target(m["seconds"] / m["trivial"], 10.0)
            if big != small:
                klein = result["pages"][small][name]
                groei = (m["seconds"] / m["trivial"]) / (klein["seconds"] / klein["trivial"])
                result["targets"][f"groei {name} ({big}/{small})"] = _target(groei, 2.0)
        store, tid, db = stores[big]
        floor = floor_write(store.raw(), folder)
        write_t, writes = measure_write(store, tid)
        result["write"] = {"seconds": write_t, "floor": floor, "writes_per_add": writes}
        result["targets"][f"een schrijfactie ({big})"] = _target(write_t / floor, 1.5)
        imp = measure_import(folder, big, floor)
        if imp:
            result["import"] = imp
            result["targets"][f"import ({big} rijen)"] = _target(imp["seconds"] / imp["floor"], 3.0)
        gs = measure_groepsscherm(db, tid, repeat, folder)
        result["groepsscherm"] = gs
        # per second of wall time, as a share of one core: idle ≤ 2 %, while the facilitator types ≤ 5 %
        result["targets"][f"groepsscherm stil, deel van een kern ({big})"] = _target(gs["idle_ms_per_s"] / 1000, 0.02)
        result["targets"][f"groepsscherm bij typen, deel van een kern ({big})"] = _target(
            gs["typing_ms_per_s"] / 1000, 0.05
        )
        result["targets"][f"Enter met groepsscherm open ({big})"] = _target(
            gs["enter_with_screen_s"] / gs["enter_alone_s"], 1.2
        )
        figs = measure_figures(store, tid)
        result["figures"] = figs
        for name, t in figs.items():
            result["targets"][f"figuur {name} ({big})"] = _target(t / trivial, 5.0)
        if cold_start:
            cs = measure_cold_start(folder, db)
            if cs:
                result["cold_start"] = cs
                result["targets"]["koude start"] = _target(cs["app"] / cs["trivial"], 1.5)
    return result


def print_table(result: dict[str, Any]) -> None:
    print(f"Triviale pagina: {result['trivial_rerun_s'] * 1000:.1f} ms per rerun")
    big = max(result["sizes"])
    for name, m in result["pages"][big].items():
        print(f"  {name}: {m['seconds'] * 1000:.1f} ms (triviaal ernaast {m['trivial'] * 1000:.1f} ms)")
    gs = result.get("groepsscherm")
    if gs:
        print(
            f"Groepsscherm: {gs['idle_ms_per_s']:.1f} ms serverwerk per seconde stil, {gs['typing_ms_per_s']:.1f} ms"
            f" bij typen; Enter {gs['enter_alone_s'] * 1000:.0f} ms, met groepsscherm"
            f" {gs['enter_with_screen_s'] * 1000:.0f} ms"
        )
    width = max(len(k) for k in result["targets"]) + 2
    print(f"{'meting'.ljust(width)}{'verhouding':>11}{'doel':>7}  gehaald")
    for name, t in result["targets"].items():
        print(f"{name.ljust(width)}{t['ratio']:>11.2f}{t['target']:>7.1f}  {'ja' if t['met'] else 'NEE'}")


def main_browser(args: Any) -> int:
    """`bench --browser`: every click in Chromium against a trivial Streamlit app (schouders.bench_browser).
    Playwright is a development dependency: without it, say so in Dutch and stop with exit code 2."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print(
            "De meting in de browser heeft Playwright nodig, en dat is niet geïnstalleerd. Installeer de "
            "ontwikkelpakketten: pip install -r requirements-dev.txt",
            file=sys.stderr,
        )
        return 2
    from schouders import bench_browser

    sizes = bench_browser.SIZES[args.size]
    if args.sizes_gezet:
        sizes = sorted(int(s) for s in args.sizes.split(","))
    return bench_browser.draai(sizes, runs=args.runs, json_uit=args.json)


def main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m schouders bench")
    p.add_argument("--json", action="store_true")
    p.add_argument("--sizes", default=None)
    p.add_argument("--repeat", type=int, default=9)
    p.add_argument("--no-cold-start", action="store_true")
    p.add_argument("--browser", action="store_true", help="meet elke klik in Chromium (issue 22)")
    p.add_argument("--runs", type=int, default=7, help="met --browser: metingen per interactie (standaard 7)")
    p.add_argument(
        "--size", choices=("small", "full"), default="full", help="met --browser: small = alleen 100 knelpunten"
    )
    args = p.parse_args(argv)
    args.sizes_gezet = args.sizes is not None
    if args.browser:
        return main_browser(args)
    args.sizes = args.sizes or "100,1000"
    sizes = sorted(int(s) for s in args.sizes.split(","))
    result = run(sizes, repeat=args.repeat, cold_start=not args.no_cold_start)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_table(result)
    return 0

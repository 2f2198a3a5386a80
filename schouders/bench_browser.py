"""`python -m schouders bench --browser`: what a procesbegeleider feels – the time from a click or Enter until the
result is on screen in Chromium – measured against the same interaction on a trivial Streamlit app.

Why a twin and turns: these machines are shared and noisy, so absolute times drift by tens of percents from one
minute to the next. The app (on the bench's themadag in a temporary store) and a trivial app run side by side,
driven by one Chromium, and every interaction runs app, trivial, app, trivial …: both see the same load, and
the ratio between them is what the targets judge.

How "on screen" is measured: in the page itself. A capture listener notes `performance.now()` at the
pointerdown or keydown that starts the interaction; a MutationObserver (with a 50 ms poll as a backstop) notes
the moment that Streamlit is idle – no script run, no status widget – and the expected element is shown
(a new card, the page's heading with its charts drawn, a changed cell). Playwright's own round trips are not
in the figure.

Targets (issue 22): every interaction ≤ 2× its trivial twin at the largest size, and its ratio there ≤ 1.3×
its ratio at the smallest size. Missed targets are reported, not fatal.
"""

from __future__ import annotations

import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schouders import methode
from schouders.browser import CHROMIUM, CHROMIUM_ARGS, free_port

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": [100], "full": [100, 1020]}
DOEL_TWIN = 2.0  # ≤ 2× the trivial twin at the largest size
DOEL_GROEI = 1.3  # the ratio at the largest size ≤ 1.3× the ratio at the smallest

# The floor: the widget kinds the app's interactions use, and nothing else. Two pages, so there is a sidebar
# navigation to open a page from; the edit writes a derived column back, as stap 6's Kwadrant does.
TRIVIAL_APP = """
import pandas as pd
import streamlit as st

ss = st.session_state
ss.setdefault("kaarten", [])
ss.setdefault("scores", [1, 2, 3])


def bewaar() -> None:
    ss["kaarten"].append(ss["t_tekst"])
    ss["melding"] = "Bewaard: " + ss["t_tekst"]


def cel() -> None:
    for rij, waarden in ss["t_editor"]["edited_rows"].items():
        if "Score" in waarden:
            ss["scores"][rij] = int(waarden["Score"])


def start() -> None:
    st.title("Start")
    st.caption("Een pagina met de onderdelen die Schouders ook gebruikt, en verder niets.")
    if ss.get("melding"):
        st.success(ss.pop("melding"))
    with st.form("t_form", clear_on_submit=True, enter_to_submit=True):
        st.text_input("Nieuw", key="t_tekst")
        st.form_submit_button("Toevoegen", on_click=bewaar)
    for i, tekst in enumerate(ss["kaarten"][-5:]):
        st.container(border=True, key=f"t_kaart_{i}").text(tekst)
    st.button("Knop")
    st.page_link(tweede, label="Naar de tweede pagina")
    st.selectbox("Keuze", ["a", "b", "c"], key="t_keuze")
    keuze = st.radio("Gebied", ["Een", "Twee"], horizontal=True, key="t_radio")
    st.container(key=f"t_kol_{keuze.lower()}").text(keuze)
    een, twee = st.tabs(["Een", "Twee"], key="t_tabs", on_change="rerun")
    if een.open:
        with een:
            st.text("Het eerste tabblad.")
    if twee.open:
        with twee:
            df = pd.DataFrame(
                {
                    "Tekst": ["Rij een", "Rij twee", "Rij drie"],
                    "Score": ss["scores"],
                    "Kwadrant": ["hoog" if s >= 4 else "laag" for s in ss["scores"]],
                }
            )
            st.data_editor(
                df,
                key="t_editor",
                hide_index=True,
                num_rows="fixed",
                disabled=["Tekst", "Kwadrant"],
                on_change=cel,
            )


def tweede_pagina() -> None:
    st.title("Tweede")
    st.text("Een tweede pagina.")


tweede = st.Page(tweede_pagina, title="Tweede", url_path="tweede")
st.navigation([st.Page(start, title="Start", default=True), tweede], expanded=True).run()
"""

# In every page (also after a reload): one listener for the start, one observer for the end.
HARNAS_JS = """
(() => {
  if (window.__bench) return;
  const B = window.__bench = {cur: null, obs: null, poll: null};
  const state = () => {
    const a = document.querySelector("[data-testid='stApp']");
    return a ? a.getAttribute("data-test-script-state") : null;
  };
  B.busy = () => state() !== "notRunning" || !!document.querySelector("[data-testid='stStatusWidget']");
  const shown = (el) => el.getClientRects().length > 0;
  const found = (s) => {
    let ok = false;
    for (const el of document.querySelectorAll(s.sel)) {
      if (!s.hidden && !shown(el)) continue;  // a grid's cells for screen readers have no box
      const t = el.textContent.trim();
      if (s.text != null && !t.includes(s.text)) continue;
      if (s.not_text != null && t === s.not_text) continue;
      ok = true;
      break;
    }
    if (!ok) return false;
    for (const c of document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart']")) {
      if (shown(c) && !c.querySelector(".main-svg")) return false;  // a figure counts once plotly drew it
    }
    return true;
  };
  const stop = () => {
    if (B.obs) B.obs.disconnect();
    if (B.poll) clearInterval(B.poll);
  };
  B.check = () => {
    const c = B.cur;
    if (!c || c.t0 === null || c.done) return;
    if (B.busy()) { c.saw_busy = true; c.cand = null; return; }
    if (!found(c.spec)) { c.cand = null; return; }
    const now = performance.now();
    if (c.cand == null) c.cand = now;
    // settle_ms: a data editor asks for a second run after the first one's result came in; the
    // interaction is over when Streamlit stays idle that long (the end is when that idle began)
    if (now - c.cand < (c.spec.settle_ms || 0)) return;
    c.t1 = c.cand;
    c.done = true;
    stop();
  };
  B.arm = (spec) => {
    stop();
    B.cur = {spec, t0: null, t1: null, cand: null, saw_busy: false, done: false};
    B.obs = new MutationObserver(B.check);
    B.obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
    B.poll = setInterval(B.check, 50);  // a change that no mutation marks (layout) is caught within 50 ms
  };
  const begin = () => {
    const c = B.cur;
    if (c && c.t0 === null) { c.t0 = performance.now(); setTimeout(B.check, 0); }
  };
  for (const ev of ["pointerdown", "mousedown", "keydown"]) document.addEventListener(ev, begin, true);
})();
"""

IDLE_JS = "() => window.__bench && !window.__bench.busy()"


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def start_streamlit(script: str, log: Path, env: dict[str, str] | None = None) -> Server:
    """`streamlit run` on a free localhost port from the project folder (so both apps read the same
    .streamlit/config.toml), until its health check answers."""
    port = free_port()
    fh = open(log, "ab")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=fh,
        stderr=subprocess.STDOUT,
    )
    fh.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Streamlit stopte meteen: {log.read_text(errors='replace')[-1500:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(url, proc, log)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("Streamlit gaf binnen 90 s geen antwoord")


def p90(values: list[float]) -> float:
    """Nearest rank: with 7 runs the slowest but one, with 10 the slowest."""
    s = sorted(values)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


# ---- one tab in Chromium, and the timed step ----------------------------------------------------------------


class Tab:
    """One Chromium page on one app, with the harness in it."""

    def __init__(self, browser: Any, url: str, timeout_ms: float) -> None:
        self.ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        self.ctx.add_init_script(HARNAS_JS)
        self.pg = self.ctx.new_page()
        self.pg.set_default_timeout(timeout_ms)
        self.timeout_ms = timeout_ms
        self.url = url
        self.huidig: str | None = None  # the page title the tab shows, as far as we navigated it
        self.pg.goto(url)
        self.pg.wait_for_selector("[data-testid='stMain']")
        self.rust()

    def rust(self) -> None:
        """Until Streamlit is idle, and a moment more: the next interaction starts from a quiet page."""
        self.pg.wait_for_timeout(50)
        self.pg.wait_for_function(IDLE_JS, polling=50, timeout=self.timeout_ms)
        self.pg.wait_for_timeout(100)

    def wacht(self, spec: dict[str, Any]) -> None:
        """Untimed: until the element of `spec` is shown and Streamlit is idle."""
        self.pg.evaluate("s => { window.__bench.arm(s); window.__bench.cur.t0 = 0; }", spec)
        self.pg.wait_for_function("() => window.__bench.cur.done", polling=50, timeout=self.timeout_ms)
        self.rust()

    def meet(self, spec: dict[str, Any], actie: Callable[[], None]) -> float:
        """Seconds from the action's first pointerdown/keydown until `spec` is on screen and Streamlit idle."""
        self.pg.bring_to_front()
        self.pg.evaluate("s => window.__bench.arm(s)", spec)
        actie()
        self.pg.wait_for_function("() => window.__bench.cur.done", polling=50, timeout=self.timeout_ms)
        c = self.pg.evaluate("() => window.__bench.cur")
        if c["t0"] is None:
            raise RuntimeError("de actie gaf geen klik of toets in de pagina")
        self.rust()
        return (c["t1"] - c["t0"]) / 1000

    def nav(self, titel: str) -> None:
        self.pg.get_by_test_id("stSidebarNav").get_by_text(titel, exact=True).click()

    def ga_naar(self, titel: str, kop: str) -> None:
        """Untimed: open a page from the sidebar (if it is not open) and wait until it is there."""
        if self.huidig == titel:
            return
        self.nav(titel)
        self.wacht(kop_spec(kop))
        self.huidig = titel

    def close(self) -> None:
        self.ctx.close()


def kop_spec(kop: str) -> dict[str, Any]:
    """A page is there when its heading is shown, every figure on it is drawn and Streamlit is idle."""
    return {"sel": "[data-testid='stMain'] h1", "text": kop}


CEL_RUST_MS = 400  # Streamlit's data editor sends a second run ~100–300 ms after the first one's result


def _cel_spec(container: str, kol: int, voor: str) -> dict[str, Any]:
    return {"sel": f"{container} [id='glide-cell-{kol}-0']", "not_text": voor, "hidden": True, "settle_ms": CEL_RUST_MS}


def _cel_tekst(tab: Tab, container: str, kol: int) -> str:
    cel = tab.pg.locator(f"{container} [id='glide-cell-{kol}-0']").first
    cel.wait_for(state="attached")
    return cel.text_content().strip()


def _kies_cel(tab: Tab, container: str) -> None:
    """Untimed: click cell (row 0, column 0) of a data editor; the grid then also has its cells for screen
    readers, which tell what a cell shows (the canvas has no text). A grid that a rerun just redrew may miss
    the first click: try again."""
    pg = tab.pg
    editor = pg.locator(container).first
    editor.scroll_into_view_if_needed()
    for _ in range(4):
        box = editor.get_by_test_id("stDataFrame").bounding_box()
        if box is None:
            raise RuntimeError(f"geen tabel in {container}")
        pg.mouse.click(box["x"] + 20, box["y"] + 35 + 17)
        try:
            pg.locator(f"{container} [id='glide-cell-0-0'][aria-selected='true']").wait_for(
                state="attached", timeout=3_000
            )
            return
        except Exception:  # noqa: BLE001 – Playwright's TimeoutError: try again
            pg.wait_for_timeout(300)
    raise RuntimeError(f"de eerste cel in {container} liet zich niet kiezen")


def _typ_in_cel(tab: Tab, container: str, kol: int, waarde: str) -> None:
    """Untimed: from the chosen cell (row 0, column 0) walk to `kol` and type `waarde` into its editor; Enter,
    the timed part, saves it."""
    pg = tab.pg
    for _ in range(kol):
        pg.keyboard.press("ArrowRight")
    pg.keyboard.type(waarde)
    invoer = pg.locator("#portal .gdg-input")
    invoer.wait_for(timeout=5_000)
    if invoer.input_value() != waarde:
        raise RuntimeError(f"de cel in {container} kreeg '{invoer.input_value()}' in plaats van '{waarde}'")


# ---- the interactions: app and trivial twin ----------------------------------------------------------------


@dataclass
class Interactie:
    """One interaction: how to time it once on the app and once on the trivial app (setup untimed inside)."""

    key: str
    label: str
    twin: str
    app: Callable[[Tab, int], float]
    triviaal: Callable[[Tab, int], float]


def _stap_kop(nummer: int) -> tuple[str, str]:
    s = methode.stap(nummer)
    return f"{s.nummer}. {s.naam}", f"Stap {s.nummer} · {s.naam}"


def sidebar_pages() -> list[tuple[str, str]]:
    """(title in the sidebar, heading on the page) of every page a procesbegeleider opens from the sidebar, in
    the sidebar's order (app.py; the group screen is hidden there)."""
    traject = [
        ("Overzicht", "Overzicht"),
        ("Trajecten beheren", "Trajecten beheren"),
        ("Deelnemers", "Deelnemers"),
        ("Bijeenkomsten", "Bijeenkomsten"),
        ("Importeren en exporteren", "Importeren en exporteren"),
        ("Groepen", "Groepen"),
        ("Analyse themadag", "Analyse themadag"),
        ("Meedoen", "Meedoen"),
    ]
    return traject + [_stap_kop(n) for n in range(1, 11)]


def _triviaal_pagina(tab: Tab, _i: int) -> float:
    tab.ga_naar("Tweede", "Tweede")
    t = tab.meet(kop_spec("Start"), lambda: tab.nav("Start"))
    tab.huidig = "Start"
    return t


def _pagina(titel: str, kop: str) -> Callable[[Tab, int], float]:
    def app(tab: Tab, _i: int) -> float:
        if tab.huidig == titel:  # a click on the open page does nothing: come from elsewhere
            ander = "Groepen" if titel == "Overzicht" else "Overzicht"
            tab.ga_naar(ander, ander)
        t = tab.meet(kop_spec(kop), lambda: tab.nav(titel))
        tab.huidig = titel
        return t

    return app


def _enter(tab: Tab, veld: str, kaart: str, tekst: str) -> float:
    invoer = tab.pg.locator(f".st-key-{veld} input")
    invoer.fill(tekst)
    return tab.meet({"sel": f"[class*='st-key-{kaart}']", "text": tekst}, lambda: invoer.press("Enter"))


def _app_enter(tab: Tab, i: int) -> float:
    tab.ga_naar(*_stap_kop(4))
    return _enter(tab, "s4_tekst", "s4_kaart_", f"Bench knelpunt {i} {time.time_ns() % 10**6}")


def _triv_enter(tab: Tab, i: int) -> float:
    tab.ga_naar("Start", "Start")
    return _enter(tab, "t_tekst", "t_kaart_", f"Triviaal {i} {time.time_ns() % 10**6}")


def _app_gebied(tab: Tab, i: int) -> float:
    tab.ga_naar(*_stap_kop(5))
    doel = ("kennis", "keten")[i % 2]
    if tab.pg.locator(f".st-key-s5_kol_{doel}").count():  # already there: the other one first
        doel = ("keten", "kennis")[i % 2]
    label = tab.pg.locator("[data-testid='stRadio'] label").filter(
        has_text=re.compile(f"^{re.escape(methode.gebied_label(doel))}")
    )
    return tab.meet({"sel": f".st-key-s5_kol_{doel}"}, lambda: label.first.click())


def _triv_keuze(tab: Tab, i: int) -> float:
    tab.ga_naar("Start", "Start")
    doel = "Twee" if tab.pg.locator(".st-key-t_kol_een").count() else "Een"
    label = tab.pg.locator(".st-key-t_radio label").filter(has_text=re.compile(f"^{doel}$"))
    return tab.meet({"sel": f".st-key-t_kol_{doel.lower()}"}, lambda: label.first.click())


S6_TABS = ("1. Wat kunnen we oplossen?", "2. Belang en quick win")
S6_SCORES = "[class*='st-key-s6_scores_']"


def _tab(tab: Tab, naam: str) -> Callable[[], None]:
    knop = tab.pg.get_by_test_id("stMain").get_by_role("tab", name=naam, exact=True)
    return lambda: knop.click()


def _app_tabblad(tab: Tab, _i: int) -> float:
    tab.ga_naar(*_stap_kop(6))
    eerste = {"sel": ".st-key-s6_oplosbaar [data-testid='stDataFrame'] canvas"}
    if not tab.pg.locator(".st-key-s6_oplosbaar").count():
        _tab(tab, S6_TABS[0])()
        tab.wacht(eerste)
    spec = {"sel": f"{S6_SCORES} [data-testid='stDataFrame'] canvas"}
    return tab.meet(spec, _tab(tab, S6_TABS[1]))


def _triv_tabblad(tab: Tab, _i: int) -> float:
    tab.ga_naar("Start", "Start")
    if tab.pg.locator(".st-key-t_editor").count():
        tab.pg.get_by_role("tab", name="Een", exact=True).click()
        tab.wacht({"sel": "[data-testid='stMain'] [data-testid='stText']", "text": "Het eerste tabblad."})
    spec = {"sel": ".st-key-t_editor [data-testid='stDataFrame'] canvas"}
    return tab.meet(spec, lambda: tab.pg.get_by_role("tab", name="Twee", exact=True).click())


def _cel(tab: Tab, container: str, kol_score: int, kol_gevolg: int) -> float:
    """Type a score that moves row 0 to the other side of the line (≥ 4 is hoog) and time Enter until the
    derived column shows the stored result."""
    _kies_cel(tab, container)
    huidig = _cel_tekst(tab, container, kol_score)
    waarde = "1" if huidig.isdigit() and int(huidig) >= 4 else "5"
    voor = _cel_tekst(tab, container, kol_gevolg)
    _typ_in_cel(tab, container, kol_score, waarde)
    return tab.meet(_cel_spec(container, kol_gevolg, voor), lambda: tab.pg.keyboard.press("Enter"))


def _app_cel(tab: Tab, _i: int) -> float:
    tab.ga_naar(*_stap_kop(6))
    if not tab.pg.locator(S6_SCORES).count():
        spec = {"sel": f"{S6_SCORES} [data-testid='stDataFrame'] canvas"}
        _tab(tab, S6_TABS[1])()
        tab.wacht(spec)
    return _cel(tab, S6_SCORES, 2, 5)  # Belang → Kwadrant


def _triv_cel(tab: Tab, _i: int) -> float:
    tab.ga_naar("Start", "Start")
    if not tab.pg.locator(".st-key-t_editor").count():
        tab.pg.get_by_role("tab", name="Twee", exact=True).click()
        tab.wacht({"sel": ".st-key-t_editor [data-testid='stDataFrame'] canvas"})
    return _cel(tab, ".st-key-t_editor", 1, 2)  # Score → Kwadrant


def _knop(tab: Tab, veld: str, knop: str, tekst: str) -> float:
    tab.pg.locator(f".st-key-{veld} input").fill(tekst)
    button = tab.pg.get_by_test_id("stMain").get_by_role("button", name=knop, exact=True)
    return tab.meet({"sel": "[data-testid='stMain'] [data-testid='stAlert']", "text": tekst}, lambda: button.click())


def _app_actie(tab: Tab, i: int) -> float:
    tab.ga_naar(*_stap_kop(7))
    return _knop(tab, "s7_na_wat", "Actie toevoegen", f"Bench actie {i} {time.time_ns() % 10**6}")


def _triv_knop(tab: Tab, i: int) -> float:
    tab.ga_naar("Start", "Start")
    return _knop(tab, "t_tekst", "Toevoegen", f"Triviaal knop {i} {time.time_ns() % 10**6}")


def interacties() -> list[Interactie]:
    """Every interaction of issue 22, in the order they run."""
    uit: list[Interactie] = [
        Interactie(
            "stap4_enter",
            "Enter in stap 4 tot de nieuwe kaart",
            "Enter in een formulier tot de kaart",
            _app_enter,
            _triv_enter,
        ),
        Interactie("stap5_gebied", "Gebied kiezen in stap 5", "Keuzerondje", _app_gebied, _triv_keuze),
        Interactie(
            "stap6_tabblad", "Tabblad wisselen in stap 6 (1 → 2)", "Tabblad wisselen", _app_tabblad, _triv_tabblad
        ),
        Interactie("stap6_cel", "Cel bewerken in stap 6 (belang → kwadrant)", "Cel bewerken", _app_cel, _triv_cel),
        Interactie("stap7_actie", "Actie bewaren in stap 7", "Formulier bewaren met de knop", _app_actie, _triv_knop),
    ]
    for titel, kop in sidebar_pages():
        key = "analyse_openen" if titel == "Analyse themadag" else f"pagina {titel}"
        label = "Analyse openen (met grafieken)" if titel == "Analyse themadag" else f"Pagina openen: {titel}"
        uit.append(Interactie(key, label, "Pagina openen", _pagina(titel, kop), _triviaal_pagina))
    return uit


# ---- the run ---------------------------------------------------------------------------------------------------


@dataclass
class Meting:
    app: list[float] = field(default_factory=list)
    triviaal: list[float] = field(default_factory=list)
    fout: str | None = None


def _samenvatting(i: Interactie, m: Meting) -> dict[str, Any]:
    if m.fout or not m.app or not m.triviaal:
        return {"label": i.label, "error": m.fout or "niet gemeten"}
    med, tmed = statistics.median(m.app), statistics.median(m.triviaal)
    return {
        "label": i.label,
        "median_s": round(med, 4),
        "p90_s": round(p90(m.app), 4),
        "runs_s": [round(x, 4) for x in m.app],
        "trivial": {
            "label": i.twin,
            "median_s": round(tmed, 4),
            "p90_s": round(p90(m.triviaal), 4),
            "runs_s": [round(x, 4) for x in m.triviaal],
        },
        "ratio": round(med / tmed, 3),
    }


def meet_grootte(
    browser: Any,
    db: Path,
    folder: Path,
    n: int,
    runs: int,
    alleen: set[str] | None = None,
    log: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    """Both apps side by side on a themadag of n knelpunten; every interaction runs+1 times in turns (the first
    round warms both up – component code, fonts, caches – and is not counted)."""
    from schouders.bench import build_traject
    from schouders.store import Store

    store = Store(db, backup_interval=3600)
    store.add_many(build_traject(n))
    del store
    script = folder / "triviaal_app.py"
    script.write_text(TRIVIAL_APP, encoding="utf-8")
    app_srv = start_streamlit("app.py", folder / f"app{n}.log", {"SCHOUDERS_DB": str(db)})
    triv_srv = start_streamlit(str(script), folder / f"triviaal{n}.log")
    uit: dict[str, Any] = {}
    try:
        app, triv = Tab(browser, app_srv.url, 90_000), Tab(browser, triv_srv.url, 60_000)
        app.huidig, triv.huidig = "Overzicht", "Start"
        for inter in interacties():
            if alleen and inter.key not in alleen:
                continue
            m = Meting()
            try:
                for r in range(runs + 1):
                    a = inter.app(app, r)
                    t = inter.triviaal(triv, r)
                    if r:
                        m.app.append(a)
                        m.triviaal.append(t)
            except Exception as exc:  # noqa: BLE001 – one broken interaction must not hide the others' figures
                m.fout = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
                for tab in (app, triv):  # start the next one from a fresh page
                    tab.pg.goto(tab.url)
                    tab.rust()
                app.huidig, triv.huidig = "Overzicht", "Start"
            uit[inter.key] = _samenvatting(inter, m)
            s = uit[inter.key]
            log(
                f"  {n}: {inter.label}: "
                + (
                    f"{s['median_s'] * 1000:.0f} ms (triviaal {s['trivial']['median_s'] * 1000:.0f} ms)"
                    if "ratio" in s
                    else s["error"]
                )
            )
        app.close()
        triv.close()
    finally:
        app_srv.stop()
        triv_srv.stop()
    return uit


def _machine() -> dict[str, Any]:
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": load,
        "python": platform.python_version(),
    }


def _doel(ratio: float, doel: float) -> dict[str, Any]:
    return {"ratio": round(ratio, 3), "target": doel, "met": ratio <= doel}


def targets(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """≤ 2× the twin at the largest size; growth of that ratio from the smallest size ≤ 1.3× (a ratio, not a
    time: the machine's load cancels out)."""
    sizes = result["sizes"]
    big, small = max(sizes), min(sizes)
    uit: dict[str, dict[str, Any]] = {}
    for key, m in result["interactions"][str(big)].items():
        if "ratio" not in m:
            uit[f"{key} ({big})"] = {"ratio": None, "target": DOEL_TWIN, "met": False, "error": m["error"]}
            continue
        uit[f"{key} ({big})"] = _doel(m["ratio"], DOEL_TWIN)
        if big != small:
            klein = result["interactions"][str(small)].get(key, {})
            if "ratio" in klein:
                groei = _doel(m["ratio"] / klein["ratio"], DOEL_GROEI)
                groei["seconds_ratio"] = round(m["median_s"] / klein["median_s"], 3)  # the plain times, for reading
                uit[f"{key} groei ({big}/{small})"] = groei
            else:
                uit[f"{key} groei ({big}/{small})"] = {"ratio": None, "target": DOEL_GROEI, "met": False}
    return uit


def run(
    sizes: list[int], runs: int = 7, alleen: set[str] | None = None, log: Callable[[str], None] = lambda s: None
) -> dict[str, Any]:
    """The whole browser bench; raises RuntimeError when Chromium is missing (playwright is checked by main)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium staat niet op {CHROMIUM} (of zet SCHOUDERS_CHROMIUM).")
    result: dict[str, Any] = {
        "sizes": sizes,
        "runs": runs,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "interactions": {},
    }
    with tempfile.TemporaryDirectory(prefix="schouders-bench-browser-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                result["interactions"][str(n)] = meet_grootte(
                    browser, Path(tmp) / f"bench{n}.json", Path(tmp), n, runs, alleen, log
                )
        finally:
            browser.close()
    result["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    result["machine"]["load_average_end"] = _machine()["load_average"]
    result["targets"] = targets(result)
    return result


def print_table(result: dict[str, Any]) -> None:
    """Dutch, one line per interaction and size, then the targets."""
    m = result["machine"]
    print(
        f"In de browser (Chromium), {result['runs']} keer per meting, {m['cpus']} kernen, belasting {m['load_average']}"
    )
    for n in result["sizes"]:
        print(f"\n{n} knelpunten{'':<37}mediaan     p90   triviaal  verhouding")
        for s in result["interactions"][str(n)].values():
            if "ratio" not in s:
                print(f"  {s['label'][:46]:<46}  FOUT: {s['error']}")
                continue
            print(
                f"  {s['label'][:46]:<46}{s['median_s'] * 1000:>6.0f} ms{s['p90_s'] * 1000:>6.0f} ms"
                f"{s['trivial']['median_s'] * 1000:>8.0f} ms{s['ratio']:>9.2f} ×"
            )
    t = result["targets"]
    width = max((len(k) for k in t), default=10) + 2
    print(f"\n{'doel'.ljust(width)}{'verhouding':>11}{'doel':>7}  gehaald")
    for name, d in t.items():
        ratio = "–" if d["ratio"] is None else f"{d['ratio']:.2f}"
        print(f"{name.ljust(width)}{ratio:>11}{d['target']:>7.1f}  {'ja' if d['met'] else 'NEE'}")


# ---- a part of the bench, for trying a change: python -m schouders.bench_browser --alleen … -----------------


def kies(woorden: list[str]) -> set[str]:
    """The keys of the interactions whose key or label contains one of `woorden` (case-insensitive); raises
    ValueError, in Dutch, for a word that matches nothing."""
    alle = interacties()
    uit: set[str] = set()
    for woord in woorden:
        w = woord.strip().casefold()
        gevonden = {i.key for i in alle if w and (w in i.key.casefold() or w in i.label.casefold())}
        if not gevonden:
            raise ValueError(f"geen interactie met '{woord}' in de naam; kies uit: {', '.join(i.key for i in alle)}")
        uit |= gevonden
    return uit


def main(argv: list[str]) -> int:
    """Only some interactions, for trying a change quickly; the whole bench is `python -m schouders bench
    --browser`."""
    import argparse

    p = argparse.ArgumentParser(
        prog="python -m schouders.bench_browser",
        description="Meet een deel van de interacties in Chromium, naast de lege Streamlit-app: handig om een "
        "verandering snel te proberen. De hele meting is: python -m schouders bench --browser.",
    )
    p.add_argument(
        "--alleen",
        action="append",
        default=[],
        metavar="WOORD",
        help="meet alleen de interacties met dit woord in hun naam, bijvoorbeeld --alleen stap4 --alleen Analyse "
        "(vaker te geven; standaard: alle)",
    )
    p.add_argument("--runs", type=int, default=7, metavar="N", help="metingen per interactie (standaard 7)")
    p.add_argument(
        "--size",
        choices=("small", "full"),
        default="small",
        help="small: 100 knelpunten (standaard); full: 100 en 1.020",
    )
    p.add_argument("--json", action="store_true", help="de uitkomst als JSON")
    args = p.parse_args(argv)
    try:
        alleen = kies(args.alleen) if args.alleen else None
    except ValueError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return draai(SIZES[args.size], runs=args.runs, alleen=alleen, json_uit=args.json)


def draai(sizes: list[int], *, runs: int, json_uit: bool, alleen: set[str] | None = None) -> int:
    """Run the measurement and print it (a table, or JSON on stdout with progress on stderr); the exit code.
    Shared by `python -m schouders bench --browser` and this module's own command line."""
    import json

    log = (lambda s: print(s, file=sys.stderr, flush=True)) if json_uit else (lambda s: print(s, flush=True))
    os.chdir(ROOT)
    try:
        result = run(sizes, runs=runs, alleen=alleen, log=log)
    except RuntimeError as exc:
        print(f"De meting in de browser lukte niet: {exc}", file=sys.stderr)
        return 2
    if json_uit:
        print(json.dumps({"browser": result}, indent=2, default=str))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

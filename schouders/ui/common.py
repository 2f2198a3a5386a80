"""Shared Streamlit pieces: the store, the per-rerun snapshot, the chosen traject, step headers, messages.

Pages stay thin: they call `ctx = page(stap=N)` and get the store, one snapshot and the traject.
Writes happen in widget callbacks through `act()`, so the rerun that follows reads fresh data and a
`ValueError` from the model turns into one Dutch message instead of a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from schouders import methode
from schouders.store import Snapshot, Store, StoreError, default_path, open_store

TRAJECT_KEY = "traject_id"
SHELL_KEY = "_app_shell"  # set by app.py's sidebar: this session has run through the navigation
PRESENTATIE_KEY = "presentatie"  # the presentation-mode switch (schouders/ui/presentatie.py)
PRESENTATIE_URL = "presentatie"  # "?presentatie=1" in the address: a refresh of the shared screen stays in it
_FLASH = "_flash"


@st.cache_resource(show_spinner=False)
def _store_for(path: str) -> Store:
    return open_store(path)


def get_store() -> Store:
    """The process-wide store for SCHOUDERS_DB (or data/schouders.json)."""
    return _store_for(str(default_path()))


def snapshot() -> Snapshot:
    """The data for this rerun. The store only re-reads the file when it changed."""
    return get_store().snapshot()


@dataclass
class Context:
    store: Store
    snap: Snapshot
    traject: Any | None

    @property
    def tid(self) -> str:
        return self.traject.id if self.traject else ""


URL_KEY = "traject"  # ?traject=<id>: a refresh, a bookmark and a second tab open the same traject
_URL_ONBEKEND = "_traject_url_onbekend"  # the id from a link that names no traject here
_URL_GEZET = "_traject_url_gezet"  # the ids this session wrote into the URL


def selected_traject(snap: Snapshot) -> Any | None:
    """The traject this window works in: the one the URL names, else the one chosen in this session, else
    the newest. The URL is set to match, so the sidebar and the URL always agree. A link to a traject that
    does not exist here opens none (the page says so) rather than another one by surprise."""
    s = st.session_state
    uit_url = st.query_params.get(URL_KEY)
    # A URL we did not write ourselves (a link, a bookmark, a refresh, a second tab) names the traject. An id this
    # session wrote before is a stale echo (a rerun the browser sent before it saw the newer URL): never followed.
    if uit_url and uit_url not in s.get(_URL_GEZET, ()) and uit_url != s.get(TRAJECT_KEY):
        if snap.get("traject", uit_url) is None:
            s[TRAJECT_KEY], s[_URL_ONBEKEND] = None, uit_url
            return None
        s[TRAJECT_KEY] = uit_url
    if s.get(_URL_ONBEKEND) and s.get(TRAJECT_KEY) is None:
        return None
    t = snap.get("traject", s.get(TRAJECT_KEY))
    if t is None:
        actief = snap.trajecten()
        t = actief[0] if actief else None
        s[TRAJECT_KEY] = t.id if t else None
    if t is not None:
        _schrijf_url(t.id)
        if uit_url != t.id:
            st.query_params[URL_KEY] = t.id
    return t


def _schrijf_url(traject_id: str) -> None:
    st.session_state[_URL_GEZET] = st.session_state.get(_URL_GEZET, frozenset()) | {traject_id}


def onbekend_uit_url() -> str | None:
    """The traject id of a link that names no traject here (None when the link was fine)."""
    return st.session_state.get(_URL_ONBEKEND) if st.session_state.get(TRAJECT_KEY) is None else None


def select_traject(traject_id: str | None) -> None:
    """Work in this traject from now on, in this window: session and URL change together."""
    st.session_state[TRAJECT_KEY] = traject_id
    st.session_state.pop(_URL_ONBEKEND, None)
    if traject_id:
        st.query_params[URL_KEY] = traject_id
        _schrijf_url(traject_id)
    else:
        st.query_params.pop(URL_KEY, None)


def page(
    stap: int | None = None,
    *,
    need_traject: bool = True,
    title: str | None = None,
    presentatie_view: Callable[[Context], None] | None = None,
) -> Context:
    """Start a page: one snapshot, the chosen traject, the step header, pending messages.

    In presentation mode it shows the step's board for the group instead (or `presentatie_view`) and stops;
    the step's timer sits in the sidebar, or beside the board in presentation mode.
    """
    from schouders.ui import groepsscherm, presentatie, scope, toegang
    from schouders.ui import timer as timer_ui

    if toegang.procesbegeleider() and SHELL_KEY not in st.session_state and toegang.naar_navigatie():
        # A deep link on a fresh server runs the pages/ file without app.py (Streamlit's pages-folder mode):
        # rerun through app.py so the sidebar, the traject picker and the page config are there.
        st.rerun()
    if not toegang.procesbegeleider():
        # app.py gives participants only the Meedoen page. But before any session has run app.py, Streamlit
        # runs a pages/ file that a URL names directly (its pages-folder mode): then show the form here.
        if toegang.naar_navigatie():
            st.rerun()  # now through app.py: only the Meedoen page, hidden navigation
        from schouders.ui import meedoen as meedoen_ui

        meedoen_ui.deelnemer()
        st.stop()
    store = get_store()
    snap = store.snapshot()
    traject = selected_traject(snap)
    groepsscherm.volg(traject, stap)
    if presentatie.aan():
        presentatie.toon(Context(store, snap, traject), stap=stap, title=title, view=presentatie_view)
        st.stop()
    with st.sidebar:
        if traject is not None:  # one choice for the whole traject: every page records at this meeting
            scope.kies_bijeenkomst(Context(store, snap, traject), label="Bijeenkomst van nu")
        timer_ui.toon(*presentatie.timer_sleutel(stap))
        if traject is not None:
            groepsscherm.bediening(traject.id)
        groepsscherm.ververs_bij_wijziging(snap.revision)
    if stap is not None:
        s = methode.stap(stap)
        st.title(f"Stap {s.nummer} · {s.naam}")
        stap_uitleg(stap)
    elif title:
        st.title(title)
    show_flash()
    onbekend = onbekend_uit_url()
    if onbekend:
        st.error(
            f"De link noemt een traject dat hier niet bestaat (code {esc(onbekend[:40])}). Misschien is het "
            "verwijderd of staat het in een ander gegevensbestand. Kies een traject in de zijbalk."
        )
        st.stop()
    if traject is not None and traject.gearchiveerd:
        st.warning(
            f"'{esc(traject.naam)}' staat in het archief. Je kunt het bekijken en wijzigen; op Trajecten beheren "
            "haal je het terug."
        )
    if need_traject and traject is None:
        st.info("Er is nog geen traject. Maak er een aan of laad de voorbeeldtrajecten op de pagina Overzicht.")
        st.page_link("pages/overzicht.py", label="Naar Overzicht", icon=":material/home:")
        st.stop()
    return Context(store, snap, traject)


def stap_uitleg(nummer: int) -> None:
    """The step's purpose and facilitator prompts: small, always visible, in every mode."""
    s = methode.stap(nummer)
    prompts = " · ".join(s.prompts[:3])
    st.caption(f"**Doel van deze stap:** {s.doel}  \n**Vragen voor de groep:** {prompts}")


def flash(message: str, kind: str = "success") -> None:
    st.session_state.setdefault(_FLASH, []).append((kind, message))


def show_flash() -> None:
    # Always one container, also when empty: the elements below keep their place in the page, so a form
    # is not rebuilt after a message and its field keeps the keyboard focus.
    with st.container():
        for kind, message in st.session_state.pop(_FLASH, []):
            {"success": st.success, "error": st.error, "warning": st.warning, "info": st.info}[kind](esc(message))


def act(fn: Callable[..., Any], *args: Any, ok: str | None = None, **kwargs: Any) -> Any:
    """Run a write; a ValueError/StoreError becomes one Dutch error message and changes nothing."""
    try:
        result = fn(*args, **kwargs)
    except (ValueError, StoreError) as exc:
        flash(str(exc), "error")
        return None
    if ok:
        flash(ok)
    return result


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def esc(text: str) -> str:
    """User text made safe for st.markdown/st.caption: no markdown, links, images or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def gebied_badge(key: str | None) -> str:
    """A coloured label for a gebied, as markdown (labels are ours, not user text)."""
    return f"**{methode.gebied_label(key)}**"


def als_arrow(df: pd.DataFrame) -> pa.Table:
    """A table that is only shown (st.dataframe, st.table), in Arrow form: Streamlit sends tables as Arrow and
    converts a pandas frame again on every rerun. Memoise the result (`Snapshot.memo`): converted once per
    version of the data (about 1 ms per table of a few hundred rows). The index is dropped."""
    return pa.Table.from_pandas(df, preserve_index=False)


def kaart(label: str, *, key: str, on_change: Any = "rerun", args: tuple[Any, ...] | None = None) -> Any:
    """A card that is the button of its own popover: `label` is safe markdown (escape user text). Whatever the
    page puts in the popover renders only while it is open, so a board of many cards stays one element each.
    Style the cards with `kaarten_stijl`."""
    return st.popover(label, key=key, on_change=on_change, args=args, width="stretch", wrap=True)


def kaart_knop_css(key_prefix: str) -> str:
    """CSS for cards that are the button of their own popover (keys starting with `key_prefix`): white, text
    left and wrapping, no arrow; a shadow on hover says "click me". Our own constant rules, no user text."""
    sel = f"[class*='st-key-{key_prefix}'] button"
    return (
        f"{sel} {{background: #FFFFFF !important; justify-content: flex-start !important; text-align: left"
        " !important; white-space: normal !important; height: auto !important; padding: 0.45rem 0.6rem"
        " !important;}\n"
        f"{sel} p {{text-align: left !important; font-size: 1rem !important; hyphens: auto;}}\n"  # shared screen
        f"{sel} p:has(> .stMarkdownColoredText:only-child) {{font-size: 0.875rem !important;}}\n"  # who, when
        f"{sel}:hover {{box-shadow: 0 1px 5px rgba(0, 0, 0, 0.25);}}\n"
        f"{sel} [data-testid='stIconMaterial'] {{display: none;}}"
    )


def kaarten_stijl(key_prefix: str) -> None:
    """Put the card style (`kaart_knop_css`) on the page, for the cards whose keys start with `key_prefix`."""
    st.html(f"<style>\n{kaart_knop_css(key_prefix)}\n</style>")


def wissel(flag: str) -> None:
    """Button callback: turn a yes/no flag in the session around ("Toon alle" / "Toon minder")."""
    st.session_state[flag] = not st.session_state.get(flag, False)


def vaste_keuze(
    widget: Callable[..., Any], label: str, opties: Sequence[Any], *, key: str, standaard: Any, **kwargs: Any
) -> Any:
    """A radio or selectbox that stays on its option when the option's label changes (a count in it).

    Streamlit maps the browser's choice back through the label, so a label that changed between two reruns
    (adding a knelpunt makes "Kennis (1)" "Kennis (2)") would drop the choice back to the default. The option
    on screen is kept aside (and a new pick, by the callback) and put back before the widget is drawn.
    Give no `index`.
    """
    laatste = f"{key}__laatste"

    def _bewaar() -> None:
        st.session_state[laatste] = st.session_state[key]

    vorige = st.session_state.get(laatste, standaard)
    st.session_state[key] = vorige if vorige in opties else standaard
    waarde = widget(label, list(opties), key=key, on_change=_bewaar, **kwargs)
    st.session_state[laatste] = waarde  # what is on screen now, also when nobody picked
    return waarde


def _on_pick() -> None:
    select_traject(st.session_state["_traject_picker"])


# Our own constant CSS and script, no user text (WCAG 2.1 AA fixes for Streamlit's defaults):
# - captions: Streamlit fades them to about 4.1:1 on the sidebar grey; AA asks 4.5:1 for small text;
# - the page language is Dutch (screen readers pronounce it right);
# - the sidebar navigation puts <div> sections inside its <ul>: give the list roles that hold;
# - a table (st.table) that scrolls must be reachable by keyboard: its scroll box gets a tab stop;
# - a page that Streamlit's frontend dropped (blank) is loaded again.
_TOEGANKELIJK = """
<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4A5058 !important; }
[data-testid="stCaptionContainer"] code { color: #1F2328 !important; }
</style>
<script>
(function () {
  document.documentElement.lang = "nl";
  if (window.__schoudersToegankelijk) return;
  window.__schoudersToegankelijk = true;
  function herstel() {
    document.documentElement.lang = "nl";
    document.querySelectorAll('[data-testid="stSidebarNavItems"]').forEach(function (ul) {
      if (ul.getAttribute("role") !== "none") ul.setAttribute("role", "none");
      Array.prototype.forEach.call(ul.children, function (kind) {
        if (kind.tagName !== "LI" && kind.querySelector("li") && kind.getAttribute("role") !== "list") {
          kind.setAttribute("role", "list");
        }
      });
    });
    document.querySelectorAll('[data-testid="stTable"] > div').forEach(function (box) {
      var scrolt = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolt && box.getAttribute("tabindex") !== "0") {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabel, scroll met de pijltjestoetsen");
      }
    });
  }
  var gepland = false;
  function plan() {  // at most once per frame, however much Streamlit redraws
    if (gepland) return;
    gepland = true;
    window.requestAnimationFrame(function () { gepland = false; herstel(); });
  }
  herstel();
  new MutationObserver(plan).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", plan);
  // Streamlit's page can go blank when a click lands while a run is still arriving ("Bad delta path index":
  // its frontend drops the whole page). Then load the page again, as a person would press F5: the traject is
  // in the address, everything stored stays. At most once per 10 s, so it can never loop.
  window.addEventListener("error", function (e) {
    var tekst = String((e && (e.message || (e.error && e.error.message))) || "");
    if (tekst.indexOf("Bad delta path") === -1) return;
    window.setTimeout(function () {
      if (document.querySelector('[data-testid="stMain"]')) return;  // the page is still there
      var nu = Date.now();
      var vorige = Number(window.sessionStorage.getItem("schoudersHerladen") || 0);
      if (nu - vorige < 10000) return;
      window.sessionStorage.setItem("schoudersHerladen", String(nu));
      window.location.reload();
    }, 500);
  });
})();
</script>
"""


def toegankelijk() -> None:
    """Dutch page language, caption contrast and list roles for the navigation, and a page that went blank by
    a Streamlit frontend error loaded again; runs on every page."""
    st.html(_TOEGANKELIJK, unsafe_allow_javascript=True)


def sidebar() -> None:
    """Traject picker and presentation switch; runs before every page. The data file's path is not here: the
    sidebar is on the shared screen (it is on Trajecten beheren)."""
    toegankelijk()
    try:
        store = get_store()
    except StoreError as exc:
        st.error(esc(str(exc)))
        st.stop()
    st.session_state[SHELL_KEY] = True
    snap = store.snapshot()
    traject = selected_traject(snap)
    actief = snap.trajecten()
    with st.sidebar:
        if actief:
            ids = [t.id for t in actief]
            if traject is not None and traject.id not in ids:  # an archived traject stays pickable
                ids.insert(0, traject.id)
            names = {t.id: f"{t.naam} · {methode.werkvorm(t.werkvorm).label}" for t in snap.all("traject")}
            st.session_state["_traject_picker"] = traject.id if traject else None
            st.selectbox(
                "Traject",
                ids,
                key="_traject_picker",
                format_func=lambda i: names.get(i, i),
                on_change=_on_pick,
                placeholder="Kies een traject",
            )
        else:
            st.caption("Nog geen traject.")
        _presentatie_uit_url()
        st.toggle(
            "Presentatiemodus",
            key=PRESENTATIE_KEY,
            help="Groot en rustig beeld voor de groep, zonder knoppen om te bewerken. Alles blijft bewaard.",
        )
        _presentatie_naar_url()


def _presentatie_uit_url() -> None:
    """A new session (a refresh, or the page loaded again after a frontend error) takes presentation mode from
    the address, so the shared screen never falls back to the editing view with its real names."""
    if PRESENTATIE_KEY not in st.session_state and st.query_params.get(PRESENTATIE_URL) == "1":
        st.session_state[PRESENTATIE_KEY] = True


def _presentatie_naar_url() -> None:
    """The address follows the switch. Only a new session reads it back, so a stale address is never followed."""
    if st.session_state.get(PRESENTATIE_KEY):
        if st.query_params.get(PRESENTATIE_URL) != "1":
            st.query_params[PRESENTATIE_URL] = "1"
    elif PRESENTATIE_URL in st.query_params:
        del st.query_params[PRESENTATIE_URL]


def placeholder() -> None:
    st.info("Deze pagina is nog in aanbouw. De gegevens die je elders invoert blijven bewaard.")

"""Het groepsscherm on screen: a window of its own that the procesbegeleider shares or puts on the beamer.

It follows the facilitator's window (the step they have open, `schouders.groepsscherm`), or shows the view
they pinned, as the calm boards of the presentation style: no sidebar, no controls, no file paths. One small
fragment checks every second whether the data or the picture changed and only then redraws the page, so an
idle group screen costs a file check per second and a busy one a redraw per change. It also ticks the timer.
"""

from __future__ import annotations

import html
import time
from typing import Any

import streamlit as st

from schouders import methode, privacy
from schouders.groepsscherm import VASTE_BEELDEN, VOLGBORD, Beeld
from schouders.timer import klok_tekst
from schouders.ui import common as ui
from schouders.ui import presentatie, toegang

PAD = "groepsscherm"  # its URL: http://127.0.0.1:8501/groepsscherm?traject=…
KIJK_S = 1.0  # how often the group screen looks for a change (the promise is: on screen within 2 s)
_VAST_KEY = "_groepsscherm_vast"

# Our own constant CSS: a compact header, so the first card or chart is above the fold at 1280×720.
CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding: 0.8rem 2rem 2rem 2rem !important; }
.gs-kop h1 { font-size: 2rem; line-height: 1.2; margin: 0; padding: 0; color: #1F2328; font-weight: 700; }
.gs-kop p { font-size: 1.15rem; margin: 0.2rem 0 0 0; color: #3D444D; }
.gs-klok { font-size: 3rem; font-weight: 700; text-align: right; font-variant-numeric: tabular-nums;
  line-height: 1.1; color: #1F2328; }
.gs-klok.gs-om { color: #B3261E; }
.gs-klok-titel { font-size: 1rem; text-align: right; color: #3D444D; margin: 0; }
</style>
"""


def link(traject_id: str) -> str:
    """The group screen's address for this traject, relative to the app (works behind any host name)."""
    return f"./{PAD}?{ui.URL_KEY}={traject_id}"


def _zet_vast(traject_id: str, key: str) -> None:
    VOLGBORD.zet_vast(traject_id, st.session_state.get(key))


def bediening(traject_id: str) -> None:
    """In the facilitator's sidebar: open the group screen (a new window) and choose what it shows."""
    st.link_button(
        "Groepsscherm openen",
        link(traject_id),
        icon=":material/cast:",
        width="stretch",
        help="Opent een eigen venster voor de groep. Deel dat venster in Teams of Zoom, of zet het op de beamer. "
        "Het volgt de stap die jij open hebt en ververst vanzelf.",
    )
    st.session_state[_VAST_KEY] = VOLGBORD.beeld(traject_id).vast  # a co-facilitator may have changed it
    st.selectbox(
        "Groepsscherm toont",
        [None, *VASTE_BEELDEN],
        key=_VAST_KEY,
        format_func=lambda k: "Wat ik open heb (volgt mij)" if k is None else VASTE_BEELDEN[k],
        on_change=_zet_vast,
        args=(traject_id, _VAST_KEY),
    )


def ververs_bij_wijziging(revisie: int) -> None:
    """Facilitator pages: redraw when someone else changed the data (a phone, a co-facilitator, the command
    line), checked every second (a change is on screen within ~1.5 s: the check, then the page). Own changes
    already redraw the page, so nothing extra happens then."""

    @st.fragment(run_every=1.0)
    def _kijk() -> None:
        if ui.get_store().snapshot().revision != revisie:
            st.rerun()

    _kijk()


def _kop(ctx: ui.Context, beeld: Beeld) -> None:
    stap = beeld.getoonde_stap
    if beeld.soort != "stap":
        titel, onder = VASTE_BEELDEN[beeld.soort], ""
    elif stap is not None:
        s = methode.stap(stap)
        titel, onder = f"Stap {s.nummer} · {s.naam}", s.doel
    else:
        titel, onder = "Vraagstuk en doel", ""
    onder = " · ".join(x for x in (ctx.traject.naam, onder) if x)
    st.html(f'<div class="gs-kop"><h1>{html.escape(titel)}</h1><p>{html.escape(onder)}</p></div>')


def _klok(beeld: Beeld) -> None:
    sleutel, titel = presentatie.timer_sleutel(beeld.getoonde_stap)
    t = beeld.timers.get(sleutel)
    if t is None or (not t.loopt and not t.verstreken):
        return  # no time box running for this step: nothing to watch
    nu = time.monotonic()
    om = " gs-om" if t.is_om(nu) else ""
    st.html(
        f'<p class="gs-klok-titel">{html.escape(titel)}</p>'
        f'<div class="gs-klok{om}" role="timer" aria-label="Resterende tijd">{klok_tekst(t.resterend(nu))}</div>'
    )


def _live(traject_id: str, versie: int, revisie: int) -> None:
    namen_klaar = privacy.DETECTOR.klaar

    @st.fragment(run_every=KIJK_S)
    def _kijk() -> None:
        beeld = VOLGBORD.beeld(traject_id)
        if beeld.versie != versie or ui.get_store().snapshot().revision != revisie:
            st.rerun()  # the facilitator moved on or the data changed: redraw the whole screen once
        if privacy.DETECTOR.klaar != namen_klaar:
            st.rerun()  # names can now be recognised too: redraw without them
        _klok(beeld)

    _kijk()


def _inhoud(ctx: ui.Context, beeld: Beeld) -> None:
    from schouders.ui import knelpunten as kn_ui
    from schouders.ui import meedoen as meedoen_ui

    if beeld.soort == "telling":
        kn_ui.telling_blok(ctx.snap, ctx.tid, prefix="gs")
    elif beeld.soort == "matrix":
        presentatie.VIEWS[6](ctx)
    elif beeld.soort == "meedoen":
        meedoen_ui.groepsbeeld(ctx)
    else:
        presentatie.VIEWS.get(beeld.getoonde_stap or 1, presentatie.VIEWS[1])(ctx)


def scherm() -> None:
    """The group screen page: header, timer, and the followed or pinned view; redraws itself on a change."""
    if not toegang.procesbegeleider():  # served to the room: a participant never sees the group screen's data
        if toegang.naar_navigatie():
            st.rerun()
        from schouders.ui import meedoen as meedoen_ui

        meedoen_ui.deelnemer()
        st.stop()
    if ui.SHELL_KEY not in st.session_state and toegang.naar_navigatie():
        st.rerun()  # a first URL on a fresh server: through app.py, so the page config applies
    store = ui.get_store()
    snap = store.snapshot()
    ctx = ui.Context(store, snap, ui.selected_traject(snap))
    ui.toegankelijk()
    st.html(presentatie.CSS + CSS)
    if ctx.traject is None:
        onbekend = ui.onbekend_uit_url()
        st.info("Deze link noemt een traject dat hier niet bestaat." if onbekend else "Er is nog geen traject gekozen.")
        return
    # The group never sees personal data: names, addresses, numbers show as "[naam]", "[adres]" …
    ctx = ui.Context(store, privacy.voor_de_groep(snap, ctx.tid), ctx.traject)
    beeld = VOLGBORD.beeld(ctx.tid)
    kop, klok = st.columns([4, 1], vertical_alignment="top")
    with kop:
        _kop(ctx, beeld)
    with klok:
        _live(ctx.tid, beeld.versie, snap.revision)
    _inhoud(ctx, beeld)


def volg(traject: Any, stap: int | None) -> None:
    """Called by every facilitator page: the group screen follows the step that is open."""
    if traject is not None and stap is not None:
        VOLGBORD.volg(traject.id, stap)

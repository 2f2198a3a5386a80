"""Shared choices that scope a page: the chosen deelnemer (leernetwerk) and the current bijeenkomst.

Both survive a page switch: the choice lives in `st.session_state` under a plain key ("deelnemer_id",
"bijeenkomst_id"), and the widget is synced from it on every run (widget state itself is dropped when the
page changes). Any page can call `kies_deelnemer(ctx)` / `kies_bijeenkomst(ctx)`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from schouders import methode, ontdekken, planning
from schouders.datums import datum_nl
from schouders.ui.common import Context, esc

DEELNEMER_KEY = "deelnemer_id"
BIJEENKOMST_KEY = "bijeenkomst_id"
_GEEN = "__geen__"


def gekozen_deelnemer(ctx: Context) -> str | None:
    """The deelnemer scope without showing a widget: None outside a leernetwerk."""
    if ctx.traject is None:
        return None
    did = ontdekken.geldige_deelnemer(ctx.snap, ctx.tid, st.session_state.get(DEELNEMER_KEY))
    if did is not None:
        st.session_state[DEELNEMER_KEY] = did
    return did


def _copy(src: str, dst: str) -> None:
    value = st.session_state.get(src)
    st.session_state[dst] = None if value == _GEEN else value


def kies_deelnemer(
    ctx: Context, *, label: str = "Vraagstuk van deelnemer", key: str = "_deelnemer_picker"
) -> str | None:
    """In a leernetwerk: a selectbox of the deelnemers (each has an own vraagstuk); returns the chosen id.
    Elsewhere nothing is shown and None is returned. The choice holds for the whole app."""
    did = gekozen_deelnemer(ctx)
    if ctx.traject is None or not ontdekken.eigen_vraagstuk(ctx.snap, ctx.tid):
        return None
    mensen = ontdekken.deelnemers(ctx.snap, ctx.tid)
    if not mensen:
        st.info("In een leernetwerk heeft iedere deelnemer een eigen vraagstuk. Voeg eerst deelnemers toe.")
        st.page_link("pages/deelnemers.py", label="Naar Deelnemers", icon=":material/group:")
        return None
    namen = {d.id: d.naam + (f" · {d.organisatie}" if d.organisatie else "") for d in mensen}
    st.session_state[key] = did
    st.selectbox(
        label, list(namen), key=key, format_func=lambda i: namen.get(i, i), args=(key, DEELNEMER_KEY), on_change=_copy
    )
    return did


_STANDAARD_VOOR = "_bijeenkomst_standaard_voor"  # traject whose meeting was chosen by default


def standaard_bijeenkomst(ctx: Context, vandaag: date | None = None) -> None:
    """Choose today's (or the latest earlier) meeting once per traject, when nothing valid is chosen.
    A choice the user made, also 'geen bijeenkomst', is left alone after that."""
    if ctx.traject is None or st.session_state.get(_STANDAARD_VOOR) == ctx.tid:
        return
    st.session_state[_STANDAARD_VOOR] = ctx.tid
    gekozen = ctx.snap.get("bijeenkomst", st.session_state.get(BIJEENKOMST_KEY))
    if gekozen is not None and gekozen.traject_id == ctx.tid:
        return
    b = planning.huidige_bijeenkomst(planning.gesorteerd(ctx.snap, ctx.tid), vandaag or date.today())
    st.session_state[BIJEENKOMST_KEY] = b.id if b else None


def gekozen_bijeenkomst(ctx: Context) -> str | None:
    """The traject's current bijeenkomst, one choice for every page (steps 2–10, Meedoen, Bijeenkomsten):
    today's meeting unless the user chose another. What is added is recorded at that meeting."""
    standaard_bijeenkomst(ctx)
    bid = st.session_state.get(BIJEENKOMST_KEY)
    b = ctx.snap.get("bijeenkomst", bid)
    if b is None or b.traject_id != ctx.tid:
        st.session_state[BIJEENKOMST_KEY] = None
        return None
    return bid


def bijeenkomst_label(b: Any) -> str:
    titel = b.titel or f"Bijeenkomst {b.nummer}"
    return f"{titel} · {datum_nl(b.datum)}" if b.datum else titel


def kies_bijeenkomst(ctx: Context, *, label: str = "Bijeenkomst", key: str = "_bijeenkomst_picker") -> str | None:
    """The selectbox of the traject's bijeenkomsten for the shared choice (the sidebar shows it on every
    page). Returns the chosen id or None ("geen")."""
    bid = gekozen_bijeenkomst(ctx)
    if ctx.traject is None:
        return None
    lijst = sorted(ctx.snap.of("bijeenkomst", ctx.tid), key=lambda b: (b.nummer, b.datum or ""))
    if not lijst:
        return None
    namen = {_GEEN: "Geen bijeenkomst gekozen"} | {b.id: bijeenkomst_label(b) for b in lijst}
    st.session_state[key] = bid or _GEEN
    st.selectbox(
        label,
        list(namen),
        key=key,
        format_func=lambda i: namen.get(i, i),
        args=(key, BIJEENKOMST_KEY),
        on_change=_copy,
        help="Geldt voor alle stappen en voor Meedoen: wat je nu toevoegt, wordt bij deze bijeenkomst bewaard.",
    )
    return bid


def vooraf_vast(traject: Any, stap: int) -> bool:
    """True when the werkvorm has this step set beforehand by the organisers (themadag: 1 and 3)."""
    return stap in methode.werkvorm(traject.werkvorm).vaste_stappen


def toon_vraagstuk(ctx: Context, deelnemer_id: str | None = None) -> Any | None:
    """The werkvraag of the scope, read-only and always visible at the top of a session page."""
    v = ontdekken.werkvraag(ctx.snap, ctx.tid, deelnemer_id)
    with st.container(border=True):
        if v is None:
            st.caption("**Vraagstuk:** nog niet beschreven.")
            st.page_link("pages/stap1_vraagstuk.py", label=f"Naar stap 1 · {methode.stap(1).naam}")
        else:
            kop = "Vraagstuk"
            if ctx.traject is not None and vooraf_vast(ctx.traject, 1):
                kop += " (vastgesteld door de organisatoren)"
            if deelnemer_id:
                d = ctx.snap.get("deelnemer", deelnemer_id)
                if d is not None:
                    kop += f" van {esc(d.naam)}"
            st.caption(f"**{kop}**")
            st.text(v.tekst)
    return v

"""Stap 4 – Aandachtsgebieden: collect knelpunten fast, per gebied, and see where it knots."""

from datetime import date

import streamlit as st

from schouders import analyse, methode
from schouders.datums import datum_nl
from schouders.trajecten import werkvraagstuk
from schouders.ui import common as ui
from schouders.ui import knelpunten as kn_ui

P = "s4"
ctx = ui.page(stap=4)
store, snap, t = ctx.store, ctx.snap, ctx.traject

# ---- where new knelpunten come from: meeting, groep, vraagstuk ----
bijeenkomsten = sorted(snap.of("bijeenkomst", t.id), key=lambda b: b.nummer)
groepen = snap.of("groep", t.id)
vraagstukken = [v for v in snap.of("vraagstuk", t.id) if v.parent_id is None]

instellingen = st.columns(3)
with instellingen[0]:
    opties = [None, *(b.id for b in bijeenkomsten)]
    namen = {b.id: f"{b.nummer}. {b.titel or 'Bijeenkomst'} · {datum_nl(b.datum)}" for b in bijeenkomsten}
    vandaag = next((b.id for b in bijeenkomsten if b.datum == date.today()), None)
    bijeenkomst_id = st.selectbox(
        "Bijeenkomst",
        opties,
        index=opties.index(vandaag),
        format_func=lambda i: "Geen bijeenkomst" if i is None else namen[i],
        key=f"{P}_bijeenkomst",
        persist_state="session",
        help="Nieuwe knelpunten onthouden in welke bijeenkomst ze zijn genoemd.",
    )
groep_id = None
if groepen:
    with instellingen[1]:
        gnamen = {g.id: g.naam for g in groepen}
        groep_id = st.selectbox(
            "Groep",
            [None, *gnamen],
            format_func=lambda i: "Alle groepen" if i is None else gnamen[i],
            key=f"{P}_groep",
            persist_state="session",
            help="Toont alleen de knelpunten van deze groep; nieuwe knelpunten krijgen deze groep.",
        )
vraagstuk_id = None
if methode.werkvorm(t.werkvorm).eigen_vraagstuk and len(vraagstukken) > 1:
    with instellingen[2]:
        vnamen = {v.id: v.tekst[:80] for v in vraagstukken}
        vraagstuk_id = st.selectbox(
            "Vraagstuk",
            list(vnamen),
            format_func=lambda i: vnamen[i],
            key=f"{P}_vraagstuk",
            persist_state="session",
        )
else:
    v = werkvraagstuk(snap, t.id)
    vraagstuk_id = v.id if v else None

extra = {"bijeenkomst_id": bijeenkomst_id, "groep_id": groep_id, "vraagstuk_id": vraagstuk_id, "bron_stap": 4}

# ---- capture ----
kn_ui.nieuw_formulier(store, t.id, prefix=P, extra=extra)
kn_ui.plakken(store, t.id, prefix=P, extra=extra)
kn_ui.undo_balk(store, t.id, P)

# ---- the board ----
alle = snap.of("knelpunt", t.id)
zichtbaar = [k for k in alle if groep_id is None or k.groep_id == groep_id]
zichtbaar.sort(key=lambda k: k.aangemaakt)
weergave = st.segmented_control(
    "Weergave",
    ["Bord", "Lijst"],
    default="Bord",
    key=f"{P}_weergave",
    persist_state="session",
    help="De lijst toont alle knelpunten in één tabel, handig bij veel knelpunten.",
)
if weergave == "Lijst":
    st.dataframe(
        [
            {
                "Aandachtsgebied": methode.gebied_label(k.gebied),
                "Knelpunt": k.tekst,
                "Van": k.auteur,
                "Hangt samen met": ", ".join(methode.gebied_label(g) for g in k.gerelateerde_gebieden),
            }
            for k in sorted(zichtbaar, key=lambda k: analyse.VOLGORDE.index(k.gebied or analyse.ONGEDEELD))
        ],
        hide_index=True,
        width="stretch",
        height=420,
    )
else:
    kn_ui.bord(zichtbaar, store=store, snap=snap, prefix=P)

# ---- counts: chart and the same numbers as a table ----
st.subheader("Waar knelt het het meest?", anchor=False)
start = kn_ui.telling_blok(snap, t.id, prefix=P)
if start:
    st.page_link(
        "pages/stap5_verdieping.py",
        label=f"Naar stap 5: begin bij {methode.gebied_label(start)}",
        icon=":material/arrow_forward:",
    )
else:
    st.caption("Zodra knelpunten een gebied hebben, zie je hier waar stap 5 begint.")

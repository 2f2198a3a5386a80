"""Stap 4 – Aandachtsgebieden: collect knelpunten fast, per gebied, and see where it knots."""

import streamlit as st

from schouders import analyse, methode
from schouders.trajecten import werkvraagstuk
from schouders.ui import common as ui
from schouders.ui import export as export_ui
from schouders.ui import knelpunten as kn_ui
from schouders.ui import scope

P = "s4"
ctx = ui.page(stap=4)
store, snap, t = ctx.store, ctx.snap, ctx.traject

# ---- where new knelpunten come from: meeting, groep, vraagstuk ----
groepen = snap.of("groep", t.id)
vraagstukken = [v for v in snap.of("vraagstuk", t.id) if v.parent_id is None]

bijeenkomst_id = scope.gekozen_bijeenkomst(ctx)  # chosen once for the traject, in the sidebar
instellingen = st.columns(3)
groep_id = None
if groepen:
    with instellingen[0]:
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
    with instellingen[1]:
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
kn_ui.nieuw_formulier(store, t.id, prefix=P, extra=extra, lijkt_op=True, snap=snap)
kn_ui.plakken(store, t.id, prefix=P, extra=extra, gebied_voorstel=True)
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

# ---- the Praatplaat: the gebieden with their questions on A3, for a physical meeting ----
st.subheader("Praatplaat", anchor=False)
st.caption(
    "De zeven aandachtsgebieden met hun vragen, het vraagstuk en het doel op één A3. Print hem voor een "
    "bijeenkomst op locatie, of zet de knelpunten er als post-its op."
)
eigen = methode.werkvorm(t.werkvorm).eigen_vraagstuk  # leernetwerk: the chosen deelnemer's vraagstuk on top
export_ui.praatplaat_knoppen(
    snap, t.id, knelpunten=zichtbaar, vraagstuk_id=vraagstuk_id if eigen else None, key=f"{P}_praatplaat"
)

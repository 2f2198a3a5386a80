"""Stap 9 – Evalueren: the four questions per action or change; a new knelpunt found here goes into the
analysis (with its gebied and a link back to the evaluation) in the same single write."""

from datetime import date

import streamlit as st

from schouders import methode
from schouders.datums import datum_nl, datumtijd_nl
from schouders.trajecten import huidig_doel, werkvraagstuk
from schouders.ui import common as ui
from schouders.ui.bijeenkomst import BIJEENKOMST_KEY, kies_scope
from schouders.ui.scope import gekozen_bijeenkomst
from schouders.uitvoering import KLAAR, actie_label, evaluatie_onderwerp, evaluaties_van, evalueer, filter_scope

ctx = ui.page(stap=9)
store, snap, t = ctx.store, ctx.snap, ctx.traject
vandaag = date.today()
NIEUWE_KNELPUNTEN = 3  # rows for new knelpunten per evaluation
ANDERS = ""  # chooser value: a change that is not one action
GEEN_GEBIED = ""

c1, c2 = st.columns(2)
with c1:
    gekozen_bijeenkomst(ctx)  # chosen once, in the sidebar
with c2:
    deelnemer_id, scope = kies_scope(ctx)
werkvraag = werkvraagstuk(snap, t.id, deelnemer_id)
vraagstuk_id = werkvraag.id if werkvraag else None  # for a change that is not one action

doel = huidig_doel(snap, t.id, vraagstuk_id) if deelnemer_id else huidig_doel(snap, t.id)
st.markdown("**Ons doel**")
st.text(doel.tekst if doel else "Nog geen doel vastgelegd (stap 3). Evalueer dan tegen het vraagstuk.")

evaluaties = snap.of("evaluatie", t.id)
geevalueerd = {e.actie_id for e in evaluaties if e.actie_id}
acties = filter_scope(snap.of("actie", t.id), scope)
# Finished actions that nobody evaluated yet come first: that is what this step is for.
acties.sort(key=lambda a: (a.id in geevalueerd, a.status != KLAAR, a.wat.casefold()))
opties = [ANDERS] + [a.id for a in acties]
namen = {a.id: actie_label(snap, a) + (" · al geëvalueerd" if a.id in geevalueerd else "") for a in acties}
if st.session_state.get("s9_actie") not in opties:
    nog_te_doen = acties and acties[0].status == KLAAR and acties[0].id not in geevalueerd
    st.session_state["s9_actie"] = acties[0].id if nog_te_doen else ANDERS

VELDEN = (
    ["s9_onderwerp"]
    + [f"s9_{k}" for k, _ in methode.EVALUATIE_VRAGEN]
    + [f"s9_kn_{i}" for i in range(NIEUWE_KNELPUNTEN)]
)


def _opslaan() -> None:
    s = st.session_state
    nieuw = [(s[f"s9_kn_{i}"], s[f"s9_kn_gebied_{i}"] or None) for i in range(NIEUWE_KNELPUNTEN)]
    e = ui.act(
        evalueer,
        store,
        t.id,
        antwoorden={k: s[f"s9_{k}"] for k, _ in methode.EVALUATIE_VRAGEN},
        actie_id=s["s9_actie"] or None,
        onderwerp=s["s9_onderwerp"],
        bijeenkomst_id=s.get(BIJEENKOMST_KEY),
        vraagstuk_id=vraagstuk_id,
        nieuwe_knelpunten=nieuw,
    )
    if e is None:
        return  # the error is shown; keep what was typed
    n = len(e.nieuwe_knelpunt_ids)
    extra = ""
    if n:
        extra = f" {n} nieuw{'e' if n > 1 else ''} knelpunt{'en' if n > 1 else ''} toegevoegd aan de analyse (stap 4)."
    ui.flash("Evaluatie opgeslagen." + extra)
    for key in VELDEN:
        s[key] = ""
    for i in range(NIEUWE_KNELPUNTEN):
        s[f"s9_kn_gebied_{i}"] = GEEN_GEBIED
    s["s9_actie"] = ANDERS


if not acties:
    st.caption("Er zijn nog geen acties. Je kunt wel een andere verandering evalueren.")

with st.form("s9_form", border=True):
    st.markdown("**Nieuwe evaluatie**")
    st.selectbox(
        "Wat evalueer je?",
        opties,
        format_func=lambda i: "Een andere verandering (beschrijf hieronder)" if i == ANDERS else namen[i],
        key="s9_actie",
    )
    st.text_input("Andere verandering (alleen als het geen actie uit het actieplan is)", key="s9_onderwerp")
    for k, vraag in methode.EVALUATIE_VRAGEN:
        st.text_area(vraag, key=f"s9_{k}", height=68)
    st.markdown("**Nieuwe knelpunten?** Ze komen in de analyse bij stap 4, met deze evaluatie als herkomst.")
    for i in range(NIEUWE_KNELPUNTEN):
        k1, k2 = st.columns([3, 1])
        k1.text_input(f"Nieuw knelpunt {i + 1}", key=f"s9_kn_{i}")
        k2.selectbox(
            f"Aandachtsgebied {i + 1}",
            [GEEN_GEBIED, *methode.GEBIED_KEYS],
            format_func=lambda g: methode.gebied_label(g or None),
            key=f"s9_kn_gebied_{i}",
        )
    st.form_submit_button("Evaluatie opslaan", type="primary", on_click=_opslaan)

# ---- earlier evaluations ---------------------------------------------------------------------------
st.divider()
st.subheader(f"Evaluaties ({len(evaluaties)})", anchor=False)
zichtbaar = evaluaties_van(snap, t.id, scope)
if not zichtbaar:
    st.caption("Nog geen evaluaties.")
vragen = dict(methode.EVALUATIE_VRAGEN)
for e in sorted(zichtbaar, key=lambda e: e.aangemaakt, reverse=True):
    with st.container(border=True):
        st.text(evaluatie_onderwerp(snap, e))
        b = snap.get("bijeenkomst", e.bijeenkomst_id)
        waar = f" · bijeenkomst {b.nummer} ({datum_nl(b.datum)})" if b else ""
        st.caption(f"Vastgelegd {datumtijd_nl(e.aangemaakt)}{waar}")
        for k, antwoord in e.antwoorden.items():
            st.markdown(f"*{vragen.get(k, k)}*")
            st.text(antwoord)
        nieuw = [snap.get("knelpunt", i) for i in e.nieuwe_knelpunt_ids]
        nieuw = [k for k in nieuw if k is not None]
        if nieuw:
            st.markdown("*Nieuwe knelpunten in de analyse*")
            for k in nieuw:
                st.text(f"• {k.tekst} ({methode.gebied_label(k.gebied)})")

if evaluaties:
    st.page_link("pages/stap10_bijsturen.py", label="Verder naar stap 10 · Bijsturen", icon=":material/arrow_forward:")

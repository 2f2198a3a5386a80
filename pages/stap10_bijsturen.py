"""Stap 10 – Bijsturen: adjust actions after the evaluation (new deadline, new owner, stop, follow-up),
mark knelpunten resolved, check the goal; a werkplaats opens its next meeting with steps 9 and 10."""

import zlib
from datetime import date

import streamlit as st

from schouders import methode, planning
from schouders.datums import datum_nl
from schouders.trajecten import huidig_doel, werkvraagstuk
from schouders.ui import common as ui
from schouders.ui.bijeenkomst import BIJEENKOMST_KEY, kies_scope
from schouders.ui.scope import gekozen_bijeenkomst
from schouders.uitvoering import (
    GESTOPT,
    OPEN_STATUSSEN,
    actie_label,
    actieplan,
    evaluatie_onderwerp,
    evaluaties_van,
    filter_scope,
    knelpunten_bij_acties,
    markeer_opgelost,
    stop,
    stuur_bij,
    vervolg,
)

ctx = ui.page(stap=10)
store, snap, t = ctx.store, ctx.snap, ctx.traject
vandaag = date.today()

c1, c2 = st.columns(2)
with c1:
    gekozen_bijeenkomst(ctx)  # chosen once, in the sidebar
with c2:
    deelnemer_id, scope = kies_scope(ctx)

# ---- the goal -------------------------------------------------------------------------------------
werkvraag = werkvraagstuk(snap, t.id, deelnemer_id)
doel = huidig_doel(snap, t.id, werkvraag.id) if deelnemer_id and werkvraag else huidig_doel(snap, t.id)
st.markdown("**Klopt het doel nog?**")
st.text(doel.tekst if doel else "Er is nog geen doel vastgelegd.")
st.page_link(
    "pages/stap3_doel.py",
    label="Doel aanpassen in stap 3 (de eerdere versies blijven bewaard)",
    icon=":material/flag:",
)

# ---- werkplaats: the next meeting opens with steps 9 and 10 -----------------------------------------
items = planning.gesorteerd(snap, t.id)
volgende = planning.volgende_bijeenkomst(items, vandaag)
if t.werkvorm == "werkplaats":
    st.markdown("**De volgende bijeenkomst**")
    if volgende is None:
        st.caption("Er staat geen bijeenkomst meer gepland. Voeg er een toe op de pagina Bijeenkomsten.")
    elif planning.opent_met_evaluatie(volgende):
        st.info(
            f"{planning.label(volgende)} ({datum_nl(volgende.datum)}) begint met stap 9 en 10: eerst evalueren en bijsturen, "
            "daarna nieuwe knelpunten.",
            icon=":material/event:",
        )
    else:
        st.warning(
            f"{planning.label(volgende)} ({datum_nl(volgende.datum)}) begint nu met: {planning.stappen_tekst(volgende.stappen[:2])}. "
            "In een werkplaats begint elke volgende bijeenkomst met stap 9 en 10.",
            icon=":material/event:",
        )
        st.button(
            "Stap 9 en 10 vooraan zetten",
            key="s10_opening",
            on_click=lambda: ui.act(
                planning.zet_opening_vooraan,
                store,
                volgende.id,
                ok="De volgende bijeenkomst begint nu met stap 9 en 10.",
            ),
        )


# ---- what step 9 showed ---------------------------------------------------------------------------
evals = sorted(evaluaties_van(snap, t.id, scope), key=lambda e: e.aangemaakt, reverse=True)
if evals:
    st.markdown("**Wat de evaluatie liet zien**")
    vragen = dict(methode.EVALUATIE_VRAGEN)
    for e in evals[:3]:
        with st.container(border=True):
            st.text(evaluatie_onderwerp(snap, e))
            for k, antwoord in e.antwoorden.items():
                st.caption(f"{ui.esc(vragen.get(k, k))} {ui.esc(antwoord)}")
else:
    st.caption("Nog geen evaluaties. Bijsturen gaat het best na stap 9.")

# ---- adjust one action ----------------------------------------------------------------------------
st.divider()
st.subheader("Acties bijsturen", anchor=False)
acties = filter_scope(snap.of("actie", t.id), scope)
if not acties:
    st.info("Er zijn nog geen acties om bij te sturen. Acties plan je in stap 7.")
    st.page_link("pages/stap7_acties.py", label="Naar stap 7 · Acties plannen", icon=":material/arrow_forward:")
    st.stop()

acties.sort(key=lambda a: (a.status not in OPEN_STATUSSEN, a.deadline or date.max, a.wat.casefold()))
by_id = {a.id: a for a in acties}
# the label shows the status, which this page changes: vaste_keuze keeps the chosen action
a = by_id[
    ui.vaste_keuze(
        st.selectbox,
        "Actie",
        list(by_id),
        key="s10_actie",
        standaard=acties[0].id,
        format_func=lambda i: actie_label(snap, by_id[i]),
    )
]
deelnemers = sorted(snap.of("deelnemer", t.id), key=lambda d: d.naam.casefold())
dn = {d.id: d.naam for d in deelnemers}
sfx = f"{a.id}_{zlib.crc32(repr((a.deadline, a.eigenaar_id, a.status)).encode()):08x}"
st.caption(f"Deadline nu: {datum_nl(a.deadline)} · Eigenaar nu: {ui.esc(dn.get(a.eigenaar_id, 'nog niemand'))}")


def _aanpassen(sfx: str) -> None:
    s = st.session_state
    ui.act(
        stuur_bij,
        store,
        a.id,
        deadline=s[f"s10_deadline_{sfx}"],
        eigenaar_id=s[f"s10_eigenaar_{sfx}"],
        ok="Actie aangepast; het actieplan is bijgewerkt.",
    )


vsfx = f"{a.id}_{a.eigenaar_id}"  # the follow-up's owner starts as the action's owner


def _vervolg(vsfx: str) -> None:
    s = st.session_state
    nieuw = ui.act(
        vervolg,
        store,
        a.id,
        s[f"s10_vervolg_wat_{vsfx}"],
        eigenaar_id=s[f"s10_vervolg_eigenaar_{vsfx}"],
        deadline=s[f"s10_vervolg_deadline_{vsfx}"],
        ronde_id=s.get(BIJEENKOMST_KEY),
        ok="Vervolgactie toegevoegd aan het actieplan.",
    )
    if nieuw is not None:
        s[f"s10_vervolg_wat_{vsfx}"] = ""
        s[f"s10_vervolg_deadline_{vsfx}"] = None


k1, k2 = st.columns(2)
with k1, st.form(f"s10_form_{sfx}", border=True):
    st.markdown("**Deadline of eigenaar aanpassen**")
    st.date_input("Nieuwe deadline", value=a.deadline, key=f"s10_deadline_{sfx}", format="DD-MM-YYYY")
    opties = list(dn)
    st.selectbox(
        "Eigenaar",
        opties,
        index=opties.index(a.eigenaar_id) if a.eigenaar_id in dn else None,
        format_func=lambda i: dn.get(i, "nog niemand"),
        key=f"s10_eigenaar_{sfx}",
        placeholder="Kies een deelnemer" if dn else "Voeg eerst deelnemers toe",
    )
    st.form_submit_button("Aanpassing opslaan", type="primary", on_click=_aanpassen, args=(sfx,))
with k2, st.form("s10_vervolg_form", border=True):
    st.markdown("**Vervolgactie**")
    st.text_input("Wat is de volgende stap?", key=f"s10_vervolg_wat_{vsfx}")
    st.selectbox(
        "Eigenaar van de vervolgactie",
        list(dn),
        index=list(dn).index(a.eigenaar_id) if a.eigenaar_id in dn else None,
        format_func=lambda i: dn.get(i, "nog niemand"),
        key=f"s10_vervolg_eigenaar_{vsfx}",
        placeholder="Kies een deelnemer" if dn else "Voeg eerst deelnemers toe",
    )
    st.date_input("Deadline", value=None, key=f"s10_vervolg_deadline_{vsfx}", format="DD-MM-YYYY")
    st.form_submit_button("Vervolgactie toevoegen", on_click=_vervolg, args=(vsfx,))

st.button(
    "Actie stoppen",
    key=f"s10_stop_{sfx}",
    disabled=a.status == GESTOPT,
    on_click=lambda: ui.act(stop, store, a.id, ok="Actie gestopt; ze blijft zichtbaar in het actieplan."),
    help="Een gestopte actie blijft in het actieplan staan: zo blijft zichtbaar wat er is geprobeerd.",
)

kn = knelpunten_bij_acties(snap, a)
if kn:
    kn_by_id = {k.id: k for k in kn}
    ksfx = f"{a.id}_{zlib.crc32(repr([k.opgelost for k in kn]).encode()):08x}"

    def _opgelost(ksfx: str) -> None:
        gekozen = set(st.session_state[f"s10_opgelost_{ksfx}"])
        nu_opgelost = {k.id for k in kn if k.opgelost}

        def schrijf() -> int:
            n = markeer_opgelost(store, gekozen - nu_opgelost, vandaag)
            return n + markeer_opgelost(store, nu_opgelost - gekozen, None)

        ui.act(schrijf, ok="Knelpunten bijgewerkt.")

    with st.form(f"s10_kn_form_{ksfx}", border=True):
        st.markdown("**Knelpunten waar deze actie aan werkt**")
        st.multiselect(
            "Welke zijn opgelost?",
            list(kn_by_id),
            default=[k.id for k in kn if k.opgelost],
            format_func=lambda i: kn_by_id[i].tekst,
            key=f"s10_opgelost_{ksfx}",
            placeholder="Kies de opgeloste knelpunten",
        )
        st.form_submit_button("Opgelost opslaan", on_click=_opgelost, args=(ksfx,))
    for k in kn:
        if k.opgelost:
            st.caption(f"Opgelost op {datum_nl(k.opgelost)}: {ui.esc(k.tekst)}")

# ---- the action plan --------------------------------------------------------------------------------
st.divider()
st.subheader("Actieplan", anchor=False)
st.dataframe(actieplan(snap, t.id, scope), hide_index=True, width="stretch")

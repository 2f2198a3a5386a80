"""Stap 2 – Quickscan: succespunten and verbeterpunten side by side, and the parkeerplaats for solutions.

'Parkeer' moves a punt to the parkeerplaats (it is no succes- or verbeterpunt any more); 'Terug naar de
quickscan' on the parked item moves it back. A punt that sounds like a solution offers the move in one click."""

import streamlit as st

from schouders import groepen, methode, ontdekken
from schouders.model import Quickscanpunt
from schouders.ui import common as ui
from schouders.ui import groep as groep_ui
from schouders.ui import invoer, scope
from schouders.ui import privacy as privacy_ui

ctx = ui.page(stap=2)
store, snap, tid = ctx.store, ctx.snap, ctx.tid
leernetwerk = ontdekken.eigen_vraagstuk(snap, tid)

with st.container(horizontal=True, gap="medium"):
    did = scope.kies_deelnemer(ctx)
    gid = groep_ui.kies_groep(ctx)  # themadag: each group works in its own view
    bid = scope.gekozen_bijeenkomst(ctx)  # chosen once, in the sidebar
if leernetwerk and did is None:
    st.stop()
vraag = scope.toon_vraagstuk(ctx, did)
if leernetwerk and vraag is None:
    st.info("Beschrijf eerst het vraagstuk van deze deelnemer in stap 1; de quickscan hoort bij dat vraagstuk.")
    st.stop()
vid = vraag.id if vraag else None

succes, verbeter = (groepen.in_groep(punten, gid) for punten in ontdekken.quickscan(snap, tid, did))
parkeerplaats = groepen.in_groep(ontdekken.geparkeerd(snap, tid, did), gid)
GEBIED_OPTIES = ["", *methode.GEBIED_KEYS]
SOORT_NAAM = {ontdekken.SUCCES: "succespunt", ontdekken.VERBETER: "verbeterpunt"}


def _voeg_toe(soort: str) -> None:
    key = f"s2_nieuw_{soort}"
    tekst = st.session_state[key]
    punt = ui.act(ontdekken.voeg_punt_toe, store, tid, soort, tekst, vraagstuk_id=vid, bijeenkomst_id=bid, groep_id=gid)
    if punt is None:
        invoer.terugzetten({key: tekst})


def _parkeer(punt_id: str) -> None:
    ui.act(
        ontdekken.parkeer_punt,
        store,
        punt_id,
        ok="Naar de parkeerplaats verplaatst. In stap 6 komt het terug. "
        "Per ongeluk? Klik bij de parkeerplaats op 'Terug naar de quickscan'.",
    )


def _terug(oplossing_id: str) -> None:
    p = ui.act(ontdekken.terug_naar_quickscan, store, oplossing_id)
    if p is not None:
        ui.flash(f"Weer een {SOORT_NAAM[p.soort]} in de quickscan.")


def _knelpunt(punt_id: str) -> None:
    gebied = st.session_state.get(f"s2_gebied_{punt_id}") or None
    ui.act(
        ontdekken.maak_knelpunt,
        store,
        punt_id,
        gebied,
        ok=f"Knelpunt gemaakt ({methode.gebied_label(gebied)}). Je vindt het terug in stap 4.",
    )


def _weg(punt_id: str) -> None:
    ui.act(ontdekken.verwijder_punt, store, punt_id, ok="Punt verwijderd.")


def _park_direct() -> None:
    tekst = st.session_state["s2_nieuw_oplossing"]
    o = ui.act(
        ontdekken.parkeer_oplossing, store, tid, tekst, vraagstuk_id=vid, groep_id=gid, ok="Oplossing geparkeerd."
    )
    if o is None:
        invoer.terugzetten({"s2_nieuw_oplossing": tekst})


def _weg_oplossing(oplossing_id: str) -> None:
    ui.act(ontdekken.verwijder_oplossing, store, oplossing_id, ok="Oplossing van de parkeerplaats gehaald.")


def _punt(p: Quickscanpunt) -> None:
    with st.container(border=True, key=f"s2_punt_{p.id}"):
        st.markdown(ui.esc(p.tekst))
        privacy_ui.let_op(snap, tid, p.tekst)
        if ontdekken.klinkt_als_oplossing(p.tekst):
            st.button(
                "Klinkt als een oplossing: parkeren?",
                key=f"s2_hint_{p.id}",
                on_click=_parkeer,
                args=(p.id,),
                type="tertiary",
                icon=":material/lightbulb:",
                help="Oplossingen bewaren we voor stap 6. Eén klik zet dit punt op de parkeerplaats.",
            )
        kp = snap.get("knelpunt", p.knelpunt_id)
        if kp is not None:
            st.caption(f"is knelpunt geworden ({methode.gebied_label(kp.gebied)})")
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Parkeer",
                key=f"s2_park_{p.id}",
                on_click=_parkeer,
                args=(p.id,),
                icon=":material/local_parking:",
                help="Dit is eigenlijk een oplossing: verplaats het naar de parkeerplaats voor stap 6.",
            )
            if p.soort == ontdekken.VERBETER and kp is None:
                with st.popover(
                    "Knelpunt", icon=":material/arrow_forward:", help="Maak er een knelpunt van voor stap 4"
                ):
                    with st.form(f"s2_kp_form_{p.id}", border=False):  # choosing a gebied must not rerun
                        st.selectbox(
                            "Aandachtsgebied",
                            GEBIED_OPTIES,
                            key=f"s2_gebied_{p.id}",
                            format_func=methode.gebied_label,
                        )
                        st.form_submit_button("Maak knelpunt", on_click=_knelpunt, args=(p.id,), type="primary")
            st.button("Verwijder", key=f"s2_weg_{p.id}", on_click=_weg, args=(p.id,), icon=":material/delete:")


waarschuwing = ontdekken.quickscan_waarschuwing(succes, verbeter)
with st.container():  # always there, so the forms below keep their place (and the keyboard focus)
    if waarschuwing:
        st.info(waarschuwing, icon=":material/lightbulb:")

kolommen = dict(zip((ontdekken.SUCCES, ontdekken.VERBETER), st.columns(2), strict=True))
punten = {ontdekken.SUCCES: succes, ontdekken.VERBETER: verbeter}
placeholders = {ontdekken.SUCCES: "Wat gaat er goed?", ontdekken.VERBETER: "Wat kan er beter?"}
labels = {ontdekken.SUCCES: "Nieuw succespunt", ontdekken.VERBETER: "Nieuw verbeterpunt"}
for soort, titel in methode.QUICKSCAN_SOORTEN:
    with kolommen[soort]:
        st.subheader(f"{titel} ({len(punten[soort])})", anchor=False)
        with invoer.formulier(f"s2_form_{soort}", traject_id=tid):
            st.text_input(
                labels[soort],
                key=f"s2_nieuw_{soort}",
                placeholder=placeholders[soort] + " Typ en druk op Enter.",
            )
            st.form_submit_button("Toevoegen", on_click=_voeg_toe, args=(soort,))
        for p in punten[soort]:
            _punt(p)

with st.container(border=True, key="s2_parkeerplaats"):
    st.subheader(f"Parkeerplaats · oplossingen voor later ({len(parkeerplaats)})", anchor=False)
    st.caption("Komt er een oplossing op tafel? Parkeer hem hier. In stap 6 pakken we hem weer op.")
    with invoer.formulier("s2_form_oplossing", traject_id=tid):
        st.text_input("Oplossing parkeren", key="s2_nieuw_oplossing", placeholder="Typ een oplossing en druk op Enter.")
        st.form_submit_button("Parkeren", on_click=_park_direct)
    for o in parkeerplaats:
        bron = ontdekken.uit_quickscan(snap, o)
        with st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"s2_opl_{o.id}"):
            st.markdown(ui.esc(o.tekst) + (" *(opgepakt in stap 6)*" if o.opgepakt else ""))
            if bron is not None and not o.opgepakt:
                st.button(
                    "Terug naar de quickscan",
                    key=f"s2_opl_terug_{o.id}",
                    on_click=_terug,
                    args=(o.id,),
                    icon=":material/undo:",
                    help=f"Geen oplossing maar een {SOORT_NAAM[bron.soort]}: zet het terug in de quickscan.",
                )
            st.button("Weg", key=f"s2_opl_weg_{o.id}", on_click=_weg_oplossing, args=(o.id,), icon=":material/delete:")

"""Bijeenkomsten: the bigger goal and what is done so far, the meeting plan (add, remove, move), and per
meeting its date, intention, agenda, steps, form and length, attendance and a short verslag."""

import zlib
from datetime import date

import pandas as pd
import streamlit as st

from schouders import methode, planning
from schouders.datums import datum_nl
from schouders.model import Knelpunt
from schouders.trajecten import huidig_doel, werkvraagstuk
from schouders.ui import common as ui
from schouders.ui import invoer
from schouders.ui.bijeenkomst import BIJEENKOMST_KEY, kies_bijeenkomst, kies_scope
from schouders.uitvoering import STATUS_LABEL, eigenaar_naam, evaluatie_onderwerp, herkomst

ctx = ui.page(title="Bijeenkomsten")
store, snap, t = ctx.store, ctx.snap, ctx.traject
wv = methode.werkvorm(t.werkvorm)
vandaag = date.today()
items = planning.gesorteerd(snap, t.id)

# ---- opening: the bigger goal and what has been done --------------------------------------------
st.caption("Begin elke bijeenkomst met een duidelijke intentie, herhaal het grotere doel en noem wat er al is gedaan.")
doel = huidig_doel(snap, t.id)
st.markdown("**Waar werken we naartoe?**")
if doel is not None:
    st.text(doel.tekst)
else:
    st.text("Er is nog geen doel vastgelegd.")
    st.page_link("pages/stap3_doel.py", label="Doel bepalen in stap 3", icon=":material/flag:")

b = kies_bijeenkomst(ctx, label="Gekozen bijeenkomst", vandaag=vandaag)
stand = planning.stand(snap, t.id, voor=b)
st.markdown("**Wat is er al gedaan?**")
if stand.stappen_gedaan:
    st.text("Stappen met resultaat: " + planning.stappen_tekst(stand.stappen_gedaan))
else:
    st.text("Nog niets: we staan aan het begin.")
st.text(planning.stand_tekst(stand))
if stand.vorige is not None:
    st.markdown(
        f"**Verslag van de vorige keer** ({ui.esc(planning.label(stand.vorige))}, {datum_nl(stand.vorige.datum)})"
    )
    st.text(stand.vorige.verslag)

# ---- the plan ------------------------------------------------------------------------------------
st.divider()
st.subheader("Het plan", anchor=False)
st.caption(planning.plan_uitleg(t.werkvorm) + " Pas het plan gerust aan.")


def _toevoegen() -> None:
    nieuw = ui.act(planning.voeg_toe, store, t.id, vandaag)
    if nieuw:
        st.session_state[BIJEENKOMST_KEY] = nieuw.id
        ui.flash(f"Bijeenkomst {nieuw.nummer} toegevoegd op {datum_nl(nieuw.datum)}.")


if items:
    namen = {d.id: d.naam for d in snap.of("deelnemer", t.id)}
    # st.table: static and readable on a shared screen; it renders markdown, so user text is escaped.
    st.table(
        snap.memo(
            ("bijeenkomsten.plan", t.id),  # this page's tables: page-local keys
            lambda: ui.als_arrow(
                pd.DataFrame(
                    [
                        {
                            "Nr": x.nummer,
                            "Bijeenkomst": ui.esc(x.titel),
                            "Datum": datum_nl(x.datum),
                            "Stappen": ", ".join(str(s) for s in x.stappen) or "–",
                            "Vorm": "online" if x.online else "fysiek",
                            "Duur": planning.uren(x.duur_uren),
                            "Aanwezig": sum(1 for i in x.aanwezigen if i in namen),
                            "Verslag": "ja" if x.verslag else "nee",
                        }
                        for x in items
                    ]
                )
            ),
        ),
        hide_index=True,
        width="stretch",
    )
    for x in items:
        waarschuwing = planning.duur_waarschuwing(x, t.werkvorm)
        if waarschuwing:
            st.warning(f"{planning.label(x)}: {waarschuwing}", icon=":material/schedule:")
    if len(items) > wv.aantal_bijeenkomsten:
        st.info(
            f"Het plan telt {len(items)} bijeenkomsten; een {wv.label.lower()} heeft er normaal "
            f"{wv.aantal_bijeenkomsten}."
        )
else:
    st.info("Dit traject heeft nog geen bijeenkomsten. Voeg de eerste toe.")
st.button("Bijeenkomst toevoegen", on_click=_toevoegen, key="bk_toevoegen", icon=":material/add:")

if b is None:
    st.info("Kies hierboven een bijeenkomst om de voorbereiding en het verslag in te vullen.")
    st.stop()

# ---- the chosen meeting: move, shift, remove -------------------------------------------------------
st.divider()
st.subheader(f"{planning.label(b)} · {datum_nl(b.datum)}", anchor=False)


def _verplaats(richting: int) -> None:
    ui.act(planning.verplaats, store, t.id, b.id, richting, ok="Plan aangepast.")


def _verschuif() -> None:
    dagen = int(st.session_state["bk_dagen"])
    n = ui.act(planning.verschuif, store, t.id, b.id, dagen)
    if n:
        ui.flash(f"{n} bijeenkomsten {abs(dagen)} dagen {'later' if dagen > 0 else 'eerder'} gezet.")


def _verwijder() -> None:
    nummer = b.nummer

    def weg() -> bool:
        planning.verwijder(store, t.id, b.id)
        return True

    if ui.act(weg):
        st.session_state[BIJEENKOMST_KEY] = None
        ui.flash(f"Bijeenkomst {nummer} verwijderd; de andere zijn opnieuw genummerd.")


k1, k2, k3, k4 = st.columns([1, 1, 2, 1], vertical_alignment="bottom")
k1.button("Eerder in het plan", on_click=_verplaats, args=(-1,), key="bk_eerder", disabled=b.nummer <= 1)
k2.button("Later in het plan", on_click=_verplaats, args=(1,), key="bk_later", disabled=b.nummer >= len(items))
with k3:
    st.number_input(
        "Aantal dagen opschuiven (negatief is eerder)",
        min_value=-365,
        max_value=365,
        value=7,
        step=7,
        key="bk_dagen",
        help="Schuift deze en alle volgende bijeenkomsten op, bijvoorbeeld als een bijeenkomst niet doorgaat.",
    )
    st.button("Deze en volgende opschuiven", on_click=_verschuif, key="bk_verschuif")
with k4, st.popover("Verwijderen…"):
    st.write(f"Bijeenkomst {b.nummer} uit het plan halen? De andere worden opnieuw genummerd.")
    st.button("Ja, verwijderen", on_click=_verwijder, key="bk_verwijder", type="primary")

# ---- details: date, intention, agenda, steps, form, length, attendance ------------------------------
deelnemers = sorted(snap.of("deelnemer", t.id), key=lambda d: d.naam.casefold())
dn_namen = {d.id: f"{d.naam} ({d.organisatie})" if d.organisatie else d.naam for d in deelnemers}
VORMEN = ("fysiek", "online")


def _versie(*velden: object) -> str:
    # Widget keys carry a checksum of the stored values, so after any change the form shows the store.
    return f"{b.id}_{zlib.crc32(repr(velden).encode()):08x}"


sfx = _versie(b.titel, b.datum, b.intentie, b.agenda, b.stappen, b.online, b.duur_uren, b.aanwezigen)


def _opslaan(sfx: str) -> None:
    s = st.session_state
    nieuw = ui.act(
        store.update,
        "bijeenkomst",
        b.id,
        titel=s[f"bk_titel_{sfx}"],
        datum=s[f"bk_datum_{sfx}"],
        intentie=s[f"bk_intentie_{sfx}"],
        agenda=s[f"bk_agenda_{sfx}"],
        stappen=tuple(s[f"bk_stappen_{sfx}"]),
        online=s[f"bk_vorm_{sfx}"] == "online",
        duur_uren=float(s[f"bk_duur_{sfx}"]),
        aanwezigen=tuple(s[f"bk_aanwezig_{sfx}"]),
        ok="Bijeenkomst opgeslagen.",
    )
    if nieuw is not None:
        waarschuwing = planning.duur_waarschuwing(nieuw, t.werkvorm)
        if waarschuwing:
            ui.flash(waarschuwing, "warning")


limiet = f"fysiek hooguit {planning.uren(wv.max_uren_fysiek)}, online hooguit {planning.uren(wv.max_uren_online)}"
with st.form(f"bk_form_{sfx}", border=True):
    st.markdown("**Voorbereiding**")
    c1, c2 = st.columns([2, 1])
    c1.text_input("Titel", value=b.titel, key=f"bk_titel_{sfx}")
    c2.date_input("Datum", value=b.datum, key=f"bk_datum_{sfx}", format="DD-MM-YYYY")
    st.text_area(
        "Intentie: wat willen we aan het eind van deze bijeenkomst bereikt hebben?",
        value=b.intentie,
        key=f"bk_intentie_{sfx}",
        height=80,
    )
    st.text_area("Agenda (één punt per regel)", value=b.agenda, key=f"bk_agenda_{sfx}", height=110)
    st.multiselect(
        "Stappen van de methode in deze bijeenkomst (in volgorde)",
        [s.nummer for s in methode.STAPPEN],
        default=list(b.stappen),
        format_func=lambda n: f"{n}. {methode.stap(n).naam}",
        key=f"bk_stappen_{sfx}",
    )
    c3, c4 = st.columns(2)
    c3.radio("Vorm", VORMEN, index=1 if b.online else 0, horizontal=True, key=f"bk_vorm_{sfx}")
    c4.number_input(
        "Duur in uren",
        min_value=0.5,
        max_value=12.0,
        value=float(b.duur_uren),
        step=0.5,
        format="%.1f",
        key=f"bk_duur_{sfx}",
        help=f"Advies voor een {wv.label.lower()}: {limiet}.",
    )
    st.multiselect(
        "Aanwezig",
        list(dn_namen),
        default=[i for i in b.aanwezigen if i in dn_namen],
        format_func=lambda i: dn_namen.get(i, "onbekend"),
        key=f"bk_aanwezig_{sfx}",
        placeholder="Kies deelnemers" if dn_namen else "Voeg eerst deelnemers toe op de pagina Deelnemers",
    )
    st.form_submit_button("Bijeenkomst opslaan", type="primary", on_click=_opslaan, args=(sfx,))

st.caption(f"Datum: {datum_nl(b.datum)} · Stappen: {planning.stappen_tekst(b.stappen)}")
waarschuwing = planning.duur_waarschuwing(b, t.werkvorm)
if waarschuwing:
    st.warning(waarschuwing, icon=":material/schedule:")
if planning.moet_openen_met_evaluatie(snap, t.id, b) and not planning.opent_met_evaluatie(b):
    st.info(
        "In een werkplaats begint elke bijeenkomst na de eerste acties met stap 9 en 10: eerst kijken wat de "
        "acties opleverden en het actieplan bijsturen, daarna nieuwe knelpunten."
    )
    st.button(
        "Stap 9 en 10 vooraan zetten",
        on_click=lambda: ui.act(planning.zet_opening_vooraan, store, b.id, ok="Stap 9 en 10 staan nu vooraan."),
        key="bk_opening",
    )

# ---- verslag -------------------------------------------------------------------------------------
st.markdown("**Verslag**")
vsfx = _versie(b.verslag)


def _verslag(vsfx: str) -> None:
    ui.act(store.update, "bijeenkomst", b.id, verslag=st.session_state[f"bk_verslag_{vsfx}"], ok="Verslag opgeslagen.")


with st.form(f"bk_verslag_form_{vsfx}", border=True):
    st.text_area(
        "Wat is er besproken en besloten? Houd het kort: dan leest iedereen het.",
        value=b.verslag,
        key=f"bk_verslag_{vsfx}",
        height=140,
    )
    st.form_submit_button("Verslag opslaan", type="primary", on_click=_verslag, args=(vsfx,))

kn = [k for k in snap.of("knelpunt", t.id) if k.bijeenkomst_id == b.id]
acties = [a for a in snap.of("actie", t.id) if a.ronde_id == b.id]
evals = [e for e in snap.of("evaluatie", t.id) if e.bijeenkomst_id == b.id]

st.markdown(f"**Nieuwe knelpunten uit deze bijeenkomst** ({len(kn)})")
MAX_RIJEN = 20  # a themadag brings hundreds: the newest here, all of them on the board of stap 4
if kn:
    # st.table: static and readable on a shared screen (and by screen readers); it renders markdown, so user
    # text is escaped.
    nieuwste = sorted(kn, key=lambda k: k.aangemaakt, reverse=True)[:MAX_RIJEN]
    st.table(
        snap.memo(
            ("bijeenkomsten.knelpunten", b.id),
            lambda: ui.als_arrow(
                pd.DataFrame(
                    [
                        {
                            "Knelpunt": ui.esc(k.tekst),
                            "Gebied": methode.gebied_label(k.gebied),
                            "Herkomst": ui.esc(herkomst(snap, k)),
                        }
                        for k in nieuwste
                    ]
                )
            ),
        ),
        hide_index=True,
        width="stretch",
    )
    if len(kn) > MAX_RIJEN:
        st.caption(f"De nieuwste {MAX_RIJEN} van {len(kn)}. Alle knelpunten staan op het bord van stap 4.")
else:
    st.caption("Nog geen knelpunten bij deze bijeenkomst.")

deelnemer_id, _ = kies_scope(ctx)
vs = werkvraagstuk(snap, t.id, deelnemer_id)
vraagstuk_id = vs.id if vs else None
GEEN_GEBIED = ""


def _knelpunt() -> None:
    s = st.session_state

    def noteer() -> Knelpunt:
        k = Knelpunt(
            traject_id=t.id,
            tekst=s["bk_kn_tekst"],
            gebied=s["bk_kn_gebied"] or None,
            vraagstuk_id=vraagstuk_id,
            bijeenkomst_id=b.id,
        )
        return store.add(k)

    if ui.act(noteer, ok="Knelpunt genoteerd bij deze bijeenkomst.") is None:
        invoer.terugzetten({"bk_kn_tekst": s["bk_kn_tekst"]})


c6, c5 = st.columns([1, 4], vertical_alignment="bottom")
c6.selectbox(  # outside the form: the gebied stays for the next knelpunt
    "Aandachtsgebied",
    [GEEN_GEBIED, *methode.GEBIED_KEYS],
    format_func=lambda g: methode.gebied_label(g or None),
    key="bk_kn_gebied",
)
with c5, invoer.formulier("bk_kn_form", traject_id=t.id, border=False):
    c7, c8 = st.columns([3, 1], vertical_alignment="bottom")
    c7.text_input("Knelpunt noteren", key="bk_kn_tekst", placeholder="Typ en druk op Enter")
    c8.form_submit_button("Noteren", on_click=_knelpunt)

st.markdown(f"**Afgesproken acties** ({len(acties)})")
if acties:
    st.table(
        snap.memo(
            ("bijeenkomsten.acties", b.id),
            lambda: ui.als_arrow(
                pd.DataFrame(
                    [
                        {
                            "Actie": ui.esc(a.wat),
                            "Eigenaar": ui.esc(eigenaar_naam(snap, a)),
                            "Deadline": datum_nl(a.deadline),
                            "Status": STATUS_LABEL[a.status],
                        }
                        for a in acties
                    ]
                )
            ),
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("Nog geen acties bij deze bijeenkomst. Acties plan je in stap 7.")
if evals:
    st.markdown(f"**Evaluaties in deze bijeenkomst** ({len(evals)})")
    for e in evals:
        st.text(f"• {evaluatie_onderwerp(snap, e)}")

st.download_button(
    "Verslag downloaden (tekst)",
    planning.verslag_tekst(snap, b),
    file_name=f"verslag-bijeenkomst-{b.nummer}.txt",
    mime="text/plain",
    key="bk_download",
    icon=":material/download:",
)

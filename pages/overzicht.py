"""Overview of the chosen traject: werkvorm, vraagstuk, doel, where it stands, counts; demo and recovery."""

from datetime import date
from pathlib import Path

import streamlit as st

from schouders import methode, voortgang
from schouders.demo import laad_demo
from schouders.reservekopie import beschrijving, beste
from schouders.store import voor_schade
from schouders.trajecten import huidig_doel, stappen_gedaan, tel, werkvraagstuk
from schouders.ui import common as ui

ctx = ui.page(need_traject=False, title="Overzicht")
store = ctx.store


def _load_demo() -> None:
    namen = ui.act(laad_demo, store)
    if namen:
        snap = store.snapshot()
        tid = next(t.id for t in snap.all("traject") if t.naam == namen[1])
        ui.select_traject(tid)
        ui.flash("Voorbeeldtrajecten geladen: " + " en ".join(namen) + ".")


def _restore(path: str) -> None:
    ui.act(store.restore, path, ok="Reservekopie teruggezet.")


for melding in store.meldingen:
    st.warning(ui.esc(melding))
if store.moved_aside:
    backups = store.backups()
    if backups:
        goed = voor_schade(store.path, backups)
        # Start on the last backup from before the damage: the newer ones hold the empty store that came after.
        start = beste(backups, goed)
        keuze = st.selectbox(
            "Reservekopie",
            [str(b) for b in backups],
            index=start,
            format_func=lambda p: beschrijving(Path(p), voor_schade=Path(p) in goed),
            key="ov_reservekopie",
        )
        st.button("Reservekopie terugzetten", on_click=lambda: _restore(keuze))

t = ctx.traject
if t is None:
    st.subheader("Welkom bij Schouders")
    st.write(
        "Met Schouders begeleid je een traject volgens de Schouders Eronder methode: eerst ontwarren, "
        "dan oplossen. Maak een traject aan onder *Trajecten beheren*, of bekijk eerst een voorbeeld."
    )
    st.button("Voorbeeldtrajecten laden", type="primary", on_click=_load_demo, key="demo_leeg")
    st.stop()

wv = methode.werkvorm(t.werkvorm)
st.subheader(t.naam, anchor=False)
st.caption(f"{wv.label} · {wv.omschrijving}" + (f" · Thema: {ui.esc(t.thema)}" if t.thema else ""))

snap = ctx.snap
vraag = werkvraagstuk(snap, t.id)
doel = huidig_doel(snap, t.id, vraag.id if vraag else None) or huidig_doel(snap, t.id)
links, rechts = st.columns(2)
with links:
    st.markdown("**Vraagstuk**")
    st.text(vraag.tekst if vraag else "Nog niet beschreven (stap 1).")
with rechts:
    st.markdown("**Doel**")
    st.text(doel.tekst if doel else "Nog niet bepaald (stap 3).")

c = tel(snap, t.id)
cols = st.columns(6)
for col, (label, value) in zip(
    cols,
    [
        ("Deelnemers", c.deelnemers),
        ("Knelpunten", c.knelpunten),
        ("Ingedeeld", c.ingedeeld),
        ("Richtingen", c.richtingen),
        ("Acties", c.acties),
        ("Open acties", c.acties_open),
    ],
    strict=True,
):
    col.metric(label, value)

st.markdown("**Waar staat het traject?**")
gedaan = stappen_gedaan(snap, t.id)
regels = []
for s in methode.STAPPEN:
    if s.nummer == t.huidige_stap:
        teken = "▶ nu"
    elif s.nummer in gedaan:
        teken = "✓ gedaan"
    else:
        teken = "· nog niet"
    regels.append({"Stap": s.nummer, "Naam": s.naam, "Stand": teken, "Fase": s.diamant})
st.dataframe(regels, hide_index=True, width="stretch")


def _zet_stap() -> None:
    ui.act(store.update, "traject", t.id, huidige_stap=st.session_state["huidige_stap"], ok="Huidige stap bijgewerkt.")


st.selectbox(
    "Huidige stap",
    [s.nummer for s in methode.STAPPEN],
    index=t.huidige_stap - 1,
    format_func=lambda n: f"{n}. {methode.stap(n).naam}",
    key="huidige_stap",
    on_change=_zet_stap,
)

if snap.of("bijeenkomst", t.id):
    st.markdown("**Bijeenkomsten en stappen**")
    vandaag = date.today()
    st.plotly_chart(
        snap.memo((voortgang.tijdlijn_figuur, t.id, vandaag), lambda: voortgang.tijdlijn_figuur(snap, t.id, vandaag)),
        key="ov_tijdlijn",
        config={"displayModeBar": False},
    )
    st.dataframe(
        snap.memo((voortgang.tijdlijn, t.id, vandaag), lambda: ui.als_arrow(voortgang.tijdlijn(snap, t.id, vandaag))),
        hide_index=True,
        width="stretch",
    )

with st.expander("Voorbeeldtrajecten"):
    st.write("Laad een voorbeeld-themadag en een voorbeeld-werkplaats om te zien hoe een gevuld traject eruitziet.")
    st.button("Voorbeeldtrajecten laden", on_click=_load_demo, key="demo_vol")

"""Create, rename, duplicate, archive and delete trajecten."""

from datetime import date

import streamlit as st

from schouders import methode, trajecten
from schouders.datums import datumtijd_nl
from schouders.ui import common as ui

ctx = ui.page(need_traject=False, title="Trajecten beheren")
store = ctx.store


def _nieuw() -> None:
    s = st.session_state
    t = ui.act(
        trajecten.nieuw_traject,
        store,
        s["nt_naam"],
        s["nt_werkvorm"],
        thema=s["nt_thema"],
        start=s["nt_start"],
        met_plan=s["nt_plan"],
    )
    if t:
        ui.select_traject(t.id)
        ui.flash(f"Traject '{t.naam}' aangemaakt.")
        s["nt_naam"] = ""
        s["nt_thema"] = ""


with st.form("nieuw_traject", clear_on_submit=False, border=True):
    st.markdown("**Nieuw traject**")
    st.text_input("Naam", key="nt_naam", placeholder="bijv. Werkplaats schulden en werk")
    st.selectbox(
        "Werkvorm",
        [w.key for w in methode.WERKVORMEN],
        key="nt_werkvorm",
        format_func=lambda k: f"{methode.werkvorm(k).label} – {methode.werkvorm(k).omschrijving}",
    )
    st.text_input("Thema (mag leeg)", key="nt_thema")
    st.date_input("Eerste bijeenkomst", value=date.today(), key="nt_start", format="DD-MM-YYYY")
    st.checkbox("Stel het bijeenkomstenplan van deze werkvorm voor", value=True, key="nt_plan")
    st.form_submit_button("Traject aanmaken", type="primary", on_click=_nieuw)

t = ctx.traject
if t is None:
    st.stop()

st.divider()
st.markdown(f"**Gekozen traject:** {ui.esc(t.naam)} ({methode.werkvorm(t.werkvorm).label})")


def _hernoem() -> None:
    ui.act(trajecten.hernoem, store, t.id, st.session_state["hernoem_naam"], ok="Naam aangepast.")


def _dupliceer() -> None:
    kopie = ui.act(trajecten.dupliceer, store, t.id)
    if kopie:
        ui.select_traject(kopie.id)
        ui.flash(f"Kopie gemaakt: '{kopie.naam}'.")


def _archiveer() -> None:
    ui.act(
        trajecten.archiveer,
        store,
        t.id,
        not t.gearchiveerd,
        ok="Traject teruggehaald uit het archief." if t.gearchiveerd else "Traject gearchiveerd.",
    )


col1, col2 = st.columns([3, 2])
with col1:
    st.text_input("Nieuwe naam", value=t.naam, key="hernoem_naam")
    st.button("Naam opslaan", on_click=_hernoem)
with col2:
    st.button("Dupliceren", on_click=_dupliceer, help="Maakt een volledige kopie met alle gegevens.")
    st.button("Uit archief halen" if t.gearchiveerd else "Archiveren", on_click=_archiveer)


@st.dialog("Traject verwijderen")
def _bevestig_verwijderen() -> None:
    st.write(f"Weet je zeker dat je '{t.naam}' en alles wat erbij hoort wilt verwijderen?")
    st.caption("Er blijft een reservekopie van het bestand bewaard.")
    bevestig = st.text_input("Typ de naam van het traject om te bevestigen")
    if st.button("Definitief verwijderen", type="primary"):
        if bevestig.strip() != t.naam:
            st.error("De naam klopt niet; er is niets verwijderd.")
            return
        store.delete_traject(t.id)
        ui.select_traject(None)
        ui.flash(f"Traject '{t.naam}' verwijderd.")
        st.rerun()


if st.button("Verwijderen…"):
    _bevestig_verwijderen()

archief = [x for x in ctx.snap.trajecten(archief=True) if x.gearchiveerd]
if archief:
    st.divider()
    st.markdown("**Archief**")
    for a in archief:
        st.text(f"{a.naam} · aangemaakt {datumtijd_nl(a.aangemaakt)}")

st.divider()
st.markdown("**Waar de gegevens staan**")
st.caption("Alles blijft op deze laptop, in dit bestand (met reservekopieën in de map ernaast):")
st.code(str(store.path), language=None)

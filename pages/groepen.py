"""Groepen: the small groups of a themadag – name, procesbegeleider, members – and the gebieden for stap 5."""

import pandas as pd
import streamlit as st

from schouders import groepen, methode
from schouders.ui import common as ui

P = "gr"
ctx = ui.page(title="Groepen")
store, snap, t, tid = ctx.store, ctx.snap, ctx.traject, ctx.tid
wv = methode.werkvorm(t.werkvorm)

st.caption(
    "Op een themadag werken de deelnemers in kleine groepen, elk met een eigen procesbegeleider. "
    "Hier maak je de groepen, zet je de deelnemers in een groep en kies je de gebieden voor stap 5. "
    "Elke wijziging wordt meteen bewaard."
)
if t.werkvorm != "themadag":
    st.info(
        f"Groepen horen vooral bij een themadag. Dit traject is een {wv.label.lower()}; "
        "je kunt hier toch groepen maken, bijvoorbeeld als je de deelnemers in tweeën splitst."
    )

VERSIE = f"{P}_versie"
st.session_state.setdefault(VERSIE, 0)
versie = st.session_state[VERSIE]
lijst = groepen.groepen(snap, tid)
mensen = list(snap.of("deelnemer", tid))


def _opnieuw() -> None:
    """Fresh editors on the saved data (their old edits are in the store now; streamlit issue 7749)."""
    st.session_state[VERSIE] += 1


# ---- the groups ----------------------------------------------------------------------------------------

st.subheader("Groepen", anchor=False)


def _maak() -> None:
    nieuw = ui.act(groepen.maak_groepen, store, tid, st.session_state[f"{P}_aantal"], t.procesbegeleiders)
    if nieuw:
        ui.flash(f"{len(nieuw)} groepen gemaakt. Pas de namen en procesbegeleiders gerust aan.")
        _opnieuw()


with st.form(f"{P}_maak", border=False):
    cols = st.columns([1, 2], vertical_alignment="bottom")
    cols[0].number_input(
        "Aantal nieuwe groepen",
        min_value=1,
        max_value=50,
        value=6 if not lijst else 1,
        step=1,
        key=f"{P}_aantal",
    )
    cols[1].form_submit_button("Groepen maken", on_click=_maak, type="primary" if not lijst else "secondary")

aantal_kn = {g.id: 0 for g in lijst}
for k in snap.of("knelpunt", tid):
    if k.groep_id in aantal_kn:
        aantal_kn[k.groep_id] += 1
aantal_leden = {g.id: 0 for g in lijst}
for d in mensen:
    if d.groep_id in aantal_leden:
        aantal_leden[d.groep_id] += 1

groep_ids = [g.id for g in lijst]
editor_key = f"{P}_groepen_{tid}_{versie}"
frame = pd.DataFrame(
    [
        {
            "naam": g.naam,
            "procesbegeleider": g.procesbegeleider,
            "leden": aantal_leden[g.id],
            "knelpunten": aantal_kn[g.id],
        }
        for g in lijst
    ],
    columns=["naam", "procesbegeleider", "leden", "knelpunten"],
)


def _bewaar_groepen(key: str, ids: list[str]) -> None:
    resultaat = ui.act(groepen.pas_groepen_toe, store, tid, ids, st.session_state.get(key) or {})
    if resultaat is not None and resultaat.iets:
        ui.flash(resultaat.melding())
        _opnieuw()


st.data_editor(
    frame,
    key=editor_key,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    disabled=["leden", "knelpunten"],
    column_config={
        "naam": st.column_config.TextColumn("Naam", required=True, max_chars=80),
        "procesbegeleider": st.column_config.TextColumn("Procesbegeleider", max_chars=120),
        "leden": st.column_config.NumberColumn("Deelnemers", help="Zet deelnemers in een groep hieronder."),
        "knelpunten": st.column_config.NumberColumn("Knelpunten"),
    },
    on_change=_bewaar_groepen,
    args=(editor_key, groep_ids),
)
if lijst:
    st.caption(
        "Een groep verwijderen (selecteer de rij, dan het prullenbakje) laat de deelnemers en knelpunten staan; "
        f"ze komen onder '{groepen.ZONDER_GROEP}'."
    )
else:
    st.info("Nog geen groepen. Kies hierboven hoeveel groepen je nodig hebt.")

# ---- members ------------------------------------------------------------------------------------------

st.subheader("Wie zit in welke groep?", anchor=False)
if not mensen:
    st.info("Er zijn nog geen deelnemers. Voeg ze toe op de pagina Deelnemers, of plak ze daar uit een lijst.")
    st.page_link("pages/deelnemers.py", label="Naar Deelnemers", icon=":material/group:")
elif not lijst:
    st.caption("Maak eerst groepen; daarna zet je hier de deelnemers in een groep.")
else:
    namen = {g.id: g.naam for g in lijst}
    naar_id = {g.naam: g.id for g in lijst}
    mensen_ids = [d.id for d in mensen]
    leden_key = f"{P}_leden_{tid}_{versie}"
    leden_frame = pd.DataFrame(
        [
            {"naam": d.naam, "organisatie": d.organisatie, "rol": d.rol, "groep": namen.get(d.groep_id or "")}
            for d in mensen
        ],
        columns=["naam", "organisatie", "rol", "groep"],
        dtype="object",
    )

    def _bewaar_leden(key: str, ids: list[str]) -> None:
        rijen = (st.session_state.get(key) or {}).get("edited_rows") or {}
        toewijzing = {
            ids[int(i)]: naar_id.get(v["groep"] or "") for i, v in rijen.items() if "groep" in v and int(i) < len(ids)
        }
        n = ui.act(groepen.zet_leden, store, tid, toewijzing)
        if n:
            ui.flash(f"{n} deelnemer{'s' if n != 1 else ''} in een andere groep gezet.")
        _opnieuw()

    def _verdeel(alleen_zonder: bool) -> None:
        toewijzing = ui.act(groepen.verdeel, store.snapshot(), tid, alleen_zonder_groep=alleen_zonder)
        if toewijzing is None:
            return
        n = ui.act(groepen.zet_leden, store, tid, toewijzing)
        if n is not None:
            ui.flash(f"{n} deelnemer{'s' if n != 1 else ''} over de groepen verdeeld." if n else "Niets veranderd.")
        _opnieuw()

    zonder = sum(1 for d in mensen if d.groep_id not in namen)
    knoppen = st.columns(2)
    knoppen[0].button(
        f"Verdeel wie nog geen groep heeft ({zonder})",
        key=f"{P}_verdeel_rest",
        on_click=_verdeel,
        args=(True,),
        disabled=not zonder,
        width="stretch",
    )
    with knoppen[1].popover("Verdeel iedereen opnieuw", width="stretch"):
        st.caption(
            "Alle deelnemers worden opnieuw over de groepen verdeeld: even grote groepen, en mensen van "
            "dezelfde organisatie zo veel mogelijk in verschillende groepen. De huidige indeling vervalt."
        )
        st.button("Ja, verdeel opnieuw", key=f"{P}_verdeel_alles", on_click=_verdeel, args=(False,))

    st.data_editor(
        leden_frame,
        key=leden_key,
        hide_index=True,
        width="stretch",
        disabled=["naam", "organisatie", "rol"],
        column_config={
            "naam": st.column_config.TextColumn("Naam"),
            "organisatie": st.column_config.TextColumn("Organisatie"),
            "rol": st.column_config.TextColumn("Rol"),
            "groep": st.column_config.SelectboxColumn("Groep", options=list(naar_id), help="Leeg: nog geen groep."),
        },
        on_change=_bewaar_leden,
        args=(leden_key, mensen_ids),
    )

    cols = st.columns(min(len(lijst), 3))
    for i, g in enumerate(lijst):
        with cols[i % len(cols)].container(border=True):
            st.markdown(f"**{ui.esc(g.naam)}**")
            st.caption(f"Procesbegeleider: {ui.esc(g.procesbegeleider) if g.procesbegeleider else 'nog niet gekozen'}")
            wie = [d.naam for d in mensen if d.groep_id == g.id]
            st.text(", ".join(wie) if wie else "Nog geen deelnemers.")

# ---- the gebieden for stap 5 ----------------------------------------------------------------------------

st.subheader("Verdieping in stap 5", anchor=False)
if t.werkvorm != "themadag":
    st.caption(
        f"In een {wv.label.lower()} verdiep je in stap 5 alle gebieden, te beginnen bij het gebied met de meeste "
        "knelpunten. Kiezen is alleen nodig bij een themadag."
    )
else:
    limiet = wv.max_verdieping_gebieden
    st.caption(
        f"Op een themadag is er tijd om {limiet if limiet > 1 else 'één'} aandachtsgebied"
        f"{'en' if limiet > 1 else ''} te verdiepen. Kies ze voor de hele dag: alle groepen verdiepen dezelfde "
        "gebieden, zodat de opbrengst te vergelijken is."
    )
    keuze_key = f"{P}_verdieping"
    st.session_state[keuze_key] = list(t.verdieping_gebieden)

    def _zet_verdieping(gebieden: list[str] | None = None) -> None:
        gekozen = st.session_state[keuze_key] if gebieden is None else gebieden
        ui.act(groepen.zet_verdieping, store, tid, gekozen, ok="Gebieden voor stap 5 bewaard.")

    st.multiselect(
        "Gebieden voor stap 5",
        list(methode.GEBIED_KEYS),
        key=keuze_key,
        max_selections=limiet,
        format_func=methode.gebied_label,
        on_change=_zet_verdieping,
        placeholder="Kies een of twee gebieden",
    )
    voorstel = groepen.voorstel_verdieping(snap, tid)
    if voorstel and list(voorstel) != list(t.verdieping_gebieden):
        labels = " en ".join(methode.gebied_label(g) for g in voorstel)
        st.caption(f"Voorstel: {labels} – daar noemden de groepen de meeste knelpunten.")
        st.button("Voorstel overnemen", key=f"{P}_voorstel", on_click=_zet_verdieping, args=(voorstel,))

"""Stap 1 – Vraagstuk: describe it, check the three marks, make it smaller and choose the werkvraag."""

import streamlit as st

from schouders import methode, ontdekken
from schouders.ui import common as ui
from schouders.ui import scope

ctx = ui.page(stap=1)
store, snap, tid, t = ctx.store, ctx.snap, ctx.tid, ctx.traject

if scope.vooraf_vast(t, 1):
    st.info(
        "Bij een themadag stellen de organisatoren het vraagstuk vooraf vast. Je legt het hier vast; "
        "in de sessie (stap 2 tot en met 6) staat het bovenaan, alleen om te lezen."
    )

did = None
if ontdekken.eigen_vraagstuk(snap, tid):
    regels = ontdekken.leernetwerk_overzicht(snap, tid)
    if regels:
        st.subheader("Alle vraagstukken naast elkaar", anchor=False)
        aantal_kenmerken = len(methode.KENMERKEN_VRAAGSTUK)
        for start in range(0, len(regels), 3):
            for col, r in zip(st.columns(3), regels[start : start + 3], strict=False):
                with col.container(border=True):
                    wie = r.deelnemer.naam + (f" · {r.deelnemer.organisatie}" if r.deelnemer.organisatie else "")
                    st.markdown(f"**{ui.esc(wie)}**")
                    st.text(r.werkvraag.tekst if r.werkvraag else "Nog geen vraagstuk.")
                    if r.werkvraag:
                        st.caption(
                            f"{r.aantal_vragen} {'vraag' if r.aantal_vragen == 1 else 'vragen'} · "
                            f"kenmerken {r.kenmerken} van {aantal_kenmerken}"
                        )
        st.divider()
    did = scope.kies_deelnemer(ctx)
    if did is None:
        st.stop()

boom = ontdekken.boom(snap, tid, did)
werkvraag = ontdekken.werkvraag(snap, tid, did)
heeft_kinderen = {v.parent_id for v, _ in boom if v.parent_id}


def _nieuw() -> None:
    ui.act(
        ontdekken.nieuw_vraagstuk,
        store,
        tid,
        st.session_state["s1_nieuw_tekst"],
        deelnemer_id=did,
        ok="Vraagstuk bewaard.",
    )


if werkvraag is None:
    with st.form("s1_nieuw", clear_on_submit=True):
        st.text_area(
            "Beschrijf het vraagstuk",
            key="s1_nieuw_tekst",
            placeholder="Bijvoorbeeld: Hoe zorgen we dat inwoners met schulden sneller de juiste hulp krijgen?",
        )
        st.form_submit_button("Vraagstuk bewaren", type="primary", on_click=_nieuw)
    st.stop()

# ---- the werkvraag and its three marks ----------------------------------------------------------------

st.subheader("Werkvraag", anchor=False)
st.caption("Het vraagstuk waar de groep nu aan werkt. De andere vragen blijven bewaard.")
with st.container(border=True):
    st.text(werkvraag.tekst)

km_keys = {k: f"s1_km_{werkvraag.id}_{k}" for k, _ in methode.KENMERKEN_VRAAGSTUK}


def _kenmerken(vraagstuk_id: str) -> None:
    waarden = {k: bool(st.session_state.get(key)) for k, key in km_keys.items()}
    ui.act(ontdekken.zet_kenmerken, store, vraagstuk_id, waarden)


st.markdown("**Is het een maatschappelijk vraagstuk?**")
for k, label in methode.KENMERKEN_VRAAGSTUK:
    st.checkbox(
        label, value=bool(werkvraag.kenmerken.get(k)), key=km_keys[k], on_change=_kenmerken, args=(werkvraag.id,)
    )
open_kenmerken = ontdekken.ontbrekende_kenmerken(werkvraag)
with st.container():  # always there, so the form below keeps its place (and the keyboard focus)
    if open_kenmerken:
        st.caption(
            f"Nog {len(open_kenmerken)} van de {len(methode.KENMERKEN_VRAAGSTUK)} kenmerken niet aangevinkt. "
            "Bespreek of het vraagstuk anders moet, of kleiner."
        )

# ---- make it smaller -----------------------------------------------------------------------------------

st.subheader("Maak het kleiner", anchor=False)
st.caption(
    "Is het vraagstuk te breed? Schrijf kleinere vragen op; druk op Enter na elke vraag. "
    "Kies daarna de vraag waar de groep mee verder gaat."
)
namen = {v.id: ("· " * d) + v.tekst for v, d in boom}


def _kleiner() -> None:
    s = st.session_state
    ouder = s.get("s1_ouder") or werkvraag.id
    ui.act(
        ontdekken.nieuw_vraagstuk,
        store,
        tid,
        s["s1_kleiner_tekst"],
        deelnemer_id=did,
        parent_id=ouder,
        ok="Kleinere vraag toegevoegd.",
    )


with st.form("s1_kleiner", clear_on_submit=True):
    st.text_input("Kleinere vraag", key="s1_kleiner_tekst", placeholder="Typ een kleinere vraag en druk op Enter")
    if len(boom) > 1:
        st.selectbox(
            "Onderdeel van",
            list(namen),
            index=list(namen).index(werkvraag.id),
            key="s1_ouder",
            format_func=lambda i: namen.get(i, i)[:120],
        )
    st.form_submit_button("Toevoegen", on_click=_kleiner)

# ---- all questions ---------------------------------------------------------------------------------------


def _kies(vraagstuk_id: str) -> None:
    ui.act(ontdekken.kies_werkvraag, store, vraagstuk_id, ok="Werkvraag gekozen.")


def _verwijder(vraagstuk_id: str) -> None:
    ui.act(ontdekken.verwijder_vraagstuk, store, vraagstuk_id, ok="Vraag verwijderd.")


def _wijzig(vraagstuk_id: str) -> None:
    ui.act(
        ontdekken.wijzig_vraagstuk,
        store,
        vraagstuk_id,
        st.session_state[f"s1_tekst_{vraagstuk_id}"],
        ok="Tekst aangepast.",
    )


st.subheader("Alle vragen", anchor=False)
for v, diepte in boom:
    with st.container(border=True, key=f"s1_vraag_{v.id}"):
        inspringing = "↳ " if diepte else ""
        kop = "**Werkvraag** · " if v.werkvraag else ""
        st.markdown(f"{'&emsp;' * diepte}{inspringing}{kop}{ui.esc(v.tekst)}")
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Kies als werkvraag",
                key=f"s1_kies_{v.id}",
                on_click=_kies,
                args=(v.id,),
                disabled=v.werkvraag,
                icon=":material/star:",
            )
            with st.popover("Aanpassen", icon=":material/edit:"):
                with st.form(f"s1_wijzig_{v.id}", border=False):
                    st.text_area("Tekst", value=v.tekst, key=f"s1_tekst_{v.id}")
                    st.form_submit_button("Opslaan", on_click=_wijzig, args=(v.id,))
            if v.id not in heeft_kinderen:
                st.button(
                    "Verwijder", key=f"s1_weg_{v.id}", on_click=_verwijder, args=(v.id,), icon=":material/delete:"
                )

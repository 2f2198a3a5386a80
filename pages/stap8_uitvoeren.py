"""Stap 8 – Uitvoeren: the action board by status, owners and deadlines, overdue actions marked
'te laat'; progress charts; in a leernetwerk every deelnemer's progress side by side."""

from datetime import date

import streamlit as st

from schouders import methode, planning, voortgang
from schouders.datums import datum_nl
from schouders.ui import common as ui
from schouders.ui.bijeenkomst import kies_scope
from schouders.uitvoering import (
    OPEN_STATUSSEN,
    STATUS_KEYS,
    STATUS_LABEL,
    TE_LAAT,
    Kaart,
    aantal_te_laat,
    bord,
    open_acties,
    voortgang_deelnemers,
    zet_status,
)

ctx = ui.page(stap=8)
store, snap, t = ctx.store, ctx.snap, ctx.traject
vandaag = date.today()
wv = methode.werkvorm(t.werkvorm)

if wv.eigen_vraagstuk:
    st.markdown("**Voortgang per deelnemer**")
    rijen = voortgang_deelnemers(snap, t.id, vandaag)
    if rijen:
        st.dataframe(rijen, hide_index=True, width="stretch")
    else:
        st.caption("Nog geen eigen vraagstukken. Elke deelnemer legt in stap 1 een eigen vraagstuk vast.")
deelnemer_id, scope = kies_scope(ctx)

kolommen = bord(snap, t.id, vandaag, scope)
if not any(kolommen.values()):
    st.info("Er zijn nog geen acties. Maak van een oplossingsrichting een actie in stap 7.")
    st.page_link("pages/stap7_acties.py", label="Naar stap 7 · Acties plannen", icon=":material/arrow_forward:")
    st.stop()

n_laat = aantal_te_laat(snap, t.id, vandaag, scope)
n_open = len(open_acties(snap, t.id, scope))
samenvatting = f"{n_open} open acties"
if n_laat:
    samenvatting += f" · {n_laat} {TE_LAAT}"
st.caption(samenvatting + f" · vandaag is het {datum_nl(vandaag)}")
if n_open > methode.MAX_ACTIES_PER_RONDE and not wv.eigen_vraagstuk:
    st.caption(
        f"Er staan {n_open} acties open. De methode raadt 1 tot {methode.MAX_ACTIES_PER_RONDE} acties tegelijk aan: "
        "maak eerst iets af voor je iets nieuws begint."
    )


def _status(actie_id: str) -> None:
    nieuw = st.session_state[f"s8_status_{actie_id}"]
    if ui.act(zet_status, store, actie_id, nieuw, ok=f"Actie staat nu op '{STATUS_LABEL[nieuw].lower()}'."):
        st.session_state[f"s8_kaart_{actie_id}"] = False  # close the card: it moves to its new column


def _kaart_label(k: Kaart) -> str:
    """The card as safe markdown: 'te laat' in words, what (user text, escaped), owner and deadline."""
    deadline = f"**deadline {k.deadline}**" if k.te_laat else f"deadline {k.deadline}"
    regels = [f":red-background[**{TE_LAAT.upper()}**]"] if k.te_laat else []
    regels += [ui.esc(k.actie.wat), f":gray[{ui.esc(k.eigenaar)} · {deadline}]"]
    return "\n\n".join(regels)


PER_KOLOM = 8  # cards per column before "Toon alle": the board stays readable (and quick) with many actions
ui.kaarten_stijl("s8_kaart_")
st.caption("Klik op een actie om de status te veranderen.")

cols = st.columns(len(STATUS_KEYS))
for col, key in zip(cols, STATUS_KEYS, strict=True):
    kaarten = kolommen[key]
    alles_key = f"s8_alles_{key}"
    alles = st.session_state.get(alles_key, False)
    with col:
        st.markdown(f"**{STATUS_LABEL[key]}** ({len(kaarten)})")
        for k in kaarten if alles else kaarten[:PER_KOLOM]:
            a = k.actie
            # The card is the button of its popover; the status choice renders only while it is open.
            pop = ui.kaart(_kaart_label(k), key=f"s8_kaart_{a.id}")
            if pop.open:
                with pop:
                    st.radio(
                        "Status",
                        STATUS_KEYS,
                        index=STATUS_KEYS.index(a.status),
                        format_func=STATUS_LABEL.get,
                        key=f"s8_status_{a.id}",
                        on_change=_status,
                        args=(a.id,),
                    )
        if len(kaarten) > PER_KOLOM:
            st.button(
                f"Toon de eerste {PER_KOLOM}" if alles else f"Toon alle {len(kaarten)}",
                key=f"s8_alleskn_{key}",
                on_click=ui.wissel,
                args=(alles_key,),
                type="tertiary",
            )
        if not kaarten:
            st.caption("Geen acties.")

if any(kolommen[s] for s in OPEN_STATUSSEN):
    st.page_link(
        "pages/stap9_evalueren.py", label="Klaar met een actie? Evalueer in stap 9", icon=":material/fact_check:"
    )

# Charts last and outside tabs/expanders, so a rerun of the board stays quick to read.
st.divider()
st.subheader("Voortgang", anchor=False)
bijeenkomsten = planning.gesorteerd(snap, t.id)
c1, c2 = st.columns(2)
with c1:
    st.plotly_chart(
        snap.memo(  # built once per version of the data (scope: the chosen deelnemer)
            (voortgang.acties_figuur, t.id, deelnemer_id),
            lambda: voortgang.acties_figuur(voortgang.acties_per_bijeenkomst(snap, t.id, scope)),
        ),
        key="s8_acties_chart",
        config={"displayModeBar": False},
    )
with c2:
    st.plotly_chart(
        snap.memo(
            (voortgang.knelpunten_figuur, t.id, deelnemer_id, vandaag),
            lambda: voortgang.knelpunten_figuur(
                voortgang.knelpunten_over_tijd(snap, t.id, scope, tot=vandaag), bijeenkomsten
            ),
        ),
        key="s8_knelpunten_chart",
        config={"displayModeBar": False},
    )

"""Deelnemers of the chosen traject: one editable table, quick to fill (also by pasting from a spreadsheet).

The editor keeps one fixed base table and Streamlit's own list of edits; every change is saved at once by
replaying those edits onto the store (idempotent). Its returned frame is never fed back in (streamlit issue
7749), so nothing has to be typed twice and the table does not jump while you type. The base is only
renewed when the page is opened again or someone else changed the deelnemers.

A row with a bad cell is refused on its own (one message naming row and field) while every other change is
saved: a fast user's rol must not be lost because a bad e-mail in another row reached the same rerun.
"""

import pandas as pd
import streamlit as st

from schouders import methode, ontdekken
from schouders.ui import common as ui

ctx = ui.page(title="Deelnemers")
store, tid = ctx.store, ctx.tid
wv = methode.werkvorm(ctx.traject.werkvorm)

st.caption(
    "Wie doen er mee? Vul per regel een naam in; organisatie, rol en e-mail mogen leeg blijven. "
    "Klik op + boven de tabel voor een nieuwe regel, of plak regels uit een spreadsheet. "
    "Elke wijziging wordt meteen bewaard."
)
if wv.eigen_vraagstuk:
    st.caption("In een leernetwerk brengt iedere deelnemer een eigen vraagstuk mee (stap 1).")

BASIS = "s0_basis"
stand = ontdekken.deelnemers_stand(ctx.snap, tid)
basis = st.session_state.get(BASIS)
if basis is None or basis["tid"] != tid or basis["stand"] != stand or basis["key"] not in st.session_state:
    versie = basis["versie"] + 1 if basis else 0
    ids, rijen = ontdekken.deelnemer_rijen(ctx.snap, tid)
    basis = {
        "tid": tid,
        "ids": ids,
        "rijen": rijen,
        "nieuw_ids": (),
        "stand": stand,
        "versie": versie,
        "key": f"s0_editor_{versie}",
    }
    st.session_state[BASIS] = basis


def _bewaar() -> None:
    b = st.session_state[BASIS]
    wijzigingen = st.session_state.get(b["key"]) or {}
    resultaat = ui.act(ontdekken.pas_deelnemers_toe, store, b["tid"], b["ids"], wijzigingen, b["nieuw_ids"])
    if resultaat is None:  # the store refused (e.g. read-only): the editor keeps what was typed
        return
    b["nieuw_ids"] = resultaat.nieuw_ids
    b["stand"] = ontdekken.deelnemers_stand(store.snapshot(), b["tid"])
    if resultaat.iets:
        st.toast(resultaat.melding(), icon=":material/check:")
    weigering = resultaat.weigering()
    if weigering:  # refused rows: the typed text stays in the editor, so it can be fixed there
        ui.flash(weigering, "error")


st.data_editor(
    pd.DataFrame(basis["rijen"], columns=list(ontdekken.DEELNEMER_VELDEN), dtype="object"),
    key=basis["key"],
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    column_config={
        "naam": st.column_config.TextColumn("Naam", max_chars=120),
        "organisatie": st.column_config.TextColumn("Organisatie", max_chars=200),
        "rol": st.column_config.SelectboxColumn("Rol", options=list(methode.ROLLEN)),
        "email": st.column_config.TextColumn("E-mail", max_chars=200),
    },
    on_change=_bewaar,
)

mensen = ontdekken.deelnemers(ctx.snap, tid)
if mensen:
    rollen = pd.Series([d.rol or "geen rol" for d in mensen]).value_counts()
    st.caption(
        f"{len(mensen)} deelnemer{'s' if len(mensen) != 1 else ''} · "
        + " · ".join(f"{n}× {ui.esc(r)}" for r, n in rollen.items())
    )
else:
    st.info("Nog geen deelnemers. Klik boven de tabel op + om een regel toe te voegen.")

"""Stap 7 – Acties plannen: acties onder een richting, 1 tot 3 per ronde, en het overzicht van alles."""

from datetime import date

import pandas as pd
import streamlit as st

from schouders import methode, ontdekken
from schouders import prioriteren as prio
from schouders.datums import datum_nl
from schouders.model import Actie
from schouders.ui import common as ui
from schouders.ui import invoer, scope

ctx = ui.page(stap=7)
store, snap, tid = ctx.store, ctx.snap, ctx.tid

deelnemer_id = scope.kies_deelnemer(ctx)
if ontdekken.eigen_vraagstuk(snap, tid) and deelnemer_id is None:
    st.stop()
vraag = ontdekken.werkvraag(snap, tid, deelnemer_id)
knelpunten = ontdekken.in_scope(snap.of("knelpunt", tid), snap, tid, deelnemer_id)
richtingen = sorted(ontdekken.in_scope(snap.of("richting", tid), snap, tid, deelnemer_id), key=lambda r: r.aangemaakt)
acties = ontdekken.in_scope(snap.of("actie", tid), snap, tid, deelnemer_id)
deelnemers = ontdekken.deelnemers(snap, tid)
bijeenkomsten = sorted(snap.of("bijeenkomst", tid), key=lambda b: b.nummer)
richting_by_id = {r.id: r for r in richtingen}
ronde_by_id = {b.id: b for b in bijeenkomsten}
naam_by_id = {d.id: d.naam for d in deelnemers}
huidige = prio.huidige_ronde(bijeenkomsten, date.today())
per_ronde = prio.acties_per_ronde(acties)
MAX = methode.MAX_ACTIES_PER_RONDE

# ---- de 1–3-regel: eerst en duidelijk ----------------------------------------------------------------

# Warn for the current round and the rounds still to come; a past round that was too full is history
# (the table further down still shows it).
for b in bijeenkomsten:
    if huidige is not None and b.nummer < huidige.nummer:
        continue
    melding = prio.ronde_melding(per_ronde.get(b.id, 0), prio.ronde_label(b))
    if melding:
        st.warning(ui.esc(melding), icon=":material/warning:")
if huidige is not None:
    n = per_ronde.get(huidige.id, 0)
    st.caption(
        f"**Huidige ronde:** {ui.esc(prio.ronde_label(huidige))} · {n} van de {MAX} acties gepland. "
        f"Realistisch is 1 tot {MAX} acties per keer, naast het gewone werk."
    )

# ---- nieuwe actie --------------------------------------------------------------------------------------

st.subheader("Nieuwe actie", anchor=False)
if not richtingen:
    st.info("Er zijn nog geen oplossingsrichtingen. Kies eerst in stap 6 een richting; acties hangen daaronder.")
    st.page_link("pages/stap6_oplossingsrichtingen.py", label="Naar stap 6 · Oplossingsrichtingen")

GEEN = ""  # "nobody yet" / "no round" in a selectbox
status_keys = [k for k, _ in methode.ACTIE_STATUSSEN]
eigenaar_opties = [GEEN, *naam_by_id]
ronde_opties = [GEEN, *ronde_by_id]


# Stable, unique labels: Streamlit maps a chosen option back through its label, so a label that changes
# between reruns (say, with a count in it) or that two options share would lose the choice.
eigenaar_labels = prio.unieke_labels((d.id, d.naam) for d in deelnemers)
ronde_labels = prio.unieke_labels((b.id, prio.ronde_label(b)) for b in bijeenkomsten)
richting_labels = prio.unieke_labels((r.id, r.titel) for r in richtingen)


def _eigenaar_label(did: str) -> str:
    return eigenaar_labels.get(did, "Nog niemand")


def _ronde_label(bid: str) -> str:
    return ronde_labels.get(bid, "Geen ronde")


def _richting_label(rid: str) -> str:
    return richting_labels.get(rid, "(geen richting)")


def _index(opties: list[str], waarde: str | None) -> int:
    return opties.index(waarde) if waarde in opties else 0


def _nieuwe_actie() -> None:
    s = st.session_state

    def maak() -> Actie:
        r = richting_by_id.get(s["s7_na_richting"])
        if r is None:
            raise ValueError("Kies de oplossingsrichting waar deze actie onder valt.")
        if (s["s7_na_ronde"] or None) not in (None, *ronde_by_id):
            raise ValueError("Kies de ronde opnieuw: die bijeenkomst bestaat niet meer.")
        a = Actie(
            traject_id=tid,
            wat=s["s7_na_wat"],
            richting_id=r.id,
            eigenaar_id=s["s7_na_eigenaar"] or None,
            deadline=s["s7_na_deadline"],
            status=s["s7_na_status"],
            verkennend=s["s7_na_verkennend"],
            ronde_id=s["s7_na_ronde"] or None,
            vraagstuk_id=r.vraagstuk_id or (vraag.id if vraag else None),
        )
        return store.add(a)

    a = ui.act(maak)
    if a is None:  # the browser emptied the form as it sent it: what was typed comes back, only the mistake to fix
        invoer.terugzetten({k: s[k] for k in ("s7_na_wat", "s7_na_deadline", "s7_na_status", "s7_na_verkennend")})
        return
    # The richting, the round and the owner sit outside the form and stay: a group often plans several in a row.
    if a.ronde_id:
        ronde = prio.ronde_label(ronde_by_id.get(a.ronde_id))
        n = prio.acties_per_ronde(store.snapshot().of("actie", tid)).get(a.ronde_id, 0)
        melding = prio.ronde_melding(n, ronde)
        if melding:
            ui.flash(f"Actie toegevoegd: '{a.wat}'. Let op – {melding}", "warning")
            return
        ui.flash(f"Actie toegevoegd: '{a.wat}'. {ronde}: {n} van de {MAX} acties gepland.")
    else:
        ui.flash(f"Actie toegevoegd: '{a.wat}'. Ze hoort nog bij geen ronde.")


if richtingen:
    richting_opties = [r.id for r in richtingen]
    # The choices that stay from one action to the next: defaults through session state (not index=).
    ss = st.session_state
    if ss.get("s7_na_richting") not in richting_opties:
        ss["s7_na_richting"] = richting_opties[-1]  # the newest richting: the one just made in stap 6
    if ss.get("s7_na_ronde") not in ronde_opties:
        ss["s7_na_ronde"] = huidige.id if huidige else GEEN
    if ss.get("s7_na_eigenaar") not in eigenaar_opties:
        ss["s7_na_eigenaar"] = deelnemer_id or GEEN
    with st.container(border=True, key="s7_nieuwe_actie_kader"):
        st.markdown("**Nieuwe actie**")
        st.selectbox(
            "Onder welke oplossingsrichting?",
            richting_opties,
            key="s7_na_richting",
            format_func=_richting_label,
        )
        c1, c3 = st.columns(2)
        c1.selectbox("Eigenaar", eigenaar_opties, key="s7_na_eigenaar", format_func=_eigenaar_label)
        c3.selectbox(
            "Ronde (bijeenkomst)",
            ronde_opties,
            key="s7_na_ronde",
            format_func=_ronde_label,
            help=f"De bijeenkomst waarin deze actie gepland is. Plan er 1 tot {MAX} per ronde.",
        )
        # What belongs to one action is in the form, which empties itself in the browser as it is sent.
        with invoer.formulier("s7_nieuwe_actie", traject_id=tid, border=False):
            st.text_input(
                "Wat gaat er gebeuren?", key="s7_na_wat", placeholder="bijv. Navragen of er budget is · Enter voegt toe"
            )
            c2, c4, c5 = st.columns([1, 1, 2], vertical_alignment="bottom")
            c2.date_input("Deadline", value=None, key="s7_na_deadline", format="DD-MM-YYYY")
            c4.selectbox("Status", status_keys, key="s7_na_status", format_func=prio.STATUS_LABEL.get)
            c5.checkbox(
                "Verkennende eerste actie (is het haalbaar? is er budget? waar knelt het precies?)",
                key="s7_na_verkennend",
            )
            st.form_submit_button("Actie toevoegen", type="primary", on_click=_nieuwe_actie)

# ---- acties ----------------------------------------------------------------------------------------------

st.subheader(f"Acties ({len(acties)})", anchor=False)
if per_ronde:
    with st.container(key="s7_per_ronde"):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Ronde": prio.ronde_label(b),
                        "Acties": per_ronde[b.id],
                        "Oordeel": f"te veel: kies er {MAX}" if prio.te_veel(per_ronde[b.id]) else "haalbaar",
                    }
                    for b in bijeenkomsten
                    if b.id in per_ronde
                ]
            ),
            hide_index=True,
        )
volgorde = sorted(
    acties,
    key=lambda a: (
        ronde_by_id[a.ronde_id].nummer if a.ronde_id in ronde_by_id else 10**6,
        a.deadline or date.max,
        a.aangemaakt,
    ),
)
if volgorde:
    with st.container(key="s7_acties"):
        st.dataframe(
            snap.memo(
                ("stap7.acties", tid, deelnemer_id),  # this page's table: a page-local key, no function to name
                lambda: ui.als_arrow(
                    pd.DataFrame(
                        {
                            "Actie": [a.wat for a in volgorde],
                            "Richting": [_richting_label(a.richting_id) for a in volgorde],
                            "Eigenaar": [naam_by_id.get(a.eigenaar_id or "", "") for a in volgorde],
                            "Deadline": [datum_nl(a.deadline, leeg="") for a in volgorde],
                            "Status": [prio.STATUS_LABEL.get(a.status, a.status) for a in volgorde],
                            "Verkennend": [a.verkennend for a in volgorde],
                            "Ronde": [prio.ronde_label(ronde_by_id.get(a.ronde_id or "")) for a in volgorde],
                        }
                    )
                ),
            ),
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(volgorde), 420),
        )


def _wijzig_actie(aid: str) -> None:
    s = st.session_state
    p = f"s7_w_{aid}_"
    ui.act(
        store.update,
        "actie",
        aid,
        wat=s[p + "wat"],
        richting_id=s[p + "richting"] or None,
        eigenaar_id=s[p + "eigenaar"] or None,
        deadline=s[p + "deadline"],
        status=s[p + "status"],
        verkennend=s[p + "verkennend"],
        ronde_id=s[p + "ronde"] or None,
        ok="Actie bijgewerkt.",
    )


def _verwijder_actie(aid: str) -> None:
    ui.act(store.delete, "actie", [aid], ok="Actie verwijderd.")


if volgorde:
    with st.expander("Een actie bewerken of verwijderen"):
        ids = [a.id for a in volgorde]
        by_id = {a.id: a for a in volgorde}
        actie_labels = prio.unieke_labels((a.id, a.wat) for a in volgorde)
        aid = st.selectbox("Actie", ids, key="s7_bewerk", format_func=actie_labels.get)
        a = by_id[aid]
        p = f"s7_w_{aid}_"
        r_opties = [GEEN, *richting_by_id]
        with st.form(f"s7_w_{aid}", border=False):
            st.text_input("Wat gaat er gebeuren?", value=a.wat, key=p + "wat")
            st.selectbox(
                "Oplossingsrichting",
                r_opties,
                index=_index(r_opties, a.richting_id),
                key=p + "richting",
                format_func=_richting_label,
            )
            c1, c2, c3 = st.columns(3)
            c1.selectbox(
                "Eigenaar",
                eigenaar_opties,
                index=_index(eigenaar_opties, a.eigenaar_id),
                key=p + "eigenaar",
                format_func=_eigenaar_label,
            )
            c2.date_input("Deadline", value=a.deadline, key=p + "deadline", format="DD-MM-YYYY")
            c3.selectbox(
                "Ronde (bijeenkomst)",
                ronde_opties,
                index=_index(ronde_opties, a.ronde_id),
                key=p + "ronde",
                format_func=_ronde_label,
            )
            c4, c5 = st.columns([1, 2], vertical_alignment="bottom")
            c4.selectbox(
                "Status",
                status_keys,
                index=_index(status_keys, a.status),
                key=p + "status",
                format_func=prio.STATUS_LABEL.get,
            )
            c5.checkbox("Verkennende eerste actie", value=a.verkennend, key=p + "verkennend")
            st.form_submit_button("Opslaan", on_click=_wijzig_actie, args=(aid,))
        st.caption(f"Deadline nu: {datum_nl(a.deadline)}")
        st.button("Actie verwijderen", key=f"s7_weg_{aid}", on_click=_verwijder_actie, args=(aid,))

# ---- overzicht -------------------------------------------------------------------------------------------

st.subheader("Overzicht: knelpunt → oplossingsrichting → actie", anchor=False)
st.caption(
    "Alle knelpunten, richtingen en acties op een rij, het belangrijkste eerst. Kies hieruit de eerste vervolgacties."
)
f1, f2 = st.columns(2)
GEBIED_OPTIES = [*methode.GEBIED_KEYS, GEEN]
gekozen_gebieden = f1.multiselect(
    "Filter op gebied",
    GEBIED_OPTIES,
    key="s7_f_gebied",
    format_func=lambda g: methode.gebied_label(g or None),
    placeholder="Alle gebieden",
)
gekozen_status = f2.multiselect(
    "Filter op status van de actie",
    status_keys,
    key="s7_f_status",
    format_func=prio.STATUS_LABEL.get,
    placeholder="Alle statussen",
)
tabel = snap.memo(
    (prio.overzicht, tid, deelnemer_id, tuple(gekozen_gebieden), tuple(gekozen_status)),
    lambda: ui.als_arrow(
        prio.overzicht(
            knelpunten,
            richtingen,
            acties,
            deelnemers,
            bijeenkomsten,
            gebieden=[g or None for g in gekozen_gebieden] or None,
            statussen=gekozen_status or None,
        )
    ),
)
if not len(tabel):
    st.caption("Niets gevonden met deze filters." if gekozen_gebieden or gekozen_status else "Nog niets om te tonen.")
else:
    with st.container(key="s7_overzicht"):
        st.dataframe(
            tabel,
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(tabel), 560),
            column_config={
                "Knelpunt": st.column_config.TextColumn(width="medium"),
                "Oplossingsrichting": st.column_config.TextColumn(width="medium"),
                "Actie": st.column_config.TextColumn(width="medium"),
            },
        )

"""Stap 3 – Doel: the goal with a SMART check per letter; every save is a new version, so the history shows
how the goal sharpened."""

import streamlit as st

from schouders import methode, ontdekken
from schouders.datums import datum_nl
from schouders.ui import common as ui
from schouders.ui import scope

ctx = ui.page(stap=3)
store, snap, tid, t = ctx.store, ctx.snap, ctx.tid, ctx.traject
leernetwerk = ontdekken.eigen_vraagstuk(snap, tid)

with st.container(horizontal=True, gap="medium"):
    did = scope.kies_deelnemer(ctx)
    bid = scope.gekozen_bijeenkomst(ctx)  # chosen once, in the sidebar
if leernetwerk and did is None:
    st.stop()
vraag = scope.toon_vraagstuk(ctx, did)
if leernetwerk and vraag is None:
    st.info("Beschrijf eerst het vraagstuk van deze deelnemer in stap 1; het doel hoort bij dat vraagstuk.")
    st.stop()
if scope.vooraf_vast(t, 3):
    st.info("Bij een themadag stellen de organisatoren het doel vooraf vast. Leg het hier vast.")

historie = ontdekken.doel_historie(snap, tid, did)
laatste = historie[0] if historie else None
# Keys carry the newest version: after a save (or another deelnemer) the fields start from that version.
prefix = f"s3_{did or 'groep'}_{laatste.id if laatste else 'nieuw'}_"
K_TEKST, K_SOORT = prefix + "tekst", prefix + "soort"


def _status_key(letter: str) -> str:
    return f"{prefix}status_{letter}"


def _notitie_key(letter: str) -> str:
    return f"{prefix}notitie_{letter}"


def _bewaar() -> None:
    s = st.session_state
    try:
        smart = ontdekken.maak_smart(
            {letter: s.get(_status_key(letter)) for letter in ontdekken.SMART_LETTERS},
            {letter: s.get(_notitie_key(letter)) for letter in ontdekken.SMART_LETTERS},
        )
    except ValueError as exc:
        ui.flash(str(exc), "error")
        return
    versie = len(historie) + 1
    ui.act(
        ontdekken.bewaar_doel,
        store,
        tid,
        s.get(K_TEKST, ""),
        smart,
        vraagstuk_id=vraag.id if vraag else None,
        bijeenkomst_id=bid,
        soort=s.get(K_SOORT) or "doel",
        deelnemer_id=did,
        ok=f"Versie {versie} van het doel bewaard.",
    )


st.subheader("Ons doel", anchor=False)
st.text_area(
    "Wanneer zijn we tevreden?",
    value=laatste.tekst if laatste else "",
    key=K_TEKST,
    placeholder="Bijvoorbeeld: Over een jaar krijgt 80% van de nieuwe aanvragers met schulden binnen twee weken hulp.",
)
st.selectbox(
    "Soort doel",
    ontdekken.DOEL_SOORT_KEYS,
    index=ontdekken.DOEL_SOORT_KEYS.index(laatste.soort) if laatste else 0,
    key=K_SOORT,
    format_func=lambda k: ontdekken.DOEL_SOORT_LABEL[k],
    help="Blijkt in stap 6 een essentieel knelpunt onoplosbaar? Kies dan een subdoel of een aangepast doel.",
)

st.markdown("**SMART-check**")
statussen: dict[str, str | None] = {}
for letter, naam, vraagtekst in methode.SMART:
    oud = (laatste.smart.get(letter) or {}) if laatste else {}
    with st.container(border=True, key=f"s3_letter_{letter}"):
        c1, c2, c3 = st.columns([3, 3, 4], vertical_alignment="center")
        with c1:
            st.markdown(f"**{letter}** · {naam}")
            st.caption(vraagtekst)
        with c2:
            statussen[letter] = st.segmented_control(
                f"{naam}: voldoet het doel?",
                ontdekken.SMART_STATUS_KEYS,
                default=ontdekken.smart_status(laatste.smart if laatste else None, letter),
                format_func=lambda k: ontdekken.SMART_STATUS_LABEL[k],
                key=_status_key(letter),
                label_visibility="collapsed",
            )
        with c3:
            st.text_input(
                f"Notitie bij {naam}",
                value=oud.get("notitie", ""),
                key=_notitie_key(letter),
                max_chars=ontdekken.MAX_NOTITIE,
                label_visibility="collapsed",
                placeholder=f"Korte notitie bij {naam.lower()}",
            )

nu = {letter: {"status": status or ontdekken.SMART_ONDUIDELIJK} for letter, status in statussen.items()}
open_letters = ontdekken.smart_open(nu)
if open_letters:
    st.warning(
        "Nog niet SMART: "
        + ", ".join(f"{letter} ({ontdekken.SMART_NAAM[letter]})" for letter in open_letters)
        + ". Wat is er nodig om hier 'ja' op te zeggen?",
        icon=":material/warning:",
    )
else:
    st.success("Het doel is op alle vijf punten SMART.", icon=":material/check_circle:")

st.button("Bewaar als nieuwe versie", type="primary", on_click=_bewaar, key="s3_bewaar")

# ---- history ----------------------------------------------------------------------------------------------

st.subheader(f"Geschiedenis ({len(historie)})", anchor=False)
if not historie:
    st.caption("Nog geen versie bewaard. Elke keer dat je bewaart, komt hier een versie bij.")
for nummer, d in zip(range(len(historie), 0, -1), historie, strict=True):
    b = snap.get("bijeenkomst", d.bijeenkomst_id)
    delen = [f"Versie {nummer}", datum_nl(d.aangemaakt), scope.bijeenkomst_label(b) if b else "geen bijeenkomst"]
    if d.soort != ontdekken.DOEL_SOORT_KEYS[0]:
        delen.append(ontdekken.DOEL_SOORT_LABEL[d.soort])
    with st.container(border=True, key=f"s3_versie_{d.id}"):
        st.caption(ui.esc(" · ".join(delen)) + (" · **nieuwste**" if nummer == len(historie) else ""))
        st.text(d.tekst)
        notities = "; ".join(
            f"{letter}: {(d.smart.get(letter) or {}).get('notitie')}"
            for letter in ontdekken.SMART_LETTERS
            if (d.smart.get(letter) or {}).get("notitie")
        )
        st.caption(ui.esc(ontdekken.smart_kort(d.smart) + (f" · {notities}" if notities else "")))

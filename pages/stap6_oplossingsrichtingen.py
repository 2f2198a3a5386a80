"""Stap 6 – Oplossingsrichtingen: eerst wat oplosbaar is, dan belang tegen quick win, dan richtingen met kaders.

The four parts are tabs and only the open one runs: a click stays quick with a thousand knelpunten, and each
part fits on the shared screen.
"""

import pandas as pd
import streamlit as st

from schouders import methode, ontdekken
from schouders import prioriteren as prio
from schouders.matrix import ids_uit_selectie, matrix_figuur, matrix_legenda, matrix_nummers
from schouders.model import Oplossingsrichting
from schouders.trajecten import huidig_doel
from schouders.ui import common as ui
from schouders.ui import invoer, scope

ctx = ui.page(stap=6)
store, snap, tid = ctx.store, ctx.snap, ctx.tid

deelnemer_id = scope.kies_deelnemer(ctx)
vraag = ontdekken.werkvraag(snap, tid, deelnemer_id)
if ontdekken.eigen_vraagstuk(snap, tid) and deelnemer_id is None:
    st.stop()
knelpunten = prio.vaste_volgorde(ontdekken.in_scope(snap.of("knelpunt", tid), snap, tid, deelnemer_id))
richtingen = sorted(ontdekken.in_scope(snap.of("richting", tid), snap, tid, deelnemer_id), key=lambda r: r.aangemaakt)
kn_by_id = {k.id: k for k in knelpunten}


def _kort(tekst: str, n: int = 90) -> str:
    return tekst if len(tekst) <= n else tekst[: n - 1].rstrip() + "…"


def _bewaar_editor(key: str, ids: tuple[str, ...], velden: dict[str, str], vertaal: dict | None = None) -> None:
    """Apply the new cells of a data editor to the store in one write (streamlit issue 7749: never feed
    the returned frame back)."""
    edited = (st.session_state.get(key) or {}).get("edited_rows", {})
    vorige_ids, vorige = st.session_state.get(f"{key}__verwerkt", ((), {}))
    nieuw = prio.nieuwe_bewerkingen(edited, vorige if vorige_ids == ids else {})
    st.session_state[f"{key}__verwerkt"] = (ids, {r: dict(c) for r, c in edited.items()})
    if not nieuw:
        return

    def schrijf() -> None:
        actueel = store.snapshot()
        lijst = [actueel.get("knelpunt", i) for i in ids]
        if any(k is None for k in lijst):
            raise ValueError("Een knelpunt is intussen verwijderd. Kijk de tabel na en probeer het opnieuw.")
        store.save_many(prio.pas_bewerkingen_toe(lijst, nieuw, velden, vertaal=vertaal))

    ui.act(schrijf)


def _tabel_editor(
    data: pd.DataFrame,
    key: str,
    ids: tuple[str, ...],
    velden: dict[str, str],
    column_config: dict,
    vertaal: dict | None = None,
) -> None:
    """One row per knelpunt (`ids`, in order), its edits written by `_bewaar_editor`. An editor that was not on
    screen in the last run (another tab or page) starts again from the store: it forgets which edits it applied,
    or a new edit equal to an old one would be skipped."""
    if key not in st.session_state:
        st.session_state.pop(f"{key}__verwerkt", None)
    st.data_editor(
        data,
        key=key,
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        height=min(38 + 35 * len(ids), 600),
        column_config=column_config,
        on_change=_bewaar_editor,
        args=(key, ids, velden, vertaal),
    )


DELEN = ("1. Wat kunnen we oplossen?", "2. Belang en quick win", "3. De matrix", "4. Oplossingsrichtingen")
DEEL = "s6_deel"  # the tabs widget: its value is the open tab's label
GEKOZEN = "s6_deel_gekozen"  # the open tab, kept outside the widget so it survives a page switch


def _deel_gekozen() -> None:
    st.session_state[GEKOZEN] = st.session_state[DEEL]


def _naar_deel(nummer: int) -> None:
    st.session_state[GEKOZEN] = DELEN[nummer - 1]


def _verder(nummer: int) -> None:
    """At the end of a part: on to the next one, in the method's order."""
    st.button(
        f"Verder: {DELEN[nummer - 1]}",
        key=f"s6_verder_{nummer}",
        on_click=_naar_deel,
        args=(nummer,),
        icon=":material/arrow_forward:",
    )


if not knelpunten:
    st.info("Er zijn nog geen knelpunten. Verzamel ze eerst in stap 4.")
    st.page_link("pages/stap4_aandachtsgebieden.py", label="Naar stap 4 · Aandachtsgebieden")

if st.session_state.get(GEKOZEN) not in DELEN:
    st.session_state[GEKOZEN] = DELEN[0]
st.session_state[DEEL] = st.session_state[GEKOZEN]
deel_oplosbaar, deel_prioriteren, deel_matrix, deel_richtingen = st.tabs(DELEN, key=DEEL, on_change=_deel_gekozen)
te_wegen = [k for k in knelpunten if prio.te_prioriteren(k)]
indeling = snap.memo((prio.indeling, tid, deelnemer_id), lambda: prio.indeling(knelpunten))

# ---- 1. oplosbaarheid --------------------------------------------------------------------------------

if deel_oplosbaar.open:
    with deel_oplosbaar:
        st.caption(
            "Kies per knelpunt: oplosbaar, buiten onze invloed (dan kunnen jullie het alleen aankaarten) of "
            "onoplosbaar (bijvoorbeeld door de wet). Vink *Essentieel* aan als het vraagstuk zonder dit knelpunt "
            "niet op te lossen is."
        )
        if knelpunten:
            _tabel_editor(
                snap.memo((prio.oplosbaarheid_frame, tid, deelnemer_id), lambda: prio.oplosbaarheid_frame(knelpunten)),
                "s6_oplosbaar",
                tuple(k.id for k in knelpunten),
                {"Oplosbaarheid": "oplosbaarheid", "Essentieel": "essentieel"},
                {
                    "Knelpunt": st.column_config.TextColumn(disabled=True, width="large"),
                    "Gebied": st.column_config.TextColumn(disabled=True, width="small"),
                    "Oplosbaarheid": st.column_config.SelectboxColumn(
                        options=prio.OPLOSBAARHEID_KEUZES, width="medium", required=True
                    ),
                    "Essentieel": st.column_config.CheckboxColumn(width="small", help="Essentieel voor het vraagstuk"),
                },
                vertaal={"Oplosbaarheid": prio.OPLOSBAARHEID_UIT_LABEL},
            )

        # Right under the table where it is decided: an essential, unsolvable knelpunt puts the goal at risk.
        # Conditional parts sit in a container that is always there, so the widgets below keep their place
        # (and their state) when a message comes or goes.
        with st.container():
            gevaar = prio.doel_in_gevaar(knelpunten)
            if gevaar:
                with st.container(border=True):
                    regels = "  \n".join(f"• {ui.esc(k.tekst)}" for k in gevaar)
                    st.error(
                        "**Het doel is zo niet haalbaar.** "
                        + ("Dit knelpunt is" if len(gevaar) == 1 else "Deze knelpunten zijn")
                        + " essentieel voor het vraagstuk, maar onoplosbaar:  \n"
                        + f"{regels}  \nKies in stap 3 een subdoel of pas het doel aan, zodat de groep werkt aan "
                        "iets dat wél kan.",
                        icon=":material/flag:",
                    )
                    doel = huidig_doel(snap, tid, vraag.id if vraag else None)
                    if doel is not None:
                        st.caption(f"**Huidig doel:** {ui.esc(doel.tekst)}")
                    st.page_link(
                        "pages/stap3_doel.py",
                        label="Naar stap 3 · Doel: subdoel of aangepast doel",
                        icon=":material/flag:",
                    )
            for k in prio.essentieel_buiten_invloed(knelpunten):
                st.info(
                    f"Essentieel, maar buiten jullie invloed: *{ui.esc(k.tekst)}*. Kaart het aan bij wie er wel "
                    "over gaat; het doel hangt hier mede van af."
                )
        _verder(2)

# ---- 2. prioriteren ----------------------------------------------------------------------------------

if deel_prioriteren.open:
    with deel_prioriteren:
        st.caption(
            "Geef elk oplosbaar knelpunt twee scores: **belang** (hoeveel draagt het bij aan het vraagstuk?) en "
            f"**quick win** (kunnen we er nu mee beginnen, met weinig moeite?). {prio.GRENS_UITLEG} "
            "Stemmen: tik het aantal stippen per knelpunt in, bijvoorbeeld als één persoon de stemmen van iedereen "
            "noteert."
        )
        with st.container():
            niet_beoordeeld = sum(1 for k in knelpunten if k.oplosbaarheid is None)
            if niet_beoordeeld:
                st.caption(
                    f"{niet_beoordeeld} knelpunt(en) nog niet beoordeeld op oplosbaarheid: die staan hier nog niet."
                )
        score_v = st.session_state.setdefault("s6_scores_v", 0)
        score_key = f"s6_scores_{score_v}"
        if te_wegen:
            score_ids = tuple(k.id for k in te_wegen)
            score_kol = {"min_value": methode.SCORE_MIN, "max_value": methode.SCORE_MAX, "step": 1, "format": "%d"}
            _tabel_editor(
                snap.memo((prio.score_frame, tid, deelnemer_id), lambda: prio.score_frame(te_wegen)),
                score_key,
                score_ids,
                {"Belang": "belang", "Quick win": "quick_win", "Stemmen": "stemmen"},
                {
                    "Knelpunt": st.column_config.TextColumn(disabled=True, width="large"),
                    "Gebied": st.column_config.TextColumn(disabled=True, width="small"),
                    "Belang": st.column_config.NumberColumn(width="small", **score_kol),
                    "Quick win": st.column_config.NumberColumn(width="small", **score_kol),
                    "Stemmen": st.column_config.NumberColumn(width="small", min_value=0, step=1, format="%d"),
                    "Kwadrant": st.column_config.TextColumn(disabled=True, width="small"),
                },
            )

            def _stemmen_naar_belang() -> None:
                def schrijf() -> int:
                    actueel = store.snapshot()
                    lijst = [k for i in score_ids if (k := actueel.get("knelpunt", i)) is not None]
                    scores = prio.stemmen_naar_belang({k.id: k.stemmen for k in lijst})
                    if not scores:
                        raise ValueError("Er zijn nog geen stemmen ingevuld.")
                    store.save_many([k.met(belang=scores[k.id]) for k in lijst])
                    return len(scores)

                n = ui.act(schrijf)
                if n:
                    st.session_state["s6_scores_v"] = score_v + 1  # a fresh editor shows the new scores
                    ui.flash(
                        f"Belang van {n} knelpunten bepaald uit de stemmen (meeste stemmen = {methode.SCORE_MAX})."
                    )

            st.button(
                "Stemmen omzetten naar belang",
                on_click=_stemmen_naar_belang,
                key="s6_stemmen",
                help=f"Het knelpunt met de meeste stemmen krijgt belang {methode.SCORE_MAX}, zonder stemmen "
                f"{methode.SCORE_MIN}. Dit overschrijft het belang dat er nu staat.",
            )
        elif knelpunten:
            st.info("Nog geen knelpunt is als oplosbaar gemarkeerd. Doe dat eerst bij 1. Wat kunnen we oplossen?")
        with st.container():
            ongescoord = sum(1 for k in te_wegen if prio.kwadrant_van(k) is None)
            if ongescoord:
                st.caption(f"{ongescoord} oplosbaar knelpunt(en) hebben nog geen score voor belang én quick win.")
        _verder(3)

# ---- 3. matrix ---------------------------------------------------------------------------------------


def _naar_richting(ids: list[str]) -> None:
    st.session_state["s6_nr_knelpunten"] = ids
    _naar_deel(4)


if deel_matrix.open:
    with deel_matrix:
        # Chart left, the numbered list right (below it on a narrow screen): the numbers on the dots read
        # without hovering, also on a shared screen.
        links, rechts = st.columns([2, 1], gap="medium")
        with links:
            event = st.plotly_chart(
                snap.memo((matrix_figuur, tid, deelnemer_id), lambda: matrix_figuur(knelpunten)),
                key="s6_matrix",
                on_select="rerun",
                selection_mode=("points", "box", "lasso"),
                config={"displaylogo": False},
            )
        legenda = snap.memo((matrix_legenda, tid, deelnemer_id), lambda: matrix_legenda(knelpunten))
        nummer_van = snap.memo((matrix_nummers, tid, deelnemer_id), lambda: matrix_nummers(knelpunten))
        with rechts:
            st.markdown(f"**Nummers in de matrix** · {len(legenda)}")
            if legenda:
                # a long list scrolls beside the chart instead of pushing the quadrant tables down
                with st.container(height=520 if len(legenda) > 12 else "content", border=False, key="s6_legenda"):
                    st.markdown(
                        "  \n".join(
                            f"**{nr}** · {ui.esc(' '.join(tekst.split()))} · :gray[{gebied}]"
                            for nr, tekst, gebied in legenda
                        )
                    )
            else:
                st.caption("Nog geen knelpunt met een score voor belang én quick win.")
        geselecteerd = [kn_by_id[i] for i in ids_uit_selectie(event.selection if event else None) if i in kn_by_id]
        geselecteerd.sort(key=lambda k: nummer_van.get(k.id, len(nummer_van) + 1))
        if geselecteerd:
            st.markdown(f"**Geselecteerd in de matrix ({len(geselecteerd)})**")
            st.dataframe(
                pd.DataFrame(
                    {
                        "Nr": [nummer_van.get(k.id) for k in geselecteerd],
                        "Knelpunt": [k.tekst for k in geselecteerd],
                        "Gebied": [methode.gebied_label(k.gebied) for k in geselecteerd],
                        "Belang": [k.belang for k in geselecteerd],
                        "Quick win": [k.quick_win for k in geselecteerd],
                        "Stemmen": [k.stemmen for k in geselecteerd],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
            st.button(
                "Maak een richting voor deze knelpunten",
                key="s6_sel_richting",
                on_click=_naar_richting,
                args=([k.id for k in geselecteerd],),
                help="Zet deze knelpunten klaar in het formulier voor een nieuwe richting (4. Oplossingsrichtingen).",
            )
        else:
            st.caption(
                "Elk nummer bij een stip hoort bij een knelpunt in de lijst. Klik op een stip om te zien welke "
                "knelpunten erin zitten. Meer tegelijk: kies het kader of de lasso rechtsboven in de grafiek."
            )

        # Same layout as the matrix: high belang on top, quick wins on the right.
        for rij in ((prio.LANGERE_ADEM, prio.EERST_DOEN), (prio.LATER, prio.QUICK_WIN)):
            for kol, q in zip(st.columns(2), rij, strict=True):
                with kol, st.container(key=f"s6_kw_{q.key}"):
                    lijst = indeling[q.key]
                    st.markdown(f"**{q.label}** · {len(lijst)}")
                    st.caption(q.uitleg)
                    if lijst:
                        st.dataframe(
                            snap.memo(
                                (prio.kwadrant_frame, tid, deelnemer_id, q.key),
                                # built right away, in this iteration
                                lambda lijst=lijst: ui.als_arrow(prio.kwadrant_frame(lijst)),
                            ),
                            hide_index=True,
                            width="stretch",
                            height=min(38 + 35 * len(lijst), 300),
                            column_config={
                                "Knelpunt": st.column_config.TextColumn(width=240),
                                "Gebied": st.column_config.TextColumn(width=110),
                                "Belang": st.column_config.NumberColumn(width=60),
                                "Quick win": st.column_config.NumberColumn(width=75),
                            },
                        )
        _verder(4)

# ---- 4. oplossingsrichtingen -------------------------------------------------------------------------

# Knelpunten to link, most urgent first: the quadrants in order (eerst doen first), then the rest.
keuze_volgorde = [k.id for q in prio.KWADRANTEN for k in indeling[q.key]]
_in_kwadrant = set(keuze_volgorde)
keuze_volgorde += [k.id for k in knelpunten if k.id not in _in_kwadrant]


# Only the (unique) text: Streamlit maps a chosen option back through its label, so the label must not
# change when a score does. The order of the options shows the priority.
knelpunt_labels = prio.unieke_labels((k.id, _kort(k.tekst)) for k in knelpunten)


def _knelpunt_optie(kid: str) -> str:
    return knelpunt_labels.get(kid, "(verwijderd knelpunt)")


def _nieuwe_richting() -> None:
    s = st.session_state

    def maak() -> Oplossingsrichting:
        r = Oplossingsrichting(
            traject_id=tid,
            titel=s["s6_nr_titel"],
            knelpunt_ids=tuple(s["s6_nr_knelpunten"]),
            kaders=s["s6_nr_kaders"],
            notities=s["s6_nr_notities"],
            vraagstuk_id=vraag.id if vraag else None,
        )
        return store.add(r)

    r = ui.act(maak)
    if r is None:  # the browser emptied the form as it sent it: after a mistake, what was typed comes back
        invoer.terugzetten({k: s[k] for k in ("s6_nr_titel", "s6_nr_knelpunten", "s6_nr_kaders", "s6_nr_notities")})
        return
    ui.flash(f"Richting toegevoegd: '{r.titel}'. Plan de acties in stap 7.")


BEWERK = "s6_bewerk"  # the richting whose card is open for editing (the parkeerplaats button sets it too)


def _bewerk(rid: str | None) -> None:
    st.session_state[BEWERK] = rid


def _kaart_geklikt(rid: str) -> None:
    """A richting's card was opened or closed: at most one is open at a time. Clicking card B while A is open
    closes A too; whichever callback runs last, B stays the open one."""
    if st.session_state.get(f"s6_rk_{rid}"):
        _bewerk(rid)
    elif st.session_state.get(BEWERK) == rid:
        _bewerk(None)


def _richting_label(r: Oplossingsrichting, n_acties: int) -> str:
    """The richting's card as safe markdown: title, its knelpunten, kaders and notities (user text escaped)."""
    regels = [f"**{ui.esc(r.titel)}** · {n_acties} actie(s)"]
    regels += [f"→ {ui.esc(kn_by_id[i].tekst)}" for i in r.knelpunt_ids if i in kn_by_id] or [
        ":gray[Nog geen knelpunt gekoppeld.]"
    ]
    if r.kaders:
        regels.append(f":gray[**Kaders:** {ui.esc(r.kaders)}]")
    if r.notities:
        regels.append(f":gray[**Notities:** {ui.esc(r.notities)}]")
    return "\n\n".join(regels)


def _wijzig_richting(rid: str) -> None:
    s = st.session_state
    r = ui.act(
        store.update,
        "richting",
        rid,
        titel=s[f"s6_r_{rid}_titel"],
        knelpunt_ids=tuple(s[f"s6_r_{rid}_knelpunten"]),
        kaders=s[f"s6_r_{rid}_kaders"],
        notities=s[f"s6_r_{rid}_notities"],
        ok="Richting bijgewerkt.",
    )
    if r is not None:
        _bewerk(None)


def _verwijder_richting(rid: str) -> None:
    def doe() -> bool:
        if any(a.richting_id == rid for a in store.snapshot().of("actie", tid)):
            raise ValueError("Deze richting heeft acties. Verwijder of verplaats eerst die acties in stap 7.")
        store.delete("richting", [rid])
        return True

    if ui.act(doe, ok="Richting verwijderd."):
        _bewerk(None)


def _pak_op(oplossing_id: str) -> None:
    """A parked solution from stap 2 becomes a richting, and its card opens to link knelpunten and set kaders."""

    def schrijf() -> Oplossingsrichting:
        actueel = store.snapshot()
        o = actueel.get("oplossing", oplossing_id)
        if o is None:
            raise ValueError("Deze geparkeerde oplossing bestaat niet meer.")
        if o.opgepakt:
            raise ValueError("Deze oplossing is al opgepakt als richting.")
        bron = actueel.get("knelpunt", o.bron_id)
        r = Oplossingsrichting(
            traject_id=tid,
            titel=o.tekst[:300],
            knelpunt_ids=(bron.id,) if bron is not None else (),
            vraagstuk_id=o.vraagstuk_id or (vraag.id if vraag else None),
            groep_id=o.groep_id,
            notities="Opgepakt van de parkeerplaats (stap 2).",
        )
        store.save_many([r, o.met(opgepakt=True)])  # one write: the richting and the mark together
        return r

    r = ui.act(schrijf)
    if r is not None:
        _bewerk(r.id)
        ui.flash(
            f"Richting '{r.titel}' gemaakt van de geparkeerde oplossing. Vul in de kaart knelpunten en kaders aan."
        )


RICHTINGEN_PER_KEER = 10  # a long list stays readable on the shared screen; "Toon alle" shows the rest
ALLE_RICHTINGEN = "s6_alle_richtingen"

if deel_richtingen.open:
    with deel_richtingen:
        st.caption(
            "Een richting is nog geen kant-en-klare oplossing, maar iets om te verkennen. Leg de kaders vast: waar "
            "moet de uitwerking zich aan houden, zodat die blijft aansluiten op het vraagstuk en het knelpunt?"
        )
        links, rechts = st.columns([3, 2], gap="medium")
        with links:
            with invoer.formulier("s6_nieuwe_richting", traject_id=tid):
                st.markdown("**Nieuwe oplossingsrichting**")
                st.text_input("Richting", key="s6_nr_titel", placeholder="bijv. Leren van elkaar · Enter voegt toe")
                st.multiselect(
                    "Voor welke knelpunten?",
                    keuze_volgorde,
                    key="s6_nr_knelpunten",
                    format_func=_knelpunt_optie,
                    placeholder="Kies een of meer knelpunten",
                )
                st.text_area("Kaders: waar moet de uitwerking zich aan houden?", key="s6_nr_kaders", height=80)
                st.text_area("Notities", key="s6_nr_notities", height=68)
                st.form_submit_button("Richting toevoegen", type="primary", on_click=_nieuwe_richting)

            acties_per_richting: dict[str, int] = {}
            for a in snap.of("actie", tid):
                if a.richting_id:
                    acties_per_richting[a.richting_id] = acties_per_richting.get(a.richting_id, 0) + 1
            if richtingen:
                st.markdown(f"**Richtingen ({len(richtingen)})**")
            zichtbaar = richtingen
            if not st.session_state.get(ALLE_RICHTINGEN) and len(richtingen) > RICHTINGEN_PER_KEER:
                # the newest ones, and always the one being edited
                nieuwste = {r.id for r in richtingen[-RICHTINGEN_PER_KEER:]} | {st.session_state.get(BEWERK)}
                zichtbaar = [r for r in richtingen if r.id in nieuwste]
                st.caption(f"De nieuwste {RICHTINGEN_PER_KEER} van {len(richtingen)} richtingen.")
            ui.kaarten_stijl("s6_rk_")
            if richtingen:
                st.caption("Klik op een richting om hem te bewerken.")
            for r in zichtbaar:
                n_acties = acties_per_richting.get(r.id, 0)
                kaart_key = f"s6_rk_{r.id}"
                st.session_state[kaart_key] = st.session_state.get(BEWERK) == r.id  # one card open, as BEWERK says
                pop = ui.kaart(_richting_label(r, n_acties), key=kaart_key, on_change=_kaart_geklikt, args=(r.id,))
                if not pop.open:
                    continue
                with pop:
                    with st.form(f"s6_r_{r.id}", border=False):
                        st.text_input("Richting", value=r.titel, key=f"s6_r_{r.id}_titel")
                        st.multiselect(
                            "Voor welke knelpunten?",
                            keuze_volgorde,
                            default=[i for i in r.knelpunt_ids if i in kn_by_id],
                            key=f"s6_r_{r.id}_knelpunten",
                            format_func=_knelpunt_optie,
                        )
                        st.text_area("Kaders", value=r.kaders, key=f"s6_r_{r.id}_kaders", height=80)
                        st.text_area("Notities", value=r.notities, key=f"s6_r_{r.id}_notities", height=68)
                        c1, c2 = st.columns(2)
                        c1.form_submit_button("Opslaan", type="primary", on_click=_wijzig_richting, args=(r.id,))
                        c2.form_submit_button("Annuleren", on_click=_bewerk, args=(None,))
                    st.button(
                        "Richting verwijderen",
                        key=f"s6_r_{r.id}_weg",
                        on_click=_verwijder_richting,
                        args=(r.id,),
                        disabled=n_acties > 0,
                        help="Kan pas als er geen acties meer onder hangen." if n_acties else None,
                    )
            if len(richtingen) > RICHTINGEN_PER_KEER:
                alle = st.session_state.get(ALLE_RICHTINGEN, False)
                st.button(
                    f"Toon de nieuwste {RICHTINGEN_PER_KEER}" if alle else f"Toon alle {len(richtingen)} richtingen",
                    key="s6_toon_richtingen",
                    on_click=ui.wissel,
                    args=(ALLE_RICHTINGEN,),
                    type="tertiary",
                )
            if richtingen:
                st.page_link(
                    "pages/stap7_acties.py",
                    label="Verder naar stap 7 · Acties plannen",
                    icon=":material/arrow_forward:",
                )

        with rechts:  # what the group brings along from stap 2
            st.markdown("**Terugblik stap 2 · wat gaat al goed?**")
            succes, _ = ontdekken.quickscan(snap, tid, deelnemer_id)
            if succes:
                st.text("\n".join(f"✓ {p.tekst}" for p in succes))
            else:
                st.caption("Geen succespunten genoteerd in stap 2.")
            st.caption("Wat kunnen deze successen leren over een richting?")
            st.markdown("**Geparkeerde oplossingen**")
            geparkeerd = ontdekken.geparkeerd(snap, tid, deelnemer_id)
            if not geparkeerd:
                st.caption("De parkeerplaats is leeg.")
            for o in geparkeerd:
                st.text(("✓ " if o.opgepakt else "• ") + o.tekst)
                if o.opgepakt:
                    st.caption("opgepakt als richting")
                else:
                    st.button(
                        "Maak er een richting van",
                        key=f"s6_pak_{o.id}",
                        on_click=_pak_op,
                        args=(o.id,),
                        icon=":material/arrow_back:",
                    )

"""Analyse themadag: the picture across all groups – per gebied, per group, and the recurring themes.

The quick path after a themadag: upload one sheet with all groups' knelpunten and the dashboard is there.
Everything on this page is built from the one snapshot of this rerun; the theme grouping is cached per
store revision, so moving a slider does not group 1,000 knelpunten again.
"""

from datetime import date

import pandas as pd
import streamlit as st

from schouders import groepen, methode, themas
from schouders.datums import datum_nl
from schouders.importers import tabel
from schouders.model import Traject
from schouders.trajecten import vrije_naam
from schouders.ui import common as ui
from schouders.ui import groep as groep_ui
from schouders.ui import themas as themas_ui

P = "an"
ctx = ui.page(need_traject=False, title="Analyse themadag")
store, snap, t = ctx.store, ctx.snap, ctx.traject

st.caption(
    "Het beeld over alle groepen heen: waar de knelpunten liggen, per groep, en welke knelpunten in "
    "verschillende groepen terugkwamen. Die terugkerende thema's zijn de opbrengst van de dag."
)

# ---- quick path: one sheet with the knelpunten of all groups -------------------------------------------

BESTAND_VERSIE = f"{P}_bestand_versie"
VOORBEELD = f"{P}_voorbeeld"
st.session_state.setdefault(BESTAND_VERSIE, 0)
uploader_key = f"{P}_bestand_{st.session_state[BESTAND_VERSIE]}"
NIEUW, HUIDIG = "nieuw", "huidig"


def _importeer(vb: tabel.Voorbeeld) -> None:
    s = st.session_state
    doel = s.get(f"{P}_doel", NIEUW)
    huidige = store.snapshot().get("traject", ctx.tid) if ctx.tid else None
    if doel == HUIDIG and huidige is not None:
        traject = huidige
    else:
        naam = (s.get(f"{P}_naam") or "").strip() or f"Themadag {datum_nl(date.today())}"
        try:
            traject = Traject(naam=vrije_naam(store.snapshot(), naam), werkvorm="themadag")
        except ValueError as exc:
            ui.flash(str(exc), "error")
            return
    resultaat = ui.act(vb.opslaan, store, traject)
    if resultaat is None:
        return
    ui.select_traject(resultaat.traject.id)
    ui.flash(resultaat.bericht + " Hieronder staat de analyse.")
    s.pop(VOORBEELD, None)
    s[BESTAND_VERSIE] += 1  # an empty uploader: the same file is not imported twice by accident


heeft_knelpunten = bool(t is not None and snap.of("knelpunt", t.id))
with st.expander("Snel analyseren vanuit een spreadsheet", expanded=not heeft_knelpunten, icon=":material/upload:"):
    st.caption(
        "Zet de knelpunten van alle groepen in één werkblad (.xlsx of .csv) met de kolommen Knelpunt, "
        "Aandachtsgebied en Groep. Na het importeren zie je meteen de analyse. Groepen die nog niet "
        "bestaan, worden aangemaakt."
    )
    bestand = st.file_uploader("Spreadsheet met knelpunten", type=["csv", "xlsx", "txt"], key=uploader_key)
    if bestand is not None:
        bewaard = st.session_state.get(VOORBEELD)
        if not bewaard or bewaard[0] != bestand.file_id:
            try:
                bewaard = (bestand.file_id, tabel.lees(bestand.getvalue(), bestand.name), None)
            except ValueError as exc:
                bewaard = (bestand.file_id, None, str(exc))
            st.session_state[VOORBEELD] = bewaard
        _, vb, fout = bewaard
        if fout:
            st.error(ui.esc(fout))
        else:
            st.markdown(ui.esc(vb.samenvatting()))
            for p in vb.problemen[:10]:
                st.caption(ui.esc(str(p)))
            if len(vb.problemen) > 10:
                st.caption(f"… en nog {len(vb.problemen) - 10} meldingen.")
            if not vb.groepen():
                st.warning("Er is geen kolom Groep gevonden: alle knelpunten komen onder 'Zonder groep'.")
            st.dataframe(pd.DataFrame(vb.tabel()), hide_index=True, width="stretch", height=240)
            opties = {NIEUW: "In een nieuwe themadag"}
            if t is not None:
                opties = {HUIDIG: f"Bij het gekozen traject '{t.naam}'"} | opties
            if st.session_state.get(f"{P}_doel") not in opties:
                st.session_state.pop(f"{P}_doel", None)
            st.radio(
                "Waar komen de knelpunten?",
                list(opties),
                format_func=lambda k: opties[k],
                key=f"{P}_doel",
                index=0 if t is not None and t.werkvorm == "themadag" else len(opties) - 1,
            )
            if st.session_state.get(f"{P}_doel") == NIEUW:
                st.text_input(
                    "Naam van de nieuwe themadag",
                    key=f"{P}_naam",
                    placeholder=f"Themadag {datum_nl(date.today())}",
                )
            elif t is not None:
                dubbel = vb.al_aanwezig(snap, t.id)
                if dubbel:
                    st.warning(f"{dubbel} knelpunten staan al in dit traject en komen er dan twee keer in.")
            st.button(
                "Importeren en analyseren",
                type="primary",
                key=f"{P}_importeer",
                on_click=_importeer,
                args=(vb,),
                disabled=not vb.punten,
            )

if t is None:
    st.info("Er is nog geen traject. Importeer hierboven een spreadsheet, of maak een traject op Overzicht.")
    st.stop()

df = snap.memo((groepen.knelpunten_frame, t.id), lambda: groepen.knelpunten_frame(snap, t.id))
if not len(df):
    st.info(
        "Dit traject heeft nog geen knelpunten. Verzamel ze in stap 4, of importeer hierboven de knelpunten "
        "van alle groepen in één keer."
    )
    st.stop()

if t.werkvorm != "themadag":
    st.caption(f"Dit is een {methode.werkvorm(t.werkvorm).label.lower()}; de analyse werkt hier net zo.")

beeld = themas_ui.themabeeld(ctx)
ind = beeld.indeling
namen = groepen.groep_namen(snap, t.id)
per_groep = snap.memo((groepen.per_gebied_per_groep, t.id), lambda: groepen.per_gebied_per_groep(snap, t.id, df))
terugkerend = ind.terugkerend
alle_groepen = [th for th in terugkerend if namen and th.aantal_groepen == len(namen)]

# ---- totals --------------------------------------------------------------------------------------------

m = st.columns(4)
m[0].metric("Knelpunten", len(df))
m[1].metric("Groepen", len(namen))
m[2].metric("Terugkerende thema's", len(terugkerend), help="Thema's met twee of meer knelpunten.")
m[3].metric("Door alle groepen genoemd", len(alle_groepen) if namen else "–")

st.subheader("Per groep", anchor=False)
groep_ui.tabel(
    snap.memo((groepen.groep_overzicht, t.id), lambda: groep_ui.veilig(groepen.groep_overzicht(snap, t.id, df)))
)

# ---- per gebied and group ------------------------------------------------------------------------------

st.subheader("Per aandachtsgebied en groep", anchor=False)
links, rechts = st.columns(2)
with links:
    st.plotly_chart(
        snap.memo((groepen.heatmap, t.id), lambda: groepen.heatmap(per_groep)),
        key=f"{P}_heatmap",
        config={"displaylogo": False},
        alt="Heatmap van het aantal knelpunten per aandachtsgebied en groep; de tabel eronder heeft dezelfde cijfers.",
    )
with rechts:
    st.plotly_chart(
        snap.memo((groepen.gestapelde_staven, t.id), lambda: groepen.gestapelde_staven(per_groep)),
        key=f"{P}_staven",
        config={"displaylogo": False},
        alt="Gestapelde staven: per groep het aantal knelpunten, opgedeeld naar aandachtsgebied; "
        "de tabel eronder heeft dezelfde cijfers.",
    )
st.caption("De cijfers van beide grafieken:")
groep_ui.tabel(
    snap.memo((groepen.met_totalen, t.id), lambda: groep_ui.veilig(groepen.met_totalen(per_groep), met_index=True))
)
if t.verdieping_gebieden:
    st.caption(
        "Gekozen voor de verdieping in stap 5: " + " en ".join(methode.gebied_label(g) for g in t.verdieping_gebieden)
    )

# ---- recurring themes ----------------------------------------------------------------------------------

st.subheader("Terugkerende thema's", anchor=False)
st.caption(
    "Knelpunten die in andere woorden hetzelfde zeggen, zijn samengenomen tot een thema. Bovenaan staan de "
    "thema's die de meeste groepen noemden. Het zijn voorstellen: klopt een indeling niet? Pas hem hieronder aan."
)
themas_ui.status(beeld, t.id)
themas_ui.ongedaan_knop(store, t.id)
if not terugkerend:
    st.info("Geen knelpunt kwam meer dan één keer voor. Voeg thema's hieronder met de hand samen als dat wel zo is.")
else:
    aantal = 1  # one theme: nothing to choose (a slider from 1 to 1 is refused by Streamlit)
    if len(terugkerend) > 1:
        aantal = st.slider(
            "Hoeveel thema's tonen?",
            min_value=1,
            max_value=min(30, len(terugkerend)),
            value=min(10, len(terugkerend)),
            key=f"{P}_top",
        )
    rijen = snap.memo(
        (themas.thema_rijen, t.id, aantal, ind.methode), lambda: themas.thema_rijen(ind, namen, top=aantal)
    )
    st.plotly_chart(
        snap.memo((groepen.themas_figuur, t.id, aantal, ind.methode), lambda: groepen.themas_figuur(rijen, len(namen))),
        key=f"{P}_themas",
        config={"displaylogo": False},
        alt="Staafdiagram van de top thema's met het aantal groepen dat elk thema noemde; "
        "de tabel eronder heeft dezelfde gegevens.",
    )
    groep_ui.tabel(
        snap.memo(
            (themas.thema_rijen, t.id, aantal, "tabel", ind.methode),
            lambda: groep_ui.veilig(
                pd.DataFrame(
                    [
                        {
                            "Nr": r["nr"],
                            "Thema": r["thema"],
                            "Bijvoorbeeld": r["voorbeeld"],
                            "Kernwoorden": r["kernwoorden"],
                            "Groepen": r["groepen"],
                            "Knelpunten": r["knelpunten"],
                            "Genoemd door": r["genoemd_door"],
                            "Meest in gebied": r["gebied"],
                            "Met de hand": "ja" if r["handmatig"] else "",
                        }
                        for r in rijen
                    ]
                )
            ),
        )
    )
los = len(ind.themas) - len(terugkerend)
if los:
    st.caption(f"{los} knelpunt{'en kwamen' if los != 1 else ' kwam'} maar één keer voor.")

# ---- suggestions: built only while open (1,000 knelpunten give many) ----------------------------------

suggesties = st.expander("Suggesties: lijkt op", key=f"{P}_suggesties", icon=":material/lightbulb:", on_change="rerun")
if suggesties.open:
    with suggesties:
        st.caption(
            "Voorstellen van de computer, geen oordeel. Met één klik neem je er een over; met Ongedaan maken "
            "zet je het terug."
        )
        themas_ui.suggesties(beeld, store, t.id, namen, snap)

# ---- adjusting themes by hand --------------------------------------------------------------------------

# An editing task, not part of the picture: its widgets (a choice of ~700 themes) run only while it is open.
aanpassen = st.expander("Thema's aanpassen", key=f"{P}_aanpassen", icon=":material/edit:", on_change="rerun")
if aanpassen.open:
    with aanpassen:
        teksten, groep_van, gebied_van = snap.memo(
            (groepen.knelpunten_frame, t.id, "per id"),
            lambda: (
                dict(zip(df["id"].tolist(), df["tekst"].tolist(), strict=True)),
                dict(zip(df["id"].tolist(), df["groep"].tolist(), strict=True)),
                {k.id: methode.gebied_label(k.gebied) for k in snap.of("knelpunt", t.id)},
            ),
        )

        def _thema_label(key: str) -> str:
            th = ind.get(key)
            if th is None:
                return "Dit thema bestaat niet meer"
            if th.aantal == 1:
                return f"Los: {th.label[:90]}"
            return f"{th.label[:90]} · {th.aantal} knelpunten, {th.aantal_groepen} groepen"

        thema_keys = [th.key for th in ind.themas]
        KEUZE = f"{P}_thema"
        # the label counts knelpunten and groups, which the forms below change: vaste_keuze keeps the chosen theme
        gekozen_key = ui.vaste_keuze(
            st.selectbox, "Thema", thema_keys, key=KEUZE, standaard=thema_keys[0], format_func=_thema_label
        )
        gekozen = ind.get(gekozen_key)

        if gekozen is not None:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "Knelpunt": teksten.get(i, ""),
                            "Groep": groep_van.get(i, ""),
                            "Aandachtsgebied": gebied_van.get(i),
                        }
                        for i in gekozen.knelpunt_ids
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
            if gekozen.kernwoorden:
                st.caption("Kernwoorden: " + ui.esc(", ".join(gekozen.kernwoorden)))

            def _hernoem(th: themas.Thema) -> None:
                naam = st.session_state.get(f"{P}_naam_{th.key}", "")
                themas_ui.doe(
                    themas.hernoem, store, t.id, th, naam, wat="thema hernoemd", ok="Naam van het thema bewaard."
                )

            def _splits(th: themas.Thema) -> None:
                los_ids = st.session_state.get(f"{P}_los_{th.key}") or []
                if themas_ui.doe(themas.splits, store, t.id, th, los_ids, wat="knelpunten apart gezet"):
                    ui.flash(f"{len(los_ids)} knelpunt{'en' if len(los_ids) != 1 else ''} apart gezet als eigen thema.")

            def _samen(th: themas.Thema) -> None:
                andere = [ind.get(k) for k in st.session_state.get(f"{P}_samen_{th.key}") or []]
                keuze = themas_ui.doe(
                    themas.voeg_samen,
                    store,
                    t.id,
                    [th, *[a for a in andere if a is not None]],
                    wat="thema's samengevoegd",
                )
                if keuze is not None:
                    ui.flash(f"Samengevoegd: het thema heeft nu {len(keuze.knelpunt_ids)} knelpunten.")

            kolommen = st.columns(3)
            with kolommen[0].form(f"{P}_form_naam_{gekozen.key}", border=True):
                st.text_input(
                    "Eigen naam voor dit thema",
                    value=gekozen.naam,
                    key=f"{P}_naam_{gekozen.key}",
                    placeholder="bijv. Vindbaarheid van de hulpvrager",
                    help="Leeg laten: het thema heet naar zijn kernwoorden.",
                )
                st.form_submit_button("Naam bewaren", on_click=_hernoem, args=(gekozen,))
            with kolommen[1].form(f"{P}_form_splits_{gekozen.key}", border=True):
                st.multiselect(
                    "Deze knelpunten horen er niet bij",
                    list(gekozen.knelpunt_ids),
                    key=f"{P}_los_{gekozen.key}",
                    format_func=lambda i: f"{teksten.get(i, '')[:80]} ({groep_van.get(i, '')})",
                    placeholder="Kies knelpunten",
                    disabled=gekozen.aantal < 2,
                )
                st.form_submit_button("Apart zetten", on_click=_splits, args=(gekozen,), disabled=gekozen.aantal < 2)
            with kolommen[2].form(f"{P}_form_samen_{gekozen.key}", border=True):
                st.multiselect(
                    "Samenvoegen met",
                    [k for k in thema_keys if k != gekozen.key],
                    key=f"{P}_samen_{gekozen.key}",
                    format_func=_thema_label,
                    placeholder="Kies thema's of losse knelpunten",
                )
                st.form_submit_button("Samenvoegen", on_click=_samen, args=(gekozen,))

if themas.themakeuzes(snap, t.id):

    def _automatisch() -> None:
        n = ui.act(themas.automatisch, store, t.id)
        if n:
            ui.flash(f"{n} handmatige keuze{'s' if n != 1 else ''} gewist; alle thema's zijn weer automatisch.")

    with st.popover("Handmatige keuzes wissen"):
        st.caption("Alle samengevoegde, gesplitste en benoemde thema's worden weer automatisch ingedeeld.")
        st.button("Ja, wis de handmatige keuzes", key=f"{P}_automatisch", on_click=_automatisch)

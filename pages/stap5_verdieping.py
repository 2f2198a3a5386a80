"""Stap 5 – Knelpuntenanalyse: deepen per gebied, starting where most knelpunten are; how gebieden relate;
which experts to invite and what to read."""

import streamlit as st

from schouders import analyse, charts, methode
from schouders import knelpunten as kp
from schouders.trajecten import werkvraagstuk
from schouders.ui import common as ui
from schouders.ui import knelpunten as kn_ui

P = "s5"
PER_PAGINA = 15  # cards; more on request ("Toon alle")
ctx = ui.page(stap=5)
store, snap, t = ctx.store, ctx.snap, ctx.traject
wv = methode.werkvorm(t.werkvorm)

df = kn_ui.frame(snap, t.id)
telling = snap.memo((analyse.tel_per_gebied, t.id), lambda: analyse.tel_per_gebied(df))
voorstel = snap.memo((analyse.voorgesteld_gebied, t.id), lambda: analyse.voorgesteld_gebied(telling))


def _label_met_aantal(key: str) -> str:
    n = int(telling.at[key, "aantal"])
    return f"{methode.gebied_label(key)} ({n})" + (" · meeste knelpunten" if key == voorstel else "")


# ---- themadag: only the 1 or 2 gebieden chosen for the day ----
def _zet_dag_gebieden() -> None:
    ui.act(
        kp.zet_verdieping_gebieden,
        store,
        t.id,
        st.session_state[f"{P}_daggebieden"],
        ok="Gebieden voor de verdieping bewaard.",
    )


keuze = list(methode.GEBIED_KEYS)
if wv.max_verdieping_gebieden < len(methode.GEBIEDEN):
    limiet = wv.max_verdieping_gebieden
    with st.container(border=True):
        if t.verdieping_gebieden:
            dag = [g for g in methode.GEBIED_KEYS if g in t.verdieping_gebieden]
            namen = " en ".join(methode.gebied_label(g) for g in dag)
            st.info(
                f"Bij een {wv.label.lower()} verdiep je hooguit {limiet} gebieden. Vandaag zijn dat: {namen}. "
                "De andere gebieden blijven staan voor later.",
                icon=":material/info:",
            )
            keuze = dag
        else:
            st.warning(
                f"Bij een {wv.label.lower()} verdiep je 1 of {limiet} gebieden. Kies ze hieronder; "
                "de gebieden met de meeste knelpunten liggen voor de hand.",
                icon=":material/priority_high:",
            )
        st.multiselect(
            f"Gebieden voor de verdieping (1 of {limiet})",
            list(methode.GEBIED_KEYS),
            default=list(t.verdieping_gebieden),
            format_func=_label_met_aantal,
            max_selections=limiet,
            key=f"{P}_daggebieden",
            on_change=_zet_dag_gebieden,
        )

# ---- which gebied: the suggestion is the one with the most knelpunten ----
if voorstel:
    st.markdown(f"**Begin bij {methode.gebied_label(voorstel)}**: daar zijn de meeste knelpunten genoemd.")
gekozen = ui.vaste_keuze(
    st.radio,
    "Welk gebied verdiepen jullie nu?",
    keuze,
    key=f"{P}_gebied_{'_'.join(keuze)}",
    standaard=voorstel if voorstel in keuze else keuze[0],
    format_func=_label_met_aantal,  # counts in the labels: vaste_keuze keeps the choice when one changes
    horizontal=True,
)
g = methode.GEBIED_BY_KEY[gekozen]

kn_ui.board_css(P)
with st.container(border=True, key=f"{P}_kol_{gekozen}"):
    st.subheader(f"{g.label}", anchor=False)
    st.caption(g.omschrijving)
    st.markdown("\n".join(f"- {p}" for p in g.prompts))


# ---- the knelpunten of this gebied: toelichting and related gebieden ----
def _verdiep(knelpunt_id: str) -> None:
    s = st.session_state
    ui.act(
        kp.zet_verdieping,
        store,
        knelpunt_id,
        s[f"{P}_tl_{knelpunt_id}"],
        s[f"{P}_rel_{knelpunt_id}"],
        ok="Toelichting en samenhang bewaard.",
    )


hier = sorted((k for k in snap.of("knelpunt", t.id) if k.gebied == gekozen), key=lambda k: k.aangemaakt)
andere = [x for x in methode.GEBIED_KEYS if x != gekozen]
st.markdown(f"**Knelpunten in {g.label}** · {len(hier)}")
if hier:
    st.caption("Klik op een knelpunt om toe te lichten waar het vandaan komt en met welke gebieden het samenhangt.")
else:
    st.caption("Hier staan nog geen knelpunten. Voeg ze hieronder toe of deel ze in bij stap 4.")
kn_ui.undo_balk(store, t.id, P)
flag = f"{P}_alles_{gekozen}"
toon = hier if st.session_state.get(flag) else hier[:PER_PAGINA]  # card style: kn_ui.board_css above
for k in toon:
    samen = [methode.gebied_label(x) for x in k.gerelateerde_gebieden if x in andere]
    extra = [f"**Toelichting:** {ui.esc(k.toelichting)}"] if k.toelichting else []
    extra += [f"**Hangt ook samen met:** {', '.join(samen)}"] if samen else []
    # The card is the button of its popover: the fields render only while it is open (one element per card).
    pop = ui.kaart(kn_ui.kaart_label(k, snap, extra), key=f"{P}_kaart_{k.id}")
    if not pop.open:
        continue
    with pop:
        with st.form(f"{P}_verdiep_{k.id}", border=False):
            st.text_area(
                "Toelichting",
                value=k.toelichting,
                key=f"{P}_tl_{k.id}",
                height=100,
                placeholder="Waar komt dit vandaan? (Ctrl+Enter bewaart)",
            )
            st.multiselect(
                "Hangt ook samen met",
                andere,
                default=[x for x in k.gerelateerde_gebieden if x in andere],
                format_func=methode.gebied_label,
                key=f"{P}_rel_{k.id}",
                placeholder="Kies gebieden",
            )
            st.form_submit_button("Bewaren", type="primary", on_click=_verdiep, args=(k.id,))
        st.button(
            "Verwijderen",
            icon=":material/delete:",
            key=f"{P}_rm_{k.id}",
            on_click=kn_ui.verwijder,
            args=(store, snap, k.id),
        )
if len(hier) > PER_PAGINA:
    st.button(
        "Toon minder" if st.session_state.get(flag) else f"Toon alle {len(hier)}",
        key=f"{P}_toonalles",
        on_click=ui.wissel,
        args=(flag,),
    )

v = werkvraagstuk(snap, t.id)
kn_ui.nieuw_formulier(
    store,
    t.id,
    prefix=f"{P}_{gekozen}",
    gebied=gekozen,
    vast_gebied=True,
    extra={"bron_stap": 5, "vraagstuk_id": v.id if v else None},
)

van_elders = snap.memo(
    (analyse.relaties_naar, t.id, gekozen),
    lambda: ui.als_arrow(
        analyse.relaties_naar(df, gekozen)[["gebied_label", "tekst", "auteur"]].rename(
            columns={"gebied_label": "Gebied", "tekst": "Knelpunt", "auteur": "Van"}
        )
    ),
)
if len(van_elders):
    st.markdown(f"**Uit andere gebieden, maar ook van belang voor {g.label}**")
    st.dataframe(van_elders, hide_index=True, width="stretch")

# ---- how the gebieden relate ----
st.subheader("Hoe hangen de gebieden samen?", anchor=False)
matrix = snap.memo((analyse.relatie_matrix, t.id), lambda: analyse.relatie_matrix(df))
if int(matrix.to_numpy().sum()) == 0:
    st.caption("Nog geen samenhang vastgelegd. Kies bij een knelpunt met welke andere gebieden het samenhangt.")
else:
    links, rechts = st.columns([3, 2])
    with links:
        st.plotly_chart(
            snap.memo((charts.relatie_heatmap, t.id), lambda: charts.relatie_heatmap(matrix, titel="")),
            key=f"{P}_heatmap",
            config={"displayModeBar": False},
        )
    with rechts:
        st.markdown("**De samenhang als tabel** (rij: gebied van het knelpunt, kolom: hangt ook samen met)")
        st.table(
            snap.memo(
                (analyse.relatie_matrix, t.id, "tabel"),
                lambda: ui.als_arrow(matrix.reset_index().rename(columns={"gebied": "Gebied"})),
            ),
            hide_index=True,
        )

# The counts are in the gebied choice above already; the chart and table of stap 4 are one click away.
grafiek = st.expander(
    "Knelpunten per aandachtsgebied: grafiek en tabel",
    key=f"{P}_telling_open",
    icon=":material/bar_chart:",
    on_change="rerun",
)
if grafiek.open:
    with grafiek:
        kn_ui.telling_blok(snap, t.id, prefix=P)

# ---- experts and leeslijst: supporting tasks, so they run only while open ----


def _expert() -> None:
    s = st.session_state
    ui.act(
        kp.voeg_expert_toe,
        store,
        t.id,
        s[f"{P}_ex_naam"],
        s[f"{P}_ex_org"],
        s[f"{P}_ex_gebied"],
        s[f"{P}_ex_contact"],
        ok="Expert toegevoegd.",
    )


def _leesitem() -> None:
    s = st.session_state
    ui.act(
        kp.voeg_leesitem_toe,
        store,
        t.id,
        s[f"{P}_lees_titel"],
        s[f"{P}_lees_link"],
        s[f"{P}_lees_gebied"],
        ok="Toegevoegd aan de leeslijst.",
    )


def _verwijder_gekozen(kind: str, key: str, ids: list[str]) -> None:
    rijen = (st.session_state.get(key) or {}).get("selection", {}).get("rows", [])
    ui.act(kp.verwijder_items, store, kind, [ids[i] for i in rijen if i < len(ids)], ok="Verwijderd.")


experts = snap.of("expert", t.id)
lees = snap.of("leesitem", t.id)
ex_blok = st.expander("Experts uitnodigen", key=f"{P}_experts_open", icon=":material/person_add:", on_change="rerun")
if ex_blok.open:
    with ex_blok:
        suggesties = snap.memo((analyse.expert_suggesties, t.id), lambda: analyse.expert_suggesties(telling, experts))
        if suggesties.empty:
            st.caption(
                "Zodra knelpunten een gebied hebben, zie je hier voor welke gebieden een expert het meest helpt."
            )
        else:
            for _, rij in suggesties.iterrows():
                if rij["heeft_expert"]:
                    st.markdown(
                        f"- **{rij['gebied']}** ({rij['knelpunten']} knelpunten): al bekend: {ui.esc(rij['experts'])}"
                    )
                else:
                    st.markdown(
                        f"- **{rij['gebied']}** ({rij['knelpunten']} knelpunten): nog geen expert – nodig er een uit."
                    )
        ex_links, ex_rechts = st.columns(2)
        with ex_links:
            with st.form(f"{P}_expert", clear_on_submit=True):
                st.markdown("**Expert toevoegen**")
                st.text_input("Naam", key=f"{P}_ex_naam")
                st.text_input("Organisatie", key=f"{P}_ex_org")
                st.selectbox(
                    "Aandachtsgebied",
                    list(methode.GEBIED_KEYS),
                    index=list(methode.GEBIED_KEYS).index(voorstel or gekozen),
                    format_func=methode.gebied_label,
                    key=f"{P}_ex_gebied",
                )
                st.text_input("Contact (e-mail of telefoon)", key=f"{P}_ex_contact")
                st.form_submit_button("Expert toevoegen", on_click=_expert)
        with ex_rechts:
            st.markdown("**Experts van dit traject**")
            if experts:
                ex_ids = [e.id for e in experts]
                st.dataframe(
                    [
                        {
                            "Naam": e.naam,
                            "Organisatie": e.organisatie,
                            "Gebied": methode.gebied_label(e.gebied),
                            "Contact": e.contact,
                        }
                        for e in experts
                    ],
                    hide_index=True,
                    width="stretch",
                    key=f"{P}_experts",
                    on_select="rerun",
                    selection_mode="multi-row",
                )
                st.button(
                    "Gekozen experts verwijderen",
                    key=f"{P}_ex_rm",
                    on_click=_verwijder_gekozen,
                    args=("expert", f"{P}_experts", ex_ids),
                )
            else:
                st.caption("Nog geen experts.")
lees_blok = st.expander("Leeslijst", key=f"{P}_lees_open", icon=":material/menu_book:", on_change="rerun")
if lees_blok.open:
    with lees_blok:
        ll_links, ll_rechts = st.columns(2)
        with ll_links:
            with st.form(f"{P}_lees", clear_on_submit=True):
                st.markdown("**Iets toevoegen aan de leeslijst**")
                st.text_input("Titel", key=f"{P}_lees_titel")
                st.text_input("Link of verwijzing", key=f"{P}_lees_link")
                st.selectbox(
                    "Aandachtsgebied",
                    [None, *methode.GEBIED_KEYS],
                    index=1 + list(methode.GEBIED_KEYS).index(gekozen),
                    format_func=lambda k: "Geen bepaald gebied" if k is None else methode.gebied_label(k),
                    key=f"{P}_lees_gebied",
                )
                st.form_submit_button("Toevoegen aan leeslijst", on_click=_leesitem)
        with ll_rechts:
            if lees:
                lees_ids = [i.id for i in lees]
                st.dataframe(
                    [
                        {
                            "Titel": i.titel,
                            "Link of verwijzing": i.link,
                            "Gebied": methode.gebied_label(i.gebied) if i.gebied else "",
                        }
                        for i in lees
                    ],
                    hide_index=True,
                    width="stretch",
                    key=f"{P}_leeslijst",
                    on_select="rerun",
                    selection_mode="multi-row",
                )
                st.button(
                    "Gekozen titels verwijderen",
                    key=f"{P}_lees_rm",
                    on_click=_verwijder_gekozen,
                    args=("leesitem", f"{P}_leeslijst", lees_ids),
                )
            else:
                st.caption("De leeslijst is nog leeg.")

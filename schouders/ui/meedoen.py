"""Meedoen on screen: the participant's form (phone) and the procesbegeleider's round with code, QR and board.

The participant's side never reads the chosen traject, the sidebar or any page header: it shows only the
question of the round that belongs to the code, the form and the participant's own items of this session.
"""

from __future__ import annotations

import html
import io
import os
from typing import Any
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from schouders import meedoen, methode
from schouders.ui import common as ui
from schouders.ui import presentatie, scope, toegang

CODE_KEY = "md_code"  # the accepted code of this participant session
MIJN_KEY = "md_mijn"  # (label, tekst) of what this session sent
PAGINA_PAD = "meedoen"
_GEEN_GEBIED = "__geen__"

CSS = """
<style>
.sch-code { font-family: "Source Code Pro", ui-monospace, monospace; font-size: 3.2rem; font-weight: 700;
  letter-spacing: 0.35em; color: #1F2328; margin: 0.2rem 0 0.6rem 0; }
.sch-link { font-size: 1.1rem; overflow-wrap: anywhere; color: #1F2328; }
</style>
"""


# ---- shared ---------------------------------------------------------------------------------------------


def als_deelnemer() -> bool:
    """`?als=deelnemer` shows the procesbegeleider the participant's form (to try it on this machine)."""
    return st.query_params.get("als") == "deelnemer"


def deelnemerslink(code: str) -> str:
    """The link for the QR code: the room address from serve-room, or this browser's own address."""
    basis = os.environ.get(toegang.URL_ENV, "").strip()
    if not basis:
        try:
            url = urlsplit(st.context.url or "")
            basis = f"{url.scheme}://{url.netloc}/{PAGINA_PAD}" if url.netloc else ""
        except Exception:
            basis = ""
    basis = basis or f"http://127.0.0.1:8501/{PAGINA_PAD}"
    return f"{basis.rstrip('/')}?{urlencode({'code': code})}"


def qr_png(link: str, *, schaal: int = 8) -> bytes:
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=schaal, border=2)
    return buf.getvalue()


def _code_html(code: str) -> str:
    return f'<p class="sch-code" aria-label="Code {" ".join(html.escape(code))}">{html.escape(code)}</p>'


# ---- participant ----------------------------------------------------------------------------------------


def _kijk_code() -> None:
    code = meedoen.normaliseer_code(st.session_state.get("md_code_invoer", ""))
    if not code:
        ui.flash("Vul de code in die de procesbegeleider laat zien.", "error")
        return
    if not toegang.begrenzer("meedoen", meedoen.PER_MINUUT, per_adres=meedoen.PER_MINUUT_ADRES):
        ui.flash(meedoen.TE_SNEL, "error")
        return
    if meedoen.zoek(ui.get_store().snapshot(), code) is None:
        ui.flash(meedoen.FOUTE_CODE, "error")
        return
    st.session_state[CODE_KEY] = code


def _andere_code() -> None:
    st.session_state.pop(CODE_KEY, None)


def _verstuur() -> None:
    tekst = st.session_state.get("md_tekst", "")
    if not toegang.begrenzer("meedoen", meedoen.PER_MINUUT, per_adres=meedoen.PER_MINUUT_ADRES):
        ui.flash(meedoen.TE_SNEL, "error")
        st.session_state["md_niet_verstuurd"] = tekst
        return
    soort = st.session_state.get("md_soort")
    gebied = st.session_state.get("md_gebied")
    try:
        item = meedoen.dien_in(
            ui.get_store(),
            st.session_state.get(CODE_KEY, ""),
            tekst,
            naam=st.session_state.get("md_naam", ""),
            soort=soort,
            gebied=None if gebied == _GEEN_GEBIED else gebied,
        )
    except ValueError as exc:
        ui.flash(str(exc), "error")
        if str(exc) == meedoen.FOUTE_CODE:
            st.session_state.pop(CODE_KEY, None)
        st.session_state["md_niet_verstuurd"] = tekst
        return
    st.session_state.pop("md_niet_verstuurd", None)
    if item.kind == "quickscanpunt":
        label = meedoen.soort_label(item.soort)
    else:
        label = methode.gebied_label(item.gebied)
    st.session_state.setdefault(MIJN_KEY, []).append((label, item.tekst))
    ui.flash("Verstuurd. Dank je wel!")


def deelnemer() -> None:
    """The participant's page: the code, then the question and a small form. Nothing of the traject."""
    ui.toegankelijk()
    st.title("Meedoen", anchor=False)
    code = st.session_state.get(CODE_KEY)
    ronde = meedoen.zoek(ui.get_store().snapshot(), code) if code else None
    if code and ronde is None:
        st.session_state.pop(CODE_KEY, None)
        ui.flash(meedoen.FOUTE_CODE, "error")
    ui.show_flash()
    niet = st.session_state.pop("md_niet_verstuurd", None)
    if niet:
        st.caption("Dit is niet verstuurd (je kunt het kopiëren):")
        st.text(niet)
    if ronde is None:
        st.write("Vul de code in die de procesbegeleider laat zien.")
        uit_link = meedoen.normaliseer_code(st.query_params.get("code", ""))
        with st.form("md_code_form", border=False):
            st.text_input(
                "Code",
                value=uit_link if meedoen.geldig_formaat(uit_link) else "",
                max_chars=12,
                key="md_code_invoer",
                placeholder="bijvoorbeeld K7TM4Q",
            )
            st.form_submit_button("Meedoen", type="primary", on_click=_kijk_code, width="stretch")
        toegang.inlog_procesbegeleider()
        _mijn_items()
        return

    st.subheader(meedoen.opdracht(ronde), anchor=False)
    st.markdown("\n".join(f"- {ui.esc(v)}" for v in meedoen.vragen(ronde)))
    st.text_input(
        "Je naam (mag leeg blijven)",
        key="md_naam",
        max_chars=meedoen.MAX_NAAM,
        placeholder="Zonder naam is je bericht anoniem",
    )
    with st.form("md_form", clear_on_submit=True, border=False):
        if ronde.stap == 2:
            st.radio(
                "Wat voor punt is het?",
                list(meedoen.SOORTEN),
                format_func=meedoen.SOORTEN.get,
                key="md_soort",
            )
        elif meedoen.kies_gebied(ronde):
            st.selectbox(
                "Bij welk aandachtsgebied hoort het? (mag je open laten)",
                [_GEEN_GEBIED, *methode.GEBIED_KEYS],
                format_func=lambda g: "Weet ik niet" if g == _GEEN_GEBIED else methode.gebied_label(g),
                key="md_gebied",
            )
        st.text_area(
            "Jouw bericht",
            key="md_tekst",
            max_chars=meedoen.MAX_TEKST,
            height=120,
            placeholder="Eén punt per bericht",
        )
        st.form_submit_button("Versturen", type="primary", on_click=_verstuur, width="stretch")
    st.caption(f"Code {ronde.code}")
    st.button("Andere code invullen", key="md_andere", on_click=_andere_code)
    _mijn_items()


def _mijn_items() -> None:
    mijn = st.session_state.get(MIJN_KEY, [])
    if not mijn:
        return
    st.subheader("Wat jij hebt gestuurd", anchor=False)
    for label, tekst in reversed(mijn[-20:]):
        st.caption(ui.esc(label))
        st.text(tekst)


# ---- procesbegeleider -------------------------------------------------------------------------------------


def _open(store: Any, tid: str) -> None:
    stap = st.session_state.get("md_pb_stap", 4)
    gebied = st.session_state.get("md_pb_gebied")
    ronde = ui.act(
        meedoen.open_ronde,
        store,
        tid,
        stap,
        None if gebied in (None, _GEEN_GEBIED) else gebied,
        vraagstuk_id=st.session_state.get("md_pb_vraagstuk"),
        bijeenkomst_id=st.session_state.get(scope.BIJEENKOMST_KEY),  # the traject's current meeting
    )
    if ronde is not None:
        ui.flash(f"De ronde is open. Code: {ronde.code}")


def _item_rij(item: Any) -> dict[str, Any]:
    rij = {"id": item.id, "tekst": item.tekst, "auteur": item.auteur or "", "verwijderen": False}
    if item.kind == "quickscanpunt":
        rij["soort"] = meedoen.soort_label(item.soort)
    else:
        rij["gebied"] = methode.gebied_label(item.gebied)
    return rij


def _pas_toe(store: Any, key: str, ids: list[str], kind: str) -> None:
    """Apply the editor's changes in one write: text, author, gebied or soort, deletions."""
    wijzigingen = st.session_state.get(key, {}).get("edited_rows", {})
    gebied_van = {methode.gebied_label(g): g for g in (*methode.GEBIED_KEYS, None)}
    soort_van = {meedoen.soort_label(s): s for s, _ in methode.QUICKSCAN_SOORTEN}

    def doe() -> None:
        weg = []
        with store.transaction():
            snap = store.snapshot()
            for rij, velden in wijzigingen.items():
                item = snap.get(kind, ids[int(rij)]) if int(rij) < len(ids) else None
                if item is None:
                    continue
                if velden.get("verwijderen"):
                    weg.append(item.id)
                    continue
                changes: dict[str, Any] = {}
                if "tekst" in velden:
                    changes["tekst"] = velden["tekst"] or ""
                if "auteur" in velden:
                    changes["auteur"] = velden["auteur"] or ""
                if "gebied" in velden:
                    changes["gebied"] = gebied_van.get(velden["gebied"])
                if "soort" in velden and velden["soort"] in soort_van:
                    changes["soort"] = soort_van[velden["soort"]]
                if changes:
                    store.save(item.met(**changes))
            if weg:
                store.delete(kind, weg)

    ui.act(doe, ok="Bijgewerkt.")


def _bord(ronde: Any, items: list[Any], *, klein: bool = False) -> None:
    if ronde.stap == 2:
        kolommen = [
            presentatie.Kolom(
                label,
                presentatie.SUCCES_KLEUR if soort == "succes" else presentatie.VERBETER_KLEUR,
                [presentatie.Kaart(i.tekst, i.auteur or "anoniem") for i in items if i.soort == soort],
            )
            for soort, label in methode.QUICKSCAN_SOORTEN
        ]
        presentatie.toon_bord(kolommen, breed=True, klein=klein, leeg="Nog niets binnen.")
        return
    keys: list[str | None] = [ronde.gebied] if ronde.gebied else [*methode.GEBIED_KEYS, None]
    kolommen = []
    for g in keys:
        deel = [i for i in items if i.gebied == g]
        if g is None and not deel and not ronde.gebied:
            continue
        kolommen.append(
            presentatie.Kolom(
                methode.gebied_label(g),
                methode.gebied_kleur(g),
                [presentatie.Kaart(i.tekst, i.auteur or "anoniem") for i in deel],
                "knelpunten",
            )
        )
    presentatie.toon_bord(kolommen, klein=klein, leeg="Nog niets binnen.")


def _live_bord(ronde_id: str, *, klein: bool, editor_ids: list[str] | None) -> None:
    @st.fragment(run_every=2)
    def _live() -> None:
        snap = ui.get_store().snapshot()
        ronde = snap.get("ronde", ronde_id)
        if ronde is None or not ronde.open:
            st.info("Deze ronde is gesloten.")
            return
        items = meedoen.items(snap, ronde)
        st.markdown(f"**Binnengekomen: {len(items)}**")
        _bord(ronde, items, klein=klein)
        if editor_ids is not None and [i.id for i in items] != editor_ids:
            # a click reruns this fragment only; the full run that follows puts the new items in the editor
            if st.button(
                "Nieuwe berichten ook in de lijst hieronder zetten", key="md_ververs", icon=":material/refresh:"
            ):
                st.rerun()

    _live()


def _code_blok(ronde: Any, *, groot: bool) -> None:
    link = deelnemerslink(ronde.code)
    st.html(CSS)
    links, rechts = st.columns([3, 2] if groot else [1, 1], gap="large")
    with links:
        st.markdown("**Ga op je telefoon naar de link of scan de QR-code, en vul deze code in:**")
        st.html(_code_html(ronde.code))
        st.html(f'<p class="sch-link">{html.escape(link)}</p>')
        st.caption(meedoen.ronde_label(ronde))
    with rechts:
        st.image(qr_png(link, schaal=10 if groot else 7), alt=f"QR-code met de link {link}", width="content")


def _presentatie(ctx: ui.Context) -> None:
    if ctx.traject is None:
        st.info("Er is nog geen traject gekozen.")
        return
    ronde = meedoen.open_ronde_van(ctx.snap, ctx.tid)
    if ronde is None:
        st.info("Er is nu geen ronde open. Open er een op de pagina Meedoen.")
        return
    st.subheader(meedoen.opdracht(ronde), anchor=False)
    _code_blok(ronde, groot=True)
    _live_bord(ronde.id, klein=False, editor_ids=None)


def groepsbeeld(ctx: ui.Context) -> None:
    """The open round's question, code, QR and incoming items, as the group screen shows them."""
    _presentatie(ctx)


def procesbegeleider() -> None:
    """The procesbegeleider's page: open a round, show code and QR, watch items come in, place and edit them."""
    ctx = ui.page(title="Meedoen", presentatie_view=_presentatie)
    store, snap, t = ctx.store, ctx.snap, ctx.traject
    st.caption(
        "Deelnemers sturen vanaf hun eigen telefoon punten in, zoals post-its op de Praatplaat. Ze zien alleen "
        "het invulformulier, nooit de rest van het traject."
    )
    if not toegang.room_aan():
        st.info(
            "Schouders luistert nu alleen op deze computer. Wil je dat deelnemers meedoen, start Schouders dan "
            "met `python -m schouders serve-room`. Dat toont de link en een toegangscode voor procesbegeleiders.",
            icon=":material/wifi_off:",
        )
    elif os.environ.get(toegang.PASS_ENV) and toegang.is_lokaal(toegang.client_ip()):
        # only on the machine that runs Schouders: a second procesbegeleider gets the whole app with this code
        with st.expander("Tweede procesbegeleider", icon=":material/group_add:"):
            tls_url = os.environ.get(toegang.TLS_URL_ENV, "").strip().rstrip("/")
            if tls_url:
                st.markdown(
                    "Op een andere laptop: open deze beveiligde link. De browser waarschuwt één keer, want het "
                    "certificaat heeft deze laptop zelf gemaakt. Klopt de vingerafdruk hieronder met die in de "
                    "browser (bij het slotje of de waarschuwing), ga dan verder, klik op **Ben je "
                    "procesbegeleider?** en vul de code in. Daarna zie je samen hetzelfde traject, en elkaars "
                    "wijzigingen binnen 2 seconden."
                )
                st.code(tls_url, language=None)
                st.code(os.environ.get(toegang.VINGERAFDRUK_ENV, ""), language=None)
            else:
                st.markdown(
                    "Een tweede procesbegeleider logt in via een beveiligde verbinding. Die start Schouders "
                    "zelf als je `python -m schouders serve-room` gebruikt."
                )
            st.code(os.environ[toegang.PASS_ENV], language=None)
    ronde = meedoen.open_ronde_van(snap, t.id)

    with st.container(border=True):
        st.markdown("**Nieuwe ronde**" if ronde is None else "**Andere ronde openen** (de huidige sluit dan)")
        kol = st.columns(3)
        with kol[0]:
            stap = st.radio(
                "Voor welke stap?",
                [2, 4],
                index=1,
                format_func=lambda n: f"Stap {n} · {methode.stap(n).naam}",
                key="md_pb_stap",
            )
        if stap == 4:
            with kol[1]:
                st.selectbox(
                    "Welk aandachtsgebied?",
                    [_GEEN_GEBIED, *methode.GEBIED_KEYS],
                    format_func=lambda g: "Alle gebieden" if g == _GEEN_GEBIED else methode.gebied_label(g),
                    key="md_pb_gebied",
                )
        vraagstukken = [v for v in snap.of("vraagstuk", t.id) if v.parent_id is None]
        if methode.werkvorm(t.werkvorm).eigen_vraagstuk and vraagstukken:
            with kol[2]:
                st.selectbox(
                    "Vraagstuk",
                    [v.id for v in vraagstukken],
                    format_func=lambda i: next((v.tekst[:70] for v in vraagstukken if v.id == i), i),
                    key="md_pb_vraagstuk",
                )
        else:
            from schouders.trajecten import werkvraagstuk

            v = werkvraagstuk(snap, t.id)
            st.session_state["md_pb_vraagstuk"] = v.id if v else None
        st.button(
            "Ronde openen" if ronde is None else "Nieuwe ronde openen",
            type="primary" if ronde is None else "secondary",
            key="md_pb_open",
            on_click=_open,
            args=(store, t.id),
            icon=":material/play_arrow:",
        )

    if ronde is None:
        return

    st.subheader(meedoen.ronde_label(ronde), anchor=False)
    _code_blok(ronde, groot=False)
    knoppen = st.container(horizontal=True)
    with knoppen:
        st.button(
            "Nieuwe code",
            key="md_pb_nieuw",
            icon=":material/autorenew:",
            on_click=lambda: ui.act(
                meedoen.vernieuw_code, store, ronde.id, ok="Nieuwe code: wie de oude had, kan niets meer sturen."
            ),
            help="Wie de oude code heeft, kan daarna niets meer sturen.",
        )
        st.button(
            "Ronde sluiten",
            key="md_pb_sluit",
            icon=":material/lock:",
            on_click=lambda: ui.act(meedoen.sluit, store, ronde.id, ok="De ronde is gesloten."),
        )
    items = meedoen.items(snap, ronde)
    ids = [i.id for i in items]
    _live_bord(ronde.id, klein=True, editor_ids=ids)

    if items:
        st.markdown("**Plaatsen en bewerken**")
        kind = "quickscanpunt" if ronde.stap == 2 else "knelpunt"
        key = f"md_editor_{ronde.id}_{len(ids)}"
        kolommen: dict[str, Any] = {
            "id": None,
            "tekst": st.column_config.TextColumn("Tekst", max_chars=meedoen.MAX_TEKST, width="large"),
            "auteur": st.column_config.TextColumn("Naam", max_chars=meedoen.MAX_NAAM),
            "verwijderen": st.column_config.CheckboxColumn("Verwijderen"),
        }
        if kind == "knelpunt":
            labels = [methode.gebied_label(g) for g in (*methode.GEBIED_KEYS, None)]
            kolommen["gebied"] = st.column_config.SelectboxColumn("Aandachtsgebied", options=labels, required=True)
        else:
            kolommen["soort"] = st.column_config.SelectboxColumn(
                "Soort", options=[meedoen.soort_label(s) for s, _ in methode.QUICKSCAN_SOORTEN], required=True
            )
        st.data_editor(
            [_item_rij(i) for i in items],
            key=key,
            column_config=kolommen,
            hide_index=True,
            disabled=["id"],
            width="stretch",
            on_change=_pas_toe,
            args=(store, key, ids, kind),
        )
        st.caption("Ook op de pagina's van stap 2 en stap 4 kun je deze punten verder bewerken.")

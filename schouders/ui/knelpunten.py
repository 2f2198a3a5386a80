"""Shared Streamlit pieces for knelpunten: the board of post-its, the add form, bulk paste, undo, counts.

Used by stap 4 and stap 5 (and later by the presentation mode). Knelpunt text is user text: it is shown
with `st.text` or escaped, never as HTML or markdown. Colours come from the method and are always paired
with the gebied's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from schouders import analyse, betekenis, charts, methode, privacy, themas
from schouders import knelpunten as kp
from schouders.importers import chat
from schouders.store import Snapshot, Store
from schouders.ui import common as ui
from schouders.ui import invoer
from schouders.uitvoering import herkomst

UNDO_KEY = "knelpunt_verwijderd"  # the last deleted knelpunt, shared by every page that deletes
PRIVACY_UNDO_KEY = "knelpunt_gepseudonimiseerd"  # (knelpunt id, its text before personal data was replaced)
PER_KOLOM = 6  # cards per gebied before "toon alle"
# Selectbox options: the seven gebieden and "nog niet ingedeeld" as a real option (a selectbox shows None
# as "no choice"); `als_gebied` turns it back into None for the model.
GEBIED_OPTIES: tuple[str, ...] = analyse.VOLGORDE


def gebied_optie_label(key: str | None) -> str:
    return analyse.label(key)


def als_gebied(optie: str | None) -> str | None:
    return None if optie in (None, analyse.ONGEDEELD) else optie


def _kleur(key: str) -> str:
    return analyse.kleur(key)


def board_css(prefix: str) -> None:
    """One style block: each gebied column gets its colour as a thick top border and a light tint.

    Only our own labels and colours go in here – never user text.
    """
    regels = []
    for key in analyse.VOLGORDE:
        k = _kleur(key)
        regels.append(
            f".st-key-{prefix}_kol_{key} {{border-top: 8px solid {k} !important; background: {k}1A;}}\n"
            f".st-key-{prefix}_kol_{key} [class*='st-key-{prefix}_kaart_'] button {{border-left: 6px solid {k}"
            " !important;}"
        )
    regels.append(ui.kaart_knop_css(f"{prefix}_kaart_"))
    st.html("<style>\n" + "\n".join(regels) + "\n</style>")


def vragen(key: str) -> str:
    """The gebied's description and questions for the group, as markdown for a tooltip (our own text)."""
    g = methode.GEBIED_BY_KEY.get(key)
    if g is None:
        return "Knelpunten die nog een gebied moeten krijgen. Verplaats ze later naar het juiste gebied."
    return f"{g.omschrijving}\n\n**Vragen voor de groep**\n\n" + "\n".join(f"- {p}" for p in g.prompts)


# ---- undo ----------------------------------------------------------------------------------------


def verwijder(store: Store, snap: Snapshot, knelpunt_id: str) -> None:
    weg = ui.act(kp.verwijder, store, snap, knelpunt_id)
    if weg is not None:
        st.session_state[UNDO_KEY] = weg
        ui.flash("Knelpunt verwijderd. Je kunt dit ongedaan maken.", "info")


def _herstel(store: Store) -> None:
    weg = st.session_state.get(UNDO_KEY)
    if weg is None:
        return
    if ui.act(kp.herstel, store, weg, ok="Knelpunt teruggezet.") is not None:
        st.session_state.pop(UNDO_KEY, None)


def persoonsgegevens(k: Any, snap: Snapshot) -> list[privacy.Vondst]:
    """What in this knelpunt is personal data (names of the traject's own people excepted)."""
    bekend = snap.memo((privacy.bekende_namen, k.traject_id), lambda: privacy.bekende_namen(snap, k.traject_id))
    return privacy.vind(k.tekst, bekend=bekend)


def _pseudonimiseer(store: Store, snap: Snapshot, knelpunt_id: str, prefix: str) -> None:
    k = snap.get("knelpunt", knelpunt_id)
    if k is None:
        return
    nieuw = privacy.pseudonimiseer(k.tekst, persoonsgegevens(k, snap))
    if ui.act(kp.wijzig_tekst, store, knelpunt_id, nieuw) is not None:
        # The card's own text field still holds the old text: set it too, or its next change writes it back.
        st.session_state[f"{prefix}_tx_{knelpunt_id}"] = nieuw
        st.session_state[PRIVACY_UNDO_KEY] = (knelpunt_id, k.tekst, k.traject_id, prefix)
        ui.flash("Persoonsgegevens vervangen. Je kunt dit ongedaan maken.", "info")


def _zet_terug(store: Store) -> None:
    bewaard = st.session_state.get(PRIVACY_UNDO_KEY)
    if bewaard and ui.act(kp.wijzig_tekst, store, bewaard[0], bewaard[1], ok="Oorspronkelijke tekst teruggezet."):
        st.session_state[f"{bewaard[3]}_tx_{bewaard[0]}"] = bewaard[1]
        st.session_state.pop(PRIVACY_UNDO_KEY, None)


def _terugzet_balk(key: str, label: str, herstel: Any, store: Store, uitleg: Callable[[], Any]) -> None:
    """One bordered line: an undo button and, beside it, what it undoes (`uitleg` draws that)."""
    with st.container(border=True, horizontal=True, vertical_alignment="center", key=key):
        st.button(label, icon=":material/undo:", key=f"{key}_knop", on_click=herstel, args=(store,))
        uitleg()


def undo_balk(store: Store, traject_id: str, prefix: str) -> None:
    """'Undo last delete' for a knelpunt of this traject, with the deleted text shown as plain text; and
    'undo' for the last replacement of personal data."""
    bewaard = st.session_state.get(PRIVACY_UNDO_KEY)
    if bewaard and bewaard[2] == traject_id:
        _terugzet_balk(
            f"{prefix}_pundo",
            "Vervangen ongedaan maken",
            _zet_terug,
            store,
            lambda: st.caption("Zet de tekst terug zoals hij was, met de persoonsgegevens."),
        )
    weg = st.session_state.get(UNDO_KEY)
    if weg is not None and weg.traject_id == traject_id:
        _terugzet_balk(
            f"{prefix}_undo",
            "Verwijderen ongedaan maken",
            _herstel,
            store,
            lambda: st.text(f"Verwijderd: {weg.tekst[:120]}"),  # user text: never markdown
        )


# ---- cards and board -----------------------------------------------------------------------------


def _verplaats(store: Store, knelpunt_id: str, widget_key: str) -> None:
    ui.act(kp.verplaats, store, knelpunt_id, als_gebied(st.session_state[widget_key]), ok="Knelpunt verplaatst.")


def _wijzig(store: Store, knelpunt_id: str, widget_key: str) -> None:
    ui.act(kp.wijzig_tekst, store, knelpunt_id, st.session_state[widget_key], ok="Knelpunt aangepast.")


def kaart_label(k: Any, snap: Snapshot, extra: Sequence[str] = ()) -> str:
    """The card's text as safe markdown: the knelpunt, its author and – when not straight from stap 4 – where
    it came from, each escaped (user text never becomes markdown or HTML); `extra`: lines already made safe."""
    regels = [ui.esc(k.tekst)]
    if k.auteur:
        regels.append(f":gray[— {ui.esc(k.auteur)}]")
    if k.bron_stap != 4 or k.bron_id:
        regels.append(f":gray[{ui.esc(herkomst(snap, k).capitalize())}]")
    gevonden = persoonsgegevens(k, snap)
    if gevonden:  # our own words; the group screen shows this card as "[naam]" …
        regels.append(f"**Let op, persoonsgegevens:** {ui.esc(privacy.samenvatting(gevonden))}")
    regels += extra
    return "\n\n".join(regels)  # one paragraph per line: the text stands on its own


def postit(k: Any, *, store: Store, snap: Snapshot, prefix: str) -> None:
    """One knelpunt as a post-it. The card itself is the button that opens 'Wijzig' (move, edit, delete),
    and those widgets only render while it is open: one element per card keeps a board of many quick."""
    pop = ui.kaart(
        kaart_label(k, snap), key=f"{prefix}_kaart_{k.id}"
    )  # no `help`: with a tooltip Streamlit draws it twice
    if not pop.open:
        return
    with pop:
        mv = f"{prefix}_mv_{k.id}"
        st.selectbox(
            "Verplaats naar",
            GEBIED_OPTIES,
            index=GEBIED_OPTIES.index(k.gebied or analyse.ONGEDEELD),
            format_func=gebied_optie_label,
            key=mv,
            on_change=_verplaats,
            args=(store, k.id, mv),
        )
        tx = f"{prefix}_tx_{k.id}"
        st.text_input(
            "Tekst (Enter bewaart)",
            value=k.tekst,
            key=tx,
            on_change=_wijzig,
            args=(store, k.id, tx),
            max_chars=2000,
        )
        if persoonsgegevens(k, snap):
            st.button(
                "Vervang persoonsgegevens",
                icon=":material/shield_person:",
                key=f"{prefix}_pg_{k.id}",
                help="Maakt van namen, adressen en nummers [naam], [adres] … in de bewaarde tekst.",
                on_click=_pseudonimiseer,
                args=(store, snap, k.id, prefix),
            )
        st.button(
            "Verwijderen",
            icon=":material/delete:",
            key=f"{prefix}_rm_{k.id}",
            on_click=verwijder,
            args=(store, snap, k.id),
        )


def kolom(
    key: str,
    items: Sequence[Any],
    *,
    store: Store,
    snap: Snapshot,
    prefix: str,
    per_kolom: int = PER_KOLOM,
) -> None:
    """One gebied on the board: coloured header with name and count, its questions, its post-its."""
    with st.container(border=True, key=f"{prefix}_kol_{key}"):
        # the questions on the header's (?) – on hover, without a rerun
        st.markdown(f"**{analyse.label(key)}** · {len(items)}", help=vragen(key))
        flag = f"{prefix}_alles_{key}"
        alles = st.session_state.get(flag, False)
        nieuwste_eerst = list(reversed(items))
        zichtbaar = nieuwste_eerst if alles else nieuwste_eerst[:per_kolom]
        for k in zichtbaar:
            postit(k, store=store, snap=snap, prefix=prefix)
        if len(items) > per_kolom:
            st.button(
                f"Toon minder (nieuwste {per_kolom})" if alles else f"Toon alle {len(items)}",
                key=f"{prefix}_alleskn_{key}",
                on_click=ui.wissel,
                args=(flag,),
                type="tertiary",
            )
        if not items:
            st.caption("Nog geen knelpunten.")


def bord(
    knelpunten: Sequence[Any],
    *,
    store: Store,
    snap: Snapshot,
    prefix: str,
    per_rij: int = 4,
) -> None:
    """The seven gebieden plus 'nog niet ingedeeld' as columns of post-its, in the method's order."""
    board_css(prefix)
    st.caption("Klik op een kaart om hem te verplaatsen, de tekst te wijzigen of hem te verwijderen.")
    per_gebied: dict[str, list[Any]] = {key: [] for key in analyse.VOLGORDE}
    for k in knelpunten:
        per_gebied[k.gebied or analyse.ONGEDEELD].append(k)
    keys = list(analyse.VOLGORDE)
    for start in range(0, len(keys), per_rij):
        cols = st.columns(per_rij)
        for col, key in zip(cols, keys[start : start + per_rij], strict=False):
            with col:
                kolom(key, per_gebied[key], store=store, snap=snap, prefix=prefix)


# ---- add form ------------------------------------------------------------------------------------


# ---- "Lijkt op" and proposed gebieden by meaning (issue 17, stap 4) -------------------------------------

PLAN_TOT = 300  # the traject's own knelpunten read in the background after an Enter, up to this many new ones
PLAK_WACHT = 6.0  # seconds "Lees in" waits at most for the vectors of the paste and the board (then: none)


def _taalmodel(store: Store) -> betekenis.Taalmodel | None:
    """The process model, keeping its vectors beside this store; None when it is off or cannot load (the
    hints then simply do not show)."""
    model = betekenis.taalmodel()
    if not model.bruikbaar:
        return None
    model.bewaar_bij(betekenis.naast(store.path))
    return model


def _plan_bord(model: betekenis.Taalmodel, snap: Snapshot, traject_id: str, eerst: Sequence[str] = ()) -> None:
    """Queue `eerst` and (when not too many) the traject's knelpunten without a vector: in the background."""
    teksten = [k.tekst for k in snap.of("knelpunt", traject_id)]
    bord = teksten if model.ontbrekend(teksten) <= PLAN_TOT else []
    model.plan([*eerst, *bord])


def _kort(tekst: str, n: int = 80) -> str:
    tekst = " ".join(str(tekst).split())
    return tekst if len(tekst) <= n else tekst[: n - 1].rstrip() + "…"


def _onthoud_nieuw(store: Store, traject_id: str, prefix: str, k: Any) -> None:
    """After Enter: remember the new knelpunt and queue its vector. Nothing waits here."""
    s = st.session_state
    model = _taalmodel(store)
    if model is None:
        s.pop(f"{prefix}_lijkt", None)
        return
    s[f"{prefix}_lijkt"] = {"traject": traject_id, "id": k.id, "tekst": k.tekst, "gebied": k.gebied}
    model.plan([k.tekst])  # the board is queued on the redraw (its snapshot is read there anyway)


def lijkt_op_regel(store: Store, traject_id: str, prefix: str, snap: Snapshot | None = None) -> str | None:
    """The hint for the knelpunt saved last: "Lijkt op: '…' (Kennis)", "" when nothing is that alike, None
    while its vector is not there yet. Compares only with knelpunten whose vectors are already known."""
    info = st.session_state.get(f"{prefix}_lijkt")
    if not info or info.get("traject") != traject_id:
        return ""
    if "regel" in info:
        return info["regel"]
    model = _taalmodel(store)
    if model is None:
        return ""
    v = model.vector(info["tekst"])
    if v is None:
        return None
    eigen = kp.normaliseer(info["tekst"])
    snap = snap or store.snapshot()
    _plan_bord(model, snap, traject_id)
    bestaand = [
        k
        for k in snap.of("knelpunt", traject_id)
        if k.id != info["id"] and kp.normaliseer(k.tekst) != eigen  # exact twins: kp.dubbele says so already
    ]
    plek, vectoren = model.bekende([k.tekst for k in bestaand])
    gevonden = themas.lijkt_al(v, info["gebied"], [bestaand[i] for i in plek], vectoren) if plek else None
    klaar, totaal = model.voortgang()
    if gevonden is None and klaar < totaal:
        return None  # the board is still being read: look again at the next poll
    regel = f"Lijkt op: '{_kort(gevonden[0].tekst)}' ({methode.gebied_label(gevonden[0].gebied)})" if gevonden else ""
    info["regel"] = regel
    return regel


@st.fragment(run_every=1.0)
def _lijkt_op_wacht(store: Store, traject_id: str, prefix: str) -> None:
    """Polls once a second until the new knelpunt's vector is there, then shows the hint (a fragment: the
    form and the rest of the page are not drawn again; it reads the store's current snapshot)."""
    regel = lijkt_op_regel(store, traject_id, prefix)
    if regel:
        with st.container(key=f"{prefix}_lijkt_op"):
            st.caption(ui.esc(regel))


def _lijkt_op(store: Store, traject_id: str, prefix: str, snap: Snapshot | None) -> None:
    """One calm line under the form; never blocking: a vector that is not there yet is waited for in a
    fragment."""
    regel = lijkt_op_regel(store, traject_id, prefix, snap)
    if regel is None:
        _lijkt_op_wacht(store, traject_id, prefix)
    elif regel:
        with st.container(key=f"{prefix}_lijkt_op"):
            st.caption(ui.esc(regel))


def stel_gebieden_voor(store: Store, traject_id: str, rijen: list[dict[str, Any]]) -> int:
    """Pasted rows without a gebied get a proposed one from the traject's placed knelpunten (nearest by
    meaning, a majority of 3 of 5), pre-filled, with "voorstel" saying so. Waits a few seconds at most for
    the pasted lines' vectors; without the model nothing changes. Returns how many were proposed."""
    zonder = [i for i, r in enumerate(rijen) if r.get("gebied") in (None, "", methode.NIET_INGEDEELD)]
    model = _taalmodel(store) if zonder else None
    if model is None:
        return 0
    snap = store.snapshot()
    geplaatst = [k for k in snap.of("knelpunt", traject_id) if k.gebied]
    if len(geplaatst) < themas.VOORSTEL_BUREN:
        return 0
    teksten = [str(rijen[i]["tekst"]) for i in zonder]
    bord = [k.tekst for k in geplaatst]
    wacht_op = [*teksten, *(bord if model.ontbrekend(bord) <= PLAN_TOT else [])]
    model.vectoren(wacht_op, wacht=True, hoogstens=PLAK_WACHT)  # "Lees in" is a click: a moment is fine
    nieuw = model.bekend(teksten)
    plek, vectoren = model.bekende(bord)
    if nieuw is None or not plek:
        return 0
    voorstellen = themas.gebied_voorstellen(nieuw, [geplaatst[i] for i in plek], vectoren)
    n = 0
    for i, v in zip(zonder, voorstellen, strict=True):
        if v is not None:
            rijen[i]["gebied"] = methode.gebied_label(v.gebied)
            rijen[i]["voorstel"] = f"Voorstel: {v.eens} van de {v.buren} meest gelijke knelpunten staan hier"
            n += 1
    return n


def _voeg_toe(store: Store, traject_id: str, prefix: str, extra: dict[str, Any], lijkt_op: bool = False) -> None:
    s = st.session_state
    tekst = s.get(f"{prefix}_tekst", "")
    gebied = als_gebied(s.get(f"{prefix}_gebied"))
    al = kp.dubbele(store.snapshot(), traject_id, [tekst]).get(0)
    if al is not None:  # not twice on the board: the text comes back so it can be changed
        ui.flash(f"Dit knelpunt staat al op het bord bij {methode.gebied_label(al.gebied)}.", "warning")
        invoer.terugzetten({f"{prefix}_tekst": tekst})
        s[f"{prefix}_focus"] = True
        return
    nieuw = ui.act(kp.voeg_toe, store, traject_id, tekst, gebied, **extra)
    if nieuw is None:
        invoer.terugzetten({f"{prefix}_tekst": tekst})  # the browser emptied the field: the text comes back
        return
    if lijkt_op:
        _onthoud_nieuw(store, traject_id, prefix, nieuw)
    s[f"{prefix}_focus"] = True
    ui.flash(f"Toegevoegd aan {methode.gebied_label(gebied)}.")


# Back to the text field only when the user is not already somewhere else: after Enter or the Toevoegen button.
# A person who has meanwhile opened the gebied list or another field keeps it (a steal closed the list under
# the pointer; the next click then missed its option).
_FOCUS_JS = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const el = doc.querySelector(".st-key-%s input");
  const nu = doc.activeElement;
  const vrij = !nu || nu === doc.body || nu === el || nu.closest("[data-testid='stFormSubmitButton']");
  if (el && vrij) { el.focus(); }
})();
</script>"""


def nieuw_formulier(
    store: Store,
    traject_id: str,
    *,
    prefix: str,
    gebied: str | None = None,
    vast_gebied: bool = False,
    extra: dict[str, Any] | None = None,
    lijkt_op: bool = False,
    snap: Snapshot | None = None,
) -> None:
    """Pick a gebied, type, press Enter: the knelpunt is added and the field is empty again at once.
    `lijkt_op` (stap 4): one line under the form when the new knelpunt looks much like one already there
    (`snap`: this rerun's snapshot, so the hint reads no other).

    The form empties itself in the browser as it is sent (`invoer.formulier`), so the next knelpunt can be
    typed straight away. The gebied is chosen outside the form: it stays on the last one used, and a round
    through one gebied needs no extra clicks. Focus goes back to the text field. `extra` carries
    bijeenkomst_id, groep_id, vraagstuk_id and bron_stap for the new knelpunt.
    """
    gebied_key = f"{prefix}_gebied"
    if vast_gebied:
        st.session_state[gebied_key] = gebied
    else:
        st.session_state.setdefault(gebied_key, gebied or analyse.ONGEDEELD)
    links, rechts = st.columns([3, 7], vertical_alignment="bottom")
    if vast_gebied:
        links.markdown(f"Gebied: **{methode.gebied_label(gebied)}**")
    else:
        links.selectbox("Aandachtsgebied", GEBIED_OPTIES, format_func=gebied_optie_label, key=gebied_key)
    with rechts, invoer.formulier(f"{prefix}_nieuw", traject_id=traject_id):
        c1, c2 = st.columns([6, 1.4], vertical_alignment="bottom")
        c1.text_input(
            "Nieuw knelpunt",
            key=f"{prefix}_tekst",
            placeholder="Typ een knelpunt en druk op Enter",
            max_chars=2000,
        )
        c2.form_submit_button(
            "Toevoegen",
            type="primary",
            on_click=_voeg_toe,
            args=(store, traject_id, prefix, dict(extra or {})),
            kwargs={"lijkt_op": lijkt_op},
        )
    if lijkt_op:
        _lijkt_op(store, traject_id, prefix, snap)
    if st.session_state.pop(f"{prefix}_focus", False):
        # Our own script with our own key: back to the text field for the next knelpunt.
        st.html(_FOCUS_JS % f"{prefix}_tekst", unsafe_allow_javascript=True)


# ---- bulk paste ----------------------------------------------------------------------------------


def _lees_in(store: Store, traject_id: str, prefix: str) -> None:
    s = st.session_state
    tekst = s.get(f"{prefix}_plak", "") or ""
    bestand = s.get(f"{prefix}_bestand")
    if bestand is not None:
        try:
            tekst = chat.decode(bestand.getvalue(), bestand.name)
        except ValueError as exc:
            ui.flash(str(exc), "error")
            return
    rijen = kp.voorbeeld_rijen(tekst)
    if not rijen:
        ui.flash("Er staat geen tekst in. Plak eerst een lijst of een chat.", "warning")
        return
    # Duplicates start unticked (default: skip): pasting the same chat twice adds nothing the second time.
    teksten = [r["tekst"] for r in rijen]
    op_bord = kp.dubbele(store.snapshot(), traject_id, teksten)
    in_lijst = [i for i in kp.dubbel_in_lijst(teksten) if i not in op_bord]
    for i, k in op_bord.items():
        rijen[i].update(bewaren=False, dubbel=f"Staat al bij {methode.gebied_label(k.gebied)}")
    for i in in_lijst:
        rijen[i].update(bewaren=False, dubbel="Staat hoger in de lijst")
    snap = store.snapshot()
    bekend = privacy.bekende_namen(snap, traject_id)
    privacy.vooraf(teksten, bekend=bekend)  # one request for the whole paste
    for rij in rijen:
        rij["persoonsgegevens"] = privacy.samenvatting(privacy.vind(rij["tekst"], bekend=bekend))
    if s.get(f"{prefix}_voorstel_aan"):
        stel_gebieden_voor(store, traject_id, rijen)
    s[f"{prefix}_voorbeeld"] = rijen
    s[f"{prefix}_dubbel"] = {
        "bord": {i: methode.gebied_label(k.gebied) for i, k in sorted(op_bord.items())},
        "lijst": in_lijst,
    }
    s.pop(f"{prefix}_dubbel_aan", None)
    s[f"{prefix}_voorbeeld_nr"] = s.get(f"{prefix}_voorbeeld_nr", 0) + 1
    soort = {"zoom": "een Zoom-chat", "teams": "een Teams-chat", "regels": "een lijst"}[chat.herken(tekst)]
    ui.flash(f"Gelezen als {soort}: {len(rijen)} knelpunten. Kijk ze na en bewaar ze.", "info")


def _editor_key(prefix: str) -> str:
    return f"{prefix}_voorbeeld_editor_{st.session_state.get(f'{prefix}_voorbeeld_nr', 0)}"


def bewerkte_rijen(rijen: list[dict[str, Any]], state: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The preview rows with the editor's edits applied (edited_rows: {row index: {column: value}})."""
    out = [dict(r) for r in rijen]
    for idx, changes in ((state or {}).get("edited_rows") or {}).items():
        i = int(idx)
        if 0 <= i < len(out):
            out[i].update(changes)
    return out


def _dubbele_rijen(prefix: str) -> list[int]:
    """Row numbers (from 0) of the preview rows that were duplicates when read in."""
    dubbel = st.session_state.get(f"{prefix}_dubbel") or {}
    return sorted([*dubbel.get("bord", {}), *dubbel.get("lijst", [])])


def dubbel_melding(rijen: Sequence[dict[str, Any]], dubbel: dict[str, Any], *, max_namen: int = 5) -> str:
    """Which pasted knelpunten are already there, as safe markdown (user text escaped)."""

    def kort(tekst: str) -> str:
        tekst = " ".join(str(tekst).split())
        return ui.esc(tekst if len(tekst) <= 80 else tekst[:79] + "…")

    def namen(items: list[str]) -> str:
        meer = len(items) - max_namen
        return ", ".join(items[:max_namen]) + (f" en nog {meer}" if meer > 0 else "")

    delen = []
    bord = dubbel.get("bord", {})
    if bord:
        items = [f"'{kort(rijen[i]['tekst'])}' ({ui.esc(g)})" for i, g in bord.items()]
        delen.append(f"{len(bord)} {'staat' if len(bord) == 1 else 'staan'} al op het bord: {namen(items)}.")
    lijst = dubbel.get("lijst", [])
    if lijst:
        items = [f"'{kort(rijen[i]['tekst'])}'" for i in lijst]
        delen.append(f"{len(lijst)} {'staat' if len(lijst) == 1 else 'staan'} twee keer in de lijst: {namen(items)}.")
    delen.append("Die zijn uitgevinkt en worden niet bewaard.")
    return "  \n".join(delen)


def _toch_allemaal(prefix: str) -> None:
    """Tick the duplicates again (with the edits so far), in a fresh editor."""
    s = st.session_state
    rijen = bewerkte_rijen(s.get(f"{prefix}_voorbeeld", []), s.get(_editor_key(prefix)))
    for i in _dubbele_rijen(prefix):
        if i < len(rijen):
            rijen[i]["bewaren"] = True
    s[f"{prefix}_voorbeeld"] = rijen
    s[f"{prefix}_dubbel_aan"] = True
    s[f"{prefix}_voorbeeld_nr"] = s.get(f"{prefix}_voorbeeld_nr", 0) + 1


def _bewaar_voorbeeld(store: Store, traject_id: str, prefix: str, extra: dict[str, Any]) -> None:
    s = st.session_state
    rijen = bewerkte_rijen(s.get(f"{prefix}_voorbeeld", []), s.get(_editor_key(prefix)))
    overgeslagen = sum(1 for i in _dubbele_rijen(prefix) if i < len(rijen) and not rijen[i].get("bewaren", True))
    if rijen and overgeslagen == len(rijen):  # everything was there already: nothing new, and that is fine
        ui.flash("Niets bewaard: deze knelpunten stonden al op het bord.", "info")
        _annuleer(prefix)
        return
    vervangen = 0
    if s.get(f"{prefix}_pseudo", True):
        bekend = privacy.bekende_namen(store.snapshot(), traject_id)
        for rij in rijen:
            vondsten = privacy.vind(str(rij.get("tekst") or ""), bekend=bekend)
            if vondsten and rij.get("bewaren", True):
                rij["tekst"] = privacy.pseudonimiseer(str(rij["tekst"]), vondsten)
                vervangen += 1
    rijen = [{k: v for k, v in r.items() if k not in ("persoonsgegevens", "voorstel")} for r in rijen]
    aantal = ui.act(kp.bewaar_rijen, store, traject_id, rijen, **extra)
    if aantal:
        dubbel = f" {overgeslagen} dubbele niet bewaard." if overgeslagen else ""
        pg = f" In {vervangen} zijn persoonsgegevens vervangen door [naam], [adres] …" if vervangen else ""
        ui.flash(f"{aantal} knelpunten bewaard.{dubbel}{pg}")
        _annuleer(prefix)


def _annuleer(prefix: str) -> None:
    s = st.session_state
    s.pop(f"{prefix}_voorbeeld", None)
    s.pop(f"{prefix}_dubbel", None)
    s.pop(f"{prefix}_dubbel_aan", None)
    s.pop(f"{prefix}_pseudo", None)
    s[f"{prefix}_plak"] = ""


def plakken(
    store: Store,
    traject_id: str,
    *,
    prefix: str,
    extra: dict[str, Any] | None = None,
    gebied_voorstel: bool = False,
) -> None:
    """Paste a list or a meeting chat, check the preview (keep, gebied), save everything in one write.

    Knelpunten that are already on the board, or twice in the pasted text, start unticked and are named above
    the table; one click ticks them all again. `gebied_voorstel` (stap 4): lines without a gebied get one
    proposed from the traject's placed knelpunten (column Voorstel), when the language model is there."""
    st.session_state[f"{prefix}_voorstel_aan"] = gebied_voorstel
    rijen = st.session_state.get(f"{prefix}_voorbeeld")
    open_key = f"{prefix}_plak_open"
    if rijen:
        st.session_state[open_key] = True  # a preview to check: show it
    vak = st.expander(
        "Plak een lijst of een chat (Zoom, Teams)",
        key=open_key,
        icon=":material/content_paste:",
        on_change="rerun",  # its fields run only while it is open
    )
    if not vak.open:
        return
    with vak:
        if not rijen:
            st.text_area(
                "Plak hier de tekst",
                key=f"{prefix}_plak",
                height=150,
                placeholder="Eén knelpunt per regel, of plak de chat van Zoom of Teams.",
            )
            st.file_uploader("Of kies een tekstbestand", type=["txt"], key=f"{prefix}_bestand")
            st.button("Lees in", key=f"{prefix}_leesin", on_click=_lees_in, args=(store, traject_id, prefix))
            return
        st.caption(
            "Kijk de regels na. Vink uit wat je niet wilt bewaren en kies eventueel al een gebied. "
            "De schrijver uit de chat blijft bewaard."
        )
        voorgesteld = sum(1 for r in rijen if r.get("voorstel"))
        if voorgesteld:
            st.caption(
                f"Bij {voorgesteld} {'regel' if voorgesteld == 1 else 'regels'} is het gebied een voorstel "
                "(kolom Voorstel): de meeste knelpunten die erop lijken, staan daar. Kies gerust een ander gebied."
            )
        dubbel = st.session_state.get(f"{prefix}_dubbel") or {}
        heeft_dubbel = bool(dubbel.get("bord") or dubbel.get("lijst"))
        if heeft_dubbel and st.session_state.get(f"{prefix}_dubbel_aan"):
            st.info("De dubbele knelpunten zijn weer aangevinkt. Als je bewaart, staan ze twee keer op het bord.")
        elif heeft_dubbel:
            with st.container(key=f"{prefix}_dubbel_vak"):
                st.warning(dubbel_melding(rijen, dubbel), icon=":material/content_copy:")
                st.button("Toch allemaal bewaren", key=f"{prefix}_toch", on_click=_toch_allemaal, args=(prefix,))
        met_pg = [r for r in rijen if r.get("persoonsgegevens")]
        if met_pg:
            with st.container(key=f"{prefix}_pg_vak"):
                st.warning(
                    f"In {len(met_pg)} van de {len(rijen)} regels staan persoonsgegevens "
                    f"({ui.esc(', '.join(dict.fromkeys(w for r in met_pg for w in r['persoonsgegevens'].split(', '))))}). "
                    "Zie de kolom Persoonsgegevens.",
                    icon=":material/shield_person:",
                )
                st.checkbox(
                    "Pseudonimiseer bij opslaan",
                    value=True,
                    key=f"{prefix}_pseudo",
                    help="Namen, adressen en nummers worden [naam], [adres] … in de bewaarde tekst.",
                )
        kolommen = [
            "bewaren",
            "tekst",
            "auteur",
            "gebied",
            *(["dubbel"] if heeft_dubbel else []),
            *(["persoonsgegevens"] if met_pg else []),
            *(["voorstel"] if any(r.get("voorstel") for r in rijen) else []),
        ]
        st.data_editor(
            pd.DataFrame(rijen, columns=kolommen).fillna(
                {k: "" for k in ("dubbel", "persoonsgegevens", "voorstel") if k in kolommen}
            ),
            key=_editor_key(prefix),
            hide_index=True,
            num_rows="fixed",
            column_config={
                "bewaren": st.column_config.CheckboxColumn("Bewaren", default=True, width="small"),
                "tekst": st.column_config.TextColumn("Knelpunt", width="large", required=True, max_chars=2000),
                "auteur": st.column_config.TextColumn("Van", width="small"),
                "gebied": st.column_config.SelectboxColumn(
                    "Aandachtsgebied", options=list(kp.GEBIED_LABELS), required=True, width="medium"
                ),
                "dubbel": st.column_config.TextColumn("Dubbel", width="medium", disabled=True),
                "persoonsgegevens": st.column_config.TextColumn("Persoonsgegevens", width="medium", disabled=True),
                "voorstel": st.column_config.TextColumn(
                    "Voorstel",
                    width="medium",
                    disabled=True,
                    help="Het gebied is een voorstel van de computer: de meeste knelpunten die erop lijken staan "
                    "daar. Kies gerust een ander gebied.",
                ),
            },
        )
        with st.container(horizontal=True):
            st.button(
                "Bewaar de aangevinkte knelpunten",
                type="primary",
                key=f"{prefix}_bewaar",
                on_click=_bewaar_voorbeeld,
                args=(store, traject_id, prefix, dict(extra or {})),
            )
            st.button("Annuleren", key=f"{prefix}_annuleer", on_click=_annuleer, args=(prefix,))


# ---- counts --------------------------------------------------------------------------------------


def telling_tabel(telling: pd.DataFrame, per_groep: pd.DataFrame | None, start: str | None) -> pd.DataFrame:
    """The chart's numbers as a table: gebied, count, per groep, and where stap 5 starts."""
    tabel = pd.DataFrame({"Aandachtsgebied": telling["gebied"], "Knelpunten": telling["aantal"]})
    if per_groep is not None and per_groep.shape[1] > 1:
        for groep in per_groep.columns:  # group names are user text and st.table renders markdown: escaped
            tabel[ui.esc(str(groep))] = per_groep[groep].reindex(telling.index, fill_value=0)
    tabel["Stap 5"] = ["start hier" if k == start else "" for k in telling.index]
    return tabel.reset_index(drop=True)


def frame(snap: Snapshot, traject_id: str) -> pd.DataFrame:
    """The traject's knelpunten as a frame, built once per store revision (shared: read, never change)."""
    return snap.memo((analyse.knelpunten_frame, traject_id), lambda: analyse.knelpunten_frame(snap, traject_id))


def telling_blok(
    snap: Snapshot, traject_id: str, *, prefix: str, titel: str = "Knelpunten per aandachtsgebied"
) -> str | None:
    """The count chart (stacked by groep when there are groups) with its table beside it.

    Returns the suggested gebied for stap 5 (None while nothing is placed). Counts, chart and table are
    built once per store revision: a click elsewhere on the page does not count 1,000 knelpunten again.
    """

    def bouw() -> tuple[Any, Any, str | None]:
        df = frame(snap, traject_id)
        telling = analyse.tel_per_gebied(df)
        per_groep = analyse.tel_per_gebied_en_groep(df) if analyse.heeft_groepen(df) else None
        start = analyse.voorgesteld_gebied(telling)
        fig = charts.knelpunten_per_gebied(telling, per_groep=per_groep, start=start, titel=titel)
        return fig, ui.als_arrow(telling_tabel(telling, per_groep, start)), start

    fig, tabel, start = snap.memo((telling_blok, traject_id, titel), bouw)
    links, rechts = st.columns([3, 2])
    with links:
        st.plotly_chart(fig, key=f"{prefix}_grafiek", config={"displayModeBar": False})
    with rechts:
        st.markdown("**De getallen als tabel**")
        st.table(tabel, hide_index=True)
    return start

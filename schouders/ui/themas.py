"""The Analyse themadag page's themes: on meaning when the language model is there, on words until then,
the suggestions ("lijkt op", themes that may belong together) and one-step undo of every choice by hand.

Only the Analyse page uses this module. The model loads and embeds in the background
(schouders/betekenis.py): the page never waits for it, shows the themes on words meanwhile, a progress bar
while the knelpunten are read, and reruns itself once the vectors are there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from schouders import betekenis, themas
from schouders.ui import common as ui

AUTOMATISCH_TOT = 300  # up to this many new texts the model reads them at once (~15 s); above: on request
SEC_PER_TEKST = 0.05  # measured: multilingual-e5-small 4-bit, one core, a knelpunt of ~15 words
ONGEDAAN = "an_ongedaan"  # session key: (previous choices, what was done)
OP_VERZOEK = "an_betekenis_gevraagd"  # session key: traject ids whose large set the facilitator asked for


@dataclass(frozen=True)
class Themabeeld:
    """What the page needs for the themes of one rerun."""

    indeling: themas.Indeling
    knelpunten: list[Any]
    vectoren: np.ndarray | None
    melding: str  # "" on meaning; else why the themes are on words
    bezig: bool  # the model is loading or reading knelpunten: a progress bar and a rerun follow
    ontbrekend: int  # texts without a vector yet (for the "read them now" button on a large set)


def themabeeld(ctx: ui.Context) -> Themabeeld:
    """The themes of the traject for this rerun: cached per store revision and per state of the model."""
    snap, tid = ctx.snap, ctx.tid
    knelpunten = snap.memo((themas.knelpunten_voor_themas, tid), lambda: themas.knelpunten_voor_themas(snap, tid))
    teksten = [k.tekst for k in knelpunten]
    model = betekenis.taalmodel()
    pad = ctx.store.path
    model.bewaar_bij(betekenis.naast(pad))  # beside the store; ignored by git like it
    ontbrekend = model.ontbrekend(teksten) if model.bruikbaar else 0
    plannen = ontbrekend <= AUTOMATISCH_TOT or tid in st.session_state.get(OP_VERZOEK, set())
    if plannen and ontbrekend:
        model.plan(teksten)
    # the same rule as the export ("Opbrengst themadag"): meaning once every vector is there, else words
    vectoren = themas.vectoren_voor(knelpunten, themas.AUTO, model=model)
    melding = model.melding()
    if vectoren is None and not melding and not plannen:
        melding = (
            f"Thema's op woorden: het taalmodel heeft deze {ontbrekend} knelpunten nog niet gelezen "
            f"(duurt ongeveer {_duur(ontbrekend)})."
        )
    op_betekenis = vectoren is not None
    ind = snap.memo(
        ("an_indeling", tid, op_betekenis),
        lambda: themas.indeling(snap, tid, vectoren=vectoren),  # rows of `vectoren` follow knelpunten_voor_themas
    )
    bezig = vectoren is None and model.bruikbaar and plannen
    return Themabeeld(ind, knelpunten, vectoren, melding, bezig, ontbrekend)


def _duur(n: int) -> str:
    sec = max(1, round(n * SEC_PER_TEKST))
    return f"{sec} seconden" if sec < 90 else f"{round(sec / 60)} minuten"


def status(beeld: Themabeeld, tid: str) -> None:
    """Where the themes are shown: on what they are made, a progress bar while the model works."""
    if beeld.melding:
        st.caption(ui.esc(beeld.melding))
        if beeld.ontbrekend > AUTOMATISCH_TOT and betekenis.taalmodel().bruikbaar:

            def _vraag() -> None:
                st.session_state.setdefault(OP_VERZOEK, set()).add(tid)

            st.button("Thema's op betekenis zoeken", key="an_betekenis_start", on_click=_vraag)
    elif beeld.bezig:
        _voortgang()
    else:
        st.caption("Thema's op betekenis: het taalmodel draait op deze computer; er gaat niets het internet op.")


@st.fragment(run_every=1.0)
def _voortgang() -> None:
    """Polls the background model once a second; reruns the page when the vectors are there."""
    model = betekenis.taalmodel()
    if model.status != betekenis.LADEN and not model.voortgang()[1]:
        st.rerun(scope="app")
    klaar, totaal = model.voortgang()
    if model.status == betekenis.LADEN:
        st.progress(0.0, text="Het taalmodel wordt geladen… Tot het klaar is, staan de thema's op woorden.")
    else:
        st.progress(
            klaar / totaal if totaal else 1.0,
            text=f"Het taalmodel leest de knelpunten: {klaar} van {totaal}. Tot het klaar is, staan de thema's op woorden.",
        )


# ---- choices by hand, each undoable -------------------------------------------------------------------


def doe(fn: Callable[..., Any], store: Any, tid: str, *args: Any, wat: str, ok: str | None = None) -> Any:
    """Run one choice by hand (merge, split, rename, move); remember the choices before it for "ongedaan"."""
    vorige = themas.stand(store.snapshot(), tid)
    uitkomst = ui.act(fn, store, tid, *args, ok=ok)
    if uitkomst is not None:
        st.session_state[ONGEDAAN] = (tid, vorige, wat)
    return uitkomst


def ongedaan_knop(store: Any, tid: str) -> None:
    """One button that puts the choices by hand back to before the last action."""
    bewaard = st.session_state.get(ONGEDAAN)
    if not bewaard or bewaard[0] != tid:
        return

    def _herstel() -> None:
        _, vorige, wat = st.session_state.pop(ONGEDAAN)
        if ui.act(themas.herstel, store, tid, vorige) is not None:
            ui.flash(f"Ongedaan gemaakt: {wat}.")

    st.caption("Laatste aanpassing: " + ui.esc(bewaard[2]))
    st.button("Ongedaan maken", key="an_ongedaan_knop", on_click=_herstel, icon=":material/undo:")


# ---- suggestions --------------------------------------------------------------------------------------


def suggesties(beeld: Themabeeld, store: Any, tid: str, groep_namen: dict[str, str], snap: Any) -> None:
    """Themes that may belong together (merge in one click) and, per knelpunt, what looks like it at other
    tables (move in one click)."""
    ind, kps = beeld.indeling, beeld.knelpunten
    per_id = {k.id: k for k in kps}
    voorstellen = snap.memo(
        ("an_samenvoegvoorstellen", tid, beeld.vectoren is not None),
        lambda: themas.samenvoegvoorstellen(ind, kps, beeld.vectoren, n=5),
    )
    st.markdown("**Thema's die misschien bij elkaar horen**")
    if not voorstellen:
        st.caption("Geen voorstellen: er zijn minder dan twee terugkerende thema's.")
    for n, v in enumerate(voorstellen):
        a, b = ind.get(v.a), ind.get(v.b)
        if a is None or b is None:
            continue
        links, rechts = st.columns([5, 1], vertical_alignment="center")
        links.text(f"{a.label} ({_groepen(a, groep_namen)})  +  {b.label} ({_groepen(b, groep_namen)})")
        rechts.button(
            "Samenvoegen",
            key=f"an_voorstel_{n}_{v.a}_{v.b}",
            on_click=lambda a=a, b=b: doe(
                themas.voeg_samen,
                store,
                tid,
                [a, b],
                wat=f"'{a.label}' en '{b.label}' samengevoegd",
                ok="Samengevoegd.",
            ),
        )

    st.markdown("**Lijkt op: knelpunten uit andere groepen**")
    lijkt = snap.memo(("an_lijkt_op", tid, beeld.vectoren is not None), lambda: themas.lijkt_op(kps, beeld.vectoren))
    if not lijkt:
        st.caption("Geen knelpunt lijkt sterk op een knelpunt uit een andere groep.")
        return
    keuzes = [k.id for k in kps if k.id in lijkt]
    gekozen_id = ui.vaste_keuze(
        st.selectbox,
        "Knelpunt",
        keuzes,
        key="an_lijkt_knelpunt",
        standaard=keuzes[0],
        format_func=lambda i: f"{per_id[i].tekst[:90]} ({groep_namen.get(per_id[i].groep_id or '', 'zonder groep')})",
    )
    if gekozen_id not in per_id:
        return
    doel = ind.get(ind.per_knelpunt.get(gekozen_id))
    if doel is not None:
        st.caption("Staat nu in het thema: " + ui.esc(doel.label))
    for x in lijkt.get(gekozen_id, ()):
        ander = per_id.get(x.knelpunt_id)
        if ander is None:
            continue
        zijn = ind.get(ind.per_knelpunt.get(ander.id))
        samen = doel is not None and zijn is not None and zijn.key == doel.key
        links, rechts = st.columns([5, 1], vertical_alignment="center")
        links.text(
            f"{ander.tekst}  ({groep_namen.get(ander.groep_id or '', 'zonder groep')}"
            f" · thema: {zijn.label if zijn else '–'})"
        )
        if doel is not None:
            rechts.button(
                "Al samen" if samen else "Bij dit thema",
                key=f"an_verplaats_{gekozen_id}_{ander.id}",
                disabled=samen,
                help="Zet dit knelpunt in hetzelfde thema als het gekozen knelpunt.",
                on_click=lambda ander=ander, doel=doel: doe(
                    themas.verplaats,
                    store,
                    tid,
                    ander.id,
                    doel,
                    wat=f"knelpunt verplaatst naar '{doel.label}'",
                    ok="Verplaatst naar het thema.",
                ),
            )


def _groepen(t: themas.Thema, groep_namen: dict[str, str]) -> str:
    plek = {g: i for i, g in enumerate(groep_namen)}
    namen = [groep_namen.get(g, g) for g in sorted(t.groep_ids, key=lambda g: plek.get(g, len(plek)))]
    return ", ".join(namen) if namen else "zonder groep"

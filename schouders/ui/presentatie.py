"""Presentatiemodus: what the group sees on the shared screen – large, calm, read-only.

One switch in the sidebar (session state key "presentatie"). When it is on, `ui.page()` shows the current
step's board from here instead of the page's editing controls, and stops. Nothing in session state is
touched, so switching back shows the page as it was. The CSS below is our own constant text; every user
string in the boards is escaped with `html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from schouders import methode, privacy
from schouders.trajecten import huidig_doel, werkvraagstuk
from schouders.ui import timer as timer_ui
from schouders.ui.common import PRESENTATIE_KEY as KEY
from schouders.ui.common import Context, esc

MAX_KAARTEN = 40  # per column; the rest is counted, so a board of 1,000 knelpunten stays legible and fast
SUCCES_KLEUR = "#009E73"  # Okabe–Ito green / vermillion: apart for the common kinds of colour blindness
VERBETER_KLEUR = "#D55E00"
NEUTRAAL_KLEUR = "#57606A"

# Our own constant CSS: hide the sidebar and the app chrome, enlarge text, style the boards.
CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem 3rem 3rem !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.45rem; line-height: 1.5; }
[data-testid="stMain"] h1 { font-size: 2.8rem !important; }
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] p {
  font-size: 3.4rem !important; line-height: 1.15 !important; font-variant-numeric: tabular-nums; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
[data-testid="stMain"] [data-testid="stText"], [data-testid="stMain"] [data-testid="stText"] * {
  font-size: 1.6rem !important; line-height: 1.45 !important; font-family: inherit !important; }
.sch-groot { font-size: 2rem; line-height: 1.4; color: #1F2328; white-space: pre-wrap; margin: 0 0 1rem 0; }
</style>
"""

BORD_CSS = """
<style>
.sch-bord { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: 1rem; }
.sch-bord.sch-twee { grid-template-columns: repeat(auto-fill, minmax(28rem, 1fr)); }
.sch-kolom { border: 1px solid #D0D7DE; border-top: 0.7rem solid var(--k); border-radius: 0.5rem;
  padding: 0.6rem 0.8rem; background: #FFFFFF; color: #1F2328; }
.sch-kolom h2 { font-size: 1.45rem; margin: 0 0 0.4rem 0; padding: 0; color: #1F2328; font-weight: 700; }
.sch-aantal { font-weight: 400; color: #3D444D; font-size: 1.1rem; }
.sch-kolom ul { margin: 0; padding: 0; }
.sch-kaart { list-style: none; background: #F6F8FA; border-left: 0.45rem solid var(--k); border-radius: 0.3rem;
  padding: 0.45rem 0.7rem; margin: 0.45rem 0; font-size: 1.3rem; line-height: 1.35; white-space: pre-wrap;
  overflow-wrap: break-word; hyphens: auto; -webkit-hyphens: auto; color: #1F2328; }
.sch-kolom h2, .sch-groot { overflow-wrap: break-word; hyphens: auto; -webkit-hyphens: auto; }
.sch-sub { display: block; font-size: 1rem; color: #3D444D; margin-top: 0.2rem; }
.sch-leeg { color: #3D444D; font-style: italic; font-size: 1.1rem; }
.sch-klein .sch-kaart { font-size: 1.05rem; }
.sch-klein .sch-kolom h2 { font-size: 1.15rem; }
.sch-legenda { min-width: 0; }
.sch-legenda .sch-kaart { font-size: 1.15rem; padding: 0.3rem 0.6rem; margin: 0.3rem 0; }
.sch-nr { font-weight: 700; font-variant-numeric: tabular-nums; margin-right: 0.45rem; }
</style>
"""


@dataclass(frozen=True)
class Kaart:
    tekst: str
    sub: str = ""


@dataclass(frozen=True)
class Kolom:
    titel: str
    kleur: str
    kaarten: Sequence[Kaart]
    eenheid: str = ""  # "knelpunten", "acties" …: shown next to the count


def aan() -> bool:
    return bool(st.session_state.get(KEY, False))


def verlaat() -> None:
    st.session_state[KEY] = False


def bord_html(kolommen: Iterable[Kolom], *, breed: bool = False, klein: bool = False, leeg: str = "Nog niets.") -> str:
    """Columns of cards as HTML; every user string escaped, colours only as an extra cue next to the title."""
    delen = []
    for k in kolommen:
        n = len(k.kaarten)
        items = []
        for kaart in list(k.kaarten)[:MAX_KAARTEN]:
            sub = f'<span class="sch-sub">{html.escape(kaart.sub)}</span>' if kaart.sub else ""
            items.append(f'<li class="sch-kaart">{html.escape(kaart.tekst)}{sub}</li>')
        if n > MAX_KAARTEN:
            items.append(f'<li class="sch-kaart">… en nog {n - MAX_KAARTEN}</li>')
        lijst = f"<ul>{''.join(items)}</ul>" if items else f'<p class="sch-leeg">{html.escape(leeg)}</p>'
        eenheid = f" {html.escape(k.eenheid)}" if k.eenheid else ""
        delen.append(
            f'<section class="sch-kolom" style="--k:{html.escape(k.kleur)}">'
            f'<h2>{html.escape(k.titel)} <span class="sch-aantal">· {n}{eenheid}</span></h2>{lijst}</section>'
        )
    klassen = "sch-bord" + (" sch-twee" if breed else "") + (" sch-klein" if klein else "")
    return f'<div class="{klassen}">{"".join(delen)}</div>'


def toon_bord(kolommen: Iterable[Kolom], **kwargs: Any) -> None:
    st.html(BORD_CSS)
    st.html(bord_html(kolommen, **kwargs))


# ---- the views ----------------------------------------------------------------------------------------


def _deelnemer(ctx: Context) -> str | None:
    try:
        from schouders.ui import scope

        return scope.gekozen_deelnemer(ctx)
    except Exception:  # the leernetwerk scope is optional here: all items of the traject otherwise
        return None


def _in_scope(ctx: Context, items: Iterable[Any]) -> list[Any]:
    did = _deelnemer(ctx)
    if did is None:
        return list(items)
    from schouders import ontdekken

    return ontdekken.in_scope(items, ctx.snap, ctx.tid, did)


def _groot(tekst: str) -> None:
    st.html(f'<p class="sch-groot">{html.escape(tekst)}</p>')


def _vraag_en_doel(ctx: Context) -> None:
    vraag = werkvraagstuk(ctx.snap, ctx.tid, _deelnemer(ctx))
    doel = huidig_doel(ctx.snap, ctx.tid, vraag.id if vraag else None) or (
        None if vraag else huidig_doel(ctx.snap, ctx.tid)
    )
    links, rechts = st.columns(2, gap="large")
    with links:
        st.subheader("Vraagstuk", anchor=False)
        _groot(vraag.tekst if vraag else "Nog niet beschreven (stap 1).")
    with rechts:
        st.subheader("Doel", anchor=False)
        _groot(doel.tekst if doel else "Nog niet bepaald (stap 3).")


def _stap1(ctx: Context) -> None:
    _vraag_en_doel(ctx)
    vraag = werkvraagstuk(ctx.snap, ctx.tid, _deelnemer(ctx))
    if vraag is not None:
        kleiner = [v for v in ctx.snap.of("vraagstuk", ctx.tid) if v.parent_id == vraag.id]
        if kleiner:
            st.subheader("Kleinere vragen", anchor=False)
            toon_bord([Kolom("Kleinere vragen", NEUTRAAL_KLEUR, [Kaart(v.tekst) for v in kleiner])], breed=True)


def _stap2(ctx: Context) -> None:
    from schouders import ontdekken

    weg = ontdekken.geparkeerde_punten(ctx.snap, ctx.tid)  # moved to the parkeerplaats: no longer a punt
    punten = sorted(
        (p for p in _in_scope(ctx, ctx.snap.of("quickscanpunt", ctx.tid)) if p.id not in weg),
        key=lambda p: p.aangemaakt,
    )
    kleuren = {"succes": SUCCES_KLEUR, "verbeter": VERBETER_KLEUR}
    kolommen = [
        Kolom(label, kleuren.get(soort, NEUTRAAL_KLEUR), [Kaart(p.tekst) for p in punten if p.soort == soort])
        for soort, label in methode.QUICKSCAN_SOORTEN
    ]
    toon_bord(kolommen, breed=True)
    geparkeerd = [o for o in _in_scope(ctx, ctx.snap.of("oplossing", ctx.tid)) if not o.opgepakt]
    if geparkeerd:
        n = len(geparkeerd)
        st.caption(f"Op de parkeerplaats: {n} {'oplossing' if n == 1 else 'oplossingen'} voor stap 6.")


def _stap3(ctx: Context) -> None:
    _vraag_en_doel(ctx)
    vraag = werkvraagstuk(ctx.snap, ctx.tid, _deelnemer(ctx))
    doel = huidig_doel(ctx.snap, ctx.tid, vraag.id if vraag else None)
    if doel is None:
        return
    statussen = dict(methode.SMART_STATUSSEN)
    kaarten = []
    for letter, naam, _vraag in methode.SMART:
        check = doel.smart.get(letter, {})
        status = statussen.get(check.get("status", "onduidelijk"), "")
        kaarten.append(Kaart(f"{letter} · {naam}: {status.lower()}", check.get("notitie", "")))
    toon_bord([Kolom("SMART", NEUTRAAL_KLEUR, kaarten)], breed=True)


def _knelpunten(ctx: Context) -> list[Any]:
    return sorted(_in_scope(ctx, ctx.snap.of("knelpunt", ctx.tid)), key=lambda k: (k.aangemaakt, k.id))


def _gebied_kolommen(knelpunten: list[Any], *, verdieping: bool) -> list[Kolom]:
    per: dict[str | None, list[Any]] = {}
    for k in knelpunten:
        per.setdefault(k.gebied, []).append(k)
    keys: list[str | None] = [*methode.GEBIED_KEYS, None]
    if verdieping:  # stap 5 starts with the gebied with the most knelpunten
        keys.sort(key=lambda g: (g is None, -len(per.get(g, []))))
    kolommen = []
    for g in keys:
        items = per.get(g, [])
        if g is None and not items:
            continue
        kaarten = []
        for k in items:
            sub = []
            if verdieping and k.toelichting:
                sub.append(k.toelichting)
            if verdieping and k.gerelateerde_gebieden:
                sub.append("Hangt samen met: " + ", ".join(methode.gebied_label(r) for r in k.gerelateerde_gebieden))
            kaarten.append(Kaart(k.tekst, " · ".join(sub)))
        kolommen.append(Kolom(methode.gebied_label(g), methode.gebied_kleur(g), kaarten, "knelpunten"))
    return kolommen


def _stap4(ctx: Context) -> None:
    toon_bord(_gebied_kolommen(_knelpunten(ctx), verdieping=False))


def _stap5(ctx: Context) -> None:
    knelpunten = _knelpunten(ctx)
    gekozen = ctx.traject.verdieping_gebieden if ctx.traject is not None else ()
    if gekozen:
        knelpunten = [k for k in knelpunten if k.gebied in gekozen]
    toon_bord(_gebied_kolommen(knelpunten, verdieping=True))


def _stap6(ctx: Context) -> None:
    """The matrix with numbered dots and, beside it, the numbered knelpunten; below, the quadrants as lists."""
    from schouders import matrix, prioriteren

    knelpunten = _knelpunten(ctx)
    indeling = prioriteren.indeling(knelpunten)
    if any(indeling.values()):
        fig = matrix.matrix_figuur(knelpunten, hoogte=620, nummer_grootte=20)
        fig.update_layout(font={"size": 18}, dragmode=False)
        # the builder sets the axes' fonts itself: make them readable on a shared screen too
        fig.update_xaxes(tickfont={"size": 16}, title_font={"size": 18})
        fig.update_yaxes(tickfont={"size": 16}, title_font={"size": 18})
        legenda = matrix.matrix_legenda(knelpunten)
        kleur = {methode.gebied_label(g): methode.gebied_kleur(g) for g in (*methode.GEBIED_KEYS, None)}
        items = [
            f'<li class="sch-kaart" style="--k:{html.escape(kleur.get(gebied, NEUTRAAL_KLEUR))}">'
            f'<span class="sch-nr">{nr}</span>{html.escape(tekst)}<span class="sch-sub">{html.escape(gebied)}</span></li>'
            for nr, tekst, gebied in legenda[:MAX_KAARTEN]
        ]
        if len(legenda) > MAX_KAARTEN:
            items.append(
                f'<li class="sch-kaart">… en nog {len(legenda) - MAX_KAARTEN} (nummers {MAX_KAARTEN + 1}–{len(legenda)})</li>'
            )
        links, rechts = st.columns([2, 1], gap="large")
        with links:
            st.plotly_chart(fig, config={"displayModeBar": False, "staticPlot": True}, key="pr_matrix")
        with rechts:
            st.html(BORD_CSS)
            st.html(
                f'<section class="sch-kolom sch-legenda" style="--k:{NEUTRAAL_KLEUR}">'
                f'<h2>Nummers in de matrix <span class="sch-aantal">· {len(legenda)}</span></h2>'
                f"<ul>{''.join(items)}</ul></section>"
            )
        st.caption("Dezelfde indeling als lijst:")
    kleuren = {"eerst_doen": "#009E73", "langere_adem": "#0072B2", "quick_win": "#E69F00", "later": NEUTRAAL_KLEUR}
    kolommen = [
        Kolom(
            f"{q.label} – {q.uitleg}",
            kleuren.get(q.key, NEUTRAAL_KLEUR),
            [
                Kaart(k.tekst, f"{methode.gebied_label(k.gebied)} · belang {k.belang} · quick win {k.quick_win}")
                for k in indeling[q.key]
            ],
            "knelpunten",
        )
        for q in prioriteren.KWADRANTEN
    ]
    toon_bord(kolommen, breed=True, leeg="Hier staat nog geen knelpunt.")


def _actiebord(ctx: Context) -> None:
    from schouders import uitvoering

    vraag = werkvraagstuk(ctx.snap, ctx.tid, _deelnemer(ctx)) if _deelnemer(ctx) else None
    bord = uitvoering.bord(ctx.snap, ctx.tid, date.today(), vraag.id if vraag else None)
    kleuren = {"gepland": "#0072B2", "bezig": "#E69F00", "klaar": "#009E73", "gestopt": NEUTRAAL_KLEUR}
    kolommen = []
    for key, label in methode.ACTIE_STATUSSEN:
        kaarten = [
            Kaart(c.actie.wat, " · ".join(x for x in (c.eigenaar, c.deadline, "te laat" if c.te_laat else "") if x))
            for c in bord.get(key, [])
        ]
        kolommen.append(Kolom(label, kleuren.get(key, NEUTRAAL_KLEUR), kaarten, "acties"))
    toon_bord(kolommen)


VIEWS: dict[int, Callable[[Context], None]] = {
    1: _stap1,
    2: _stap2,
    3: _stap3,
    4: _stap4,
    5: _stap5,
    6: _stap6,
    7: _actiebord,
    8: _actiebord,
}


def timer_sleutel(stap: int | None) -> tuple[str, str]:
    """(session key, title) of the timer that belongs to a step, or the general one."""
    if stap is None:
        return "algemeen", "Timer"
    return f"stap{stap}", f"Tijd voor stap {stap}"


def toon(
    ctx: Context,
    *,
    stap: int | None = None,
    title: str | None = None,
    view: Callable[[Context], None] | None = None,
) -> None:
    """The whole presentation view of a page: header, exit button, timer and the step's board – without
    personal data ("[naam]", "[adres]"), because the group sees it."""
    if ctx.traject is not None:
        ctx = Context(ctx.store, privacy.voor_de_groep(ctx.snap, ctx.tid), ctx.traject)
    st.html(CSS)
    kop, zijkant = st.columns([3, 1], gap="large")
    with zijkant:
        st.button(
            "Presentatie verlaten",
            key="pr_verlaat",
            icon=":material/close_fullscreen:",
            on_click=verlaat,
            type="primary",
            width="stretch",
        )
        sleutel, titel = timer_sleutel(stap)
        timer_ui.toon(sleutel, titel, instellen=False)
    with kop:
        if stap is not None:
            s = methode.stap(stap)
            st.title(f"Stap {s.nummer} · {s.naam}", anchor=False)
            st.markdown(esc(s.doel))
            if s.prompts:
                st.markdown("\n".join(f"- {esc(p)}" for p in s.prompts[:3]))
        else:
            st.title(title or "Schouders", anchor=False)
        if ctx.traject is not None:
            st.caption(esc(ctx.traject.naam))
    if view is not None:
        view(ctx)
        return
    if ctx.traject is None:
        st.info("Er is nog geen traject gekozen.")
        return
    VIEWS.get(stap or 0, _vraag_en_doel)(ctx)

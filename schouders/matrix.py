"""The priority × quick-win matrix of stap 6 as a plotly figure (pure: knelpunten in, go.Figure out).

Scores are whole numbers, so many knelpunten share a spot. Points are therefore aggregated per
(gebied, quick win, belang): one marker per group, its size grows with the count and the count is
written in it. Groups of different gebieden on the same spot are spread on a small circle around it
(a fixed order, so nothing jumps between reruns) instead of lying on top of each other. One trace per
gebied keeps the figure small and fast, also for 1,000 knelpunten.

On a shared screen nobody hovers: every knelpunt gets a number (`matrix_legenda`), and every marker carries the
numbers of its knelpunten as text beside it ("4", "4, 5", "4–9"). The numbering runs quadrant by quadrant (eerst
doen first), high scores first, then gebied and votes, so the knelpunten of one marker always have consecutive
numbers and the list beside the chart reads like the quadrant tables.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from schouders import methode
from schouders.charts import figuur
from schouders.model import Knelpunt
from schouders.prioriteren import (
    EERST_DOEN,
    GRENS,
    KWADRANTEN,
    LANGERE_ADEM,
    LATER,
    QUICK_WIN,
    Kwadrant,
    gebied_volgorde,
    kwadrant_van,
)

AS_MIN = methode.SCORE_MIN - 0.5
AS_MAX = methode.SCORE_MAX + 0.5
X_TITEL = "Quick win: kunnen we nu beginnen? →"
Y_TITEL = "Belang voor het vraagstuk →"
LEGENDA_TITEL = "Aandachtsgebied"
LEEG_TEKST = "Nog geen oplosbare knelpunten met een score voor belang én quick win."
MAX_HOVER_REGELS = 8
HOVER_TEKST_MAX = 90
HOVER_BREEDTE = 48  # characters per hover line: long knelpunten wrap at word boundaries
NUMMER_GROOTTE = 16  # px, the numbers beside the markers: readable at 1280×720 on a shared screen
NUMMER_KLEUR = "#1F2328"
OFFSET = 0.27  # radius of the circle on which gebieden sharing a spot are spread, in score units
ID_SEP = " "
MATRIX_KOLOMMEN = ("gebied", "quick_win", "belang", "aantal", "ids", "teksten", "stemmen", "nummers")

# Gebieden in the method's order, "nog niet ingedeeld" last: the order of the traces and the legend.
_GEBIED_ORDE: tuple[str | None, ...] = (*methode.GEBIED_KEYS, None)
_KWADRANT_KLEUR = {
    EERST_DOEN.key: "rgba(0, 158, 115, 0.10)",
    LANGERE_ADEM.key: "rgba(0, 114, 178, 0.08)",
    QUICK_WIN.key: "rgba(230, 159, 0, 0.10)",
    LATER.key: "rgba(127, 127, 127, 0.07)",
}


def _offsets(groepen: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int, int], tuple[float, float]]:
    """Per (gebied, quick_win, belang): where its marker sits relative to the grid point.

    A gebied alone on a spot sits exactly on it; several gebieden on one spot are spread evenly on a small
    circle, in the method's gebied order, so the picture is the same on every rerun.
    """
    per_plek: dict[tuple[int, int], list[str]] = {}
    for r in groepen:
        per_plek.setdefault((int(r["quick_win"]), int(r["belang"])), []).append(r["gebied"])
    out: dict[tuple[str, int, int], tuple[float, float]] = {}
    for (qw, b), gebieden in per_plek.items():
        gebieden.sort(key=lambda g: gebied_volgorde(g or None))
        n = len(gebieden)
        straal = 0.0 if n == 1 else (OFFSET if n > 3 else OFFSET * 0.8)
        for i, g in enumerate(gebieden):
            hoek = math.pi / 2 + 2 * math.pi * i / n
            out[(g, qw, b)] = (straal * math.cos(hoek), straal * math.sin(hoek))
    return out


def _kort(tekst: str) -> str:
    """At most HOVER_TEKST_MAX characters, cut after a whole word where there is one in the second half."""
    tekst = " ".join(tekst.split())
    if len(tekst) > HOVER_TEKST_MAX:
        kort = tekst[: HOVER_TEKST_MAX - 1]
        spatie = kort.rfind(" ")
        tekst = (kort[:spatie] if spatie > HOVER_TEKST_MAX // 2 else kort).rstrip() + "…"
    return tekst


def _afgebroken(tekst: str, breedte: int = HOVER_BREEDTE) -> str:
    """User text as plotly text: escaped (plotly renders a few HTML tags, links too) and wrapped with <br> at
    word boundaries; a word longer than a line stays whole rather than being cut."""
    regels: list[str] = []
    regel = ""
    for woord in tekst.split():  # greedy, like textwrap.wrap without cutting words, at a tenth of its cost
        if regel and len(regel) + 1 + len(woord) > breedte:
            regels.append(regel)
            regel = woord
        else:
            regel = f"{regel} {woord}" if regel else woord
    regels.append(regel)
    return "<br>".join(html.escape(r, quote=False) for r in regels)


def _prioriteit(k: Knelpunt) -> tuple[Any, ...]:
    q = kwadrant_van(k)
    assert q is not None
    return (
        KWADRANTEN.index(q),
        -int(k.belang),  # type: ignore[arg-type]
        -int(k.quick_win),  # type: ignore[arg-type]
        gebied_volgorde(k.gebied),
        -k.stemmen,
        k.aangemaakt,
        k.id,
    )


def _genummerd(knelpunten: Iterable[Knelpunt]) -> list[tuple[int, Knelpunt]]:
    """The knelpunten in the matrix with their numbers (from 1), in the order the numbers run."""
    in_matrix = sorted((k for k in knelpunten if kwadrant_van(k) is not None), key=_prioriteit)
    return list(enumerate(in_matrix, start=1))


def matrix_legenda(knelpunten: Iterable[Knelpunt]) -> list[tuple[int, str, str]]:
    """(number, knelpunt text, gebied label) for every knelpunt in the matrix: the numbers on its markers.

    Quadrant by quadrant (eerst doen, langere adem, quick win, later), high belang and quick win first, then the
    method's gebied order, most votes, oldest: the same input in any order gives the same numbers.
    """
    return [(nr, k.tekst, methode.gebied_label(k.gebied)) for nr, k in _genummerd(knelpunten)]


def matrix_nummers(knelpunten: Iterable[Knelpunt]) -> dict[str, int]:
    """Knelpunt id → its number in the matrix (as in `matrix_legenda`); knelpunten not in the matrix are absent."""
    return {k.id: nr for nr, k in _genummerd(knelpunten)}


def nummer_tekst(nummers: list[int]) -> str:
    """The numbers of one marker as its label: "4", "4, 5" or, for a run of three or more, "4–9"."""
    if not nummers:
        return ""
    if len(nummers) <= 2 or nummers != list(range(nummers[0], nummers[-1] + 1)):
        return ", ".join(str(n) for n in nummers)
    return f"{nummers[0]}–{nummers[-1]}"


def _groepen(knelpunten: Iterable[Knelpunt]) -> list[dict[str, Any]]:
    """The rows of `matrix_data` as plain dicts (the figure needs no DataFrame), smallest number first."""
    groepen: dict[tuple[str, int, int], list[tuple[int, Knelpunt]]] = {}
    for nr, k in _genummerd(knelpunten):
        groepen.setdefault((k.gebied or "", int(k.quick_win), int(k.belang)), []).append((nr, k))  # type: ignore[arg-type]
    rows = []
    for (gebied, qw, belang), lijst in groepen.items():
        rows.append(
            {
                "gebied": gebied,
                "quick_win": qw,
                "belang": belang,
                "aantal": len(lijst),
                "ids": [k.id for _, k in lijst],
                "teksten": [k.tekst for _, k in lijst],
                "stemmen": sum(k.stemmen for _, k in lijst),
                "nummers": [nr for nr, _ in lijst],
            }
        )
    return rows


def matrix_data(knelpunten: Iterable[Knelpunt]) -> pd.DataFrame:
    """Scored, solvable knelpunten grouped per (gebied, quick_win, belang): count, ids, texts, numbers.

    Within a group the most-voted knelpunten come first (they lead the hover text and get the lower numbers).
    """
    return pd.DataFrame(_groepen(knelpunten), columns=list(MATRIX_KOLOMMEN))


def _hover(gebied_label: str, qw: int, belang: int, teksten: list[str], nummers: list[int]) -> str:
    kop = f"<b>{html.escape(gebied_label)}</b> · belang {belang}, quick win {qw}"
    if len(teksten) > 1:
        kop += f" · {len(teksten)} knelpunten"
    regels = [
        f"<b>{nr}.</b> {_afgebroken(_kort(t))}" for nr, t in zip(nummers[:MAX_HOVER_REGELS], teksten, strict=False)
    ]
    rest = len(teksten) - MAX_HOVER_REGELS
    if rest > 0:
        regels.append(f"… en nog {rest}")
    return "<br>".join([kop, *regels])


def marker_grootte(aantal: int) -> float:
    """Marker diameter in pixels: grows with the square root of the count, capped."""
    return min(14 + 7 * math.sqrt(max(aantal, 1) - 1), 44)


def _kwadrant_vlak(q: Kwadrant) -> tuple[float, float, float, float]:
    x0, x1 = (GRENS, AS_MAX) if q.hoog_quick_win else (AS_MIN, GRENS)
    y0, y1 = (GRENS, AS_MAX) if q.hoog_belang else (AS_MIN, GRENS)
    return x0, x1, y0, y1


def _tekst_positie(dx: float, dy: float) -> str:
    """Where a marker's numbers go: away from the spot's centre, so the labels of one spot do not collide;
    right of a marker that is alone on its spot."""
    straal = math.hypot(dx, dy)
    if straal == 0:
        return "middle right"
    verticaal = "top" if dy > straal / 2 else "bottom" if dy < -straal / 2 else "middle"
    horizontaal = "right" if dx > straal / 2 else "left" if dx < -straal / 2 else "center"
    return f"{verticaal} {horizontaal}"


def matrix_figuur(
    knelpunten: Iterable[Knelpunt], *, hoogte: int = 560, nummer_grootte: int = NUMMER_GROOTTE
) -> go.Figure:
    """Belang (y) against quick win (x) with four labelled quadrants and one trace per gebied.

    Every marker carries the numbers of its knelpunten (see `matrix_legenda`) in `nummer_grootte` px.
    """
    groepen = _groepen(knelpunten)
    offsets = _offsets(groepen)
    per_gebied: dict[str, list[dict[str, Any]]] = {}
    for r in groepen:
        per_gebied.setdefault(r["gebied"], []).append(r)
    traces: list[dict[str, Any]] = []
    for gebied in _GEBIED_ORDE:
        deel = per_gebied.get(gebied or "")
        if not deel:
            continue
        label = methode.gebied_label(gebied)
        xs: list[float] = []
        ys: list[float] = []
        posities: list[str] = []
        for r in deel:
            dx, dy = offsets[(r["gebied"], r["quick_win"], r["belang"])]
            xs.append(r["quick_win"] + dx)
            ys.append(r["belang"] + dy)
            posities.append(_tekst_positie(dx, dy))
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "markers+text",
                "name": label,
                "legendgroup": gebied or "",
                "marker": {
                    "color": methode.gebied_kleur(gebied),
                    "size": [marker_grootte(r["aantal"]) for r in deel],
                    "line": {"color": "white", "width": 1},
                    "opacity": 0.9,
                },
                "text": [f"<b>{nummer_tekst(r['nummers'])}</b>" for r in deel],
                "textposition": posities,
                "textfont": {"color": NUMMER_KLEUR, "size": nummer_grootte},
                "cliponaxis": False,  # a number beside a marker at the edge stays whole
                "hovertext": [_hover(label, r["quick_win"], r["belang"], r["teksten"], r["nummers"]) for r in deel],
                "hoverinfo": "text",
                "customdata": [[ID_SEP.join(r["ids"])] for r in deel],
            }
        )
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for q in KWADRANTEN:
        x0, x1, y0, y1 = _kwadrant_vlak(q)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": x0,
                "x1": x1,
                "y0": y0,
                "y1": y1,
                "fillcolor": _KWADRANT_KLEUR[q.key],
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": x1 - 0.05 if q.hoog_quick_win else x0 + 0.05,
                "y": y1 - 0.05,
                "xref": "x",
                "yref": "y",
                "text": f"<b>{q.label}</b>",
                "showarrow": False,
                "xanchor": "right" if q.hoog_quick_win else "left",
                "yanchor": "top",
                "font": {"size": 14, "color": "#1F2328"},
                "name": q.key,
            }
        )
    for as_ in ("x", "y"):
        lijn = {"type": "line", "xref": "x", "yref": "y", "line": {"color": "#666", "width": 1.5, "dash": "dash"}}
        if as_ == "x":
            lijn |= {"x0": GRENS, "x1": GRENS, "y0": AS_MIN, "y1": AS_MAX}
        else:
            lijn |= {"x0": AS_MIN, "x1": AS_MAX, "y0": GRENS, "y1": GRENS}
        shapes.append(lijn)
    if not traces:
        annotations.append(
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "text": LEEG_TEKST,
                "showarrow": False,
                "font": {"size": 13, "color": "#555"},
                "name": "leeg",
            }
        )
    ticks = list(range(methode.SCORE_MIN, methode.SCORE_MAX + 1))
    as_opmaak = {"range": [AS_MIN, AS_MAX], "tickvals": ticks, "showgrid": False, "zeroline": False}
    layout = {
        "height": hoogte,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 60},
        "xaxis": {**as_opmaak, "title": {"text": X_TITEL}, "fixedrange": True},
        "yaxis": {**as_opmaak, "title": {"text": Y_TITEL}, "fixedrange": True},
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": True,
        "legend": {"title": {"text": LEGENDA_TITEL}, "orientation": "h", "y": -0.15, "x": 0},
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
        "uirevision": "matrix",
    }
    return figuur(traces, layout)


def ids_uit_selectie(selectie: Mapping[str, Any] | None) -> list[str]:
    """Knelpunt ids of the points in a Streamlit plotly selection (one marker may hold several)."""
    if not selectie:
        return []
    punten = selectie.get("points") or []
    ids: list[str] = []
    for p in punten:
        cd = p.get("customdata")
        if isinstance(cd, list | tuple):
            cd = cd[0] if cd else ""
        if isinstance(cd, str):
            ids.extend(i for i in cd.split(ID_SEP) if i)
    return list(dict.fromkeys(ids))

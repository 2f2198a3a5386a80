"""Progress of a traject over its meetings, as tables (pandas) and plotly figures.

- actions by status per meeting (the round they were planned in),
- knelpunten opened and resolved over time (Knelpunt.aangemaakt / Knelpunt.opgelost),
- a timeline of the meetings with the steps they cover, the steps done and the current step.

Pure: a Snapshot (or DataFrame) in, a DataFrame or go.Figure out. Dates on axes and in hovers are Dutch.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from schouders import methode
from schouders.charts import figuur
from schouders.datums import datum_nl
from schouders.planning import gesorteerd
from schouders.store import Snapshot
from schouders.trajecten import stappen_gedaan
from schouders.uitvoering import Scope, filter_scope

ZONDER_BIJEENKOMST = "Zonder bijeenkomst"
# Okabe–Ito colours per status, same order as methode.ACTIE_STATUSSEN (gepland, bezig, klaar, gestopt).
STATUS_KLEUREN: tuple[str, ...] = ("#56B4E9", "#E69F00", "#009E73", "#7F7F7F")
KLEUR_OPEN = "#D55E00"
KLEUR_OPGELOST = "#009E73"
KLEUR_GEDAAN = "#009E73"
KLEUR_GEPLAND = "#7F7F7F"
KLEUR_NU = "rgba(230,159,0,0.25)"


MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _kort(d: date | None) -> str:
    """'5 jan 2027' for axis ticks, where the full datum_nl is too wide (hovers show datum_nl)."""
    if d is None:
        return "geen datum"
    return f"{d.day} {MAANDEN_KORT[d.month - 1]} {d.year}"


def _bijeenkomst_as(b: Any) -> str:
    return f"B{b.nummer} · {_kort(b.datum)}"


# ---- actions by status over the meetings -------------------------------------------------------


def acties_per_bijeenkomst(snap: Snapshot, traject_id: str, scope: Scope = None) -> pd.DataFrame:
    """One row per (meeting, status): how many actions planned in that meeting now have that status.

    Columns: nummer, bijeenkomst (axis label), status (label), aantal. Meetings without actions are kept
    (with zeros) so the axis shows the whole series; actions without a meeting come last."""
    acties = filter_scope(snap.of("actie", traject_id), scope)
    items = gesorteerd(snap, traject_id)
    rondes: list[tuple[int, str, str | None]] = [(b.nummer, _bijeenkomst_as(b), b.id) for b in items]
    bekend = {b.id for b in items}
    if any(a.ronde_id not in bekend for a in acties):
        rondes.append((len(items) + 1, ZONDER_BIJEENKOMST, None))
    rows = []
    for nummer, as_label, rid in rondes:
        for key, lab in methode.ACTIE_STATUSSEN:
            n = sum(
                1
                for a in acties
                if a.status == key and (a.ronde_id == rid if rid is not None else a.ronde_id not in bekend)
            )
            rows.append({"nummer": nummer, "bijeenkomst": as_label, "status": lab, "aantal": n})
    return pd.DataFrame(rows, columns=["nummer", "bijeenkomst", "status", "aantal"])


def acties_figuur(df: pd.DataFrame) -> go.Figure:
    """Stacked bars: actions per meeting, coloured and named by status."""
    eerste: dict[int, str] = {}
    aantal: dict[tuple[str, str], int] = {}
    for nummer, as_label, status, n in zip(df["nummer"], df["bijeenkomst"], df["status"], df["aantal"], strict=True):
        eerste.setdefault(int(nummer), as_label)
        aantal.setdefault((as_label, status), int(n))
    volgorde = [eerste[n] for n in sorted(eerste)]
    traces = [
        {
            "type": "bar",
            "name": lab,
            "x": volgorde,
            "y": [aantal.get((b, lab), 0) for b in volgorde],
            "marker": {"color": kleur},
            "hovertemplate": "%{x}<br>" + lab + ": %{y}<extra></extra>",
        }
        for (_, lab), kleur in zip(methode.ACTIE_STATUSSEN, STATUS_KLEUREN, strict=True)
    ]
    layout = {
        "barmode": "stack",
        "title": {"text": "Acties per bijeenkomst, naar status"},
        "xaxis": {"title": {"text": "Bijeenkomst waarin de actie is gepland"}},
        "yaxis": {"title": {"text": "Aantal acties"}, "rangemode": "tozero", "dtick": 1},
        "legend": {"title": {"text": "Status"}},
        "margin": {"t": 50, "b": 40, "l": 40, "r": 10},
        "height": 340,
    }
    return figuur(traces, layout)


# ---- knelpunten opened / resolved over time ------------------------------------------------------


def _dag(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError:
        return None


def knelpunten_over_tijd(snap: Snapshot, traject_id: str, scope: Scope = None, tot: date | None = None) -> pd.DataFrame:
    """Per day with a change: cumulative knelpunten opened and resolved, and how many are still open.
    With `tot` (usually today) the last totals are carried on to that day, so the lines reach it.

    Columns: datum (date), datum_nl, geopend, opgelost, open."""
    kn = filter_scope(snap.of("knelpunt", traject_id), scope)
    geopend: dict[date, int] = {}
    opgelost: dict[date, int] = {}
    for k in kn:
        d = _dag(k.aangemaakt)
        if d is not None:
            geopend[d] = geopend.get(d, 0) + 1
        if k.opgelost is not None:
            opgelost[k.opgelost] = opgelost.get(k.opgelost, 0) + 1
    dagen = sorted(set(geopend) | set(opgelost))
    rows = []
    tot_open = tot_dicht = 0
    for d in dagen:
        tot_open += geopend.get(d, 0)
        tot_dicht += opgelost.get(d, 0)
        rows.append(
            {
                "datum": d,
                "datum_nl": datum_nl(d),
                "geopend": tot_open,
                "opgelost": tot_dicht,
                "open": tot_open - tot_dicht,
            }
        )
    if tot is not None and rows and rows[-1]["datum"] < tot:
        rows.append({**rows[-1], "datum": tot, "datum_nl": datum_nl(tot)})
    return pd.DataFrame(rows, columns=["datum", "datum_nl", "geopend", "opgelost", "open"])


def _ticks(dagen: list[date], maximaal: int = 8) -> tuple[list[date], list[str]]:
    if len(dagen) > maximaal:
        stap = -(-len(dagen) // maximaal)
        dagen = dagen[::stap]
    return dagen, [_kort(d) for d in dagen]


def knelpunten_figuur(df: pd.DataFrame, bijeenkomsten: list[Any] | None = None) -> go.Figure:
    """Step lines: knelpunten opened and resolved so far; meetings as dotted vertical lines."""
    x = df["datum"].tolist()
    datums = df["datum_nl"].tolist()  # Dutch dates for the hover
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": df[kolom].tolist(),
            "name": naam,
            "mode": "lines+markers",
            "line": {"shape": "hv", "color": kleur, "dash": dash},
            "customdata": datums,
            "hovertemplate": "%{customdata}<br>" + naam + ": %{y}<extra></extra>",
        }
        for kolom, naam, kleur, dash in (
            ("geopend", "Genoteerd (totaal)", KLEUR_OPEN, "solid"),
            ("opgelost", "Opgelost (totaal)", KLEUR_OPGELOST, "dash"),
        )
    ]
    alle_dagen = list(x)
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for b in bijeenkomsten or []:
        if b.datum is None:
            continue
        alle_dagen.append(b.datum)
        dag = b.datum.isoformat()
        # what add_vline makes: a line over the whole height of the plot, at a date on the x axis
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "y domain",
                "x0": dag,
                "x1": dag,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#BBBBBB", "dash": "dot"},
            }
        )
        annotations.append(
            {
                "x": dag,
                "y": 1,
                "yref": "paper",
                "text": f"B{b.nummer}",
                "showarrow": False,
                "yanchor": "bottom",
                "font": {"size": 10},
            }
        )
    tickvals, ticktext = _ticks(sorted(set(alle_dagen)))
    layout = {
        "title": {"text": "Knelpunten: genoteerd en opgelost"},
        "xaxis": {"tickvals": tickvals, "ticktext": ticktext},
        "yaxis": {"title": {"text": "Aantal knelpunten"}, "rangemode": "tozero"},
        "legend": {"title": {"text": ""}},
        "margin": {"t": 60, "b": 40, "l": 40, "r": 10},
        "height": 340,
    }
    if shapes:
        layout |= {"shapes": shapes, "annotations": annotations}
    return figuur(traces, layout)


# ---- timeline of meetings, steps done, current step ----------------------------------------------


def _gehouden(b: Any, vandaag: date) -> bool:
    return bool(b.verslag) or (b.datum is not None and b.datum <= vandaag)


def tijdlijn(snap: Snapshot, traject_id: str, vandaag: date) -> pd.DataFrame:
    """The meetings as a table for the overview: number, date (Dutch), steps, held or planned, and
    which of its steps hold the current step.

    Columns: Nr, Bijeenkomst, Datum, Stappen, Stand, Verslag."""
    traject = snap.get("traject", traject_id)
    huidige = traject.huidige_stap if traject else None
    rows = []
    for b in gesorteerd(snap, traject_id):
        stappen = ", ".join(f"▶ {s}" if s == huidige else str(s) for s in b.stappen) or "–"
        if b.datum == vandaag:
            stand = "vandaag"
        elif _gehouden(b, vandaag):
            stand = "✓ geweest"
        else:
            stand = "gepland"
        rows.append(
            {
                "Nr": b.nummer,
                "Bijeenkomst": b.titel or f"Bijeenkomst {b.nummer}",
                "Datum": datum_nl(b.datum),
                "Stappen": stappen,
                "Stand": stand,
                "Verslag": "ja" if b.verslag else "nee",
            }
        )
    return pd.DataFrame(rows, columns=["Nr", "Bijeenkomst", "Datum", "Stappen", "Stand", "Verslag"])


def tijdlijn_punten(snap: Snapshot, traject_id: str, vandaag: date) -> pd.DataFrame:
    """One row per (meeting, step it covers): x label, step, and whether that step is done there.

    A step counts as done at a held meeting when the traject has recorded work for it."""
    gedaan = stappen_gedaan(snap, traject_id)
    rows = []
    for b in gesorteerd(snap, traject_id):
        for s in b.stappen:
            rows.append(
                {
                    "nummer": b.nummer,
                    "bijeenkomst": _bijeenkomst_as(b),
                    "datum_nl": datum_nl(b.datum),
                    "stap": s,
                    "stapnaam": methode.stap(s).naam,
                    "gedaan": _gehouden(b, vandaag) and s in gedaan,
                }
            )
    return pd.DataFrame(rows, columns=["nummer", "bijeenkomst", "datum_nl", "stap", "stapnaam", "gedaan"])


def tijdlijn_figuur(snap: Snapshot, traject_id: str, vandaag: date) -> go.Figure:
    """Meetings left to right, steps 1–10 top to bottom; filled dots: done, open dots: planned;
    a band marks the traject's current step."""
    traject = snap.get("traject", traject_id)
    pts = tijdlijn_punten(snap, traject_id, vandaag)
    bijeenkomsten = gesorteerd(snap, traject_id)
    volgorde = [_bijeenkomst_as(b) for b in bijeenkomsten]
    rijen = list(zip(pts["gedaan"], pts["bijeenkomst"], pts["stap"], pts["datum_nl"], pts["stapnaam"], strict=True))
    traces = []
    for gedaan, naam, symbool, kleur in (
        (True, "Gedaan", "circle", KLEUR_GEDAAN),
        (False, "Gepland", "circle-open", KLEUR_GEPLAND),
    ):
        deel = [r for r in rijen if bool(r[0]) == gedaan]
        traces.append(
            {
                "type": "scatter",
                "x": [r[1] for r in deel],
                "y": [int(r[2]) for r in deel],
                "mode": "markers",
                "name": naam,
                "marker": {"symbol": symbool, "size": 14, "color": kleur, "line": {"width": 2, "color": kleur}},
                "customdata": [[r[3], r[4]] for r in deel],
                "hovertemplate": "%{customdata[0]}<br>Stap %{y}: %{customdata[1]}<br>" + naam + "<extra></extra>",
            }
        )
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    if traject is not None:
        nu = traject.huidige_stap
        # what add_hrect makes: a band over the whole width of the plot
        shapes.append(
            {
                "type": "rect",
                "xref": "x domain",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": nu - 0.45,
                "y1": nu + 0.45,
                "fillcolor": KLEUR_NU,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": 1,
                "xref": "paper",
                "y": nu,
                "text": f"nu: stap {nu}",
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 11},
            }
        )
    vandaag_label = next((_bijeenkomst_as(b) for b in bijeenkomsten if b.datum == vandaag), None)
    if vandaag_label is not None:
        annotations.append({"x": vandaag_label, "y": 0.3, "text": "vandaag", "showarrow": False, "font": {"size": 11}})
    layout = {
        "title": {"text": "Bijeenkomsten en stappen"},
        "legend": {"title": {"text": ""}},
        "margin": {"t": 50, "b": 40, "l": 150, "r": 70},
        "height": 420,
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": volgorde, "title": {"text": ""}},
        "yaxis": {
            "tickvals": [s.nummer for s in methode.STAPPEN],
            "ticktext": [f"{s.nummer}. {s.naam}" for s in methode.STAPPEN],
            "range": [10.6, 0.4],
            "title": {"text": ""},
        },
    }
    if shapes:
        layout["shapes"] = shapes
    if annotations:
        layout["annotations"] = annotations
    return figuur(traces, layout)

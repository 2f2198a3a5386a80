"""Plotly figure builders. Pure: aggregated pandas data in, `go.Figure` out.

Colour is never the only cue: every bar carries its gebied's name on the axis and its count as text, and
groups differ by pattern as well as by legend entry.

Every builder in the app assembles plain dicts and hands them to `figuur`, which skips plotly's
per-property validation; tests/test_figuren_geldig.py validates each builder's output instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

START_HIER = "start stap 5 hier"
_PATRONEN = ("", "/", ".", "x", "\\", "-", "|", "+")
_FONT = {"family": "Source Sans Pro, sans-serif", "size": 14}
# plotly.py's "Blues" (ColorBrewer, light to dark), spelled out: unvalidated, the name would reach plotly.js,
# whose own "Blues" is a different, reversed scale.
BLAUWEN: list[list[Any]] = plotly.colors.get_colorscale("Blues")


def figuur(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from ready trace and layout dicts, without plotly's per-property validation.

    Validating every property (and deep-copying on every add_trace/update_layout) costs about ten times
    the build itself at 1,000 points. The dicts must therefore use the full property names
    ({"title": {"text": …}}, not title_text) and explicit values (no None, colorscales spelled out);
    the test suite checks every builder's output with a validating `go.Figure`.
    """
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def tekst(waarde: object) -> str:
    """User text (a group name, a theme) as a figure label: plotly renders a few HTML tags in labels,
    legends and hovers (links too), so <, > and & are escaped and show as typed."""
    return html.escape(str(waarde), quote=False)


def _layout(layout: dict[str, Any], titel: str, hoogte: int) -> dict[str, Any]:
    """The shared look, merged into one layout dict."""
    basis: dict[str, Any] = {"title": {"text": titel, "x": 0, "xanchor": "left"}} if titel else {}
    return {
        **basis,
        "height": hoogte,
        "margin": {"l": 10, "r": 10, "t": 60 if titel else 30, "b": 10},
        "font": _FONT,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        **layout,
    }


def knelpunten_per_gebied(
    telling: pd.DataFrame,
    *,
    per_groep: pd.DataFrame | None = None,
    start: str | None = None,
    titel: str = "Knelpunten per aandachtsgebied",
    hoogte: int = 380,
) -> go.Figure:
    """Bar chart of the counts per gebied, in the method's order and colours.

    `telling` comes from `analyse.tel_per_gebied`; `per_groep` (from `analyse.tel_per_gebied_en_groep`)
    stacks the bars by groep; `start` is the gebied key that gets the "start stap 5 hier" marker.
    """
    labels = list(telling["gebied"])
    kleuren = list(telling["kleur"])
    aantallen = [int(n) for n in telling["aantal"]]
    traces: list[dict[str, Any]] = []
    layout: dict[str, Any] = {}
    if per_groep is not None and per_groep.shape[1] > 1:
        for i, groep in enumerate(per_groep.columns):
            kolom = per_groep[groep]
            waarden = [int(kolom.get(k, 0)) for k in telling.index]
            traces.append(
                {
                    "type": "bar",
                    "y": labels,
                    "x": waarden,
                    "orientation": "h",
                    "name": tekst(groep),
                    "marker": {
                        "color": kleuren,
                        "line": {"color": "#333333", "width": 1},
                        "pattern": {"shape": _PATRONEN[i % len(_PATRONEN)], "fgcolor": "#333333"},
                    },
                    "text": [str(v) if v else "" for v in waarden],
                    "textposition": "inside",
                    "insidetextanchor": "middle",
                    # the name via customdata: user text inside a template could read as a %{…} field
                    "customdata": [tekst(groep)] * len(waarden),
                    "hovertemplate": "%{y} · %{customdata}: %{x}<extra></extra>",
                }
            )
        layout["barmode"] = "stack"
        layout["legend"] = {"title": {"text": "Groep"}, "orientation": "h", "y": -0.15, "traceorder": "normal"}
    else:
        traces.append(
            {
                "type": "bar",
                "y": labels,
                "x": aantallen,
                "orientation": "h",
                "marker": {"color": kleuren, "line": {"color": "#333333", "width": 1}},
                "text": [str(n) for n in aantallen],
                "textposition": "outside",
                "hovertemplate": "%{y}: %{x} knelpunten<extra></extra>",
                "showlegend": False,
            }
        )
    grootste = max(aantallen, default=0)
    if start is not None and start in telling.index and int(telling.at[start, "aantal"]) > 0:
        layout["annotations"] = [
            {
                "y": str(telling.at[start, "gebied"]),
                "x": int(telling.at[start, "aantal"]),
                "xshift": 28,
                "xanchor": "left",
                "text": f"<b>◀ {START_HIER}</b>",
                "showarrow": False,
                "font": {"size": 14, "color": "#000000"},
                "bgcolor": "#FFFFFF",
                "bordercolor": "#000000",
                "borderwidth": 1,
            }
        ]
    layout["xaxis"] = {
        "title": {"text": "aantal knelpunten"},
        "range": [0, max(grootste * 1.6, 4)],
        "gridcolor": "#E5E5E5",
        **({} if grootste > 10 else {"dtick": 1}),
    }
    layout["yaxis"] = {"categoryorder": "array", "categoryarray": labels, "autorange": "reversed"}
    return figuur(traces, _layout(layout, titel, hoogte))


def relatie_heatmap(
    matrix: pd.DataFrame,
    *,
    titel: str = "Hoe hangen de gebieden samen?",
    hoogte: int = 460,
) -> go.Figure:
    """Heatmap of `analyse.relatie_matrix`: row = gebied of the knelpunt, column = related gebied.

    Each cell shows its number, so the picture also reads without seeing colour.
    """
    z = matrix.to_numpy()
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": [str(c) for c in matrix.columns],
        "y": [str(i) for i in matrix.index],
        "colorscale": BLAUWEN,
        "zmin": 0,
        "zmax": max(int(z.max()) if z.size else 0, 1),
        "text": z,
        "texttemplate": "%{text}",
        "hovertemplate": "%{y} hangt samen met %{x}: %{z} knelpunten<extra></extra>",
        "colorbar": {"title": {"text": "aantal"}},
        "xgap": 2,
        "ygap": 2,
    }
    layout = {
        "yaxis": {"autorange": "reversed", "title": {"text": "knelpunt uit gebied"}},
        "xaxis": {"title": {"text": "hangt ook samen met"}, "side": "top", "tickangle": -30},
    }
    return figuur([heatmap], _layout(layout, titel, hoogte))

"""Plotly figure builders. Pure: aggregated pandas data in, `go.Figure` out.

Colour is never the only cue: every bar carries its gebied's name on the axis and its count as text, and
groups differ by pattern as well as by legend entry.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

START_HIER = "start stap 5 hier"
_PATRONEN = ("", "/", ".", "x", "\\", "-", "|", "+")
_FONT = {"family": "Source Sans Pro, sans-serif", "size": 14}


def _layout(layout: dict, titel: str, hoogte: int) -> dict:
    """The shared look, merged into one layout dict (one validation pass instead of many updates)."""
    return {
        "title": {"text": titel, "x": 0, "xanchor": "left"} if titel else None,
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
    traces: list[go.Bar] = []
    layout: dict = {}
    if per_groep is not None and per_groep.shape[1] > 1:
        for i, groep in enumerate(per_groep.columns):
            waarden = [int(per_groep[groep].get(k, 0)) for k in telling.index]
            traces.append(
                go.Bar(
                    y=labels,
                    x=waarden,
                    orientation="h",
                    name=str(groep),
                    marker={
                        "color": kleuren,
                        "line": {"color": "#333333", "width": 1},
                        "pattern": {"shape": _PATRONEN[i % len(_PATRONEN)], "fgcolor": "#333333"},
                    },
                    text=[v if v else "" for v in waarden],
                    textposition="inside",
                    insidetextanchor="middle",
                    hovertemplate="%{y} · " + str(groep).replace("%", "%%") + ": %{x}<extra></extra>",
                )
            )
        layout["barmode"] = "stack"
        layout["legend"] = {"title": {"text": "Groep"}, "orientation": "h", "y": -0.15, "traceorder": "normal"}
    else:
        traces.append(
            go.Bar(
                y=labels,
                x=list(telling["aantal"]),
                orientation="h",
                marker={"color": kleuren, "line": {"color": "#333333", "width": 1}},
                text=list(telling["aantal"]),
                textposition="outside",
                hovertemplate="%{y}: %{x} knelpunten<extra></extra>",
                showlegend=False,
            )
        )
    grootste = int(telling["aantal"].max()) if len(telling) else 0
    if start is not None and start in telling.index and int(telling.at[start, "aantal"]) > 0:
        layout["annotations"] = [
            {
                "y": telling.at[start, "gebied"],
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
        "dtick": None if grootste > 10 else 1,
    }
    layout["yaxis"] = {"categoryorder": "array", "categoryarray": labels, "autorange": "reversed"}
    return go.Figure(data=traces, layout=_layout(layout, titel, hoogte))


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
    heatmap = go.Heatmap(
        z=z,
        x=list(matrix.columns),
        y=list(matrix.index),
        colorscale="Blues",
        zmin=0,
        zmax=max(int(z.max()) if z.size else 0, 1),
        text=z,
        texttemplate="%{text}",
        hovertemplate="%{y} hangt samen met %{x}: %{z} knelpunten<extra></extra>",
        colorbar={"title": {"text": "aantal"}},
        xgap=2,
        ygap=2,
    )
    layout = {
        "yaxis": {"autorange": "reversed", "title": {"text": "knelpunt uit gebied"}},
        "xaxis": {"title": {"text": "hangt ook samen met"}, "side": "top", "tickangle": -30},
    }
    return go.Figure(data=[heatmap], layout=_layout(layout, titel, hoogte))

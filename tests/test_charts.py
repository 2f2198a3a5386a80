"""Figure builders: order, colours, the 'start stap 5 hier' marker, stacking by groep, the heatmap."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from schouders import analyse, charts, methode

LABELS = [g.label for g in methode.GEBIEDEN] + [methode.NIET_INGEDEELD]


def _telling(**aantallen: int) -> pd.DataFrame:
    rows: list[dict] = []
    for key, n in aantallen.items():
        rows += [{"gebied": key, "groep": analyse.ZONDER_GROEP, "groep_id": None}] * n
    df = pd.DataFrame(rows, columns=["gebied", "groep", "groep_id"])
    return analyse.tel_per_gebied(df)


def test_bar_chart_order_colours_counts_and_marker_on_biggest() -> None:
    telling = _telling(keten=5, kennis=2, niet_ingedeeld=7)
    start = analyse.voorgesteld_gebied(telling)
    fig = charts.knelpunten_per_gebied(telling, start=start)
    assert isinstance(fig, go.Figure)
    (bar,) = fig.data
    assert list(bar.y) == LABELS
    assert list(bar.x) == [0, 2, 0, 5, 0, 0, 0, 7]
    assert list(bar.marker.color) == [g.kleur for g in methode.GEBIEDEN] + [methode.NIET_INGEDEELD_KLEUR]
    assert [int(t) for t in bar.text] == [0, 2, 0, 5, 0, 0, 0, 7]  # numbers on the bars: colour is not the only cue
    (ann,) = fig.layout.annotations
    assert charts.START_HIER in ann.text
    assert ann.y == "Keten" and ann.x == 5  # the biggest gebied, not "nog niet ingedeeld"
    assert list(fig.layout.yaxis.categoryarray) == LABELS


def test_no_marker_without_placed_knelpunten() -> None:
    telling = _telling(niet_ingedeeld=3)
    fig = charts.knelpunten_per_gebied(telling, start=analyse.voorgesteld_gebied(telling))
    assert not fig.layout.annotations
    assert charts.knelpunten_per_gebied(_telling(), start=None).data[0].x == (0,) * 8


def test_stacked_by_groep_with_patterns() -> None:
    df = pd.DataFrame(
        {
            "gebied": ["keten", "keten", "kennis", "keten"],
            "groep": ["Groep A", "Groep B", "Groep B", "Groep A"],
            "groep_id": ["a", "b", "b", "a"],
        }
    )
    telling = analyse.tel_per_gebied(df)
    per_groep = analyse.tel_per_gebied_en_groep(df)
    fig = charts.knelpunten_per_gebied(telling, per_groep=per_groep, start="keten")
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Groep A", "Groep B"]
    a, b = fig.data
    assert list(a.x)[3] == 2 and list(b.x)[3] == 1 and list(b.x)[1] == 1
    assert a.marker.pattern.shape != b.marker.pattern.shape
    assert fig.layout.annotations[0].x == 3  # the marker sits at the total


def test_heatmap_cells_carry_numbers() -> None:
    keys = list(methode.GEBIED_KEYS)
    df = pd.DataFrame(
        {
            "gebied": ["keten", "keten", "kennis"],
            "gerelateerde_gebieden": [("randvoorwaarden",), ("randvoorwaarden", "kennis"), ("keten",)],
        }
    )
    m = analyse.relatie_matrix(df)
    fig = charts.relatie_heatmap(m)
    (hm,) = fig.data
    assert isinstance(hm, go.Heatmap)
    assert list(hm.x) == [g.label for g in methode.GEBIEDEN] == list(hm.y)
    z = hm.z
    assert z[keys.index("keten")][keys.index("randvoorwaarden")] == 2
    assert z[keys.index("kennis")][keys.index("keten")] == 1
    assert hm.texttemplate == "%{text}"
    assert fig.layout.yaxis.autorange == "reversed"  # klantbeleving on top, like everywhere else


def test_heatmap_of_empty_matrix() -> None:
    m = analyse.relatie_matrix(pd.DataFrame({"gebied": [], "gerelateerde_gebieden": []}))
    fig = charts.relatie_heatmap(m)
    assert fig.data[0].zmax == 1


def test_user_text_in_figures_shows_as_typed_not_as_html() -> None:
    from schouders import groepen

    naam = '<a href="https://x.nl">50% & co</a>'
    df = pd.DataFrame({"gebied": ["keten", "kennis"], "groep": [naam, "Groep B"], "groep_id": ["a", "b"]})
    fig = charts.knelpunten_per_gebied(analyse.tel_per_gebied(df), per_groep=analyse.tel_per_gebied_en_groep(df))
    veilig = '&lt;a href="https://x.nl"&gt;50% &amp; co&lt;/a&gt;'
    trace = next(t for t in fig.data if "x.nl" in t.name)
    assert trace.name == veilig and set(trace.customdata) == {veilig}
    assert naam not in trace.hovertemplate and "%{customdata}" in trace.hovertemplate
    tabel = pd.DataFrame({naam: [1, 0], "Groep B": [0, 1]}, index=["Keten", "Kennis"])
    assert veilig in groepen.heatmap(tabel).data[0].x
    assert veilig in groepen.gestapelde_staven(tabel).data[0].x
    thema = groepen.themas_figuur([{"nr": 1, "thema": "<b>AVG</b>", "groepen": 1, "knelpunten": 2}], 2)
    assert thema.data[0].y == ("1. &lt;b&gt;AVG&lt;/b&gt;",)

"""Every figure builder gives a figure plotly itself accepts.

The builders skip plotly's validation (`charts.figuur`), so a misspelt property would no longer fail when the
figure is built. Here every builder's output goes through a validating `go.Figure`, on a themadag of 1,000
knelpunten and on an empty traject, and must come out unchanged: what validation would have coerced (a named
colorscale, a title as a bare string, a None) shows up as a difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from schouders import analyse, bench, charts, groepen, matrix, methode, planning, themas, voortgang
from schouders.model import Traject
from schouders.prioriteren import kwadrant_van
from schouders.store import Store

Bouwer = Callable[[], go.Figure]
NAMEN = (
    "knelpunten_per_gebied per groep",
    "knelpunten_per_gebied zonder titel",
    "relatie_heatmap",
    "matrix_figuur",
    "acties_figuur",
    "knelpunten_figuur",
    "tijdlijn_figuur",
    "groepen.heatmap",
    "gestapelde_staven",
    "themas_figuur",
)


def _bouwers(store: Store, traject_id: str) -> dict[str, tuple[Bouwer, dict[str, Any]]]:
    """Every builder as the pages call it, with what the figure must hold (traces, shapes, annotations)."""
    snap = store.snapshot()
    kn = snap.of("knelpunt", traject_id)
    df = analyse.knelpunten_frame(snap, traject_id)
    telling = analyse.tel_per_gebied(df)
    per_groep = analyse.tel_per_gebied_en_groep(df)
    start = analyse.voorgesteld_gebied(telling)
    tabel = groepen.per_gebied_per_groep(snap, traject_id)
    namen = groepen.groep_namen(snap, traject_id)
    rijen = themas.thema_rijen(themas.indeling(snap, traject_id), namen, top=10)
    items = planning.gesorteerd(snap, traject_id)
    met_datum = [b for b in items if b.datum is not None]
    vandaag = items[2].datum if len(items) > 2 else date(2026, 12, 15)
    scoord = [k for k in kn if kwadrant_van(k) is not None]
    gebieden_met_scores = {k.gebied or "" for k in scoord}
    acties = voortgang.acties_per_bijeenkomst(snap, traject_id)
    return {
        "knelpunten_per_gebied per groep": (
            lambda: charts.knelpunten_per_gebied(telling, per_groep=per_groep, start=start),
            {
                "traces": per_groep.shape[1] if per_groep.shape[1] > 1 else 1,
                "annotations": 1 if start is not None else 0,
            },
        ),
        "knelpunten_per_gebied zonder titel": (
            lambda: charts.knelpunten_per_gebied(telling, start=start, titel=""),
            {"traces": 1, "annotations": 1 if start is not None else 0},
        ),
        "relatie_heatmap": (lambda: charts.relatie_heatmap(analyse.relatie_matrix(df), titel=""), {"traces": 1}),
        "matrix_figuur": (
            lambda: matrix.matrix_figuur(kn),
            {"traces": len(gebieden_met_scores), "shapes": 6, "annotations": 4 if scoord else 5},
        ),
        "acties_figuur": (
            lambda: voortgang.acties_figuur(acties),
            {"traces": len(methode.ACTIE_STATUSSEN)},
        ),
        "knelpunten_figuur": (
            lambda: voortgang.knelpunten_figuur(
                voortgang.knelpunten_over_tijd(snap, traject_id, tot=vandaag + timedelta(days=60)), items
            ),
            {"traces": 2, "shapes": len(met_datum), "annotations": len(met_datum)},
        ),
        "tijdlijn_figuur": (
            lambda: voortgang.tijdlijn_figuur(snap, traject_id, vandaag),
            {"traces": 2, "shapes": 1, "annotations": 1 + any(b.datum == vandaag for b in items)},
        ),
        "groepen.heatmap": (lambda: groepen.heatmap(tabel), {"traces": 1}),
        "gestapelde_staven": (
            lambda: groepen.gestapelde_staven(tabel),
            {"traces": int((tabel.sum(axis=1) > 0).sum()) + 1},
        ),
        "themas_figuur": (lambda: groepen.themas_figuur(rijen, len(namen)), {"traces": 1}),
    }


@pytest.fixture(scope="module")
def themadag(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    objs = bench.build_traject(1000)
    store = Store(tmp_path_factory.mktemp("groot") / "s.json")
    store.add_many(objs)
    return store, objs[0].id


@pytest.fixture(scope="module")
def leeg(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    t = Traject(naam="Leeg", werkvorm="themadag")
    store = Store(tmp_path_factory.mktemp("leeg") / "s.json")
    store.add_many([t])
    return store, t.id


def _als_json(fig: go.Figure) -> Any:
    return json.loads(pio.to_json(fig))


def _controleer(fig: go.Figure, verwacht: dict[str, Any]) -> None:
    assert isinstance(fig, go.Figure)
    gevalideerd = go.Figure(fig.to_dict())  # raises on a misspelt property or a wrong value
    assert _als_json(gevalideerd) == _als_json(fig)  # nothing validation would have changed
    assert len(fig.data) == verwacht["traces"]
    assert len(fig.layout.shapes) == verwacht.get("shapes", 0)
    assert len(fig.layout.annotations) == verwacht.get("annotations", 0)


@pytest.mark.parametrize("naam", NAMEN)
@pytest.mark.parametrize("data", ["themadag", "leeg"])
def test_every_builder_gives_a_valid_figure(naam: str, data: str, request: pytest.FixtureRequest) -> None:
    store, tid = request.getfixturevalue(data)
    bouw, verwacht = _bouwers(store, tid)[naam]
    _controleer(bouw(), verwacht)


def test_the_big_themadag_reaches_every_builder_with_data(themadag: tuple[Store, str]) -> None:
    """The 1,000 knelpunten really fill the figures: no builder is validated on an empty picture only."""
    store, tid = themadag
    bouwers = _bouwers(store, tid)
    assert set(bouwers) == set(NAMEN)
    matrix_fig = bouwers["matrix_figuur"][0]()
    assert sum(len(ids[0].split(matrix.ID_SEP)) for t in matrix_fig.data for ids in t.customdata) > 700
    assert len(bouwers["knelpunten_per_gebied per groep"][0]().data) == 6  # stacked by the six groups
    assert len(bouwers["knelpunten_figuur"][0]().layout.shapes) == 8  # one line per meeting
    assert len(bouwers["themas_figuur"][0]().data[0].y) > 0


def test_figures_can_still_be_restyled_afterwards(themadag: tuple[Store, str]) -> None:
    """Callers (the presentation mode) update the layout of a built figure; that merges and stays valid."""
    store, tid = themadag
    fig = matrix.matrix_figuur(store.snapshot().of("knelpunt", tid), hoogte=620)
    fig.update_layout(font={"size": 18}, dragmode=False)
    assert fig.layout.font.size == 18 and fig.layout.dragmode is False
    go.Figure(fig.to_dict())
    bar = charts.knelpunten_per_gebied(analyse.tel_per_gebied(analyse.knelpunten_frame(store.snapshot(), tid)))
    bar.update_layout(font={"size": 18})
    assert bar.layout.font.family == charts._FONT["family"] and bar.layout.font.size == 18
    assert charts._FONT["size"] == 14  # the shared look itself is untouched
    go.Figure(bar.to_dict())

"""The priority × quick-win figure: traces per gebied, quadrant labels, colours, overlap, hover, selection."""

from __future__ import annotations

import random

from schouders import methode
from schouders import prioriteren as prio
from schouders.matrix import (
    GRENS,
    ID_SEP,
    LEEG_TEKST,
    ids_uit_selectie,
    marker_grootte,
    matrix_data,
    matrix_figuur,
)
from schouders.model import Knelpunt


def kp(tekst: str, gebied: str | None, belang: int | None, quick_win: int | None, **kw) -> Knelpunt:
    kw.setdefault("oplosbaarheid", "oplosbaar")
    return Knelpunt(traject_id="t", tekst=tekst, gebied=gebied, belang=belang, quick_win=quick_win, **kw)


def _trace(fig, label: str):
    return next(t for t in fig.data if t.name == label)


def test_one_trace_per_gebied_with_method_colours_and_labels():
    kns = [
        kp("a", "keten", 5, 5),
        kp("b", "keten", 1, 1),
        kp("c", "kennis", 4, 2),
        kp("d", None, 2, 4),
    ]
    fig = matrix_figuur(kns)
    assert [t.name for t in fig.data] == ["Kennis", "Keten", methode.NIET_INGEDEELD]
    assert _trace(fig, "Keten").marker.color == methode.gebied_kleur("keten")
    assert _trace(fig, "Kennis").marker.color == methode.gebied_kleur("kennis")
    assert _trace(fig, methode.NIET_INGEDEELD).marker.color == methode.NIET_INGEDEELD_KLEUR
    assert fig.layout.showlegend is True
    assert fig.layout.legend.title.text == "Aandachtsgebied"
    assert len(_trace(fig, "Keten").x) == 2


def test_axes_belang_on_y_quick_win_on_x():
    fig = matrix_figuur([kp("a", "keten", 5, 1)])
    t = fig.data[0]
    assert (t.x[0], t.y[0]) == (1, 5)
    assert "Quick win" in fig.layout.xaxis.title.text
    assert "Belang" in fig.layout.yaxis.title.text


def test_four_labelled_quadrants_in_the_right_corners():
    fig = matrix_figuur([])
    labels = {a.name: a for a in fig.layout.annotations if a.name in prio.KWADRANT_BY_KEY}
    assert {a.text for a in labels.values()} == {f"<b>{q.label}</b>" for q in prio.KWADRANTEN}
    for q in prio.KWADRANTEN:
        a = labels[q.key]
        assert (a.x > GRENS) == q.hoog_quick_win
        assert (a.y > GRENS) == q.hoog_belang
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(rects) == 4
    assert {s.x0 for s in lines if s.x0 == s.x1} == {GRENS}
    assert {s.y0 for s in lines if s.y0 == s.y1} == {GRENS}


def test_empty_figure_says_so():
    fig = matrix_figuur([kp("a", "keten", None, 3), kp("b", "keten", 5, 5, oplosbaarheid="onoplosbaar")])
    assert fig.data == ()
    assert any(a.text == LEEG_TEKST for a in fig.layout.annotations)


def test_points_land_on_the_side_of_their_quadrant():
    kns = [kp(f"k{i}", g, b, q) for i, (g, b, q) in enumerate([("keten", 4, 4), ("kennis", 4, 4), ("kunde", 3, 3)])]
    kns.append(kp("x", "open", 3, 4))
    fig = matrix_figuur(kns)
    for t in fig.data:
        for x, y, ids in zip(t.x, t.y, t.customdata, strict=True):
            k = next(k for k in kns if k.id == ids[0])
            q = prio.kwadrant_van(k)
            assert (x > GRENS) == q.hoog_quick_win
            assert (y > GRENS) == q.hoog_belang


def test_same_spot_is_aggregated_and_gebieden_are_separated():
    kns = [kp(f"keten {i}", "keten", 4, 4, stemmen=i) for i in range(5)]
    kns += [kp("kennis", "kennis", 4, 4), kp("alleen", "kunde", 2, 2)]
    fig = matrix_figuur(kns)
    keten, kennis, kunde = _trace(fig, "Keten"), _trace(fig, "Kennis"), _trace(fig, "Kunde")
    assert len(keten.x) == 1  # five knelpunten, one marker
    assert keten.text[0] == "<b>2–6</b>" and kennis.text[0] == "<b>1</b>"  # numbers of matrix_legenda
    assert keten.marker.size[0] == marker_grootte(5) > kennis.marker.size[0] == marker_grootte(1)
    assert set(keten.customdata[0][0].split(ID_SEP)) == {k.id for k in kns[:5]}
    # two gebieden on one spot do not overlap; a gebied alone sits exactly on its spot
    assert (keten.x[0], keten.y[0]) != (kennis.x[0], kennis.y[0])
    assert (kunde.x[0], kunde.y[0]) == (2, 2)
    # deterministic: the same input gives the same picture
    again = matrix_figuur(list(reversed(kns)))
    assert (_trace(again, "Keten").x, _trace(again, "Keten").y) == (keten.x, keten.y)


def test_hover_shows_the_text_escaped_and_capped():
    kns = [kp(f"Knelpunt {i} <script>", "keten", 2, 2, stemmen=i) for i in range(12)]
    t = matrix_figuur(kns).data[0]
    hover = t.hovertext[0]
    assert "Knelpunt 11 &lt;script&gt;" in hover.split("<br>")[1]  # most votes first
    assert "<script>" not in hover
    assert "… en nog 4" in hover
    assert t.hoverinfo == "text"


def test_matrix_data_counts_and_skips_unscored():
    kns = [kp("a", "keten", 4, 4), kp("b", "keten", 4, 4), kp("c", "keten", 4, None), kp("d", None, 1, 1)]
    df = matrix_data(kns)
    assert sorted(df["aantal"].tolist()) == [1, 2]
    assert set(df["gebied"]) == {"keten", ""}


def test_selection_gives_knelpunt_ids():
    sel = {"points": [{"customdata": ["a b"]}, {"customdata": ["b c"]}, {"x": 1}]}
    assert ids_uit_selectie(sel) == ["a", "b", "c"]
    assert ids_uit_selectie(None) == []
    assert ids_uit_selectie({"points": []}) == []


def test_thousand_knelpunten_stay_a_handful_of_traces():
    rnd = random.Random(7)
    gebieden = [*methode.GEBIED_KEYS, None]
    kns = [kp(f"k{i}", rnd.choice(gebieden), rnd.randint(1, 5), rnd.randint(1, 5)) for i in range(1000)]
    fig = matrix_figuur(kns)
    assert len(fig.data) == len(gebieden)
    assert sum(len(t.x) for t in fig.data) <= 25 * len(gebieden)
    assert sum(len(ids[0].split(ID_SEP)) for t in fig.data for ids in t.customdata) == 1000
    assert all(n.startswith("<b>") for t in fig.data for n in t.text)  # every marker carries its numbers

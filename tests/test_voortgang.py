"""Progress tables and figures: actions by status per meeting, knelpunten opened/resolved over time,
and the timeline of meetings with the steps done and the current step."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from schouders import methode, planning, voortgang
from schouders.model import Actie, Knelpunt, Vraagstuk
from schouders.trajecten import nieuw_traject

START = date(2026, 9, 7)  # ma 7 september 2026


def _werkplaats(store):
    t = nieuw_traject(store, "Werkplaats voortgang", "werkplaats", start=START)
    items = planning.gesorteerd(store.snapshot(), t.id)
    return t, items


def test_acties_per_bijeenkomst_counts_by_status(store):
    t, items = _werkplaats(store)
    store.add_many(
        [
            Actie(traject_id=t.id, wat="a", ronde_id=items[2].id, status="klaar"),
            Actie(traject_id=t.id, wat="b", ronde_id=items[2].id, status="bezig"),
            Actie(traject_id=t.id, wat="c", ronde_id=items[3].id),
            Actie(traject_id=t.id, wat="d", ronde_id=None, status="gestopt"),
        ]
    )
    df = voortgang.acties_per_bijeenkomst(store.snapshot(), t.id)
    assert len(df) == (len(items) + 1) * len(methode.ACTIE_STATUSSEN)  # every meeting + "zonder"
    per = df.set_index(["nummer", "status"])["aantal"]
    assert per[(3, "Klaar")] == 1 and per[(3, "Bezig")] == 1 and per[(3, "Gepland")] == 0
    assert per[(4, "Gepland")] == 1
    assert per[(len(items) + 1, "Gestopt")] == 1
    assert df["bijeenkomst"].iloc[0] == "B1 · 7 sep 2026"
    assert df["bijeenkomst"].iloc[-1] == voortgang.ZONDER_BIJEENKOMST

    fig = voortgang.acties_figuur(df)
    assert isinstance(fig, go.Figure)
    assert [tr.name for tr in fig.data] == [lab for _, lab in methode.ACTIE_STATUSSEN]
    assert fig.layout.barmode == "stack"
    assert sum(sum(tr.y) for tr in fig.data) == 4
    klaar = next(tr for tr in fig.data if tr.name == "Klaar")
    assert list(klaar.x).index("B3 · 2 nov 2026") == 2 and klaar.y[2] == 1


def test_acties_per_bijeenkomst_respects_scope(store):
    t, items = _werkplaats(store)
    v1 = Vraagstuk(traject_id=t.id, tekst="Eigen vraag 1")
    store.add_many(
        [
            v1,
            Actie(traject_id=t.id, wat="a", ronde_id=items[0].id, vraagstuk_id=v1.id),
            Actie(traject_id=t.id, wat="b", ronde_id=items[0].id),
        ]
    )
    df = voortgang.acties_per_bijeenkomst(store.snapshot(), t.id, {v1.id})
    assert df["aantal"].sum() == 1


def test_knelpunten_over_tijd_is_cumulative(store):
    t, _ = _werkplaats(store)
    store.add_many(
        [
            Knelpunt(traject_id=t.id, tekst="a", aangemaakt="2026-09-07T10:00:00", opgelost=date(2026, 11, 2)),
            Knelpunt(traject_id=t.id, tekst="b", aangemaakt="2026-09-07T10:05:00"),
            Knelpunt(traject_id=t.id, tekst="c", aangemaakt="2026-10-05T11:00:00"),
        ]
    )
    df = voortgang.knelpunten_over_tijd(store.snapshot(), t.id)
    assert df["datum"].tolist() == [date(2026, 9, 7), date(2026, 10, 5), date(2026, 11, 2)]
    assert df["geopend"].tolist() == [2, 3, 3]
    assert df["opgelost"].tolist() == [0, 0, 1]
    assert df["open"].tolist() == [2, 3, 2]
    assert df["datum_nl"].tolist()[0] == "ma 7 september 2026"

    tot = voortgang.knelpunten_over_tijd(store.snapshot(), t.id, tot=date(2026, 12, 1))
    assert tot["datum"].iloc[-1] == date(2026, 12, 1) and tot["geopend"].iloc[-1] == 3

    fig = voortgang.knelpunten_figuur(df, planning.gesorteerd(store.snapshot(), t.id))
    assert [tr.name for tr in fig.data] == ["Genoteerd (totaal)", "Opgelost (totaal)"]
    assert list(fig.data[0].y) == [2, 3, 3] and list(fig.data[1].y) == [0, 0, 1]
    assert fig.data[0].customdata[0] == "ma 7 september 2026"  # Dutch dates in the hover
    assert all(any(m in tick for m in voortgang.MAANDEN_KORT) for tick in fig.layout.xaxis.ticktext)
    assert "sep" in fig.layout.xaxis.ticktext[0]
    assert any(a.text == "B1" for a in fig.layout.annotations)


def test_timeline_table_marks_held_meetings_and_current_step(store):
    t, items = _werkplaats(store)
    store.update("traject", t.id, huidige_stap=6)
    store.update("bijeenkomst", items[0].id, verslag="Goed begin")
    store.add(Vraagstuk(traject_id=t.id, tekst="Hoe eerder?"))
    vandaag = items[2].datum
    df = voortgang.tijdlijn(store.snapshot(), t.id, vandaag)
    assert df["Datum"].tolist()[:2] == ["ma 7 september 2026", "ma 5 oktober 2026"]
    assert df["Stand"].tolist()[:4] == ["✓ geweest", "✓ geweest", "vandaag", "gepland"]
    assert df["Verslag"].tolist()[:2] == ["ja", "nee"]
    assert df["Stappen"].iloc[2] == "5, ▶ 6, 7"


def test_timeline_figure_dots_done_and_planned_and_highlights_current_step(store):
    t, items = _werkplaats(store)
    store.update("traject", t.id, huidige_stap=3)
    store.add(Vraagstuk(traject_id=t.id, tekst="Hoe eerder?"))  # stap 1 has work
    vandaag = items[0].datum + timedelta(days=1)
    snap = store.snapshot()
    pts = voortgang.tijdlijn_punten(snap, t.id, vandaag)
    gedaan = pts[pts["gedaan"]]
    assert gedaan[["nummer", "stap"]].values.tolist() == [[1, 1]]  # held, and stap 1 has results
    fig = voortgang.tijdlijn_figuur(snap, t.id, vandaag)
    namen = [tr.name for tr in fig.data]
    assert namen == ["Gedaan", "Gepland"]
    assert fig.data[0].marker.symbol == "circle" and fig.data[1].marker.symbol == "circle-open"
    assert len(fig.data[0].x) + len(fig.data[1].x) == sum(len(b.stappen) for b in items)
    band = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(band) == 1 and band[0].y0 < 3 < band[0].y1
    assert any(a.text == "nu: stap 3" for a in fig.layout.annotations)
    assert list(fig.layout.xaxis.categoryarray)[0] == "B1 · 7 sep 2026"
    assert fig.layout.yaxis.ticktext[0] == "1. Vraagstuk"


def test_everything_works_on_an_empty_traject(store):
    t = nieuw_traject(store, "Leeg", "werkplaats", met_plan=False)
    snap = store.snapshot()
    vandaag = date(2026, 12, 15)
    assert voortgang.acties_per_bijeenkomst(snap, t.id).empty
    assert voortgang.knelpunten_over_tijd(snap, t.id, tot=vandaag).empty
    assert voortgang.tijdlijn(snap, t.id, vandaag).empty
    for fig in (
        voortgang.acties_figuur(voortgang.acties_per_bijeenkomst(snap, t.id)),
        voortgang.knelpunten_figuur(voortgang.knelpunten_over_tijd(snap, t.id), []),
        voortgang.tijdlijn_figuur(snap, t.id, vandaag),
    ):
        assert isinstance(fig, go.Figure)
        fig.to_json()  # serialisable: st.plotly_chart can send it

"""Groups of a themadag: managing them, counts per gebied per groep, the figures and the day's harvest."""

from __future__ import annotations

import json

import pytest

from schouders import groepen, methode
from schouders.model import Deelnemer, Groep, Knelpunt, Traject


@pytest.fixture
def demo(demo_store):
    snap = demo_store.snapshot()
    tid = next(t.id for t in snap.all("traject") if t.werkvorm == "themadag")
    return demo_store, tid


@pytest.fixture
def leeg(store):
    t = Traject(naam="Themadag leeg", werkvorm="themadag", procesbegeleiders=("Anouk", "Ruben"))
    store.add(t)
    return store, t.id


# ---- the groups --------------------------------------------------------------------------------------


def test_groups_sort_naturally_and_filter(store):
    t = Traject(naam="T", werkvorm="themadag")
    gs = [Groep(traject_id=t.id, naam=n) for n in ("Groep 10", "Groep 2", "Groep 1")]
    k = Knelpunt(traject_id=t.id, tekst="x", groep_id=gs[1].id)
    store.add_many([t, *gs, k])
    snap = store.snapshot()
    assert [g.naam for g in groepen.groepen(snap, t.id)] == ["Groep 1", "Groep 2", "Groep 10"]
    assert groepen.in_groep(snap.of("knelpunt", t.id), gs[1].id) == [k]
    assert groepen.in_groep(snap.of("knelpunt", t.id), gs[0].id) == []
    assert groepen.in_groep(snap.of("knelpunt", t.id), None) == [k]
    assert groepen.geldige_groep(snap, t.id, gs[0].id) == gs[0].id
    assert groepen.geldige_groep(snap, "ander", gs[0].id) is None
    assert groepen.geldige_groep(snap, t.id, None) is None


def test_make_groups_in_one_write_skipping_names_in_use(leeg):
    store, tid = leeg
    writes = store.writes
    nieuw = groepen.maak_groepen(store, tid, 3, ("Anouk", "Ruben"))
    assert store.writes == writes + 1
    assert [(g.naam, g.procesbegeleider) for g in nieuw] == [
        ("Groep 1", "Anouk"),
        ("Groep 2", "Ruben"),
        ("Groep 3", "Anouk"),
    ]
    meer = groepen.maak_groepen(store, tid, 2)
    assert [g.naam for g in meer] == ["Groep 4", "Groep 5"]
    with pytest.raises(ValueError, match="tussen 1 en 50"):
        groepen.maak_groepen(store, tid, 0)


def test_edit_groups_from_the_table(leeg):
    store, tid = leeg
    a, b = groepen.maak_groepen(store, tid, 2)
    ids = [a.id, b.id]
    r = groepen.pas_groepen_toe(
        store,
        tid,
        ids,
        {
            "edited_rows": {"0": {"naam": "Tafel rood", "procesbegeleider": "Fatma"}},
            "added_rows": [{"naam": "Tafel blauw"}, {}],
        },
    )
    assert (r.toegevoegd, r.gewijzigd, r.verwijderd) == (1, 1, 0)
    assert "1 toegevoegd" in r.melding()
    namen = {g.naam: g for g in store.snapshot().of("groep", tid)}
    assert set(namen) == {"Tafel rood", "Groep 2", "Tafel blauw"}
    assert namen["Tafel rood"].procesbegeleider == "Fatma"


def test_edits_are_all_or_nothing(leeg):
    store, tid = leeg
    a, b = groepen.maak_groepen(store, tid, 2)
    voor = store.snapshot().of("groep", tid)
    with pytest.raises(ValueError, match="Rij 1"):
        groepen.pas_groepen_toe(
            store, tid, [a.id, b.id], {"edited_rows": {"0": {"naam": ""}}, "added_rows": [{"naam": "Nieuw"}]}
        )
    with pytest.raises(ValueError, match="eigen naam"):
        groepen.pas_groepen_toe(store, tid, [a.id, b.id], {"edited_rows": {"1": {"naam": "groep 1"}}})
    assert store.snapshot().of("groep", tid) == voor


def test_deleting_a_group_keeps_its_work_without_a_group(demo):
    store, tid = demo
    snap = store.snapshot()
    lijst = groepen.groepen(snap, tid)
    a = lijst[0]
    van_a = [k.id for k in snap.of("knelpunt", tid) if k.groep_id == a.id]
    leden = [d.id for d in snap.of("deelnemer", tid) if d.groep_id == a.id]
    assert van_a and leden
    writes = store.writes
    r = groepen.pas_groepen_toe(store, tid, [g.id for g in lijst], {"deleted_rows": [0]})
    assert store.writes == writes + 1
    assert r.verwijderd == 1 and r.losgemaakt >= len(van_a) + len(leden)
    snap = store.snapshot()
    assert snap.get("groep", a.id) is None
    assert all(snap.get("knelpunt", i).groep_id is None for i in van_a)
    assert all(snap.get("deelnemer", i).groep_id is None for i in leden)
    assert not any(o.groep_id == a.id for kind in groepen.GROEP_SOORTEN for o in snap.of(kind, tid))
    assert store.check() == []


def test_verwijder_groepen(demo):
    store, tid = demo
    ids = [g.id for g in groepen.groepen(store.snapshot(), tid)]
    assert groepen.verwijder_groepen(store, tid, ids[:2]) == 2
    assert len(store.snapshot().of("groep", tid)) == 1


def test_members_and_spreading(leeg):
    store, tid = leeg
    g1, g2, g3 = groepen.maak_groepen(store, tid, 3)
    mensen = [
        Deelnemer(traject_id=tid, naam=f"Mens {i}", organisatie=("Gemeente" if i < 6 else f"Org {i}"))
        for i in range(10)
    ]
    store.add_many(mensen)
    assert groepen.zet_leden(store, tid, {mensen[0].id: g1.id, mensen[1].id: g1.id}) == 2
    assert groepen.zet_leden(store, tid, {mensen[0].id: g1.id}) == 0  # no change, no write needed
    with pytest.raises(ValueError, match="bestaat niet"):
        groepen.zet_leden(store, tid, {mensen[2].id: "weg"})
    # spread only who has no group yet: sizes end up as equal as possible
    verdeling = groepen.verdeel(store.snapshot(), tid, alleen_zonder_groep=True)
    assert set(verdeling) == {d.id for d in mensen[2:]}
    groepen.zet_leden(store, tid, verdeling)
    snap = store.snapshot()
    groottes = sorted(len(groepen.leden(snap, tid, g.id)) for g in (g1, g2, g3))
    assert groottes == [3, 3, 4]
    # spread everyone again: the six from the gemeente are spread over the three groups
    groepen.zet_leden(store, tid, groepen.verdeel(store.snapshot(), tid))
    snap = store.snapshot()
    for g in (g1, g2, g3):
        assert sum(1 for d in groepen.leden(snap, tid, g.id) if d.organisatie == "Gemeente") == 2


def test_spreading_needs_groups(leeg):
    store, tid = leeg
    with pytest.raises(ValueError, match="eerst groepen"):
        groepen.verdeel(store.snapshot(), tid)


def test_verdieping_suggestion_and_limit(demo):
    store, tid = demo
    snap = store.snapshot()
    voorstel = groepen.voorstel_verdieping(snap, tid)
    assert voorstel == ["keten", "klantbeleving"]  # 5 and 4 knelpunten; kennis also has 4, later in the order
    groepen.zet_verdieping(store, tid, ["klantbeleving", "keten"])
    assert store.snapshot().get("traject", tid).verdieping_gebieden == ("klantbeleving", "keten")
    limiet = methode.werkvorm("themadag").max_verdieping_gebieden
    with pytest.raises(ValueError, match=f"hooguit {limiet}"):
        groepen.zet_verdieping(store, tid, ["kennis", "kunde", "keten"])


# ---- counts --------------------------------------------------------------------------------------------


def test_counts_per_gebied_per_groep(demo):
    store, tid = demo
    snap = store.snapshot()
    tabel = groepen.per_gebied_per_groep(snap, tid)
    assert list(tabel.columns) == ["Groep A", "Groep B", "Groep C"]
    assert list(tabel.index) == [g.label for g in methode.GEBIEDEN] + [methode.NIET_INGEDEELD]
    assert int(tabel.to_numpy().sum()) == len(snap.of("knelpunt", tid)) == 21
    assert int(tabel.at["Keten", "Groep A"]) == 2
    totaal = groepen.met_totalen(tabel)
    assert int(totaal.at[groepen.TOTAAL, groepen.TOTAAL]) == 21
    assert list(totaal[groepen.TOTAAL])[:-1] == [int(v) for v in tabel.sum(axis=1)]


def test_counts_with_empty_groups_and_knelpunten_without_group(store):
    t = Traject(naam="T", werkvorm="themadag")
    g1, g2 = Groep(traject_id=t.id, naam="Groep 1"), Groep(traject_id=t.id, naam="Groep 2")
    store.add_many(
        [
            t,
            g1,
            g2,
            Knelpunt(traject_id=t.id, tekst="a", gebied="kennis", groep_id=g1.id),
            Knelpunt(traject_id=t.id, tekst="b", gebied="kennis"),
            Knelpunt(traject_id=t.id, tekst="c", gebied="keten", groep_id="verdwenen"),
        ]
    )
    snap = store.snapshot()
    tabel = groepen.per_gebied_per_groep(snap, t.id)
    assert list(tabel.columns) == ["Groep 1", "Groep 2", groepen.ZONDER_GROEP]
    assert methode.NIET_INGEDEELD not in tabel.index
    assert tabel["Groep 2"].sum() == 0
    assert int(tabel.at["Kennis", groepen.ZONDER_GROEP]) == 1 and int(tabel.at["Keten", groepen.ZONDER_GROEP]) == 1
    overzicht = groepen.groep_overzicht(snap, t.id)
    assert list(overzicht["Groep"]) == ["Groep 1", "Groep 2", groepen.ZONDER_GROEP]
    assert list(overzicht["Knelpunten"]) == [1, 0, 2]
    assert overzicht.loc[0, "Meeste knelpunten in"] == "Kennis (1)"


def test_counts_on_an_empty_traject(leeg):
    store, tid = leeg
    snap = store.snapshot()
    tabel = groepen.per_gebied_per_groep(snap, tid)
    assert tabel.shape == (len(methode.GEBIEDEN), 0)
    assert int(groepen.met_totalen(tabel).at[groepen.TOTAAL, groepen.TOTAAL]) == 0
    groepen.heatmap(tabel)
    groepen.gestapelde_staven(tabel)


def test_group_overview_of_the_demo(demo):
    store, tid = demo
    o = groepen.groep_overzicht(store.snapshot(), tid)
    assert list(o["Groep"]) == ["Groep A", "Groep B", "Groep C"]
    assert list(o["Deelnemers"]) == [3, 3, 3] and list(o["Knelpunten"]) == [7, 7, 7]
    assert list(o["Procesbegeleider"]) == ["Anouk de Wit", "Ruben Mulder", "Fatma Yilmaz"]


# ---- figures -------------------------------------------------------------------------------------------


def test_heatmap_shows_the_table(demo):
    store, tid = demo
    tabel = groepen.per_gebied_per_groep(store.snapshot(), tid)
    fig = groepen.heatmap(tabel)
    hm = fig.data[0]
    assert list(hm.x) == list(tabel.columns) and list(hm.y) == list(tabel.index)
    assert hm.z.tolist() == tabel.to_numpy().tolist()
    assert hm.texttemplate == "%{text}"  # numbers in the cells: readable without colour


def test_stacked_bars_in_method_order_and_colours(demo):
    store, tid = demo
    tabel = groepen.per_gebied_per_groep(store.snapshot(), tid)
    fig = groepen.gestapelde_staven(tabel)
    assert fig.layout.barmode == "stack"
    bars = [d for d in fig.data if d.type == "bar"]
    labels = [b.name for b in bars]
    assert labels == [i for i in tabel.index if tabel.loc[i].sum() > 0]
    kleur = {g.label: g.kleur for g in methode.GEBIEDEN}
    for b in bars:
        assert b.marker.color == kleur.get(b.name, methode.NIET_INGEDEELD_KLEUR)
        assert list(b.y) == [int(v) for v in tabel.loc[b.name]]
    totalen = next(d for d in fig.data if d.type == "scatter")
    assert [int(t.strip("<b>/")) for t in totalen.text] == [7, 7, 7]


def test_themes_figure_first_theme_on_top():
    rijen = [
        {"nr": 1, "thema": "AVG", "groepen": 3, "knelpunten": 5},
        {"nr": 2, "thema": "Elkaar kennen " * 10, "groepen": 2, "knelpunten": 7},
    ]
    fig = groepen.themas_figuur(rijen, 3)
    bar = fig.data[0]
    assert bar.y[-1] == "1. AVG"
    assert len(bar.y[0]) <= 60 and bar.y[0].endswith("…")
    assert list(bar.x) == [7, 5]
    assert bar.text[-1] == "5 knelpunten · 3 van 3 groepen"


# ---- the day's harvest ---------------------------------------------------------------------------------


def test_opbrengst_themadag_is_plain_data(demo):
    store, tid = demo
    o = groepen.opbrengst_themadag(store.snapshot(), tid, top=5, op="woorden")  # not what another test read
    json.dumps(o)  # plain data only
    assert o["titel"] == "Opbrengst themadag"
    assert o["totaal_knelpunten"] == 21 and o["aantal_groepen"] == 3
    assert [g["Groep"] for g in o["groepen"]] == ["Groep A", "Groep B", "Groep C"]
    tabel = o["per_gebied_per_groep"]
    assert tabel["kolommen"] == ["Aandachtsgebied", "Groep A", "Groep B", "Groep C", groepen.TOTAAL]
    assert tabel["rijen"][-1] == [groepen.TOTAAL, 7, 7, 7, 21]
    assert tabel["rijen"][0][0] == "Klantbeleving" and all(len(r) == 5 for r in tabel["rijen"])
    assert o["verdieping"] == ["Keten", "Kennis"]
    top3 = o["themas"][:3]
    assert all(t["groepen"] == 3 and t["genoemd_door"] == "alle 3 groepen" for t in top3)
    assert any("avg" in t["kernwoorden"] for t in top3)
    assert all(1 <= len(t["voorbeelden"]) <= 3 for t in o["themas"])
    assert o["aantal_themas"] == 3 and o["methode"] == "woorden"

"""A leernetwerk: every deelnemer brings an own vraagstuk with own knelpunten, actions and actieplan.
Three deelnemers must keep three separate vraagstukken and actieplannen, in the logic and on the pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schouders import uitvoering
from schouders.model import Actie, Deelnemer, Doel, Knelpunt, Oplossingsrichting, Vraagstuk
from schouders.trajecten import nieuw_traject, werkvraagstuk
from tests.helpers.kaarten import kaart_labels

VANDAAG = date(2027, 3, 1)
NAMEN = ("Aylin", "Bram", "Chris")


@pytest.fixture
def ln(store):
    t = nieuw_traject(store, "Leernetwerk arbeid en schulden", "leernetwerk", start=VANDAAG - timedelta(days=35))
    objs = []
    per: dict[str, dict] = {}
    for i, naam in enumerate(NAMEN):
        d = Deelnemer(traject_id=t.id, naam=naam, organisatie=f"Gemeente {naam}")
        v = Vraagstuk(traject_id=t.id, deelnemer_id=d.id, tekst=f"Vraagstuk van {naam}", werkvraag=True)
        klein = Vraagstuk(traject_id=t.id, deelnemer_id=d.id, parent_id=v.id, tekst=f"Deelvraag van {naam}")
        doel = Doel(traject_id=t.id, vraagstuk_id=v.id, tekst=f"Doel van {naam}")
        kn = [Knelpunt(traject_id=t.id, vraagstuk_id=v.id, tekst=f"Knelpunt {j} van {naam}") for j in range(i + 1)]
        r = Oplossingsrichting(
            traject_id=t.id, vraagstuk_id=v.id, titel=f"Richting van {naam}", knelpunt_ids=(kn[0].id,)
        )
        acties = [
            Actie(
                traject_id=t.id,
                vraagstuk_id=v.id if j == 0 else klein.id,
                richting_id=r.id,
                eigenaar_id=d.id,
                wat=f"Actie {j} van {naam}",
                deadline=VANDAAG + timedelta(days=7 * (j - 1)),
            )
            for j in range(i + 1)
        ]
        objs += [d, v, klein, doel, *kn, r, *acties]
        per[naam] = {"d": d, "v": v, "klein": klein, "kn": kn, "acties": acties}
    store.add_many(objs)
    return t, per


def test_three_deelnemers_keep_three_vraagstukken(store, ln):
    t, per = ln
    snap = store.snapshot()
    werkvragen = {naam: werkvraagstuk(snap, t.id, p["d"].id) for naam, p in per.items()}
    assert {naam: v.tekst for naam, v in werkvragen.items()} == {n: f"Vraagstuk van {n}" for n in NAMEN}
    scopes = {naam: uitvoering.deelnemer_scope(snap, t.id, p["d"].id) for naam, p in per.items()}
    assert all(len(s) == 2 for s in scopes.values())  # the vraagstuk and its smaller question
    a, b, c = scopes.values()
    assert not (a & b or a & c or b & c)
    assert uitvoering.deelnemer_scope(snap, t.id, None) is None


def test_three_separate_actieplannen_and_boards(store, ln):
    t, per = ln
    snap = store.snapshot()
    for i, (naam, p) in enumerate(per.items()):
        scope = uitvoering.deelnemer_scope(snap, t.id, p["d"].id)
        plan = uitvoering.actieplan(snap, t.id, scope)
        assert sorted(r["Actie"] for r in plan) == [f"Actie {j} van {naam}" for j in range(i + 1)]
        assert {r["Eigenaar"] for r in plan} == {naam}
        kaarten = [k for kol in uitvoering.bord(snap, t.id, VANDAAG, scope).values() for k in kol]
        assert {k.actie.id for k in kaarten} == {a.id for a in p["acties"]}
    assert len(uitvoering.actieplan(snap, t.id)) == 1 + 2 + 3


def test_evaluation_and_follow_up_stay_with_the_deelnemer(store, ln):
    t, per = ln
    bram = per["Bram"]
    uitvoering.zet_status(store, bram["acties"][1].id, "klaar")
    e = uitvoering.evalueer(
        store,
        t.id,
        actie_id=bram["acties"][1].id,
        antwoorden={"bijdrage": "Ja"},
        nieuwe_knelpunten=[("Werkgevers haken af", "keten")],
    )
    v = uitvoering.vervolg(store, bram["acties"][1].id, "Werkgevers opnieuw benaderen")
    snap = store.snapshot()
    k = snap.get("knelpunt", e.nieuwe_knelpunt_ids[0])
    assert k.vraagstuk_id == bram["klein"].id  # the evaluated action's own (smaller) vraagstuk
    scopes = {n: uitvoering.deelnemer_scope(snap, t.id, p["d"].id) for n, p in per.items()}
    assert k.vraagstuk_id in scopes["Bram"]
    assert v.vraagstuk_id in scopes["Bram"]
    assert [x.id for x in uitvoering.evaluaties_van(snap, t.id, scopes["Bram"])] == [e.id]
    assert uitvoering.evaluaties_van(snap, t.id, scopes["Aylin"]) == []
    assert uitvoering.evaluaties_van(snap, t.id, scopes["Chris"]) == []
    rijen = {r["Deelnemer"]: r for r in uitvoering.voortgang_deelnemers(snap, t.id, VANDAAG)}
    assert [rijen[n]["Knelpunten"] for n in NAMEN] == [1, 3, 3]
    assert [rijen[n]["Evaluaties"] for n in NAMEN] == [0, 1, 0]
    assert [rijen[n]["Klaar"] for n in NAMEN] == [0, 1, 0]
    assert [rijen[n]["Gepland"] for n in NAMEN] == [1, 2, 3]
    assert [rijen[n]["Te laat"] for n in NAMEN] == [1, 1, 1]  # each one's first action was due last week
    assert rijen["Chris"]["Doel"] == "Doel van Chris"


def _errors(at):
    return [e.value for e in at.exception]


def test_pages_show_one_deelnemer_at_a_time(app_test, store, ln):
    t, per = ln
    at = app_test()
    at.session_state["traject_id"] = t.id
    at.session_state["deelnemer_id"] = per["Chris"]["d"].id
    at.run()
    at.switch_page("pages/stap8_uitvoeren.py").run()
    assert not _errors(at), _errors(at)
    kaarten = kaart_labels(at)  # each action is a card that opens its status
    assert any(k.startswith("Actie 2 van Chris") for k in kaarten)
    assert not any("van Aylin" in x or "van Bram" in x for x in kaarten + [x.value for x in at.text])
    overzicht = at.dataframe[0].value
    assert overzicht["Deelnemer"].tolist() == list(NAMEN)  # all three side by side
    assert overzicht["Vraagstuk"].tolist() == [f"Vraagstuk van {n}" for n in NAMEN]

    at.switch_page("pages/stap10_bijsturen.py").run()
    assert not _errors(at), _errors(at)
    plan = at.dataframe[-1].value
    assert sorted(plan["Actie"]) == [f"Actie {j} van Chris" for j in range(3)]
    assert "Doel van Chris" in [x.value for x in at.text]

    # a free-change evaluation in stap 9 belongs to the chosen deelnemer's vraagstuk
    at.switch_page("pages/stap9_evalueren.py").run()
    assert not _errors(at), _errors(at)
    at.selectbox(key="s9_actie").set_value("")
    at.text_input(key="s9_onderwerp").input("Nieuwe intake geprobeerd")
    at.text_area(key="s9_bijdrage").input("Een beetje")
    at.text_input(key="s9_kn_0").input("Intake duurt te lang")
    next(b for b in at.button if b.label == "Evaluatie opslaan").click().run()
    assert not _errors(at), _errors(at)
    snap = store.snapshot()
    (e,) = snap.of("evaluatie", t.id)
    assert e.vraagstuk_id == per["Chris"]["v"].id
    assert snap.get("knelpunt", e.nieuwe_knelpunt_ids[0]).vraagstuk_id == per["Chris"]["v"].id

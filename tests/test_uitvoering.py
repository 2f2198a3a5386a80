"""Steps 8–10 logic: overdue actions, the board, evaluations that add knelpunten in one write,
adjusting, stopping and following up actions, resolving knelpunten, the action plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schouders import methode, uitvoering
from schouders.model import Actie, Bijeenkomst, Deelnemer, Knelpunt, Oplossingsrichting, Traject, Vraagstuk
from schouders.trajecten import stappen_gedaan

VANDAAG = date(2026, 12, 15)


@pytest.fixture
def wp(store):
    """A werkplaats with two deelnemers, one meeting, a richting over two knelpunten and three actions."""
    t = Traject(naam="Werkplaats test", werkvorm="werkplaats")
    ann = Deelnemer(traject_id=t.id, naam="Ann")
    bob = Deelnemer(traject_id=t.id, naam="Bob")
    b1 = Bijeenkomst(traject_id=t.id, nummer=1, datum=VANDAAG - timedelta(days=28))
    vs = Vraagstuk(traject_id=t.id, tekst="Hoe komt de overdracht eerder op gang?", werkvraag=True)
    k1 = Knelpunt(traject_id=t.id, tekst="Overdracht is traag", gebied="keten", vraagstuk_id=vs.id)
    k2 = Knelpunt(traject_id=t.id, tekst="Niemand belt terug", gebied="klantbeleving", vraagstuk_id=vs.id)
    r = Oplossingsrichting(traject_id=t.id, titel="Warme overdracht", knelpunt_ids=(k1.id, k2.id), vraagstuk_id=vs.id)
    laat = Actie(
        traject_id=t.id,
        wat="Formulier maken",
        richting_id=r.id,
        eigenaar_id=ann.id,
        deadline=VANDAAG - timedelta(days=1),
        ronde_id=b1.id,
        vraagstuk_id=vs.id,
    )
    bezig = Actie(
        traject_id=t.id,
        wat="Afspraak plannen",
        richting_id=r.id,
        eigenaar_id=bob.id,
        deadline=VANDAAG + timedelta(days=5),
        status="bezig",
        ronde_id=b1.id,
        vraagstuk_id=vs.id,
    )
    klaar = Actie(
        traject_id=t.id,
        wat="Lunchsessie houden",
        richting_id=r.id,
        deadline=VANDAAG - timedelta(days=9),
        status="klaar",
        ronde_id=b1.id,
        vraagstuk_id=vs.id,
    )
    store.add_many([t, ann, bob, b1, vs, k1, k2, r, laat, bezig, klaar])
    return {
        "t": t,
        "ann": ann,
        "bob": bob,
        "b1": b1,
        "vs": vs,
        "k1": k1,
        "k2": k2,
        "r": r,
        "laat": laat,
        "bezig": bezig,
        "klaar": klaar,
    }


def test_status_names_come_from_the_method():
    assert uitvoering.STATUS_KEYS == tuple(k for k, _ in methode.ACTIE_STATUSSEN)
    assert uitvoering.OPEN_STATUSSEN == ("gepland", "bezig")
    assert (uitvoering.KLAAR, uitvoering.GESTOPT) == ("klaar", "gestopt")


@pytest.mark.parametrize(
    ("status", "deadline", "verwacht"),
    [
        ("gepland", VANDAAG - timedelta(days=1), True),
        ("bezig", VANDAAG - timedelta(days=30), True),
        ("gepland", VANDAAG, False),  # due today is not late yet
        ("gepland", None, False),
        ("klaar", VANDAAG - timedelta(days=1), False),
        ("gestopt", VANDAAG - timedelta(days=1), False),
    ],
)
def test_te_laat(status, deadline, verwacht):
    a = Actie(traject_id="t", wat="x", status=status, deadline=deadline)
    assert uitvoering.te_laat(a, VANDAAG) is verwacht


def test_bord_has_every_status_column_in_method_order(store, wp):
    kolommen = uitvoering.bord(store.snapshot(), wp["t"].id, VANDAAG)
    assert list(kolommen) == list(uitvoering.STATUS_KEYS)
    assert [k.actie.wat for k in kolommen["gepland"]] == ["Formulier maken"]
    assert [k.actie.wat for k in kolommen["bezig"]] == ["Afspraak plannen"]
    assert [k.actie.wat for k in kolommen["klaar"]] == ["Lunchsessie houden"]
    assert kolommen["gestopt"] == []
    kaart = kolommen["gepland"][0]
    assert kaart.te_laat and kaart.eigenaar == "Ann" and kaart.deadline == "ma 14 december 2026"
    assert kolommen["klaar"][0].eigenaar == "nog niemand"
    assert uitvoering.aantal_te_laat(store.snapshot(), wp["t"].id, VANDAAG) == 1


def test_bord_puts_overdue_actions_on_top(store, wp):
    t = wp["t"]
    later_maar_laat = Actie(traject_id=t.id, wat="Oud", deadline=VANDAAG - timedelta(days=20))
    vroeg_niet_laat = Actie(traject_id=t.id, wat="Nieuw", deadline=VANDAAG + timedelta(days=1))
    store.add_many([vroeg_niet_laat, later_maar_laat])
    wat = [k.actie.wat for k in uitvoering.bord(store.snapshot(), t.id, VANDAAG)["gepland"]]
    assert wat == ["Oud", "Formulier maken", "Nieuw"]


def test_zet_status_moves_an_action(store, wp):
    uitvoering.zet_status(store, wp["laat"].id, "klaar")
    assert store.snapshot().get("actie", wp["laat"].id).status == "klaar"
    with pytest.raises(ValueError, match="Status"):
        uitvoering.zet_status(store, wp["laat"].id, "half")


def test_evalueer_adds_knelpunt_and_evaluatie_in_one_write(store, wp):
    before = store.writes
    e = uitvoering.evalueer(
        store,
        wp["t"].id,
        actie_id=wp["klaar"].id,
        antwoorden={
            "bijdrage": "Ja, consulenten verwijzen vaker door",
            "nieuwe_knelpunten": "De wachtlijst groeit",
            "verschuiving": "",
            "bijeffecten": "  ",
        },
        bijeenkomst_id=wp["b1"].id,
        nieuwe_knelpunten=[("Wachtlijst bij de schuldhulp groeit", "randvoorwaarden"), ("", "keten")],
    )
    assert store.writes == before + 1
    snap = store.snapshot()
    stored = snap.get("evaluatie", e.id)
    assert stored.antwoorden == {
        "bijdrage": "Ja, consulenten verwijzen vaker door",
        "nieuwe_knelpunten": "De wachtlijst groeit",
    }
    assert len(stored.nieuwe_knelpunt_ids) == 1
    k = snap.get("knelpunt", stored.nieuwe_knelpunt_ids[0])
    assert k.tekst == "Wachtlijst bij de schuldhulp groeit"
    assert (k.gebied, k.bron_stap, k.bron_id) == ("randvoorwaarden", 9, e.id)
    assert k.bijeenkomst_id == wp["b1"].id
    assert k.vraagstuk_id == wp["vs"].id  # taken from the evaluated action
    assert "evaluatie van: Actie: Lunchsessie houden" in uitvoering.herkomst(snap, k)
    assert "bijeenkomst 1 (di 17 november 2026)" in uitvoering.herkomst(snap, k)


def test_evalueer_a_change_that_is_not_an_action(store, wp):
    e = uitvoering.evalueer(
        store,
        wp["t"].id,
        onderwerp="Nieuwe werkwijze aan het loket",
        antwoorden={"bijeffecten": "Meer telefoontjes"},
        nieuwe_knelpunten=[("Telefoon is overbelast", None)],
    )
    snap = store.snapshot()
    assert uitvoering.evaluatie_onderwerp(snap, e) == "Nieuwe werkwijze aan het loket"
    k = snap.get("knelpunt", e.nieuwe_knelpunt_ids[0])
    assert k.gebied is None and k.bron_stap == 9
    assert k.vraagstuk_id is None and e.vraagstuk_id is None


def test_evalueer_a_change_for_one_vraagstuk(store, wp):
    e = uitvoering.evalueer(
        store, wp["t"].id, onderwerp="Loket anders ingericht", antwoorden={"bijdrage": "ja"}, vraagstuk_id=wp["vs"].id
    )
    assert e.vraagstuk_id == wp["vs"].id
    assert [x.id for x in uitvoering.evaluaties_van(store.snapshot(), wp["t"].id, {wp["vs"].id})] == [e.id]


@pytest.mark.parametrize(
    ("kwargs", "melding"),
    [
        ({"actie_id": None, "antwoorden": {"bijdrage": "ja"}}, "Kies een actie"),
        ({"antwoorden": {"bijdrage": "  "}}, "minstens één"),
        ({"antwoorden": {"bijdrage": "ja"}, "nieuwe_knelpunten": [("Iets", "onbekend")]}, "bestaat niet"),
        ({"actie_id": "weg", "antwoorden": {"bijdrage": "ja"}}, "bestaat niet meer"),
    ],
)
def test_evalueer_refuses_and_writes_nothing(store, wp, kwargs, melding):
    kwargs = {"actie_id": wp["klaar"].id, **kwargs}
    before = (store.writes, len(store.snapshot().all("knelpunt")))
    with pytest.raises(ValueError, match=melding):
        uitvoering.evalueer(store, wp["t"].id, **kwargs)
    assert (store.writes, len(store.snapshot().all("knelpunt"))) == before
    assert not store.snapshot().all("evaluatie")


def test_stuur_bij_new_deadline_and_owner(store, wp):
    a = uitvoering.stuur_bij(store, wp["laat"].id, deadline=VANDAAG + timedelta(days=14))
    assert a.deadline == VANDAAG + timedelta(days=14) and a.eigenaar_id == wp["ann"].id
    a = uitvoering.stuur_bij(store, wp["laat"].id, eigenaar_id=wp["bob"].id)
    assert a.eigenaar_id == wp["bob"].id and a.deadline == VANDAAG + timedelta(days=14)
    assert not uitvoering.te_laat(store.snapshot().get("actie", a.id), VANDAAG)
    with pytest.raises(ValueError, match="nieuwe deadline"):
        uitvoering.stuur_bij(store, wp["laat"].id)


def test_stop_keeps_the_action_visible(store, wp):
    uitvoering.stop(store, wp["laat"].id)
    snap = store.snapshot()
    assert snap.get("actie", wp["laat"].id).status == "gestopt"
    assert [k.actie.id for k in uitvoering.bord(snap, wp["t"].id, VANDAAG)["gestopt"]] == [wp["laat"].id]
    assert any(r["Status"] == "Gestopt" for r in uitvoering.actieplan(snap, wp["t"].id))


def test_vervolg_links_to_the_original(store, wp):
    b2 = Bijeenkomst(traject_id=wp["t"].id, nummer=2, datum=VANDAAG)
    store.add(b2)
    assert 10 not in stappen_gedaan(store.snapshot(), wp["t"].id)
    v = uitvoering.vervolg(
        store, wp["klaar"].id, "Handreiking schrijven", deadline=VANDAAG + timedelta(days=21), ronde_id=b2.id
    )
    snap = store.snapshot()
    stored = snap.get("actie", v.id)
    assert stored.vervolg_op == wp["klaar"].id
    assert (stored.richting_id, stored.vraagstuk_id, stored.ronde_id) == (wp["r"].id, wp["vs"].id, b2.id)
    assert stored.status == "gepland"
    assert 10 in stappen_gedaan(snap, wp["t"].id)
    rij = next(r for r in uitvoering.actieplan(snap, wp["t"].id) if r["Actie"] == "Handreiking schrijven")
    assert rij["Vervolg op"] == "Lunchsessie houden"
    assert rij["Deadline"] == "di 5 januari 2027"
    assert rij["Bijeenkomst"] == "2"
    with pytest.raises(ValueError, match="Actie is leeg"):
        uitvoering.vervolg(store, wp["klaar"].id, "  ")


def test_markeer_opgelost_sets_and_clears_in_one_write(store, wp):
    assert [k.id for k in uitvoering.knelpunten_bij_acties(store.snapshot(), wp["klaar"])] == [
        wp["k1"].id,
        wp["k2"].id,
    ]
    before = store.writes
    assert uitvoering.markeer_opgelost(store, [wp["k1"].id, wp["k2"].id], VANDAAG) == 2
    assert store.writes == before + 1
    assert store.snapshot().get("knelpunt", wp["k1"].id).opgelost == VANDAAG
    uitvoering.markeer_opgelost(store, [wp["k2"].id], None)
    assert store.snapshot().get("knelpunt", wp["k2"].id).opgelost is None


def test_scope_filters_actions_and_evaluations(store, wp):
    t = wp["t"]
    ander = Vraagstuk(traject_id=t.id, tekst="Een ander vraagstuk")
    a2 = Actie(traject_id=t.id, wat="Andere actie", vraagstuk_id=ander.id)
    store.add_many([ander, a2])
    snap = store.snapshot()
    assert [a.wat for a in uitvoering.open_acties(snap, t.id, {ander.id})] == ["Andere actie"]
    assert len(uitvoering.open_acties(snap, t.id)) == 3
    e = uitvoering.evalueer(store, t.id, actie_id=a2.id, antwoorden={"bijdrage": "ja"})
    snap = store.snapshot()
    assert [x.id for x in uitvoering.evaluaties_van(snap, t.id, {ander.id})] == [e.id]
    assert uitvoering.evaluaties_van(snap, t.id, {wp["vs"].id}) == []

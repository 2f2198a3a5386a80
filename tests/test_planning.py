"""The meeting plan: the werkvorm's proposal, current/next meeting, duration limits, add/remove/move/shift."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schouders import planning
from schouders.model import Actie, Bijeenkomst, Deelnemer, Knelpunt
from schouders.trajecten import nieuw_traject

START = date(2027, 1, 11)  # a Monday


@pytest.fixture
def wp(store):
    return nieuw_traject(store, "Werkplaats plan", "werkplaats", start=START)


def _plan(store, tid):
    return planning.gesorteerd(store.snapshot(), tid)


def test_werkplaats_proposes_eight_meetings_about_a_month_apart(store, wp):
    items = _plan(store, wp.id)
    assert [b.nummer for b in items] == list(range(1, 9))
    assert all((b.datum - a.datum).days == 28 for a, b in zip(items, items[1:], strict=False))
    assert items[0].stappen == (1, 2, 3, 4)
    assert all(planning.opent_met_evaluatie(b) for b in items[3:])  # after the first actions: 9 and 10 first
    assert "hooguit 8 bijeenkomsten, ongeveer een maand uit elkaar" in planning.plan_uitleg("werkplaats")
    assert "online hooguit 2,5 uur" in planning.plan_uitleg("werkplaats")


def test_leernetwerk_and_themadag_rhythm(store):
    ln = nieuw_traject(store, "Leernetwerk plan", "leernetwerk", start=START)
    items = _plan(store, ln.id)
    assert len(items) == 7
    assert [(b.datum - START).days for b in items[:6]] == [0, 7, 14, 21, 28, 35]
    assert items[-1].titel == "Terugkombijeenkomst" and (items[-1].datum - items[-2].datum).days == 90
    assert "6 bijeenkomsten, een week uit elkaar" in planning.plan_uitleg("leernetwerk")
    assert "één dag in 2 delen" in planning.plan_uitleg("themadag")


def test_huidige_en_volgende_bijeenkomst(store, wp):
    items = _plan(store, wp.id)
    assert planning.huidige_bijeenkomst(items, START - timedelta(days=5)).nummer == 1
    assert planning.huidige_bijeenkomst(items, START + timedelta(days=30)).nummer == 2
    assert planning.huidige_bijeenkomst(items, START + timedelta(days=56)).nummer == 3  # the day itself
    assert planning.volgende_bijeenkomst(items, START + timedelta(days=56)).nummer == 4
    assert planning.volgende_bijeenkomst(items, START + timedelta(days=400)) is None
    assert planning.huidige_bijeenkomst([], START) is None


@pytest.mark.parametrize(
    ("online", "duur", "waarschuwt"),
    [(False, 4.0, False), (False, 4.5, True), (True, 2.5, False), (True, 3.0, True)],
)
def test_duur_waarschuwing_follows_the_werkvorm(online, duur, waarschuwt):
    b = Bijeenkomst(traject_id="t", online=online, duur_uren=duur)
    tekst = planning.duur_waarschuwing(b, "werkplaats")
    assert (tekst is not None) is waarschuwt
    if waarschuwt:
        assert ("2,5 uur" if online else "4 uur") in tekst
        assert ("online" if online else "fysiek") in tekst


def test_voeg_toe_after_the_last_meeting(store, wp):
    b = planning.voeg_toe(store, wp.id, START)
    assert b.nummer == 9 and b.titel == "Bijeenkomst 9"
    assert b.datum == START + timedelta(days=28 * 8)
    assert b.stappen == planning.OPENING_STAPPEN


def test_voeg_toe_to_an_empty_plan_starts_today(store):
    t = nieuw_traject(store, "Zonder plan", "werkplaats", met_plan=False)
    b = planning.voeg_toe(store, t.id, START)
    assert (b.nummer, b.datum, b.stappen) == (1, START, ())


def test_verwijder_renumbers_in_one_write(store, wp):
    items = _plan(store, wp.id)
    store.update("bijeenkomst", items[4].id, titel="Extra sessie met experts")
    before = store.writes
    planning.verwijder(store, wp.id, items[2].id)
    assert store.writes == before + 1
    na = _plan(store, wp.id)
    assert [b.nummer for b in na] == list(range(1, 8))
    assert [b.titel for b in na][2:4] == ["Bijeenkomst 3", "Extra sessie met experts"]  # typed titles stay
    assert na[2].id == items[3].id


def test_verwijder_refuses_meetings_with_history(store, wp):
    items = _plan(store, wp.id)
    store.add(Knelpunt(traject_id=wp.id, tekst="Iets knelt", bijeenkomst_id=items[0].id))
    store.add(Actie(traject_id=wp.id, wat="Iets doen", ronde_id=items[0].id))
    with pytest.raises(ValueError, match="1 knelpunten, 1 acties"):
        planning.verwijder(store, wp.id, items[0].id)
    store.update("bijeenkomst", items[1].id, verslag="Goed gesprek")
    with pytest.raises(ValueError, match="verslag"):
        planning.verwijder(store, wp.id, items[1].id)
    assert len(_plan(store, wp.id)) == 8


def test_verplaats_swaps_content_and_keeps_dates_in_order(store, wp):
    items = _plan(store, wp.id)
    store.update("bijeenkomst", items[1].id, intentie="Doel vaststellen")
    planning.verplaats(store, wp.id, items[1].id, +1)
    na = _plan(store, wp.id)
    assert na[2].id == items[1].id and na[2].intentie == "Doel vaststellen"
    assert na[2].datum == items[2].datum and na[1].datum == items[1].datum
    assert [b.titel for b in na[:3]] == ["Bijeenkomst 1", "Bijeenkomst 2", "Bijeenkomst 3"]
    with pytest.raises(ValueError, match="Verder kan"):
        planning.verplaats(store, wp.id, na[0].id, -1)


def test_verschuif_moves_this_and_later_meetings(store, wp):
    items = _plan(store, wp.id)
    assert planning.verschuif(store, wp.id, items[5].id, 7) == 3
    na = _plan(store, wp.id)
    assert [b.datum for b in na[:5]] == [b.datum for b in items[:5]]
    assert [b.datum for b in na[5:]] == [b.datum + timedelta(days=7) for b in items[5:]]


def test_zet_opening_vooraan_keeps_other_steps(store, wp):
    items = _plan(store, wp.id)
    b = planning.zet_opening_vooraan(store, items[2].id)
    assert b.stappen == (9, 10, 5, 6, 7)
    assert planning.opent_met_evaluatie(b)


def test_moet_openen_met_evaluatie_only_in_a_werkplaats_after_actions(store, wp):
    snap = store.snapshot()
    items = _plan(store, wp.id)
    assert not planning.moet_openen_met_evaluatie(snap, wp.id, items[1])
    assert planning.moet_openen_met_evaluatie(snap, wp.id, items[3])  # meeting 3 covered stap 7
    td = nieuw_traject(store, "Themadag plan", "themadag", start=START)
    snap = store.snapshot()
    assert not planning.moet_openen_met_evaluatie(snap, td.id, _plan(store, td.id)[1])


def test_stand_and_verslag_tekst(store, wp):
    items = _plan(store, wp.id)
    d = Deelnemer(traject_id=wp.id, naam="Ann")
    store.add(d)
    store.update("bijeenkomst", items[0].id, verslag="We kozen het vraagstuk.", aanwezigen=(d.id,), intentie="Start")
    store.add(Actie(traject_id=wp.id, wat="Bellen", ronde_id=items[0].id, eigenaar_id=d.id, deadline=START))
    snap = store.snapshot()
    s = planning.stand(snap, wp.id, voor=items[1])
    assert s.vorige.id == items[0].id and s.acties_open == 1 and s.bijeenkomsten_met_verslag == 1
    assert planning.stand_tekst(s).startswith("0 knelpunten · 0 oplossingsrichtingen · 0 acties klaar, 1 open")
    assert planning.stand(snap, wp.id, voor=items[0]).vorige is None
    tekst = planning.verslag_tekst(snap, snap.get("bijeenkomst", items[0].id))
    assert "Datum: ma 11 januari 2027 (fysiek, 2 uur)" in tekst
    assert "Aanwezig: Ann" in tekst and "We kozen het vraagstuk." in tekst
    assert "- Bellen – Ann, ma 11 januari 2027 (gepland)" in tekst

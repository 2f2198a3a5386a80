"""Stap 2 as the method asks: 'Parkeer' moves a quickscanpunt to the parkeerplaats (and back), and a punt that
sounds like a solution offers that move in one click."""

from __future__ import annotations

import pytest

from schouders import ontdekken
from schouders.model import Quickscanpunt
from schouders.store import Store
from schouders.trajecten import nieuw_traject

# Written for these tests: how people in a session tend to slip into solutions …
OPLOSSINGEN = [
    "We moeten een gezamenlijk spreekuur organiseren",
    "Wij moeten de formulieren samenvoegen",
    "We zouden elke maand met de woningcorporatie om tafel kunnen",
    "De gemeente zou moeten terugbellen binnen twee dagen",
    "Laten we een vaste contactpersoon per wijk afspreken",
    "Kunnen we niet één loket voor alle aanvragen maken?",
    "Waarom niet gewoon langsgaan in plaats van een brief sturen?",
    "Eén centraal telefoonnummer, dat moet er komen",
    "Idee: ervaringsdeskundigen bij het intakegesprek",
    "Mijn voorstel is een gezamenlijke training voor de consulenten",
    "Een oplossing is de aanvraag digitaal doen",
    "Misschien kunnen we de wachttijd halveren met een extra medewerker",
    "Een vast aanspreekpunt aanstellen.",
    "Samen met de bibliotheek een inloop organiseren",
    "Tolken inzetten",
    "Voor de wijkteams nieuwe laptops aanschaffen",
    "WE GAAN volgend jaar werken met één dossier",
    "Het zou helpen als de brieven in gewone taal zijn",
]

# … and plain succes- and verbeterpunten that say what is, not what to do.
GEWONE_PUNTEN = [
    "Inwoners wachten te lang op een afspraak",
    "De brieven zijn onduidelijk",
    "Er is geen vast aanspreekpunt",
    "Inwoners moeten zelf een afspraak maken",  # 'moeten' alone is not a proposal
    "Consulenten weten niet wie de schuldhulp doet",
    "Het is lastig om vervoer naar de dagbesteding te organiseren",  # 'te organiseren': a complaint
    "Wijkteams organiseren maandelijks een overleg met de huisartsen",  # a plural verb, not a proposal
    "Geen idee wie de nazorg oppakt",
    "Er is nog geen oplossing voor de lange wachtlijst",
    "Gegevens worden twee keer uitgevraagd",
    "De lijnen met het wijkteam zijn kort",
    "Vrijwilligers kennen de buurt goed",
    "Aanvragen liggen weken op de plank",
    "Oplossingsrichtingen komen pas in stap 6",  # a longer word that starts like 'oplossing'
    "Niemand voelt zich eigenaar van de overdracht",
]


@pytest.mark.parametrize("tekst", OPLOSSINGEN)
def test_solution_like_texts_get_the_hint(tekst: str) -> None:
    assert ontdekken.klinkt_als_oplossing(tekst)


@pytest.mark.parametrize("tekst", GEWONE_PUNTEN)
def test_plain_punten_get_no_hint(tekst: str) -> None:
    assert not ontdekken.klinkt_als_oplossing(tekst)


def test_the_phrase_lists_are_data_and_each_phrase_fires_on_its_own() -> None:
    assert len(ontdekken.OPLOSSING_SIGNALEN) >= 10
    for zin in ontdekken.OPLOSSING_SIGNALEN:
        assert zin == zin.lower().strip()
        assert ontdekken.klinkt_als_oplossing(f"Tja, {zin.upper()} iets anders")  # case ignored
        assert not ontdekken.klinkt_als_oplossing(f"x{zin.replace(' ', '')}x")  # whole words only
    for werkwoord in ontdekken.OPLOSSING_WERKWOORDEN:
        assert ontdekken.klinkt_als_oplossing(f"Iets {werkwoord}.")
        assert not ontdekken.klinkt_als_oplossing(f"Moeilijk om iets te {werkwoord}")
    assert not ontdekken.klinkt_als_oplossing("") and not ontdekken.klinkt_als_oplossing("   ")


# ---- moving and moving back ----------------------------------------------------------------------------


@pytest.fixture
def tid(store: Store) -> str:
    return nieuw_traject(store, "Werkplaats", "werkplaats").id


def test_parkeer_moves_the_punt_in_one_write(store: Store, tid: str) -> None:
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "We moeten een gezamenlijk spreekuur organiseren", groep_id="g")
    blijft = ontdekken.voeg_punt_toe(store, tid, "verbeter", "De brieven zijn onduidelijk")
    writes = store.writes
    o = ontdekken.parkeer_punt(store, p.id)
    assert store.writes == writes + 1
    snap = store.snapshot()
    assert ontdekken.quickscan(snap, tid) == ([], [blijft])
    assert ontdekken.geparkeerde_punten(snap, tid) == {p.id}
    assert [(x.id, x.tekst, x.bron_id, x.groep_id) for x in ontdekken.geparkeerd(snap, tid)] == [
        (o.id, p.tekst, p.id, "g")
    ]  # stap 6 reads this list: the parked punt comes back there
    assert ontdekken.uit_quickscan(snap, o) == p
    with pytest.raises(ValueError, match="al op de parkeerplaats"):
        ontdekken.parkeer_punt(store, p.id)
    assert store.writes == writes + 1


def test_a_parked_succespunt_no_longer_counts_for_the_warning(store: Store, tid: str) -> None:
    s = ontdekken.voeg_punt_toe(store, tid, "succes", "Laten we de korte lijnen vasthouden")
    ontdekken.voeg_punt_toe(store, tid, "verbeter", "Inwoners wachten te lang op een afspraak")
    assert ontdekken.quickscan_waarschuwing(*ontdekken.quickscan(store.snapshot(), tid)) is None
    ontdekken.parkeer_punt(store, s.id)
    assert ontdekken.quickscan_waarschuwing(*ontdekken.quickscan(store.snapshot(), tid))


@pytest.mark.parametrize("soort", ["succes", "verbeter"])
def test_terug_naar_quickscan_restores_the_punt_as_it_was_in_one_write(store: Store, tid: str, soort: str) -> None:
    p = ontdekken.voeg_punt_toe(store, tid, soort, "Idee: een inloop in het wijkcentrum", bijeenkomst_id="b1")
    o = ontdekken.parkeer_punt(store, p.id)
    writes = store.writes
    terug = ontdekken.terug_naar_quickscan(store, o.id)
    assert store.writes == writes + 1
    snap = store.snapshot()
    assert terug == p and snap.get("quickscanpunt", p.id) == p  # same id, soort, text, meeting
    assert snap.of("oplossing", tid) == [] and ontdekken.geparkeerde_punten(snap, tid) == set()
    succes, verbeter = ontdekken.quickscan(snap, tid)
    assert (succes if soort == "succes" else verbeter) == [p]
    ontdekken.parkeer_punt(store, p.id)  # and it can be parked again
    assert ontdekken.quickscan(store.snapshot(), tid) == ([], [])


def test_terug_is_refused_without_a_write_when_there_is_nothing_to_go_back_to(store: Store, tid: str) -> None:
    direct = ontdekken.parkeer_oplossing(store, tid, "Een inloopspreekuur")
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Een spreekuur opzetten")
    opgepakt = ontdekken.parkeer_punt(store, p.id)
    store.save(opgepakt.met(opgepakt=True))  # stap 6 made a richting of it
    writes = store.writes
    with pytest.raises(ValueError, match="niet uit de quickscan"):
        ontdekken.terug_naar_quickscan(store, direct.id)
    with pytest.raises(ValueError, match="al opgepakt"):
        ontdekken.terug_naar_quickscan(store, opgepakt.id)
    with pytest.raises(ValueError, match="bestaat niet meer"):
        ontdekken.terug_naar_quickscan(store, "weg")
    assert store.writes == writes
    assert ontdekken.quickscan(store.snapshot(), tid) == ([], [])  # an opgepakt punt stays parked


def test_removing_a_moved_punt_from_the_parkeerplaats_removes_it_for_good(store: Store, tid: str) -> None:
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "We zouden een app kunnen bouwen")
    o = ontdekken.parkeer_punt(store, p.id)
    direct = ontdekken.parkeer_oplossing(store, tid, "Een inloopspreekuur")
    writes = store.writes
    ontdekken.verwijder_oplossing(store, o.id)
    assert store.writes == writes + 1
    snap = store.snapshot()
    assert snap.get("quickscanpunt", p.id) is None  # does not pop up in the quickscan again
    assert ontdekken.quickscan(snap, tid) == ([], [])
    ontdekken.verwijder_oplossing(store, direct.id)
    assert store.snapshot().of("oplossing", tid) == []


def test_an_older_store_with_a_copied_punt_loads_and_shows_it_parked(store: Store, tid: str) -> None:
    """Before this change 'Parkeer' copied: the punt stayed and an oplossing with bron_id was added. Such a
    store needs no migration; the punt now counts as parked and can go back."""
    p = Quickscanpunt.from_dict(
        {"id": "q1", "traject_id": tid, "soort": "verbeter", "tekst": "Een gezamenlijk intakeformulier", "oud": 1}
    )
    store.add(p)
    o = ontdekken.parkeer_oplossing(store, tid, p.tekst)
    store.save(o.met(bron_id=p.id))
    assert ontdekken.quickscan(store.snapshot(), tid) == ([], [])
    ontdekken.terug_naar_quickscan(store, o.id)
    assert ontdekken.quickscan(store.snapshot(), tid) == ([], [p])


# ---- the page ------------------------------------------------------------------------------------------


def _open(app_test, tid: str, presentatie: bool = False):
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page("pages/stap2_quickscan.py").run()
    if presentatie:
        at.session_state["presentatie"] = True
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sleutels(at) -> set[str]:
    return {b.key for b in at.button}


def _koppen(at) -> list[str]:
    return [h.value for h in at.subheader]


def test_page_parkeer_moves_the_punt_from_the_column_to_the_parkeerplaats_and_back(
    app_test, store: Store, tid: str
) -> None:
    ontdekken.nieuw_vraagstuk(store, tid, "Ons vraagstuk")
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Een gezamenlijk intakeformulier")
    at = _open(app_test, tid)
    assert "Verbeterpunten (1)" in _koppen(at)
    assert "Parkeerplaats · oplossingen voor later (0)" in _koppen(at)

    at.button(key=f"s2_park_{p.id}").click().run()
    (o,) = store.snapshot().of("oplossing", tid)
    assert o.bron_id == p.id
    assert "Verbeterpunten (0)" in _koppen(at) and "Parkeerplaats · oplossingen voor later (1)" in _koppen(at)
    assert f"s2_park_{p.id}" not in _sleutels(at) and f"s2_opl_terug_{o.id}" in _sleutels(at)
    assert any("parkeerplaats verplaatst" in s.value for s in at.success)

    at.button(key=f"s2_opl_terug_{o.id}").click().run()
    assert store.snapshot().of("oplossing", tid) == []
    assert "Verbeterpunten (1)" in _koppen(at) and "Parkeerplaats · oplossingen voor later (0)" in _koppen(at)
    assert f"s2_park_{p.id}" in _sleutels(at)
    assert any("Weer een verbeterpunt" in s.value for s in at.success)


def test_page_offers_the_hint_only_for_a_solution_like_punt(app_test, store: Store, tid: str) -> None:
    ontdekken.nieuw_vraagstuk(store, tid, "Ons vraagstuk")
    oplossing = ontdekken.voeg_punt_toe(store, tid, "verbeter", "We moeten een gezamenlijk spreekuur organiseren")
    gewoon = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Inwoners wachten te lang op een afspraak")
    at = _open(app_test, tid)
    hint = at.button(key=f"s2_hint_{oplossing.id}")
    assert hint.label == "Klinkt als een oplossing: parkeren?"
    assert f"s2_hint_{gewoon.id}" not in _sleutels(at)

    hint.click().run()
    (o,) = store.snapshot().of("oplossing", tid)
    assert o.bron_id == oplossing.id and f"s2_hint_{oplossing.id}" not in _sleutels(at)
    assert "Verbeterpunten (1)" in _koppen(at)


def test_presentation_board_leaves_parked_punten_out(app_test, store: Store, tid: str) -> None:
    ontdekken.nieuw_vraagstuk(store, tid, "Ons vraagstuk")
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Laten we een spreekuur houden")
    ontdekken.voeg_punt_toe(store, tid, "verbeter", "De brieven zijn onduidelijk")
    ontdekken.parkeer_punt(store, p.id)
    at = _open(app_test, tid, presentatie=True)
    bord = "\n".join(h.value for h in at.main.get("html"))
    assert "De brieven zijn onduidelijk" in bord and "Laten we een spreekuur houden" not in bord
    assert any("Op de parkeerplaats: 1 oplossing voor stap 6." in c.value for c in at.caption)


def test_a_parked_punt_is_not_counted_on_the_overview(store):
    from schouders import trajecten
    from schouders.model import Traject

    t = Traject(naam="Tellen", werkvorm="werkplaats")
    p = Quickscanpunt(traject_id=t.id, soort="verbeter", tekst="We moeten een spreekuur organiseren")
    q = Quickscanpunt(traject_id=t.id, soort="verbeter", tekst="De brieven zijn onduidelijk")
    store.add_many([t, p, q])
    assert trajecten.tel(store.snapshot(), t.id).verbeterpunten == 2
    ontdekken.parkeer_punt(store, p.id)
    assert trajecten.tel(store.snapshot(), t.id).verbeterpunten == 1


def test_a_parked_punt_is_listed_once_in_the_actieplan(store):
    from schouders.exporters import markdown, rapport
    from schouders.model import Traject

    t = Traject(naam="Rapport", werkvorm="werkplaats")
    p = Quickscanpunt(traject_id=t.id, soort="verbeter", tekst="Laten we een gezamenlijk spreekuur houden")
    store.add_many([t, p])
    ontdekken.parkeer_punt(store, p.id)
    tekst = markdown.render(rapport.actieplan(store.snapshot(), t.id))
    assert tekst.count("Laten we een gezamenlijk spreekuur houden") == 1
    assert "Geparkeerde oplossingen" in tekst

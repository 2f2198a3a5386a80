"""Domain operations of steps 4–5: one store write each, undo keeps the id, bulk paste in one write."""

from __future__ import annotations

import pytest

from schouders import knelpunten as kp
from schouders import methode
from schouders.model import Traject
from schouders.store import Store

ZOOM = (
    "14:10:05 From Marieke Visser to Everyone:\n\tKlanten haken af\n"
    "14:10:41 From Youssef Amrani to Marieke Visser(Direct Message):\n\tprivé\n"
    "14:11:02 From Youssef Amrani to Everyone:\n\tGeen tijd\n\tvoor overleg\n"
)


@pytest.fixture
def tid(store: Store) -> str:
    t = Traject(naam="Domein", werkvorm="themadag")
    store.add(t)
    return t.id


def test_add_is_one_write_and_keeps_source(store: Store, tid: str) -> None:
    before = store.writes
    k = kp.voeg_toe(store, tid, "  Te weinig tijd  ", "randvoorwaarden", bijeenkomst_id="b1", bron_stap=4)
    assert store.writes == before + 1
    stored = store.snapshot().get("knelpunt", k.id)
    assert stored.tekst == "Te weinig tijd" and stored.gebied == "randvoorwaarden"
    assert stored.bijeenkomst_id == "b1" and stored.bron_stap == 4
    with pytest.raises(ValueError, match="leeg"):
        kp.voeg_toe(store, tid, "   ")
    assert store.writes == before + 1


def test_preview_rows_and_bulk_save_in_one_write(store: Store, tid: str) -> None:
    rijen = kp.voorbeeld_rijen(ZOOM)
    assert [r["tekst"] for r in rijen] == ["Klanten haken af", "Geen tijd\nvoor overleg"]
    assert all(r["bewaren"] and r["gebied"] == methode.NIET_INGEDEELD for r in rijen)
    rijen[1]["gebied"] = "Keten"
    rijen.append({"bewaren": False, "tekst": "niet bewaren", "auteur": "", "gebied": "Kennis"})
    rijen.append({"bewaren": True, "tekst": "  ", "auteur": "", "gebied": "Kennis"})
    before = store.writes
    assert kp.bewaar_rijen(store, tid, rijen, bijeenkomst_id="b2") == 2
    assert store.writes == before + 1
    saved = sorted(store.snapshot().of("knelpunt", tid), key=lambda k: k.tekst)
    assert [(k.tekst, k.auteur, k.gebied, k.bijeenkomst_id) for k in saved] == [
        ("Geen tijd\nvoor overleg", "Youssef Amrani", "keten", "b2"),
        ("Klanten haken af", "Marieke Visser", None, "b2"),
    ]


def test_bulk_save_refuses_nothing_and_bad_rows_without_writing(store: Store, tid: str) -> None:
    before = store.writes
    with pytest.raises(ValueError, match="niets"):
        kp.bewaar_rijen(store, tid, [{"bewaren": False, "tekst": "x"}])
    with pytest.raises(ValueError, match="Regel 2"):
        kp.bewaar_rijen(store, tid, [{"tekst": "goed"}, {"tekst": "x" * 3000}])
    assert store.writes == before
    assert store.snapshot().of("knelpunt", tid) == []


def test_move_edit_relate_and_toelichting(store: Store, tid: str) -> None:
    k = kp.voeg_toe(store, tid, "Dossiers raken zoek")
    kp.verplaats(store, k.id, "keten")
    kp.wijzig_tekst(store, k.id, "Dossiers raken zoek bij overdracht")
    kp.zet_relaties(store, k.id, ["randvoorwaarden", "keten", "kennis"])
    kp.zet_toelichting(store, k.id, "Systemen sluiten niet aan")
    k2 = store.snapshot().get("knelpunt", k.id)
    assert k2.gebied == "keten" and k2.tekst.endswith("overdracht")
    assert k2.gerelateerde_gebieden == ("randvoorwaarden", "kennis")  # own gebied dropped
    assert k2.toelichting == "Systemen sluiten niet aan"
    kp.verplaats(store, k.id, None)
    assert store.snapshot().get("knelpunt", k.id).gebied is None
    with pytest.raises(ValueError):
        kp.verplaats(store, k.id, "bestaat_niet")


def test_delete_and_undo_keeps_the_same_id(store: Store, tid: str) -> None:
    k = kp.voeg_toe(store, tid, "Weg ermee", "kunde")
    kp.zet_relaties(store, k.id, ["keten"])
    weg = kp.verwijder(store, store.snapshot(), k.id)
    assert store.snapshot().get("knelpunt", k.id) is None
    kp.herstel(store, weg)
    terug = store.snapshot().get("knelpunt", k.id)
    assert terug == weg and terug.gerelateerde_gebieden == ("keten",)
    with pytest.raises(ValueError, match="al weer"):
        kp.herstel(store, weg)
    with pytest.raises(ValueError, match="bestaat niet meer"):
        kp.verwijder(store, store.snapshot(), "onbekend")


def test_themadag_verdieping_limited_to_two(store: Store, tid: str) -> None:
    t = kp.zet_verdieping_gebieden(store, tid, ["kennis", "keten"])
    assert t.verdieping_gebieden == ("kennis", "keten")
    with pytest.raises(ValueError, match="hooguit 2"):
        kp.zet_verdieping_gebieden(store, tid, ["kennis", "keten", "kunde"])


def test_experts_and_leeslijst(store: Store, tid: str) -> None:
    e = kp.voeg_expert_toe(store, tid, "Sara", "Ketenbureau", "keten", "sara@example.org")
    item = kp.voeg_leesitem_toe(store, tid, "Handreiking AVG", "https://example.org/avg", "kennis")
    snap = store.snapshot()
    assert snap.get("expert", e.id).contact == "sara@example.org"
    assert snap.get("leesitem", item.id).gebied == "kennis"
    with pytest.raises(ValueError):
        kp.voeg_expert_toe(store, tid, "  ")
    assert kp.verwijder_items(store, "expert", [e.id]) == 1
    with pytest.raises(ValueError, match="Kies eerst"):
        kp.verwijder_items(store, "leesitem", [])

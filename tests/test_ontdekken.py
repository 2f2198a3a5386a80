"""Rules of the first steps: deelnemers from a data editor, vraagstuk tree and werkvraag, leernetwerk scope,
quickscan (parking, promotion to knelpunt) and the SMART goal with its history."""

from __future__ import annotations

import pytest

from schouders import methode, ontdekken
from schouders.model import Actie, Deelnemer, Doel, Quickscanpunt
from schouders.store import Store
from schouders.trajecten import nieuw_traject


@pytest.fixture
def tid(store: Store) -> str:
    return nieuw_traject(store, "Werkplaats", "werkplaats").id


@pytest.fixture
def leernetwerk(store: Store) -> tuple[str, list[Deelnemer]]:
    t = nieuw_traject(store, "Leernetwerk", "leernetwerk")
    mensen = [Deelnemer(traject_id=t.id, naam=n) for n in ("Ada", "Bas", "Cem")]
    store.add_many(mensen)
    return t.id, mensen


def _smart(**letters: str) -> dict[str, dict[str, str]]:
    return {k: {"status": v, "notitie": ""} for k, v in letters.items()}


# ---- SMART ---------------------------------------------------------------------------------------------


def test_smart_compleet_only_when_all_five_are_ja() -> None:
    alles = _smart(S="ja", M="ja", A="ja", R="ja", T="ja")
    assert ontdekken.smart_compleet(alles)
    assert ontdekken.smart_open(alles) == []
    assert ontdekken.smart_waarschuwingen(alles) == []


def test_smart_missing_letters_count_as_onduidelijk_and_are_listed_in_order() -> None:
    smart = {"T": {"status": "nee", "notitie": "Geen datum"}, "S": {"status": "ja"}}
    assert not ontdekken.smart_compleet(smart)
    assert ontdekken.smart_open(smart) == ["M", "A", "R", "T"]
    assert ontdekken.smart_status(smart, "M") == "onduidelijk"
    regels = ontdekken.smart_waarschuwingen(smart)
    assert regels[0].startswith("M – Meetbaar: onduidelijk")
    assert regels[-1] == "T – Tijdgebonden: nee (Geen datum)"
    assert ontdekken.smart_kort(smart) == "S✓ M? A? R? T✗"
    assert not ontdekken.smart_compleet(None)


def test_maak_smart_fills_all_letters_and_keeps_notes_on_one_line() -> None:
    smart = ontdekken.maak_smart({"S": "ja", "M": None}, {"S": "  eerste\nregel  ", "T": None})
    assert set(smart) == set(ontdekken.SMART_LETTERS)
    assert smart["S"] == {"status": "ja", "notitie": "eerste regel"}
    assert smart["M"]["status"] == "onduidelijk"
    with pytest.raises(ValueError, match="kies"):
        ontdekken.maak_smart({"S": "misschien"}, {})
    with pytest.raises(ValueError, match="te lang"):
        ontdekken.maak_smart({}, {"S": "x" * (ontdekken.MAX_NOTITIE + 1)})


def test_every_save_is_a_new_version_newest_first(store: Store, tid: str) -> None:
    v1 = ontdekken.bewaar_doel(store, tid, "Meer mensen krijgen hulp.", _smart(S="ja", M="nee"))
    v2 = ontdekken.bewaar_doel(store, tid, "80% krijgt binnen twee weken hulp.", _smart(S="ja", M="ja"))
    v3 = ontdekken.bewaar_doel(
        store, tid, "80% krijgt binnen twee weken hulp.", _smart(S="ja", M="ja"), soort="subdoel"
    )
    historie = ontdekken.doel_historie(store.snapshot(), tid)
    assert [d.id for d in historie] == [v3.id, v2.id, v1.id]  # same second: order still kept
    assert historie[-1].tekst == "Meer mensen krijgen hulp."


def test_unchanged_or_empty_goal_is_refused_and_nothing_written(store: Store, tid: str) -> None:
    ontdekken.bewaar_doel(store, tid, "Doel", _smart(S="ja"))
    writes = store.writes
    with pytest.raises(ValueError, match="niets veranderd"):
        ontdekken.bewaar_doel(store, tid, "  Doel ", _smart(S="ja"))
    with pytest.raises(ValueError, match="leeg"):
        ontdekken.bewaar_doel(store, tid, "   ", _smart(S="ja"))
    with pytest.raises(ValueError, match="Soort"):
        ontdekken.bewaar_doel(store, tid, "Ander doel", {}, soort="wens")
    assert store.writes == writes
    assert len(store.snapshot().of("doel", tid)) == 1


# ---- vraagstuk tree and werkvraag ---------------------------------------------------------------------


def test_first_vraagstuk_is_werkvraag_and_splitting_keeps_the_others(store: Store, tid: str) -> None:
    breed = ontdekken.nieuw_vraagstuk(store, tid, "Hoe helpen we mensen met schulden?")
    assert breed.werkvraag
    a = ontdekken.nieuw_vraagstuk(store, tid, "Hoe dragen we warmer over?", parent_id=breed.id)
    b = ontdekken.nieuw_vraagstuk(store, tid, "Hoe herkennen we schulden?", parent_id=breed.id)
    assert not a.werkvraag and not b.werkvraag
    writes = store.writes
    ontdekken.kies_werkvraag(store, b.id)
    assert store.writes == writes + 1
    snap = store.snapshot()
    assert [v.id for v in snap.of("vraagstuk", tid) if v.werkvraag] == [b.id]
    assert ontdekken.werkvraag(snap, tid).id == b.id
    assert [(v.id, d) for v, d in ontdekken.boom(snap, tid)] == [(breed.id, 0), (a.id, 1), (b.id, 1)]


def test_empty_or_duplicate_vraagstuk_is_refused(store: Store, tid: str) -> None:
    with pytest.raises(ValueError, match="leeg"):
        ontdekken.nieuw_vraagstuk(store, tid, "  \n ")
    ontdekken.nieuw_vraagstuk(store, tid, "Vraag")
    with pytest.raises(ValueError, match="staat er al"):
        ontdekken.nieuw_vraagstuk(store, tid, " vraag ")
    assert len(store.snapshot().of("vraagstuk", tid)) == 1


def test_delete_vraagstuk_moves_werkvraag_to_parent_and_protects_work(store: Store, tid: str) -> None:
    breed = ontdekken.nieuw_vraagstuk(store, tid, "Breed")
    klein = ontdekken.nieuw_vraagstuk(store, tid, "Klein", parent_id=breed.id)
    with pytest.raises(ValueError, match="kleinere vragen"):
        ontdekken.verwijder_vraagstuk(store, breed.id)
    ontdekken.kies_werkvraag(store, klein.id)
    ontdekken.verwijder_vraagstuk(store, klein.id)
    assert ontdekken.werkvraag(store.snapshot(), tid).id == breed.id
    assert store.snapshot().get("vraagstuk", breed.id).werkvraag
    ontdekken.voeg_punt_toe(store, tid, "succes", "Gaat goed", vraagstuk_id=breed.id)
    with pytest.raises(ValueError, match="werk"):
        ontdekken.verwijder_vraagstuk(store, breed.id)


def test_kenmerken_are_stored_on_the_vraagstuk(store: Store, tid: str) -> None:
    v = ontdekken.nieuw_vraagstuk(store, tid, "Vraag")
    assert len(ontdekken.ontbrekende_kenmerken(v)) == len(methode.KENMERKEN_VRAAGSTUK)
    eerste = methode.KENMERKEN_VRAAGSTUK[0][0]
    v = ontdekken.zet_kenmerken(store, v.id, {eerste: True})
    assert store.snapshot().get("vraagstuk", v.id).kenmerken == {eerste: True}
    assert len(ontdekken.ontbrekende_kenmerken(v)) == len(methode.KENMERKEN_VRAAGSTUK) - 1
    klein = ontdekken.nieuw_vraagstuk(store, tid, "Kleiner", parent_id=v.id)
    assert klein.kenmerken == {eerste: True}  # starts with the marks of the broad question


# ---- leernetwerk: one tree per deelnemer ------------------------------------------------------------


def test_leernetwerk_every_deelnemer_has_an_own_tree_and_werkvraag(
    store: Store, leernetwerk: tuple[str, list[Deelnemer]]
) -> None:
    tid, (ada, bas, cem) = leernetwerk
    va = ontdekken.nieuw_vraagstuk(store, tid, "Vraag van Ada", deelnemer_id=ada.id)
    vb = ontdekken.nieuw_vraagstuk(store, tid, "Vraag van Bas", deelnemer_id=bas.id)
    klein = ontdekken.nieuw_vraagstuk(store, tid, "Kleiner bij Bas", deelnemer_id=bas.id, parent_id=vb.id)
    assert va.werkvraag and vb.werkvraag  # one werkvraag per deelnemer, not per traject
    ontdekken.kies_werkvraag(store, klein.id)
    snap = store.snapshot()
    assert ontdekken.werkvraag(snap, tid, ada.id).id == va.id  # Ada's choice is untouched
    assert ontdekken.werkvraag(snap, tid, bas.id).id == klein.id
    assert ontdekken.werkvraag(snap, tid, cem.id) is None
    assert ontdekken.scope_ids(snap, tid, bas.id) == {vb.id, klein.id}
    regels = ontdekken.leernetwerk_overzicht(snap, tid)
    assert [(r.deelnemer.naam, r.werkvraag.tekst if r.werkvraag else None, r.aantal_vragen) for r in regels] == [
        ("Ada", "Vraag van Ada", 1),
        ("Bas", "Kleiner bij Bas", 2),
        ("Cem", None, 0),
    ]


def test_leernetwerk_work_is_filtered_per_deelnemer(store: Store, leernetwerk: tuple[str, list[Deelnemer]]) -> None:
    tid, (ada, bas, _) = leernetwerk
    va = ontdekken.nieuw_vraagstuk(store, tid, "Vraag van Ada", deelnemer_id=ada.id)
    vb = ontdekken.nieuw_vraagstuk(store, tid, "Vraag van Bas", deelnemer_id=bas.id)
    ontdekken.voeg_punt_toe(store, tid, "succes", "Ada gaat goed", vraagstuk_id=va.id)
    ontdekken.voeg_punt_toe(store, tid, "verbeter", "Bas kan beter", vraagstuk_id=vb.id)
    ontdekken.bewaar_doel(store, tid, "Doel van Bas", {}, vraagstuk_id=vb.id, deelnemer_id=bas.id)
    snap = store.snapshot()
    succes, verbeter = ontdekken.quickscan(snap, tid, ada.id)
    assert [p.tekst for p in succes] == ["Ada gaat goed"] and verbeter == []
    assert ontdekken.doel_historie(snap, tid, ada.id) == []
    assert [d.tekst for d in ontdekken.doel_historie(snap, tid, bas.id)] == ["Doel van Bas"]


def test_leernetwerk_subvraag_must_stay_with_the_same_deelnemer(
    store: Store, leernetwerk: tuple[str, list[Deelnemer]]
) -> None:
    tid, (ada, bas, _) = leernetwerk
    va = ontdekken.nieuw_vraagstuk(store, tid, "Vraag van Ada", deelnemer_id=ada.id)
    with pytest.raises(ValueError, match="dezelfde deelnemer"):
        ontdekken.nieuw_vraagstuk(store, tid, "Kleiner", deelnemer_id=bas.id, parent_id=va.id)


def test_geldige_deelnemer_only_in_a_leernetwerk(store: Store, tid: str, leernetwerk) -> None:
    lid, (ada, bas, _) = leernetwerk
    snap = store.snapshot()
    assert ontdekken.geldige_deelnemer(snap, tid, ada.id) is None  # werkplaats: no deelnemer scope
    assert ontdekken.geldige_deelnemer(snap, lid, bas.id) == bas.id
    assert ontdekken.geldige_deelnemer(snap, lid, "weg") == ada.id


# ---- quickscan ---------------------------------------------------------------------------------------


def test_promote_verbeterpunt_to_knelpunt_keeps_the_link_in_one_write(store: Store, tid: str) -> None:
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Inwoners maken zelf een afspraak", bijeenkomst_id="b1")
    writes = store.writes
    k = ontdekken.maak_knelpunt(store, p.id, "keten")
    assert store.writes == writes + 1
    snap = store.snapshot()
    kp = snap.get("knelpunt", k.id)
    assert (kp.tekst, kp.gebied, kp.bron_id, kp.bron_stap, kp.bijeenkomst_id) == (p.tekst, "keten", p.id, 2, "b1")
    assert snap.get("quickscanpunt", p.id).knelpunt_id == k.id
    with pytest.raises(ValueError, match="al een knelpunt"):
        ontdekken.maak_knelpunt(store, p.id, "kennis")
    assert len(store.snapshot().of("knelpunt", tid)) == 1


def test_promote_without_gebied_is_nog_niet_ingedeeld_and_succes_is_refused(store: Store, tid: str) -> None:
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Punt")
    assert ontdekken.maak_knelpunt(store, p.id, "").gebied is None
    s = ontdekken.voeg_punt_toe(store, tid, "succes", "Gaat goed")
    with pytest.raises(ValueError, match="Alleen een verbeterpunt"):
        ontdekken.maak_knelpunt(store, s.id, "keten")
    with pytest.raises(ValueError, match="bestaat niet"):
        ontdekken.maak_knelpunt(store, "weg", "keten")


def test_park_a_punt_in_one_click_moves_it_and_keeps_the_source(store: Store, tid: str) -> None:
    p = ontdekken.voeg_punt_toe(store, tid, "verbeter", "Een gezamenlijk intakeformulier")
    writes = store.writes
    o = ontdekken.parkeer_punt(store, p.id)
    assert store.writes == writes + 1
    snap = store.snapshot()
    assert (o.tekst, o.bron_id) == (p.tekst, p.id)
    assert ontdekken.quickscan(snap, tid) == ([], [])  # moved: no longer a verbeterpunt
    assert snap.get("quickscanpunt", p.id) is not None  # kept as it was, so it can go back
    with pytest.raises(ValueError, match="al op de parkeerplaats"):
        ontdekken.parkeer_punt(store, p.id)
    direct = ontdekken.parkeer_oplossing(store, tid, "Inloopspreekuur")
    assert [x.id for x in ontdekken.geparkeerd(store.snapshot(), tid)] == [o.id, direct.id]


def test_empty_entries_are_refused_without_a_write(store: Store, tid: str) -> None:
    writes = store.writes
    with pytest.raises(ValueError, match="leeg"):
        ontdekken.voeg_punt_toe(store, tid, "succes", "   ")
    with pytest.raises(ValueError, match="leeg"):
        ontdekken.parkeer_oplossing(store, tid, "\t")
    assert store.writes == writes


def test_gentle_warning_when_only_verbeterpunten() -> None:
    punt = Quickscanpunt(traject_id="t", soort="verbeter", tekst="x")
    assert ontdekken.quickscan_waarschuwing([], [punt])
    assert ontdekken.quickscan_waarschuwing([punt.met(soort="succes")], [punt]) is None
    assert ontdekken.quickscan_waarschuwing([], []) is None


# ---- deelnemers from a data editor ---------------------------------------------------------------------


def _editor(edited=None, added=None, deleted=None) -> dict:
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}


def test_deelnemers_added_edited_and_deleted_in_one_write(store: Store, tid: str) -> None:
    store.add_many([Deelnemer(traject_id=tid, naam="Ada"), Deelnemer(traject_id=tid, naam="Bas")])
    ids, _ = ontdekken.deelnemer_rijen(store.snapshot(), tid)
    writes = store.writes
    res = ontdekken.pas_deelnemers_toe(
        store,
        tid,
        ids,
        _editor({0: {"organisatie": "Gemeente", "rol": methode.ROLLEN[0]}}, [{"naam": "Cem"}, {}], [1]),
    )
    assert store.writes == writes + 1
    assert (res.toegevoegd, res.gewijzigd, res.verwijderd) == (1, 1, 1)
    assert res.nieuw_ids[1] is None  # the empty new row is skipped, not refused
    mensen = {d.naam: d for d in store.snapshot().of("deelnemer", tid)}
    assert set(mensen) == {"Ada", "Cem"}
    assert (mensen["Ada"].organisatie, mensen["Ada"].rol) == ("Gemeente", methode.ROLLEN[0])


def test_deleting_a_deelnemer_leaves_no_id_behind(store: Store, tid: str) -> None:
    ada, bas = Deelnemer(traject_id=tid, naam="Ada"), Deelnemer(traject_id=tid, naam="Bas")
    b = store.snapshot().of("bijeenkomst", tid)[0]
    acties = [Actie(traject_id=tid, wat=f"Actie {i}", eigenaar_id=bas.id) for i in range(2)]
    store.add_many(
        [
            ada,
            bas,
            b.met(aanwezigen=(ada.id, bas.id)),
            *acties,
            Actie(traject_id=tid, wat="Van Ada", eigenaar_id=ada.id),
        ]
    )
    ids, _ = ontdekken.deelnemer_rijen(store.snapshot(), tid)
    writes = store.writes
    res = ontdekken.pas_deelnemers_toe(store, tid, ids, _editor(deleted=[ids.index(bas.id)]))
    assert store.writes == writes + 1  # the deelnemer, the attendance and the owners in one write
    snap = store.snapshot()
    assert snap.get("deelnemer", bas.id) is None
    assert snap.get("bijeenkomst", b.id).aanwezigen == (ada.id,)
    assert {a.wat: a.eigenaar_id for a in snap.of("actie", tid)} == {
        "Actie 0": None,
        "Actie 1": None,
        "Van Ada": ada.id,
    }
    assert res.zonder_eigenaar == 2 and "2 acties hebben nu geen eigenaar" in res.melding()


def test_deelnemers_replaying_the_same_edits_changes_nothing(store: Store, tid: str) -> None:
    """The editor keeps its edits; every change replays all of them, so they must apply once."""
    wijz = _editor(added=[{"naam": "Ada"}])
    eerste = ontdekken.pas_deelnemers_toe(store, tid, [], wijz)
    writes = store.writes
    tweede = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, eerste.nieuw_ids)
    assert not tweede.iets and store.writes == writes
    wijz["added_rows"][0]["email"] = "ada@example.nl"
    derde = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, tweede.nieuw_ids)
    assert derde.gewijzigd == 1 and derde.toegevoegd == 0
    (ada,) = store.snapshot().of("deelnemer", tid)
    assert (ada.id, ada.email) == (eerste.nieuw_ids[0], "ada@example.nl")
    wijz["added_rows"].clear()  # the new row was removed again in the editor
    vierde = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, derde.nieuw_ids)
    assert vierde.verwijderd == 1 and store.snapshot().of("deelnemer", tid) == []


def test_invalid_deelnemer_rows_are_refused_row_by_row_with_one_message(store: Store, tid: str) -> None:
    store.add(Deelnemer(traject_id=tid, naam="Ada"))
    ids, _ = ontdekken.deelnemer_rijen(store.snapshot(), tid)
    writes = store.writes
    res = ontdekken.pas_deelnemers_toe(
        store,
        tid,
        ids,
        _editor({0: {"email": "geen-mail"}}, [{"naam": "Bas"}, {"naam": "  ", "organisatie": "Wijkteam"}]),
    )
    assert res.geweigerd == (
        "Rij 1 (Ada), e-mail: 'geen-mail' lijkt geen e-mailadres.",
        "Rij 3, naam: is leeg. Vul een tekst in.",
    )
    bericht = res.weigering()
    assert bericht is not None and bericht.startswith("Niet bewaard (2 regels): Rij 1 (Ada), e-mail:")
    assert store.writes == writes + 1 and res.toegevoegd == 1  # Bas is valid: saved, in one write
    assert [(d.naam, d.email) for d in store.snapshot().of("deelnemer", tid)] == [("Ada", ""), ("Bas", "")]
    assert res.nieuw_ids[1] is None  # the refused new row became nobody (yet)


def test_valid_and_invalid_edit_in_one_rerun_saves_the_valid_one(store: Store, tid: str) -> None:
    """A fast user picks a rol in row 1 and types a bad e-mail in row 2 before the rerun: both arrive in
    one replay. The rol is saved; row 2 is refused with row and field named and stays as it was stored."""
    ada = Deelnemer(traject_id=tid, naam="Ada")
    bas = Deelnemer(traject_id=tid, naam="Bas", organisatie="Wijkteam", email="bas@example.nl")
    store.add_many([ada, bas])
    ids, _ = ontdekken.deelnemer_rijen(store.snapshot(), tid)
    rol = methode.ROLLEN[0]
    wijz = _editor({0: {"rol": rol}, 1: {"email": "geen-mail", "organisatie": "Gemeente"}})
    writes = store.writes
    res = ontdekken.pas_deelnemers_toe(store, tid, ids, wijz)
    assert (res.toegevoegd, res.gewijzigd, res.verwijderd) == (0, 1, 0) and store.writes == writes + 1
    assert res.geweigerd == ("Rij 2 (Bas), e-mail: 'geen-mail' lijkt geen e-mailadres.",)  # not organisatie
    assert "Rij 2 (Bas), e-mail" in (res.weigering() or "")
    snap = store.snapshot()
    assert snap.get("deelnemer", ada.id).rol == rol
    assert snap.get("deelnemer", bas.id) == bas  # the bad row as it was: its valid organisatie waits too

    # The editor replays the same edits on its next change: nothing is written twice, the refusal stays.
    writes = store.writes
    again = ontdekken.pas_deelnemers_toe(store, tid, ids, wijz, res.nieuw_ids)
    assert not again.iets and store.writes == writes and again.geweigerd == res.geweigerd
    assert [d.id for d in store.snapshot().of("deelnemer", tid)] == [ada.id, bas.id]

    # The e-mail is fixed in the editor: that row is saved now, once; the rol is not written again.
    wijz["edited_rows"][1]["email"] = "bas@gemeente.nl"
    fixed = ontdekken.pas_deelnemers_toe(store, tid, ids, wijz, again.nieuw_ids)
    assert (fixed.gewijzigd, fixed.geweigerd, fixed.weigering()) == (1, (), None)
    assert store.writes == writes + 1
    na = store.snapshot().get("deelnemer", bas.id)
    assert (na.email, na.organisatie) == ("bas@gemeente.nl", "Gemeente")
    writes = store.writes
    assert not ontdekken.pas_deelnemers_toe(store, tid, ids, wijz, fixed.nieuw_ids).iets
    assert store.writes == writes


def test_refused_new_row_is_added_once_when_fixed(store: Store, tid: str) -> None:
    """An added row with a bad e-mail is not added; fixed later it is added once, then only updated."""
    wijz = _editor(added=[{"naam": "Ada", "rol": methode.ROLLEN[0]}, {"naam": "Bas", "email": "geen-mail"}])
    eerste = ontdekken.pas_deelnemers_toe(store, tid, [], wijz)
    assert eerste.toegevoegd == 1 and eerste.nieuw_ids[1] is None
    assert eerste.geweigerd == ("Rij 2 (Bas), e-mail: 'geen-mail' lijkt geen e-mailadres.",)
    assert [d.naam for d in store.snapshot().of("deelnemer", tid)] == ["Ada"]
    writes = store.writes
    tweede = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, eerste.nieuw_ids)
    assert not tweede.iets and store.writes == writes and tweede.nieuw_ids == eerste.nieuw_ids
    wijz["added_rows"][1]["email"] = "bas@example.nl"
    derde = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, tweede.nieuw_ids)
    assert (derde.toegevoegd, derde.gewijzigd, derde.geweigerd) == (1, 0, ())
    vierde = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, derde.nieuw_ids)
    assert not vierde.iets and vierde.nieuw_ids == derde.nieuw_ids
    mensen = store.snapshot().of("deelnemer", tid)
    assert [(d.naam, d.email) for d in mensen] == [("Ada", ""), ("Bas", "bas@example.nl")]
    assert derde.nieuw_ids == tuple(d.id for d in mensen)


def test_saved_new_row_made_invalid_keeps_its_stored_version(store: Store, tid: str) -> None:
    """A new row that was saved and then gets a bad cell stays as saved and keeps its deelnemer: fixed, it
    updates that deelnemer instead of adding a second one."""
    wijz = _editor(added=[{"naam": "Ada"}])
    eerste = ontdekken.pas_deelnemers_toe(store, tid, [], wijz)
    wijz["added_rows"][0]["email"] = "geen-mail"
    tweede = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, eerste.nieuw_ids)
    assert not tweede.iets and tweede.nieuw_ids == eerste.nieuw_ids
    assert tweede.geweigerd == ("Rij 1 (Ada), e-mail: 'geen-mail' lijkt geen e-mailadres.",)
    wijz["added_rows"][0]["email"] = "ada@example.nl"
    derde = ontdekken.pas_deelnemers_toe(store, tid, [], wijz, tweede.nieuw_ids)
    assert (derde.toegevoegd, derde.gewijzigd) == (0, 1)
    (ada,) = store.snapshot().of("deelnemer", tid)
    assert (ada.id, ada.email) == (eerste.nieuw_ids[0], "ada@example.nl")


def test_leernetwerk_deelnemer_with_own_vraagstuk_is_not_deleted(
    store: Store, leernetwerk: tuple[str, list[Deelnemer]]
) -> None:
    tid, (ada, bas, cem) = leernetwerk
    ontdekken.nieuw_vraagstuk(store, tid, "Vraag van Ada", deelnemer_id=ada.id)
    ids, _ = ontdekken.deelnemer_rijen(store.snapshot(), tid)
    res = ontdekken.pas_deelnemers_toe(store, tid, ids, _editor(deleted=[0, 1]))
    assert res.verwijderd == 1  # Bas has no vraagstuk: he goes, Ada stays
    assert res.geweigerd == ("Rij 1 (Ada): heeft een eigen vraagstuk in stap 1; verwijder dat eerst.",)
    assert [d.id for d in store.snapshot().of("deelnemer", tid)] == [ada.id, cem.id]
    assert bas.id not in {d.id for d in store.snapshot().of("deelnemer", tid)}


def test_doel_versions_record_the_bijeenkomst(store: Store, tid: str) -> None:
    b = store.snapshot().of("bijeenkomst", tid)[0]
    d = ontdekken.bewaar_doel(store, tid, "Doel", {}, bijeenkomst_id=b.id)
    assert isinstance(d, Doel) and store.snapshot().get("doel", d.id).bijeenkomst_id == b.id

"""Round trips: what Schouders exports, it imports back without loss."""

from __future__ import annotations

import dataclasses
import json

import pytest

from schouders.demo import THEMADAG, WERKPLAATS
from schouders.exporters import spreadsheet
from schouders.exporters import trello as trello_export
from schouders.importers import backup, tabel
from schouders.importers import trello as trello_import
from schouders.model import Actie, Deelnemer, Knelpunt, Oplossingsrichting, Traject

LASTIGE_TEKSTEN = [
    "=SUM(A1:A3)",
    "+31 6 12345678 belt niet terug",
    "-5 uur per week",
    "@gemeente reageert niet",
    "'=al met apostrof",
    "'gewoon citaat'",
    'Met "aanhalingstekens"; en een puntkomma, en komma',
    "Twee regels:\nde tweede regel",
    "Cliënten één € – ‘x’ ✓",
    "\tTab vooraan weg? nee: model strips",
]


def _traject(snap, naam):
    return next(t for t in snap.all("traject") if t.naam == naam)


def _tabellen(snap, tid):
    return {k: sorted(map(repr, rows)) for k, (_, rows) in spreadsheet.tabellen(snap, tid).items()}


@pytest.mark.parametrize("naam", [WERKPLAATS, THEMADAG])
def test_xlsx_export_imports_back_without_loss(demo_store, naam):
    snap = demo_store.snapshot()
    bron = _traject(snap, naam)
    vb = tabel.lees(spreadsheet.xlsx(snap, bron.id), "export.xlsx")
    assert vb.problemen == []
    doel = Traject(naam=f"{naam} terug", werkvorm=bron.werkvorm)
    vb.opslaan(demo_store, doel)
    nieuw = demo_store.snapshot()
    assert _tabellen(nieuw, doel.id) == _tabellen(snap, bron.id)  # knelpunten, richtingen and acties
    # and the objects themselves: every exported field of every knelpunt came back
    velden = (
        "tekst",
        "gebied",
        "auteur",
        "gerelateerde_gebieden",
        "toelichting",
        "oplosbaarheid",
        "essentieel",
        "belang",
        "quick_win",
        "stemmen",
        "bron_stap",
        "opgelost",
    )

    def kn(s, tid):
        groepen = {g.id: g.naam for g in s.of("groep", tid)}
        return sorted((*(getattr(k, v) for v in velden), groepen.get(k.groep_id)) for k in s.of("knelpunt", tid))

    assert kn(nieuw, doel.id) == kn(snap, bron.id)


def _lastig(store):
    t = Traject(naam="Lastig")
    d = Deelnemer(traject_id=t.id, naam="=Eigenaar")
    kns = [
        Knelpunt(traject_id=t.id, tekst=tekst, gebied=g, toelichting=tekst, auteur="@" + str(i))
        for i, (tekst, g) in enumerate(zip(LASTIGE_TEKSTEN, ["kennis", None, "keten", "open"] * 3, strict=False))
    ]
    r = Oplossingsrichting(traject_id=t.id, titel="-richting", knelpunt_ids=(kns[0].id, kns[7].id), kaders="+kader")
    a = Actie(traject_id=t.id, wat="=actie", richting_id=r.id, eigenaar_id=d.id, notities="@notitie")
    store.add_many([t, d, *kns, r, a])
    return t


def test_formula_like_texts_survive_xlsx(store):
    t = _lastig(store)
    snap = store.snapshot()
    vb = tabel.lees(spreadsheet.xlsx(snap, t.id), "lastig.xlsx")
    doel = Traject(naam="Lastig terug")
    vb.opslaan(store, doel)
    assert _tabellen(store.snapshot(), doel.id) == _tabellen(snap, t.id)


def test_formula_like_texts_survive_csv(store):
    t = _lastig(store)
    snap = store.snapshot()
    vb = tabel.lees(spreadsheet.csv_bytes(snap, t.id), "lastig.csv")
    assert vb.details["scheidingsteken"] == "puntkomma"
    doel = Traject(naam="Lastig csv")
    vb.opslaan(store, doel)
    assert _tabellen(store.snapshot(), doel.id)["knelpunten"] == _tabellen(snap, t.id)["knelpunten"]


@pytest.mark.parametrize("naam", [WERKPLAATS, THEMADAG])
def test_csv_knelpunten_round_trip(demo_store, naam):
    snap = demo_store.snapshot()
    bron = _traject(snap, naam)
    vb = tabel.lees(spreadsheet.csv_bytes(snap, bron.id), "k.csv")
    doel = Traject(naam=f"{naam} csv")
    vb.opslaan(demo_store, doel)
    assert _tabellen(demo_store.snapshot(), doel.id)["knelpunten"] == _tabellen(snap, bron.id)["knelpunten"]


# ---- JSON backup ----------------------------------------------------------------------------------------


def _docs(raw: dict, traject_id: str) -> dict:
    """The stored docs of one traject, per kind, keyed by id."""
    out = {}
    for kind, table in raw.items():
        if kind == "_meta":
            continue
        docs = {d["id"]: d for d in table.values() if d.get("traject_id", d["id"]) == traject_id}
        if docs:
            out[kind] = docs
    return out


def test_backup_restore_gives_back_identical_data(demo_store):
    snap = demo_store.snapshot()
    bron = _traject(snap, WERKPLAATS)
    voor = _docs(demo_store.raw(), bron.id)
    data = backup.maak_bytes(snap, bron.id)
    demo_store.delete_traject(bron.id)
    assert _docs(demo_store.raw(), bron.id) == {}
    vb = backup.lees(data, "kopie.json")
    assert [naam for _, naam, kopie in vb.plan(demo_store.snapshot())] == [WERKPLAATS]
    assert vb.opslaan(demo_store) == [(WERKPLAATS, WERKPLAATS)]
    assert _docs(demo_store.raw(), bron.id) == voor  # same ids, same fields, same values


def _zonder_ids(docs: dict) -> dict:
    """Replace every id by its position, so two copies with different ids compare equal."""
    volgorde = {}
    for kind in sorted(docs):
        for doc in sorted(
            docs[kind].values(),
            key=lambda d: (
                d.get("aangemaakt", ""),
                d.get("nummer", 0),
                json.dumps(
                    {k: v for k, v in d.items() if not k.endswith("id") and k not in ("id", "naam")}, sort_keys=True
                ),
            ),
        ):
            volgorde[doc["id"]] = f"{kind}#{len(volgorde)}"

    def vervang(v):
        if isinstance(v, str):
            return volgorde.get(v, v)
        if isinstance(v, list):
            return [vervang(x) for x in v]
        return v

    return {
        kind: sorted(json.dumps({k: vervang(v) for k, v in d.items()}, sort_keys=True) for d in table.values())
        for kind, table in docs.items()
    }


def test_backup_restored_beside_the_original_when_the_name_exists(demo_store):
    snap = demo_store.snapshot()
    bron = _traject(snap, WERKPLAATS)
    voor = demo_store.path.read_bytes()
    voor_docs = _docs(demo_store.raw(), bron.id)
    vb = backup.lees(backup.maak_bytes(snap, bron.id), "kopie.json")
    assert demo_store.path.read_bytes() == voor  # reading changes nothing
    resultaat = vb.opslaan(demo_store)
    assert resultaat == [(WERKPLAATS, f"{WERKPLAATS} (2)")]
    nieuw = demo_store.snapshot()
    kopie = _traject(nieuw, f"{WERKPLAATS} (2)")
    assert kopie.id != bron.id
    raw = demo_store.raw()
    origineel, teruggezet = _docs(raw, bron.id), _docs(raw, kopie.id)
    assert origineel == voor_docs  # the original is untouched
    assert set(origineel) == set(teruggezet)
    assert not {i for d in origineel.values() for i in d} & {i for d in teruggezet.values() for i in d}
    teruggezet["traject"][kopie.id]["naam"] = WERKPLAATS
    assert _zonder_ids(teruggezet) == _zonder_ids(origineel)


def test_backup_of_everything_into_an_empty_store(demo_store, tmp_path):
    from schouders.store import Store

    data = backup.maak_bytes(demo_store.snapshot())
    leeg = Store(tmp_path / "leeg.json")
    vb = backup.lees(data, "alles.json")
    assert sorted(t.naam for t in vb.trajecten) == sorted([WERKPLAATS, THEMADAG])
    vb.opslaan(leeg)
    origineel, terug = demo_store.raw(), leeg.raw()
    for t in demo_store.snapshot().all("traject"):
        assert _docs(terug, t.id) == _docs(origineel, t.id)


def test_store_file_itself_can_be_restored(demo_store):
    vb = backup.lees(demo_store.path.read_bytes(), "schouders.json")
    assert {t.naam for t in vb.trajecten} == {WERKPLAATS, THEMADAG}
    assert {naam for _, naam, kopie in vb.plan(demo_store.snapshot()) if kopie} == {
        f"{WERKPLAATS} (2)",
        f"{THEMADAG} (2)",
    }


def test_restore_with_a_chosen_name(demo_store):
    snap = demo_store.snapshot()
    bron = _traject(snap, THEMADAG)
    vb = backup.lees(backup.maak_bytes(snap, bron.id), "k.json")
    assert vb.opslaan(demo_store, naam="Themadag 2026") == [(THEMADAG, "Themadag 2026")]
    t = _traject(demo_store.snapshot(), "Themadag 2026")
    assert len(demo_store.snapshot().of("knelpunt", t.id)) == len(snap.of("knelpunt", bron.id))


# ---- Trello ------------------------------------------------------------------------------------------------


def test_trello_export_imports_back(demo_store):
    snap = demo_store.snapshot()
    bron = _traject(snap, WERKPLAATS)
    vb = trello_import.lees(trello_export.bord_bytes(snap, bron.id), "bord.json")
    doel = Traject(naam="Uit Trello")
    vb.opslaan(demo_store, doel)
    nieuw = demo_store.snapshot()
    assert _tabellen(nieuw, doel.id)["richtingen"] == _tabellen(snap, bron.id)["richtingen"]

    def zonder_ronde(s, tid):  # Trello has no meeting rounds
        return sorted(
            repr(
                dataclasses.replace(
                    a,
                    id="",
                    traject_id="",
                    richting_id=None,
                    eigenaar_id=None,
                    ronde_id=None,
                    vraagstuk_id=None,
                    aangemaakt="",
                    notities="",
                )
            )
            for a in s.of("actie", tid)
        )

    assert zonder_ronde(nieuw, doel.id) == zonder_ronde(snap, bron.id)
    eigenaars = {a.wat: nieuw.get("deelnemer", a.eigenaar_id).naam for a in nieuw.of("actie", doel.id)}
    assert eigenaars == {a.wat: snap.get("deelnemer", a.eigenaar_id).naam for a in snap.of("actie", bron.id)}
    kn = {k.tekst: k.gebied for k in nieuw.of("knelpunt", doel.id)}
    assert kn == {
        snap.get("knelpunt", i).tekst: snap.get("knelpunt", i).gebied
        for r in snap.of("richting", bron.id)
        for i in r.knelpunt_ids
    }

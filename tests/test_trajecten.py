"""Whole-traject operations: new with the werkvorm's plan, duplicate, delete, rename, counts."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from typing import Any

import pytest

from schouders import methode, model, trajecten
from schouders.demo import laad_demo
from schouders.model import Actie, Bijeenkomst, Deelnemer, Doel, Knelpunt, Traject, Vraagstuk
from tests.test_model import assert_dutch, full_objects

START = date(2026, 1, 12)


# ---- nieuw_traject ---------------------------------------------------------------------------------------


def test_nieuw_traject_werkplaats_proposes_eight_meetings_28_days_apart(store):
    before = store.writes
    t = trajecten.nieuw_traject(store, "Werkplaats Noord", "werkplaats", thema="Schulden", start=START)
    assert store.writes - before == 1  # traject and plan in one write
    snap = store.snapshot()
    assert snap.get("traject", t.id) == t
    plan = sorted(snap.of("bijeenkomst", t.id), key=lambda b: b.nummer)
    assert [b.nummer for b in plan] == list(range(1, 9))
    assert [b.datum for b in plan] == [START + timedelta(days=28 * i) for i in range(8)]
    assert all((b.datum - a.datum).days == 28 for a, b in zip(plan, plan[1:], strict=False))
    wv = methode.werkvorm("werkplaats")
    assert [b.stappen for b in plan] == list(wv.plan)
    assert all(b.titel for b in plan)


def test_nieuw_traject_leernetwerk_six_weekly_and_terugkom(store):
    t = trajecten.nieuw_traject(store, "Leernetwerk", "leernetwerk", start=START)
    plan = sorted(store.snapshot().of("bijeenkomst", t.id), key=lambda b: b.nummer)
    assert len(plan) == 7
    assert [b.datum for b in plan[:6]] == [START + timedelta(days=7 * i) for i in range(6)]
    terug = plan[-1]
    assert (terug.datum - plan[5].datum).days == methode.werkvorm("leernetwerk").terugkom_na_dagen
    assert terug.titel != plan[0].titel


def test_nieuw_traject_themadag_two_parts_on_one_day(store):
    t = trajecten.nieuw_traject(store, "Themadag", "themadag", start=START)
    plan = sorted(store.snapshot().of("bijeenkomst", t.id), key=lambda b: b.nummer)
    assert len(plan) == 2
    assert {b.datum for b in plan} == {START}


def test_nieuw_traject_without_start_or_plan(store):
    t = trajecten.nieuw_traject(store, "Zonder datum", "werkplaats")
    plan = store.snapshot().of("bijeenkomst", t.id)
    assert len(plan) == 8 and all(b.datum is None for b in plan)
    t2 = trajecten.nieuw_traject(store, "Zonder plan", "werkplaats", met_plan=False)
    assert store.snapshot().of("bijeenkomst", t2.id) == []


@pytest.mark.parametrize("naam", ["Werkplaats Noord", "werkplaats noord", "  WERKPLAATS NOORD  "])
def test_nieuw_traject_refuses_a_name_that_exists(store, naam):
    trajecten.nieuw_traject(store, "Werkplaats Noord", "werkplaats")
    before, raw = store.writes, store.path.read_bytes()
    with pytest.raises(ValueError) as info:
        trajecten.nieuw_traject(store, naam, "leernetwerk")
    assert_dutch(str(info.value))
    assert "Werkplaats Noord" in str(info.value) or naam.strip() in str(info.value)
    assert store.writes == before and store.path.read_bytes() == raw
    assert len(store.snapshot().all("traject")) == 1


@pytest.mark.parametrize(("naam", "werkvorm"), [("", "werkplaats"), ("  ", "werkplaats"), ("X", "cursus")])
def test_nieuw_traject_invalid_input_writes_nothing(store, naam, werkvorm):
    before = store.writes
    with pytest.raises(ValueError) as info:
        trajecten.nieuw_traject(store, naam, werkvorm)
    assert_dutch(str(info.value))
    assert store.writes == before
    assert store.snapshot().all("traject") == ()


def test_vrije_naam_and_hernoem(store):
    a = trajecten.nieuw_traject(store, "Noord", "werkplaats", met_plan=False)
    b = trajecten.nieuw_traject(store, "Zuid", "werkplaats", met_plan=False)
    snap = store.snapshot()
    assert trajecten.vrije_naam(snap, "Oost") == "Oost"
    assert trajecten.vrije_naam(snap, "Noord") == "Noord (2)"
    trajecten.nieuw_traject(store, "Noord (2)", "werkplaats", met_plan=False)
    assert trajecten.vrije_naam(store.snapshot(), "Noord") == "Noord (3)"
    with pytest.raises(ValueError) as info:
        trajecten.hernoem(store, b.id, "noord")
    assert_dutch(str(info.value))
    assert trajecten.hernoem(store, a.id, "NOORD").naam == "NOORD"  # its own name in other case is fine
    assert store.snapshot().get("traject", a.id).naam == "NOORD"


def test_archiveer(store):
    a = trajecten.nieuw_traject(store, "Noord", "werkplaats", met_plan=False)
    trajecten.archiveer(store, a.id)
    snap = store.snapshot()
    assert snap.get("traject", a.id).gearchiveerd
    assert snap.trajecten() == [] and [t.id for t in snap.trajecten(archief=True)] == [a.id]
    trajecten.archiveer(store, a.id, False)
    assert [t.id for t in store.snapshot().trajecten()] == [a.id]


# ---- dupliceer -------------------------------------------------------------------------------------------


def rich_traject(store) -> str:
    """One object of every entity in one traject, every reference field pointing at another object of it.

    Reference fields added to the model later (any `*_id`) are filled too, so the copy test covers them."""
    objs = list(full_objects().values())
    ids = [o.id for o in objs]
    rng = random.Random(7)
    filled = []
    for o in objs:
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(o):
            if f.name.endswith("_id") and f.name != "traject_id" and getattr(o, f.name) is None:
                changes[f.name] = rng.choice([i for i in ids if i != o.id])
        filled.append(dataclasses.replace(o, **changes) if changes else o)
    store.add_many(filled)
    return filled[0].id


def _values(obj: model.Entity) -> list[tuple[str, Any]]:
    out = []
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if isinstance(v, tuple):
            out += [(f.name, x) for x in v]
        elif isinstance(v, dict):
            out += [(f.name, x) for x in v.values() if isinstance(x, str)]
        else:
            out.append((f.name, v))
    return out


def _of_traject(snap, tid: str) -> list[model.Entity]:
    return [snap.get("traject", tid)] + [
        o for cls in model.ENTITIES if cls.kind != "traject" for o in snap.of(cls.kind, tid)
    ]


def test_dupliceer_copies_everything_with_new_ids_and_remapped_references(store):
    tid = rich_traject(store)
    original = _of_traject(store.snapshot(), tid)
    original_ids = {o.id for o in original}
    assert len(original) == len(model.ENTITIES)

    before = store.writes
    copy = trajecten.dupliceer(store, tid)
    assert store.writes - before == 1
    snap = store.snapshot()
    assert copy.naam == "Werkplaats Noord (kopie)" and not copy.gearchiveerd
    copied = _of_traject(snap, copy.id)
    assert len(copied) == len(original)
    assert {o.kind for o in copied} == {o.kind for o in original}

    # No value anywhere in the copy is an id of the original.
    for o in copied:
        leaks = [(name, v) for name, v in _values(o) if isinstance(v, str) and v in original_ids]
        assert not leaks, f"{o.kind} {o.id} points into the original: {leaks}"

    # Same structure: every reference of the original maps to the matching copy.
    pairs = dict(zip((o.id for o in trajecten.kopieer(snap, tid)), (o.id for o in original), strict=True))
    assert len(pairs) == len(original)
    by_orig = {o.id: o for o in original}
    new_to_old = {}
    for o in copied:  # match copies to originals by kind: one object of each kind
        (orig,) = [x for x in original if x.kind == o.kind]
        new_to_old[o.id] = orig.id
    old_to_new = {v: k for k, v in new_to_old.items()}
    for o in copied:
        orig = by_orig[new_to_old[o.id]]
        for (name, v_new), (name_old, v_old) in zip(_values(o), _values(orig), strict=True):
            assert name == name_old
            if name == "id":
                continue
            if isinstance(v_old, str) and v_old in original_ids:
                assert v_new == old_to_new[v_old], (o.kind, name)
            elif name not in ("naam", "gearchiveerd", "open"):
                assert v_new == v_old, (o.kind, name)

    # The original is untouched.
    assert _of_traject(snap, tid) == original
    assert store.check() == []


def test_dupliceer_demo_and_name(demo_store):
    snap = demo_store.snapshot()
    t = snap.trajecten()[0]
    copy = trajecten.dupliceer(demo_store, t.id, "Eigen kopie")
    assert copy.naam == "Eigen kopie"
    snap = demo_store.snapshot()
    assert trajecten.tel(snap, copy.id) == trajecten.tel(snap, t.id)
    second = trajecten.dupliceer(demo_store, t.id)
    third = trajecten.dupliceer(demo_store, t.id)
    assert second.naam == f"{t.naam} (kopie)"
    assert third.naam == f"{t.naam} (kopie) (2)"
    assert demo_store.check() == []
    with pytest.raises(ValueError) as info:
        trajecten.dupliceer(demo_store, "bestaat-niet")
    assert_dutch(str(info.value))


def test_dupliceer_never_shares_an_open_meedoen_round(store):
    ronde_cls = model.ENTITY_BY_KIND.get("ronde")
    if ronde_cls is None:
        pytest.skip("no Meedoen rounds in this version")
    t = trajecten.nieuw_traject(store, "Noord", "werkplaats", met_plan=False)
    store.add(ronde_cls(traject_id=t.id, stap=4, code="ABCD12"))
    copy = trajecten.dupliceer(store, t.id)
    assert all(not r.open for r in store.snapshot().of("ronde", copy.id))


# ---- delete_traject --------------------------------------------------------------------------------------


def test_delete_traject_removes_that_traject_only(demo_store):
    store = demo_store
    a, b = store.snapshot().trajecten()
    kopie = trajecten.dupliceer(store, a.id)
    snap = store.snapshot()
    keep = {tid: _of_traject(snap, tid) for tid in (b.id, kopie.id)}
    total = sum(len(snap.all(cls.kind)) for cls in model.ENTITIES)
    gone = len(_of_traject(snap, a.id))
    assert gone > 20

    before = store.writes
    store.delete_traject(a.id)
    assert store.writes - before == 1
    snap = store.snapshot()
    assert snap.get("traject", a.id) is None
    for cls in model.ENTITIES:
        assert all(getattr(o, "traject_id", None) != a.id for o in snap.all(cls.kind)), cls.kind
    for tid, objs in keep.items():
        assert _of_traject(snap, tid) == objs
    assert sum(len(snap.all(cls.kind)) for cls in model.ENTITIES) == total - gone
    assert store.check() == []


# ---- counts and where a traject stands -------------------------------------------------------------------


def test_tel_and_stappen_gedaan(store):
    t = trajecten.nieuw_traject(store, "Noord", "werkplaats", start=START)
    snap = store.snapshot()
    c = trajecten.tel(snap, t.id)
    assert (c.knelpunten, c.acties, c.bijeenkomsten) == (0, 0, 8)
    assert trajecten.stappen_gedaan(snap, t.id) == set()
    d = Deelnemer(traject_id=t.id, naam="Marieke")
    v = Vraagstuk(traject_id=t.id, tekst="Vraag", werkvraag=True)
    store.add_many(
        [
            d,
            v,
            Knelpunt(traject_id=t.id, tekst="A", gebied="keten"),
            Knelpunt(traject_id=t.id, tekst="B"),
            Actie(traject_id=t.id, wat="Bellen", status="bezig"),
            Actie(traject_id=t.id, wat="Mailen", status="klaar"),
        ]
    )
    snap = store.snapshot()
    c = trajecten.tel(snap, t.id)
    assert (c.deelnemers, c.knelpunten, c.ingedeeld, c.acties, c.acties_open) == (1, 2, 1, 2, 1)
    assert trajecten.stappen_gedaan(snap, t.id) == {1, 4, 7, 8}
    assert trajecten.werkvraagstuk(snap, t.id) == v


def test_huidig_doel_is_the_newest_version(store):
    t = trajecten.nieuw_traject(store, "Noord", "werkplaats", met_plan=False)
    oud = Doel(traject_id=t.id, tekst="Oud", aangemaakt="2026-01-01T10:00:00")
    nieuw = Doel(traject_id=t.id, tekst="Nieuw", aangemaakt="2026-02-01T10:00:00")
    store.add_many([nieuw, oud])
    assert trajecten.huidig_doel(store.snapshot(), t.id) == nieuw
    assert trajecten.huidig_doel(store.snapshot(), "ander") is None


def test_voorgesteld_plan_is_valid_for_every_werkvorm():
    for wv in methode.WERKVORMEN:
        plan = trajecten.voorgesteld_plan(wv.key, START, "t1")
        assert len(plan) == wv.aantal_bijeenkomsten
        assert all(isinstance(b, Bijeenkomst) and b.traject_id == "t1" for b in plan)
        assert [b.datum for b in plan] == sorted(b.datum for b in plan)
        assert len({b.id for b in plan}) == len(plan)


def test_traject_model_used_by_trajecten():
    assert Traject(naam="X").werkvorm in methode.WERKVORM_BY_KEY
    assert laad_demo  # the demo loader is what the CLI's `demo` runs

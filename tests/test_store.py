"""The store: atomic writes, one file write per change, backups, restore, migration, refresh, snapshots."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from schouders import store as store_mod
from schouders.model import Actie, Knelpunt, Traject
from schouders.store import SCHEMA_VERSION, Store, StoreError, open_store
from tests.test_model import assert_dutch

ROOT = Path(__file__).resolve().parent.parent


def _traject(store: Store, naam: str = "Noord") -> Traject:
    t = Traject(naam=naam)
    store.add(t)
    return t


def _knelpunten(tid: str, n: int, prefix: str = "knelpunt") -> list[Knelpunt]:
    return [Knelpunt(traject_id=tid, tekst=f"{prefix} {i}") for i in range(n)]


def _kn_ids(store: Store) -> set[str]:
    return {k.id for k in store.snapshot().all("knelpunt")}


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    """Python in another process, with the project on the path."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


# ---- a new store ------------------------------------------------------------------------------------------


def test_new_store_creates_a_sound_file(db_path):
    assert not db_path.exists()
    s = Store(db_path)
    data = orjson.loads(db_path.read_bytes())
    assert store_mod.check_shape(data) is None
    assert store_mod.schema_of(data) == SCHEMA_VERSION
    assert s.check() == [] and s.meldingen == [] and s.moved_aside == []
    assert s.snapshot().all("knelpunt") == ()


def test_open_store_gives_one_instance_per_file(db_path, monkeypatch):
    a = open_store(db_path)
    assert open_store(str(db_path)) is a
    assert open_store() is a  # SCHOUDERS_DB points at db_path
    monkeypatch.delenv("SCHOUDERS_DB")
    assert store_mod.default_path() == store_mod.DEFAULT_PATH


def test_store_creates_missing_folders(tmp_path):
    s = Store(tmp_path / "a" / "b" / "s.json")
    assert s.path.exists()


# ---- atomic writes ----------------------------------------------------------------------------------------


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_atomic_write_leaves_no_temp_files(store):
    t = _traject(store)
    before = store.writes
    for k in _knelpunten(t.id, 30):
        store.add(k)
    store.update("knelpunt", k.id, belang=3)
    store.delete("knelpunt", [k.id])
    assert _temp_files(store.path.parent) == []
    assert store.writes - before == 32
    assert len(_kn_ids(Store(store.path))) == 29


def test_failed_write_leaves_old_file_and_no_temp_file(store, monkeypatch):
    t = _traject(store)
    before = store.path.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_mod.os, "fsync", broken_fsync)
    with pytest.raises(store_mod.StoreError, match="de schijf is vol"):  # one Dutch message, not a traceback
        store.add(Knelpunt(traject_id=t.id, tekst="gaat niet"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert _temp_files(store.path.parent) == []
    assert store.snapshot().all("knelpunt") == ()  # the half-made change is dropped
    store.add(Knelpunt(traject_id=t.id, tekst="nu wel"))
    assert len(store.snapshot().all("knelpunt")) == 1


def test_temp_files_of_a_killed_writer_are_removed_on_open(store):
    t = _traject(store)
    stale = store.path.with_name(f".{store.path.name}.99999.12345.tmp")
    stale.write_bytes(b'{"half": ')
    other = store.path.with_name(".ander.json.1.2.tmp")  # not ours: left alone
    other.write_bytes(b"x")
    s2 = Store(store.path)
    assert not stale.exists()
    assert other.exists()
    assert s2.snapshot().get("traject", t.id) == t


# ---- one file write per change ----------------------------------------------------------------------------


def test_add_to_a_store_with_1000_is_one_write(store):
    t = _traject(store)
    before = store.writes
    assert store.add_many(_knelpunten(t.id, 1000)) == 1000
    assert store.writes - before == 1
    before = store.writes
    store.add(Knelpunt(traject_id=t.id, tekst="nummer 1001"))
    assert store.writes - before == 1
    assert len(store.snapshot().all("knelpunt")) == 1001
    assert len(_kn_ids(Store(store.path))) == 1001


def test_every_change_is_one_write_and_a_transaction_groups_them(store):
    t = _traject(store)
    ks = _knelpunten(t.id, 10)
    store.add_many(ks)
    for fn in (
        lambda: store.update("knelpunt", ks[0].id, belang=4),
        lambda: store.save(ks[1].met(tekst="anders")),
        lambda: store.save_many([k.met(quick_win=2) for k in ks[2:6]]),
        lambda: store.delete("knelpunt", [ks[6].id, ks[7].id]),
    ):
        before = store.writes
        fn()
        assert store.writes - before == 1
    before = store.writes
    with store.transaction():
        store.add(Actie(traject_id=t.id, wat="Bellen"))
        store.update("knelpunt", ks[8].id, gebied="keten")
        store.delete("knelpunt", [ks[9].id])
        store.add_many(_knelpunten(t.id, 5, "extra"))
    assert store.writes - before == 1
    before = store.writes
    with store.transaction():
        pass
    store.snapshot()
    assert store.writes == before  # nothing changed: nothing written
    snap = Store(store.path).snapshot()
    assert snap.get("knelpunt", ks[0].id).belang == 4
    assert snap.get("knelpunt", ks[1].id).tekst == "anders"
    assert snap.get("knelpunt", ks[8].id).gebied == "keten"
    assert snap.get("knelpunt", ks[9].id) is None
    assert len(snap.all("knelpunt")) == 10 - 3 + 5


def test_save_inserts_or_replaces(store):
    t = _traject(store)
    k = Knelpunt(traject_id=t.id, tekst="een")
    store.save(k)
    store.save(k.met(tekst="twee"))
    assert [x.tekst for x in store.snapshot().all("knelpunt")] == ["twee"]


def test_update_refuses_missing_item_and_invalid_change(store):
    t = _traject(store)
    k = store.add(Knelpunt(traject_id=t.id, tekst="een"))
    raw, before = store.path.read_bytes(), store.writes
    for kwargs in ({"item_id": "bestaat-niet", "belang": 3}, {"item_id": k.id, "belang": 9}):
        with pytest.raises(ValueError) as info:
            store.update("knelpunt", **kwargs)
        assert_dutch(str(info.value))
    assert store.path.read_bytes() == raw and store.writes == before
    assert store.snapshot().get("knelpunt", k.id) == k


# ---- transactions -----------------------------------------------------------------------------------------


class Boom(Exception):
    pass


def test_failed_transaction_leaves_data_and_file_unchanged(store):
    t = _traject(store)
    ks = _knelpunten(t.id, 5)
    store.add_many(ks)
    raw, before, snap = store.path.read_bytes(), store.writes, store.snapshot()
    with pytest.raises(Boom), store.transaction():
        store.add(Knelpunt(traject_id=t.id, tekst="half"))
        store.update("knelpunt", ks[0].id, tekst="half veranderd")
        store.delete("knelpunt", [ks[1].id])
        store.delete_traject(t.id)
        raise Boom
    assert store.path.read_bytes() == raw
    assert store.writes == before
    after = store.snapshot()
    assert after.tables == snap.tables
    assert store.raw() == orjson.loads(raw)
    # and the store works normally afterwards
    store.add(Knelpunt(traject_id=t.id, tekst="daarna"))
    assert len(Store(store.path).snapshot().all("knelpunt")) == 6


def test_failed_single_write_leaves_data_unchanged(store):
    t = _traject(store)
    raw = store.path.read_bytes()
    with pytest.raises(AttributeError):
        store.add_many([Knelpunt(traject_id=t.id, tekst="goed"), "geen knelpunt"])  # type: ignore[list-item]
    assert store.path.read_bytes() == raw
    assert store.snapshot().all("knelpunt") == ()


def test_nested_transaction_joins_the_outer_one(store):
    t = _traject(store)
    before = store.writes
    with store.transaction():
        with store.transaction():
            store.add(Knelpunt(traject_id=t.id, tekst="binnen"))
        store.add(Knelpunt(traject_id=t.id, tekst="buiten"))
    assert store.writes - before == 1


# ---- snapshots ---------------------------------------------------------------------------------------------


def test_snapshot_is_cached_per_revision(store):
    t = _traject(store)
    a = store.snapshot()
    assert store.snapshot() is a
    assert store.snapshot().revision == store.revision
    store.add(Knelpunt(traject_id=t.id, tekst="nieuw"))
    b = store.snapshot()
    assert b is not a and b.revision > a.revision
    assert store.snapshot() is b
    assert len(a.all("knelpunt")) == 0 and len(b.all("knelpunt")) == 1  # old snapshots never change


def test_snapshot_lookups(store):
    a = _traject(store, "Noord")
    b = _traject(store, "Zuid")
    ka, kb = Knelpunt(traject_id=a.id, tekst="a"), Knelpunt(traject_id=b.id, tekst="b")
    store.add_many([ka, kb])
    snap = store.snapshot()
    assert snap.of("knelpunt", a.id) == [ka]
    assert snap.get("knelpunt", kb.id) == kb
    assert snap.get("knelpunt", None) is None and snap.get("knelpunt", "x") is None
    assert set(snap.all("traject")) == {a, b}
    assert snap.all("bestaat_niet") == ()
    assert snap.of("bestaat_niet", a.id) == [] and snap.of("knelpunt", "x") == []
    assert snap.of("traject", "") == []  # "no traject chosen" never matches items without a traject id
    snap.of("knelpunt", a.id).clear()  # a caller sorting or changing its list does not change the snapshot
    assert snap.of("knelpunt", a.id) == [ka]


def test_snapshot_memo_builds_once_per_revision(store):
    t = _traject(store)
    calls = []

    def tel() -> int:
        calls.append(1)
        return len(store.snapshot().of("knelpunt", t.id))

    snap = store.snapshot()
    assert snap.memo(("tel", t.id), tel) == 0
    assert snap.memo(("tel", t.id), tel) == 0 and len(calls) == 1  # a rerun without a change reuses it
    store.add(Knelpunt(traject_id=t.id, tekst="nieuw"))
    assert store.snapshot().memo(("tel", t.id), tel) == 1 and len(calls) == 2  # a change builds it anew
    assert snap.memo(("tel", t.id), tel) == 0  # the old revision keeps its own value


def test_snapshot_skips_an_invalid_record_and_check_reports_it(store):
    t = _traject(store)
    good = store.add(Knelpunt(traject_id=t.id, tekst="goed"))
    data = store.raw()
    data["knelpunt"]["99"] = Knelpunt(traject_id=t.id, tekst="fout").to_dict() | {"belang": 9}
    store_mod.atomic_write_bytes(store.path, orjson.dumps(data))
    s2 = Store(store.path)
    assert [k.id for k in s2.snapshot().all("knelpunt")] == [good.id]  # the app keeps working
    assert any("overgeslagen" in m for m in s2.meldingen)
    problems = s2.check()
    assert len(problems) == 1 and "knelpunt 99" in problems[0]
    assert_dutch(problems[0])
    s2.add(Knelpunt(traject_id=t.id, tekst="nog een"))
    assert "99" in s2.raw()["knelpunt"]  # the bad record stays in the file, untouched


def test_check_finds_orphans_and_double_ids(store):
    t = _traject(store)
    k = store.add(Knelpunt(traject_id=t.id, tekst="een"))
    assert store.check() == []
    store.add_many([k, Knelpunt(traject_id="weg", tekst="wees")])
    problems = store.check()
    assert len(problems) == 2
    assert any("dubbel" in p for p in problems)
    assert any("niet bestaat" in p for p in problems)


def test_tables_of_a_newer_version_are_kept_not_moved_aside(db_path):
    """A newer Schouders may add a kind of record without a new schema number. An older one opening that
    file keeps the unknown table as it is (and keeps it when it writes) instead of setting the file aside."""
    t = Traject(naam="Noord")
    data = {
        "_meta": {"1": {"app": "schouders", "schema": SCHEMA_VERSION}},
        "traject": {"1": t.to_dict()},
        "iets_nieuws": {"1": {"traject_id": t.id, "id": "n1", "wat": "uit de toekomst"}},
    }
    db_path.write_bytes(orjson.dumps(data))
    s = Store(db_path)
    assert s.moved_aside == [] and s.check() == []
    s.add(Knelpunt(traject_id=t.id, tekst="nieuw"))
    on_disk = orjson.loads(db_path.read_bytes())
    assert on_disk["iets_nieuws"] == data["iets_nieuws"]
    assert len(Store(db_path).snapshot().all("knelpunt")) == 1


def test_delete_never_creates_a_table(store):
    """Regression: deleting from an unknown kind wrote an empty table of that name, and the next start set
    the whole file aside as 'not a Schouders file'."""
    t = _traject(store)
    with pytest.raises(KeyError):
        store.delete("knelpunten", ["x"])  # typo: the kind is "knelpunt"
    assert "knelpunten" not in orjson.loads(store.path.read_bytes())
    before = store.writes
    assert store.delete("knelpunt", []) == 0
    assert store.writes == before  # nothing to delete: no write
    assert Store(store.path).moved_aside == []
    assert Store(store.path).snapshot().get("traject", t.id) == t


# ---- other processes ----------------------------------------------------------------------------------------

WRITER = """
import sys
from schouders.model import Knelpunt
from schouders.store import Store
s = Store(sys.argv[1])
snap = s.snapshot()
print(len(snap.all("knelpunt")))
k = s.add(Knelpunt(traject_id=sys.argv[2], tekst=sys.argv[3]))
print(k.id)
"""


def test_two_processes_see_each_others_writes(store):
    t = _traject(store)
    store.add(Knelpunt(traject_id=t.id, tekst="van het eerste proces"))
    first = store.snapshot()
    r = _run(WRITER, str(store.path), t.id, "van het tweede proces")
    assert r.returncode == 0, r.stderr
    seen, new_id = r.stdout.split()
    assert seen == "1"  # the other process saw our write
    snap = store.snapshot()  # and we see its write without reopening
    assert snap is not first
    assert snap.get("knelpunt", new_id).tekst == "van het tweede proces"
    # our next write keeps theirs
    store.add(Knelpunt(traject_id=t.id, tekst="weer van het eerste"))
    r = _run(WRITER, str(store.path), t.id, "nog een")
    assert r.stdout.split()[0] == "3"
    assert len(store.snapshot().all("knelpunt")) == 4


def test_two_instances_in_one_process_see_each_others_writes(db_path):
    a, b = Store(db_path), Store(db_path)
    t = _traject(a)
    assert b.snapshot().get("traject", t.id) == t
    k = b.add(Knelpunt(traject_id=t.id, tekst="van b"))
    a.update("knelpunt", k.id, belang=2)
    assert b.snapshot().get("knelpunt", k.id).belang == 2
    assert a.check() == [] and b.check() == []


def test_waiting_too_long_for_the_file_lock_is_a_dutch_storeerror(store):
    t = _traject(store)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom filelock import FileLock\nl = FileLock(sys.argv[1]); l.acquire()\n"
            "print('vast', flush=True); time.sleep(30)",
            str(store.path) + ".lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "vast"
        store._flock.timeout = 0.3
        raw = store.path.read_bytes()
        with pytest.raises(StoreError) as info:
            store.add(Knelpunt(traject_id=t.id, tekst="wacht"))
        assert_dutch(str(info.value))
        assert "bezet" in str(info.value)
        assert store.path.read_bytes() == raw
    finally:
        holder.kill()
        holder.wait()
    store.add(Knelpunt(traject_id=t.id, tekst="nu wel"))  # the store still works
    assert len(store.snapshot().all("knelpunt")) == 1


# ---- backups and restore ------------------------------------------------------------------------------------


def test_rolling_backups_keep_at_most_backup_keep(db_path):
    s = Store(db_path, backup_keep=3, backup_interval=0)
    t = _traject(s)
    versions = []
    for k in _knelpunten(t.id, 10):
        versions.append(db_path.read_bytes())
        s.add(k)
    backups = s.backups()
    assert len(backups) == 3
    assert backups == sorted(backups, reverse=True)  # newest first
    assert [b.read_bytes() for b in backups] == versions[::-1][:3]  # each the file just before a write
    for b in backups:
        assert store_mod.check_shape(orjson.loads(b.read_bytes())) is None
    assert len(list(s.backup_dir.iterdir())) == 3


def test_backups_are_rate_limited(db_path):
    s = Store(db_path, backup_keep=30, backup_interval=3600)
    t = _traject(s)
    for k in _knelpunten(t.id, 10):
        s.add(k)
    assert len(s.backups()) == 1  # the first write of a session makes one, then not again within the hour


def test_two_backups_in_the_same_microsecond_do_not_overwrite_each_other(db_path, monkeypatch):
    s = Store(db_path, backup_keep=10, backup_interval=0)
    t = _traject(s)
    real = store_mod.datetime

    class FrozenClock:
        @staticmethod
        def now():
            return real(2026, 1, 2, 3, 4, 5, 678901)

    monkeypatch.setattr(store_mod, "datetime", FrozenClock)
    versions = []
    for k in _knelpunten(t.id, 3):
        versions.append(db_path.read_bytes())
        s.add(k)
    same_stamp = [b for b in s.backups() if "20260102-030405-678901" in b.name]
    contents = sorted(b.read_bytes() for b in same_stamp)
    assert len(contents) == 3
    assert sorted(versions) == contents


def test_restore_gives_back_old_data_and_keeps_current_as_backup(db_path):
    s = Store(db_path, backup_keep=3, backup_interval=0)
    t = _traject(s)
    old = _knelpunten(t.id, 10)
    s.add_many(old)
    s.add(Knelpunt(traject_id=t.id, tekst="laatste"))
    backup = s.backups()[0]  # the file with exactly the ten
    assert len(orjson.loads(backup.read_bytes())["knelpunt"]) == 10
    s.delete("knelpunt", [k.id for k in old])
    current = db_path.read_bytes()

    s.restore(backup)
    assert {k.id for k in s.snapshot().all("knelpunt")} == {k.id for k in old}
    assert {k.id for k in Store(db_path).snapshot().all("knelpunt")} == {k.id for k in old}
    assert any(b.read_bytes() == current for b in s.backups()), "current file not kept as backup"
    assert len(s.backups()) <= 3
    assert s.check() == []


def test_restore_then_add_loses_nothing(db_path):
    """Regression: after restore the TinyDB tables kept the next doc id of the old data, and the next add
    silently overwrote a restored knelpunt."""
    s = Store(db_path, backup_keep=5, backup_interval=0)
    t = _traject(s)
    ks = _knelpunten(t.id, 10)
    s.add_many(ks)
    s.delete("knelpunt", [k.id for k in ks[5:]])
    backup = s.backups()[0]  # holds all ten
    s = Store(db_path, backup_keep=5, backup_interval=0)  # the app restarted
    s.add(Knelpunt(traject_id=t.id, tekst="na de herstart"))
    s.restore(backup)
    extra = s.add(Knelpunt(traject_id=t.id, tekst="na het terugzetten"))
    assert _kn_ids(s) == {k.id for k in ks} | {extra.id}
    assert _kn_ids(Store(db_path)) == {k.id for k in ks} | {extra.id}


@pytest.mark.parametrize("content", [b"", b"{niet", b"[]", b'{"_default": {}}'])
def test_restore_refuses_an_unusable_backup(store, tmp_path, content):
    _traject(store)
    raw = store.path.read_bytes()
    bad = tmp_path / "kapot.json"
    bad.write_bytes(content)
    with pytest.raises(StoreError) as info:
        store.restore(bad)
    assert_dutch(str(info.value))
    assert store.path.read_bytes() == raw


def test_restore_migrates_an_old_backup(store, tmp_path):
    t = _traject(store)
    old = tmp_path / "oud.json"
    old.write_bytes(orjson.dumps(_schema1_data(t)))
    store.restore(old)
    (k,) = store.snapshot().all("knelpunt")
    assert k.quick_win == 4
    assert store_mod.schema_of(orjson.loads(store.path.read_bytes())) == SCHEMA_VERSION


# ---- schema versions ----------------------------------------------------------------------------------------


def _schema1_data(t: Traject) -> dict:
    kn = Knelpunt(traject_id=t.id, tekst="Oud knelpunt").to_dict()
    kn["quickwin"] = 4
    del kn["quick_win"]
    return {"_meta": {"1": {"app": "schouders", "schema": 1}}, "traject": {"1": t.to_dict()}, "knelpunt": {"1": kn}}


def test_schema_1_file_is_migrated_with_a_backup_first(db_path):
    t = Traject(naam="Oud")
    original = orjson.dumps(_schema1_data(t))
    db_path.write_bytes(original)
    s = Store(db_path)
    (k,) = s.snapshot().all("knelpunt")
    assert k.quick_win == 4
    on_disk = orjson.loads(db_path.read_bytes())
    assert store_mod.schema_of(on_disk) == SCHEMA_VERSION == 2
    doc = on_disk["knelpunt"]["1"]
    assert doc["quick_win"] == 4 and "quickwin" not in doc
    backups = s.backups()
    assert [b.read_bytes() for b in backups] == [original]
    assert "voor-migratie-v1" in backups[0].name
    assert any("bijgewerkt" in m for m in s.meldingen)
    assert s.check() == []  # a migration is news, not a problem
    assert Store(db_path).meldingen == []  # once


def test_newer_schema_raises_and_leaves_the_file_untouched(db_path):
    data = {"_meta": {"1": {"app": "schouders", "schema": SCHEMA_VERSION + 1}}, "traject": {}}
    raw = orjson.dumps(data)
    db_path.write_bytes(raw)
    with pytest.raises(StoreError) as info:
        Store(db_path)
    assert_dutch(str(info.value))
    assert "nieuwere versie" in str(info.value)
    assert db_path.read_bytes() == raw
    assert sorted(p.name for p in db_path.parent.iterdir()) == sorted([db_path.name, db_path.name + ".lock"])


def test_newer_schema_written_by_another_process_is_refused_on_refresh(store):
    t = _traject(store)
    raw = orjson.dumps({"_meta": {"1": {"app": "schouders", "schema": SCHEMA_VERSION + 1}}, "traject": {}})
    store_mod.atomic_write_bytes(store.path, raw)
    with pytest.raises(StoreError):
        store.add(Knelpunt(traject_id=t.id, tekst="mag niet"))
    assert store.path.read_bytes() == raw

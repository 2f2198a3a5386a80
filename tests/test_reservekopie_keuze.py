"""Issue 19: after a damaged store was set aside, the overzicht offers the backup with the last good data first
(not the newest, which may hold the empty store that came after), named by date and content, not by path."""

from __future__ import annotations

import orjson

from schouders import demo
from schouders.reservekopie import beschrijving, beste
from schouders.store import Store, backup_map


def test_the_good_backup_is_offered_first_after_a_damage(app_test, db_path) -> None:
    goed_store = Store(db_path.with_name("bron.json"))
    demo.laad_demo(goed_store)
    map_ = backup_map(db_path)
    map_.mkdir(parents=True, exist_ok=True)
    goed = map_ / f"{db_path.stem}-20261130-090000-000001.json"
    goed.write_bytes(goed_store.path.read_bytes())
    leeg = orjson.dumps({"_meta": {"1": {"app": "schouders", "schema": 2}}})
    for minuut in (1, 2, 3):  # after the damage the app went on empty, and made backups of that
        (map_ / f"{db_path.stem}-20261130-10{minuut:02d}00-000001.json").write_bytes(leeg)
    db_path.write_bytes(b'{"kapot": ')

    at = app_test().run()
    assert not at.exception
    keuze = at.selectbox(key="ov_reservekopie")
    assert keuze.value == str(goed)
    assert "2 trajecten" in beschrijving(goed) and beschrijving(goed).startswith("ma 30 november 2026, 09:00")
    assert all("/" not in o and "\\\\" not in o for o in keuze.options)  # a date and what is in it, never a path
    next(b for b in at.button if b.label == "Reservekopie terugzetten").click().run()
    assert not at.exception
    assert len(Store(db_path).snapshot().all("traject")) == 2


def test_best_is_the_newest_with_trajecten_when_nothing_was_damaged(tmp_path) -> None:
    a, b = tmp_path / "s-20261201-100000-000001.json", tmp_path / "s-20261201-110000-000001.json"
    a.write_bytes(orjson.dumps({"traject": {"1": {}}}))
    b.write_bytes(orjson.dumps({"traject": {}}))
    assert beste([b, a], set()) == 1
    assert beschrijving(b).endswith("· leeg")

"""The benchmark's data is the traject issue 9 describes, and its write measurement counts real writes."""

from schouders import bench, methode
from schouders.store import Store


def test_build_traject_has_the_shape_of_a_big_themadag():
    objs = bench.build_traject(1000)
    by_kind: dict[str, list] = {}
    for o in objs:
        by_kind.setdefault(o.kind, []).append(o)
    assert len(by_kind["knelpunt"]) == 1000
    assert len(by_kind["groep"]) == 6
    assert len(by_kind["richting"]) == 30
    assert len(by_kind["actie"]) == 60
    assert len(by_kind["bijeenkomst"]) == 8
    assert {k.gebied for k in by_kind["knelpunt"]} >= set(methode.GEBIED_KEYS)
    assert sum(1 for k in by_kind["knelpunt"] if k.belang and k.quick_win) > 700
    assert by_kind["traject"][0].werkvorm == "themadag"


def test_measure_write_is_one_file_write_per_knelpunt(tmp_path):
    store = Store(tmp_path / "b.json", backup_interval=3600)
    objs = bench.build_traject(100)
    store.add_many(objs)
    seconds, writes = bench.measure_write(store, objs[0].id)
    assert writes == 1 and seconds > 0
    assert len(store.snapshot().of("knelpunt", objs[0].id)) == 100 + 17


def test_targets_report_ratio_and_whether_met():
    assert bench._target(0.5, 1.5) == {"ratio": 0.5, "target": 1.5, "met": True}
    assert bench._target(2.0, 1.5)["met"] is False


def test_measure_reruns_times_every_page_next_to_the_trivial_page(tmp_path, monkeypatch):
    monkeypatch.chdir(bench.ROOT)
    db = tmp_path / "b.json"
    store = Store(db, backup_interval=3600)
    objs = bench.build_traject(100)
    store.add_many(objs)
    monkeypatch.setenv("SCHOUDERS_DB", str(db))
    out = bench.measure_reruns(db, objs[0].id, 1, tmp_path)
    pages = {bench._view_name(p) for p in bench._pages()}
    tabs = {name for name in out if " · " in name}
    assert set(out) == (pages - {"stap6_oplossingsrichtingen"}) | tabs and len(pages) >= 18
    assert tabs == {
        "stap6_oplossingsrichtingen · 1. Wat kunnen we oplossen?",
        "stap6_oplossingsrichtingen · 2. Belang en quick win",
        "stap6_oplossingsrichtingen · 3. De matrix",
        "stap6_oplossingsrichtingen · 4. Oplossingsrichtingen",
    }  # each tab of stap 6 is measured on its own: only the open tab runs
    assert all(m["seconds"] > 0 and m["trivial"] > 0 for m in out.values())


def test_measure_groepsscherm_reports_cost_per_second_and_the_enter_with_it_open(tmp_path, monkeypatch):
    monkeypatch.chdir(bench.ROOT)
    db = tmp_path / "b.json"
    store = Store(db, backup_interval=3600)
    objs = bench.build_traject(100)
    store.add_many(objs)
    gs = bench.measure_groepsscherm(db, objs[0].id, 1, tmp_path)
    assert set(gs) == {
        "check_s",
        "redraw_s",
        "idle_ms_per_s",
        "typing_ms_per_s",
        "enter_alone_s",
        "enter_with_screen_s",
        "redraws_alongside",
    }
    assert all(v > 0 for v in gs.values())
    assert gs["typing_ms_per_s"] > gs["idle_ms_per_s"]

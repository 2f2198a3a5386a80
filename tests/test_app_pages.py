"""Every page opens without exceptions, with the demo trajecten and with an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def _errors(at) -> list[str]:
    return [e.value for e in at.exception]


def test_every_page_is_in_the_navigation():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in PAGES:
        assert f'"{page}"' in app, f"{page} is not reachable from the navigation"


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_on_empty_store(app_test, page):
    at = app_test().run()
    at.switch_page(page).run()
    assert not _errors(at), _errors(at)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("werkvorm", ["themadag", "werkplaats"])
def test_page_opens_with_demo(app_test, demo_store, page, werkvorm):
    snap = demo_store.snapshot()
    tid = next(t.id for t in snap.all("traject") if t.werkvorm == werkvorm)
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page(page).run()
    assert not _errors(at), _errors(at)


def test_all_pages_one_after_another_share_one_snapshot(app_test, demo_store):
    """Pages keep derived data on the shared snapshot (Snapshot.memo): visiting them all in a row without a
    change in between must give each page its own data, never another page's frame or figure."""
    snap = demo_store.snapshot()
    tid = next(t.id for t in snap.all("traject") if t.werkvorm == "themadag")
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    for page in PAGES * 2:
        at.switch_page(page).run()
        assert not _errors(at), (page, _errors(at))
    assert demo_store.snapshot() is snap  # nothing was written: every page read the same snapshot


def test_overview_loads_demo_with_one_click(app_test, store):
    at = app_test().run()
    # the sidebar is on the shared screen: no file path there (it is on Trajecten beheren)
    assert not any(str(store.path) in c.value for c in at.sidebar.caption)
    assert not store.snapshot().all("traject")
    at.button(key="demo_leeg").click().run()
    assert not _errors(at)
    snap = store.snapshot()
    assert {t.werkvorm for t in snap.all("traject")} == {"themadag", "werkplaats"}
    assert "Werkplaats bijstand en schulden" in at.subheader[0].value
    assert int(at.metric[1].value) == len(snap.of("knelpunt", at.session_state["traject_id"]))


def test_rerun_does_not_reread_unchanged_store(app_test, demo_store, monkeypatch):
    reads = []
    original = type(demo_store)._load_from_disk

    def counting(self, **kw):
        reads.append(1)
        return original(self, **kw)

    monkeypatch.setattr(type(demo_store), "_load_from_disk", counting)
    at = app_test().run()
    for page in PAGES:
        at.switch_page(page).run()
    assert reads == []  # nothing changed on disk: no page read the file again


def test_damaged_store_is_reported_in_the_app(app_test, db_path):
    db_path.write_bytes(b'{"kapot": ')
    at = app_test().run()
    assert not _errors(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "beschadigd" in warnings and "apart gezet" in warnings
    assert db_path.with_name(db_path.name).exists()
    moved = list(db_path.parent.glob("schouders.json.beschadigd-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b'{"kapot": '


def test_data_file_path_is_on_trajecten_beheren(app_test, demo_store):
    store = demo_store
    at = app_test().run()
    at.switch_page("pages/trajecten.py").run()
    assert not at.exception
    assert any(str(store.path) in c.value for c in at.code)

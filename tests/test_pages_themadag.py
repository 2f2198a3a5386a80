"""The Groepen and Analyse themadag pages under AppTest, and the group filter helper."""

from __future__ import annotations

import pytest

from schouders import groepen, themas
from schouders.model import Deelnemer, Knelpunt, Traject


@pytest.fixture(autouse=True)
def _op_woorden(monkeypatch):
    """These tests pin the themes of the word method: the language model (issue 17) reads the knelpunten in the
    background and would change the themes between two reruns. tests/test_themas_betekenis.py opens this
    page with the model."""
    monkeypatch.setenv("SCHOUDERS_TAALMODEL", "uit")


def _errors(at) -> list[str]:
    return [e.value for e in at.exception]


def _demo_tid(store) -> str:
    return next(t.id for t in store.snapshot().all("traject") if t.werkvorm == "themadag")


def _open(app_test, tid: str | None, page: str):
    at = app_test()
    if tid:
        at.session_state["traject_id"] = tid
    at.run()
    at.switch_page(page).run()
    assert not _errors(at), _errors(at)
    return at


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


# ---- Groepen ---------------------------------------------------------------------------------------------


def test_groups_page_makes_groups_spreads_people_and_sets_verdieping(app_test, store):
    t = Traject(naam="Themadag", werkvorm="themadag", procesbegeleiders=("Anouk", "Ruben"))
    mensen = [Deelnemer(traject_id=t.id, naam=f"Deelnemer {i}", organisatie=f"Org {i % 3}") for i in range(8)]
    kn = [Knelpunt(traject_id=t.id, tekst=f"k{i}", gebied=g) for i, g in enumerate(["kennis", "kennis", "kunde"])]
    store.add_many([t, *mensen, *kn])
    at = _open(app_test, t.id, "pages/groepen.py")
    assert any("Nog geen groepen" in i.value for i in at.info)

    at.number_input(key="gr_aantal").set_value(4)
    _button(at, "Groepen maken").click().run()
    assert not _errors(at)
    snap = store.snapshot()
    assert [g.naam for g in groepen.groepen(snap, t.id)] == ["Groep 1", "Groep 2", "Groep 3", "Groep 4"]
    assert [g.procesbegeleider for g in groepen.groepen(snap, t.id)] == ["Anouk", "Ruben", "Anouk", "Ruben"]

    _button(at, "Verdeel wie nog geen groep heeft (8)").click().run()
    assert not _errors(at)
    snap = store.snapshot()
    assert sorted(len(groepen.leden(snap, t.id, g.id)) for g in groepen.groepen(snap, t.id)) == [2, 2, 2, 2]
    assert any("8 deelnemers over de groepen verdeeld" in s.value for s in at.success)

    # stap 5: the suggestion follows the counts; a choice is stored on the traject
    _button(at, "Voorstel overnemen").click().run()
    assert store.snapshot().get("traject", t.id).verdieping_gebieden == ("kennis", "kunde")
    at.multiselect(key="gr_verdieping").set_value(["keten"]).run()
    assert not _errors(at)
    assert store.snapshot().get("traject", t.id).verdieping_gebieden == ("keten",)


def test_groups_page_refuses_too_many_gebieden_with_one_message(app_test, demo_store):
    tid = _demo_tid(demo_store)
    at = _open(app_test, tid, "pages/groepen.py")
    at.multiselect(key="gr_verdieping").set_value(["kennis", "kunde", "keten"]).run()
    assert not _errors(at)
    assert any("hooguit 2" in e.value for e in at.error)
    assert demo_store.snapshot().get("traject", tid).verdieping_gebieden == ("keten", "kennis")


def test_groups_page_on_a_werkplaats_explains(app_test, demo_store):
    tid = next(t.id for t in demo_store.snapshot().all("traject") if t.werkvorm == "werkplaats")
    at = _open(app_test, tid, "pages/groepen.py")
    assert any("vooral bij een themadag" in i.value for i in at.info)
    assert not [m for m in at.multiselect if m.key == "gr_verdieping"]


# ---- Analyse themadag ---------------------------------------------------------------------------------


def _tabel_met(at, kolom: str):
    return next(t.value for t in at.table if kolom in t.value.columns)


def test_dashboard_shows_totals_groups_and_top_themes(app_test, demo_store):
    tid = _demo_tid(demo_store)
    at = _open(app_test, tid, "pages/analyse.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Knelpunten"] == "21"
    assert metrics["Groepen"] == "3"
    assert metrics["Terugkerende thema's"] == "3"
    assert metrics["Door alle groepen genoemd"] == "3"
    per_groep = _tabel_met(at, "Procesbegeleider")
    assert list(per_groep["Groep"]) == ["Groep A", "Groep B", "Groep C"]
    assert list(per_groep["Knelpunten"]) == [7, 7, 7]
    kruistabel = _tabel_met(at, "Totaal")
    assert int(kruistabel.iloc[-1]["Totaal"]) == 21
    top = _tabel_met(at, "Genoemd door")
    assert len(top) == 3 and set(top["Genoemd door"]) == {"alle 3 groepen"}
    assert any("avg" in k for k in top["Kernwoorden"])


def test_dashboard_merge_split_rename_by_hand(app_test, demo_store):
    tid = _demo_tid(demo_store)
    at = _open(app_test, tid, "pages/analyse.py")
    assert not at.main.selectbox  # the theme editor is closed: its ~700 choices are not built
    at.session_state["an_aanpassen"] = True  # what clicking "Thema's aanpassen" does
    at.run()
    ind = themas.indeling(demo_store.snapshot(), tid)
    eerste = ind.top(1)[0]
    los = next(t for t in ind.themas if not t.terugkerend)
    assert at.selectbox(key="an_thema").value == eerste.key

    at.multiselect(key=f"an_samen_{eerste.key}").set_value([los.key])
    _button(at, "Samenvoegen").click().run()
    assert not _errors(at)
    keuzes = themas.themakeuzes(demo_store.snapshot(), tid)
    assert len(keuzes) == 1 and set(keuzes[0].knelpunt_ids) == set(eerste.knelpunt_ids) | set(los.knelpunt_ids)
    assert "ja" in list(_tabel_met(at, "Met de hand")["Met de hand"])

    nieuw = f"hand:{keuzes[0].id}"
    at.selectbox(key="an_thema").set_value(nieuw).run()
    at.text_input(key=f"an_naam_{nieuw}").input("Elkaar kennen")
    _button(at, "Naam bewaren").click().run()
    assert not _errors(at)
    assert "Elkaar kennen" in list(_tabel_met(at, "Genoemd door")["Thema"])

    ind = themas.indeling(demo_store.snapshot(), tid)
    thema = next(t for t in ind.themas if t.naam == "Elkaar kennen")
    at.selectbox(key="an_thema").set_value(thema.key).run()
    at.multiselect(key=f"an_los_{thema.key}").set_value([los.knelpunt_ids[0]])
    _button(at, "Apart zetten").click().run()
    assert not _errors(at)
    ind = themas.indeling(demo_store.snapshot(), tid)
    assert ind.get(ind.per_knelpunt[los.knelpunt_ids[0]]).aantal == 1
    assert next(t for t in ind.themas if t.naam == "Elkaar kennen").aantal == eerste.aantal

    _button(at, "Ja, wis de handmatige keuzes").click().run()
    assert not _errors(at)
    assert themas.themakeuzes(demo_store.snapshot(), tid) == []


def test_dashboard_refusal_is_one_message(app_test, demo_store):
    tid = _demo_tid(demo_store)
    at = _open(app_test, tid, "pages/analyse.py")
    at.session_state["an_aanpassen"] = True
    at.run()
    _button(at, "Samenvoegen").click().run()  # nothing chosen to merge with
    assert not _errors(at)
    assert any("minstens twee" in e.value for e in at.error)
    assert themas.themakeuzes(demo_store.snapshot(), tid) == []


def test_dashboard_without_traject_or_knelpunten(app_test, store):
    at = _open(app_test, None, "pages/analyse.py")
    assert any("nog geen traject" in i.value for i in at.info)
    t = Traject(naam="Leeg", werkvorm="themadag")
    store.add(t)
    at = _open(app_test, t.id, "pages/analyse.py")
    assert any("nog geen knelpunten" in i.value for i in at.info)


def test_dashboard_rerun_reuses_the_theme_grouping(app_test, demo_store, monkeypatch):
    tid = _demo_tid(demo_store)
    calls = []
    original = themas.indeling

    def counting(snap, traject_id, **kw):
        calls.append(traject_id)
        return original(snap, traject_id, **kw)

    monkeypatch.setattr(themas, "indeling", counting)
    at = _open(app_test, tid, "pages/analyse.py")
    at.slider(key="an_top").set_value(2).run()
    assert not _errors(at)
    assert len(calls) == 1  # the second run took the cached grouping
    assert len(_tabel_met(at, "Genoemd door")) == 2


# ---- the group filter -----------------------------------------------------------------------------------


def _filter_script():
    import streamlit as st

    from schouders.ui import common as ui
    from schouders.ui.groep import kies_groep

    ctx = ui.page(title="Filter")
    gid = kies_groep(ctx)
    st.text(f"gekozen={gid}")


def _filter_app(tid: str | None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_filter_script, default_timeout=30)
    if tid:
        at.session_state["traject_id"] = tid
    return at


def test_kies_groep_only_with_groups_and_choice_survives(demo_store, db_path):
    snap = demo_store.snapshot()
    tid = _demo_tid(demo_store)
    wp = next(t.id for t in snap.all("traject") if t.werkvorm == "werkplaats")
    at = _filter_app(wp).run()
    assert not _errors(at)
    assert not at.main.selectbox and at.text[0].value == "gekozen=None"

    at = _filter_app(tid).run()
    keuze = at.selectbox(key="_groep_picker")
    assert keuze.value == "__alle__"
    b = groepen.groepen(snap, tid)[1]
    keuze.set_value(b.id).run()
    assert at.session_state["groep_id"] == b.id
    at.run()  # a rerun (as after a page switch) keeps the choice
    assert at.text[0].value == f"gekozen={b.id}"
    # a group of another traject is not a valid choice
    at.session_state["traject_id"] = wp
    at.run()
    assert at.text[0].value == "gekozen=None" and at.session_state["groep_id"] is None


@pytest.mark.parametrize("page", ["pages/groepen.py", "pages/analyse.py"])
def test_pages_are_in_the_navigation(page):
    from pathlib import Path

    app = (Path(__file__).resolve().parent.parent / "app.py").read_text(encoding="utf-8")
    assert f'"{page}"' in app


def test_analyse_tables_show_group_names_and_texts_as_plain_text(app_test, store):
    """st.table renders markdown in cells and headers: group names and knelpunten are escaped first."""
    from schouders.model import Groep
    from schouders.ui.common import esc

    t = Traject(naam="Themadag", werkvorm="themadag")
    vet = Groep(traject_id=t.id, naam="**Vet** [link](https://x.example)")
    gewoon = Groep(traject_id=t.id, naam="Tafel 2")
    kn = [
        Knelpunt(traject_id=t.id, tekst=f"De *AVG* remt het delen {i}", gebied="kennis", groep_id=g.id)
        for i, g in enumerate([vet, gewoon, vet])
    ]
    store.add_many([t, vet, gewoon, *kn])
    at = _open(app_test, t.id, "pages/analyse.py")
    per_groep = next(tb.value for tb in at.table if "Procesbegeleider" in tb.value.columns)
    assert list(per_groep["Groep"]) == [esc(vet.naam), "Tafel 2"]
    kruistabel = next(tb.value for tb in at.table if "Totaal" in tb.value.columns)
    assert esc(vet.naam) in kruistabel.columns and vet.naam not in kruistabel.columns
    assert list(kruistabel["Aandachtsgebied"])[-1] == "Totaal"  # the index is the first column
    assert int(kruistabel.iloc[-1]["Totaal"]) == 3

"""The current bijeenkomst is one choice for the whole traject: today's meeting unless the user picks another,
chosen in the sidebar, and every page (stap 2, 3, 4, Meedoen) records at it."""

from __future__ import annotations

from datetime import date, timedelta

from schouders import meedoen
from schouders.model import Bijeenkomst, Traject

S2, S3, S4 = "pages/stap2_quickscan.py", "pages/stap3_doel.py", "pages/stap4_aandachtsgebieden.py"


def _traject(store):
    t = Traject(naam="Werkplaats bijeenkomsten", werkvorm="werkplaats")
    gisteren = Bijeenkomst(traject_id=t.id, nummer=1, titel="Start", datum=date.today() - timedelta(days=7))
    vandaag = Bijeenkomst(traject_id=t.id, nummer=2, titel="Vandaag", datum=date.today())
    later = Bijeenkomst(traject_id=t.id, nummer=3, titel="Later", datum=date.today() + timedelta(days=14))
    store.add_many([t, gisteren, vandaag, later])
    return t, gisteren, vandaag, later


def _open(app_test, tid, page):
    at = app_test()
    at.run()
    at.session_state["traject_id"] = tid
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _knop(at, label):
    return next(b for b in at.button if b.label == label)


def test_todays_meeting_is_chosen_on_stap_2_without_a_click(app_test, store):
    t, _, vandaag, _ = _traject(store)
    at = _open(app_test, t.id, S2)
    assert at.sidebar.selectbox(key="_bijeenkomst_picker").value == vandaag.id
    assert not [s for s in at.main.selectbox if "ijeenkomst" in s.label]  # not a per-page choice
    at.text_input(key="s2_nieuw_succes").input("Korte lijnen met het wijkteam")
    _knop(at, "Toevoegen").click().run()
    (punt,) = store.snapshot().of("quickscanpunt", t.id)
    assert punt.bijeenkomst_id == vandaag.id


def test_a_choice_in_the_sidebar_holds_on_every_page(app_test, store):
    t, gisteren, _, _ = _traject(store)
    at = _open(app_test, t.id, S2)
    at.sidebar.selectbox(key="_bijeenkomst_picker").set_value(gisteren.id).run()
    at.switch_page(S4).run()
    assert at.sidebar.selectbox(key="_bijeenkomst_picker").value == gisteren.id
    at.text_input(key="s4_tekst").input("Brieven zijn onleesbaar")
    _knop(at, "Toevoegen").click().run()
    (k,) = store.snapshot().of("knelpunt", t.id)
    assert k.bijeenkomst_id == gisteren.id
    at.switch_page(S3).run()
    assert at.sidebar.selectbox(key="_bijeenkomst_picker").value == gisteren.id


def test_geen_bijeenkomst_is_a_choice_that_stays(app_test, store):
    t, *_ = _traject(store)
    at = _open(app_test, t.id, S4)
    at.sidebar.selectbox(key="_bijeenkomst_picker").set_value("__geen__").run()
    at.switch_page(S2).run()
    assert at.sidebar.selectbox(key="_bijeenkomst_picker").value == "__geen__"


def test_meedoen_round_records_at_the_current_meeting(store):
    t, _, vandaag, _ = _traject(store)
    ronde = meedoen.open_ronde(store, t.id, 4, bijeenkomst_id=vandaag.id)
    k = meedoen.dien_in(store, ronde.code, "Niemand weet wie de regie heeft")
    assert k.bijeenkomst_id == vandaag.id
    ronde2 = meedoen.open_ronde(store, t.id, 2, bijeenkomst_id=vandaag.id)
    p = meedoen.dien_in(store, ronde2.code, "Het spreekuur werkt", soort="succes")
    assert p.bijeenkomst_id == vandaag.id


def test_meedoen_page_opens_its_round_at_the_chosen_meeting(app_test, store):
    t, gisteren, _, _ = _traject(store)
    at = _open(app_test, t.id, "pages/meedoen.py")
    at.sidebar.selectbox(key="_bijeenkomst_picker").set_value(gisteren.id).run()
    at.button(key="md_pb_open").click().run()
    assert not at.exception
    (ronde,) = store.snapshot().of("ronde", t.id)
    assert ronde.bijeenkomst_id == gisteren.id


def test_a_meeting_of_another_traject_is_not_recorded(store):
    t, *_ = _traject(store)
    ander = Traject(naam="Ander", werkvorm="werkplaats")
    vreemd = Bijeenkomst(traject_id=ander.id, nummer=1)
    store.add_many([ander, vreemd])
    ronde = meedoen.open_ronde(store, t.id, 4, bijeenkomst_id=vreemd.id)
    assert ronde.bijeenkomst_id is None

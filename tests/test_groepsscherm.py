"""Het groepsscherm: the shared picture (schouders/groepsscherm.py) and the page under AppTest."""

from __future__ import annotations

import pytest

from schouders.groepsscherm import VOLGBORD, Volgbord
from schouders.model import Knelpunt, Traject
from schouders.timer import Timer

GS = "pages/groepsscherm.py"


def test_following_a_step_bumps_the_version_once():
    v = Volgbord()
    assert v.beeld("t").versie == 0
    assert v.volg("t", 4).versie == 1
    assert v.volg("t", 4).versie == 1  # the same step again: nothing to redraw
    b = v.volg("t", 6)
    assert (b.stap, b.getoonde_stap, b.soort, b.versie) == (6, 6, "stap", 2)


def test_pinning_holds_while_the_facilitator_moves_on_until_released():
    v = Volgbord()
    v.volg("t", 4)
    b = v.zet_vast("t", "stap")
    assert (b.vast, b.vaste_stap, b.getoonde_stap) == ("stap", 4, 4)
    b = v.volg("t", 7)
    assert b.getoonde_stap == 4  # pinned: still stap 4
    b = v.zet_vast("t", "matrix")
    assert (b.soort, b.getoonde_stap) == ("matrix", None)
    b = v.zet_vast("t", None)
    assert (b.soort, b.getoonde_stap) == ("stap", 7)


def test_unknown_view_is_refused_in_dutch():
    with pytest.raises(ValueError, match="kan 'grafiek' niet tonen"):
        Volgbord().zet_vast("t", "grafiek")


def test_trajecten_do_not_share_a_picture():
    v = Volgbord()
    v.volg("a", 2)
    v.volg("b", 8)
    assert (v.beeld("a").stap, v.beeld("b").stap) == (2, 8)


def test_a_timer_change_is_published_once():
    v = Volgbord()
    t = Timer().start(100.0)
    v.timer("a", "stap4", t)
    versie = v.versie("a")
    v.timer("a", "stap4", t)
    assert v.versie("a") == versie
    v.timer("a", "stap4", t.pauzeer(130.0))
    assert v.versie("a") == versie + 1
    v.timer(None, "stap4", t)  # no traject: nothing


def _traject(store):
    t = Traject(naam="Werkplaats scherm", werkvorm="werkplaats")
    store.add_many([t, Knelpunt(traject_id=t.id, tekst="Brieven zijn onleesbaar", gebied="kennis")])
    return t


def _open(app_test, tid):
    at = app_test()
    at.query_params["traject"] = tid
    at.run()
    at.switch_page(GS).run()
    assert not at.exception, at.exception
    return at


def _html(at) -> str:
    return " ".join(str(getattr(e, "proto", "")) for e in at.get("html"))


def test_group_screen_shows_the_followed_step_board_without_controls(app_test, store):
    t = _traject(store)
    VOLGBORD.volg(t.id, 4)
    at = _open(app_test, t.id)
    tekst = _html(at)
    assert "Stap 4 · Aandachtsgebieden" in tekst and "Brieven zijn onleesbaar" in tekst
    assert not at.main.button and not at.main.text_input and not at.main.selectbox
    assert not at.sidebar.selectbox  # no traject picker, no pin choice on the shared screen
    assert str(store.path) not in tekst


def test_facilitator_page_reports_its_step_and_the_pin_shows(app_test, store):
    t = _traject(store)
    at = app_test()
    at.query_params["traject"] = t.id
    at.run()
    at.switch_page("pages/stap5_verdieping.py").run()
    assert VOLGBORD.beeld(t.id).stap == 5
    at.sidebar.selectbox(key="_groepsscherm_vast").set_value("telling").run()
    assert VOLGBORD.beeld(t.id).vast == "telling"
    scherm = _open(app_test, t.id)
    assert "Knelpunten per aandachtsgebied" in _html(scherm)
    at.sidebar.selectbox(key="_groepsscherm_vast").set_value(None).run()
    assert VOLGBORD.beeld(t.id).vast is None


def test_group_screen_for_an_unknown_traject_says_so(app_test, store):
    _traject(store)
    at = _open(app_test, "bestaatniet")
    assert any("niet bestaat" in i.value for i in at.info)

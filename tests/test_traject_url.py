"""The traject lives in the URL (?traject=…): a link opens that traject, the URL follows the sidebar, and a link
to a traject that is not here opens none rather than another one by surprise."""

from __future__ import annotations

from schouders.model import Traject
from schouders.ui.common import TRAJECT_KEY

S4 = "pages/stap4_aandachtsgebieden.py"


def _twee(store):
    a = Traject(naam="Traject A", werkvorm="werkplaats", aangemaakt="2026-11-01T10:00:00")
    b = Traject(naam="Traject B", werkvorm="werkplaats", aangemaakt="2026-11-02T10:00:00")
    store.add_many([a, b])
    return a, b


def test_url_opens_the_traject_it_names_not_the_newest(app_test, store):
    a, b = _twee(store)
    at = app_test()
    at.query_params["traject"] = a.id
    at.run()
    assert not at.exception
    assert at.session_state[TRAJECT_KEY] == a.id
    assert at.selectbox(key="_traject_picker").value == a.id
    at.switch_page(S4).run()
    assert at.session_state[TRAJECT_KEY] == a.id
    assert at.query_params["traject"] == a.id


def test_without_a_link_the_url_gets_the_traject(app_test, store):
    a, b = _twee(store)
    at = app_test()
    at.run()
    assert at.session_state[TRAJECT_KEY] == b.id  # the newest
    assert at.query_params["traject"] == b.id


def test_picking_in_the_sidebar_changes_the_url(app_test, store):
    a, b = _twee(store)
    at = app_test()
    at.run()
    at.selectbox(key="_traject_picker").set_value(a.id).run()
    assert at.session_state[TRAJECT_KEY] == a.id
    assert at.query_params["traject"] == a.id
    at.switch_page(S4).run()
    assert at.session_state[TRAJECT_KEY] == a.id


def test_unknown_traject_in_the_link_opens_nothing_and_says_so(app_test, store):
    _twee(store)
    at = app_test()
    at.query_params["traject"] = "bestaatniet"
    at.run()
    assert not at.exception
    assert any("niet bestaat" in e.value for e in at.error)
    assert at.session_state[TRAJECT_KEY] is None
    assert at.selectbox(key="_traject_picker").value is None
    at.switch_page(S4).run()
    assert any("niet bestaat" in e.value for e in at.error)
    assert [t for t in at.text_input if t.key == "s4_tekst"] == []  # no form to type into another traject


def test_unknown_link_then_a_pick_works(app_test, store):
    a, _ = _twee(store)
    at = app_test()
    at.query_params["traject"] = "bestaatniet"
    at.run()
    at.selectbox(key="_traject_picker").set_value(a.id).run()
    assert not at.error
    assert at.session_state[TRAJECT_KEY] == a.id
    assert at.query_params["traject"] == a.id


def test_archived_traject_by_link_opens_it_with_a_note(app_test, store):
    a, b = _twee(store)
    store.save(a.met(gearchiveerd=True))
    at = app_test()
    at.query_params["traject"] = a.id
    at.run()
    assert at.session_state[TRAJECT_KEY] == a.id
    assert any("archief" in w.value for w in at.warning)


def test_a_stale_url_from_before_a_pick_does_not_switch_back(app_test, store):
    """The browser may send one more rerun with the old ?traject= before it has seen the new one."""
    a, b = _twee(store)
    at = app_test()
    at.run()  # the newest, b, is in the URL now
    at.selectbox(key="_traject_picker").set_value(a.id).run()
    at.query_params["traject"] = b.id  # a rerun that still carries the old URL
    at.run()
    assert at.session_state[TRAJECT_KEY] == a.id
    assert at.query_params["traject"] == a.id

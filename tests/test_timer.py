"""The time box: pure logic with an injected clock, and the Streamlit part under AppTest."""

from __future__ import annotations

import pytest

from schouders.timer import MAX_SECONDEN, PLUS_SECONDEN, Timer, klok_tekst, stand_tekst


def test_new_timer_is_paused_at_its_duration():
    t = Timer().stel_in(10)
    assert not t.loopt
    assert t.resterend(1000.0) == 600
    assert klok_tekst(t.resterend(1000.0)) == "10:00"
    assert stand_tekst(t, 1000.0) == "klaar om te starten"


def test_runs_pauses_and_resumes_with_the_clock():
    t = Timer().stel_in(10).start(100.0)
    assert t.loopt
    assert t.resterend(130.0) == 570
    t = t.pauzeer(160.0)
    assert not t.loopt and t.resterend(10_000.0) == 540  # paused: the clock may run on
    assert stand_tekst(t, 10_000.0) == "gepauzeerd"
    t = t.start(20_000.0)
    assert t.resterend(20_040.0) == 500
    assert t.start(20_050.0) is t  # starting a running timer changes nothing


def test_plus_five_minutes_while_running_and_after_zero():
    t = Timer().stel_in(1).start(0.0)
    t = t.plus(30.0)
    assert t.resterend(30.0) == 30 + PLUS_SECONDEN
    t, signaal = t.tik(10_000.0)
    assert signaal and t.is_om(10_000.0) and not t.loopt
    # after zero, +5 min gives exactly five minutes from now on
    t = t.plus(10_000.0).start(10_000.0)
    assert t.resterend(10_000.0) == PLUS_SECONDEN
    assert t.resterend(10_000.0 + PLUS_SECONDEN - 1) == 1


def test_signal_sounds_once_at_zero():
    t = Timer().stel_in(1).start(0.0)
    t, signaal = t.tik(59.0)
    assert not signaal and t.loopt
    t, signaal = t.tik(60.0)
    assert signaal and not t.loopt and t.resterend(60.0) == 0
    assert stand_tekst(t, 60.0) == "Tijd is om"
    t, signaal = t.tik(61.0)
    assert not signaal
    assert t.start(62.0).loopt is False  # stays at zero until it gets more time or a reset


def test_reset_goes_back_to_the_chosen_duration_without_the_extra_minutes():
    t = Timer().stel_in(15).start(0.0).plus(10.0).pauzeer(100.0)
    t = t.reset()
    assert not t.loopt and t.resterend(0.0) == 15 * 60 and not t.gemeld


@pytest.mark.parametrize("minuten", [0, -5, MAX_SECONDEN / 60 + 1])
def test_duration_out_of_range_is_refused_in_dutch(minuten):
    with pytest.raises(ValueError, match="Kies een tijd"):
        Timer().stel_in(minuten)


@pytest.mark.parametrize(
    ("seconden", "tekst"),
    [(0, "00:00"), (0.2, "00:01"), (59.9, "01:00"), (61, "01:01"), (600, "10:00"), (3725, "1:02:05")],
)
def test_clock_text_rounds_up(seconden, tekst):
    assert klok_tekst(seconden) == tekst


def test_timer_is_in_the_sidebar_of_a_step_page_and_counts(app_test, demo_store, monkeypatch):
    from schouders.ui import timer as timer_ui

    klok = [1000.0]
    monkeypatch.setattr(timer_ui, "_nu", lambda: klok[0])

    def stand(label: str) -> str:
        return next(m for m in at.sidebar.metric if m.label == label).value

    at = app_test().run()
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    assert not at.exception
    # a time box never started is one button in the sidebar: clicking it shows the clock, minutes and Start
    assert not at.sidebar.metric and not at.sidebar.button
    at.session_state["tm_stap4_open"] = True  # what clicking "Tijd voor stap 4" does
    at.run()
    assert stand("Tijd voor stap 4") == "10:00"
    at.sidebar.button(key="tm_stap4_start").click().run()
    klok[0] += 75
    at.run()
    assert stand("Tijd voor stap 4") == "08:45"  # running: the clock stays in view
    at.sidebar.button(key="tm_stap4_plus").click().run()
    assert stand("Tijd voor stap 4") == "13:45"
    # another step has its own time box; coming back, stap 4 has kept running
    at.switch_page("pages/stap5_verdieping.py").run()
    assert not at.sidebar.metric
    at.session_state["tm_stap5_open"] = True
    at.run()
    assert stand("Tijd voor stap 5") == "10:00"
    klok[0] += 15
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    assert stand("Tijd voor stap 4") == "13:30"
    # reset: a fresh time box again, back to one button
    at.sidebar.button(key="tm_stap4_reset").click().run()
    assert not at.sidebar.metric


def test_minutes_set_in_the_closed_timer_stay_and_start_from_there(app_test, demo_store, monkeypatch):
    from schouders.ui import timer as timer_ui

    klok = [1000.0]
    monkeypatch.setattr(timer_ui, "_nu", lambda: klok[0])
    at = app_test().run()
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    at.session_state["tm_stap4_open"] = True
    at.run()
    at.sidebar.number_input(key="tm_stap4_min").set_value(25).run()
    assert next(m for m in at.sidebar.metric if m.label == "Tijd voor stap 4").value == "25:00"  # still open
    at.sidebar.button(key="tm_stap4_start").click().run()
    klok[0] += 60
    at.run()
    assert next(m for m in at.sidebar.metric if m.label == "Tijd voor stap 4").value == "24:00"

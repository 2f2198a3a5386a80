"""Presentatiemodus and the timer in a real browser: large and calm for the group, and back with one click."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from schouders import methode
from tests.e2e.conftest import goto_page, wait_idle, wait_ready
from tests.e2e.kamer import kies_traject, seed_demo

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_page(page, server):
    namen = seed_demo(server.db)
    page.reload()
    wait_ready(page, 60_000)
    kies_traject(page, namen["werkplaats"])
    page.namen = namen  # type: ignore[attr-defined]
    return page


def _font_px(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def _presentatie_aan(page) -> None:
    page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
    wait_idle(page)
    expect(page.get_by_role("button", name="Presentatie verlaten")).to_be_visible()


def _presentatie_uit(page) -> None:
    page.get_by_role("button", name="Presentatie verlaten").click()
    wait_idle(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()


def _klok(page) -> int:
    """The timer's remaining seconds as shown on screen (sidebar or presentation view)."""
    metric = page.get_by_test_id("stMetric").filter(has_text="Tijd voor stap 4").first
    # a busy machine may still be drawing the view that holds the clock (it ticks every second): wait for it
    expect(metric).to_be_visible(timeout=60_000)
    mm, ss = metric.get_by_test_id("stMetricValue").inner_text().strip().split(":")
    return int(mm) * 60 + int(ss)


def test_presentation_mode_is_large_read_only_and_switches_back(demo_page, server):
    page = demo_page
    goto_page(page, "4. Aandachtsgebieden")
    main = page.get_by_test_id("stMain")
    titel_normaal = _font_px(main.get_by_role("heading", name=re.compile("Stap 4")).first)
    assert main.locator("input[type='text'], textarea").count() > 0  # the normal page has its entry field

    _presentatie_aan(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    titel = main.get_by_role("heading", name=re.compile("Stap 4")).first
    assert _font_px(titel) > titel_normaal
    # knelpunten as large cards per gebied, every column named in words next to its colour
    for g in methode.GEBIEDEN:
        expect(main.locator(".sch-kolom h2", has_text=g.label)).to_be_visible()
    from schouders.store import Store

    snap = Store(server.db).snapshot()
    tid = next(t.id for t in snap.all("traject") if t.werkvorm == "werkplaats")
    knelpunt = snap.of("knelpunt", tid)[0]
    kaart = main.locator(".sch-kaart", has_text=knelpunt.tekst[:30]).first
    expect(kaart).to_be_visible()
    assert _font_px(kaart) >= 20
    # read-only: no fields to type in
    assert main.locator("input[type='text'], textarea").count() == 0

    _presentatie_uit(page)
    expect(main.get_by_role("heading", name=re.compile("Stap 4")).first).to_be_visible()
    assert main.locator("input[type='text'], textarea").count() > 0
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Traject")).to_have_value(
        re.compile("Werkplaats")
    )


def test_presentation_shows_the_matrix_and_the_action_board(demo_page):
    page = demo_page
    goto_page(page, "6. Oplossingsrichtingen")
    _presentatie_aan(page)
    main = page.get_by_test_id("stMain")
    for kwadrant in ("Eerst doen", "Langere adem", "Quick win", "Later"):
        expect(main.locator(".sch-kolom h2", has_text=kwadrant)).to_be_visible()
    _presentatie_uit(page)
    goto_page(page, "7. Acties plannen")
    _presentatie_aan(page)
    for _, label in methode.ACTIE_STATUSSEN:
        expect(main.locator(".sch-kolom h2", has_text=label)).to_be_visible()
    assert main.locator(".sch-kaart").count() > 0
    _presentatie_uit(page)


def test_timer_runs_a_minute_while_the_page_stays_usable(demo_page):
    page = demo_page
    goto_page(page, "4. Aandachtsgebieden")
    sidebar = page.get_by_test_id("stSidebar")
    # a time box never started is one button in the sidebar; it opens the clock, the minutes and Start
    expect(sidebar.get_by_test_id("stMetric")).to_have_count(0)
    sidebar.get_by_role("button", name="Tijd voor stap 4").click()
    instellen = page.get_by_test_id("stPopoverBody")
    minuten = instellen.get_by_role("spinbutton", name="Tijd voor stap 4: minuten")
    minuten.fill("1")
    minuten.press("Enter")
    wait_idle(page)
    expect(instellen.get_by_test_id("stMetricValue")).to_have_text("01:00")  # still open after setting
    assert _klok(page) == 60
    instellen.get_by_role("button", name="Start").click()
    gestart = time.monotonic()
    wait_idle(page)

    # the clock counts by itself, without a click
    eerst = _klok(page)
    page.wait_for_timeout(2_500)
    assert _klok(page) < eerst

    # during the minute the procesbegeleider keeps working: presentation on and off, other pages
    _presentatie_aan(page)
    assert 0 < _klok(page) < 60
    page.wait_for_timeout(5_000)
    _presentatie_uit(page)
    goto_page(page, "5. Knelpuntenanalyse")
    expect(page.get_by_role("heading", name=re.compile("Stap 5")).first).to_be_visible()
    goto_page(page, "4. Aandachtsgebieden")
    voor = _klok(page)
    assert 0 < voor < 55
    sidebar.get_by_role("button", name="+5 min").click()
    wait_idle(page)
    assert _klok(page) > voor + 290
    sidebar.get_by_role("button", name="Pauze").click()
    # read the clock only once the pause has landed (the button turns into "Verder")
    expect(sidebar.get_by_role("button", name="Verder")).to_be_visible()
    wait_idle(page)
    stil = _klok(page)
    page.wait_for_timeout(2_500)
    assert _klok(page) == stil
    # back to one minute and let it run out: a gentle "Tijd is om"
    sidebar.get_by_role("button", name="Reset").click()
    wait_idle(page)
    expect(sidebar.get_by_test_id("stMetric")).to_have_count(0)  # a fresh time box again: one button
    sidebar.get_by_role("button", name="Tijd voor stap 4").click()
    expect(instellen.get_by_test_id("stMetricValue")).to_have_text("01:00")
    instellen.get_by_role("button", name="Start").click()
    wait_idle(page)
    _presentatie_aan(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Tijd is om").first).to_be_visible(timeout=90_000)
    assert _klok(page) == 0
    assert time.monotonic() - gestart >= 60
    # still usable after the signal
    _presentatie_uit(page)
    expect(sidebar.get_by_text("Tijd is om").first).to_be_visible()
    assert not page.js_errors  # type: ignore[attr-defined]

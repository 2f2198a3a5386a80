"""Two procesbegeleiders, as the werkwijzer advises online: the second one comes in from another laptop (here
127.0.0.2, through the room set-up) with the passcode and gets the full app; each sees the other's knelpunten
on the stap 4 board within 2 s, without a reload. Without the passcode: only Meedoen, as before."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_ready
from tests.e2e.kamer import Relay, kies_traject, log_in_als_procesbegeleider
from tests.e2e.test_meedoen import PASSCODE, kamer  # noqa: F401 – the room set-up fixture, shared

pytestmark = pytest.mark.e2e


def _binnen(locator, seconden: float = 2.0) -> float:
    start = time.monotonic()
    expect(locator).to_be_visible(timeout=int(seconden * 1000) + 500)
    return time.monotonic() - start


def _typ(page, tekst: str) -> None:
    page.locator(".st-key-s4_tekst input").click()
    page.keyboard.type(tekst, delay=8)
    page.keyboard.press("Enter")


def test_two_procesbegeleiders_see_each_others_knelpunten_live(browser, kamer):  # noqa: F811
    srv, relay, namen = kamer
    eerste_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    eerste = eerste_ctx.new_page()
    eerste.set_default_timeout(30_000)
    eerste.goto(srv.url)
    wait_ready(eerste, 60_000)
    kies_traject(eerste, namen["werkplaats"])
    goto_page(eerste, "4. Aandachtsgebieden")

    tls = Relay(srv.tls_poort, scheme="https")  # the second laptop comes in over TLS, the only way in
    tweede_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", ignore_https_errors=True)
    tweede = tweede_ctx.new_page()
    tweede.set_default_timeout(30_000)
    tweede.goto(f"{tls.url}/")
    wait_ready(tweede, 60_000)
    assert tweede.get_by_test_id("stSidebarNav").count() == 0  # without the passcode: only Meedoen
    log_in_als_procesbegeleider(tweede, PASSCODE)
    expect(tweede.get_by_test_id("stSidebarNav")).to_be_visible()
    kies_traject(tweede, namen["werkplaats"])
    goto_page(tweede, "4. Aandachtsgebieden")
    expect(tweede.get_by_role("heading", name=re.compile("Stap 4"))).to_be_visible()

    _typ(eerste, "Typt de eerste procesbegeleider")
    gezien_door_tweede = _binnen(tweede.get_by_text("Typt de eerste procesbegeleider"))
    _typ(tweede, "Typt de tweede procesbegeleider")
    gezien_door_eerste = _binnen(eerste.get_by_text("Typt de tweede procesbegeleider"))
    assert gezien_door_tweede < 2.5 and gezien_door_eerste < 2.5
    tid = next(t.id for t in Store(srv.db).snapshot().all("traject") if t.werkvorm == "werkplaats")
    teksten = {k.tekst for k in Store(srv.db).snapshot().of("knelpunt", tid)}
    assert {"Typt de eerste procesbegeleider", "Typt de tweede procesbegeleider"} <= teksten
    tweede_ctx.close()
    tls.close()
    eerste_ctx.close()

"""Meedoen in a real room: the server listens on all interfaces in room mode, the procesbegeleider works at
127.0.0.1 and a 'phone' (small viewport) comes in from 127.0.0.2."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import goto_page, wait_idle, wait_ready
from tests.e2e.kamer import (
    PAGE_FILES,
    Relay,
    kies_traject,
    log_in_als_procesbegeleider,
    seed_demo,
    start_kamer,
    tls_poort,
)

pytestmark = pytest.mark.e2e

PASSCODE = "KAMER234"
HTML_ITEM = "<b>Vet</b> & <img src=x onerror=alert(1)> geen HTML"


@pytest.fixture
def kamer(tmp_path):
    namen = seed_demo(tmp_path / "schouders.json")
    srv, plan = start_kamer(tmp_path, code=PASSCODE, seed=False)  # as serve-room starts it, TLS port included
    srv.tls_poort = tls_poort(plan)
    relay = Relay(int(srv.url.rsplit(":", 1)[1]))  # a phone: plain HTTP, from 127.0.0.2
    yield srv, relay, namen
    relay.close()
    srv.stop()


def _context(browser, **kw):
    ctx = browser.new_context(locale="nl-NL", **kw)
    ctx.set_default_timeout(30_000)
    return ctx


def _verboden_teksten(db) -> list[str]:
    """Traject data a phone must never see: names, vraagstukken, knelpunten, acties, deelnemers."""
    from schouders.store import Store

    snap = Store(db).snapshot()
    teksten = [t.naam for t in snap.all("traject")]
    teksten += [v.tekst[:40] for v in snap.all("vraagstuk")]
    teksten += [k.tekst[:40] for k in snap.all("knelpunt")]
    teksten += [a.wat[:40] for a in snap.all("actie")]
    teksten += [d.naam for d in snap.all("deelnemer")]
    teksten += ["Gegevens staan in", str(db)]
    return teksten


def _zie_alleen_formulier(phone, db) -> None:
    main = phone.get_by_test_id("stApp")
    expect(phone.get_by_role("heading", name="Meedoen")).to_be_visible()
    expect(phone.get_by_label("Code", exact=True)).to_be_visible()
    tekst = main.inner_text()
    for verboden in _verboden_teksten(db):
        assert verboden not in tekst, f"de telefoon ziet traject-gegevens: {verboden!r}"
    assert phone.get_by_test_id("stSidebarNav").count() == 0


def _probeer_alle_paginas(phone, relay, db) -> None:
    for stem in PAGE_FILES:
        phone.goto(f"{relay.url}/{stem}")
        wait_ready(phone, 60_000)
        _zie_alleen_formulier(phone, db)


def test_phone_joins_with_the_code_and_items_appear_live(browser, kamer):
    srv, relay, namen = kamer
    phone_ctx = _context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = phone_ctx.new_page()

    # Before anybody else has used the fresh server, the phone tries every page URL: only the form.
    _probeer_alle_paginas(phone, relay, srv.db)

    # The procesbegeleider, on the machine itself, opens a round for stap 4 (all gebieden).
    pb_ctx = _context(browser, viewport={"width": 1400, "height": 1000})
    pb = pb_ctx.new_page()
    pb.goto(srv.url)
    wait_ready(pb, 60_000)
    kies_traject(pb, namen["werkplaats"])
    goto_page(pb, "Meedoen")
    pb.get_by_role("button", name="Ronde openen").click()
    wait_idle(pb)
    code = pb.locator(".sch-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code), code
    expect(pb.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    board = pb.get_by_test_id("stMain")
    expect(board.get_by_text("Binnengekomen: 0")).to_be_visible()

    # A wrong code is refused and adds nothing.
    phone.goto(f"{relay.url}/meedoen")
    wait_ready(phone, 60_000)
    phone.get_by_label("Code", exact=True).fill("ZZZZZZ")
    phone.get_by_role("button", name="Meedoen").click()
    wait_idle(phone)
    expect(phone.get_by_text("Deze code werkt niet")).to_be_visible()

    # The right code (typed in small letters) lets the phone in; three items, one with HTML in it.
    phone.get_by_label("Code", exact=True).fill(code.lower())
    phone.get_by_role("button", name="Meedoen").click()
    wait_idle(phone)
    expect(phone.get_by_label("Jouw bericht")).to_be_visible()
    phone.get_by_role("textbox", name="Je naam (mag leeg blijven)").fill("Samira")
    phone.get_by_role("textbox", name="Je naam (mag leeg blijven)").press("Tab")
    wait_idle(phone)
    for tekst in ("Wachtlijst bij schuldhulp is te lang", HTML_ITEM, "Niemand houdt de regie"):
        phone.get_by_label("Jouw bericht").fill(tekst)
        phone.get_by_role("button", name="Versturen").click()
        wait_idle(phone)
        expect(phone.get_by_text("Verstuurd. Dank je wel!")).to_be_visible()
    # the phone lists its own items as plain text
    expect(phone.get_by_text(HTML_ITEM, exact=True)).to_be_visible()
    assert phone.locator("img[src='x']").count() == 0

    # They appear on the procesbegeleider's board within a few seconds, as plain text, with the name.
    expect(board.get_by_text("Binnengekomen: 3")).to_be_visible(timeout=15_000)
    kaart = pb.locator(".sch-kaart", has_text="geen HTML")
    expect(kaart).to_have_count(1)
    assert HTML_ITEM in kaart.inner_text()
    assert "Samira" in kaart.inner_text()
    assert pb.locator(".sch-kolom b, .sch-kolom img").count() == 0
    expect(pb.locator(".sch-kaart", has_text="Wachtlijst bij schuldhulp")).to_have_count(1)

    # A new code locks the phone out: refused, nothing added, back to the code field.
    pb.get_by_role("button", name="Nieuwe code").click()
    wait_idle(pb)
    nieuwe_code = pb.locator(".sch-code").first.inner_text().strip()
    assert nieuwe_code != code
    phone.get_by_label("Jouw bericht").fill("Dit mag er niet meer bij")
    phone.get_by_role("button", name="Versturen").click()
    wait_idle(phone)
    expect(phone.get_by_text("Deze code werkt niet")).to_be_visible()
    expect(phone.get_by_label("Code", exact=True)).to_be_visible()
    pb.wait_for_timeout(3_000)  # two ticks of the live board
    expect(board.get_by_text("Binnengekomen: 3")).to_be_visible()
    expect(pb.locator(".sch-kaart", has_text="niet meer bij")).to_have_count(0)

    # Closing the round refuses the new code too.
    phone.get_by_label("Code", exact=True).fill(nieuwe_code)
    phone.get_by_role("button", name="Meedoen").click()
    wait_idle(phone)
    expect(phone.get_by_label("Jouw bericht")).to_be_visible()
    pb.get_by_role("button", name="Ronde sluiten").click()
    wait_idle(pb)
    phone.get_by_label("Jouw bericht").fill("Na het sluiten")
    phone.get_by_role("button", name="Versturen").click()
    wait_idle(phone)
    expect(phone.get_by_text("Deze code werkt niet")).to_be_visible()

    from schouders.store import Store

    snap = Store(srv.db).snapshot()
    uit_telefoon = [k for k in snap.all("knelpunt") if k.meedoen_id]
    assert sorted(k.tekst for k in uit_telefoon) == sorted(
        ["Wachtlijst bij schuldhulp is te lang", HTML_ITEM, "Niemand houdt de regie"]
    )
    assert {k.auteur for k in uit_telefoon} == {"Samira"}

    # Now that the app has run normally, the phone tries every page URL again: still only the form.
    _probeer_alle_paginas(phone, relay, srv.db)
    phone_ctx.close()
    pb_ctx.close()


def test_second_procesbegeleider_gets_in_with_the_passcode(browser, kamer):
    """Over the phones' plain-HTTP port the passcode is not asked: the page points to the https link. Over the
    TLS port (the browser accepts the laptop's own certificate once) a wrong code is refused, the right one
    opens the traject."""
    srv, relay, namen = kamer
    ctx = _context(browser, viewport={"width": 1200, "height": 900})
    laptop = ctx.new_page()
    laptop.goto(f"{relay.url}/stap4_aandachtsgebieden")
    wait_ready(laptop, 60_000)
    _zie_alleen_formulier(laptop, srv.db)
    laptop.get_by_text("Ben je procesbegeleider?").click()
    expect(laptop.get_by_text("De toegangscode vul je alleen in via de beveiligde link")).to_be_visible()
    expect(laptop.get_by_label("Toegangscode voor procesbegeleiders")).to_have_count(0)
    ctx.close()

    tls = Relay(srv.tls_poort, scheme="https")
    ctx = _context(browser, viewport={"width": 1200, "height": 900}, ignore_https_errors=True)
    try:
        laptop = ctx.new_page()
        laptop.goto(f"{tls.url}/stap4_aandachtsgebieden")
        wait_ready(laptop, 60_000)
        _zie_alleen_formulier(laptop, srv.db)
        log_in_als_procesbegeleider(laptop, "VERKEERD")
        expect(laptop.get_by_text("Deze toegangscode klopt niet.")).to_be_visible()
        _zie_alleen_formulier(laptop, srv.db)
        laptop.get_by_label("Toegangscode voor procesbegeleiders").fill(PASSCODE)
        laptop.get_by_role("button", name="Inloggen").click()
        wait_idle(laptop)
        expect(laptop.get_by_test_id("stSidebarNav")).to_be_visible()
        goto_page(laptop, "4. Aandachtsgebieden")
        expect(laptop.get_by_role("heading", name=re.compile("Stap 4"))).to_be_visible()
    finally:
        ctx.close()
        tls.close()

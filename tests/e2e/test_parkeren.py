"""Browser test for parking in stap 2: a verbeterpunt typed as a solution gets the hint, one click moves it to
the parkeerplaats, 'Terug naar de quickscan' moves it back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from schouders.store import Store
from schouders.trajecten import nieuw_traject
from tests.e2e.conftest import EXPECT_TIMEOUT, goto_page, wait_ready
from tests.e2e.test_stap123 import blok, klik, met_rerun

pytestmark = pytest.mark.e2e

OPLOSSING = "We moeten een gezamenlijk spreekuur organiseren"
GEWOON = "Inwoners wachten te lang op een afspraak"


def test_hint_parkeert_het_punt_en_terug_zet_het_weer_terug(browser, server) -> None:
    nieuw_traject(Store(server.db), "Werkplaats parkeren", "werkplaats")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    expect.set_options(timeout=20_000)  # other tests may share the 2 cores
    try:
        pg = context.new_page()
        pg.set_default_timeout(40_000)
        fouten: list[str] = []
        pg.on("pageerror", lambda e: fouten.append(str(e)))
        pg.goto(server.url)
        wait_ready(pg, timeout=60_000)  # a fresh server imports everything on its first run
        goto_page(pg, "2. Quickscan")

        veld = pg.get_by_label("Nieuw verbeterpunt", exact=True)
        for tekst in (GEWOON, OPLOSSING):  # typed as a user does, Enter sends it
            veld.click()
            met_rerun(pg, lambda t=tekst: (pg.keyboard.type(t, delay=30), pg.keyboard.press("Enter")))
            expect(blok(pg, "s2_punt_", tekst)).to_be_visible()
        expect(pg.get_by_role("heading", name="Verbeterpunten (2)")).to_be_visible()
        hint = "Klinkt als een oplossing: parkeren?"
        expect(blok(pg, "s2_punt_", GEWOON).get_by_role("button", name=hint)).to_have_count(0)

        klik(pg, blok(pg, "s2_punt_", OPLOSSING).get_by_role("button", name=hint))
        expect(blok(pg, "s2_punt_", OPLOSSING)).to_have_count(0)  # no longer a verbeterpunt
        expect(pg.get_by_role("heading", name="Verbeterpunten (1)")).to_be_visible()
        geparkeerd = blok(pg, "s2_opl_", OPLOSSING)
        expect(geparkeerd).to_be_visible()  # on the parkeerplaats
        expect(pg.get_by_role("heading", name="Parkeerplaats · oplossingen voor later (1)")).to_be_visible()
        (o,) = Store(server.db).snapshot().all("oplossing")
        assert o.tekst == OPLOSSING and o.bron_id

        klik(pg, geparkeerd.get_by_role("button", name="Terug naar de quickscan"))
        expect(blok(pg, "s2_punt_", OPLOSSING)).to_be_visible()
        expect(blok(pg, "s2_opl_", OPLOSSING)).to_have_count(0)
        expect(pg.get_by_role("heading", name="Verbeterpunten (2)")).to_be_visible()
        snap = Store(server.db).snapshot()
        assert not snap.all("oplossing")
        assert {(p.soort, p.tekst) for p in snap.all("quickscanpunt")} == {
            ("verbeter", GEWOON),
            ("verbeter", OPLOSSING),
        }
        assert not fouten
    finally:
        expect.set_options(timeout=EXPECT_TIMEOUT)
        context.close()

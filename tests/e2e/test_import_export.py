"""Browser: upload the Dutch Excel CSV, read the preview, save, and see the knelpunten counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import goto_page, wait_idle, wait_ready

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "voorbeeld_excel_nl.csv"


@pytest.mark.e2e
def test_upload_preview_save_and_count(page, server):
    from schouders.store import Store
    from schouders.trajecten import nieuw_traject

    page.set_default_timeout(60_000)  # a busy 2-core machine: allow slow reruns
    nieuw_traject(Store(server.db), "Themadag schulden", "themadag")
    page.reload()
    wait_ready(page, 60_000)
    goto_page(page, "Importeren en exporteren")
    page.get_by_text("Bestand kiezen").wait_for()
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(SAMPLE))
    wait_idle(page, 60_000)
    main = page.get_by_test_id("stMain")
    main.get_by_text("4 rijen gelezen", exact=False).wait_for()
    assert main.get_by_text("4 knelpunten in 2 groepen", exact=False).is_visible()
    preview = main.get_by_test_id("stDataFrame").first
    preview.wait_for()
    assert main.get_by_text("Per aandachtsgebied: Klantbeleving 1, Kennis 1, Keten 1, Randvoorwaarden 1").is_visible()
    assert Store(server.db).snapshot().all("knelpunt") == ()  # nothing saved before the click
    main.get_by_role("button", name="Opslaan").click()
    wait_idle(page, 60_000)
    main.get_by_text("4 knelpunten en 2 groepen toegevoegd aan 'Themadag schulden'", exact=False).wait_for()
    assert len(Store(server.db).snapshot().all("knelpunt")) == 4
    goto_page(page, "Overzicht")
    metric = page.get_by_test_id("stMetric").filter(has_text="Knelpunten").first
    metric.wait_for()
    assert "4" in metric.inner_text()
    assert page.js_errors == []


@pytest.mark.e2e
def test_upload_the_same_file_twice_skips_what_is_there(page, server):
    """Issue 19.3: the second upload of the same file adds nothing unless asked, and says which rows."""
    import hashlib

    from schouders.store import Store
    from schouders.trajecten import nieuw_traject

    page.set_default_timeout(60_000)
    nieuw_traject(Store(server.db), "Werkplaats dubbel", "werkplaats")
    page.reload()
    wait_ready(page, 60_000)
    goto_page(page, "Importeren en exporteren")
    main = page.get_by_test_id("stMain")
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
    uploader.set_input_files(str(SAMPLE))
    wait_idle(page, 60_000)
    main.get_by_role("button", name="Opslaan").click()
    wait_idle(page, 60_000)
    main.get_by_text("4 knelpunten en 2 groepen toegevoegd", exact=False).wait_for()
    voor = hashlib.sha256(Path(server.db).read_bytes()).hexdigest()

    uploader.set_input_files(str(SAMPLE))
    wait_idle(page, 60_000)
    main.get_by_text("4 staan al in dit traject en worden overgeslagen", exact=False).wait_for()
    assert main.get_by_text("• Rij 2: Cliënten haken af na het eerste gesprek (groep Groep 1)").is_visible()
    assert main.get_by_text("Er komt niets bij", exact=False).is_visible()
    assert main.get_by_role("button", name="Opslaan").is_disabled()
    assert hashlib.sha256(Path(server.db).read_bytes()).hexdigest() == voor

    main.get_by_text("Ook dubbele toevoegen").click()
    wait_idle(page, 60_000)
    main.get_by_text("klaar om toe te voegen: 4 knelpunten in 2 groepen", exact=False).wait_for()
    main.get_by_role("button", name="Opslaan").click()
    wait_idle(page, 60_000)
    main.get_by_text("4 knelpunten toegevoegd", exact=False).wait_for()
    assert len(Store(server.db).snapshot().all("knelpunt")) == 8
    assert page.js_errors == []

"""Browser test for the Praatplaat (issue 18.4): one click on stap 4 downloads an A3 PDF with the knelpunten."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from schouders.model import Knelpunt, Traject, Vraagstuk
from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

KNELPUNTEN = (
    ("Consulenten weten niet wanneer schulden problematisch zijn", "kennis"),
    ("De cliënt moet alles opnieuw vertellen", "klantbeleving"),
    ("Wachttijd van zes weken bij de schulddienstverlening", "keten"),
)


def test_stap4_downloads_the_praatplaat_with_the_knelpunten(page: Page, server, tmp_path) -> None:
    t = Traject(naam="Werkplaats schulden", werkvorm="werkplaats")
    Store(server.db).add_many(
        [
            t,
            Vraagstuk(traject_id=t.id, tekst="Hoe krijgt elke cliënt een warme overdracht?"),
            *(Knelpunt(traject_id=t.id, tekst=tekst, gebied=g) for tekst, g in KNELPUNTEN),
        ]
    )
    page.reload()
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")
    knop = page.get_by_role("button", name="Praatplaat (A3, PDF)")
    knop.scroll_into_view_if_needed()
    page.get_by_text("met de knelpunten erop").click()
    expect(page.get_by_role("checkbox", name="met de knelpunten erop")).to_be_checked()
    wait_idle(page)
    download = None
    for _ in range(2):  # a click that lands while the checkbox's rerun still redraws the button is lost
        try:
            with page.expect_download(timeout=10_000) as info:
                page.get_by_role("button", name="Praatplaat (A3, PDF)").click()
            download = info.value
            break
        except PlaywrightTimeout:
            wait_idle(page)
    assert download is not None, "no download after two clicks"
    assert download.suggested_filename == "praatplaat-Werkplaats-schulden-met-knelpunten.pdf"
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)
    assert pad.read_bytes().startswith(b"%PDF")
    pdfinfo = subprocess.run(["pdfinfo", str(pad)], check=True, capture_output=True, text=True).stdout
    assert "1190.55 x 841.89 pts (A3)" in pdfinfo
    tekst = subprocess.run(["pdftotext", "-raw", str(pad), "-"], check=True, capture_output=True, text=True).stdout
    tekst = " ".join(tekst.split())
    assert "Hoe krijgt elke cliënt een warme overdracht?" in tekst
    for knelpunt, _ in KNELPUNTEN:
        assert knelpunt in tekst
    assert not page.js_errors  # type: ignore[attr-defined]

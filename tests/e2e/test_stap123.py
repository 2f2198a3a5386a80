"""Browser test for the first meeting: deelnemers, stap 1 vraagstuk, stap 2 quickscan, stap 3 doel – and all of it
is still there after the server restarts on the same store file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from schouders import methode
from schouders.store import Store
from schouders.trajecten import nieuw_traject
from tests.e2e.conftest import EXPECT_TIMEOUT, goto_page, start_server, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

VRAAGSTUK = "Hoe helpen we inwoners met schulden en een uitkering sneller aan passende hulp?"
KLEIN_1 = "Hoe maken we de overdracht naar de schuldhulp warmer?"
KLEIN_2 = "Hoe herkennen consulenten problematische schulden?"
SUCCES = "De lijnen met het wijkteam zijn kort"
VERBETER_1 = "Inwoners moeten zelf een afspraak maken"
VERBETER_2 = "Een gezamenlijk intakeformulier voor beide afdelingen"
OPLOSSING = "Een vast inloopspreekuur in het wijkcentrum"
DOEL_1 = "Meer inwoners met schulden komen bij de schuldhulp terecht."
KENMERK = methode.KENMERKEN_VRAAGSTUK[0][1]
DOEL_2 = "Over een jaar krijgt 80% van de nieuwe aanvragers met schulden binnen twee weken een warme overdracht."

# Counts every change of the app's run state, so a step can wait for the rerun it caused.
_RUN_TELLER = """() => {
  if (window.__runs !== undefined) return;
  window.__runs = 0;
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver((recs) => { window.__runs += recs.length; })
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
_KLAAR = """(b) => window.__runs > b &&
  document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state') === 'notRunning'"""


def met_rerun(pg: Page, actie: Callable[[], None]) -> None:
    """Do something that reruns the app and wait until that rerun has finished. A very quick run may
    never show as 'running' in the page; then a short wait does, and the screen checks that follow wait
    for what they expect."""
    pg.evaluate(_RUN_TELLER)
    voor = pg.evaluate("() => window.__runs")
    actie()
    try:
        pg.wait_for_function(_KLAAR, arg=voor, timeout=5000)
    except PlaywrightTimeout:
        pass
    wait_idle(pg)


def _grid(pg: Page) -> Locator:
    return pg.get_by_test_id("stDataFrame").last


def kies_cel(pg: Page, rij: int, kolom: int) -> None:
    box = _grid(pg).bounding_box()
    assert box is not None
    pg.mouse.click(box["x"] + 60, box["y"] + 35 + 17 + 35 * rij)  # header and rows are 35 px high
    for _ in range(kolom):
        pg.keyboard.press("ArrowRight")


def vul_cel(pg: Page, rij: int, kolom: int, tekst: str) -> None:
    """Replace the text of a text cell and commit with Enter, without waiting for the rerun it starts."""
    editor = pg.locator("textarea.gdg-input")
    for poging in range(3):
        kies_cel(pg, rij, kolom)
        pg.keyboard.press("Enter")
        try:
            editor.wait_for(timeout=4000)
            break
        except Exception:
            if poging == 2:
                raise
            pg.keyboard.press("Escape")
    editor.fill(tekst)
    editor.press("Enter")
    editor.wait_for(state="detached")


def typ_in_cel(pg: Page, rij: int, kolom: int, tekst: str) -> None:
    """Open a text cell of the data editor, replace its text and commit with Enter; wait for the rerun."""
    met_rerun(pg, lambda: vul_cel(pg, rij, kolom, tekst))


def kies_in_cel(pg: Page, rij: int, kolom: int, tekst: str) -> None:
    """Choose an option in a selectbox cell of the data editor by typing it."""

    def actie() -> None:
        kies_cel(pg, rij, kolom)
        pg.keyboard.press("Enter")
        pg.wait_for_timeout(400)
        pg.keyboard.type(tekst)
        pg.wait_for_timeout(200)
        pg.keyboard.press("Enter")

    met_rerun(pg, actie)


def nieuwe_rij(pg: Page) -> None:
    _grid(pg).hover()
    _grid(pg).get_by_role("button", name="Add row").click()
    pg.wait_for_timeout(300)


def grid_tekst(pg: Page) -> str:
    return _grid(pg).locator("table").inner_text()


def typ_en_enter(pg: Page, label: str, tekst: str) -> None:
    veld = pg.get_by_label(label, exact=True)
    met_rerun(pg, lambda: (veld.fill(tekst), veld.press("Enter")))


def klik(pg: Page, knop: Locator) -> None:
    met_rerun(pg, knop.click)


def blok(pg: Page, sleutel: str, tekst: str) -> Locator:
    """The keyed container (st.container(key=sleutel…)) that shows `tekst`."""
    return pg.locator(f"[class*='st-key-{sleutel}']").filter(has_text=tekst)


def kies_optie(pg: Page, label: str, optie: str) -> None:
    veld = pg.get_by_label(label, exact=True)
    veld.click()
    pg.wait_for_timeout(200)
    if veld.get_attribute("aria-expanded") != "true":  # the sidebar's bijeenkomst picker opens from the keyboard
        veld.press("ArrowDown")
    met_rerun(pg, pg.get_by_role("option", name=optie).click)


def zet_smart(pg: Page, letter: str, status: str, notitie: str | None = None) -> None:
    rij = pg.locator(f".st-key-s3_letter_{letter}")
    klik(pg, rij.get_by_role("radio", name=status, exact=True))
    if notitie is not None:
        veld = rij.get_by_role("textbox")
        met_rerun(pg, lambda: (veld.fill(notitie), veld.press("Enter")))


def test_eerste_bijeenkomst_staat_er_na_herstart_nog(browser, server, tmp_path) -> None:
    nieuw_traject(Store(server.db), "Werkplaats schulden", "werkplaats", start=date(2026, 1, 13))
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    expect.set_options(timeout=20_000)  # other tests may share the 2 cores
    try:
        pg = context.new_page()
        pg.set_default_timeout(40_000)  # other tests may share the 2 cores
        fouten: list[str] = []
        pg.on("pageerror", lambda e: fouten.append(str(e)))
        pg.goto(server.url)
        wait_ready(pg, timeout=60_000)  # a fresh server imports everything on its first run
        eerste_bijeenkomst(pg, server)
        # ---- restart the server on the same store file ----
        server.stop()
        tweede = start_server(server.db, tmp_path / "streamlit-2.log")
        try:
            pg.goto(tweede.url)
            wait_ready(pg, timeout=60_000)
            alles_is_er_nog(pg)
        finally:
            tweede.stop()
        assert not fouten
    finally:
        expect.set_options(timeout=EXPECT_TIMEOUT)
        context.close()


def eerste_bijeenkomst(pg: Page, server) -> None:
    # ---- deelnemers ----
    goto_page(pg, "Deelnemers")
    nieuwe_rij(pg)
    typ_in_cel(pg, 0, 0, "Anna de Vries")
    typ_in_cel(pg, 0, 1, "Gemeente Rivierstad")
    nieuwe_rij(pg)
    typ_in_cel(pg, 1, 0, "Bram Jansen")
    typ_in_cel(pg, 1, 1, "Wijkteam")
    kies_in_cel(pg, 1, 2, "Sociaal")
    # The rol is stored before the next edit, so this test stays about the first meeting. A refused e-mail that
    # arrives in the same rerun as the rol no longer takes the rol with it (only the bad row is refused): that
    # fast-user case is covered by tests/e2e/test_deelnemers.py.
    for _ in range(50):
        if any(d.rol for d in Store(server.db).snapshot().all("deelnemer")):
            break
        pg.wait_for_timeout(200)
    typ_in_cel(pg, 0, 3, "geen-mail")  # refused: one message naming the row, nothing saved
    expect(pg.get_by_text("Rij 1 (Anna de Vries)")).to_be_visible()
    assert [d.email for d in Store(server.db).snapshot().all("deelnemer")] == ["", ""]
    typ_in_cel(pg, 0, 3, "anna@example.nl")
    expect(pg.get_by_text("Rij 1 (Anna de Vries)")).to_have_count(0)
    assert "Sociaal werk" in grid_tekst(pg)

    # ---- stap 1: write, check and split the vraagstuk ----
    goto_page(pg, "1. Vraagstuk")
    klik(pg, pg.get_by_role("button", name="Vraagstuk bewaren"))
    expect(pg.get_by_text("Vraagstuk is leeg")).to_be_visible()  # empty is refused
    pg.get_by_label("Beschrijf het vraagstuk").fill(VRAAGSTUK)
    klik(pg, pg.get_by_role("button", name="Vraagstuk bewaren"))
    expect(pg.get_by_text(VRAAGSTUK).first).to_be_visible()
    klik(pg, pg.get_by_text(KENMERK))
    typ_en_enter(pg, "Kleinere vraag", KLEIN_1)
    kleiner = pg.get_by_label("Kleinere vraag", exact=True)
    expect(kleiner).to_have_value("")  # the field clears for the next one
    typ_en_enter(pg, "Kleinere vraag", KLEIN_2)
    expect(kleiner).to_be_focused()
    typ_en_enter(pg, "Kleinere vraag", "   ")
    expect(pg.get_by_text("Vraagstuk is leeg")).to_be_visible()
    klik(pg, blok(pg, "s1_vraag_", KLEIN_1).get_by_role("button", name="Kies als werkvraag"))
    expect(blok(pg, "s1_vraag_", KLEIN_1)).to_contain_text("Werkvraag")
    expect(blok(pg, "s1_vraag_", VRAAGSTUK)).not_to_contain_text("Werkvraag")

    # ---- stap 2: quickscan with a parked solution ----
    goto_page(pg, "2. Quickscan")
    expect(pg.get_by_text(KLEIN_1)).to_be_visible()  # the werkvraag, read-only at the top
    kies_optie(pg, "Bijeenkomst van nu", "Bijeenkomst 1 · di 13 januari 2026")
    typ_en_enter(pg, "Nieuw verbeterpunt", VERBETER_1)
    expect(pg.get_by_label("Nieuw verbeterpunt", exact=True)).to_be_focused()  # type the next one at once
    expect(pg.get_by_label("Nieuw verbeterpunt", exact=True)).to_have_value("")
    expect(pg.get_by_text("nog geen succespunt")).to_be_visible()
    typ_en_enter(pg, "Nieuw succespunt", "  ")
    expect(pg.get_by_text("is leeg")).to_be_visible()
    typ_en_enter(pg, "Nieuw succespunt", SUCCES)
    expect(pg.get_by_text("nog geen succespunt")).to_have_count(0)
    typ_en_enter(pg, "Nieuw verbeterpunt", VERBETER_2)
    klik(pg, blok(pg, "s2_punt_", VERBETER_2).get_by_role("button", name="Parkeer"))
    blok(pg, "s2_punt_", VERBETER_1).get_by_role("button", name="Knelpunt").click()
    pg.get_by_label("Aandachtsgebied", exact=True).click()
    pg.get_by_role("option", name=methode.gebied_label("keten")).click()  # inside a form: no rerun yet
    klik(pg, pg.get_by_role("button", name="Maak knelpunt"))
    typ_en_enter(pg, "Oplossing parkeren", OPLOSSING)
    expect(blok(pg, "s2_parkeerplaats", OPLOSSING)).to_be_visible()
    expect(blok(pg, "s2_parkeerplaats", VERBETER_2)).to_be_visible()
    expect(blok(pg, "s2_punt_", VERBETER_2)).to_have_count(0)  # moved, not copied

    # ---- stap 3: two versions of a SMART-checked goal ----
    goto_page(pg, "3. Doel")
    pg.get_by_label("Wanneer zijn we tevreden?").fill(DOEL_1)
    zet_smart(pg, "S", "Ja")
    zet_smart(pg, "M", "Nee", "Geen cijfer")
    expect(pg.get_by_text("Nog niet SMART")).to_contain_text("M (Meetbaar)")
    klik(pg, pg.get_by_role("button", name="Bewaar als nieuwe versie"))
    expect(pg.get_by_text("Versie 1", exact=False).first).to_be_visible()
    pg.get_by_label("Wanneer zijn we tevreden?").fill(DOEL_2)
    for letter in "MART":
        zet_smart(pg, letter, "Ja")
    expect(pg.get_by_text("op alle vijf punten SMART")).to_be_visible()
    klik(pg, pg.get_by_role("button", name="Bewaar als nieuwe versie"))
    expect(pg.get_by_text("Versie 2 ·", exact=False)).to_be_visible()


def alles_is_er_nog(pg: Page) -> None:
    goto_page(pg, "Deelnemers")
    tabel = grid_tekst(pg)
    for tekst in ("Anna de Vries", "Gemeente Rivierstad", "anna@example.nl", "Bram Jansen", "Sociaal werk"):
        assert tekst in tabel

    goto_page(pg, "1. Vraagstuk")
    expect(blok(pg, "s1_vraag_", KLEIN_1)).to_contain_text("Werkvraag")
    expect(blok(pg, "s1_vraag_", VRAAGSTUK)).to_be_visible()
    expect(blok(pg, "s1_vraag_", KLEIN_2)).to_be_visible()
    expect(pg.get_by_role("checkbox", name=KENMERK)).to_be_checked()

    goto_page(pg, "2. Quickscan")
    expect(blok(pg, "s2_punt_", SUCCES)).to_be_visible()
    expect(blok(pg, "s2_punt_", VERBETER_1)).to_contain_text("knelpunt geworden (Keten)")
    expect(blok(pg, "s2_parkeerplaats", VERBETER_2)).to_be_visible()
    expect(blok(pg, "s2_punt_", VERBETER_2)).to_have_count(0)
    expect(blok(pg, "s2_parkeerplaats", OPLOSSING)).to_be_visible()

    goto_page(pg, "3. Doel")
    expect(pg.get_by_label("Wanneer zijn we tevreden?")).to_have_value(DOEL_2)
    versies = pg.locator("[class*='st-key-s3_versie_']")
    expect(versies).to_have_count(2)
    expect(versies.nth(0)).to_contain_text("Versie 2")
    expect(versies.nth(0)).to_contain_text(DOEL_2)
    expect(versies.nth(1)).to_contain_text("Versie 1")
    expect(versies.nth(1)).to_contain_text(DOEL_1)
    expect(versies.nth(1)).to_contain_text("Geen cijfer")

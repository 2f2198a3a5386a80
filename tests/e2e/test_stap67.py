"""Browser test, as a new user on the demo werkplaats: stap 6 (oplosbaarheid, scores, matrix quadrants,
a richting) and stap 7 (actions with owner and deadline, the warning for a fourth action in one round)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from schouders import prioriteren as prio
from schouders.datums import datum_nl
from schouders.demo import WERKPLAATS, laad_demo
from schouders.store import Store
from tests.e2e.conftest import EXPECT_TIMEOUT, goto_page, kies_optie, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

ROW = 35  # Streamlit's row height in a data editor (header row included)

# Six knelpunten of the demo werkplaats with new scores (belang, quick win) and where they must land.
# 3 is the middle and counts as laag, 4 is the lowest hoog: the boundaries are on screen too.
SCORES = {
    "Inwoners voelen zich overvraagd doordat ze alles opnieuw moeten vertellen": (3, 4, "quick_win"),
    "Wie zelf een afspraak moet maken, komt vaak niet": (4, 4, "eerst_doen"),
    "Onduidelijk welke ontheffingen van de sollicitatieplicht gelden": (3, 3, "later"),
    "Geldzorgen bespreken aan het loket is lastig voor nieuwe consulenten": (4, 3, "langere_adem"),
    "Partners weten niet precies wat de ander doet": (5, 1, "langere_adem"),
    "Samenwerking verwatert als mensen van baan wisselen": (1, 5, "quick_win"),
}
ONOPLOSBAAR = "Consulenten hebben weinig tijd per aanvraag"


def _select_traject(page, naam: str) -> None:
    kiezer = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Traject").first
    kiezer.wait_for(timeout=60_000)
    kies_optie(page, kiezer, naam, exact=False)
    _settle(page)


def _row_of(editor, tekst: str) -> int:
    """Row of a knelpunt in a data editor, read from the grid's accessible cells (the canvas has no text)."""
    cell = editor.locator("td[role=gridcell]").filter(has_text=re.compile(f"^{re.escape(tekst)}$"))
    return int(cell.first.get_attribute("id").rsplit("-", 1)[1])


APP = "[data-testid='stApp']"


@pytest.fixture(autouse=True)
def _patient_expect():
    """The machine is shared and slow at times: give assertions on the screen more time than 5 s."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=EXPECT_TIMEOUT)


def _settle(page) -> None:
    """Wait for the rerun an action started to finish (it may start a moment after the action)."""
    try:
        page.wait_for_selector(f"{APP}[data-test-script-state='running']", timeout=3_000)
    except PlaywrightTimeoutError:
        pass  # it was quick and is already over
    page.wait_for_selector(f"{APP}[data-test-script-state='notRunning']", timeout=60_000)
    wait_idle(page)


def _cell(editor, col: int, row: int):
    return editor.locator(f"#glide-cell-{col}-{row}")


def _select_cell(page, editor, row: int, col: int) -> None:
    """Click the first cell, then walk to (row, col) with the arrow keys, as a keyboard user would."""
    editor.scroll_into_view_if_needed()
    for poging in range(3):  # a rerun that just ended may still be redrawing the grid: click again
        box = editor.get_by_test_id("stDataFrame").bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + ROW + ROW / 2)
        try:
            expect(_cell(editor, 0, 0)).to_have_attribute("aria-selected", "true", timeout=3_000)
            break
        except AssertionError:
            if poging == 2:
                raise
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(col):
        page.keyboard.press("ArrowRight")
    expect(_cell(editor, col, row)).to_have_attribute("aria-selected", "true")


def _type_in_cell(page, editor, row: int, col: int, value: str) -> None:
    """Type a value into a cell: the grid opens its editor on the first key, Enter saves."""
    invoer = page.locator("#portal .gdg-input")
    for poging in range(3):
        _select_cell(page, editor, row, col)
        page.keyboard.type(value)
        try:
            expect(invoer).to_have_value(value, timeout=3_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
            if poging == 2:
                raise
    page.keyboard.press("Enter")
    expect(invoer).to_have_count(0)
    expect(_cell(editor, col, row)).to_have_text(value)
    _settle(page)


def _quadrant_texts(page, key: str) -> list[str]:
    return page.locator(f".st-key-s6_kw_{key} td[role=gridcell]").all_inner_texts()


def _choose(page, scope, label: str, option: str) -> None:
    """Pick an option in a selectbox (open the list again if a rerun closed it)."""
    invoer = scope.locator(f'input[aria-label="{label}"]')  # not by role: an open list hides the page for ARIA
    begint = re.compile(f"^{re.escape(option)}")
    if begint.match(invoer.input_value()):
        return  # already chosen
    kies_optie(page, invoer, begint)
    expect(invoer).to_have_value(begint)


def test_new_user_prioritises_and_plans_actions(page, server):
    laad_demo(Store(server.db))
    page.reload()
    wait_ready(page, timeout=60_000)
    _select_traject(page, WERKPLAATS)

    # --- stap 6: one knelpunt is onoplosbaar and essentieel → the goal warning with a link to stap 3
    goto_page(page, "6. Oplossingsrichtingen")
    _settle(page)
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("Het doel is zo niet haalbaar").count() == 0
    opl = page.locator(".st-key-s6_oplosbaar")
    row = _row_of(opl, ONOPLOSBAAR)
    _select_cell(page, opl, row, 2)
    page.keyboard.press("Enter")  # opens the dropdown of the cell
    page.wait_for_timeout(400)
    page.keyboard.type("Onoplos")
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    expect(_cell(opl, 2, row)).to_have_text("Onoplosbaar")
    expect(main.get_by_text(re.compile("nog niet beoordeeld op oplosbaarheid"))).to_have_count(0)  # saved
    _settle(page)
    _select_cell(page, opl, row, 3)
    page.keyboard.press(" ")  # tick Essentieel
    expect(_cell(opl, 3, row)).to_have_text("true")
    fout = main.get_by_test_id("stAlertContentError").filter(has_text="Het doel is zo niet haalbaar")
    expect(fout).to_be_visible()
    expect(fout).to_contain_text(ONOPLOSBAAR)
    expect(main.get_by_role("link", name=re.compile("Naar stap 3"))).to_be_visible()
    _settle(page)

    # --- part 2 (its tab): score six knelpunten in the table; each lands in its quadrant
    main.get_by_role("tab", name="2. Belang en quick win").click()
    _settle(page)
    expect(opl).to_have_count(0)  # only the open part is on the page
    scores = page.locator(".st-key-s6_scores_0")
    for tekst, (belang, quick_win, key) in SCORES.items():
        r = _row_of(scores, tekst)
        _type_in_cell(page, scores, r, 2, str(belang))
        _type_in_cell(page, scores, r, 3, str(quick_win))
        expect(_cell(scores, 5, r)).to_have_text(prio.KWADRANT_BY_KEY[key].label)  # stored and read back
    main.get_by_role("button", name="Verder: 3. De matrix").click()
    _settle(page)
    expect(main.get_by_role("tab", name="3. De matrix")).to_have_attribute("aria-selected", "true")
    page.locator(".st-key-s6_kw_eerst_doen").scroll_into_view_if_needed()
    quadrants = {key: _quadrant_texts(page, key) for key in ("eerst_doen", "langere_adem", "quick_win", "later")}
    for tekst, (_, _, key) in SCORES.items():
        assert tekst in quadrants[key], (tekst, key, quadrants)
        assert all(tekst not in texts for other, texts in quadrants.items() if other != key)
    assert ONOPLOSBAAR not in sum(quadrants.values(), [])  # unsolvable: not weighed
    assert main.get_by_text(re.compile(r"^Eerst doen · \d+$")).is_visible()

    # --- click a point in the matrix: it shows its knelpunt and can start a richting
    vlak = page.locator(".js-plotly-plot .nsewdrag").first
    vlak.scroll_into_view_if_needed()
    box = vlak.bounding_box()
    # "Samenwerking verwatert…" is alone at quick win 5, belang 1; the axes run from 0.5 to 5.5
    page.mouse.click(box["x"] + box["width"] * (5 - 0.5) / 5, box["y"] + box["height"] * (5.5 - 1) / 5)
    _settle(page)
    expect(main.get_by_text("Geselecteerd in de matrix (1)")).to_be_visible()
    main.get_by_role("button", name="Maak een richting voor deze knelpunten").click()
    _settle(page)
    expect(main.get_by_role("tab", name="4. Oplossingsrichtingen")).to_have_attribute("aria-selected", "true")

    # --- a new oplossingsrichting for two knelpunten, with kaders
    form = page.get_by_test_id("stForm").filter(has_text="Nieuwe oplossingsrichting")
    expect(form.get_by_test_id("stMultiSelect")).to_contain_text("Samenwerking verwatert als mensen van baan")
    form.get_by_label("Richting", exact=True).fill("Eén loket voor werk en schulden")
    form.get_by_label("Voor welke knelpunten?").click()
    page.keyboard.type("Wie zelf een afspraak")
    page.get_by_role("option", name=re.compile("^Wie zelf een afspraak")).click()
    page.keyboard.press("Escape")
    expect(form.get_by_test_id("stMultiSelect")).to_contain_text("Wie zelf een afspraak")
    form.get_by_label("Kaders: waar moet de uitwerking zich aan houden?").fill("Binnen de bestaande formatie")
    form.get_by_role("button", name="Richting toevoegen").click()
    _settle(page)
    expect(main.get_by_text("Richting toegevoegd")).to_be_visible()
    kaart = main.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_text("Eén loket voor werk en schulden", exact=True)
    )
    assert "Wie zelf een afspraak moet maken, komt vaak niet" in kaart.last.inner_text()
    assert "Samenwerking verwatert als mensen van baan wisselen" in kaart.last.inner_text()
    assert "Binnen de bestaande formatie" in kaart.last.inner_text()

    # --- the richting's card opens its form: change the kaders and save
    main.locator("[class*='st-key-s6_rk_']").filter(has_text="Eén loket voor werk en schulden").get_by_role(
        "button"
    ).click()
    bewerk = page.get_by_test_id("stPopoverBody")
    bewerk.get_by_label("Kaders", exact=True).fill("Binnen de formatie, zonder extra loket")
    bewerk.get_by_role("button", name="Opslaan").click()
    _settle(page)
    expect(main.get_by_text("Richting bijgewerkt")).to_be_visible()
    expect(main.locator("[class*='st-key-s6_rk_']").filter(has_text="zonder extra loket")).to_be_visible()
    r = next(r for r in Store(server.db).snapshot().all("richting") if r.titel == "Eén loket voor werk en schulden")
    assert r.kaders == "Binnen de formatie, zonder extra loket"

    # --- stap 7: two actions with owner and deadline in bijeenkomst 4 (richting and round stay chosen)
    goto_page(page, "7. Acties plannen")
    _settle(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Actie toevoegen"))
    kader = page.locator(".st-key-s7_nieuwe_actie_kader")  # richting, eigenaar and ronde stay: outside the form

    def plan_actie(wat: str, eigenaar: str, deadline: str, ronde: str | None = None) -> None:
        _choose(page, kader, "Onder welke oplossingsrichting?", "Eén loket voor werk en schulden")
        _choose(page, kader, "Eigenaar", eigenaar)
        form.get_by_label("Wat gaat er gebeuren?").fill(wat)
        form.get_by_role("spinbutton", name="day, Deadline").click()
        page.keyboard.type(deadline.replace("-", ""))  # the date field moves on to month and year by itself
        expect(form.get_by_role("spinbutton", name="year, Deadline")).to_have_text(deadline[-4:])
        if ronde:
            _choose(page, kader, "Ronde (bijeenkomst)", ronde)
        form.get_by_role("button", name="Actie toevoegen").click()
        _settle(page)

    plan_actie("Navragen of er budget is voor een gezamenlijk loket", "Hakim Benali", "15-12-2026", "Bijeenkomst 4")
    expect(main.get_by_text(re.compile("1 van de 3 acties gepland")).first).to_be_visible()
    plan_actie("Wachttijden van beide afdelingen op een rij zetten", "Louise Timmers", "05-01-2027")
    expect(main.get_by_text(re.compile("2 van de 3 acties gepland")).first).to_be_visible()
    acties = page.locator(".st-key-s7_acties td[role=gridcell]").all_inner_texts()
    for tekst in (
        "Navragen of er budget is voor een gezamenlijk loket",
        "Hakim Benali",
        "Louise Timmers",
        datum_nl("2026-12-15"),
        datum_nl("2027-01-05"),
    ):
        assert tekst in acties, (tekst, acties)
    assert main.get_by_test_id("stAlertContentWarning").count() == 0

    # a third still fits; a fourth in the same round gives a clear warning
    plan_actie("Klantreis van één inwoner uittekenen", "Marianne Koster", "12-01-2027")
    expect(main.get_by_text(re.compile("3 van de 3 acties gepland")).first).to_be_visible()
    assert main.get_by_test_id("stAlertContentWarning").count() == 0
    plan_actie("Intakeformulieren naast elkaar leggen", "Tom Verbeek", "19-01-2027")
    waarschuwing = main.get_by_test_id("stAlertContentWarning").filter(has_text="4 acties gepland")
    waarschuwing.first.wait_for()
    assert "Bijeenkomst 4" in waarschuwing.first.inner_text()
    assert "1 tot 3" in waarschuwing.first.inner_text()
    snap = Store(server.db).snapshot()  # what the screen said is what was stored
    ronde4 = next(
        b for b in snap.all("bijeenkomst") if b.nummer == 4 and b.traject_id == snap.all("actie")[0].traject_id
    )
    in_ronde4 = [a for a in snap.all("actie") if a.ronde_id == ronde4.id]
    assert len(in_ronde4) == 4
    assert all(a.eigenaar_id and a.deadline for a in in_ronde4)

    # the overview reads knelpunt → richting → actie and filters by status
    cellen = page.locator(".st-key-s7_overzicht td[role=gridcell]")
    page.locator(".st-key-s7_overzicht").scroll_into_view_if_needed()
    expect(cellen.filter(has_text=re.compile("^Eén loket voor werk en schulden$")).first).to_be_attached()
    kies_optie(page, page.get_by_label("Filter op status van de actie"), "Klaar")
    page.keyboard.press("Escape")
    _settle(page)
    expect(cellen.filter(has_text=re.compile("^Lunchsessie voor consulenten"))).not_to_have_count(0)
    expect(cellen.filter(has_text=re.compile("^Navragen of er budget is"))).to_have_count(0)
    assert not page.js_errors, page.js_errors

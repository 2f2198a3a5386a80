"""Browser tests for steps 4–5, as a new user: paste a Zoom chat, place the knelpunten, watch the counts,
deepen the suggested gebied; and knelpunt text with HTML or markdown in it stays plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schouders.model import Knelpunt, Traject
from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

ZOOM_FILE = Path(__file__).resolve().parents[1] / "data" / "voorbeeld_zoom_chat.txt"


def _seed(server, *objs) -> Store:
    store = Store(server.db)
    store.add_many(list(objs))
    return store


def _wait_for(fn, page: Page, timeout_ms: int = 15_000):
    """Poll a store condition while the app writes."""
    waited = 0
    while waited < timeout_ms:
        value = fn()
        if value:
            return value
        page.wait_for_timeout(200)
        waited += 200
    raise AssertionError("condition not met in time")


def _open_expander(page: Page, label: str, inhoud) -> None:
    """Click an expander open; click again if a rerun that was still going closed it."""
    for _ in range(3):
        wait_idle(page)
        page.get_by_text(label).click()
        try:
            expect(inhoud).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            continue
    expect(inhoud).to_be_visible()


def _telling_rij(page: Page, gebied: str):
    return page.get_by_test_id("stTable").locator("tr", has=page.get_by_role("cell", name=gebied, exact=True))


def _midden(locator) -> None:
    """Scroll a card to the middle of the screen, as a user would: its popover and list then fit below it."""
    locator.evaluate("e => e.scrollIntoView({block: 'center'})")


def _verplaats(page: Page, knelpunt_id: str, naar: str) -> None:
    kaart = page.locator(f".st-key-s4_kaart_{knelpunt_id}")
    _midden(kaart)
    kaart.get_by_role("button").click()  # the card itself opens 'Wijzig'
    body = page.get_by_test_id("stPopoverBody").filter(has=page.get_by_text("Verplaats naar"))
    expect(body).to_be_visible()
    body.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=naar, exact=True).click()
    wait_idle(page)
    page.keyboard.press("Escape")
    expect(page.locator(f".st-key-s4_kol_{naar.lower()} .st-key-s4_kaart_{knelpunt_id}")).to_be_visible()


def test_paste_zoom_chat_place_count_and_deepen(page: Page, server) -> None:
    t = Traject(naam="Werkplaats schulden", werkvorm="werkplaats")
    store = _seed(server, t)
    page.reload()
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")

    # paste the Zoom chat as Zoom saved it
    _open_expander(page, "Plak een lijst of een chat", page.get_by_role("textbox", name="Plak hier de tekst"))
    page.get_by_role("textbox", name="Plak hier de tekst").fill(ZOOM_FILE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Lees in").click()
    expect(page.get_by_text("Gelezen als een Zoom-chat: 3 knelpunten")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()  # the preview to check before saving
    page.get_by_role("button", name="Bewaar de aangevinkte knelpunten").click()
    expect(page.get_by_text("3 knelpunten bewaard")).to_be_visible()

    kn = _wait_for(lambda: sorted(Store(server.db).snapshot().of("knelpunt", t.id), key=lambda k: k.aangemaakt), page)
    assert len(kn) == 3 and {k.auteur for k in kn} == {"Marieke Visser", "Youssef Amrani"}
    ongedeeld = page.locator(".st-key-s4_kol_niet_ingedeeld")
    expect(ongedeeld.get_by_text("Nog niet ingedeeld · 3")).to_be_visible()
    expect(ongedeeld.get_by_text("Klanten haken af na het eerste gesprek")).to_be_visible()
    expect(_telling_rij(page, "Nog niet ingedeeld")).to_contain_text("3")
    expect(page.get_by_text("start stap 5 hier")).to_have_count(0)  # nothing placed yet

    # place them: one in klantbeleving, two in keten
    by_text = {k.tekst.split("\n")[0]: k.id for k in kn}
    _verplaats(page, by_text["Klanten haken af na het eerste gesprek"], "Klantbeleving")
    _verplaats(page, by_text["Wij weten niet welke bewindvoerders in de regio actief zijn"], "Keten")
    _verplaats(page, by_text["Het intakeformulier is te lang"], "Keten")

    # the counts changed: chart marker and the table
    expect(page.locator(".st-key-s4_kol_keten").get_by_text("Keten · 2")).to_be_visible()
    expect(_telling_rij(page, "Keten")).to_contain_text("2")
    expect(_telling_rij(page, "Keten")).to_contain_text("start hier")
    expect(_telling_rij(page, "Nog niet ingedeeld")).to_contain_text("0")
    expect(page.get_by_test_id("stPlotlyChart").get_by_text("start stap 5 hier")).to_be_visible()
    assert {k.gebied for k in Store(server.db).snapshot().of("knelpunt", t.id)} == {"klantbeleving", "keten"}

    # stap 5 opens on the suggested gebied
    goto_page(page, "5. Knelpuntenanalyse")
    expect(page.get_by_text("Begin bij Keten")).to_be_visible()
    expect(page.get_by_role("radio", name="Keten (2) · meeste knelpunten")).to_be_checked()
    expect(page.get_by_text("Knelpunten in Keten · 2")).to_be_visible()

    # relate a knelpunt of keten to a second gebied
    kid = by_text["Wij weten niet welke bewindvoerders in de regio actief zijn"]
    kaart = page.locator(f".st-key-s5_kaart_{kid}")
    _midden(kaart)
    kaart.get_by_role("button").click()  # the card opens its fields
    velden = page.get_by_test_id("stPopoverBody")
    velden.get_by_test_id("stMultiSelect").click()
    page.get_by_role("option", name="Randvoorwaarden", exact=True).click()
    velden.get_by_role("textbox", name="Toelichting").fill("Niemand houdt een overzicht bij")
    velden.get_by_role("button", name="Bewaren").click()
    wait_idle(page)
    _wait_for(
        lambda: Store(server.db).snapshot().get("knelpunt", kid).gerelateerde_gebieden == ("randvoorwaarden",),
        page,
    )
    samenhang = page.get_by_test_id("stTable").filter(has_text="Randvoorwaarden").first
    expect(page.get_by_text("De samenhang als tabel")).to_be_visible()
    expect(samenhang).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    assert not page.js_errors  # type: ignore[attr-defined]
    del store


EVIL = '<script>window.__x=1</script> <img src=x onerror="window.__y=1"> [x](javascript:alert(1))'


def _no_script_ran(page: Page) -> None:
    assert page.evaluate("() => typeof window.__x") == "undefined"
    assert page.evaluate("() => typeof window.__y") == "undefined"
    assert page.locator("[data-testid='stMain'] a[href^='javascript']").count() == 0
    assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0


def test_html_and_markdown_in_knelpunten_stay_plain_text(page: Page, server) -> None:
    t = Traject(naam="Veiligheid", werkvorm="werkplaats")
    _seed(
        server,
        t,
        Knelpunt(traject_id=t.id, tekst=EVIL, gebied="keten", auteur='<img src=x onerror="window.__y=1">'),
    )
    page.reload()
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")
    kaart = page.locator(".st-key-s4_kol_keten [class*='st-key-s4_kaart_']")
    expect(kaart.get_by_text(EVIL, exact=True)).to_be_visible()  # as typed; the author on its own line
    expect(kaart.get_by_text('— <img src=x onerror="window.__y=1">', exact=True)).to_be_visible()
    _no_script_ran(page)

    # typed in through the add form it stays plain text too
    veld = page.get_by_label("Nieuw knelpunt")
    wait_idle(page)
    expect(veld).to_be_editable()
    veld.fill("**vet** <script>window.__x=1</script> [y](javascript:alert(2))")
    veld.press("Enter")
    expect(
        page.get_by_text("**vet** <script>window.__x=1</script> [y](javascript:alert(2))", exact=True)
    ).to_be_visible()
    _no_script_ran(page)

    goto_page(page, "5. Knelpuntenanalyse")
    expect(page.get_by_text(EVIL, exact=True)).to_be_visible()
    _no_script_ran(page)
    assert not page.js_errors  # type: ignore[attr-defined]


def test_stap5_stays_on_the_chosen_gebied_when_its_count_changes(page: Page, server) -> None:
    t = Traject(naam="Werkplaats verdieping", werkvorm="werkplaats")
    kn = [
        Knelpunt(traject_id=t.id, tekst=tekst, gebied=gebied, aangemaakt=f"2026-01-01T10:00:0{i}")
        for i, (tekst, gebied) in enumerate(
            [("Niemand kent de regels", "kennis"), ("a", "keten"), ("b", "keten"), ("c", "keten")]
        )
    ]
    _seed(server, t, *kn)
    page.reload()
    wait_ready(page)
    goto_page(page, "5. Knelpuntenanalyse")
    page.get_by_role("radio", name="Kennis (1)").check(force=True)
    wait_idle(page)
    expect(page.get_by_text("Knelpunten in Kennis · 1")).to_be_visible()
    veld = page.locator(".st-key-s5_kennis_tekst input")
    veld.fill("Regels staan alleen op intranet")
    veld.press("Enter")
    expect(page.get_by_role("radio", name="Kennis (2)")).to_be_checked()
    expect(page.get_by_text("Knelpunten in Kennis · 2")).to_be_visible()
    expect(page.get_by_text("Regels staan alleen op intranet")).to_be_visible()

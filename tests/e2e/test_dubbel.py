"""Browser test for duplicates in stap 4 (issue 15, part 5), as a procesbegeleider: the same list pasted
twice adds nothing the second time and says which ones were already there; a knelpunt typed again is not
added and its text stays in the field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from schouders.model import Traject
from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

LIJST = "- Brieven zijn onleesbaar\n- Geen tijd voor overleg\n- Dossiers raken zoek\n"


def _aantal(server, tid: str) -> int:
    return len(Store(server.db).snapshot().of("knelpunt", tid))


def _wacht_op_aantal(page: Page, server, tid: str, n: int, timeout_ms: int = 15_000) -> None:
    waited = 0
    while _aantal(server, tid) != n and waited < timeout_ms:
        page.wait_for_timeout(200)
        waited += 200
    assert _aantal(server, tid) == n


def _plak_en_lees_in(page: Page, tekst: str) -> None:
    vak = page.get_by_role("textbox", name="Plak hier de tekst")
    for _ in range(3):  # the expander may still be closed, or closed again by a rerun under way
        wait_idle(page)
        if vak.is_visible():
            break
        page.get_by_text("Plak een lijst of een chat").click()
        try:
            expect(vak).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            continue
    expect(vak).to_be_editable()
    vak.click()
    vak.fill(tekst)  # what pasting does: the whole text at once
    page.get_by_role("button", name="Lees in").click()
    wait_idle(page)


def test_paste_same_list_twice_second_time_names_duplicates_and_adds_nothing(page: Page, server) -> None:
    t = Traject(naam="Werkplaats dubbel", werkvorm="werkplaats")
    Store(server.db).add(t)
    page.reload()
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")

    # the first time: all three are new and saved
    _plak_en_lees_in(page, LIJST)
    expect(page.get_by_text("Gelezen als een lijst: 3 knelpunten")).to_be_visible()
    expect(page.get_by_text("al op het bord")).to_have_count(0)
    page.get_by_role("button", name="Bewaar de aangevinkte knelpunten").click()
    expect(page.get_by_text("3 knelpunten bewaard")).to_be_visible()
    _wacht_op_aantal(page, server, t.id, 3)
    ongedeeld = page.locator(".st-key-s4_kol_niet_ingedeeld")
    expect(ongedeeld.get_by_text("Nog niet ingedeeld · 3")).to_be_visible()

    # the same list again: the message names them, and saving adds nothing
    _plak_en_lees_in(page, LIJST)
    melding = page.get_by_test_id("stAlertContentWarning").filter(has_text="al op het bord")
    expect(melding).to_be_visible()
    expect(melding).to_contain_text("3 staan al op het bord")
    for tekst in ("Brieven zijn onleesbaar", "Geen tijd voor overleg", "Dossiers raken zoek"):
        expect(melding).to_contain_text(f"'{tekst}' (Nog niet ingedeeld)")
    expect(melding).to_contain_text("Die zijn uitgevinkt en worden niet bewaard.")
    expect(page.get_by_role("button", name="Toch allemaal bewaren")).to_be_visible()
    page.get_by_role("button", name="Bewaar de aangevinkte knelpunten").click()
    expect(page.get_by_text("Niets bewaard: deze knelpunten stonden al op het bord.")).to_be_visible()
    wait_idle(page)
    assert _aantal(server, t.id) == 3
    expect(ongedeeld.get_by_text("Nog niet ingedeeld · 3")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)  # the preview is closed

    # typed again, in other capitals: not added, and the text stays in the field to change it
    veld = page.get_by_label("Nieuw knelpunt")
    expect(veld).to_be_editable()
    veld.click()
    page.keyboard.type("geen tijd voor OVERLEG")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dit knelpunt staat al op het bord bij Nog niet ingedeeld.")).to_be_visible()
    expect(veld).to_have_value("geen tijd voor OVERLEG")
    wait_idle(page)
    assert _aantal(server, t.id) == 3
    expect(ongedeeld.get_by_text("Nog niet ingedeeld · 3")).to_be_visible()
    assert not page.js_errors  # type: ignore[attr-defined]

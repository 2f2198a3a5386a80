"""axe-core (from the npm registry) on every page of the app, in normal and presentation mode, demo loaded.

Fails on serious or critical violations of WCAG 2.0/2.1 A and AA. axe-core is installed once into a cache
folder (SCHOUDERS_AXE_DIR, default ~/.cache/schouders/axe) by scripts/test.sh, or here when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import goto_page, wait_idle, wait_ready
from tests.e2e.kamer import kies_traject, seed_demo

pytestmark = pytest.mark.e2e

AXE_DIR = Path(os.environ.get("SCHOUDERS_AXE_DIR", Path.home() / ".cache" / "schouders" / "axe"))
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = {"serious", "critical"}

_RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240)}))
  }));
}"""


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm ontbreekt; scripts/test.sh installeert het (apt-get install npm).")
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "axe-core@4"],
            check=True,
            timeout=300,
        )
    return AXE_JS


def _axe(page, axe_js: Path) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    return [v for v in page.evaluate(_RUN, TAGS) if v["impact"] in ERNSTIG]


def _meld(waar: str, violations: list[dict]) -> list[str]:
    regels = []
    for v in violations:
        for n in v["nodes"][:5]:
            regels.append(f"{waar}: {v['impact']} {v['id']} ({v['help']}) at {n['target']} :: {n['html']}")
    return regels


def _settle(page) -> None:
    wait_idle(page)
    # elements of the previous run stay greyed out (data-stale) until the new run replaces them: axe would
    # measure their faded colours
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    page.wait_for_timeout(600)  # charts and the board's HTML finish drawing


def _titels(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")
    return [t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()]  # without the icon name


@pytest.mark.parametrize("werkvorm", ["werkplaats", "themadag"])
def test_every_page_in_both_modes(page, server, axe_js, werkvorm):
    namen = seed_demo(server.db)
    page.reload()
    wait_ready(page, 60_000)
    kies_traject(page, namen[werkvorm])
    fouten: list[str] = []
    herladen = 0
    titels = _titels(page)
    assert len(titels) >= 16, titels
    for titel in titels:
        goto_page(page, titel)
        _settle(page)
        fouten += _meld(f"{titel} (normaal)", _axe(page, axe_js))
        herladen += _presentatie_aan(page)
        fouten += _meld(f"{titel} (presentatie)", _axe(page, axe_js))
        page.get_by_role("button", name="Presentatie verlaten").click()
        wait_idle(page)
    assert not fouten, "axe-core vond ernstige problemen:\n" + "\n".join(fouten)
    assert herladen <= 2, f"de pagina werd {herladen} keer leeg en opnieuw geladen"


def _presentatie_aan(page) -> int:
    """Switch presentation mode on, as a person does; returns how often the page went blank on the way.

    Streamlit's frontend sometimes drops the page when the switch lands while a run is still arriving ("Bad
    delta path index"); the app then loads the page again (tests/e2e/test_leeg_scherm.py) in normal mode, and
    a person switches again."""
    geladen: list[str] = []

    def bij_laden(_: object) -> None:
        geladen.append(page.url)

    page.on("load", bij_laden)
    try:
        for poging in range(3):
            page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
            _settle(page)
            try:
                expect(page.get_by_role("button", name="Presentatie verlaten")).to_be_visible(timeout=20_000)
                break
            except AssertionError:
                if not geladen or poging == 2:
                    raise
                wait_ready(page, 60_000)  # reloaded after a blank page: switch again
    finally:
        page.remove_listener("load", bij_laden)
    return len(geladen)


def test_meedoen_with_an_open_round_and_the_participant_form(page, server, browser, axe_js):
    namen = seed_demo(server.db)
    page.reload()
    wait_ready(page, 60_000)
    kies_traject(page, namen["werkplaats"])
    goto_page(page, "Meedoen")
    page.get_by_role("button", name="Ronde openen").click()
    _settle(page)
    code = page.locator(".sch-code").first.inner_text().strip()
    fouten = _meld("Meedoen met open ronde (normaal)", _axe(page, axe_js))
    page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
    _settle(page)
    fouten += _meld("Meedoen met open ronde (presentatie)", _axe(page, axe_js))

    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    phone = ctx.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{server.url}/meedoen?als=deelnemer&code={code}")
    wait_ready(phone, 60_000)
    _settle(phone)
    fouten += _meld("Meedoen, deelnemer: code", _axe(phone, axe_js))
    phone.get_by_role("button", name="Meedoen").click()
    _settle(phone)
    expect(phone.get_by_label("Jouw bericht")).to_be_visible()
    phone.get_by_label("Jouw bericht").fill("Een knelpunt vanaf de telefoon")
    phone.get_by_role("button", name="Versturen").click()
    _settle(phone)
    fouten += _meld("Meedoen, deelnemer: formulier", _axe(phone, axe_js))
    ctx.close()
    assert not fouten, "axe-core vond ernstige problemen:\n" + "\n".join(fouten)

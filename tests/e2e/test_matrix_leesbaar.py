"""Browser test (issue 16.2): on a shared screen of 1280×720 the matrix of stap 6 reads without hovering – every
dot carries its numbers in the plot's SVG, and the numbered list beside the chart names every knelpunt."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from schouders.matrix import matrix_legenda
from schouders.model import Knelpunt, Traject
from schouders.store import Store
from tests.e2e.conftest import wait_ready

pytestmark = pytest.mark.e2e

APP = "[data-testid='stApp']"

# (tekst, gebied, belang, quick win): two of one gebied on one cell, two gebieden on another, user "HTML"
SCORES = [
    ("Wie zelf een afspraak moet maken, komt vaak niet", "keten", 4, 4),
    ("Partners weten niet precies wat de ander doet", "keten", 4, 4),
    ("Consulenten kennen de regels van de <b>bijstand</b> niet", "kennis", 4, 4),
    ("Geldzorgen bespreken aan het loket is lastig", "klantbeleving", 5, 2),
    ("Samenwerking verwatert als mensen van baan wisselen", "kunde", 2, 5),
    ("De arbeidsongeschiktheidsverzekeringsaanvraag duurt te lang", "randvoorwaarden", 1, 1),
    ("Niemand weet wie beslist", None, 2, 2),
]


@pytest.fixture
def scherm(browser, server):
    """A traject with seven weighed knelpunten, opened at stap 6 in a 1280×720 window (a beamer)."""
    t = Traject(naam="Gedeeld scherm", werkvorm="werkplaats")
    kns = [
        Knelpunt(traject_id=t.id, tekst=tekst, gebied=g, belang=b, quick_win=q, oplosbaarheid="oplosbaar")
        for tekst, g, b, q in SCORES
    ]
    Store(server.db).add_many([t, *kns])
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(f"{server.url}/stap6_oplossingsrichtingen?traject={t.id}")
    wait_ready(pg, timeout=60_000)
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg, kns
    ctx.close()


def _settle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector(f"{APP}[data-test-script-state='notRunning']", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def _getallen(label: str) -> list[int]:
    uit: list[int] = []
    for deel in label.split(","):
        van, _, tot = deel.strip().partition("–")
        uit += list(range(int(van), int(tot or van) + 1))
    return uit


def test_matrix_numbers_on_the_dots_and_the_list_beside_the_chart(scherm):
    page, kns = scherm
    expect.set_options(timeout=30_000)
    main = page.get_by_test_id("stMain")
    main.get_by_role("tab", name="3. De matrix").click()
    _settle(page)
    legenda = matrix_legenda(kns)
    assert len(legenda) == len(SCORES)

    # the numbered list beside the chart: every knelpunt with its number and gebied, the text as typed
    lijst = page.locator(".st-key-s6_legenda")
    expect(lijst).to_contain_text(legenda[-1][1])
    regels = [r.strip() for r in lijst.inner_text().splitlines() if r.strip()]
    assert regels == [f"{nr} · {tekst} · {gebied}" for nr, tekst, gebied in legenda], regels
    assert any("<b>bijstand</b>" in r for r in regels)  # shown as typed, not as bold
    expect(lijst.locator("b", has_text="bijstand")).to_have_count(0)
    expect(main.get_by_text(f"Nummers in de matrix · {len(legenda)}")).to_be_visible()

    # the plot's SVG holds the numbers as text, every knelpunt's number once
    plot = page.locator(".js-plotly-plot").first
    expect(plot.locator(".textpoint text").first).to_be_attached()
    labels = [t.strip() for t in plot.locator(".scatterlayer .textpoint text").all_text_contents()]
    assert sorted(n for label in labels for n in _getallen(label)) == list(range(1, len(legenda) + 1)), labels
    assert "1, 2" in labels or "2, 3" in labels  # two knelpunten of one gebied on one cell share a label
    grootte = plot.locator(".scatterlayer .textpoint text").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(grootte.removesuffix("px")) >= 16
    # …and the gebied names in its legend: colour is not the only cue
    legend_tekst = " ".join(plot.locator(".legendtext").all_text_contents())
    for _, _, gebied in legenda:
        assert gebied in legend_tekst, (gebied, legend_tekst)

    # beside the chart on a 1280-wide screen: the list to the right, its top level with the chart's
    grafiek = plot.bounding_box()
    naast = lijst.bounding_box()
    assert naast["x"] >= grafiek["x"] + grafiek["width"] - 5, (grafiek, naast)
    assert abs(naast["y"] - grafiek["y"]) < 120, (grafiek, naast)
    assert grafiek["width"] > 1.6 * naast["width"]  # about two thirds against one third
    assert not [e for e in page.js_errors if not re.search("ResizeObserver", e)], page.js_errors

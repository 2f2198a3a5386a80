"""Browser test, as a new user: create a werkplaats, check its 8 proposed meetings about a month apart,
record meeting 1 (intention and verslag), move an action to klaar, evaluate it with the four questions
adding a new knelpunt, and find that knelpunt in stap 4 and its origin on the meeting page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from schouders import methode
from schouders.datums import datum_nl
from schouders.model import Actie, Deelnemer, Knelpunt, Oplossingsrichting, Vraagstuk
from schouders.store import Store
from tests.e2e.conftest import goto_page, kies_optie, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

NAAM = "Werkplaats schulden en werk"
ACTIE = "Intakeformulier testen met twee consulenten"
NIEUW_KNELPUNT = "Consulenten missen tijd om het formulier in te vullen"


def _expect_text(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def _choose(page, container, label: str, option: str) -> None:
    """Open a Streamlit selectbox by its label inside `container` and pick an option."""
    box = container.get_by_test_id("stSelectbox").filter(has_text=label).first
    kies_optie(page, box.locator("input"), option, typ=option[:6])  # near the bottom the list is short: filter it
    wait_idle(page)


def test_werkplaats_from_plan_to_evaluation(page, server):
    vandaag = date.today()

    # 1. a new user creates a werkplaats; the werkvorm proposes its meeting plan
    goto_page(page, "Trajecten beheren")
    page.get_by_label("Naam", exact=True).fill(NAAM)
    page.get_by_role("button", name="Traject aanmaken").click()
    wait_idle(page)
    _expect_text(page, f"Traject '{NAAM}' aangemaakt.")

    # 2. the meeting page: 8 meetings, four weeks apart, dates in Dutch
    goto_page(page, "Bijeenkomsten")
    _expect_text(page, "hooguit 8 bijeenkomsten, ongeveer een maand uit elkaar")
    plan = page.get_by_test_id("stTable").first
    rijen = plan.locator("tbody tr")
    expect(rijen).to_have_count(8, timeout=30_000)  # the first table in a fresh server loads pyarrow
    verwacht = [datum_nl(vandaag + timedelta(days=28 * i)) for i in range(8)]
    for rij, datum in zip(rijen.all(), verwacht, strict=True):
        assert datum in rij.inner_text()
    # meeting 1 is today, so it is the chosen one
    page.get_by_role("heading", name=f"1 · Bijeenkomst 1 · {verwacht[0]}").wait_for()

    # 3. record meeting 1: intention, then the verslag
    page.get_by_label("Intentie: wat willen we aan het eind van deze bijeenkomst bereikt hebben?").fill(
        "Elkaar leren kennen en het vraagstuk scherp krijgen."
    )
    page.get_by_label("Agenda (één punt per regel)").fill("Kennismaking\nStap 1 vraagstuk")
    page.get_by_role("button", name="Bijeenkomst opslaan").click()
    wait_idle(page)
    _expect_text(page, "Bijeenkomst opgeslagen.")
    page.get_by_label("Wat is er besproken en besloten?", exact=False).fill(
        "Besloten: we richten ons op de overdracht na de aanvraag."
    )
    page.get_by_role("button", name="Verslag opslaan").click()
    wait_idle(page)
    _expect_text(page, "Verslag opgeslagen.")

    store = Store(server.db)
    snap = store.snapshot()
    (t,) = snap.all("traject")
    b1 = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 1)
    assert b1.intentie == "Elkaar leren kennen en het vraagstuk scherp krijgen."
    assert b1.verslag == "Besloten: we richten ons op de overdracht na de aanvraag."

    # 4. steps 5–7 are another page's work: seed one richting with an action agreed in meeting 1
    mens = Deelnemer(traject_id=t.id, naam="Louise Timmers", organisatie="Schulddienstverlening")
    vraag = Vraagstuk(traject_id=t.id, tekst="Hoe komt de overdracht na de aanvraag eerder op gang?", werkvraag=True)
    kp = Knelpunt(traject_id=t.id, tekst="Overdracht duurt weken", gebied="keten", vraagstuk_id=vraag.id)
    richting = Oplossingsrichting(traject_id=t.id, titel="Warme overdracht", knelpunt_ids=(kp.id,))
    actie = Actie(
        traject_id=t.id,
        wat=ACTIE,
        richting_id=richting.id,
        eigenaar_id=mens.id,
        deadline=vandaag - timedelta(days=1),
        ronde_id=b1.id,
        vraagstuk_id=vraag.id,
    )
    store.add_many([mens, vraag, kp, richting, actie])
    page.reload()
    wait_ready(page)

    # 5. stap 8: the overdue action says so in words; move it to klaar
    goto_page(page, "8. Uitvoeren")
    kaart = page.locator(f".st-key-s8_kaart_{actie.id}")
    kaart.get_by_text("TE LAAT").wait_for()
    kaart.get_by_text(f"Louise Timmers · deadline {datum_nl(actie.deadline)}").wait_for()
    kaart.get_by_role("button").click()  # the card opens its status choice
    page.get_by_test_id("stPopoverBody").get_by_text("Klaar", exact=True).click()
    wait_idle(page)
    _expect_text(page, "Actie staat nu op 'klaar'.")
    expect(page.get_by_text("TE LAAT")).to_have_count(0)
    assert Store(server.db).snapshot().get("actie", actie.id).status == "klaar"

    # 6. stap 9: the finished action is proposed; answer the four questions and add a new knelpunt
    goto_page(page, "9. Evalueren")
    form = page.get_by_test_id("stForm")
    gekozen = form.get_by_role("combobox", name="Wat evalueer je?")
    expect(gekozen).to_have_value(f"{ACTIE} · Louise Timmers · klaar")
    antwoorden = (
        "Ja, de overdracht gaat een week sneller.",
        "Ja: consulenten hebben te weinig tijd.",
        "Het knelpunt over de overdracht is kleiner geworden.",
        "Inwoners bellen minder vaak met vragen.",
    )
    for (_, vraag_tekst), antwoord in zip(methode.EVALUATIE_VRAGEN, antwoorden, strict=True):
        form.get_by_label(vraag_tekst).fill(antwoord)
    form.get_by_label("Nieuw knelpunt 1").fill(NIEUW_KNELPUNT)
    _choose(page, form, "Aandachtsgebied 1", "Randvoorwaarden")
    form.get_by_role("button", name="Evaluatie opslaan").click()
    wait_idle(page)
    _expect_text(page, "1 nieuw knelpunt toegevoegd aan de analyse (stap 4)")
    _expect_text(page, f"{NIEUW_KNELPUNT} (Randvoorwaarden)")

    snap = Store(server.db).snapshot()
    (e,) = snap.of("evaluatie", t.id)
    assert e.actie_id == actie.id and list(e.antwoorden.values()) == list(antwoorden)
    (nieuw,) = [k for k in snap.of("knelpunt", t.id) if k.tekst == NIEUW_KNELPUNT]
    assert (nieuw.gebied, nieuw.bron_stap, nieuw.bron_id) == ("randvoorwaarden", 9, e.id)
    assert e.nieuwe_knelpunt_ids == (nieuw.id,) and nieuw.vraagstuk_id == vraag.id
    assert nieuw.bijeenkomst_id == e.bijeenkomst_id == b1.id  # the meeting chosen by default (today's)

    # 7. stap 4 shows the new knelpunt in its gebied
    goto_page(page, "4. Aandachtsgebieden")
    page.get_by_text(NIEUW_KNELPUNT, exact=True).first.wait_for()
    kolom = page.locator("[class*='st-key-s4_kol_randvoorwaarden']")
    if kolom.count():  # the board's column per gebied
        kolom.get_by_text(NIEUW_KNELPUNT, exact=True).wait_for()

    # 8. its origin, in words, on the meeting page: from the evaluation of the action, meeting 1
    goto_page(page, "Bijeenkomsten")
    rij = page.get_by_test_id("stTable").filter(has_text=NIEUW_KNELPUNT).locator("tr", has_text=NIEUW_KNELPUNT)
    herkomst = rij.inner_text()
    assert f"uit stap 9, evaluatie van: Actie: {ACTIE}" in herkomst
    assert f"bijeenkomst 1 ({verwacht[0]})" in herkomst
    assert not page.js_errors  # type: ignore[attr-defined]

"""Privacy guard (issue 21) in Chromium: the group screen never shows a name, address or number from a
knelpunt; the facilitator sees a mark on the card and replaces the personal data with one click, undoable."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from schouders.model import Deelnemer, Knelpunt, Traject
from schouders.store import Store
from tests.e2e.conftest import goto_page, wait_idle, wait_ready

pytestmark = pytest.mark.e2e

MET = "Mevrouw Jansen uit de Kerkstraat 12 kreeg haar brief pas na drie weken"
ZONDER = "Mevrouw [naam] uit de [adres] kreeg haar brief pas na drie weken"
NUMMER = "Haar BSN 123456782 stond in de mail aan de woningcorporatie"
GEWOON = "Sanne Bakker zegt dat klantmanagers de Wet schuldhulpverlening niet kennen"


def _tekst_wordt(page: Page, store: Store, kid: str, verwacht: str) -> str:
    """The stored text once it is `verwacht` (the write lands a moment after the screen shows it), or after 10 s."""
    for _ in range(50):
        tekst = store.snapshot().get("knelpunt", kid).tekst
        if tekst == verwacht:
            break
        page.wait_for_timeout(200)
    return tekst


def _traject(server) -> tuple[Store, Traject, Knelpunt]:
    t = Traject(naam="Werkplaats privacy", werkvorm="werkplaats")
    k = Knelpunt(traject_id=t.id, tekst=MET, gebied="kennis")
    store = Store(server.db)
    store.add_many(
        [
            t,
            Deelnemer(traject_id=t.id, naam="Sanne Bakker", organisatie="Wijkteam"),
            k,
            Knelpunt(traject_id=t.id, tekst=NUMMER, gebied="keten"),
            Knelpunt(traject_id=t.id, tekst=GEWOON, gebied="kennis"),
        ]
    )
    return store, t, k


def test_group_screen_shows_no_personal_data_and_the_card_replaces_it(page: Page, server) -> None:
    store, t, k = _traject(server)
    page.goto(f"{server.url}/?traject={t.id}")
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")

    ctx = page.context.browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    scherm = ctx.new_page()
    scherm.goto(f"{server.url}/groepsscherm?traject={t.id}")
    wait_ready(scherm)
    expect(scherm.get_by_text(ZONDER)).to_be_visible()
    expect(scherm.get_by_text("Haar BSN [bsn] stond in de mail aan de woningcorporatie")).to_be_visible()
    expect(scherm.get_by_text(GEWOON)).to_be_visible()  # a deelnemer of the traject is not personal data here
    tekst = scherm.get_by_test_id("stApp").inner_text()
    assert "Jansen" not in tekst and "Kerkstraat" not in tekst and "123456782" not in tekst

    # the facilitator's own window shows the real text, with a mark
    kaart = page.locator(f".st-key-s4_kaart_{k.id}")
    kaart = kaart.first
    expect(kaart).to_contain_text("Jansen")
    expect(kaart).to_contain_text("Let op, persoonsgegevens: naam, adres")
    kaart.get_by_role("button").first.click()
    page.get_by_role("button", name="Vervang persoonsgegevens").click()
    wait_idle(page)
    expect(page.locator(f".st-key-s4_kaart_{k.id}").first).to_contain_text(ZONDER)
    assert _tekst_wordt(page, store, k.id, ZONDER) == ZONDER

    page.keyboard.press("Escape")  # close the card's popover, as a person would before the next thing
    page.get_by_role("button", name="Vervangen ongedaan maken").click()
    wait_idle(page)
    expect(page.locator(f".st-key-s4_kaart_{k.id}").first).to_contain_text("Jansen")
    assert _tekst_wordt(page, store, k.id, MET) == MET
    # and the group screen still shows it without the name, after the change
    expect(scherm.get_by_text(ZONDER)).to_be_visible()
    ctx.close()


def test_presentation_mode_shows_no_personal_data(page: Page, server) -> None:
    _, t, _ = _traject(server)
    page.goto(f"{server.url}/?traject={t.id}")
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")
    page.get_by_test_id("stSidebar").get_by_text("Presentatiemodus").click()
    wait_idle(page)
    expect(page.get_by_text(ZONDER)).to_be_visible()
    # the editing view's cards fade out while the board arrives; once it is there, no name is left
    expect(page.get_by_test_id("stMain")).not_to_contain_text("Jansen")

    # a refresh of the shared screen stays in presentation mode: never the editing view with the real names
    assert "presentatie=1" in page.url
    page.reload()
    wait_ready(page)
    expect(page.get_by_text(ZONDER)).to_be_visible()
    expect(page.get_by_role("button", name="Presentatie verlaten")).to_be_visible()
    expect(page.get_by_test_id("stMain")).not_to_contain_text("Jansen")

    page.get_by_role("button", name="Presentatie verlaten").click()
    wait_idle(page)
    expect(page.get_by_test_id("stMain")).to_contain_text("Jansen")
    assert "presentatie" not in page.url
    page.reload()
    wait_ready(page)
    expect(page.get_by_test_id("stMain")).to_contain_text("Jansen")  # and off stays off


def test_exports_leave_personal_data_out_unless_unticked(page: Page, server) -> None:
    _, t, _ = _traject(server)
    page.goto(f"{server.url}/?traject={t.id}")
    wait_ready(page)
    goto_page(page, "Importeren en exporteren")
    page.get_by_role("tab", name="Exporteren").click()
    expect(page.get_by_text("In 2 teksten worden persoonsgegevens vervangen")).to_be_visible()

    def csv_knelpunten() -> str:
        with page.expect_download() as dl:
            page.get_by_role("button", name="Knelpunten (.csv)").click()
        return dl.value.path().read_bytes().decode("utf-8-sig")

    zonder = csv_knelpunten()
    assert ZONDER in zonder and "Jansen" not in zonder and "123456782" not in zonder
    assert GEWOON in zonder
    page.get_by_text("Zonder persoonsgegevens", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("de teksten gaan mee zoals ze zijn")).to_be_visible()
    met = csv_knelpunten()
    assert MET in met and "123456782" in met


def test_a_pasted_chat_says_which_lines_hold_personal_data_and_saves_them_pseudonymised(page: Page, server) -> None:
    from tests.e2e.test_dubbel import _plak_en_lees_in

    t = Traject(naam="Werkplaats plakken", werkvorm="werkplaats")
    store = Store(server.db)
    store.add(t)
    page.goto(f"{server.url}/?traject={t.id}")
    wait_ready(page)
    goto_page(page, "4. Aandachtsgebieden")
    _plak_en_lees_in(page, f"{MET}\nBrieven van de gemeente zijn te moeilijk\nBel haar op 06-12345678 na vijven")
    melding = page.get_by_test_id("stAlertContentWarning").filter(has_text="persoonsgegevens")
    expect(melding).to_contain_text("In 2 van de 3 regels staan persoonsgegevens (naam, adres, telefoonnummer)")
    expect(page.get_by_role("checkbox", name="Pseudonimiseer bij opslaan")).to_be_checked()
    page.get_by_role("button", name="Bewaar de aangevinkte knelpunten").click()
    expect(page.get_by_text("3 knelpunten bewaard. In 2 zijn persoonsgegevens vervangen")).to_be_visible()
    for _ in range(50):
        teksten = sorted(k.tekst for k in store.snapshot().of("knelpunt", t.id))
        if len(teksten) == 3:
            break
        page.wait_for_timeout(200)
    assert teksten == sorted([ZONDER, "Brieven van de gemeente zijn te moeilijk", "Bel haar op [telefoon] na vijven"])


def test_an_import_says_how_many_rows_hold_personal_data_and_saves_them_pseudonymised(
    page: Page, server, tmp_path
) -> None:
    import hashlib
    from pathlib import Path

    bestand = tmp_path / "knelpunten.csv"
    bestand.write_text(
        "Knelpunt;Aandachtsgebied\n"
        f"{MET};Kennis\n"
        "Formulieren zijn te lang;Keten\n"
        "Mail naar p.devries@gmail.com kwam nooit aan;Keten\n",
        encoding="utf-8-sig",
    )
    t = Traject(naam="Werkplaats import", werkvorm="werkplaats")
    store = Store(server.db)
    store.add(t)
    page.goto(f"{server.url}/?traject={t.id}")
    wait_ready(page)
    goto_page(page, "Importeren en exporteren")
    main = page.get_by_test_id("stMain")
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
    uploader.set_input_files(str(bestand))
    wait_idle(page, 60_000)
    # the first import of a process waits for name recognition to be ready (seconds; longer on a busy machine)
    expect(main.get_by_text("In 2 van de 3 punten staan persoonsgegevens (naam, adres, e-mailadres)")).to_be_visible(
        timeout=60_000
    )
    expect(main.get_by_role("checkbox", name="Pseudonimiseer bij opslaan")).to_be_checked()
    main.get_by_role("button", name="Opslaan", exact=True).click()
    wait_idle(page, 60_000)
    main.get_by_text("3 knelpunten", exact=False).first.wait_for()
    teksten = sorted(k.tekst for k in store.snapshot().of("knelpunt", t.id))
    assert teksten == sorted([ZONDER, "Formulieren zijn te lang", "Mail naar [email] kwam nooit aan"])

    # the same file again: recognised as already there (compared as it would be saved), nothing added
    voor = hashlib.sha256(Path(server.db).read_bytes()).hexdigest()
    uploader.set_input_files(str(bestand))
    wait_idle(page, 60_000)
    main.get_by_text("3 staan al in dit traject en worden overgeslagen", exact=False).wait_for()
    assert hashlib.sha256(Path(server.db).read_bytes()).hexdigest() == voor

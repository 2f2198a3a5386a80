"""The Importeren en exporteren page under AppTest: upload, preview with problems, save, export, backups."""

from __future__ import annotations

from pathlib import Path

from schouders.demo import WERKPLAATS
from schouders.importers import backup

PAGE = "pages/import_export.py"
SAMPLE = Path(__file__).resolve().parent / "data" / "voorbeeld_excel_nl.csv"


def _open(app_test, traject_id=None):
    at = app_test(60)
    at.run()
    if traject_id:
        at.session_state["traject_id"] = traject_id
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _werkplaats(store):
    return next(t for t in store.snapshot().all("traject") if t.naam == WERKPLAATS)


def _upload(at, naam, raw, mime="text/csv"):
    at.file_uploader[0].set_value((naam, raw, mime))
    at.run()
    assert not at.exception


def test_upload_shows_preview_and_saves_into_the_current_traject(demo_store, app_test):
    t = _werkplaats(demo_store)
    voor = len(demo_store.snapshot().of("knelpunt", t.id))
    at = _open(app_test, t.id)
    raw = SAMPLE.read_bytes().replace(b"Keten;Groep 2", b"Sport;Groep 2")
    _upload(at, "voorbeeld.csv", raw)
    info = " ".join(i.value for i in at.info)
    assert "4 rijen gelezen" in info and "4 knelpunten in 2 groepen" in info
    preview = at.dataframe[0].value
    assert list(preview["Tekst"])[0] == "Cliënten haken af na het eerste gesprek"
    assert list(preview["Aandachtsgebied"]) == ["Klantbeleving", "Kennis", "Nog niet ingedeeld", "Randvoorwaarden"]
    teksten = [x.value for x in at.text]
    assert any(x.startswith("• Rij 4: aandachtsgebied 'Sport' ken ik niet") for x in teksten)
    assert len(demo_store.snapshot().of("knelpunt", t.id)) == voor  # nothing saved yet
    at.button(key="ie_opslaan").click().run()
    assert not at.exception
    assert any("4 knelpunten en 2 groepen toegevoegd aan" in s.value for s in at.success)
    snap = demo_store.snapshot()
    assert len(snap.of("knelpunt", t.id)) == voor + 4
    assert {g.naam for g in snap.of("groep", t.id)} == {"Groep 1", "Groep 2"}
    assert at.file_uploader[0].value is None  # the uploader is empty again


def test_save_into_a_new_traject(demo_store, app_test):
    at = _open(app_test, _werkplaats(demo_store).id)
    _upload(at, "themadag.csv", SAMPLE.read_bytes())
    at.radio(key="ie_waar").set_value("nieuw").run()
    at.text_input(key="ie_nieuw_naam").set_value("Themadag maart").run()
    at.selectbox(key="ie_nieuw_werkvorm").set_value("themadag").run()
    at.button(key="ie_opslaan").click().run()
    assert not at.exception
    snap = demo_store.snapshot()
    t = next(t for t in snap.all("traject") if t.naam == "Themadag maart")
    assert t.werkvorm == "themadag"
    assert len(snap.of("knelpunt", t.id)) == 4
    assert at.session_state["traject_id"] == t.id


def test_bad_file_gives_one_error_and_changes_nothing(demo_store, app_test):
    at = _open(app_test, _werkplaats(demo_store).id)
    voor = demo_store.path.read_bytes()
    _upload(at, "cijfers.csv", b"Nummer;Bedrag\n1;2\n")
    assert len(at.error) == 1
    assert "geen kolom met de tekst" in at.error[0].value
    assert not [b for b in at.button if b.key == "ie_opslaan"]
    _upload(at, "kapot.json", b'{"app": "schouders", "soort": "reservekopie", "data": {')
    assert len(at.error) == 1 and "onvolledig" in at.error[0].value
    assert demo_store.path.read_bytes() == voor


def test_backup_restore_from_the_page(demo_store, app_test):
    t = _werkplaats(demo_store)
    raw = backup.maak_bytes(demo_store.snapshot(), t.id)
    at = _open(app_test, t.id)
    _upload(at, "kopie.json", raw, "application/json")
    plan = at.dataframe[0].value
    assert list(plan["Wordt teruggezet als"]) == [f"{WERKPLAATS} (2)"]
    at.button(key="ie_terugzetten").click().run()
    assert not at.exception
    assert any("Teruggezet" in s.value for s in at.success)
    assert f"{WERKPLAATS} (2)" in {x.naam for x in demo_store.snapshot().all("traject")}


def test_export_makes_documents_and_offers_downloads(demo_store, app_test):
    at = _open(app_test, _werkplaats(demo_store).id)
    labels = [d.label for d in at.download_button]
    for label in (
        "Excel-werkmap (.xlsx)",
        "Trello-bord (.json)",
        "Knelpunten (.csv)",
        "Reservekopie van alle trajecten",
    ):
        assert label in labels
    assert "Word (.docx)" not in labels  # made on request only
    at.checkbox(key="ie_afbeeldingen").uncheck().run()
    at.button(key="ie_maak").click().run()
    assert not at.exception
    labels = [d.label for d in at.download_button]
    assert {"Word (.docx)", "HTML-pagina", "Markdown"} <= set(labels)
    # another document: the verslag of a meeting; the old downloads disappear until made again
    opties = at.selectbox(key="ie_document").options
    assert any(o.startswith("Verslag van Bijeenkomst 3") for o in opties)
    at.selectbox(key="ie_document").set_value(next(i for i, o in enumerate(opties) if "Bijeenkomst 3" in o)).run()
    assert "Word (.docx)" not in [d.label for d in at.download_button]


def test_without_traject(app_test, store):
    at = _open(app_test)
    assert any("Kies of maak eerst een traject" in i.value for i in at.info)
    assert at.radio(key="ie_soort").value == "knelpunt"


def test_download_buttons_helper_for_other_pages(demo_store):
    from streamlit.testing.v1 import AppTest

    def app():
        from schouders.store import open_store
        from schouders.ui.export import download_knoppen

        snap = open_store().snapshot()
        t = next(t for t in snap.all("traject") if t.werkvorm == "werkplaats")
        b = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 1)
        download_knoppen(snap, t.id)
        download_knoppen(snap, t.id, soort="verslag", item_id=b.id)

    at = AppTest.from_function(app, default_timeout=30).run()
    assert not at.exception
    assert [d.label for d in at.download_button] == ["Word", "HTML", "Markdown"] * 2


def test_leernetwerk_import_goes_to_a_deelnemers_vraagstuk(store, app_test):
    from schouders.model import Deelnemer, Traject, Vraagstuk

    t = Traject(naam="Leernetwerk", werkvorm="leernetwerk")
    ann = Deelnemer(traject_id=t.id, naam="Ann")
    v = Vraagstuk(traject_id=t.id, tekst="Hoe bereiken we jongeren?", deelnemer_id=ann.id, werkvraag=True)
    store.add_many([t, ann, v])
    at = _open(app_test, t.id)
    _upload(at, "k.csv", SAMPLE.read_bytes())
    kies = at.selectbox(key="ie_vraagstuk")
    assert kies.options == ["Bij niemand in het bijzonder", "Ann: Hoe bereiken we jongeren?"]
    kies.set_value(v.id).run()
    at.button(key="ie_opslaan").click().run()
    assert not at.exception
    assert {k.vraagstuk_id for k in store.snapshot().of("knelpunt", t.id)} == {v.id}

"""Exports: the report content, Markdown, HTML, Word (opened by LibreOffice), spreadsheets, CSV and Trello."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from schouders import methode
from schouders.demo import WERKPLAATS
from schouders.exporters import docx, html, markdown, rapport, spreadsheet, trello
from schouders.model import (
    Actie,
    Bijeenkomst,
    Deelnemer,
    Doel,
    Knelpunt,
    Oplossingsrichting,
    Traject,
    Vraagstuk,
)
from schouders.trajecten import huidig_doel, werkvraagstuk

VANDAAG = date(2026, 3, 10)


def _werkplaats(snap):
    return next(t for t in snap.all("traject") if t.naam == WERKPLAATS)


def _plat(text: str) -> str:
    """Text without any whitespace: line wrapping in a PDF cannot break a comparison."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def leernetwerk(store):
    t = Traject(naam="Leernetwerk schulden", werkvorm="leernetwerk")
    ann = Deelnemer(traject_id=t.id, naam="Ann Smit", organisatie="Gemeente A")
    bob = Deelnemer(traject_id=t.id, naam="Bob de Vries", organisatie="Wijkteam B")
    objs = [t, ann, bob]
    for d, woord in ((ann, "Annvraag"), (bob, "Bobvraag")):
        v = Vraagstuk(traject_id=t.id, tekst=f"{woord}: hoe vinden we jongeren?", deelnemer_id=d.id, werkvraag=True)
        k = Knelpunt(traject_id=t.id, tekst=f"Knelpunt van {d.naam}", gebied="keten", vraagstuk_id=v.id)
        r = Oplossingsrichting(traject_id=t.id, titel=f"Richting van {d.naam}", knelpunt_ids=(k.id,), vraagstuk_id=v.id)
        a = Actie(traject_id=t.id, wat=f"Actie van {d.naam}", richting_id=r.id, eigenaar_id=d.id, vraagstuk_id=v.id)
        objs += [v, Doel(traject_id=t.id, tekst=f"Doel van {d.naam}", vraagstuk_id=v.id), k, r, a]
    store.add_many(objs)
    return t, ann, bob


# ---- content --------------------------------------------------------------------------------------------


def test_actieplan_covers_every_step_of_the_demo_werkplaats(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    r = rapport.actieplan(snap, t.id, vandaag=VANDAAG)
    tekst = r.tekst()
    assert werkvraagstuk(snap, t.id).tekst in tekst
    assert huidig_doel(snap, t.id).tekst in tekst
    for k in snap.of("knelpunt", t.id):
        assert k.tekst in tekst
    for a in snap.of("actie", t.id):
        assert a.wat in tekst
    for r_ in snap.of("richting", t.id):
        assert r_.titel in tekst
    koppen = [b.tekst for b in r.blokken if isinstance(b, rapport.Kop)]
    for kop in ("Vraagstuk", "Doel", "Knelpunten per aandachtsgebied", "Oplossingsrichtingen", "Acties", "Evaluaties"):
        assert kop in koppen
    # the priority quadrants and the SMART check are there
    from schouders.prioriteren import KWADRANTEN

    for q in KWADRANTEN:
        assert any(k.startswith(q.label) for k in koppen)
    smart = next(b for b in r.blokken if isinstance(b, rapport.Tabel) and b.kolommen[0] == "Letter")
    assert [row[0] for row in smart.rijen] == [s[0] for s in methode.SMART]
    assert "Hangt af van capaciteit" in tekst  # a SMART note
    assert "Consulenten verwijzen sinds de sessie vaker door" in tekst.replace("consulenten", "Consulenten")
    assert len(r.figuren()) == 2
    assert "zo 8 maart 2026" not in tekst and "di 10 maart 2026" in tekst  # dates the Dutch way


def test_leernetwerk_has_a_plan_per_deelnemer(store, leernetwerk):
    t, ann, bob = leernetwerk
    snap = store.snapshot()
    alles = rapport.actieplan(snap, t.id).tekst()
    assert "Actieplan van Ann Smit" in alles and "Actieplan van Bob de Vries" in alles
    eigen = rapport.actieplan(snap, t.id, deelnemer_id=ann.id)
    tekst = eigen.tekst()
    assert eigen.titel == "Actieplan van Ann Smit"
    for woord in ("Annvraag", "Doel van Ann Smit", "Knelpunt van Ann Smit", "Richting van Ann Smit", "Actie van Ann"):
        assert woord in tekst
    assert "Bob" not in tekst
    keuzes = rapport.rapporten_voor(snap, t.id)
    assert ("Actieplan van Ann Smit", "deelnemer", ann.id) in keuzes
    with pytest.raises(ValueError):
        rapport.actieplan(snap, t.id, deelnemer_id="bestaat-niet")


def test_verslag_of_one_meeting(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    b3 = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 3)
    r = rapport.verslag(snap, b3.id, vandaag=VANDAAG)
    tekst = r.tekst()
    assert r.titel == "Verslag · Bijeenkomst 3"
    assert b3.intentie in tekst
    assert "Marianne Koster (Wijkteam)" in tekst
    for a in snap.of("actie", t.id):
        assert a.wat in tekst  # all three were planned in round 3
    assert "Bijeenkomst 4" in tekst  # what comes next
    b2 = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 2)
    tekst2 = rapport.verslag(snap, b2.id).tekst()
    assert "Veertien knelpunten verzameld" in tekst2
    assert "Wachttijd bij de schulddienstverlening is zes weken" in tekst2  # knelpunten of that meeting
    assert "Lunchsessie" not in tekst2


# ---- markdown and html ------------------------------------------------------------------------------


def _met_gevaarlijke_tekst(store):
    t = Traject(naam="Proef <b>vet</b>")
    v = Vraagstuk(traject_id=t.id, tekst="Vraag [klik](http://x) **vet** <script>alert(1)</script>", werkvraag=True)
    k = Knelpunt(
        traject_id=t.id,
        tekst="# Geen kop\n- geen lijst",
        gebied="kennis",
        belang=4,
        quick_win=5,
        oplosbaarheid="oplosbaar",
    )
    store.add_many([t, v, k])
    return t


def test_markdown_escapes_user_text(store):
    t = _met_gevaarlijke_tekst(store)
    md = markdown.render(rapport.actieplan(store.snapshot(), t.id))
    assert "\\[klik\\](http://x)" in md
    assert "\\*\\*vet\\*\\*" in md
    assert "<script>" not in md
    assert "\n\\# Geen kop" in md or "- \\# Geen kop" in md
    assert md.startswith("# Actieplan · Proef \\<b\\>vet\\</b\\>")


def test_markdown_of_demo_contains_everything(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    md = markdown.render(rapport.actieplan(snap, t.id))
    plat = md.replace("\\", "")
    for k in snap.of("knelpunt", t.id):
        assert k.tekst in plat
    for a in snap.of("actie", t.id):
        assert a.wat in plat
    assert "| Letter | Betekenis | Oordeel | Toelichting |" in md


def test_html_is_self_contained_interactive_and_printable(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    page = html.render(rapport.actieplan(snap, t.id))
    # plain booleans: pytest's diff of a 5 MB page would take minutes
    assert page.startswith("<!DOCTYPE html>")
    ok = '<html lang="nl">' in page
    assert ok
    extern = re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=", page)
    assert extern == []  # nothing loaded from elsewhere: works offline
    ok = "Plotly.newPlot" in page and page.count('class="plotly-graph-div"') == 2
    assert ok
    ok = "@media print" in page and "@page" in page
    assert ok
    ontbreekt = [k.tekst for k in snap.of("knelpunt", t.id) if k.tekst.replace("'", "&#x27;") not in page]
    ontbreekt += [a.wat for a in snap.of("actie", t.id) if a.wat not in page]
    assert ontbreekt == []


def test_html_escapes_user_text(store):
    t = _met_gevaarlijke_tekst(store)
    page = html.render(rapport.actieplan(store.snapshot(), t.id), grafieken=False)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>vet</b>" not in page
    assert "Plotly" not in page  # without charts no plotly.js


# ---- word ------------------------------------------------------------------------------------------------


def test_docx_without_images_has_tables_and_says_so(demo_store):
    from docx import Document

    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    doc = Document(io.BytesIO(docx.render(rapport.actieplan(snap, t.id), met_afbeeldingen=False)))
    tekst = "\n".join(p.text for p in doc.paragraphs)
    assert docx.GEEN_AFBEELDINGEN in tekst
    assert len(doc.inline_shapes) == 0
    celteksten = {c.text for tabel in doc.tables for row in tabel.rows for c in row.cells}
    assert {"Klantbeleving", "Eerst doen", "Actie"} <= celteksten
    assert doc.paragraphs[0].style.name == "Title"
    assert any(p.style.name == "Heading 1" and p.text == "Vraagstuk" for p in doc.paragraphs)


def test_docx_falls_back_when_image_export_fails(demo_store, monkeypatch):
    from docx import Document

    monkeypatch.setattr(docx, "afbeeldingen", lambda figuren: None)
    snap = demo_store.snapshot()
    data = docx.render(rapport.actieplan(snap, _werkplaats(snap).id), met_afbeeldingen=True)
    doc = Document(io.BytesIO(data))
    assert docx.GEEN_AFBEELDINGEN in "\n".join(p.text for p in doc.paragraphs)


def test_docx_control_characters_do_not_break_word(store):
    from docx import Document

    t = Traject(naam="Stuurtekens")
    store.add_many([t, Knelpunt(traject_id=t.id, tekst="Tab\tregel\x0bverticaal\x07bel", gebied="kennis")])
    doc = Document(io.BytesIO(docx.render(rapport.actieplan(store.snapshot(), t.id), met_afbeeldingen=False)))
    assert any("verticaalbel" in p.text for p in doc.paragraphs)


def _libreoffice() -> str:
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    if lo is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice and pdftotext are needed: run scripts/test.sh, it installs them.")
    return lo


def test_docx_of_demo_werkplaats_opens_in_libreoffice(demo_store, tmp_path):
    lo = _libreoffice()
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    r = rapport.actieplan(snap, t.id)
    bron = tmp_path / "actieplan.docx"
    data = docx.render(r)  # with the charts as images when plotly can make images here (kaleido + Chromium)
    bron.write_bytes(data)
    from docx import Document

    doc = Document(io.BytesIO(data))
    if len(doc.inline_shapes) == 0:
        assert docx.GEEN_AFBEELDINGEN in "\n".join(p.text for p in doc.paragraphs)
    else:
        assert len(doc.inline_shapes) == 2
    profiel = tmp_path / "lo-profiel"
    subprocess.run(
        [
            lo,
            f"-env:UserInstallation={profiel.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(bron),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "actieplan.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    tekst = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    plat = _plat(tekst)
    assert _plat(werkvraagstuk(snap, t.id).tekst) in plat
    assert _plat(huidig_doel(snap, t.id).tekst) in plat
    for k in snap.of("knelpunt", t.id):
        assert _plat(k.tekst) in plat, k.tekst
    for a in snap.of("actie", t.id):
        assert _plat(a.wat) in plat, a.wat


# ---- spreadsheets ---------------------------------------------------------------------------------------


def _gevaarlijk(store):
    t = Traject(naam="Formules")
    d = Deelnemer(traject_id=t.id, naam="@eigenaar")
    k = Knelpunt(traject_id=t.id, tekst='=HYPERLINK("http://x","klik")', gebied="kennis", toelichting="+31 6")
    r = Oplossingsrichting(traject_id=t.id, titel="-richting", knelpunt_ids=(k.id,))
    a = Actie(traject_id=t.id, wat="@actie", richting_id=r.id, eigenaar_id=d.id, deadline=date(2026, 5, 1))
    store.add_many([t, d, k, r, a])
    return t


def test_xlsx_has_a_sheet_each_and_neutralises_formulas(store):
    t = _gevaarlijk(store)
    wb = load_workbook(io.BytesIO(spreadsheet.xlsx(store.snapshot(), t.id)))
    assert wb.sheetnames[:3] == ["Knelpunten", "Oplossingsrichtingen", "Acties"]
    kn, ri, ac = (wb[n] for n in wb.sheetnames[:3])
    assert [c.value for c in kn[1]] == list(spreadsheet.KNELPUNT_KOLOMMEN)
    # text cells (type 's'), stored as written: no formula runs, no apostrophe shows (issue 18)
    assert kn["A2"].value == '=HYPERLINK("http://x","klik")' and kn["A2"].data_type == "s"
    assert kn["F2"].value == "+31 6"
    assert ri["A2"].value == "-richting"
    assert [c.value for c in ac[2]][:4] == ["@actie", "-richting", "@eigenaar", ac["D2"].value]
    assert ac["D2"].value.date() == date(2026, 5, 1)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f"


def test_csv_is_semicolon_utf8_bom_and_neutralised(store):
    t = _gevaarlijk(store)
    raw = spreadsheet.csv_bytes(store.snapshot(), t.id)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(spreadsheet.KNELPUNT_KOLOMMEN)
    assert rows[1][0] == '\'=HYPERLINK("http://x","klik")'
    acties = list(
        csv.reader(
            io.StringIO(spreadsheet.csv_bytes(store.snapshot(), t.id, "acties").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert acties[1][:4] == ["'@actie", "'-richting", "'@eigenaar", "2026-05-01"]
    with pytest.raises(ValueError):
        spreadsheet.csv_bytes(store.snapshot(), t.id, "onbekend")


def test_spreadsheet_of_demo_lists_everything(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    tabellen = spreadsheet.tabellen(snap, t.id)
    assert len(tabellen["knelpunten"][1]) == len(snap.of("knelpunt", t.id))
    assert len(tabellen["richtingen"][1]) == len(snap.of("richting", t.id))
    assert len(tabellen["acties"][1]) == len(snap.of("actie", t.id))
    rij = next(r for r in tabellen["knelpunten"][1] if r[0].startswith("Consulenten weten niet"))
    assert rij[1:3] == ("Kennis", "") and rij[6:12] == ("Oplosbaar", "ja", 5, 5, "Eerst doen", 7)


# ---- trello -------------------------------------------------------------------------------------------


def test_trello_board_of_demo(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    b = json.loads(trello.bord_bytes(snap, t.id))
    assert [lst["name"] for lst in b["lists"]] == [label for _, label in methode.ACTIE_STATUSSEN]
    assert {lab["name"] for lab in b["labels"]} >= {g.label for g in methode.GEBIEDEN}
    lijst_naam = {lst["id"]: lst["name"] for lst in b["lists"]}
    leden = {m["id"]: m["fullName"] for m in b["members"]}
    kaarten = {c["name"]: c for c in b["cards"]}
    assert set(kaarten) == {a.wat for a in snap.of("actie", t.id)}
    for a in snap.of("actie", t.id):
        c = kaarten[a.wat]
        assert lijst_naam[c["idList"]] == dict(methode.ACTIE_STATUSSEN)[a.status]
        assert c["due"].startswith(a.deadline.isoformat())
        assert [leden[i] for i in c["idMembers"]] == [snap.get("deelnemer", a.eigenaar_id).naam]
        r = snap.get("richting", a.richting_id)
        assert f"Oplossingsrichting: {r.titel}" in c["desc"]
        for kid in r.knelpunt_ids:
            assert snap.get("knelpunt", kid).tekst in c["desc"]
        gebieden = {methode.gebied_label(snap.get("knelpunt", kid).gebied) for kid in r.knelpunt_ids}
        assert {lab["name"] for lab in c["labels"]} - {"Verkennend", "Quick win"} == gebieden
    assert any(lab["name"] == "Verkennend" for c in b["cards"] for lab in c["labels"])
    assert b["desc"].startswith("Vraagstuk: ")


def test_bestandsnaam_is_safe():
    assert rapport.bestandsnaam("actieplan", "Demo · Werkplaats / schulden?") == "actieplan-Demo-Werkplaats-schulden"
    assert rapport.bestandsnaam("", "///") == "schouders"


def test_bijeenkomst_without_anything_still_renders(store):
    t = Traject(naam="Leeg")
    b = Bijeenkomst(traject_id=t.id, nummer=1)
    store.add_many([t, b])
    snap = store.snapshot()
    for r in (rapport.actieplan(snap, t.id), rapport.verslag(snap, b.id)):
        assert markdown.render(r)
        assert html.render(r)
        assert docx.render(r, met_afbeeldingen=False)
    assert "Nog geen knelpunten verzameld" in rapport.actieplan(snap, t.id).tekst()

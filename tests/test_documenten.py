"""Documents a procesbegeleider can send as they are (issue 18): Word and Excel in Dutch office style."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from schouders import charts
from schouders.demo import WERKPLAATS
from schouders.exporters import docx, rapport, spreadsheet
from schouders.model import Knelpunt, Traject
from tests.test_exporters import _libreoffice

NL = "nl-NL"


def _traject(snap, naam=WERKPLAATS):
    return next(t for t in snap.all("traject") if t.naam == naam)


def _themadag(snap):
    return next(t for t in snap.all("traject") if t.werkvorm == "themadag")


def _png() -> bytes:
    """A valid 1×1 PNG, made by hand (no image library needed)."""

    def stuk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    kop = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + stuk(b"IHDR", kop)
        + stuk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + stuk(b"IEND", b"")
    )


def _doc(data: bytes):
    return Document(io.BytesIO(data))


@pytest.fixture
def plan(demo_store):
    """The demo werkplaats' actieplan: the report and the .docx (charts as tables: fast, no browser)."""
    snap = demo_store.snapshot()
    t = _traject(snap)
    r = rapport.actieplan(snap, t.id)
    return snap, t, r, docx.render(r, met_afbeeldingen=False)


# ---- word: page, language, fonts -------------------------------------------------------------------------


def test_docx_is_a4_with_dutch_margins(plan):
    *_, data = plan
    s = _doc(data).sections[0]
    assert (s.page_width.twips, s.page_height.twips) == docx.A4_TWIPS == (11906, 16838)
    for marge in (s.left_margin, s.right_margin, s.top_margin, s.bottom_margin):
        assert abs(marge.cm - 2.5) < 0.01


def test_docx_speaks_dutch_on_every_style(plan):
    *_, data = plan
    doc = _doc(data)
    styles = doc.styles.element
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:val")) == NL
    zonder = []
    for stijl in styles.findall(qn("w:style")):
        if stijl.get(qn("w:type")) == "numbering":
            continue
        el = stijl.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if el is None or el.get(qn("w:val")) != NL:
            zonder.append(stijl.get(qn("w:styleId")))
    assert zonder == []
    assert 'w:val="en-US"' not in doc.styles.element.xml
    # one font family for body and headings, no theme font that might be Cambria or Calibri Light
    assert doc.styles["Normal"].font.name == "Calibri" and doc.styles["Normal"].font.size.pt == 11
    assert doc.styles["Heading 1"].font.name == "Calibri"
    assert "asciiTheme" not in styles.xml


def test_docx_header_has_traject_and_date_footer_page_x_of_y(plan):
    _, t, r, data = plan
    doc = _doc(data)
    kop = doc.sections[0].header
    assert t.naam in kop.paragraphs[0].text
    assert re.search(r"\b(ma|di|wo|do|vr|za|zo) \d{1,2} [a-z]+ \d{4}\b", kop.paragraphs[0].text)
    voet = doc.sections[0].footer.paragraphs[0]
    instructies = [el.text.strip() for el in voet._p.iter(qn("w:instrText"))]
    assert instructies == ["PAGE", "NUMPAGES"]
    assert "pagina 1 van 1" in voet.text  # the text shown until Word counts the pages


def test_docx_core_properties(plan, demo_store):
    snap, t, r, data = plan
    cp = _doc(data).core_properties
    assert cp.title == r.titel
    assert cp.subject.startswith("Actieplan")
    assert cp.author == ", ".join(t.procesbegeleiders) == "Marloes Peters"
    assert cp.language == NL
    nu = datetime.now(UTC)
    for moment in (cp.created, cp.modified):
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        assert nu - timedelta(minutes=1) <= moment <= nu + timedelta(seconds=5)
    assert cp.last_printed is None  # the template's 2013 date is gone, and it was never printed
    for veld in (cp.comments, cp.keywords, cp.last_modified_by, cp.author, cp.subject, cp.title):
        assert "python-docx" not in veld
    # a traject without procesbegeleiders: Schouders is the author
    leeg = Traject(naam="Zonder begeleiding")
    demo_store.add_many([leeg])
    cp2 = _doc(docx.render(rapport.actieplan(demo_store.snapshot(), leeg.id), met_afbeeldingen=False)).core_properties
    assert cp2.author == "Schouders"
    app = next(p for p in _doc(data).part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    assert b"Microsoft" not in app.blob


def test_verslag_and_themadag_have_the_same_layout(demo_store):
    snap = demo_store.snapshot()
    t = _traject(snap)
    b = min(snap.of("bijeenkomst", t.id), key=lambda b: b.nummer)
    th = _themadag(snap)
    for r, auteur in ((rapport.verslag(snap, b.id), "Marloes Peters"), (rapport.actieplan(snap, th.id), None)):
        doc = _doc(docx.render(r, met_afbeeldingen=False))
        assert doc.sections[0].page_width.twips == 11906
        assert r.traject in doc.sections[0].header.paragraphs[0].text
        assert doc.core_properties.author == (auteur or ", ".join(th.procesbegeleiders))
        assert doc.core_properties.language == NL


# ---- word: tables, images, contents -----------------------------------------------------------------------


def _breedtes(tabel) -> list[int]:
    grid = [int(c.get(qn("w:w"))) for c in tabel._tbl.tblGrid.findall(qn("w:gridCol"))]
    return grid


def test_docx_table_widths_fit_the_content(plan):
    *_, data = plan
    doc = _doc(data)
    acties = next(t for t in doc.tables if t.rows[0].cells[0].text == "Actie")
    grid = _breedtes(acties)
    assert len(set(grid)) > 1  # not all equal
    kop = [c.text for c in acties.rows[0].cells]
    per = dict(zip(kop, grid, strict=True))
    assert per["Actie"] > per["Status"]  # text wide, short column narrow
    for tabel in doc.tables:
        grid = _breedtes(tabel)
        assert abs(sum(grid) - round(docx.PAGINA_BREEDTE_CM * docx.TWIPS_PER_CM)) <= len(grid)  # the text width
        assert tabel._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"  # no autofit
        for rij in tabel.rows:  # every cell carries its column's width
            assert [c.width.twips for c in rij.cells] == grid
    smart = next(t for t in doc.tables if t.rows[0].cells[0].text == "Letter")
    assert len(set(_breedtes(smart))) > 1


def test_column_widths_never_below_the_longest_word():
    t = rapport.Tabel(
        ("Nr", "Oplossingsrichting", "Toelichting"),
        (("1", "Toestemmingsformulier", "een lange uitleg " * 20), ("2", "kort", "ook")),
    )
    pt, breedtes = docx.tabelmaat(t)
    assert abs(sum(breedtes) - docx.PAGINA_BREEDTE_CM) < 1e-6
    rand = 2 * docx.CEL_MARGE_CM
    assert breedtes[1] >= docx.tekstbreedte_cm("Oplossingsrichting", vet=True, pt=pt) + rand
    assert breedtes[1] >= docx.tekstbreedte_cm("Toestemmingsformulier", pt=pt) + rand
    assert breedtes[0] < breedtes[1] < breedtes[2]  # the number narrow, the long text widest


def test_docx_images_have_alt_text_and_keep_their_caption(plan, monkeypatch):
    snap, t, r, _ = plan
    png = _png()
    monkeypatch.setattr(docx, "afbeeldingen", lambda figuren: [png] * len(figuren))
    doc = _doc(docx.render(r))
    assert len(doc.inline_shapes) == len(r.figuren()) == 2
    for vorm in doc.inline_shapes:
        doc_pr = vorm._inline.docPr
        assert doc_pr.get("descr", "").strip()
        assert "Picture" not in doc_pr.get("name")
    beschrijving = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert "Knelpunten per aandachtsgebied" in beschrijving and "Keten: 3" in beschrijving
    alineas = doc.paragraphs
    for i, p in enumerate(alineas):
        if p._p.xpath(".//w:drawing"):
            assert p.paragraph_format.keep_with_next is True
            assert alineas[i + 1].text.startswith("Figuur ")


def test_documents_carry_no_app_hints(demo_store):
    snap = demo_store.snapshot()
    r = rapport.actieplan(snap, _traject(snap).id)
    for f in r.figuren():
        fig = f.maak()
        teksten = [a.text or "" for a in fig.layout.annotations]
        assert not any(charts.START_HIER in tekst for tekst in teksten), teksten
    assert charts.START_HIER not in r.tekst()


def test_long_plan_gets_a_table_of_contents_short_one_not(plan, demo_store):
    _, _, r, data = plan
    assert docx.paginas(r) > docx.INHOUD_VANAF_PAGINAS
    doc = _doc(data)
    instructies = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instructies)
    assert any(p.text == "Inhoud" for p in doc.paragraphs)
    # each entry links to a bookmark on its heading
    body = doc.element.body
    ankers = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    bladwijzers = {b.get(qn("w:name")): b for b in body.iter(qn("w:bookmarkStart"))}
    assert len(ankers) >= 8 and set(ankers) <= set(bladwijzers)
    eerste = bladwijzers[ankers[0]].getparent()
    assert "".join(t.text for t in eerste.iter(qn("w:t"))) == "Vraagstuk"
    kort = Traject(naam="Kort")
    demo_store.add_many([kort, Knelpunt(traject_id=kort.id, tekst="Eén knelpunt", gebied="kennis")])
    r2 = rapport.actieplan(demo_store.snapshot(), kort.id)
    assert docx.paginas(r2) <= docx.INHOUD_VANAF_PAGINAS
    doc2 = _doc(docx.render(r2, met_afbeeldingen=False))
    assert not any(el.text.strip().startswith("TOC") for el in doc2.element.body.iter(qn("w:instrText")))


# ---- word through LibreOffice: no word broken inside a table cell -----------------------------------------


def _pdf(lo: str, bron, tmp_path) -> str:
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
    pdf = bron.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def _woorden(tekst: str) -> list[str]:
    return re.findall(r"[^\W\d_]{6,}", tekst)


def gebroken_woorden(lo: str, data: bytes, tmp_path, naam: str = "actieplan") -> tuple[list[str], set[str], str]:
    """Words of the document's tables that the PDF does not hold whole as often as the document does: a word
    broken over two lines inside a cell is missing once. Returns (broken words, table words, PDF text)."""
    bron = tmp_path / f"{naam}.docx"
    bron.write_bytes(data)
    tekst = _pdf(lo, bron, tmp_path)
    doc = _doc(data)
    body = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    tabelwoorden = {w for t in doc.tables for row in t.rows for c in row.cells for w in _woorden(c.text)}
    gebroken = []
    for woord in sorted(tabelwoorden):
        patroon = re.compile(rf"(?<!\w){re.escape(woord)}(?!\w)")
        if len(patroon.findall(tekst)) < len(patroon.findall(body)):
            gebroken.append(woord)
    return gebroken, tabelwoorden, tekst


def test_demo_plans_in_libreoffice_break_no_word_in_a_table(plan, demo_store, tmp_path):
    lo = _libreoffice()
    *_, data = plan
    gebroken, woorden, tekst = gebroken_woorden(lo, data, tmp_path)
    assert {"Oplossingsrichting", "Toestemmingsformulier"} <= woorden
    assert gebroken == []
    assert re.search(r"pagina 1 van \d+", tekst)
    snap = demo_store.snapshot()
    themadag = docx.render(rapport.actieplan(snap, _themadag(snap).id), met_afbeeldingen=False)
    gebroken, woorden, _ = gebroken_woorden(lo, themadag, tmp_path, "themadag")
    assert "Procesbegeleider" in woorden and gebroken == []


# ---- excel ---------------------------------------------------------------------------------------------


def _werkmap(snap, tid):
    return load_workbook(io.BytesIO(spreadsheet.xlsx(snap, tid)))


def test_xlsx_wraps_text_columns_with_sensible_widths(demo_store):
    snap = demo_store.snapshot()
    wb = _werkmap(snap, _traject(snap).id)
    kn = wb["Knelpunten"]
    kop = {c.value: c.column_letter for c in kn[1]}
    for naam in ("Knelpunt", "Toelichting", "Aandachtsgebied"):
        kol = kop[naam]
        assert all(
            c.alignment.wrap_text
            for (c,) in kn.iter_rows(min_row=2, min_col=kn[kol + "1"].column, max_col=kn[kol + "1"].column)
        )
    assert kn.column_dimensions[kop["Knelpunt"]].width >= 50
    assert kn.column_dimensions[kop["Belang"]].width < 20  # a number column stays narrow
    assert not kn[kop["Belang"] + "2"].alignment.wrap_text
    acties = wb["Acties"]
    assert acties["A2"].alignment.wrap_text and acties.column_dimensions["A"].width >= 40
    for ws in wb.worksheets:
        for dim in ws.column_dimensions.values():
            assert spreadsheet.BREEDTE_MIN <= dim.width <= 70


def test_xlsx_prints_landscape_at_page_width_with_dutch_header(demo_store):
    snap = demo_store.snapshot()
    t = _traject(snap)
    data = spreadsheet.xlsx(snap, t.id)
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
        assert t.naam in ws.oddHeader.left.text
        assert ws.oddFooter.right.text == "Pagina &P van &N"
        assert ws.oddFooter.left.text == ws.title


def test_xlsx_has_sheets_for_vraagstuk_doel_bijeenkomsten_deelnemers_evaluaties(demo_store):
    snap = demo_store.snapshot()
    t = _traject(snap)
    wb = _werkmap(snap, t.id)
    assert wb.sheetnames == ["Knelpunten", "Oplossingsrichtingen", "Acties", *spreadsheet.EXTRA_BLADEN.values()]

    def rijen(naam):
        ws = wb[naam]
        kop = [c.value for c in ws[1]]
        return [dict(zip(kop, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]

    from schouders.trajecten import huidig_doel, werkvraagstuk

    vs = rijen("Vraagstuk")
    assert len(vs) == len(snap.of("vraagstuk", t.id))
    assert any(r["Vraagstuk"] == werkvraagstuk(snap, t.id).tekst and r["Rol"] == "werkvraagstuk" for r in vs)
    doelen = rijen("Doel")
    assert len(doelen) == len(snap.of("doel", t.id)) >= 2  # the history: every version
    assert doelen[0]["Doel"] == huidig_doel(snap, t.id).tekst and doelen[0]["Huidig"] == "ja"
    assert all(r["Huidig"] != "ja" for r in doelen[1:])
    assert all(r["Vastgelegd"] is not None for r in doelen)
    assert "S: " in doelen[0]["SMART"]
    bs = rijen("Bijeenkomsten")
    assert [r["Nr"] for r in bs] == sorted(b.nummer for b in snap.of("bijeenkomst", t.id))
    assert any("Marianne Koster" in (r["Aanwezig"] or "") for r in bs)
    dn = rijen("Deelnemers")
    assert {r["Naam"] for r in dn} == {d.naam for d in snap.of("deelnemer", t.id)}
    assert "E-mail" not in wb["Deelnemers"][1]  # no addresses in a file that gets sent around
    ev = rijen("Evaluaties")
    assert len(ev) == len(snap.of("evaluatie", t.id)) >= 1
    assert any("vaker door" in (r["Draagt de verandering bij aan het doel?"] or "") for r in ev)


def test_xlsx_formula_looking_text_is_a_text_cell_without_apostrophe(store):
    t = Traject(naam="Budget")
    teksten = ["=1+1 budget", "+31 6 1234", "-", "@team", "'=al met apostrof"]
    store.add_many([t, *(Knelpunt(traject_id=t.id, tekst=x, gebied="kennis") for x in teksten)])
    wb = _werkmap(store.snapshot(), t.id)
    kn = wb["Knelpunten"]
    cellen = {c.value: c for (c,) in kn.iter_rows(min_row=2, max_col=1)}
    for x in teksten[:4]:
        assert cellen[x].data_type == "s", x
        assert not cellen[x].quotePrefix
    assert cellen["=1+1 budget"].value == "=1+1 budget"
    assert "''=al met apostrof" in cellen  # one apostrophe more: the importer takes exactly one off again
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)
    from schouders.importers import tabel

    terug = tabel.lees(spreadsheet.xlsx(store.snapshot(), t.id), "budget.xlsx")
    assert sorted(p.tekst for p in terug.punten) == sorted(teksten)


# ---- word charts without a browser (issue 18.5) ------------------------------------------------------------

_BEELDEN = """
import hashlib, io, sys
from docx import Document
from schouders import store
from schouders.demo import laad_demo
from schouders.exporters import docx, rapport
s = store.open_store(sys.argv[1])
laad_demo(s)
snap = s.snapshot()
for t in sorted(snap.all("traject"), key=lambda t: t.naam):
    doc = Document(io.BytesIO(docx.render(rapport.actieplan(snap, t.id))))
    for vorm in doc.inline_shapes:
        blob = doc.part.related_parts[vorm._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        print(t.werkvorm, vorm._inline.docPr.get("name"), hashlib.sha256(blob).hexdigest(), blob[:4].hex())
print("modules", sorted(m for m in ("kaleido", "choreographer") if m in sys.modules))
"""


def _beelden(tmp_path, naam: str, path: str) -> list[str]:
    import sys

    from tests.test_cli_io import ROOT

    proc = subprocess.run(
        [sys.executable, "-c", _BEELDEN, str(tmp_path / f"{naam}.json")],
        cwd=ROOT,
        env={**os.environ, "PATH": path, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_docx_charts_are_the_same_images_with_and_without_chromium_on_path(tmp_path):
    import shutil
    import sys

    leeg = tmp_path / "bin"  # python alone: no chromium, no chrome, no soffice
    leeg.mkdir()
    (leeg / "python3").symlink_to(sys.executable)
    met = _beelden(tmp_path, "met", os.environ.get("PATH", ""))
    zonder = _beelden(tmp_path, "zonder", str(leeg))
    assert shutil.which("chromium", path=str(leeg)) is None
    assert met == zonder
    plaatjes = [r for r in met if not r.startswith("modules")]
    # the werkplaats: bars and matrix; the themadag: bars and the heatmap per groep – all PNG
    assert sorted(r.split()[0] for r in plaatjes) == ["themadag", "themadag", "werkplaats", "werkplaats"]
    assert all(r.endswith("89504e47") for r in plaatjes)
    assert met[-1] == "modules []"  # kaleido is never loaded: no browser started, nothing sent anywhere


def test_docx_chart_images_are_drawn_at_text_width_with_alt_text(plan):
    from PIL import Image

    _, _, r, _ = plan
    doc = _doc(docx.render(r))
    assert docx.GEEN_AFBEELDINGEN not in "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.inline_shapes) == 2
    for vorm in doc.inline_shapes:
        assert abs(vorm.width.cm - docx.PAGINA_BREEDTE_CM) < 0.01
        blob = doc.part.related_parts[vorm._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        beeld = Image.open(io.BytesIO(blob))
        assert beeld.size[0] == 1260 and 500 < beeld.size[1] < 1700  # 200 dpi over 16 cm
        assert vorm._inline.docPr.get("descr").startswith("Grafiek: ")

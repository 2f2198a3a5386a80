"""Spreadsheet imports bounded in time and memory (issue 20.5).

The adversarial files are built here with zipfile, byte by byte, as an attacker would: openpyxl keeps every
shared string, cell and merged cell as a Python object, so before the limits a 323 kB file with 8 million
shared strings took 75 s and 780 MB, and a merged block A3:XFD1048576 or a stray cell in XFD2 never ended.
Each import runs in a child process with a time-out, so a regression fails instead of hanging the suite, and
the child reports its own time and peak memory.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from schouders.importers import bestand, tabel

ROOT = Path(__file__).resolve().parent.parent
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WB = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook '
    + NS
    + b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Knelpunten" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WB_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
KOP = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Knelpunt</t></is></c></row>'
RIJ2 = b'<row r="2"><c r="A2" t="inlineStr"><is><t>Te weinig tijd</t></is></c>'


def _blad(rijen: bytes = KOP + RIJ2 + b"</row>", *, na: bytes = b"", dimensie: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        + NS
        + b">"
        + dimensie
        + b"<sheetData>"
        + rijen
        + b"</sheetData>"
        + na
        + b"</worksheet>"
    )


def _sst(si: bytes, n: int) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + b">" + si * n + b"</sst>"


def _xlsx(blad: bytes, sst: bytes = _sst(b"", 0)) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", blad)
        z.writestr("xl/sharedStrings.xml", sst)
    return buf.getvalue()


KIND = r"""
import json, re, sys, time
from schouders.importers import bestand
raw = open(sys.argv[1], "rb").read()
t = time.perf_counter()
try:
    vb = bestand.lees_bestand(raw, sys.argv[2])
    uit = {"punten": [p.tekst for p in vb.punten]}
except ValueError as exc:
    uit = {"fout": str(exc)}
uit["s"] = time.perf_counter() - t
# VmHWM, not ru_maxrss: that one keeps the forking pytest's peak across exec
uit["mb"] = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) / 1024
print(json.dumps(uit))
"""


def _importeer(tmp_path: Path, raw: bytes, naam: str = "aanval.xlsx", timeout: float = 30) -> dict:
    """Import in a child process: its time, peak memory (MB, the interpreter's ~40 MB included) and result."""
    pad = tmp_path / naam
    pad.write_bytes(raw)
    try:
        out = subprocess.run(
            [sys.executable, "-c", KIND, str(pad), naam], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{naam}: the import did not end within {timeout} s")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_acht_miljoen_gedeelde_teksten(tmp_path: Path) -> None:
    raw = _xlsx(_blad(), _sst(b"<si><t>x</t></si>", 8_000_000))
    assert len(raw) < 400_000  # the issue's ~330 kB file
    uit = _importeer(tmp_path, raw)
    assert "te groot om in te lezen" in uit["fout"] and "aanval.xlsx" in uit["fout"]
    assert uit["s"] < 3 and uit["mb"] < 150, uit


def test_gedeelde_teksten_onder_de_uitpakgrens_worden_geteld(tmp_path: Path) -> None:
    """3 million empty strings: 39 MB, under every size limit; the streaming count stops at 200,000."""
    uit = _importeer(tmp_path, _xlsx(_blad(), _sst(b"<si><t/></si>", 3_000_000)))
    assert uit["fout"] == (
        "aanval.xlsx is te groot om in te lezen: meer dan 200.000 verschillende teksten. "
        "Sla alleen het blad met de punten op."
    )
    assert uit["s"] < 3 and uit["mb"] < 150, uit


def test_samengevoegd_blok_over_het_hele_blad(tmp_path: Path) -> None:
    """openpyxl makes a MergedCell for each of the 17 billion cells: it never ended."""
    raw = _xlsx(_blad(na=b'<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'))
    uit = _importeer(tmp_path, raw)
    assert "meer dan 250.000 cellen" in uit["fout"]
    assert uit["s"] < 3, uit


def test_een_cel_ver_weg_maakt_het_blad_niet_breed(tmp_path: Path) -> None:
    """A value in XFD2 and A10000 plus a dimension of the whole sheet: still read, in well under a second
    (iter_rows created 164 million empty cells)."""
    rijen = KOP + RIJ2 + b'<c r="XFD2"><v>1</v></c></row><row r="10000"><c r="A10000"><v>7</v></c></row>'
    uit = _importeer(tmp_path, _xlsx(_blad(rijen, dimensie=b'<dimension ref="A1:XFD1048576"/>')))
    assert uit["punten"] == ["Te weinig tijd", "7"]
    assert uit["s"] < 3 and uit["mb"] < 150, uit


def test_te_veel_cellen(tmp_path: Path) -> None:
    cellen = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c></row>' % (i, i, i) for i in range(2, 200_000)
    )
    uit = _importeer(tmp_path, _xlsx(_blad(KOP + cellen)))
    assert uit["fout"].startswith("aanval.xlsx is te groot om in te lezen: meer dan ")
    assert uit["s"] < 3, uit


@pytest.mark.parametrize("waar", ["inline", "gedeeld"])
def test_cel_langer_dan_excel_toestaat(tmp_path: Path, waar: str) -> None:
    lang = b"x" * 5_000_000
    if waar == "inline":
        raw = _xlsx(_blad(KOP + b'<row r="2"><c r="B2" t="inlineStr"><is><t>' + lang + b"</t></is></c></row>"))
    else:
        raw = _xlsx(
            _blad(KOP + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'), _sst(b"<si><t>" + lang + b"</t></si>", 1)
        )
    uit = _importeer(tmp_path, raw)
    assert "heeft een cel met meer dan 32.767 tekens" in uit["fout"]
    assert ("(cel B2)" in uit["fout"]) == (waar == "inline")
    assert uit["s"] < 2, uit


def test_onderdeel_te_groot_uitgepakt() -> None:
    raw = _xlsx(_blad(KOP + b"<!--" + b"x" * (tabel.MAX_DEEL + 1) + b"-->"))
    with pytest.raises(ValueError, match=r"xl/worksheets/sheet1.xml is 50 MB \(maximaal 50 MB\)"):
        tabel.lees(raw, "a.xlsx")


def test_gewone_werkmap_blijft_werken() -> None:
    """The limits leave an ordinary workbook (merged Tafel column, a title row) as it was."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Quickscan"])
    ws.append(["Tafel", "Knelpunt"])
    ws.append(["Tafel 1", "Geen tijd"])
    ws.append([None, "Geen geld"])
    ws.merge_cells("A3:A4")
    out = io.BytesIO()
    wb.save(out)
    vb = tabel.lees(out.getvalue(), "gewoon.xlsx")
    assert [(p.tekst, p.groep) for p in vb.punten] == [("Geen tijd", "Tafel 1"), ("Geen geld", "Tafel 1")]


# ---- CSV: csv's field limit is 131,072 characters ---------------------------------------------------------


@pytest.mark.parametrize("rij", [1, 3])
def test_csv_cel_boven_de_veldgrens_noemt_de_rij(rij: int) -> None:
    regels = ["Knelpunt;Groep", "Geen tijd;1", "Geen geld;2"]
    regels[rij - 1] = "x" * 200_000 + ";1"
    raw = ("\n".join(regels) + "\n").encode()
    with pytest.raises(ValueError) as exc:
        bestand.lees_bestand(raw, "lang.csv")
    assert str(exc.value) == (
        f"lang.csv: rij {rij} heeft een cel van meer dan 131.072 tekens (of een aanhalingsteken dat niet wordt "
        "gesloten). Een tekst mag hoogstens 2.000 tekens zijn: maak die cel korter en lees het bestand opnieuw in."
    )


def test_csv_aanhalingsteken_niet_gesloten() -> None:
    raw = ('Knelpunt\n"Geen tijd\n' + "en nog meer\n" * 20_000).encode()
    with pytest.raises(ValueError, match=r"^open.csv: rij 2 heeft een cel van meer dan 131.072 tekens"):
        tabel.lees(raw, "open.csv")


def test_csv_lange_cel_onder_de_veldgrens_wordt_een_probleem_per_rij() -> None:
    raw = ("Knelpunt\nGeen tijd\n" + "x" * 100_000 + "\n").encode()
    vb = tabel.lees(raw, "a.csv")
    assert [p.tekst for p in vb.punten] == ["Geen tijd"]
    assert any("te lang" in str(p) and p.rij == 3 for p in vb.problemen)

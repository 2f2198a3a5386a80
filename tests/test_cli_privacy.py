"""Issue 21 on the command line: `privacy` lists what it finds (traject or file), exports leave personal data out
on request and Trello by default, a reservekopie stays exact. Run as a user runs it, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import orjson

from schouders.model import Actie, Deelnemer, Knelpunt, Oplossingsrichting, Traject
from schouders.store import Store
from tests.test_cli import cli

MET = "Mevrouw Jansen uit de Kerkstraat 12 kreeg haar brief pas na drie weken"
BSN = "Zijn BSN 123456782 stond in de mail"
GEWOON = "Sanne Bakker zegt dat klantmanagers de Wet niet kennen"


def _db(tmp_path: Path) -> tuple[Path, Traject]:
    db = tmp_path / "schouders.json"
    t = Traject(naam="Privacy", werkvorm="werkplaats")
    r = Oplossingsrichting(traject_id=t.id, titel="Brieven op tijd")
    Store(db).add_many(
        [
            t,
            r,
            Actie(traject_id=t.id, wat="Mevrouw Jansen terugbellen over haar brief", richting_id=r.id),
            Deelnemer(traject_id=t.id, naam="Sanne Bakker"),
            Knelpunt(traject_id=t.id, tekst=MET, gebied="kennis"),
            Knelpunt(traject_id=t.id, tekst=BSN, gebied="keten"),
            Knelpunt(traject_id=t.id, tekst=GEWOON, gebied="kennis"),
        ]
    )
    return db, t


def test_privacy_lists_each_text_with_kind_and_position(tmp_path: Path) -> None:
    db, _ = _db(tmp_path)
    voor = db.read_bytes()
    r = cli(db, "privacy", "--traject", "Privacy", "--json")
    assert r.returncode == 1, r.stderr
    uit = json.loads(r.stdout)
    assert uit["met_persoonsgegevens"] == 3 and uit["namen_herkend"]
    per_tekst = {
        v["tekst"]: [(g["soort"], g["tekst"], g["start"], g["eind"]) for g in v["gevonden"]] for v in uit["vondsten"]
    }
    assert per_tekst[MET] == [("naam", "Jansen", 8, 14), ("adres", "Kerkstraat 12", 22, 35)]
    assert per_tekst[BSN] == [("bsn", "123456782", 9, 18)]
    assert GEWOON not in per_tekst  # a deelnemer of the traject
    assert db.read_bytes() == voor
    tekst = cli(db, "privacy", "--traject", "Privacy")
    assert "3 van 5 teksten bevatten persoonsgegevens" in tekst.stdout


def test_trello_leaves_personal_data_out_by_default_and_json_stays_exact(tmp_path: Path) -> None:
    db, _ = _db(tmp_path)
    uit = tmp_path / "bord.json"
    r = cli(db, "export", "--traject", "Privacy", "--format", "trello", "-o", str(uit))
    assert r.returncode == 0, r.stderr
    assert "in 3 teksten" in r.stdout  # two knelpunten and the actie
    bord = uit.read_text(encoding="utf-8")
    assert "Jansen" not in bord and "Mevrouw [naam] terugbellen over haar brief" in bord
    r = cli(db, "export", "--traject", "Privacy", "--format", "trello", "--met-persoonsgegevens", "-o", str(uit))
    assert r.returncode == 0 and "Jansen" in uit.read_text(encoding="utf-8")
    kopie = tmp_path / "kopie.json"
    assert cli(db, "export", "--traject", "Privacy", "--format", "json", "-o", str(kopie)).returncode == 0
    assert MET in json.dumps(orjson.loads(kopie.read_bytes()), ensure_ascii=False)
    r = cli(db, "export", "--traject", "Privacy", "--format", "json", "--zonder-persoonsgegevens", "-o", str(kopie))
    assert r.returncode == 1 and "reservekopie" in r.stderr


def test_a_word_plan_without_personal_data_passes_the_file_check(tmp_path: Path) -> None:
    db, _ = _db(tmp_path)
    met, zonder = tmp_path / "met.docx", tmp_path / "zonder.docx"
    assert (
        cli(db, "export", "--traject", "Privacy", "--format", "docx", "--zonder-grafieken", "-o", str(met)).returncode
        == 0
    )
    r = cli(
        db,
        "export",
        "--traject",
        "Privacy",
        "--format",
        "docx",
        "--zonder-grafieken",
        "--zonder-persoonsgegevens",
        "-o",
        str(zonder),
    )
    assert r.returncode == 0, r.stderr
    alles = "\n".join(p.text for p in docx.Document(str(zonder)).paragraphs) + "\n".join(
        c.text for t in docx.Document(str(zonder)).tables for row in t.rows for c in row.cells
    )
    assert "Jansen" not in alles and "[naam]" in alles
    gevonden_met = json.loads(cli(db, "privacy", str(met), "--json").stdout)
    gevonden_zonder = json.loads(cli(db, "privacy", str(zonder), "--json").stdout)
    tekst_met = json.dumps(gevonden_met, ensure_ascii=False)
    tekst_zonder = json.dumps(gevonden_zonder, ensure_ascii=False)
    assert "Jansen" in tekst_met and "123456782" in tekst_met
    assert "Jansen" not in tekst_zonder and "123456782" not in tekst_zonder


def test_privacy_on_a_missing_file_is_a_dutch_message(tmp_path: Path) -> None:
    r = cli(tmp_path / "s.json", "privacy", str(tmp_path / "weg.docx"))
    assert r.returncode == 2 and "Bestand niet gevonden" in r.stderr
    assert not (tmp_path / "s.json").exists()


def test_xlsx_and_csv_without_personal_data_hold_none_of_the_found_parts(tmp_path: Path) -> None:
    db, _ = _db(tmp_path)
    gevonden = json.loads(cli(db, "privacy", "--traject", "Privacy", "--json").stdout)
    delen = {g["tekst"] for v in gevonden["vondsten"] for g in v["gevonden"]}
    assert delen == {"Jansen", "Kerkstraat 12", "123456782"}
    for fmt, extra in (("xlsx", ()), ("csv", ("--tabel", "knelpunten")), ("csv", ("--tabel", "acties"))):
        uit = tmp_path / f"uit.{fmt}"
        r = cli(
            db, "export", "--traject", "Privacy", "--format", fmt, *extra, "--zonder-persoonsgegevens", "-o", str(uit)
        )
        assert r.returncode == 0, r.stderr
        if fmt == "csv":
            inhoud = uit.read_bytes().decode("utf-8-sig")
        else:
            import openpyxl

            wb = openpyxl.load_workbook(str(uit))
            inhoud = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
        assert not any(deel in inhoud for deel in delen), (fmt, extra)
        assert "[naam]" in inhoud


def test_privacy_on_a_workbook_reads_it_within_the_import_bounds(tmp_path: Path) -> None:
    """A workbook is read as an import reads it: a bomb of 8 million shared strings ends at once with the same
    Dutch message, a normal one names sheet and cell."""
    import time

    import openpyxl

    from tests.test_import_grenzen import _blad, _sst, _xlsx

    bom = tmp_path / "aanval.xlsx"
    bom.write_bytes(_xlsx(_blad(), _sst(b"<si><t>x</t></si>", 8_000_000)))
    start = time.monotonic()
    r = cli(tmp_path / "s.json", "privacy", str(bom))
    assert r.returncode == 2 and "aanval.xlsx is uitgepakt te groot om in te lezen" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and time.monotonic() - start < 30

    wb = openpyxl.Workbook()
    wb.active.title = "Punten"
    wb.active["B3"] = "Mevrouw Jansen uit de Kerkstraat 12 belde"
    wb.active["A1"] = "Knelpunt"
    gewoon = tmp_path / "punten.xlsx"
    wb.save(gewoon)
    r = cli(tmp_path / "s.json", "privacy", str(gewoon), "--json")
    uit = json.loads(r.stdout)
    assert r.returncode == 1 and uit["teksten"] == 2
    assert [v["plek"] for v in uit["vondsten"]] == ["blad Punten, cel B3"]

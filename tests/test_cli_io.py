"""The command line's import and export, run as a user would: `python -m schouders …` in a process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schouders.demo import WERKPLAATS
from schouders.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def run(db: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schouders", "--db", str(db), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _snap(db: Path):
    return Store(db).snapshot()


def test_import_dutch_excel_csv(tmp_path):
    db = tmp_path / "s.json"
    proc = run(db, "import", str(DATA / "voorbeeld_excel_nl.csv"), "--traject", "X")
    assert proc.returncode == 0, proc.stderr
    assert "4 knelpunten en 2 groepen toegevoegd aan het nieuwe traject 'X'." in proc.stdout
    snap = _snap(db)
    t = next(t for t in snap.all("traject") if t.naam == "X")
    groepen = {g.id: g.naam for g in snap.of("groep", t.id)}
    kn = {k.tekst: (k.gebied, groepen[k.groep_id]) for k in snap.of("knelpunt", t.id)}
    assert kn == {
        "Cliënten haken af na het eerste gesprek": ("klantbeleving", "Groep 1"),
        "Kennis over de Wet gemeentelijke schuldhulpverlening ontbreekt": ("kennis", "Groep 1"),
        "Geen vaste contactpersoon bij de woningcorporatie": ("keten", "Groep 2"),
        "Te weinig uren voor huisbezoeken; €-budget op": ("randvoorwaarden", "Groep 2"),
    }
    assert len(snap.of("bijeenkomst", t.id)) == 8  # a new traject gets its werkvorm's meeting plan


@pytest.mark.parametrize(
    ("bestand", "verwacht"),
    [
        (
            "voorbeeld_zoom_chat.txt",
            [
                ("Klanten haken af na het eerste gesprek", "Marieke Visser"),
                ("Wij weten niet welke bewindvoerders in de regio actief zijn", "Youssef Amrani"),
                ("Het intakeformulier is te lang\nen te ingewikkeld voor laaggeletterden", "Marieke Visser"),
            ],
        ),
        (
            "voorbeeld_teams_chat.txt",
            [
                ("Klanten haken af na het eerste gesprek", "Marieke Visser"),
                ("Wij weten niet welke bewindvoerders in de regio actief zijn", "Youssef Amrani"),
            ],
        ),
    ],
)
def test_import_chat_keeps_the_author(tmp_path, bestand, verwacht):
    db = tmp_path / "s.json"
    proc = run(db, "import", str(DATA / bestand), "--traject", "Chat")
    assert proc.returncode == 0, proc.stderr
    snap = _snap(db)
    t = snap.all("traject")[0]
    assert sorted((k.tekst, k.auteur) for k in snap.of("knelpunt", t.id)) == sorted(verwacht)


def test_import_as_verbeterpunten_and_dry_run(tmp_path):
    db = tmp_path / "s.json"
    proc = run(db, "import", str(DATA / "voorbeeld_teams_chat.txt"), "--traject", "Q", "--droog")
    assert proc.returncode == 0 and "Niets opgeslagen" in proc.stdout
    assert _snap(db).all("traject") == ()
    proc = run(db, "import", str(DATA / "voorbeeld_teams_chat.txt"), "--traject", "Q", "--soort", "verbeter")
    assert proc.returncode == 0, proc.stderr
    snap = _snap(db)
    assert [q.soort for q in snap.all("quickscanpunt")] == ["verbeter", "verbeter"]
    assert [q.auteur for q in snap.all("quickscanpunt")] == ["Marieke Visser", "Youssef Amrani"]


def test_import_needs_a_traject_except_for_a_backup(tmp_path):
    db = tmp_path / "s.json"
    proc = run(db, "import", str(DATA / "voorbeeld_excel_nl.csv"))
    assert proc.returncode == 1 and "--traject" in proc.stderr


def test_export_every_format(tmp_path):
    db = tmp_path / "s.json"
    assert run(db, "demo").returncode == 0
    uit = tmp_path / "uit"
    uit.mkdir()
    verwacht = {
        "md": b"# Actieplan",
        "html": b"<!DOCTYPE html>",
        "docx": b"PK",
        "xlsx": b"PK",
        "csv": b"\xef\xbb\xbfKnelpunt;",
        "json": b"{",
        "trello": b"{",
    }
    for fmt in verwacht:
        extra = ["--zonder-grafieken"] if fmt in ("docx",) else []
        proc = run(db, "export", "--traject", WERKPLAATS, "--format", fmt, *extra, cwd=uit)
        assert proc.returncode == 0, (fmt, proc.stderr)
        assert proc.stdout.startswith("Geschreven: ")
    bestanden = {p.name: p.read_bytes() for p in uit.iterdir()}
    assert len(bestanden) == len(verwacht)
    for fmt, begin in verwacht.items():
        naam = next(
            n
            for n in bestanden
            if n.endswith(".trello.json" if fmt == "trello" else f".{fmt}")
            and (fmt != "json" or not n.endswith(".trello.json"))
        )
        assert bestanden[naam].startswith(begin), fmt
    backup = json.loads(next(v for n, v in bestanden.items() if n.startswith("reservekopie")))
    assert backup["trajecten"] == [WERKPLAATS]
    bord = json.loads(next(v for n, v in bestanden.items() if n.endswith(".trello.json")))
    assert len(bord["cards"]) == 3


def test_export_verslag_to_stdout_and_options(tmp_path):
    db = tmp_path / "s.json"
    run(db, "demo")
    proc = run(db, "export", "--traject", WERKPLAATS, "--format", "md", "--bijeenkomst", "3", "-o", "-")
    assert proc.returncode == 0
    assert proc.stdout.startswith("# Verslag · Bijeenkomst 3")
    proc = run(db, "export", "--traject", WERKPLAATS, "--format", "csv", "--tabel", "acties", "-o", "-")
    assert proc.stdout.lstrip("\ufeff").startswith("Actie;Oplossingsrichting;Eigenaar")
    proc = run(db, "export", "--traject", WERKPLAATS, "--format", "md", "--bijeenkomst", "42")
    assert proc.returncode == 1 and "geen bijeenkomst 42" in proc.stderr
    proc = run(db, "export", "--traject", "Bestaat niet", "--format", "md")
    assert proc.returncode == 1 and "Geen traject met de naam 'Bestaat niet'" in proc.stderr
    proc = run(db, "export", "--format", "md")
    assert proc.returncode == 1 and "--traject" in proc.stderr


def test_full_backup_and_restore_never_overwrites(tmp_path):
    db = tmp_path / "s.json"
    run(db, "demo")
    kopie = tmp_path / "alles.json"
    assert run(db, "export", "--format", "json", "-o", str(kopie)).returncode == 0
    voor = {t.naam for t in _snap(db).all("traject")}
    proc = run(db, "import", str(kopie))
    assert proc.returncode == 0, proc.stderr
    assert "Teruggezet:" in proc.stdout and "(2)" in proc.stdout
    na = {t.naam for t in _snap(db).all("traject")}
    assert na == voor | {f"{n} (2)" for n in voor}
    leeg = tmp_path / "leeg.json"
    assert run(leeg, "import", str(kopie)).returncode == 0
    assert {t.naam for t in _snap(leeg).all("traject")} == voor


def test_import_trello_board(tmp_path):
    db = tmp_path / "s.json"
    run(db, "demo")
    bord = tmp_path / "bord.json"
    assert run(db, "export", "--traject", WERKPLAATS, "--format", "trello", "-o", str(bord)).returncode == 0
    proc = run(db, "import", str(bord), "--traject", "Uit Trello")
    assert proc.returncode == 0, proc.stderr
    assert "3 acties" in proc.stdout
    snap = _snap(db)
    t = next(t for t in snap.all("traject") if t.naam == "Uit Trello")
    assert len(snap.of("actie", t.id)) == 3


def test_import_xlsx_export_into_existing_traject(tmp_path):
    db = tmp_path / "s.json"
    run(db, "demo")
    werkmap = tmp_path / "w.xlsx"
    run(db, "export", "--traject", WERKPLAATS, "--format", "xlsx", "-o", str(werkmap))
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(werkmap.read_bytes())).sheetnames[:3] == [  # then vraagstuk, doel, … (issue 18)
        "Knelpunten",
        "Oplossingsrichtingen",
        "Acties",
    ]
    proc = run(db, "import", str(werkmap), "--traject", "Kopie via Excel")
    assert proc.returncode == 0, proc.stderr
    assert "14 knelpunten" in proc.stdout and "2 oplossingsrichtingen" in proc.stdout and "3 acties" in proc.stdout


def test_cli_starts_without_heavy_imports():
    code = (
        "import sys; from schouders.__main__ import build_parser; build_parser().parse_args(['list']); "
        "print(sorted(m for m in ('streamlit', 'pandas', 'plotly', 'openpyxl', 'docx') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr

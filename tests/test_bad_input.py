"""Bad files: each gives one clear Dutch message (what is wrong, and in which row where that applies), a
non-zero exit on the command line, and leaves the store file byte-identical."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from schouders.__main__ import main
from schouders.demo import WERKPLAATS
from schouders.importers import backup, bestand, chat, tabel

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _backup(demo_store) -> bytes:
    snap = demo_store.snapshot()
    t = next(t for t in snap.all("traject") if t.naam == WERKPLAATS)
    return backup.maak_bytes(snap, t.id)


def _slechte_backup(demo_store) -> bytes:
    data = json.loads(_backup(demo_store))
    data["data"]["knelpunt"][1]["belang"] = 9
    return json.dumps(data).encode()


GEVALLEN = {
    # name: (file name, contents (bytes or a function of the demo store), words the message must contain)
    "lege csv": ("leeg.csv", b"", ["leeg.csv", "leeg"]),
    "lege txt": ("leeg.txt", b"  \n\n", ["leeg.txt", "leeg"]),
    "lege json": ("leeg.json", b"", ["leeg.json", "leeg"]),
    "lege xlsx-kop": ("kop.xlsx", lambda s: _xlsx([["Knelpunt", "Gebied"]]), ["kop.xlsx", "geen bruikbare rijen"]),
    "binair als csv": ("foto.csv", PNG, ["foto.csv", "binaire gegevens"]),
    "binair als txt": ("foto.txt", PNG, ["foto.txt", "binaire gegevens"]),
    "binair als xlsx": ("foto.xlsx", PNG, ["foto.xlsx", "binaire gegevens"]),
    "kapotte xlsx": ("kapot.xlsx", lambda s: _xlsx([["Knelpunt"], ["x"]])[:300], ["kapot.xlsx", "beschadigd"]),
    "oud xls": ("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ["oud.xls", ".xls", ".xlsx"]),
    "csv zonder tekstkolom": ("cijfers.csv", b"Nummer;Bedrag\n1;20\n2;30\n", ["cijfers.csv", "geen kolom", "'Nummer'"]),
    "xlsx zonder tekstkolom": (
        "cijfers.xlsx",
        lambda s: _xlsx([["Nummer", "Bedrag"], [1, 20]]),
        ["cijfers.xlsx", "geen kolom", "'Bedrag'"],
    ),
    "alleen rijen zonder tekst": ("gaten.csv", b"Knelpunt;Groep\n;A\n;B\n", ["gaten.csv", "Rij 2", "geen tekst"]),
    "afgebroken json": ("kopie.json", lambda s: _backup(s)[:-40], ["kopie.json", "onvolledig", "regel"]),
    "kapotte json": ("kopie.json", b'{"app": "schouders", x}', ["kopie.json", "geen geldig JSON", "regel 1"]),
    "ongeldig item in reservekopie": (
        "kopie.json",
        _slechte_backup,
        ["kopie.json", "knelpunt nummer 2", "Belang moet tussen 1 en 5"],
    ),
    "reservekopie uit de toekomst": (
        "nieuw.json",
        lambda s: json.dumps({**json.loads(_backup(s)), "schema": 99}).encode(),
        ["nieuw.json", "nieuwere versie"],
    ),
    "trello verkeerde vorm": (
        "bord.json",
        b'{"name": "Bord", "cards": {"a": 1}, "lists": []}',
        ["bord.json", "Trello"],
    ),
    "trello zonder lijsten": ("bord.json", b'{"name": "Bord", "cards": []}', ["bord.json", "'lists' ontbreekt"]),
    "trello alles gearchiveerd": (
        "bord.json",
        json.dumps(
            {
                "lists": [{"id": "l1", "name": "Doing", "closed": False}],
                "cards": [{"id": "c", "name": "x", "idList": "l1", "closed": True}],
            }
        ).encode(),
        ["bord.json", "geen open kaarten", "1 gearchiveerde"],
    ),
    "onbekende json": ("iets.json", b'{"hallo": [1, 2, 3]}', ["iets.json", "geen reservekopie", "geen Trello-bord"]),
    "json-lijst": ("lijst.json", b"[1, 2, 3]", ["lijst.json", "ik herken de inhoud niet"]),
    "csv te groot": ("groot.csv", b"Knelpunt\n" + b"x" * (tabel.MAX_BYTES + 1), ["groot.csv", "te groot"]),
    "chat te groot": ("groot.txt", b"regel\n" * (chat.MAX_BYTES // 6 + 10), ["groot.txt", "te groot"]),
}


@pytest.mark.parametrize("geval", list(GEVALLEN))
def test_cli_refuses_with_one_dutch_message_and_touches_nothing(geval, demo_store, tmp_path, capsys):
    naam, inhoud, woorden = GEVALLEN[geval]
    raw = inhoud(demo_store) if callable(inhoud) else inhoud
    pad = tmp_path / naam
    pad.write_bytes(raw)
    voor = demo_store.path.read_bytes()
    capsys.readouterr()
    code = main(["--db", str(demo_store.path), "import", str(pad), "--traject", WERKPLAATS])
    uit = capsys.readouterr()
    assert code == 1
    regels = [r for r in uit.err.splitlines() if r.strip()]
    assert len(regels) == 1, uit.err
    assert regels[0].startswith("Niet geïmporteerd: ")
    for w in woorden:
        assert w in regels[0], (w, regels[0])
    assert demo_store.path.read_bytes() == voor


@pytest.mark.parametrize("geval", ["lege csv", "binair als txt", "afgebroken json", "csv zonder tekstkolom"])
def test_the_same_files_fail_the_same_way_without_the_cli(geval, demo_store):
    naam, inhoud, woorden = GEVALLEN[geval]
    raw = inhoud(demo_store) if callable(inhoud) else inhoud
    with pytest.raises(ValueError) as exc:
        bestand.lees_bestand(raw, naam)
    for w in woorden:
        assert w in str(exc.value)


def test_unreadable_path_exits_2(store, tmp_path, capsys):
    voor = store.path.read_bytes()
    assert main(["--db", str(store.path), "import", str(tmp_path / "bestaat-niet.csv"), "--traject", "X"]) == 2
    assert "Kan " in capsys.readouterr().err
    assert store.path.read_bytes() == voor


def test_row_problems_are_listed_but_do_not_stop_the_import(store, tmp_path, capsys):
    pad = tmp_path / "gemengd.csv"
    pad.write_text("Knelpunt;Aandachtsgebied\nA;Kennis\nB;Sport\n;Keten\n", encoding="utf-8")
    assert main(["--db", str(store.path), "import", str(pad), "--traject", "Gemengd"]) == 0
    uit = capsys.readouterr()
    assert "Rij 3: aandachtsgebied 'Sport' ken ik niet" in uit.err
    assert "Rij 4: geen tekst" in uit.err
    assert "2 knelpunten toegevoegd" in uit.out


def test_saving_into_an_existing_name_as_new_is_refused(store):
    from schouders.importers.tabel import lees
    from schouders.model import Traject
    from schouders.trajecten import nieuw_traject

    nieuw_traject(store, "Bestaat", "werkplaats")
    voor = store.path.read_bytes()
    vb = lees(b"Knelpunt\nA\n", "a.csv")
    with pytest.raises(ValueError, match="al een traject"):
        vb.opslaan(store, Traject(naam="bestaat"))
    assert store.path.read_bytes() == voor


def test_exit_code_through_a_real_process(demo_store, tmp_path):
    pad = tmp_path / "leeg.csv"
    pad.write_bytes(b"")
    voor = demo_store.path.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "schouders", "--db", str(demo_store.path), "import", str(pad), "--traject", "X"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "Niet geïmporteerd: leeg.csv is leeg."
    assert demo_store.path.read_bytes() == voor

"""The command line changes only what it is asked to (issue 19.4): `check` only reads – a damaged file stays
byte-identical, a mistyped path creates nothing – and reports dangling links; `list` fails on a damaged store;
global options work before every command; every help and argument error is Dutch. Run as a user runs it:
`python -m schouders …` in a subprocess."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from schouders import demo
from schouders.model import Actie, Knelpunt, Oplossingsrichting
from schouders.store import Store
from tests.test_model import assert_dutch

ROOT = Path(__file__).resolve().parent.parent
ENGELS = re.compile(
    r"usage|error:|show this help|positional arguments|optional arguments|\boptions:|invalid choice|"
    r"unrecognized arguments|the following arguments are required|expected one argument|invalid int value",
    re.IGNORECASE,
)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
    return subprocess.run(
        [sys.executable, "-m", "schouders", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def toestand(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` with its sha256 (folders: "map")."""
    return {str(p.relative_to(folder)): ("map" if p.is_dir() else sha256(p)) for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory) -> bytes:
    """A sound store with the demo trajecten, made once."""
    db = tmp_path_factory.mktemp("bron") / "schouders.json"
    demo.laad_demo(Store(db))
    return db.read_bytes()


def _alleen(tmp_path: Path, raw: bytes) -> Path:
    """A folder with only the store file in it (no lock file, no backups)."""
    folder = tmp_path / "map"
    folder.mkdir()
    db = folder / "schouders.json"
    db.write_bytes(raw)
    return db


# ---- check only reads ---------------------------------------------------------------------------------------

BESCHADIGD = {
    "afgebroken": (lambda raw: raw[:-7], "geen geldige JSON"),
    "leeg": (lambda raw: b"", "leeg"),
    "binair": (lambda raw: b"\x00\x01\x02\xff", "geen geldige JSON"),
    "geen Schouders-bestand": (lambda raw: b'{"notities": {"1": {"tekst": "hoi"}}}', "geen Schouders-bestand"),
    "lijst in plaats van tabellen": (lambda raw: b"[1, 2, 3]", "geen tabel-indeling"),
}


@pytest.mark.parametrize("geval", sorted(BESCHADIGD))
def test_check_leaves_a_damaged_file_byte_identical_and_exits_1(tmp_path, demo_bytes, geval):
    maak, reden = BESCHADIGD[geval]
    db = _alleen(tmp_path, maak(demo_bytes))
    voor_hash, voor = sha256(db), toestand(db.parent)
    r = cli(db, "check")
    assert r.returncode == 1, r
    assert reden in r.stderr and str(db) in r.stderr
    assert "niets veranderd" in r.stderr
    assert_dutch(r.stderr)
    assert "Traceback" not in r.stderr
    assert sha256(db) == voor_hash
    assert toestand(db.parent) == voor  # nothing moved aside, no empty store, no lock file, no backup
    # and again: still the same answer, still nothing changed
    r2 = cli(db, "check")
    assert r2.returncode == 1 and r2.stderr == r.stderr
    assert toestand(db.parent) == voor


def test_check_on_a_mistyped_path_creates_nothing(tmp_path):
    voor = toestand(tmp_path)
    for pad in (tmp_path / "schoudres.json", tmp_path / "nieuwe-map" / "sub" / "schouders.json"):
        r = cli(pad, "check")
        assert r.returncode == 1, r
        assert r.stderr.strip() == f"Bestand bestaat niet: {pad}"
        assert r.stdout == ""
    assert toestand(tmp_path) == voor


def test_check_on_a_folder_exits_1_in_dutch(tmp_path):
    r = cli(tmp_path, "check")
    assert r.returncode == 1
    assert "map" in r.stderr
    assert_dutch(r.stderr)
    assert toestand(tmp_path) == {}


def test_check_of_a_sound_store_writes_nothing(tmp_path, demo_bytes):
    db = _alleen(tmp_path, demo_bytes)
    voor = toestand(db.parent)
    r = cli(db, "check")
    assert r.returncode == 0, r.stderr
    assert "In orde" in r.stdout and "2 trajecten" in r.stdout
    assert toestand(db.parent) == voor  # not even a lock file


def test_check_of_an_older_version_says_it_will_be_updated_and_writes_nothing(tmp_path, demo_bytes):
    data = orjson.loads(demo_bytes)
    data["_meta"]["1"]["schema"] = 1
    for doc in data["knelpunt"].values():  # schema 1 called it "quickwin"
        doc["quickwin"] = doc.pop("quick_win")
    db = _alleen(tmp_path, orjson.dumps(data))
    voor = toestand(db.parent)
    r = cli(db, "check")
    assert r.returncode == 0, r.stderr
    assert "bijgewerkt" in r.stdout and "In orde" in r.stdout
    assert toestand(db.parent) == voor  # no migration, no backup before it


# ---- links between records -------------------------------------------------------------------------------------


def _met_losse_links(demo_bytes: bytes) -> bytes:
    """The demo store with dangling links of the common kinds, and one link into another traject."""
    data = orjson.loads(demo_bytes)
    trajecten = list(data["traject"].values())
    tid, ander = trajecten[0]["id"], trajecten[1]["id"]
    kn = next(d for d in data["knelpunt"].values() if d["traject_id"] == tid)
    kn_ander = next(d for d in data["knelpunt"].values() if d["traject_id"] == ander)
    nieuw = {
        "9101": Knelpunt(traject_id=tid, tekst="Wees", groep_id="groep-weg").to_dict(),
        "9102": Knelpunt(traject_id=tid, tekst="Zonder bijeenkomst", bijeenkomst_id="bijeenkomst-weg").to_dict(),
        "9103": Knelpunt(traject_id=tid, tekst="Zonder vraagstuk", vraagstuk_id="vraagstuk-weg").to_dict(),
    }
    richtingen = {
        "9201": Oplossingsrichting(traject_id=tid, titel="Los", knelpunt_ids=(kn["id"], "knelpunt-weg")).to_dict(),
        "9202": Oplossingsrichting(traject_id=tid, titel="Over de grens", knelpunt_ids=(kn_ander["id"],)).to_dict(),
    }
    acties = {
        "9301": Actie(traject_id=tid, wat="Bellen", richting_id="richting-weg").to_dict(),
        "9302": Actie(traject_id=tid, wat="Mailen", eigenaar_id="deelnemer-weg").to_dict(),
        "9303": Actie(traject_id=tid, wat="Plannen", ronde_id="ronde-weg").to_dict(),
    }
    data["knelpunt"].update(nieuw)
    data.setdefault("richting", {}).update(richtingen)
    data.setdefault("actie", {}).update(acties)
    return orjson.dumps(data)


def test_check_reports_dangling_links_and_exits_1(tmp_path, demo_bytes):
    db = _alleen(tmp_path, _met_losse_links(demo_bytes))
    voor = toestand(db.parent)
    r = cli(db, "check")
    assert r.returncode == 1, r
    fouten = r.stderr
    verwacht = [
        "knelpunt 9101 ('Wees'): de groep (groep-weg) bestaat niet",
        "knelpunt 9102 ('Zonder bijeenkomst'): de bijeenkomst (bijeenkomst-weg) bestaat niet",
        "knelpunt 9103 ('Zonder vraagstuk'): het vraagstuk (vraagstuk-weg) bestaat niet",
        "richting 9202 ('Over de grens'): het knelpunt (",
        "actie 9301 ('Bellen'): de oplossingsrichting (richting-weg) bestaat niet",
        "actie 9302 ('Mailen'): de eigenaar (deelnemer-weg) bestaat niet",
        "actie 9303 ('Plannen'): de ronde (bijeenkomst) (ronde-weg) bestaat niet",
    ]
    for regel in verwacht:
        assert regel in fouten, (regel, fouten)
    assert "hoort bij een ander traject" in fouten
    # a knelpunt deleted in the app (undo keeps its place in richtingen) is a note, not a fault
    assert "richting 9201 ('Los'): het knelpunt (knelpunt-weg) bestaat niet meer; verder is het in orde" in r.stdout
    assert len([x for x in fouten.splitlines() if x.startswith("- ")]) == len(verwacht)
    assert_dutch(fouten)
    assert toestand(db.parent) == voor


def test_a_missing_source_is_a_note_not_a_fault(tmp_path, demo_bytes):
    data = orjson.loads(demo_bytes)
    tid = next(iter(data["traject"].values()))["id"]
    data["knelpunt"]["9401"] = Knelpunt(traject_id=tid, tekst="Uit de quickscan", bron_id="punt-weg").to_dict()
    db = _alleen(tmp_path, orjson.dumps(data))
    r = cli(db, "check")
    assert r.returncode == 0, r.stderr
    assert (
        "knelpunt 9401 ('Uit de quickscan'): de bron (punt-weg) bestaat niet meer" in r.stdout and "In orde" in r.stdout
    )


def test_the_demo_has_no_dangling_links(tmp_path, demo_bytes):
    r = cli(_alleen(tmp_path, demo_bytes), "check")
    assert r.returncode == 0 and "bestaat niet" not in r.stdout + r.stderr


# ---- list --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("geval", ["afgebroken", "binair", "geen Schouders-bestand"])
def test_list_on_a_damaged_store_exits_1_and_changes_nothing(tmp_path, demo_bytes, geval):
    db = _alleen(tmp_path, BESCHADIGD[geval][0](demo_bytes))
    voor = toestand(db.parent)
    for args in (("list",), ("list", "--json")):
        r = cli(db, *args)
        assert r.returncode == 1, r
        assert r.stdout == ""
        assert "beschadigd" in r.stderr and "check" in r.stderr
        assert_dutch(r.stderr)
    assert toestand(db.parent) == voor


def test_list_on_a_mistyped_path_creates_nothing(tmp_path):
    pad = tmp_path / "tikfout" / "schouders.json"
    r = cli(pad, "list")
    assert r.returncode == 0 and "bestaat (nog) niet" in r.stdout
    assert cli(pad, "list", "--json").stdout.strip() == "[]"
    assert toestand(tmp_path) == {}


# ---- global options, bench, Dutch help -------------------------------------------------------------------------


def test_db_before_bench_help_lists_its_options(tmp_path):
    db = tmp_path / "x.json"
    r = cli(db, "bench", "--help")
    assert r.returncode == 0, r.stderr
    for optie in ("--json", "--sizes", "--repeat", "--no-cold-start"):
        assert optie in r.stdout
    assert "gebruik: python -m schouders bench" in r.stdout
    assert not ENGELS.search(r.stdout), r.stdout
    assert toestand(tmp_path) == {}


def test_bench_argument_error_is_dutch_and_runs_nothing(tmp_path):
    r = cli(tmp_path / "x.json", "bench", "--repeat", "veel")
    assert r.returncode == 2
    assert "fout:" in r.stderr and "geheel getal" in r.stderr
    assert not ENGELS.search(r.stderr), r.stderr
    assert toestand(tmp_path) == {}


def _opdrachten() -> list[str]:
    from schouders.__main__ import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return list(sub.choices)


def test_the_commands_are_the_known_ones():
    assert {"list", "check", "bench", "demo", "import", "export"} <= set(_opdrachten())


@pytest.mark.parametrize("opdracht", [None, *_opdrachten()])
def test_help_of_every_command_is_dutch(tmp_path, opdracht):
    r = cli(tmp_path / "x.json", *([opdracht] if opdracht else []), "--help")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("gebruik: python -m schouders")
    assert "toon deze hulp en stop" in r.stdout
    assert not ENGELS.search(r.stdout), r.stdout
    assert toestand(tmp_path) == {}


@pytest.mark.parametrize(
    "args",
    [
        ("bestaat-niet",),
        (),
        ("list", "--bla"),
        ("import",),
        ("export", "--format", "pdf"),
        ("export", "--format", "md", "--bijeenkomst", "twee"),
        ("import", "lijst.txt", "--werkvorm"),
    ],
    ids=lambda a: " ".join(a) or "geen opdracht",
)
def test_argument_errors_are_dutch(tmp_path, args):
    r = cli(tmp_path / "x.json", *args)
    assert r.returncode == 2, r
    assert r.stderr.startswith("gebruik: python -m schouders")
    assert ": fout: " in r.stderr
    assert not ENGELS.search(r.stderr), r.stderr
    assert_dutch(r.stderr.splitlines()[-1].split(": fout: ", 1)[1])
    assert toestand(tmp_path) == {}


# ---- export only reads too -------------------------------------------------------------------------------------


def test_export_on_a_damaged_or_missing_store_exits_1_and_changes_nothing(tmp_path, demo_bytes):
    db = _alleen(tmp_path, demo_bytes[:-7])
    voor = toestand(tmp_path)
    r = cli(db, "export", "--format", "json", "-o", str(tmp_path / "uit.json"))
    assert r.returncode == 1, r
    assert "Niet geëxporteerd" in r.stderr and "beschadigd" in r.stderr
    assert_dutch(r.stderr)
    weg = tmp_path / "tikfout.json"
    r = cli(weg, "export", "--format", "json", "-o", str(tmp_path / "uit.json"))
    assert r.returncode == 1 and f"Bestand bestaat niet: {weg}" in r.stderr
    assert toestand(tmp_path) == voor


def test_check_after_normal_use_of_the_app_is_in_orde(tmp_path, demo_bytes):
    """Deleting knelpunten in the app (with undo) leaves their ids in richtingen: check must not call that broken."""
    from schouders import knelpunten as kp
    from schouders.store import Store

    db = _alleen(tmp_path, demo_bytes)
    store = Store(db)
    for t in store.snapshot().trajecten():
        for k in store.snapshot().of("knelpunt", t.id)[:5]:
            kp.verwijder(store, store.snapshot(), k.id)
    r = cli(db, "check")
    assert r.returncode == 0, r.stderr

"""The command line, run as a user runs it: `python -m schouders --db FILE …` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from schouders import demo
from schouders.model import Knelpunt
from schouders.store import Store
from tests.test_model import assert_dutch

ROOT = Path(__file__).resolve().parent.parent


def cli(db: Path, *args: str, python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "schouders", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "schouders.json"


def test_help_is_dutch(db):
    r = cli(db, "--help")
    assert r.returncode == 0
    assert "trajecten" in r.stdout and "gegevensbestand" in r.stdout
    assert not db.exists()  # --help touches nothing


def test_unknown_command_fails(db):
    r = cli(db, "bestaat-niet")
    assert r.returncode != 0


def test_demo_then_list_json(db):
    r = cli(db, "demo")
    assert r.returncode == 0, r.stderr
    assert demo.THEMADAG in r.stdout and demo.WERKPLAATS in r.stdout
    r = cli(db, "list", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {row["naam"] for row in rows} == {demo.THEMADAG, demo.WERKPLAATS}
    for row in rows:
        assert {"naam", "werkvorm", "knelpunten", "acties"} <= set(row)
        assert row["knelpunten"] > 0
        assert row["werkvorm"] in ("themadag", "werkplaats")
    assert {row["werkvorm"] for row in rows} == {"themadag", "werkplaats"}
    # the counts agree with the store
    snap = Store(db).snapshot()
    for row in rows:
        assert row["knelpunten"] == len(snap.of("knelpunt", row["id"]))
        assert row["acties"] == len(snap.of("actie", row["id"]))


def test_list_plain_text(db):
    r = cli(db, "list")
    assert r.returncode == 0 and "Nog geen trajecten" in r.stdout
    cli(db, "demo")
    r = cli(db, "list")
    assert r.returncode == 0
    assert demo.THEMADAG in r.stdout and "knelpunten" in r.stdout


def test_demo_twice_gives_two_more_not_duplicate_names(db):
    cli(db, "demo")
    cli(db, "demo")
    rows = json.loads(cli(db, "list", "--json").stdout)
    assert len(rows) == 4
    assert len({row["naam"] for row in rows}) == 4


def test_check_sound_store(db):
    cli(db, "demo")
    r = cli(db, "check")
    assert r.returncode == 0, r.stderr
    assert "In orde" in r.stdout
    assert r.stderr == ""


def _write_raw(db: Path, data: dict) -> None:
    db.write_bytes(orjson.dumps(data))


def test_check_broken_store_exits_non_zero_in_dutch(db):
    cli(db, "demo")
    s = Store(db)
    tid = s.snapshot().trajecten()[0].id
    data = s.raw()
    data["knelpunt"]["9001"] = Knelpunt(traject_id="verdwenen", tekst="wees").to_dict()  # no such traject
    data["knelpunt"]["9002"] = Knelpunt(traject_id=tid, tekst="x").to_dict() | {"belang": 11}  # invalid
    _write_raw(db, data)
    raw = db.read_bytes()
    r = cli(db, "check")
    assert r.returncode == 1
    assert "Er is iets mis" in r.stderr
    assert "knelpunt 9001" in r.stderr and "knelpunt 9002" in r.stderr
    assert "tussen 1 en 5" in r.stderr
    assert_dutch(r.stderr)
    assert "Traceback" not in r.stderr
    assert db.read_bytes() == raw  # check only reads
    # the rest of the data is still usable from the command line
    r = cli(db, "list", "--json")
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 2


def test_check_after_migration_is_sound(db):
    s = Store(db)
    data = s.raw()
    data["_meta"]["1"]["schema"] = 1
    _write_raw(db, data)
    r = cli(db, "check")
    assert r.returncode == 0, r.stderr
    assert "bijgewerkt" in r.stdout and "In orde" in r.stdout


# ---- import ---------------------------------------------------------------------------------------------------

LIJST = "\n".join(
    [
        "- Wachtlijst bij schuldhulp",
        "",
        "• Niemand weet wie wat doet",
        "* Formulieren zijn te moeilijk",
        "   ",
        "1. Geen tijd voor overleg",
        "2) Budget loopt in juni af",
        "10. Tiende punt met nummer",
        "Gewone regel zonder teken",
        "",
    ]
)
VERWACHT = [
    "Wachtlijst bij schuldhulp",
    "Niemand weet wie wat doet",
    "Formulieren zijn te moeilijk",
    "Geen tijd voor overleg",
    "Budget loopt in juni af",
    "Tiende punt met nummer",
    "Gewone regel zonder teken",
]


def test_import_strips_bullets_and_numbering_and_creates_the_traject(db, tmp_path):
    f = tmp_path / "knelpunten.txt"
    f.write_text(LIJST, encoding="utf-8")
    r = cli(db, "import", str(f), "--traject", "Werkplaats Zuid")
    assert r.returncode == 0, r.stderr
    assert "7" in r.stdout and "Werkplaats Zuid" in r.stdout
    snap = Store(db).snapshot()
    (t,) = snap.all("traject")
    assert t.naam == "Werkplaats Zuid" and t.werkvorm == "werkplaats"
    assert sorted(k.tekst for k in snap.of("knelpunt", t.id)) == sorted(VERWACHT)
    # a second import goes to the same traject (name matched case-insensitively); what is there is skipped
    r = cli(db, "import", str(f), "--traject", "werkplaats zuid")
    assert r.returncode == 0, r.stderr
    assert "7 staan al in dit traject en worden overgeslagen" in r.stdout
    r = cli(db, "import", str(f), "--traject", "werkplaats zuid", "--ook-dubbel")
    assert r.returncode == 0, r.stderr
    snap = Store(db).snapshot()
    assert len(snap.all("traject")) == 1
    assert len(snap.all("knelpunt")) == 14
    assert Store(db).check() == []


def test_import_windows_text_with_crlf_and_cp1252(db, tmp_path):
    f = tmp_path / "excel.txt"
    f.write_bytes("- Cliënt wacht te lang\r\n\r\n2) Überhaupt geen overleg\r\n".encode("cp1252"))
    r = cli(db, "import", str(f), "--traject", "Noord")
    assert r.returncode == 0, r.stderr
    assert sorted(k.tekst for k in Store(db).snapshot().all("knelpunt")) == [
        "Cliënt wacht te lang",
        "Überhaupt geen overleg",
    ]


BAD_INPUT = {
    "leeg bestand": b"",
    "alleen lege regels": b"\n\n   \n\t\n",
    "binair bestand": bytes(range(256)) * 8,
    "PNG-plaatje": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100),
}


@pytest.mark.parametrize("content", list(BAD_INPUT.values()), ids=list(BAD_INPUT))
def test_import_bad_input_changes_nothing(db, tmp_path, content):
    cli(db, "demo")
    raw = db.read_bytes()
    f = tmp_path / "invoer.txt"
    f.write_bytes(content)
    r = cli(db, "import", str(f), "--traject", "Nieuw traject")
    assert r.returncode != 0
    assert r.stderr.strip()
    assert_dutch(r.stderr)
    assert "Traceback" not in r.stderr
    assert db.read_bytes() == raw


def test_import_missing_file_changes_nothing(db, tmp_path):
    cli(db, "demo")
    raw = db.read_bytes()
    r = cli(db, "import", str(tmp_path / "bestaat-niet.txt"), "--traject", "Nieuw traject")
    assert r.returncode != 0
    assert "bestaat-niet.txt" in r.stderr
    assert_dutch(r.stderr)
    assert "Traceback" not in r.stderr
    assert db.read_bytes() == raw


def test_import_into_a_store_that_does_not_exist_yet_creates_nothing_on_bad_input(db, tmp_path):
    f = tmp_path / "leeg.txt"
    f.write_bytes(b"")
    r = cli(db, "import", str(f), "--traject", "Nieuw")
    assert r.returncode != 0
    assert not db.exists()


# ---- start-up ---------------------------------------------------------------------------------------------------

HEAVY = ("streamlit", "pandas", "plotly", "numpy", "pyarrow")


@pytest.mark.parametrize("args", [("list",), ("list", "--json"), ("check",)])
def test_cli_does_not_import_streamlit_or_heavy_libraries(db, args):
    Store(db)
    r = cli(db, *args, python_flags=("-X", "importtime"))
    assert r.returncode == 0, r.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in r.stderr.splitlines() if "|" in line}
    assert "schouders" in imported  # the importtime output was read
    assert not imported & set(HEAVY), imported & set(HEAVY)


def test_cli_commands_never_load_streamlit(db, tmp_path):
    f = tmp_path / "lijst.txt"
    f.write_text(LIJST, encoding="utf-8")
    code = (
        "import sys\n"
        "from schouders.__main__ import main\n"
        "db, f = sys.argv[1], sys.argv[2]\n"
        "for args in (['demo'], ['list'], ['check'], ['import', f, '--traject', 'X']):\n"
        "    assert main(['--db', db, *args]) == 0, args\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(db), str(f)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_cli_starts_fast(db):
    """Measured in CPU seconds of the child process, which a busy shared machine hardly changes; wall time
    on an idle machine is about the same (0.3 s). A loose bound: it catches a heavy import, not noise."""
    resource = pytest.importorskip("resource")
    Store(db)
    cpu, wall = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = cli(db, "list")
        wall.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        assert r.returncode == 0
    print(f"python -m schouders list: cpu {min(cpu):.2f} s, wall {min(wall):.2f} s")
    assert min(cpu) < 1.0, cpu

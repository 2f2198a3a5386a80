"""Damaged or foreign files: moved aside byte-identical, never overwritten; the store starts empty and works."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from schouders import store as store_mod
from schouders.model import Knelpunt, Traject
from schouders.store import Store
from tests.test_model import assert_dutch

ROOT = Path(__file__).resolve().parent.parent
META = {"_meta": {"1": {"app": "schouders", "schema": store_mod.SCHEMA_VERSION}}}


def _sound_store_bytes() -> bytes:
    t = Traject(naam="Noord", id="t1")
    kn = {str(i): Knelpunt(traject_id="t1", tekst=f"knelpunt {i}").to_dict() for i in range(1, 30)}
    return orjson.dumps(META | {"traject": {"1": t.to_dict()}, "knelpunt": kn})


SOUND = _sound_store_bytes()

DAMAGED: dict[str, bytes] = {
    "leeg": b"",
    "alleen witruimte": b"  \n\t \r\n",
    "afgekapt": SOUND[: len(SOUND) // 2],
    "afgekapt na één teken": SOUND[:1],
    "NUL-bytes": b"\x00" * 4096,
    "NUL-bytes in goede JSON": SOUND[:100] + b"\x00" * 10 + SOUND[100:],
    "willekeurige bytes": random.Random(1).randbytes(4096),
    "ongeldige UTF-8": b'{"_meta": "\xff\xfe"}',
    "lijst": b"[]",
    "lijst met records": b'[{"tekst": "knelpunt"}]',
    "tekst": b'"hallo"',
    "getal": b"42",
    "null": b"null",
    "dict zonder _meta": b'{"traject": {}, "knelpunt": {}}',
    "leeg dict": b"{}",
    "TinyDB-bestand van een andere app": b'{"_default": {"1": {"naam": "Jan", "leeftijd": 42}}}',
    "_meta van een andere app": b'{"_meta": {"1": {"app": "boekhouding", "schema": 2}}, "_default": {}}',
    "tabel met verkeerde vorm": orjson.dumps(META | {"knelpunt": [{"tekst": "x"}]}),
    "record met verkeerde vorm": orjson.dumps(META | {"knelpunt": {"1": "tekst"}}),
    "versienummer geen getal": b'{"_meta": {"1": {"app": "schouders", "schema": "twee"}}}',
    "_meta geen dict": b'{"_meta": ["schouders"]}',
}


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("content", list(DAMAGED.values()), ids=list(DAMAGED))
def test_damaged_file_is_moved_aside_byte_identical(tmp_path, content):
    path = tmp_path / "schouders.json"
    path.write_bytes(content)
    s = Store(path)

    (moved,) = s.moved_aside
    assert moved.parent == path.parent
    assert moved.name.startswith("schouders.json.beschadigd-")
    assert moved.read_bytes() == content  # byte-identical, nothing lost
    (melding,) = s.meldingen
    assert str(moved) in melding
    assert_dutch(melding)
    assert s.check() == [melding]  # the data the user had is not in use: check says so

    # The store starts empty and sound …
    data = orjson.loads(path.read_bytes())
    assert store_mod.check_shape(data) is None
    assert s.snapshot().all("traject") == () and s.snapshot().all("knelpunt") == ()
    # … and is usable; the moved file is never touched again.
    t = s.add(Traject(naam="Nieuw begin"))
    s.add(Knelpunt(traject_id=t.id, tekst="eerste"))
    again = Store(path)
    assert again.moved_aside == [] and again.check() == []
    assert [k.tekst for k in again.snapshot().all("knelpunt")] == ["eerste"]
    assert moved.read_bytes() == content


def test_damaged_again_never_overwrites_the_first_moved_file(tmp_path):
    path = tmp_path / "schouders.json"
    moved = []
    for content in (b"eerste kapotte inhoud", b"tweede kapotte inhoud", b"[]"):
        path.write_bytes(content)
        moved += Store(path).moved_aside
    assert len({m.name for m in moved}) == 3
    assert [m.read_bytes() for m in moved] == [b"eerste kapotte inhoud", b"tweede kapotte inhoud", b"[]"]


def test_damaged_then_restore_a_backup(tmp_path):
    """The user's way back: the damaged file is set aside, a backup is restored, all is well again."""
    path = tmp_path / "schouders.json"
    s = Store(path, backup_keep=5, backup_interval=0)
    t = s.add(Traject(naam="Noord"))
    s.add(Knelpunt(traject_id=t.id, tekst="bewaard"))
    s.add(Knelpunt(traject_id=t.id, tekst="laatste"))
    path.write_bytes(b"\x00" * 100)  # the disk or another program broke it

    s = Store(path, backup_keep=5, backup_interval=0)
    assert len(s.moved_aside) == 1 and s.check()
    newest = s.backups()[0]
    assert [k["tekst"] for k in orjson.loads(newest.read_bytes())["knelpunt"].values()] == ["bewaard"]
    s.restore(newest)
    assert [k.tekst for k in s.snapshot().all("knelpunt")] == ["bewaard"]
    assert s.check() == []  # solved: check no longer reports the damaged file
    assert s.moved_aside[0].read_bytes() == b"\x00" * 100


def test_a_file_with_a_bom_is_still_our_data(tmp_path):
    """Editors on Windows may save with a UTF-8 byte order mark; that is no reason to set the data aside."""
    path = tmp_path / "schouders.json"
    path.write_bytes(b"\xef\xbb\xbf" + SOUND)
    s = Store(path)
    assert s.moved_aside == [] and s.check() == []
    assert len(s.snapshot().all("knelpunt")) == 29


def test_damage_by_another_program_while_open(store):
    """A file broken behind the store's back (by hand, by another program) is moved aside on the next read,
    and the store writes what it had in memory: nothing is lost on either side."""
    t = store.add(Traject(naam="Noord"))
    store.add(Knelpunt(traject_id=t.id, tekst="in het geheugen"))
    store.path.write_bytes(b'{"kapot')
    snap = store.snapshot()
    (moved,) = store.moved_aside
    assert moved.read_bytes() == b'{"kapot'
    assert [k.tekst for k in snap.all("knelpunt")] == ["in het geheugen"]
    assert [k.tekst for k in Store(store.path).snapshot().all("knelpunt")] == ["in het geheugen"]


def test_unreadable_path_is_a_dutch_storeerror(tmp_path):
    folder = tmp_path / "schouders.json"
    folder.mkdir()  # a folder where the file should be
    with pytest.raises(store_mod.StoreError) as info:
        Store(folder)
    assert_dutch(str(info.value))
    assert folder.is_dir() and list(folder.iterdir()) == []


# ---- the command line on a damaged file ---------------------------------------------------------------------


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
    return subprocess.run(
        [sys.executable, "-m", "schouders", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_cli_check_on_a_damaged_file(tmp_path):
    """`check` only reads (issue 19): a damaged file stays exactly where and as it is, exit 1, Dutch reason."""
    db = tmp_path / "schouders.json"
    content = SOUND[:-7]  # truncated
    db.write_bytes(content)
    for _ in range(2):
        r = _cli(db, "check")
        assert r.returncode == 1, r
        assert db.read_bytes() == content
        assert not list(tmp_path.glob("schouders.json.beschadigd-*"))
        assert "is beschadigd" in r.stderr
        assert_dutch(r.stderr)
        assert "Traceback" not in r.stderr


def test_cli_list_on_a_damaged_file_says_so(tmp_path):
    db = tmp_path / "schouders.json"
    db.write_bytes(b"\x00\x01\x02")
    r = _cli(db, "list")
    assert r.returncode == 1  # not silently: the user learns the file is damaged, and it stays as it was
    assert r.stderr.strip() and "Traceback" not in r.stderr
    assert db.read_bytes() == b"\x00\x01\x02"


def test_cli_on_a_newer_schema_leaves_it_untouched(tmp_path):
    db = tmp_path / "schouders.json"
    raw = orjson.dumps({"_meta": {"1": {"app": "schouders", "schema": 99}}})
    db.write_bytes(raw)
    before = _folder_state(tmp_path)
    for cmd in ("check", "list", "demo"):
        r = _cli(db, cmd)
        assert r.returncode not in (0, 1), r  # 3: a store problem, not a data problem
        assert "nieuwere versie" in r.stderr and "Traceback" not in r.stderr
    after = _folder_state(tmp_path)
    after.pop("schouders.json.lock", None)
    before.pop("schouders.json.lock", None)
    assert after == before

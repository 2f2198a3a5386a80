"""Issue 20: the store and its backups are readable by the user alone (0600/0700), and stay so across writes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from schouders.model import Knelpunt, Traject
from schouders.store import Store, atomic_write_bytes

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def umask_022():
    oud = os.umask(0o022)  # the usual umask, which made the store 0644
    yield
    os.umask(oud)


def _schrijf_een_paar_keer(store: Store) -> None:
    t = Traject(naam="Rechten")
    store.add(t)
    for i in range(3):
        store.add(Knelpunt(traject_id=t.id, tekst=f"punt {i}"))


def test_a_new_store_is_0600_and_its_backups_folder_0700(tmp_path: Path, umask_022):
    store = Store(tmp_path / "schouders.json", backup_interval=0)
    assert _mode(store.path) == 0o600
    _schrijf_een_paar_keer(store)
    assert _mode(store.path) == 0o600
    assert store.backups(), "a write with backup_interval=0 makes backups"
    assert _mode(store.backup_dir) == 0o700
    assert all(_mode(b) == 0o600 for b in store.backups())


def test_even_with_umask_0_nothing_is_world_readable(tmp_path: Path):
    oud = os.umask(0)
    try:
        store = Store(tmp_path / "schouders.json", backup_interval=0)
        _schrijf_een_paar_keer(store)
    finally:
        os.umask(oud)
    assert _mode(store.path) == 0o600
    assert _mode(store.backup_dir) == 0o700


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_the_existing_mode_is_kept_across_writes(tmp_path: Path, umask_022, mode: int):
    pad = tmp_path / "schouders.json"
    Store(pad)
    os.chmod(pad, mode)
    store = Store(pad, backup_interval=0)
    _schrijf_een_paar_keer(store)
    assert _mode(pad) == mode


def test_atomic_write_keeps_the_mode_and_defaults_to_0600(tmp_path: Path, umask_022):
    nieuw = tmp_path / "nieuw.json"
    atomic_write_bytes(nieuw, b"{}")
    assert _mode(nieuw) == 0o600
    os.chmod(nieuw, 0o640)
    atomic_write_bytes(nieuw, b"{ }")
    assert _mode(nieuw) == 0o640 and nieuw.read_bytes() == b"{ }"


def test_a_cli_import_keeps_0600(tmp_path: Path):
    """Found by the probe: a user's 0600 store became 0644 after one `python -m schouders import`."""
    db = tmp_path / "schouders.json"
    Store(db)
    os.chmod(db, 0o600)
    f = tmp_path / "punten.txt"
    f.write_text("- Te weinig tijd\n- Geen overleg\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
    r = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from schouders.__main__ import main; sys.exit(main())"]
        + ["--db", str(db), "import", str(f), "--traject", "Rechten"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert _mode(db) == 0o600

"""`list` and `check` on a read-only folder or file system, where the lock file cannot be made (issue 20.4).

Three ways, whichever the machine allows:
- a real read-only file system: a read-only bind mount of the store's folder in a private mount namespace
  (`unshare -m`, needs root or user namespaces); nothing outside the one command sees the mount;
- a folder chmod 0555 when not running as root (root writes there anyway, so that test skips as root);
- always: the lock's creation monkeypatched to raise EROFS/EACCES, in process.
Before: `list` ended in filelock's English traceback (OSError: [Errno 30] Read-only file system).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from schouders.model import Traject
from schouders.store import Store, StoreError

ROOT = Path(__file__).resolve().parent.parent


def _inhoud(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "map"
        for p in sorted(folder.rglob("*"))
    }


def _maak(folder: Path, *, met_slot: bool) -> Path:
    db = folder / "schouders.json"
    Store(db).add(Traject(naam="Noord"))
    slot = Path(str(db) + ".lock")
    if not met_slot:
        slot.unlink(missing_ok=True)
    return db


def _kan_unshare() -> str | None:
    if not shutil.which("unshare"):
        return "unshare is er niet"
    r = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return None if r.returncode == 0 else f"unshare -m mag hier niet ({r.stderr.decode().strip()})"


@pytest.mark.parametrize("met_slot", [True, False], ids=["slotbestand-bestaat", "geen-slotbestand"])
def test_list_en_check_op_alleen_lezen_bestandssysteem(tmp_path: Path, met_slot: bool) -> None:
    waarom = _kan_unshare()
    if waarom:
        pytest.skip(f"geen alleen-lezen mount mogelijk: {waarom}")
    map_ = tmp_path / "ro"
    map_.mkdir()
    db = _maak(map_, met_slot=met_slot)
    voor = _inhoud(map_)
    cli = f"{sys.executable} -m schouders --db {db}"
    script = (
        f"mount --bind {map_} {map_} && mount -o remount,ro,bind {map_} && touch {map_}/x 2>/dev/null && exit 9; "
        f"{cli} list; echo rc=$?; {cli} check; echo rc=$?; {cli} list --json >/dev/null; echo rc=$?; "
        f"{cli} demo; echo rc=$?"
    )
    env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
    r = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=180, env=env
    )
    assert "rc=" in r.stdout, (r.stdout, r.stderr)  # exit 9: the mount was not read-only after all
    uit = r.stdout.splitlines()
    assert uit[0] == "Noord · Werkplaats · 0 knelpunten · 0 acties"
    assert uit[1] == "rc=0"
    assert uit[2] == f"In orde: {db} (1 trajecten, 0 knelpunten)." and uit[3] == "rc=0"
    assert uit[4] == "rc=0"  # list --json
    assert uit[-1] == "rc=3"  # demo writes: refused
    assert "Traceback" not in r.stderr
    assert (
        f"Het slotbestand {db}.lock kan niet gemaakt worden (de schijf of map kan alleen gelezen worden): "
        "Schouders leest het gegevensbestand zonder slot en kan er niets in bewaren."
    ) in r.stderr
    assert "Bewaren in" in r.stderr and "is niet bewaard" in r.stderr
    assert _inhoud(map_) == voor


@pytest.mark.skipif(os.geteuid() == 0, reason="als root houdt chmod 0555 niemand tegen (de mount-test dekt dit)")
def test_list_en_check_in_map_0555(tmp_path: Path) -> None:
    map_ = tmp_path / "ro"
    map_.mkdir()
    db = _maak(map_, met_slot=False)
    voor = _inhoud(map_)
    map_.chmod(0o555)
    try:
        env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
        for cmd in (["list"], ["check"]):
            r = subprocess.run(
                [sys.executable, "-m", "schouders", "--db", str(db), *cmd],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env=env,
            )
            assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert _inhoud(map_) == voor
    finally:
        map_.chmod(0o755)


@pytest.mark.parametrize("fout", [errno.EROFS, errno.EACCES])
def test_slot_niet_te_maken_lezen_wel_bewaren_niet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fout: int) -> None:
    """In process, on any machine: the lock's creation raises as on a read-only folder. The store reads,
    never writes without the lock (here the folder is in fact writable), and says so in Dutch."""
    db = _maak(tmp_path, met_slot=False)
    voor = _inhoud(tmp_path)

    def geweigerd(self: FileLock, *args: object, **kwargs: object) -> None:
        raise OSError(fout, os.strerror(fout), self.lock_file)

    monkeypatch.setattr(FileLock, "acquire", geweigerd)
    s = Store(db)
    assert [t.naam for t in s.snapshot().all("traject")] == ["Noord"]
    (melding,) = s.meldingen
    assert melding.startswith(f"Het slotbestand {db}.lock kan niet gemaakt worden (")
    with pytest.raises(StoreError, match=r"lukte niet: het slotbestand kan niet gemaakt worden"):
        s.add(Traject(naam="Zuid"))
    db.unlink()
    s.snapshot()  # gone while read-only: not written without the lock, said once
    assert s.meldingen[-1].startswith(f"Het gegevensbestand {db} was weg en kon niet opnieuw geschreven worden")
    monkeypatch.undo()
    assert not db.exists()
    assert set(_inhoud(tmp_path)) == set(voor) - {"schouders.json"}
    s.add(Traject(naam="Zuid"))  # the lock works again: writes again
    assert sorted(t.naam for t in Store(db).snapshot().all("traject")) == ["Noord", "Zuid"]


def test_ander_slotprobleem_is_nederlands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _maak(tmp_path, met_slot=True)

    def kapot(self: FileLock, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", self.lock_file)

    monkeypatch.setattr(FileLock, "acquire", kapot)
    with pytest.raises(StoreError, match=r"^Het slotbestand .*\.lock kan niet gemaakt worden: het systeem weigerde"):
        Store(db)

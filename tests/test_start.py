"""The README's first command on a fresh laptop (issue 19.5): `python3 start.py` in a fresh copy of the repo
makes .venv, installs requirements.txt into it and starts the app; a second start installs nothing.

Runs the real thing: pip may use the package index (its cache keeps it quick); nothing else from the network.
Linux only here – what Windows and macOS do differently is in start.py's docstring; the Windows paths are
checked below without Windows."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _kopie(doel: Path) -> None:
    """The repo as a new user gets it: the files git knows, nothing of this working tree's .venv or data."""
    namen = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for naam in [n for n in namen.decode().split("\0") if n]:
        bron = ROOT / naam
        if bron.is_file():
            (doel / naam).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(bron, doel / naam)
    if not (doel / "start.py").exists():  # not committed yet in this working tree
        shutil.copy2(ROOT / "start.py", doel / "start.py")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gezond(poort: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{poort}/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


def _start(map_: Path, tmp: Path, log: Path, wacht: float) -> tuple[float, str]:
    """Run `python3 start.py` headless on a free port until the health endpoint says ok; then stop it.
    Returns (seconds until healthy, what it printed)."""
    poort = _vrije_poort()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env |= {
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_PORT": str(poort),
        "SCHOUDERS_DB": str(tmp / "schouders.json"),
    }
    python = shutil.which("python3") or sys.executable
    begin = time.monotonic()
    with open(log, "wb") as uit:
        proc = subprocess.Popen(
            [python, "start.py"], cwd=map_, env=env, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            while time.monotonic() - begin < wacht:
                if proc.poll() is not None:
                    pytest.fail(f"start.py stopte (code {proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
                if _gezond(poort):
                    return time.monotonic() - begin, log.read_text(errors="replace")
                time.sleep(0.5)
            pytest.fail(
                f"geen antwoord op /_stcore/health na {wacht:.0f} s:\n{log.read_text(errors='replace')[-3000:]}"
            )
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)  # start.py's own process group: Streamlit and nothing else
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(10)
    raise AssertionError("not reached")


@pytest.mark.slow
@pytest.mark.timeout(1200)
@pytest.mark.skipif(os.name == "nt", reason="the test stops the app through a POSIX process group")
def test_start_py_sets_up_and_starts_the_app_from_a_fresh_copy(tmp_path):
    map_ = tmp_path / "schouders"
    _kopie(map_)
    assert not (map_ / ".venv").exists()
    eerste, uit = _start(map_, tmp_path, tmp_path / "eerste.log", wacht=900)
    assert "Eenmalig: een eigen Python-omgeving maken" in uit and "De onderdelen installeren" in uit
    assert (map_ / ".venv" / "bin" / "python").exists()
    stempel = map_ / ".venv" / "schouders-requirements.sha256"
    assert stempel.exists()
    assert "127.0.0.1" in uit  # config.toml applies: local only
    # with arguments it is the command line, with the venv's packages (python3 itself has none of them)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["SCHOUDERS_DB"] = str(tmp_path / "leeg.json")
    r = subprocess.run(
        [shutil.which("python3") or sys.executable, "start.py", "list"],
        cwd=map_,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and "Nog geen trajecten" in r.stdout, r.stdout + r.stderr
    assert "installeren" not in r.stdout
    # a second start: nothing made, nothing installed
    tweede, uit = _start(map_, tmp_path, tmp_path / "tweede.log", wacht=180)
    assert "Eenmalig" not in uit and "installeren" not in uit
    assert tweede < eerste
    # requirements.txt changed: pip runs again (everything is there already, so it is quick)
    with open(map_ / "requirements.txt", "a", encoding="utf-8") as fh:
        fh.write("# gewijzigd\n")
    _, uit = _start(map_, tmp_path, tmp_path / "derde.log", wacht=600)
    assert "De onderdelen installeren" in uit and "Eenmalig" not in uit
    print(f"start.py: eerste keer {eerste:.1f} s, tweede keer {tweede:.1f} s tot /_stcore/health 'ok'")


def test_start_py_knows_each_platforms_paths_and_opens_the_browser_by_hand(monkeypatch):
    sys.path.insert(0, str(ROOT))
    try:
        import start
    finally:
        sys.path.remove(str(ROOT))
    monkeypatch.setattr(start, "WINDOWS", True)
    assert start.venv_python() == ROOT / ".venv" / "Scripts" / "python.exe"
    monkeypatch.setattr(start, "WINDOWS", False)
    assert start.venv_python() == ROOT / ".venv" / "bin" / "python"
    monkeypatch.delenv("STREAMLIT_SERVER_HEADLESS", raising=False)
    cmd = start.streamlit_opdracht()
    assert cmd[1:5] == ["-m", "schouders.server", "run", "app.py"]  # with the server layer (issue 20)
    assert "--server.headless=false" in cmd and "--server.showEmailPrompt=false" in cmd
    monkeypatch.setenv("STREAMLIT_SERVER_HEADLESS", "true")
    assert "--server.headless=false" not in start.streamlit_opdracht()
    # the README's first command is what the slow test above runs
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    starten = readme[readme.index("## Starten") : readme.index("\n## ", readme.index("## Starten") + 5)]
    assert "`python3 start.py`" in starten and "`py start.py`" in starten
    # .venv stays out of git
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
